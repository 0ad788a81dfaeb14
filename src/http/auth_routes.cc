// Sign-in, sign-out and "who am I": the session cookie, CSRF token and the
// sign-in throttle.
#include <spdlog/spdlog.h>

#include "core/crypto.h"
#include "core/validation.h"
#include "http/json_input.h"
#include "http/problem.h"
#include "http/work_slots.h"
#include "http/routes.h"
#include "http/throttle.h"

namespace hearken::http {
namespace {

constexpr char kSessionCookie[] = "hearken_session";

std::string CookieAttributes(const ServerOptions& options) {
  return std::string("; HttpOnly; SameSite=Strict; Path=/") + (options.secure_cookies ? "; Secure" : "");
}

Json SignedInJson(const User& user, const std::string& csrf_token) {
  return {{"user", ToJson(user)}, {"csrf_token", csrf_token.empty() ? Json(nullptr) : Json(csrf_token)}};
}

HttpResponse Login(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  std::string email, password;
  ObjectReader reader(*body.object);
  reader.Require("email");
  reader.Require("password");
  reader.String("email", &email);
  reader.String("password", &password);
  if (Status st = reader.Finish(); !st.ok()) return ErrorResponse(st.error());
  if (email.size() > 254 || password.size() > 4 * kMaxPasswordLength)
    return Problem(401, "wrong e-mail or password");

  const std::string account = AsciiLower(email);
  const std::string& address = ctx.request.client_address;
  if (auto wait = s.throttle.RetryAfter(account, address); wait.count() > 0) {
    HttpResponse response = Problem(429, "too many failed sign-ins; try again later");
    response.SetHeader("Retry-After", std::to_string(wait.count()));
    return response;
  }
  auto user = s.store.users().GetUserByEmail(account);
  if (!user.ok() && user.error().code != ErrorCode::kNotFound) return ErrorResponse(user.error());
  auto slot = s.hashing.TryAcquireFor(s.options.queue_deadline);
  if (!slot) return Unavailable(1);  // every core is hashing: shed, and no failure counted
  // Unknown users cost the same hashing work as known ones.
  const bool verified = VerifyPassword(user.ok() ? user->password_hash : DummyPasswordHash(), password);
  slot.reset();
  if (!user.ok() || !verified || !user->enabled) {
    s.throttle.RecordFailure(account, address);
    spdlog::warn("failed sign-in for {} from {}", ForLog(account, 100), address);
    return Problem(401, "wrong e-mail or password");
  }
  s.throttle.RecordSuccess(account, address);

  const std::string token = RandomToken(32);
  Session session;
  session.token_hash = HashToken(token);
  session.user_id = user->id;
  session.csrf_token = RandomToken(32);
  session.created_at = s.clock.Now();
  session.last_seen_at = session.created_at;
  WriteContext write = ctx.write;
  write.actor = {user->id, ActorLabel(*user)};
  if (Status st = s.store.users().CreateSession(write, session); !st.ok()) return ErrorResponse(st.error());

  HttpResponse response = JsonResponse(200, SignedInJson(*user, session.csrf_token));
  response.AddHeader("Set-Cookie", std::string(kSessionCookie) + "=" + token + CookieAttributes(s.options) +
                                       "; Max-Age=" + std::to_string(s.options.absolute_timeout.count()));
  return response;
}

HttpResponse Logout(Services& s, RequestContext& ctx) {
  if (ctx.principal->kind == AuthKind::kSession) {
    Status st = s.store.users().DeleteSession(ctx.write, ctx.principal->session_token_hash);
    if (!st.ok() && st.error().code != ErrorCode::kNotFound) return ErrorResponse(st.error());
  }
  HttpResponse response = NoContent();
  response.AddHeader("Set-Cookie", std::string(kSessionCookie) + "=" + CookieAttributes(s.options) +
                                       "; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
  return response;
}

HttpResponse Me(Services&, RequestContext& ctx) {
  return JsonResponse(200, SignedInJson(ctx.principal->user, ctx.principal->csrf_token));
}

// The sign-in page and the app ask this on load: a visitor without a session
// is an answer (user null), not a 401 in every console.
HttpResponse Session(Services&, RequestContext& ctx) {
  if (!ctx.principal) return JsonResponse(200, {{"user", nullptr}, {"csrf_token", nullptr}});
  return JsonResponse(200, SignedInJson(ctx.principal->user, ctx.principal->csrf_token));
}

}  // namespace

void AddAuthRoutes(Router& router, Services& s) {
  const RouteAdapter h(s);
  router.Add({.method = "POST", .path = "/api/v1/auth/login", .access = Access::kPublic, .tag = "auth",
              .summary = "Sign in with e-mail and password; sets the session cookie",
              .request_schema = "Login", .response_schema = "SignedIn",
              .handler = h(Login)});
  router.Add({.method = "POST", .path = "/api/v1/auth/logout", .access = Access::kAnyRole, .tag = "auth",
              .summary = "Sign out: ends the session and clears the cookie", .success_status = 204,
              .handler = h(Logout)});
  router.Add({.method = "GET", .path = "/api/v1/auth/me", .access = Access::kAnyRole, .tag = "auth",
              .summary = "The signed-in user and the CSRF token", .response_schema = "SignedIn",
              .handler = h(Me)});
  router.Add({.method = "GET", .path = "/api/v1/auth/session", .access = Access::kSignedInOrNot, .tag = "auth",
              .summary = "Whether the caller is signed in: the user and CSRF token, or user null (never 401)",
              .response_schema = "SignedIn", .handler = h(Session)});
}

}  // namespace hearken::http
