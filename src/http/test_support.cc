#include "http/test_support.h"

#include "http/beast.h"  // first: Asio needs <utility> before its headers

#include <gtest/gtest.h>

#include "core/crypto.h"
#include "store/open_store.h"

namespace hearken::http::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

Reply FromBeast(bhttp::response<bhttp::string_body>& res) {
  Reply reply;
  reply.status = static_cast<int>(res.result_int());
  for (const auto& field : res) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (name == "set-cookie") reply.set_cookies.emplace_back(field.value());
    reply.headers[name] = std::string(field.value());
  }
  reply.body = res.body();
  return reply;
}

}  // namespace

Json Reply::json() const {
  Json parsed = Json::parse(body, nullptr, false);
  return parsed.is_discarded() ? Json(nullptr) : parsed;
}

std::string Reply::Header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? "" : it->second;
}

Reply Send(unsigned short port, const std::string& method, const std::string& target, const std::string& body,
           const Auth& auth, const std::vector<std::pair<std::string, std::string>>& headers,
           const std::string& content_type) {
  Reply reply;
  try {
    asio::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.expires_after(std::chrono::seconds(60));
    stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    bhttp::request<bhttp::string_body> req;
    req.method_string(method);
    req.target(target);
    req.version(11);
    req.set(bhttp::field::host, "127.0.0.1");
    if (!auth.bearer.empty()) req.set(bhttp::field::authorization, "Bearer " + auth.bearer);
    if (!auth.cookie.empty()) req.set(bhttp::field::cookie, "hearken_session=" + auth.cookie);
    if (!auth.csrf.empty()) req.set("X-CSRF-Token", auth.csrf);
    for (const auto& [k, v] : headers) req.insert(k, v);
    if (!body.empty()) {
      if (!content_type.empty()) req.set(bhttp::field::content_type, content_type);
      req.body() = body;
    }
    req.prepare_payload();
    bhttp::write(stream, req);
    beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64u << 20);
    if (method == "HEAD") parser.skip(true);
    bhttp::read(stream, buffer, parser);
    reply = FromBeast(parser.get());
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
  } catch (const std::exception& e) {
    reply.error = e.what();
  }
  return reply;
}

Reply SendRaw(unsigned short port, const std::string& bytes, bool half_close) {
  Reply reply;
  try {
    asio::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.expires_after(std::chrono::seconds(10));
    stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    asio::write(stream.socket(), asio::buffer(bytes));
    beast::error_code ec;
    if (half_close) stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::string_body> parser;
    bhttp::read(stream, buffer, parser, ec);
    if (!ec) reply = FromBeast(parser.get());
    else reply.error = ec.message();
  } catch (const std::exception& e) {
    reply.error = e.what();
  }
  return reply;
}

struct KeepAliveClient::Impl {
  asio::io_context ioc;
  beast::tcp_stream stream{ioc};
  beast::flat_buffer buffer;
};

KeepAliveClient::KeepAliveClient(unsigned short port) : impl_(std::make_unique<Impl>()) {
  impl_->stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
}

KeepAliveClient::~KeepAliveClient() = default;

Reply KeepAliveClient::Get(const std::string& target) {
  Reply reply;
  try {
    bhttp::request<bhttp::string_body> req{bhttp::verb::get, target, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    req.keep_alive(true);
    impl_->stream.expires_after(std::chrono::seconds(30));
    bhttp::write(impl_->stream, req);
    bhttp::response<bhttp::string_body> res;
    bhttp::read(impl_->stream, impl_->buffer, res);
    reply = FromBeast(res);
  } catch (const std::exception& e) {
    reply.error = e.what();
  }
  return reply;
}

bool KeepAliveClient::ClosedByServer(std::chrono::milliseconds timeout) {
  beast::error_code ec;
  char byte;
  impl_->stream.expires_after(timeout);
  impl_->stream.read_some(asio::buffer(&byte, 1), ec);
  return ec == asio::error::eof || ec == asio::error::connection_reset;
}

const std::string& PasswordHash() {
  static const std::string hash = *HashPassword(kPassword);
  return hash;
}

bool IsProblem(const Reply& reply, int status, const std::string& field) {
  if (reply.status != status) return false;
  if (reply.Header("content-type") != "application/problem+json") return false;
  Json j = reply.json();
  if (!j.is_object() || !j.contains("type") || !j.contains("title") || j.value("status", 0) != status ||
      !j.contains("detail") || !j["errors"].is_array())
    return false;
  if (field.empty()) return true;
  for (const auto& e : j["errors"])
    if (e.value("field", "") == field) return true;
  return false;
}

Harness::Harness(ServerOptions options) : clock_(TimePoint(std::chrono::seconds(1'790'000'000))) {
  auto store = OpenStore(NewTestDatabaseUrl(), clock_);
  if (!store.ok()) throw std::runtime_error("cannot open the test store: " + store.error().message);
  store_ = std::move(*store);
  if (Status st = store_->Migrate(); !st.ok()) throw std::runtime_error("migrate: " + st.error().message);
  store_->subjects().UseSealingKey(std::string(32, '\x3c'));  // as the app does, from its key directory
  WriteContext ctx{{std::nullopt, "test"}, ""};
  for (Role role : {Role::kAdmin, Role::kQualityManager, Role::kHandler, Role::kViewer}) {
    User user = AddUser(std::string(ToString(role)) + "@example.org", role);
    const std::string token = RandomToken();
    auto created = store_->users().CreateApiToken(ctx, user.id, "test", HashToken(token));
    if (!created.ok()) throw std::runtime_error("token: " + created.error().message);
    users_[role] = user;
    tokens_[role] = token;
  }
  options.host = "127.0.0.1";
  options.port = 0;
  if (options.threads > 2) options.threads = 2;
  server_ = std::make_unique<Server>(*store_, clock_, options);
  if (Status st = server_->Start(); !st.ok()) throw std::runtime_error("start: " + st.error().message);
}

Harness::~Harness() {
  server_->RequestStop();
  server_->Wait();
}

User Harness::AddUser(const std::string& email, Role role) {
  User user;
  user.email = email;
  user.display_name = "Test " + email;
  user.role = role;
  user.password_hash = PasswordHash();
  auto created = store_->users().CreateUser({{std::nullopt, "test"}, ""}, user);
  if (!created.ok()) throw std::runtime_error("user: " + created.error().message);
  return *created;
}

Auth Harness::Login(const std::string& email, const std::string& password) {
  Reply reply = Post("/api/v1/auth/login", {{"email", email}, {"password", password}}, {});
  Auth auth;
  if (reply.status != 200) return auth;
  for (const auto& cookie : reply.set_cookies) {
    if (cookie.rfind("hearken_session=", 0) == 0) {
      auth.cookie = cookie.substr(16, cookie.find(';') - 16);
    }
  }
  auth.csrf = reply.json().value("csrf_token", "");
  return auth;
}

}  // namespace hearken::http::testing
