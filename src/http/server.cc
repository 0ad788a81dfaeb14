#include "http/server.h"

#include "http/beast.h"  // first: Asio needs <utility> before its headers

#include <set>

#include <spdlog/spdlog.h>

#include "http/api.h"
#include "http/http_types.h"
#include "http/problem.h"

namespace hearken::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

constexpr std::chrono::seconds kReadTimeout{60};
constexpr std::chrono::seconds kLingerTimeout{2};
constexpr size_t kHeaderLimit = 16 * 1024;
constexpr size_t kMaxDiscardBytes = 64u << 20;

}  // namespace

// One accepted connection. Its socket and `busy` are touched only on the
// connection's strand.
struct Connection {
  explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  bool busy = false;
};

struct Server::Impl {
  asio::io_context ioc;
  asio::strand<asio::io_context::executor_type> acceptor_strand{asio::make_strand(ioc)};
  tcp::acceptor acceptor{acceptor_strand};
  std::unique_ptr<asio::signal_set> signals;
  asio::steady_timer sweep_timer{acceptor_strand};
  std::vector<std::thread> threads;
  std::atomic<bool> stopping{false};
  std::mutex mutex;
  std::condition_variable cv;
  bool started = false;
  bool stop_requested = false;
  bool joined = false;
  std::set<std::shared_ptr<Connection>> connections;

  void Forget(const std::shared_ptr<Connection>& connection) {
    std::lock_guard lock(mutex);
    connections.erase(connection);
    cv.notify_all();
  }
};

namespace {

HttpRequest ToRequest(bhttp::request<bhttp::string_body>& in, const std::string& client) {
  HttpRequest out;
  out.method = std::string(in.method_string());
  out.target = std::string(in.target());
  SplitTarget(out.target, &out.path, &out.query);
  for (const auto& field : in) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    out.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  out.body = std::move(in.body());  // up to tens of MiB for uploads: moved, not copied
  out.client_address = client;
  return out;
}

bhttp::response<bhttp::string_body> ToBeast(HttpResponse&& in, unsigned version, bool keep_alive, bool head) {
  bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(in.status), version};
  for (auto& [name, value] : in.headers) out.insert(name, value);
  out.set(bhttp::field::server, "hearken");
  out.keep_alive(keep_alive);
  out.body() = std::move(in.body);
  if (in.status != 204 && in.status != 304) out.prepare_payload();
  if (head) out.body().clear();
  return out;
}

