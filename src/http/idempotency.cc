// WithIdempotency: claim the key, run the handler, record its 2xx answer or
// give the claim up (see idempotency.h).
#include "http/idempotency.h"

#include <chrono>

#include <spdlog/spdlog.h>

#include "core/crypto.h"
#include "http/problem.h"

namespace hearken::http {

namespace {

constexpr std::chrono::seconds kKeepFor = std::chrono::hours(24);
// A claim this old whose request wrote nothing is taken over by a retry:
// longer than any request may run.
constexpr std::chrono::seconds kStaleAfter = std::chrono::minutes(10);
constexpr size_t kMaxKeyLength = 255;

std::string ScopeOf(const RequestContext& ctx) {
  if (ctx.principal) return "user:" + std::to_string(ctx.principal->user.id);
  return "public:" + ctx.request.client_address;
}

HttpResponse Replay(const IdempotentAnswer& answer) {
  HttpResponse response;
  response.status = answer.status;
  response.body = answer.body;
  if (!answer.content_type.empty()) response.SetHeader("Content-Type", answer.content_type);
  if (!answer.location.empty()) response.SetHeader("Location", answer.location);
  response.SetHeader("Idempotent-Replayed", "true");
  return response;
}

}  // namespace

bool IsValidIdempotencyKey(const std::string& key) {
  if (key.empty() || key.size() > kMaxKeyLength) return false;
  for (unsigned char ch : key)
    if (ch < 0x21 || ch > 0x7e) return false;
  return true;
}

HttpResponse WithIdempotency(Store& store, RequestContext& ctx, const Handler& handler) {
  const HttpRequest& request = ctx.request;
  const std::string* key = request.Header("idempotency-key");
  if (!key || request.method != "POST" || request.path.rfind("/api/v1/auth/", 0) == 0)
    return handler(ctx);
  if (!IsValidIdempotencyKey(*key))
    return Problem(400, "invalid Idempotency-Key header",
                   {{"Idempotency-Key", "must be 1 to 255 visible ASCII characters"}});
  const IdempotencyRequest claim_of{ScopeOf(ctx), HashToken(*key),
                                    Blake2bHex(request.method + " " + request.target + "\n" + request.body)};
  auto claim = store.idempotency().ClaimIdempotencyKey(claim_of, kStaleAfter, kKeepFor);
  if (!claim.ok()) return ErrorResponse(claim.error());
  switch (claim->outcome) {
    case IdempotencyOutcome::kReplay:
      return Replay(*claim->answer);
    case IdempotencyOutcome::kMismatch:
      return Problem(422, "this Idempotency-Key was used for another request",
                     {{"Idempotency-Key", "was used with another method, target or body; use a new key"}});
    case IdempotencyOutcome::kInProgress: {
      HttpResponse response = Problem(409, "the first request with this Idempotency-Key is still running");
      response.SetHeader("Retry-After", "1");
      return response;
    }
    case IdempotencyOutcome::kCreated:
      return Problem(409, "the request with this Idempotency-Key created " + claim->entity_type + " " +
                              claim->entity_id + ", but its answer was not recorded; read that record instead");
    case IdempotencyOutcome::kClaimed:
      break;
  }
  ctx.write.idempotency_scope = claim_of.scope;
  ctx.write.idempotency_key_hash = claim_of.key_hash;
  HttpResponse response = handler(ctx);
  if (response.status >= 200 && response.status < 300) {
    IdempotentAnswer answer{response.status, "", "", response.body};
    if (const std::string* type = response.Header("content-type")) answer.content_type = *type;
    if (const std::string* location = response.Header("location")) answer.location = *location;
    if (Status s = store.idempotency().CompleteIdempotencyKey(claim_of, answer); !s.ok())
      spdlog::warn("idempotency: the answer to {} {} was not recorded: {}", request.method, request.path,
                   s.error().message);
  } else if (Status s = store.idempotency().ReleaseIdempotencyKey(claim_of); !s.ok()) {
    spdlog::warn("idempotency: the claim for {} {} was not released: {}", request.method, request.path,
                 s.error().message);
  }
  return response;
}

}  // namespace hearken::http
