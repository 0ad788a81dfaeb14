// The HTTP server of Hearken: Boost.Beast on Boost.Asio with C++20
// coroutines, one io_context per I/O thread (`options.threads`), connections
// spread over them. I/O threads only read, parse and write: handlers (store
// calls, password hashing) run on the bounded WorkerPool (worker_pool.h); a
// request still queued after `queue_deadline`, or when the queue is full, is
// answered 503 with Retry-After, and one whose client has gone is dropped
// unrun. Only /healthz, /metrics, static files and refusals are answered on
// the I/O thread.
//
// The edge is strict and bounded: a Transfer-Encoding other than exactly
// "chunked", obsolete line folding or a header block over 16 KiB are 400 and
// the connection is closed (no request smuggling behind a proxy); at most
// `max_connections` are open and `max_connections_per_address` per client
// address (trusted proxies exempt); a request head must arrive within
// `header_timeout`; the public rate limits and the per-route body limit are
// checked from the head before a body is read. Behind a reverse proxy
// (`trusted_proxies`), X-Forwarded-For / Forwarded name the client.
//
// Use: construct, Start(), then Wait() on the main thread; RequestStop() from
// anywhere (for example a signal handler installed by InstallSignalHandlers())
// makes Wait() return after in-flight requests finished.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "http/server_options.h"
#include "store/store.h"

namespace hearken {
class ComplaintNotifier;
}

namespace hearken::http {

class Api;

class Server {
 public:
  // `store` and `clock` must outlive the server.
  Server(Store& store, const Clock& clock, ServerOptions options);
  ~Server();  // stops and joins if still running
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds host:port and starts the io threads. After it, Port() is the bound
  // port. Errors: InvalidArgument (bad host or threads < 1), Unavailable
  // (the address cannot be bound, e.g. in use), FailedPrecondition (already
  // started).
  Status Start();
  unsigned short Port() const { return port_.load(); }

  // Makes SIGINT and SIGTERM call RequestStop(). Call after Start().
  void InstallSignalHandlers();

  // Graceful stop, callable from any thread and more than once: stops
  // accepting, closes idle keep-alive connections, lets requests in flight
  // finish (connections close after their current response), then Wait()
  // returns. Requests still running after options.shutdown_grace are
  // abandoned when the io_context stops.
  void RequestStop();

  // Blocks until RequestStop() was called and the server has stopped.
  void Wait();

  // The mail notifier of the complaint routes (acknowledgements, messages,
  // decisions, closure with the rating link). Without one the server uses
  // its own, which has no mailer (every notice is "no recipient") and its
  // own MailRateLimiter. Call before Start(); `notifier` must outlive the
  // server; nullptr goes back to the server's own.
  void SetComplaintNotifier(ComplaintNotifier* notifier);

  // The request pipeline (for tests and the app's introspection).
  Api& api() { return *api_; }

  struct Impl;  // defined in server.cc

 private:
  std::unique_ptr<Api> api_;
  std::unique_ptr<Impl> impl_;
  ServerOptions options_;
  Store& store_;
  const Clock& clock_;
  std::atomic<unsigned short> port_{0};
};

}  // namespace hearken::http