// Reads and drops what the client still sends (up to a bound), so that
// closing does not reset the connection before it read our answer.
asio::awaitable<void> LingeringClose(std::shared_ptr<Connection> conn) {
  beast::error_code ec;
  conn->stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  std::array<char, 16384> sink;
  size_t dropped = 0;
  conn->stream.expires_after(kLingerTimeout);
  while (dropped < kMaxDiscardBytes) {
    size_t n = co_await conn->stream.async_read_some(asio::buffer(sink), asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;
    dropped += n;
  }
}

// Answers a request that cannot be read (too large, or not HTTP) once, then
// lingers so the client reads the answer before the connection closes.
asio::awaitable<void> RefuseAndClose(std::shared_ptr<Connection> conn, const beast::error_code& read_error,
                                     const std::string& client) {
  const bool too_large = read_error == bhttp::error::body_limit;
  HttpResponse problem = too_large ? Problem(413, "the body is larger than the server accepts for this resource")
                                   : Problem(400, "the request is not valid HTTP");
  Api::AddSecurityHeaders(problem, true);
  spdlog::info("- - {} ({}) {}", problem.status, read_error.message(), client);
  auto res = ToBeast(std::move(problem), 11, false, false);
  beast::error_code ec;
  conn->stream.expires_after(kReadTimeout);
  co_await bhttp::async_write(conn->stream, res, asio::redirect_error(asio::use_awaitable, ec));
  if (!ec) co_await LingeringClose(conn);
}

bool IsQuietEnd(const beast::error_code& ec) {
  return ec == bhttp::error::end_of_stream || ec == asio::error::operation_aborted || ec == beast::error::timeout ||
         ec == asio::error::connection_reset || ec == asio::error::eof;
}

asio::awaitable<void> Serve(Server::Impl* impl, Api* api, std::shared_ptr<Connection> conn) {
  beast::error_code ec;
  auto endpoint = conn->stream.socket().remote_endpoint(ec);
  const std::string client = ec ? std::string("unknown") : endpoint.address().to_string();
  beast::flat_buffer buffer;
  try {
    while (!impl->stopping.load()) {
      // The head first: the route it names decides how large the body may be
      // (1 MiB by default, more for uploads), checked before the body is read.
      bhttp::request_parser<bhttp::string_body> parser;
      parser.body_limit(api->LargestBodyLimit());
      parser.header_limit(kHeaderLimit);
      conn->stream.expires_after(kReadTimeout);
      co_await bhttp::async_read_header(conn->stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
      if (IsQuietEnd(ec)) break;
      if (ec) {
        co_await RefuseAndClose(conn, ec, client);
        break;
      }
      {
        std::string path;
        std::map<std::string, std::string> query;
        const auto target = parser.get().target();
        SplitTarget(std::string_view(target.data(), target.size()), &path, &query);
        const std::size_t limit = api->BodyLimitFor(std::string(parser.get().method_string()), path);
        if (parser.content_length() && *parser.content_length() > limit) {
          co_await RefuseAndClose(conn, bhttp::error::body_limit, client);
          break;
        }
        parser.body_limit(limit);
      }
      if (!parser.is_done()) {
        const auto expect = parser.get()[bhttp::field::expect];
        if (EqualsIgnoreCase(std::string_view(expect.data(), expect.size()), "100-continue")) {
          bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, parser.get().version()};
          co_await bhttp::async_write(conn->stream, go_on, asio::redirect_error(asio::use_awaitable, ec));
          if (ec) break;
        }
        conn->stream.expires_after(kReadTimeout);
        co_await bhttp::async_read(conn->stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
        if (IsQuietEnd(ec)) break;
        if (ec) {
          co_await RefuseAndClose(conn, ec, client);
          break;
        }
      }
      conn->busy = true;
      auto& in = parser.get();
      const bool keep_alive = in.keep_alive() && !impl->stopping.load();
      const unsigned version = in.version();
      const bool head = in.method() == bhttp::verb::head;
      HttpResponse response = api->Handle(ToRequest(in, client));
      auto res = ToBeast(std::move(response), version, keep_alive && !impl->stopping.load(), head);
      conn->stream.expires_after(kReadTimeout);
      co_await bhttp::async_write(conn->stream, res, asio::redirect_error(asio::use_awaitable, ec));
      conn->busy = false;
      if (ec || !res.keep_alive()) break;
    }
  } catch (const std::exception& e) {
    spdlog::error("connection from {} failed: {}", client, e.what());
  }
  conn->stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  conn->stream.socket().close(ec);
  impl->Forget(conn);
}

asio::awaitable<void> AcceptLoop(Server::Impl* impl, Api* api) {
  for (;;) {
    beast::error_code ec;
    tcp::socket socket =
        co_await impl->acceptor.async_accept(asio::make_strand(impl->ioc), asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      if (impl->stopping.load() || ec == asio::error::operation_aborted || !impl->acceptor.is_open()) co_return;
      spdlog::warn("accept failed: {}", ec.message());
      asio::steady_timer pause(impl->acceptor_strand, std::chrono::milliseconds(50));
      co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      continue;
    }
    auto conn = std::make_shared<Connection>(std::move(socket));
    {
      std::lock_guard lock(impl->mutex);
      impl->connections.insert(conn);
    }
    auto executor = conn->stream.get_executor();
    asio::co_spawn(executor, Serve(impl, api, conn), asio::detached);
  }
}

// Removes expired sessions now and then, so the table does not grow forever.
asio::awaitable<void> SweepSessions(Server::Impl* impl, Store* store, const Clock* clock, ServerOptions options) {
  for (;;) {
    beast::error_code ec;
    impl->sweep_timer.expires_after(options.session_sweep_interval);
    co_await impl->sweep_timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (ec || impl->stopping.load()) co_return;
    const TimePoint now = clock->Now();
    auto removed = store->users().DeleteSessionsIdleSince(now - options.idle_timeout, now - options.absolute_timeout);
    if (!removed.ok()) spdlog::warn("session sweep failed: {}", removed.error().message);
    else if (*removed > 0) spdlog::info("removed {} expired sessions", *removed);
  }
}

}  // namespace

Server::Server(Store& store, const Clock& clock, ServerOptions options)
    : api_(std::make_unique<Api>(store, clock, options)),
      impl_(std::make_unique<Impl>()),
      options_(options),
      store_(store),
      clock_(clock) {}

void Server::SetComplaintNotifier(ComplaintNotifier* notifier) { api_->SetComplaintNotifier(notifier); }

Server::~Server() {
  if (impl_->started) {
    RequestStop();
    Wait();
  }
}

Status Server::Start() {
  if (impl_->started) return Error::FailedPrecondition("the server is already started");
  if (options_.threads < 1) return Error::InvalidArgument("threads must be at least 1");
  beast::error_code ec;
  tcp::resolver resolver(impl_->ioc);
  auto endpoints = resolver.resolve(options_.host, std::to_string(options_.port),
                                    tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || endpoints.empty()) return Error::InvalidArgument("cannot resolve listen host " + options_.host);
  const tcp::endpoint endpoint = endpoints.begin()->endpoint();
  impl_->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl_->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl_->acceptor.bind(endpoint, ec);
  if (!ec) impl_->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Error::Unavailable("cannot listen on " + options_.host + ":" + std::to_string(options_.port) + ": " +
                              ec.message());
  }
  port_ = impl_->acceptor.local_endpoint().port();
  impl_->started = true;
  asio::co_spawn(impl_->acceptor_strand, AcceptLoop(impl_.get(), api_.get()), asio::detached);
  if (options_.session_sweep_interval.count() > 0)
    asio::co_spawn(impl_->acceptor_strand, SweepSessions(impl_.get(), &store_, &clock_, options_), asio::detached);
  for (int i = 0; i < options_.threads; ++i) {
    impl_->threads.emplace_back([this] {
      for (;;) {
        try {
          impl_->ioc.run();
          return;
        } catch (const std::exception& e) {
          spdlog::error("io thread caught: {}", e.what());
        }
      }
    });
  }
  spdlog::info("listening on http://{}:{}", options_.host, Port());
  return Status::Ok();
}

