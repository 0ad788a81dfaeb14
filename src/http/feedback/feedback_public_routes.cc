// The public feedback form (docs/API.md "Feedback (issue 8)", Public): the
// page /f and its compact form /f?widget=1 for an iframe on another site
// post here a rating of 1 to 5 stars and a comment, an optional e-mail, and
// the site and touchpoint the page was given in its query. No account, no
// CSRF token; the bot trap of the public forms (http/bot_trap.h: the hidden
// field and a minimum fill time through a form token) and per-address
// limits per rolling hour (http/public_limit.h).
#include <algorithm>
#include <memory>

#include "core/rate_limiter.h"
#include "http/bot_trap.h"
#include "http/feedback/feedback_json.h"
#include "http/json_input.h"
#include "http/openapi_schema.h"
#include "http/problem.h"
#include "http/public_limit.h"
#include "http/routes.h"
#include "workflow/complaint_notifier.h"

namespace hearken::http {
namespace {

using namespace schema;

struct FeedbackLimits {
  FeedbackLimits(const Clock& clock, const ServerOptions& options)
      : posts(clock, static_cast<size_t>(std::max(0, options.public_survey_answers_per_hour)), std::chrono::hours(1)),
        forms(clock, static_cast<size_t>(std::max(0, options.public_survey_answers_per_hour)), std::chrono::hours(1)) {}
  RateLimiter posts;
  RateLimiter forms;
};

// The form's stars: 1..5 (rating_scale 5).
constexpr int kFormStars = 5;

HttpResponse Accepted() { return JsonResponse(201, {{"received", true}}); }

HttpResponse GetForm(Services& s, RequestContext&) {
  return JsonResponse(200, {{"form_token", IssueFormToken(s.notifier->links(), s.clock.Now())},
                            {"rating_scale", kFormStars},
                            {"min_fill_seconds", kMinFormFillTime.count()}});
}

HttpResponse PostFeedback(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  FeedbackItem f;
  std::string website, token;
  bool widget = false;
  int rating = 0;
  ObjectReader reader(*body.object);
  reader.Require("form_token");
  reader.String("form_token", &token);
  reader.Int("rating", &rating, 1, kFormStars);
  reader.String("text", &f.text);
  reader.String("contact_email", &f.contact_email);
  reader.String("site", &f.site);
  reader.String("touchpoint", &f.touchpoint);
  reader.String("language", &f.language);
  reader.Bool("widget", &widget);
  reader.String(kBotTrapField, &website);
  if (Status st = reader.Finish(); !st.ok()) return ErrorResponse(st.error());
  if (BotTrapSprung(website, ctx.request, "feedback")) return Accepted();
  switch (CheckFormToken(s.notifier->links(), token, s.clock.Now())) {
    case FormTiming::kHuman: break;
    case FormTiming::kTooFast:
      LogBotTrap(ctx.request, "feedback", "posted within the minimum fill time");
      return Accepted();
    case FormTiming::kInvalid:
      return ErrorResponse(Error::InvalidField("form_token", "is not a token of this form; reload the page"));
    case FormTiming::kExpired:
      return ErrorResponse(Error::InvalidField("form_token", "has expired; reload the page"));
  }
  f.source = widget ? FeedbackSource::kWidget : FeedbackSource::kForm;
  if (rating > 0) {
    f.rating = rating;
    f.rating_scale = kFormStars;
  }
  auto created = s.store.feedback().CreateFeedback(ctx.write, f);
  if (!created.ok()) return ErrorResponse(created.error());
  return Accepted();
}

}  // namespace

void AddPublicFeedbackRoutes(Router& router, Services& s) {
  const RouteAdapter h(s);
  const auto limits = std::make_shared<FeedbackLimits>(s.clock, s.options);
  const std::string tag = "public";
  router.AddSchema("PublicFeedbackForm", Obj({{"form_token", Str()}, {"rating_scale", Int()},
                                              {"min_fill_seconds", Int()}}));
  router.AddSchema("PublicFeedbackInput",
                   Obj({{"form_token", Str()}, {"rating", Int()}, {"text", Str()}, {"contact_email", Str()},
                        {"site", Str()}, {"touchpoint", Str()}, {"language", Str()}, {"widget", Bool()},
                        {"website", Str()}},
                       {"form_token"}));
  router.AddSchema("PublicFeedbackReceipt", Obj({{"received", Bool()}}));
  router.Add({.method = "GET", .path = "/api/v1/public/feedback/form", .access = Access::kPublic, .tag = tag,
              .summary = "A token for the feedback form (posted back no sooner than 3 s, within 24 h)",
              .response_schema = "PublicFeedbackForm", .handler = h(GetForm),
              .admit = PerAddressLimit({limits, &limits->forms}, "feedback forms")});
  router.Add({.method = "POST", .path = "/api/v1/public/feedback", .access = Access::kPublic, .tag = tag,
              .summary = "Send feedback: 1-5 stars and/or a comment (anonymous unless an e-mail is given)",
              .request_schema = "PublicFeedbackInput", .response_schema = "PublicFeedbackReceipt",
              .success_status = 201, .handler = h(PostFeedback),
              .admit = PerAddressLimit({limits, &limits->posts}, "feedback posts")});
}

}  // namespace hearken::http
