// Incoming webhooks of social-media mentions (docs/API.md "Feedback
// (issue 8)", Webhooks): POST /api/v1/hooks/social/{source} takes the JSON
// of ingest/social_mentions.h, signed as core/webhook_signature.h describes
// (X-Hearken-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">,
// 5 minutes' tolerance) with a delivery id (X-Hearken-Delivery) that is
// accepted once: a replay is answered 409. A bad or missing signature, or
// an unknown source, is answered 401 problem+json alike, so the route tells
// nobody which sources exist. Admins make and rotate a source's secret,
// shown once in the answer and never again.
#include "core/crypto.h"
#include "core/webhook_signature.h"
#include "http/feedback/feedback_json.h"
#include "http/openapi_schema.h"
#include "http/problem.h"
#include "http/routes.h"

namespace hearken::http {
namespace {

using namespace schema;

constexpr size_t kMaxDeliveryBytes = 1u << 20;

HttpResponse Unauthorised(const std::string& detail) {
  HttpResponse r = Problem(401, detail);
  r.SetHeader("WWW-Authenticate", "HearkenSignature");
  return r;
}

HttpResponse ReceiveDelivery(Services& s, RequestContext& ctx) {
  const std::string source = ctx.PathText("source");
  const std::string* signature = ctx.request.Header("x-hearken-signature");
  if (!signature) return Unauthorised("the X-Hearken-Signature header is required");
  auto secrets = s.store.feedback().WebhookSecrets(source, s.clock.Now());
  if (!secrets.ok()) {
    if (secrets.error().code == ErrorCode::kNotFound) return Unauthorised("signature does not match");
    return ErrorResponse(secrets.error());
  }
  if (Status st = VerifyWebhookSignature(*secrets, *signature, ctx.request.body, s.clock.Now()); !st.ok())
    return Unauthorised(st.error().message);
  const std::string* delivery = ctx.request.Header("x-hearken-delivery");
  if (!delivery || delivery->empty())
    return ErrorResponse(Error::InvalidField("X-Hearken-Delivery", "is required: the delivery's unique id"));
  auto parsed = ingest::ParseSocialJson(ctx.request.body);
  if (!parsed.ok()) return ErrorResponse(Error::InvalidField("body", parsed.error().message));
  WriteContext write = ctx.write;
  write.actor.label = "webhook:" + source;
  auto report = s.store.feedback().ReceiveWebhookDelivery(write, source, *delivery, parsed->items);
  if (!report.ok()) {
    if (report.error().code == ErrorCode::kAlreadyExists)
      return Problem(409, report.error().message, {{"X-Hearken-Delivery", "was received before"}});
    return ErrorResponse(report.error());
  }
  return JsonResponse(200, SocialImportJson(*report, parsed->rejected));
}

HttpResponse ListSources(Services& s, RequestContext&) {
  auto sources = s.store.feedback().ListWebhookSources();
  if (!sources.ok()) return ErrorResponse(sources.error());
  Json items = Json::array();
  for (const auto& source : *sources) items.push_back(WebhookSourceJson(source));
  return JsonResponse(200, {{"items", items}});
}

// Makes a new secret for the source (creating it), shown in this answer only.
HttpResponse MakeSecret(Services& s, RequestContext& ctx) {
  const std::string secret = "whsec_" + RandomToken(32);
  auto source = s.store.feedback().SetWebhookSecret(ctx.write, ctx.PathText("name"), secret);
  if (!source.ok()) return ErrorResponse(source.error());
  Json out = WebhookSourceJson(*source);
  out["secret"] = secret;
  return JsonResponse(source->rotated_at ? 200 : 201, out);
}

}  // namespace

void AddFeedbackHookRoutes(Router& router, Services& s) {
  const RouteAdapter h(s);
  router.AddSchema("WebhookSource", Obj({{"name", Str()}, {"url", Str()}, {"created_at", Time()},
                                         {"rotated_at", NTime()}, {"previous_valid_until", NTime()},
                                         {"deliveries", Int()}, {"last_delivery_at", NTime()}}));
  router.AddSchema("WebhookSourceList", Obj({{"items", ArrayOf(Ref("WebhookSource"))}}));
  router.AddSchema("WebhookSecret", Obj({{"name", Str()}, {"url", Str()}, {"secret", Str()},
                                         {"previous_valid_until", NTime()}}));
  router.Add({.method = "POST", .path = "/api/v1/hooks/social/{source}", .access = Access::kPublic,
              .tag = "webhooks",
              .summary = "Deliver social-media mentions (signed: X-Hearken-Signature t=<unix>,v1=<HMAC-SHA256 hex of "
                         "\"<t>.<body>\">; X-Hearken-Delivery once; 401 bad signature, 409 replay)",
              .response_schema = "SocialImportReport", .success_status = 200, .handler = h(ReceiveDelivery),
              .max_body_bytes = kMaxDeliveryBytes});
  router.Add({.method = "GET", .path = "/api/v1/feedback/webhooks", .roles = AdminRoles(), .tag = "feedback",
              .summary = "The incoming-webhook sources (never their secrets)", .response_schema = "WebhookSourceList",
              .handler = h(ListSources)});
  router.Add({.method = "POST", .path = "/api/v1/feedback/webhooks/{name}/secret", .roles = AdminRoles(),
              .tag = "feedback",
              .summary = "Make a source's secret (201) or rotate it (200; the old one holds 24 h more); shown once",
              .response_schema = "WebhookSecret", .success_status = 201, .handler = h(MakeSecret)});
}

}  // namespace hearken::http