void Server::InstallSignalHandlers() {
  impl_->signals = std::make_unique<asio::signal_set>(impl_->ioc, SIGINT, SIGTERM);
  impl_->signals->async_wait([this](const beast::error_code& ec, int signal) {
    if (ec) return;
    spdlog::info("signal {} received: stopping", signal);
    RequestStop();
  });
}

void Server::RequestStop() {
  if (!impl_->started || impl_->stopping.exchange(true)) {
    std::lock_guard lock(impl_->mutex);
    impl_->stop_requested = true;
    impl_->cv.notify_all();
    return;
  }
  Impl* impl = impl_.get();
  asio::post(impl->acceptor_strand, [impl] {
    beast::error_code ec;
    impl->acceptor.close(ec);
    impl->sweep_timer.cancel();
    if (impl->signals) impl->signals->cancel(ec);
  });
  std::lock_guard lock(impl->mutex);
  for (const auto& conn : impl->connections) {
    // Idle keep-alive connections are closed now; busy ones after their answer.
    asio::post(conn->stream.get_executor(), [conn] {
      if (conn->busy) return;
      beast::error_code ec;
      conn->stream.socket().cancel(ec);
      conn->stream.socket().close(ec);
    });
  }
  impl->stop_requested = true;
  impl->cv.notify_all();
}

void Server::Wait() {
  std::unique_lock lock(impl_->mutex);
  impl_->cv.wait(lock, [this] { return impl_->stop_requested; });
  if (impl_->joined || !impl_->started) return;
  impl_->cv.wait_for(lock, options_.shutdown_grace, [this] { return impl_->connections.empty(); });
  if (!impl_->connections.empty())
    spdlog::warn("stopping with {} connections still open", impl_->connections.size());
  impl_->joined = true;
  lock.unlock();
  impl_->ioc.stop();
  for (auto& t : impl_->threads)
    if (t.joinable()) t.join();
  spdlog::info("server stopped");
}

}  // namespace hearken::http
