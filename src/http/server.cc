#include "http/server.h"

#include "http/beast.h"  // first: Asio needs <utility> before its headers

#include <sys/resource.h>

#include <map>
#include <set>

#include <spdlog/spdlog.h>

#include "http/api.h"
#include "http/client_address.h"
#include "http/deferred_response.h"
#include "http/handler_util.h"
#include "http/http_types.h"
#include "http/problem.h"
#include "http/streamed_body.h"
#include "http/worker_pool.h"

namespace hearken::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

constexpr std::chrono::seconds kWriteTimeout{60};
constexpr std::chrono::seconds kLingerTimeout{2};
constexpr size_t kHeaderLimit = 16 * 1024;
constexpr size_t kReadChunk = 8 * 1024;
constexpr size_t kMaxDiscardBytes = 64u << 20;

// The answer to a connection over the caps, written without parsing anything.
const std::string& OverCapacityAnswer() {
  static const std::string answer = [] {
    const std::string body =
        "{\"type\":\"https://hearken.dev/problems/unavailable\",\"title\":\"Service Unavailable\",\"status\":503,"
        "\"detail\":\"too many connections\",\"errors\":[]}";
    return "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\nRetry-After: 1\r\n"
           "Connection: close\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
  }();
  return answer;
}

// Why a request cannot be read.
enum class Refusal { kNone, kNotHttp, kTooLarge, kHeadTooLarge, kFraming };

}  // namespace

// One accepted connection. Its socket and `busy` are touched only on the
// thread of its io_context.
struct Connection {
  Connection(tcp::socket socket, std::string peer_address)
      : stream(std::move(socket)), peer(std::move(peer_address)) {}
  beast::tcp_stream stream;
  std::string peer;  // canonical address of the TCP peer
  bool busy = false;
};

struct Server::Impl {
  explicit Impl(const ServerOptions& server_options) : options(server_options), loops(MakeLoops(options.threads)) {
    for (auto& loop : loops) guards.emplace_back(asio::make_work_guard(*loop));
  }
  static std::vector<std::unique_ptr<asio::io_context>> MakeLoops(int threads) {
    std::vector<std::unique_ptr<asio::io_context>> out;
    for (int i = 0; i < std::max(1, threads); ++i) out.push_back(std::make_unique<asio::io_context>(1));
    return out;
  }

  const ServerOptions options;
  std::vector<std::unique_ptr<asio::io_context>> loops;  // one per I/O thread
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
  tcp::acceptor acceptor{*loops.front()};
  std::unique_ptr<asio::signal_set> signals;
  asio::steady_timer sweep_timer{*loops.front()};
  std::vector<std::thread> threads;
  std::unique_ptr<WorkerPool> pool;  // declared after the loops: destroyed (joined) first
  TrustedProxies proxies;
  std::atomic<size_t> next_loop{0};
  std::atomic<bool> stopping{false};
  // Deferred responses the server waits for (AwaitDeferred): their
  // completions post to the loops, which must outlive them.
  std::atomic<int> deferred_in_flight{0};
  std::mutex mutex;
  std::condition_variable cv;
  bool started = false;
  bool stop_requested = false;
  bool joined = false;
  std::set<std::shared_ptr<Connection>> connections;
  std::map<std::string, int> per_address;  // open connections by peer address

  // Registers a new connection unless a cap is reached.
  bool Admit(const std::shared_ptr<Connection>& connection) {
    std::lock_guard lock(mutex);
    if (options.max_connections > 0 && connections.size() >= static_cast<size_t>(options.max_connections))
      return false;
    int& from_peer = per_address[connection->peer];
    if (options.max_connections_per_address > 0 && from_peer >= options.max_connections_per_address &&
        !proxies.Contains(connection->peer)) {
      if (from_peer == 0) per_address.erase(connection->peer);
      return false;
    }
    ++from_peer;
    connections.insert(connection);
    return true;
  }

  void Forget(const std::shared_ptr<Connection>& connection) {
    std::lock_guard lock(mutex);
    if (connections.erase(connection) > 0) {
      auto it = per_address.find(connection->peer);
      if (it != per_address.end() && --it->second <= 0) per_address.erase(it);
    }
    cv.notify_all();
  }
};

