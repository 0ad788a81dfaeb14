#include "http/deferred_response.h"

#include <condition_variable>
#include <optional>

#include "http/http_types.h"

namespace hearken::http {

void DeferredResponse::Complete(HttpResponse response) {
  Continuation then;
  {
    std::lock_guard lock(mutex_);
    if (completed_) return;
    completed_ = true;
    if (!then_) {
      response_ = std::make_unique<HttpResponse>(std::move(response));
      return;
    }
    then = std::move(then_);
  }
  then(std::move(response));
}

void DeferredResponse::OnComplete(Continuation then) {
  std::unique_ptr<HttpResponse> ready;
  {
    std::lock_guard lock(mutex_);
    if (!response_) {
      then_ = std::move(then);
      return;
    }
    ready = std::move(response_);
  }
  then(std::move(*ready));
}

HttpResponse WaitFor(DeferredResponse& deferred) {
  std::mutex mutex;
  std::condition_variable ready;
  std::optional<HttpResponse> out;
  deferred.OnComplete([&](HttpResponse response) {
    std::lock_guard lock(mutex);
    out = std::move(response);
    ready.notify_all();
  });
  std::unique_lock lock(mutex);
  ready.wait(lock, [&] { return out.has_value(); });
  deferred.Finish(*out);
  return std::move(*out);
}

}  // namespace hearken::http
