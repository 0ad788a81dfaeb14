// The request pipeline without sockets: route matching, authentication
// (session cookie or bearer token), role and CSRF checks, the audit actor,
// the handler, security headers, metrics and the access log. server.cc feeds
// it requests read by Boost.Beast; tests may call Handle() directly.
#pragma once

#include <chrono>
#include <memory>
#include <optional>

#include "core/clock.h"
#include "http/http_types.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/server_options.h"
#include "core/rate_limiter.h"
#include "http/throttle.h"
#include "http/work_slots.h"
#include "store/store.h"

namespace hearken {
class ComplaintNotifier;
class MailRateLimiter;
class SurveyInvitationSender;
}  // namespace hearken

namespace hearken::http {

struct Services;
class SurveyLookup;

class Api {
 public:
  Api(Store& store, const Clock& clock, ServerOptions options);
  ~Api();

  // Answers one request. Never throws: anything unexpected becomes a 500
  // problem. Every response carries the security headers. A response with
  // `deferred` set (an intake route whose write commits later) carries
  // nothing else: the answer is what `deferred` is completed with, recorded
  // (headers, metrics, access log) by its finisher when it is delivered.
  HttpResponse Handle(const HttpRequest& request);

  // Adds the headers every response carries (CSP unless the handler set its
  // own, nosniff, frame, referrer, permissions and opener policies; no-store
  // for API answers; HSTS when the request came over TLS).
  static void AddSecurityHeaders(HttpResponse& response, bool is_api, bool over_tls = false);

  // What the server needs to know from a request head before it reads the
  // body: the body limit of the route, whether the answer is cheap enough
  // for the I/O thread (no store call, no hashing: /healthz, /metrics,
  // static files), and a refusal (429 with Retry-After) when a rate limit
  // of the API or of the route is reached — checked here, so a refused
  // client's body is never read. Counts the request against those limits.
  struct HeadCheck {
    std::size_t body_limit = 0;
    bool on_io_thread = false;
    std::optional<HttpResponse> refusal;
  };
  HeadCheck CheckHead(const HttpRequest& head);

  // For answers the server gives without a handler (a refusal from
  // CheckHead, 503 when the worker pool sheds): adds the security headers
  // and records the request in the metrics (route label `label`) and the
  // access log, as Handle() does for its own answers.
  void Finish(const HttpRequest& request, HttpResponse& response, const std::string& label,
              std::chrono::steady_clock::time_point started);

  // The largest body the route for `method` and `path` accepts (the
  // server's default when no route matches), and the largest any route
  // accepts. server.cc reads the head, then reads the body within the first.
  std::size_t BodyLimitFor(const std::string& method, const std::string& path) const;
  std::size_t LargestBodyLimit() const;

  // Replaces the notifier the complaint routes use (nullptr: back to the
  // Api's own, which has no mailer). Call before serving requests; `notifier`
  // must outlive the Api.
  void SetComplaintNotifier(ComplaintNotifier* notifier);
  // The same for the sender of survey invitation mail (the survey routes
  // send the mails of new invitations at once).
  void SetSurveyInvitationSender(SurveyInvitationSender* sender);

  const Router& router() const { return router_; }
  Metrics& metrics() { return metrics_; }
  WorkSlots& analysis_slots() { return analysis_slots_; }
  WorkSlots& hashing_slots() { return hashing_slots_; }
  const ServerOptions& options() const { return options_; }

 private:
  void Record(const HttpRequest& request, HttpResponse& response, const std::string& route_label,
              std::chrono::steady_clock::time_point started);
  // Record()s a deferred response when its deliverer finishes it (on the
  // connection's thread; the I/O threads end before the Api).
  void RecordWhenFinished(const HttpRequest& request, DeferredResponse& deferred, std::string route_label,
                          std::chrono::steady_clock::time_point started);
  HttpResponse Dispatch(const HttpRequest& request, std::string* route_label);
  HttpResponse DispatchApi(const HttpRequest& request, std::string* route_label);
  // The caller, or nullopt when not signed in; an error when the store fails.
  Result<std::optional<Principal>> Authenticate(const HttpRequest& request);

  Store& store_;
  const Clock& clock_;
  ServerOptions options_;
  LoginThrottle throttle_;
  RateLimiter api_limiter_;  // options.api_requests_per_minute per client address (0: none)
  Metrics metrics_;
  WorkSlots analysis_slots_;
  WorkSlots hashing_slots_{0};
  Router router_;
  std::unique_ptr<SurveyLookup> survey_lookup_;
  std::unique_ptr<MailRateLimiter> own_mail_limiter_;
  std::unique_ptr<ComplaintNotifier> own_notifier_;
  std::unique_ptr<SurveyInvitationSender> own_invitations_;
  std::unique_ptr<Services> services_;
  std::size_t largest_body_ = 0;
};

// True for paths the API pipeline owns (/api/..., /healthz, /readyz, /metrics).
bool IsApiPath(const std::string& path);

}  // namespace hearken::http