namespace {

// The request head as the Api sees it (no body yet), with the client
// address and scheme from a trusted proxy's headers.
HttpRequest ToRequest(const bhttp::request<bhttp::string_body>& in, const Connection& conn,
                      const TrustedProxies& proxies) {
  HttpRequest out;
  out.method = std::string(in.method_string());
  out.target = std::string(in.target());
  SplitTarget(out.target, &out.path, &out.query);
  std::optional<std::string> xff, forwarded, proto;
  auto join = [](std::optional<std::string>& to, std::string value) {
    to = to ? *to + ", " + value : std::move(value);
  };
  for (const auto& field : in) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (name == "x-forwarded-for") join(xff, std::string(field.value()));
    else if (name == "forwarded") join(forwarded, std::string(field.value()));
    else if (name == "x-forwarded-proto") join(proto, std::string(field.value()));
    out.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  if (proxies.empty()) {
    out.client_address = conn.peer;
  } else {
    TrustedProxies::Client client = proxies.Resolve(conn.peer, xff ? &*xff : nullptr,
                                                    forwarded ? &*forwarded : nullptr, proto ? &*proto : nullptr);
    out.client_address = std::move(client.address);
    out.over_tls = client.https;
  }
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

// Writes `response` with Connection: close, then lingers so the client
// reads the answer before the connection closes.
asio::awaitable<void> AnswerAndClose(std::shared_ptr<Connection> conn, HttpResponse response) {
  auto res = ToBeast(std::move(response), 11, false, false);
  beast::error_code ec;
  conn->stream.expires_after(kWriteTimeout);
  co_await bhttp::async_write(conn->stream, res, asio::redirect_error(asio::use_awaitable, ec));
  if (!ec) co_await LingeringClose(conn);
}

// Answers a request that cannot be read (too large, not HTTP, or framed
// ambiguously) once, and closes.
asio::awaitable<void> RefuseAndClose(std::shared_ptr<Connection> conn, Refusal why, std::string detail) {
  HttpResponse problem;
  switch (why) {
    case Refusal::kTooLarge:
      problem = Problem(413, "the body is larger than the server accepts for this resource");
      break;
    case Refusal::kHeadTooLarge: problem = Problem(431, "the request head is larger than 16 KiB"); break;
    case Refusal::kFraming: problem = Problem(400, "the request is framed ambiguously: " + detail); break;
    default: problem = Problem(400, "the request is not valid HTTP"); break;
  }
  Api::AddSecurityHeaders(problem, true);
  spdlog::info("- - {} ({}) {}", problem.status, detail, conn->peer);
  co_await AnswerAndClose(conn, std::move(problem));
}

bool IsQuietEnd(const beast::error_code& ec) {
  return ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message ||
         ec == asio::error::operation_aborted || ec == beast::error::timeout ||
         ec == asio::error::connection_reset || ec == asio::error::eof;
}

// Reads one request head into `parser`, from what `buffer` holds and then
// the socket. The raw head is looked at before it is consumed: obsolete
// line folding (a header line continued on the next) is refused, as Beast
// would silently join it.
asio::awaitable<beast::error_code> ReadHead(Connection& conn, beast::flat_buffer& buffer,
                                            bhttp::request_parser<bhttp::string_body>& parser, bool* folded) {
  beast::error_code ec;
  for (;;) {
    if (buffer.size() > 0) {
      const size_t used = parser.put(buffer.data(), ec);
      if (ec == bhttp::error::need_more) ec = {};
      if (ec) co_return ec;
      if (parser.is_header_done()) {
        const std::string_view head(static_cast<const char*>(buffer.data().data()), used);
        *folded = head.find("\n ") != std::string_view::npos || head.find("\n\t") != std::string_view::npos;
        buffer.consume(used);
        co_return ec;
      }
      buffer.consume(used);
    }
    if (buffer.size() > kHeaderLimit) co_return bhttp::error::header_limit;
    const size_t n = co_await conn.stream.async_read_some(buffer.prepare(kReadChunk),
                                                          asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return ec;
    buffer.commit(n);
  }
}

// Empty when the head frames its body unambiguously, else why not: any
// Transfer-Encoding but exactly "chunked" (once), or one with Content-Length.
std::string FramingProblem(const bhttp::request<bhttp::string_body>& in) {
  int codings = 0;
  for (const auto& field : in) {
    if (field.name() != bhttp::field::transfer_encoding) continue;
    ++codings;
    std::string_view value(field.value().data(), field.value().size());
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
    if (!EqualsIgnoreCase(value, "chunked")) return "Transfer-Encoding other than chunked";
  }
  if (codings > 1) return "more than one Transfer-Encoding";
  if (codings == 1 && in.count(bhttp::field::content_length) > 0) return "Transfer-Encoding with Content-Length";
  return "";
}

// What a queued request waits on: the worker's answer, or the deadline, or
// its client going away.
struct Pending {
  explicit Pending(asio::any_io_executor executor) : timer(executor) {}
  asio::steady_timer timer;
  HttpResponse response;
  bool finished = false;  // the worker's answer is in `response`
  bool gone = false;      // the client closed the connection
};

// Makes the next piece of a streamed body on the worker pool (a source reads
// the store) and waits for it on the connection's executor. What the worker
// touches is shared, so a connection torn down meanwhile leaves it nothing
// dangling. A full pool ends the body unfinished.
asio::awaitable<BodyPiece> NextPieceOnPool(WorkerPool& pool, asio::any_io_executor executor,
                                           std::shared_ptr<BodySource> source, std::string& piece) {
  struct Made {
    explicit Made(asio::any_io_executor e) : timer(e) {}
    asio::steady_timer timer;
    std::string piece;
    BodyPiece state = BodyPiece::kFailed;
    bool done = false;
  };
  auto made = std::make_shared<Made>(executor);
  made->timer.expires_at(asio::steady_timer::time_point::max());
  auto task = std::make_shared<WorkerTask>([made, source, executor] {
    auto piece = std::make_shared<std::string>();
    BodyPiece state = BodyPiece::kFailed;
    try {
      state = (*source)(*piece);
    } catch (const std::exception& e) {
      spdlog::error("a streamed body failed: {}", e.what());
    }
    asio::post(executor, [made, piece, state] {
      made->piece = std::move(*piece);
      made->state = state;
      made->done = true;
      made->timer.cancel();
    });
  });
  if (!pool.Submit(task)) co_return BodyPiece::kFailed;
  while (!made->done) {
    beast::error_code ec;
    co_await made->timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
  piece = std::move(made->piece);
  co_return made->state;
}

// Watches the socket while a request is in the pool: when the client
// closes, the request is abandoned (if it has not started) and the wait ends.
void WatchClient(std::shared_ptr<Connection> conn, std::shared_ptr<Pending> pending,
                 std::shared_ptr<WorkerTask> task) {
  conn->stream.socket().async_wait(tcp::socket::wait_read, [conn, pending, task](const beast::error_code& ec) {
    if (ec || pending->finished) return;
    char byte;
    beast::error_code peek_ec;
    const size_t n = conn->stream.socket().receive(asio::buffer(&byte, 1), tcp::socket::message_peek, peek_ec);
    if (n > 0 && !peek_ec) return;  // a pipelined request: read it later
    pending->gone = true;
    task->Abandon();
    pending->timer.cancel();
  });
}

// Runs the handler for `request` on the worker pool and waits for it on the
// connection's thread. Empty when the client has gone.
asio::awaitable<std::optional<HttpResponse>> RunOnPool(Server::Impl* impl, Api* api,
                                                       std::shared_ptr<Connection> conn, HttpRequest request,
                                                       std::chrono::steady_clock::time_point started) {
  auto executor = conn->stream.get_executor();
  auto pending = std::make_shared<Pending>(executor);
  auto shared_request = std::make_shared<HttpRequest>(std::move(request));
  auto task = std::make_shared<WorkerTask>([api, shared_request, pending, executor] {
    HttpResponse response = api->Handle(*shared_request);
    asio::post(executor, [pending, response = std::move(response)]() mutable {
      pending->response = std::move(response);
      pending->finished = true;
      pending->timer.cancel();
    });
  });
  pending->timer.expires_after(impl->options.queue_deadline);
  bool shed = !impl->pool->Submit(task);
  if (!shed) {
    WatchClient(conn, pending, task);
    for (;;) {
      beast::error_code ec;
      co_await pending->timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      if (pending->finished || pending->gone) break;
      if (task->Abandon()) {  // the deadline passed while it was still queued
        shed = true;
        break;
      }
      pending->timer.expires_at(asio::steady_timer::time_point::max());  // running: wait for its answer
    }
    beast::error_code ec;
    conn->stream.socket().cancel(ec);  // ends WatchClient's wait
  }
  if (pending->gone && !pending->finished) {
    spdlog::info("{} {} - client gone {}", ForLog(shared_request->method, 20),
                 ForLog(PathForLog(shared_request->path, ""), 300), shared_request->client_address);
    co_return std::nullopt;
  }
  if (shed) {
    HttpResponse response = Unavailable(1);
    api->Finish(*shared_request, response, "shed", started);
    co_return response;
  }
  co_return std::move(pending->response);
}

// Waits on the connection's thread for a response that another thread
// completes (an intake write the store commits on its writer thread).
asio::awaitable<HttpResponse> AwaitDeferred(Server::Impl* impl, std::shared_ptr<Connection> conn,
                                            std::shared_ptr<DeferredResponse> deferred) {
  struct Waiting {
    explicit Waiting(const asio::any_io_executor& executor) : timer(executor) {}
    asio::steady_timer timer;
    std::optional<HttpResponse> response;
  };
  auto executor = conn->stream.get_executor();
  auto waiting = std::make_shared<Waiting>(executor);
  waiting->timer.expires_at(asio::steady_timer::time_point::max());
  ++impl->deferred_in_flight;
  deferred->OnComplete([impl, executor, waiting](HttpResponse response) {
    asio::post(executor, [waiting, response = std::move(response)]() mutable {
      waiting->response = std::move(response);
      waiting->timer.cancel();
    });
    --impl->deferred_in_flight;
  });
  while (!waiting->response) {
    beast::error_code ec;
    co_await waiting->timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
  deferred->Finish(*waiting->response);  // headers, metrics, log line: here, not on the store's thread
  co_return std::move(*waiting->response);
}

asio::awaitable<void> Serve(Server::Impl* impl, Api* api, std::shared_ptr<Connection> conn) {
  const ServerOptions& options = impl->options;
  beast::error_code ec;
  beast::flat_buffer buffer;
  try {
    while (!impl->stopping.load()) {
      // An idle keep-alive connection waits at most keep_alive_timeout for
      // the next request; from its first byte the head has header_timeout.
      if (buffer.size() == 0) {
        conn->stream.expires_after(options.keep_alive_timeout);
        const size_t n = co_await conn->stream.async_read_some(buffer.prepare(kReadChunk),
                                                               asio::redirect_error(asio::use_awaitable, ec));
        if (ec) break;
        buffer.commit(n);
      }
      conn->stream.expires_after(options.header_timeout);
      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(kHeaderLimit);
      parser.body_limit(api->LargestBodyLimit());
      bool folded = false;
      ec = co_await ReadHead(*conn, buffer, parser, &folded);
      if (IsQuietEnd(ec)) break;
      if (ec) {
        // An announced Content-Length above every route's limit fails in the head already.
        const Refusal why = ec == bhttp::error::header_limit ? Refusal::kHeadTooLarge
                            : ec == bhttp::error::body_limit ? Refusal::kTooLarge
                                                             : Refusal::kNotHttp;
        co_await RefuseAndClose(conn, why, ec.message());
        break;
      }
      if (folded) {
        co_await RefuseAndClose(conn, Refusal::kFraming, "obsolete line folding");
        break;
      }
      if (std::string framing = FramingProblem(parser.get()); !framing.empty()) {
        co_await RefuseAndClose(conn, Refusal::kFraming, framing);
        break;
      }
      const auto started = std::chrono::steady_clock::now();
      HttpRequest request = ToRequest(parser.get(), *conn, impl->proxies);
      const bool keep_alive = parser.get().keep_alive();
      const unsigned version = parser.get().version();
      const bool head = parser.get().method() == bhttp::verb::head;

      // From the head alone: rate limits and the route's body limit.
      Api::HeadCheck check = api->CheckHead(request);
      if (check.refusal) {
        HttpResponse refusal = std::move(*check.refusal);
        api->Finish(request, refusal, "refused", started);
        if (!parser.is_done()) {  // a body follows: not read, so the connection cannot be reused
          co_await AnswerAndClose(conn, std::move(refusal));
          break;
        }
        auto res = ToBeast(std::move(refusal), version, keep_alive && !impl->stopping.load(), head);
        conn->stream.expires_after(kWriteTimeout);
        co_await bhttp::async_write(conn->stream, res, asio::redirect_error(asio::use_awaitable, ec));
        if (ec || !res.keep_alive()) break;
        continue;
      }
      if (parser.content_length() && *parser.content_length() > check.body_limit) {
        co_await RefuseAndClose(conn, Refusal::kTooLarge, "body limit");
        break;
      }
      parser.body_limit(check.body_limit);
      if (!parser.is_done()) {
        const auto expect = parser.get()[bhttp::field::expect];
        if (EqualsIgnoreCase(std::string_view(expect.data(), expect.size()), "100-continue")) {
          bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, version};
          conn->stream.expires_after(kWriteTimeout);
          co_await bhttp::async_write(conn->stream, go_on, asio::redirect_error(asio::use_awaitable, ec));
          if (ec) break;
        }
        conn->stream.expires_after(options.body_timeout);
        co_await bhttp::async_read(conn->stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
        if (IsQuietEnd(ec)) break;
        if (ec) {
          co_await RefuseAndClose(conn, ec == bhttp::error::body_limit ? Refusal::kTooLarge : Refusal::kNotHttp,
                                  ec.message());
          break;
        }
      }
      request.body = std::move(parser.get().body());  // up to tens of MiB for uploads: moved, not copied

      conn->busy = true;
      std::optional<HttpResponse> response;
      if (check.on_io_thread) response = api->Handle(request);
      else response = co_await RunOnPool(impl, api, conn, std::move(request), started);
      if (!response) break;  // the client has gone
      if (response->deferred) response = co_await AwaitDeferred(impl, conn, std::move(response->deferred));
      if (response->stream) {  // an export: sent piece by piece, each made on the pool
        auto source = std::make_shared<BodySource>(std::move(response->stream));
        auto executor = conn->stream.get_executor();
        PieceMaker next = [impl, executor, source](std::string& piece) {
          return NextPieceOnPool(*impl->pool, executor, source, piece);
        };
        const bool again = co_await WriteStreamed(conn->stream, std::move(*response), version,
                                                  keep_alive && !impl->stopping.load(), head, kWriteTimeout, next);
        conn->busy = false;
        if (!again) break;
        continue;
      }
      auto res = ToBeast(std::move(*response), version, keep_alive && !impl->stopping.load(), head);
      conn->stream.expires_after(kWriteTimeout);
      co_await bhttp::async_write(conn->stream, res, asio::redirect_error(asio::use_awaitable, ec));
      conn->busy = false;
      if (ec || !res.keep_alive()) break;
    }
  } catch (const std::exception& e) {
    spdlog::error("connection from {} failed: {}", conn->peer, e.what());
  }
  conn->stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  conn->stream.socket().close(ec);
  impl->Forget(conn);
}

// Over a cap: a fixed 503, then close.
asio::awaitable<void> TurnAway(std::shared_ptr<Connection> conn) {
  beast::error_code ec;
  conn->stream.expires_after(std::chrono::seconds(1));
  co_await asio::async_write(conn->stream, asio::buffer(OverCapacityAnswer()),
                             asio::redirect_error(asio::use_awaitable, ec));
  if (!ec) co_await LingeringClose(conn);
  conn->stream.socket().close(ec);
}

asio::awaitable<void> AcceptLoop(Server::Impl* impl, Api* api) {
  for (;;) {
    beast::error_code ec;
    asio::io_context& loop = *impl->loops[impl->next_loop++ % impl->loops.size()];
    tcp::socket socket = co_await impl->acceptor.async_accept(loop, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      if (impl->stopping.load() || ec == asio::error::operation_aborted || !impl->acceptor.is_open()) co_return;
      spdlog::warn("accept failed: {}", ec.message());
      asio::steady_timer pause(impl->acceptor.get_executor(), std::chrono::milliseconds(50));
      co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      continue;
    }
    socket.set_option(tcp::no_delay(true), ec);
    auto endpoint = socket.remote_endpoint(ec);
    std::string peer = ec ? std::string("unknown") : endpoint.address().to_string();
    if (auto canonical = CanonicalAddress(peer)) peer = *canonical;
    auto conn = std::make_shared<Connection>(std::move(socket), std::move(peer));
    auto executor = conn->stream.get_executor();
    if (!impl->Admit(conn)) {
      asio::co_spawn(executor, TurnAway(conn), asio::detached);
      continue;
    }
    asio::co_spawn(executor, Serve(impl, api, conn), asio::detached);
  }
}

// Removes expired sessions now and then, so the table does not grow forever
// (on the worker pool: it is a store call).
asio::awaitable<void> SweepSessions(Server::Impl* impl, Store* store, const Clock* clock, ServerOptions options) {
  for (;;) {
    beast::error_code ec;
    impl->sweep_timer.expires_after(options.session_sweep_interval);
    co_await impl->sweep_timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (ec || impl->stopping.load()) co_return;
    impl->pool->Submit(std::make_shared<WorkerTask>([store, clock, options] {
      const TimePoint now = clock->Now();
      auto removed = store->users().DeleteSessionsIdleSince(now - options.idle_timeout, now - options.absolute_timeout);
      if (!removed.ok()) spdlog::warn("session sweep failed: {}", removed.error().message);
      else if (*removed > 0) spdlog::info("removed {} expired sessions", *removed);
    }));
  }
}

// Many connections need many descriptors: the soft limit goes up to the hard one.
void RaiseOpenFileLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

}  // namespace

Server::Server(Store& store, const Clock& clock, ServerOptions options)
    : api_(std::make_unique<Api>(store, clock, options)),
      impl_(std::make_unique<Impl>(options)),
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
  if (options_.workers < 1) return Error::InvalidArgument("workers must be at least 1");
  auto proxies = TrustedProxies::Parse(options_.trusted_proxies);
  if (!proxies.ok()) return proxies.error();
  impl_->proxies = std::move(*proxies);
  beast::error_code ec;
  tcp::resolver resolver(*impl_->loops.front());
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
  RaiseOpenFileLimit();
  port_ = impl_->acceptor.local_endpoint().port();
  impl_->pool = std::make_unique<WorkerPool>(options_.workers, options_.max_queued);
  impl_->started = true;
  asio::co_spawn(*impl_->loops.front(), AcceptLoop(impl_.get(), api_.get()), asio::detached);
  if (options_.session_sweep_interval.count() > 0)
    asio::co_spawn(*impl_->loops.front(), SweepSessions(impl_.get(), &store_, &clock_, options_), asio::detached);
  for (auto& loop : impl_->loops) {
    asio::io_context* ioc = loop.get();
    impl_->threads.emplace_back([ioc] {
      for (;;) {
        try {
          ioc->run();
          return;
        } catch (const std::exception& e) {
          spdlog::error("io thread caught: {}", e.what());
        }
      }
    });
  }
  spdlog::info("listening on http://{}:{} ({} I/O threads, {} workers)", options_.host, Port(), impl_->loops.size(),
               options_.workers);
  return Status::Ok();
}

void Server::InstallSignalHandlers() {
  impl_->signals = std::make_unique<asio::signal_set>(*impl_->loops.front(), SIGINT, SIGTERM);
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
  asio::post(*impl->loops.front(), [impl] {
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
  for (auto& loop : impl_->loops) loop->stop();
  for (auto& t : impl_->threads)
    if (t.joinable()) t.join();
  impl_->pool.reset();  // lets running handlers finish; queued ones never run
  // Writes the store still holds for answers nobody will send: their
  // completions post to the (stopped) loops, so wait for them first.
  for (int i = 0; i < 30000 && impl_->deferred_in_flight.load() > 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  spdlog::info("server stopped");
}

}  // namespace hearken::http
