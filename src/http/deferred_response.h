// A response that its handler completes later, from another thread: an
// intake route validates the request, hands the write to the store's writer
// thread and returns at once; when the write has committed, the store's
// callback completes this, and the server sends it on the connection's own
// thread. Nothing is sent before; a deferred response is never completed
// twice (later calls are ignored).
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>

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

 private:
  std::mutex mutex_;
  bool completed_ = false;
  std::unique_ptr<HttpResponse> response_;  // completed before a continuation was set
  Continuation then_;
};

// Blocks until `deferred` is complete and returns its response: for callers
// of Api::Handle without a server (tests, the fuzz target).
HttpResponse WaitFor(DeferredResponse& deferred);

}  // namespace hearken::http
