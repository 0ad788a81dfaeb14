// Fuzz target: one whole HTTP request, head and body, through the API
// pipeline (http/api.h: routing, authentication, roles, CSRF, handlers,
// security headers) on a real SQLite store, without sockets. The input is
// the raw bytes a client sends; Boost.Beast's parser reads them with the
// limits server.cc uses, and the request is handed to Api::Handle as
// server.cc would. Bearer tokens "fuzz-admin-token", "fuzz-quality-token",
// "fuzz-handler-token" and "fuzz-viewer-token" name one user of each role.
//
// Every input starts from the same database: a migrated store with those
// users, one customer and one complaint is made once, and each input runs on
// a fresh copy of its file, so a finding replays exactly.
//
// HEARKEN_FUZZ_VERBOSE=1 prints each request and its status.
//
// Findings: a crash, an exception out of Handle, or a 500 answer (bad input
// must be refused with a 4xx problem, never fail inside).
#include <unistd.h>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include <spdlog/spdlog.h>

#include "core/clock.h"
#include "core/crypto.h"
#include "fuzz_check.h"
#include "http/api.h"
#include "http/deferred_response.h"
#include "store/open_store.h"

namespace bhttp = boost::beast::http;
using namespace hearken;
using namespace hearken::http;

namespace {

constexpr std::size_t kHeaderLimit = 16 * 1024;  // as server.cc

std::filesystem::path Dir() {
  static const std::filesystem::path dir = [] {
    std::filesystem::path base = std::filesystem::exists("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
    std::filesystem::path d = base / ("hearken-fuzz-http-" + std::to_string(::getpid()));
    std::filesystem::remove_all(d);
    std::filesystem::create_directories(d);
    static char remove_at_exit[4096];
    std::snprintf(remove_at_exit, sizeof remove_at_exit, "%s", d.c_str());
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(remove_at_exit, ec);
    });
    return d;
  }();
  return dir;
}

