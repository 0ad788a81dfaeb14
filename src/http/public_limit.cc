// PerAddressLimit (see public_limit.h).
#include "http/public_limit.h"

#include <spdlog/spdlog.h>

#include "http/handler_util.h"
#include "http/problem.h"

namespace hearken::http {

std::function<std::optional<HttpResponse>(const HttpRequest&)> PerAddressLimit(std::shared_ptr<RateLimiter> limiter,
                                                                              std::string what) {
  return [limiter = std::move(limiter), what = std::move(what)](const HttpRequest& request) -> std::optional<HttpResponse> {
    const Admission admission = limiter->TryAcquire(request.client_address);
    if (admission) return std::nullopt;
    spdlog::info("public {} limit reached for {}", what, ForLog(request.client_address, 60));
    HttpResponse response = Problem(429, "too many " + what + " from this address; try again later");
    response.SetHeader("Retry-After", std::to_string(admission.retry_after.count()));
    return response;
  };
}

}  // namespace hearken::http
