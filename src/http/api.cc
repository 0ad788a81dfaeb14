#include "http/api.h"
#include "http/idempotency.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <set>

#include <spdlog/spdlog.h>

#include "core/crypto.h"
#include "core/validation.h"
#include "http/deferred_response.h"
#include "http/handler_util.h"
#include "http/problem.h"
#include "http/routes.h"
#include "http/static_files.h"
#include "http/surveys/survey_lookup.h"
#include "http/surveys/survey_format_routes.h"
#include "workflow/complaint_notifier.h"
#include "mail/mail_rate_limit.h"
#include "workflow/survey_invitation_sender.h"

namespace hearken::http {
namespace {

constexpr char kSessionCookie[] = "hearken_session";
constexpr size_t kMaxReasonBytes = 500;
// Session activity is written at most this often (TouchSession is a write).
constexpr std::chrono::seconds kTouchEvery{60};

bool IsStateChanging(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

}  // namespace

bool IsApiPath(const std::string& path) {
  return path == "/api" || path.rfind("/api/", 0) == 0 || path == "/healthz" || path == "/readyz" ||
         path == "/metrics";
}

Api::Api(Store& store, const Clock& clock, ServerOptions options)
    : store_(store),
      clock_(clock),
      options_(std::move(options)),
      throttle_(clock, options_.sign_in),
      api_limiter_(clock, static_cast<std::size_t>(std::max(0, options_.api_requests_per_minute)),
                   std::chrono::minutes(1)),
      analysis_slots_(options_.analysis_slots),
      survey_lookup_(std::make_unique<SurveyLookup>()) {
  // Made now, so that the first unknown e-mail costs no more than a known one.
  (void)DummyPasswordHash();
  own_mail_limiter_ = std::make_unique<MailRateLimiter>(clock_);
  own_notifier_ = std::make_unique<ComplaintNotifier>(store_, nullptr, clock_, *own_mail_limiter_);
  services_.reset(new Services{store_, clock_, options_, throttle_, metrics_, router_, own_notifier_.get(),
                               analysis_slots_, hashing_slots_, *survey_lookup_});
  own_invitations_ = std::make_unique<SurveyInvitationSender>(store_, nullptr, clock_, *own_mail_limiter_);
  services_->invitations = own_invitations_.get();
  AddAuthRoutes(router_, *services_);
  AddAdminRoutes(router_, *services_);
  AddCustomerRoutes(router_, *services_);
  AddRequirementRoutes(router_, *services_);
  AddCommunicationRoutes(router_, *services_);
  AddComplaintRoutes(router_, *services_);
  AddComplaintBulkRoutes(router_, *services_);
  AddSavedViewRoutes(router_, *services_);
  AddPublicComplaintRoutes(router_, *services_);
  AddComplaintAdminRoutes(router_, *services_);
  AddComplaintAnalysisRoutes(router_, *services_);
  AddSurveyRoutes(router_, *services_);
  AddPublicSurveyRoutes(router_, *services_);
  AddNotificationRoutes(router_, *services_);
  AddSubjectRoutes(router_, *services_);
  AddSystemRoutes(router_, *services_);
  AddSurveyFormatRoutes(router_, *services_);
  AddSurveyInvitationRoutes(router_, *services_);
  AddSurveyQrRoutes(router_, *services_);
  AddFeedbackRoutes(router_, *services_);
  AddPublicFeedbackRoutes(router_, *services_);
  AddFeedbackHookRoutes(router_, *services_);
  largest_body_ = options_.max_body_bytes;
  for (const Route& route : router_.routes()) largest_body_ = std::max(largest_body_, route.max_body_bytes);
}

Api::~Api() = default;

void Api::SetComplaintNotifier(ComplaintNotifier* notifier) {
  services_->notifier = notifier ? notifier : own_notifier_.get();
}

void Api::SetSurveyInvitationSender(SurveyInvitationSender* sender) {
  services_->invitations = sender ? sender : own_invitations_.get();
}

std::size_t Api::BodyLimitFor(const std::string& method, const std::string& path) const {
  Router::Match match = router_.Find(method, path);
  if (!match.route || match.route->max_body_bytes == 0) return options_.max_body_bytes;
  return match.route->max_body_bytes;
}

std::size_t Api::LargestBodyLimit() const {
  return largest_body_;
}

Api::HeadCheck Api::CheckHead(const HttpRequest& head) {
  HeadCheck check;
  check.body_limit = options_.max_body_bytes;
  if (!IsApiPath(head.path)) {
    check.on_io_thread = true;  // static files: no store, no hashing
    return check;
  }
  Router::Match match = router_.Find(head.method, head.path);
  if (!match.route && head.method == "HEAD") match = router_.Find("GET", head.path);
  if (match.route) {
    if (match.route->max_body_bytes > 0) check.body_limit = match.route->max_body_bytes;
    check.on_io_thread =
        match.route->on_io_thread || (match.route->on_io_thread_if && match.route->on_io_thread_if(head, match.params));
  }
  auto refuse = [&](std::chrono::seconds wait, std::string detail) {
    HttpResponse response = Problem(429, std::move(detail));
    response.SetHeader("Retry-After", std::to_string(wait.count()));
    check.refusal = std::move(response);
    check.on_io_thread = true;
  };
  if (head.path.rfind("/api/", 0) == 0) {
    if (Admission a = api_limiter_.TryAcquire(head.client_address); !a) {
      refuse(a.retry_after, "too many requests from this address; slow down");
      return check;
    }
  }
  if (match.route && match.route->admit) {
    if (auto refusal = match.route->admit(head)) {
      check.refusal = std::move(*refusal);
      check.on_io_thread = true;
    }
  }
  return check;
}

void Api::AddSecurityHeaders(HttpResponse& response, bool is_api, bool over_tls) {
  // A route may have set a stricter policy of its own (attachment downloads: sandbox).
  if (!response.Header("Content-Security-Policy"))
    response.SetHeader("Content-Security-Policy",
                       "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
  response.SetHeader("X-Content-Type-Options", "nosniff");
  response.SetHeader("Referrer-Policy", "no-referrer");
  // Pages that may be framed (a survey embedded in a web site) set their own
  // frame-ancestors; every other page may not be framed at all.
  if (response.Header("Content-Security-Policy")->find("frame-ancestors 'none'") != std::string::npos)
    response.SetHeader("X-Frame-Options", "DENY");
  response.SetHeader("Permissions-Policy",
                     "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()");
  response.SetHeader("Cross-Origin-Opener-Policy", "same-origin");
  if (over_tls) response.SetHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  if (is_api || !response.Header("Cache-Control")) response.SetHeader("Cache-Control", "no-store");
}

HttpResponse Api::Handle(const HttpRequest& request) {
  const auto started = std::chrono::steady_clock::now();
  metrics_.RequestStarted();
  std::string route_label = "unmatched";
  HttpResponse response;
  try {
    response = Dispatch(request, &route_label);
  } catch (const std::exception& e) {
    spdlog::error("unhandled exception for {} {}: {}", ForLog(request.method, 20), ForLog(request.path), e.what());
    response = Problem(500, "an internal error occurred");
  } catch (...) {
    spdlog::error("unhandled exception for {} {}", ForLog(request.method, 20), ForLog(request.path));
    response = Problem(500, "an internal error occurred");
  }
  if (response.deferred) {
    RecordWhenFinished(request, *response.deferred, route_label, started);
    return response;
  }
  Record(request, response, route_label, started);
  return response;
}

void Api::RecordWhenFinished(const HttpRequest& request, DeferredResponse& deferred, std::string route_label,
                             std::chrono::steady_clock::time_point started) {
  // What Record reads of the request, copied: the request is gone by then.
  HttpRequest seen;
  seen.method = request.method;
  seen.path = request.path;
  seen.client_address = request.client_address;
  seen.over_tls = request.over_tls;
  deferred.AddFinisher([this, seen = std::move(seen), label = std::move(route_label), started](HttpResponse& response) {
    Record(seen, response, label, started);
  });
}

void Api::Finish(const HttpRequest& request, HttpResponse& response, const std::string& label,
                 std::chrono::steady_clock::time_point started) {
  metrics_.RequestStarted();
  Record(request, response, label, started);
}

void Api::Record(const HttpRequest& request, HttpResponse& response, const std::string& route_label,
                 std::chrono::steady_clock::time_point started) {
  AddSecurityHeaders(response, IsApiPath(request.path), request.over_tls || options_.secure_cookies);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  // Known methods only, so that clients cannot create unbounded label values.
  static const std::set<std::string> kMethods = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
  metrics_.RequestFinished(kMethods.count(request.method) ? request.method : "OTHER", route_label, response.status,
                           seconds);
  // The path only (query strings may carry secrets), with secret segments
  // (status and rating links) redacted; never a body.
  spdlog::info("{} {} {} {:.1f}ms {}", ForLog(request.method, 20), ForLog(PathForLog(request.path, route_label), 300),
               response.status, seconds * 1000.0, request.client_address);
}

HttpResponse Api::Dispatch(const HttpRequest& request, std::string* route_label) {
  if (IsApiPath(request.path)) return DispatchApi(request, route_label);
  *route_label = "static";
  if (options_.static_dir.empty() || (request.method != "GET" && request.method != "HEAD"))
    return Problem(404, "no such page");
  HttpResponse page = ServeStatic(options_.static_dir, request);
  // The respondent's survey page may be embedded in any web site (the
  // snippet of the survey's Share tab); it holds no session and no secret.
  // So may the feedback form /f (its widget, the snippet of the Feedback page).
  if (request.path.rfind("/s/", 0) == 0 || request.path == "/f" || request.path == "/f/")
    page.SetHeader("Content-Security-Policy",
                   "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                   "object-src 'none'; base-uri 'none'; frame-ancestors *; form-action 'self'");
  return page;
}

HttpResponse Api::DispatchApi(const HttpRequest& request, std::string* route_label) {
  Router::Match match = router_.Find(request.method, request.path);
  if (!match.route && request.method == "HEAD") match = router_.Find("GET", request.path);
  if (!match.route) {
    if (match.allowed_methods.empty()) return Problem(404, "no such resource");
    HttpResponse response = Problem(405, "allowed methods: " + Join(match.allowed_methods));
    response.SetHeader("Allow", Join(match.allowed_methods));
    return response;
  }
  const Route& route = *match.route;
  *route_label = route.path;
  RequestContext ctx{request, std::move(match.params), std::nullopt, {}};
  ctx.write.actor.label = "public";

  if (route.access != Access::kPublic) {
    auto principal = Authenticate(request);
    if (!principal.ok()) return ErrorResponse(principal.error());
    if (!principal->has_value()) {
      if (route.access != Access::kSignedInOrNot) return Problem(401, "sign in, or send a bearer token");
    } else {
      const Principal& who = **principal;
      if (!route.Allows(who.user.role))
        return Problem(403, "the role " + std::string(ToString(who.user.role)) + " may not do this");
      if (who.kind == AuthKind::kSession && IsStateChanging(request.method)) {
        const std::string* csrf = request.Header("x-csrf-token");
        if (!csrf || !ConstantTimeEquals(*csrf, who.csrf_token))
          return Problem(403, "missing or wrong X-CSRF-Token header");
      }
      ctx.write.actor = {who.user.id, ActorLabel(who.user)};
      ctx.principal = std::move(**principal);
    }
  }
  if (const std::string* reason = request.Header("x-audit-reason")) {
    if (!IsCleanUtf8(*reason) || reason->size() > kMaxReasonBytes)
      return Problem(422, "invalid X-Audit-Reason header",
                     {{"X-Audit-Reason", "must be UTF-8 text of at most 500 bytes"}});
    ctx.write.reason = *reason;
  }
  if (route.own_idempotency) return route.handler(ctx);
  return WithIdempotency(store_, ctx, route.handler);
}

Result<std::optional<Principal>> Api::Authenticate(const HttpRequest& request) {
  std::optional<Principal> none;
  if (const std::string* auth = request.Header("authorization")) {
    if (auth->size() < 8 || !EqualsIgnoreCase(std::string_view(*auth).substr(0, 7), "Bearer ")) return none;
    std::string_view token = std::string_view(*auth).substr(7);
    while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
    if (token.empty() || token.size() > 512) return none;
    auto found = store_.users().FindActiveApiToken(HashToken(token));
    if (!found.ok()) {
      if (found.error().code == ErrorCode::kNotFound) return none;
      return found.error();
    }
    auto user = store_.users().GetUser(found->user_id);
    if (!user.ok()) {
      if (user.error().code == ErrorCode::kNotFound) return none;
      return user.error();
    }
    if (!user->enabled) return none;
    Principal p;
    p.user = std::move(*user);
    p.kind = AuthKind::kBearer;
    return std::optional<Principal>(std::move(p));
  }
  auto cookie = request.Cookie(kSessionCookie);
  if (!cookie || cookie->empty() || cookie->size() > 512) return none;
  const std::string hash = HashToken(*cookie);
  auto session = store_.users().GetSession(hash);
  if (!session.ok()) {
    if (session.error().code == ErrorCode::kNotFound) return none;
    return session.error();
  }
  const TimePoint now = clock_.Now();
  if (now - session->last_seen_at >= options_.idle_timeout || now - session->created_at >= options_.absolute_timeout)
    return none;
  auto user = store_.users().GetUser(session->user_id);
  if (!user.ok()) {
    if (user.error().code == ErrorCode::kNotFound) return none;
    return user.error();
  }
  if (!user->enabled) return none;
  if (now - session->last_seen_at >= kTouchEvery) {
    Status touched = store_.users().TouchSession(hash, now);
    if (!touched.ok() && touched.error().code != ErrorCode::kNotFound) return touched.error();
  }
  Principal p;
  p.user = std::move(*user);
  p.kind = AuthKind::kSession;
  p.session_token_hash = hash;
  p.csrf_token = session->csrf_token;
  return std::optional<Principal>(std::move(p));
}

}  // namespace hearken::http
