// The HTTP server of Hearken: Boost.Beast on Boost.Asio with C++20
// coroutines, one io_context run by `options.threads` threads. Requests are
// answered by the Api pipeline (api.h); handlers call the store directly on
// the io threads (the store is thread-safe).
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