ManualClock& TheClock() {
  static ManualClock clock(TimePoint(std::chrono::seconds(1'790'000'000)));
  return clock;
}

void Must(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "http_request_fuzz: setup failed: %s\n", what);
    std::abort();
  }
}

HttpRequest JsonRequest(const std::string& method, const std::string& path, const std::string& body) {
  HttpRequest r;
  r.method = method;
  r.target = r.path = path;
  r.headers = {{"authorization", "Bearer fuzz-admin-token"}, {"content-type", "application/json"}};
  r.body = body;
  r.client_address = "127.0.0.1";
  return r;
}

// The template database, made once per process.
const std::filesystem::path& Template() {
  static const std::filesystem::path path = [] {
    spdlog::set_level(spdlog::level::err);
    const std::filesystem::path file = Dir() / "template.db";
    auto store = OpenStore("sqlite:" + file.string(), TheClock());
    Must(store.ok(), "open");
    Must((*store)->Migrate().ok(), "migrate");
    const WriteContext ctx{{std::nullopt, "fuzz"}, ""};
    auto hash = HashPassword("correct horse battery");
    Must(hash.ok(), "hash");
    const std::pair<Role, const char*> users[] = {{Role::kAdmin, "admin"},
                                                  {Role::kQualityManager, "quality"},
                                                  {Role::kHandler, "handler"},
                                                  {Role::kViewer, "viewer"}};
    for (const auto& [role, name] : users) {
      User user;
      user.email = std::string(name) + "@example.org";
      user.display_name = std::string("Fuzz ") + name;
      user.role = role;
      user.password_hash = *hash;
      auto created = (*store)->users().CreateUser(ctx, user);
      Must(created.ok(), "user");
      Must((*store)->users()
               .CreateApiToken(ctx, created->id, "fuzz", HashToken(std::string("fuzz-") + name + "-token"))
               .ok(),
           "token");
    }
    {
      Api api(**store, TheClock(), ServerOptions{});
      Must(api.Handle(JsonRequest("POST", "/api/v1/customers", R"({"name":"Globex","email":"ops@globex.example"})")).status ==
               201,
           "customer");
      Must(api.Handle(JsonRequest("POST", "/api/v1/complaints",
                           R"({"channel":"phone","summary":"Rude staff","description":"At the counter",)"
                           R"("contact_email":"jane@example.com","contact_name":"Jane"})"))
                   .status == 201,
           "complaint");
    }
    return file;
  }();
  return path;
}

// The request Beast reads from `bytes`, or nullptr when it is not a complete
// request within the limits.
std::unique_ptr<HttpRequest> ParseRequest(std::string_view bytes, const Api& api) {
  bhttp::request_parser<bhttp::string_body> parser;
  parser.eager(true);
  parser.header_limit(kHeaderLimit);
  parser.body_limit(api.LargestBodyLimit());
  boost::beast::error_code ec;
  std::size_t used = 0;
  bool limit_set = false;
  while (!parser.is_done()) {
    const std::size_t n = parser.put(boost::asio::buffer(bytes.data() + used, bytes.size() - used), ec);
    if (ec == bhttp::error::need_more) ec = {};
    if (ec) return nullptr;
    used += n;
    if (parser.is_header_done() && !limit_set) {
      limit_set = true;
      std::string path;
      std::map<std::string, std::string> query;
      const auto target = parser.get().target();
      SplitTarget(std::string_view(target.data(), target.size()), &path, &query);
      const std::size_t limit = api.BodyLimitFor(std::string(parser.get().method_string()), path);
      if (parser.content_length() && *parser.content_length() > limit) return nullptr;
      parser.body_limit(limit);
    }
    if (n == 0) {
      if (used < bytes.size()) return nullptr;
      parser.put_eof(ec);
      if (ec || !parser.is_done()) return nullptr;
    }
  }
  auto& in = parser.get();
  auto out = std::make_unique<HttpRequest>();
  out->method = std::string(in.method_string());
  out->target = std::string(in.target());
  SplitTarget(out->target, &out->path, &out->query);
  for (const auto& field : in) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    out->headers.emplace_back(std::move(name), std::string(field.value()));
  }
  out->body = std::move(in.body());
  out->client_address = "192.0.2.7";
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::filesystem::path& source = Template();
  const std::filesystem::path file = Dir() / "run.db";
  std::filesystem::remove(file);
  std::filesystem::remove(file.string() + "-wal");
  std::filesystem::remove(file.string() + "-shm");
  std::filesystem::copy_file(source, file);
  TheClock().Set(TimePoint(std::chrono::seconds(1'790'000'000)));
  auto store = OpenStore("sqlite:" + file.string(), TheClock());
  Must(store.ok(), "open copy");
  Api api(**store, TheClock(), ServerOptions{});

  std::unique_ptr<HttpRequest> request =
      ParseRequest(std::string_view(reinterpret_cast<const char*>(data), size), api);
  if (!request) return 0;
  HttpResponse response = api.Handle(*request);
  if (response.deferred) response = WaitFor(*response.deferred);  // an intake write, committed later
  static const bool verbose = std::getenv("HEARKEN_FUZZ_VERBOSE") != nullptr;
  if (verbose) std::fprintf(stderr, "%s %s -> %d\n", request->method.c_str(), request->target.c_str(), response.status);
  FUZZ_CHECK(response.status >= 200 && response.status < 600);
  if (response.status == 500) {
    std::fprintf(stderr, "500 for %s %s: %s\n", request->method.c_str(), request->target.c_str(),
                 response.body.c_str());
  }
  FUZZ_CHECK(response.status != 500);
  if (IsApiPath(request->path) && response.status >= 400) {
    const std::string* type = response.Header("content-type");
    FUZZ_CHECK(type && *type == "application/problem+json");
  }
  return 0;
}
