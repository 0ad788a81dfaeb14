// The request pipeline without sockets: route matching, authentication
// (session cookie or bearer token), role and CSRF checks, the audit actor,
// the handler, security headers, metrics and the access log. server.cc feeds
// it requests read by Boost.Beast; tests may call Handle() directly.
#pragma once

#include <memory>
#include <optional>

#include "core/clock.h"
#include "http/http_types.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/server_options.h"
#include "http/throttle.h"
#include "store/store.h"

namespace hearken {
class ComplaintNotifier;
class MailRateLimiter;
}  // namespace hearken

namespace hearken::http {

struct Services;

class Api {
 public:
  Api(Store& store, const Clock& clock, ServerOptions options);
  ~Api();

  // Answers one request. Never throws: anything unexpected becomes a 500
  // problem. Every response carries the security headers.
  HttpResponse Handle(const HttpRequest& request);

  // Adds the headers every response carries (CSP unless the handler set its
  // own, nosniff, frame and referrer policies; no-store for API answers).
  static void AddSecurityHeaders(HttpResponse& response, bool is_api);

  // The largest body the route for `method` and `path` accepts (the
  // server's default when no route matches), and the largest any route
  // accepts. server.cc reads the head, then reads the body within the first.
  std::size_t BodyLimitFor(const std::string& method, const std::string& path) const;
  std::size_t LargestBodyLimit() const;

  // Replaces the notifier the complaint routes use (nullptr: back to the
  // Api's own, which has no mailer). Call before serving requests; `notifier`
  // must outlive the Api.
  void SetComplaintNotifier(ComplaintNotifier* notifier);

  const Router& router() const { return router_; }
  Metrics& metrics() { return metrics_; }
  const ServerOptions& options() const { return options_; }

 private:
  HttpResponse Dispatch(const HttpRequest& request, std::string* route_label);
  HttpResponse DispatchApi(const HttpRequest& request, std::string* route_label);
  // The caller, or nullopt when not signed in; an error when the store fails.
  Result<std::optional<Principal>> Authenticate(const HttpRequest& request);

  Store& store_;
  const Clock& clock_;
  ServerOptions options_;
  LoginThrottle throttle_;
  std::unique_ptr<RateLimiter> rate_limiter_;  // when options.api_requests_per_minute > 0
  Metrics metrics_;
  Router router_;
  std::unique_ptr<MailRateLimiter> own_mail_limiter_;
  std::unique_ptr<ComplaintNotifier> own_notifier_;
  std::unique_ptr<Services> services_;
};

// True for paths the API pipeline owns (/api/..., /healthz, /readyz, /metrics).
bool IsApiPath(const std::string& path);

}  // namespace hearken::http
