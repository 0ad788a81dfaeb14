// A response that its handler completes later, from another thread: an
// intake route validates the request, hands the write to the store's writer
// thread and returns at once; when the write has committed, the store's
// callback completes this, and the server sends it on the connection's own
// thread. Nothing is sent before; a deferred response is never completed
// twice (later calls are ignored). What the Api does to every response
// (security headers, metrics, the log line) is a finisher, run by whoever
// delivers the response on its own thread — not by the store's writer
// thread, which is the one thread every answer passes.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace hearken::http {

struct HttpResponse;

class DeferredResponse {
 public:
  using Continuation = std::function<void(HttpResponse)>;

  // Completes it with `response`, from any thread; runs the continuation
  // if one was set. Only the first call counts.
  void Complete(HttpResponse response);
  // What runs with the response once it is complete (at once when it
  // already is). Set once, by whoever answers the client.
  void OnComplete(Continuation then);

  // Work on the response before it is sent, added by the Api when the
  // handler returns (before anyone can Finish) and run by Finish.
  void AddFinisher(std::function<void(HttpResponse&)> finisher) { finishers_.push_back(std::move(finisher)); }
  // Runs the finishers on the completed response, on the deliverer's thread.
  void Finish(HttpResponse& response) const {
    for (const auto& finisher : finishers_) finisher(response);
  }

 private:
  std::vector<std::function<void(HttpResponse&)>> finishers_;
  std::mutex mutex_;
  bool completed_ = false;
  std::unique_ptr<HttpResponse> response_;  // completed before a continuation was set
  Continuation then_;
};

// Blocks until `deferred` is complete and returns its response, finished:
// for callers of Api::Handle without a server (tests, the fuzz target).
HttpResponse WaitFor(DeferredResponse& deferred);

}  // namespace hearken::http
