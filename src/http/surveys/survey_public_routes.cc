// The respondent's routes (docs/API.md "Surveys", Public): the survey behind
// a public link /s/{slug} and the answers posted from it. No account, no
// CSRF token; an answer through the public link is anonymous — it stores no
// address, customer or invitation. Limits per client address and rolling
// hour. Each answer may carry an Idempotency-Key, kept per survey in the
// answer itself, so a retry never makes a second answer.
#include <algorithm>
#include <memory>

#include "core/rate_limiter.h"
#include "http/openapi_schema.h"
#include "http/problem.h"
#include "http/public_limit.h"
#include "http/routes.h"
#include "http/surveys/survey_checks.h"
#include "http/surveys/survey_json.h"
#include "http/surveys/survey_lookup.h"

namespace hearken::http {
namespace {

using namespace schema;

struct SurveyLimits {
  SurveyLimits(const Clock& clock, const ServerOptions& options)
      : answers(clock, static_cast<size_t>(std::max(0, options.public_survey_answers_per_hour)), std::chrono::hours(1)),
        reads(clock, static_cast<size_t>(std::max(0, options.public_survey_answers_per_hour)), std::chrono::hours(1)) {}
  RateLimiter answers;
  RateLimiter reads;
};

// A draft, a disabled link or an invitation-only survey is not there for
// the public.
bool IsPublic(const Survey& survey) {
  return survey.status != SurveyStatus::kDraft && survey.public_link_enabled && survey.anonymous_allowed;
}

// The survey of a public link, when the link may be used at all.
Result<Survey> PublicSurvey(Services& s, RequestContext& ctx) {
  auto survey = s.store.surveys().GetSurveyBySlug(ctx.PathText("slug"));
  if (!survey.ok()) return survey.error();
  if (!IsPublic(*survey)) return Error::NotFound("no such survey");
  return survey;
}

HttpResponse GetPublicSurvey(Services& s, RequestContext& ctx) {
  auto survey = PublicSurvey(s, ctx);
  if (!survey.ok()) return ErrorResponse(survey.error());
  auto version = s.store.surveys().GetSurveyVersion(survey->id, survey->current_version);
  if (!version.ok()) return ErrorResponse(version.error());
  const std::string closed = ClosedReason(*survey, s.clock.Now());
  Json out = {{"version", version->version},
              {"open", closed.empty()},
              {"closed_reason", closed},
              {"definition", Json::parse(version->definition_json, nullptr, false)}};
  return JsonResponse(200, out);
}

// The intake route: the survey and its version come from memory when they
// are there (SurveyLookup; then this runs on the I/O thread), and the
// response waits for the write's group to commit without holding a thread.
HttpResponse PostPublicAnswer(Services& s, RequestContext& ctx) {
  SurveyLookup& lookup = s.surveys_in_memory;
  auto survey = lookup.BySlug(s.store, ctx.PathText("slug"));
  if (!survey.ok()) return ErrorResponse(survey.error());
  if (!IsPublic(**survey)) return ErrorResponse(Error::NotFound("no such survey"));
  AnswerChannel channel = AnswerChannel::kLink;
  if (const std::string* via = ctx.request.Header("x-survey-channel"); via && *via == "embed")
    channel = AnswerChannel::kEmbed;
  const Id id = (*survey)->id;
  return SubmitAnswerDeferred(s.store, ctx, {**survey, channel, std::nullopt},
                              [&](int version) { return lookup.Version(s.store, id, version); });
}

// Whether PostPublicAnswer can run without reading the store.
bool AnswerIsInMemory(Services& s, const std::map<std::string, std::string>& params) {
  auto slug = params.find("slug");
  if (slug == params.end()) return false;
  auto survey = s.surveys_in_memory.CachedBySlug(slug->second);
  return survey && s.surveys_in_memory.CachedVersion(survey->id, survey->current_version);
}

}  // namespace

void AddPublicSurveyRoutes(Router& router, Services& s) {
  const RouteAdapter h(s);
  const auto limits = std::make_shared<SurveyLimits>(s.clock, s.options);
  const std::string tag = "public";
  router.AddSchema("PublicSurvey", Obj({{"version", Int()}, {"open", Bool()}, {"closed_reason", Str()},
                                        {"definition", {{"type", "object"}}}}));
  router.Add({.method = "GET", .path = "/api/v1/public/surveys/{slug}", .access = Access::kPublic, .tag = tag,
              .summary = "The survey behind a public link, to render with the SurveyJS form library",
              .response_schema = "PublicSurvey", .handler = h(GetPublicSurvey),
              .admit = PerAddressLimit({limits, &limits->reads}, "survey requests")});
  router.Add({.method = "POST", .path = "/api/v1/public/surveys/{slug}/answers", .access = Access::kPublic,
              .tag = tag, .summary = "Answer a survey (anonymous; Idempotency-Key makes retries safe)",
              .request_schema = "SurveyAnswerInput", .response_schema = "SurveyAnswerReceipt", .success_status = 201,
              .handler = h(PostPublicAnswer), .admit = PerAddressLimit({limits, &limits->answers}, "survey answers"),
              .on_io_thread_if = [&s](const auto& params) { return AnswerIsInMemory(s, params); },
              .own_idempotency = true});
}

}  // namespace hearken::http
