// The admission check (Route::admit) of the public routes: requests per
// client address within the rolling window of a RateLimiter, refused with
// 429 and Retry-After from the request head, before the body is read.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/rate_limiter.h"
#include "http/http_types.h"

namespace hearken::http {

// A Route::admit that counts the request against `limiter` for its client
// address and refuses it with 429 "too many <what> from this address" once
// the address has used its budget. The check keeps `limiter` alive (pass an
// aliasing pointer into a struct of limits: {limits, &limits->status}).
std::function<std::optional<HttpResponse>(const HttpRequest&)> PerAddressLimit(std::shared_ptr<RateLimiter> limiter,
                                                                              std::string what);

}  // namespace hearken::http
