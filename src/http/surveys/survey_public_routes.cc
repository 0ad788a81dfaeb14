// The respondent's routes (docs/API.md "Surveys", Public, and "Survey
// invitations"): the survey behind a public link /s/{slug} and the answers
// posted from it. No account, no CSRF token; an answer through the public
// link is anonymous — it stores no address, customer or invitation. A
// personal invitation link /s/{slug}?t={token} is the same page sending the
// token in the X-Survey-Token header (never in an API URL, so it stays out
// of logs): it opens invitation-only surveys too, resumes and saves the
// answers given so far, takes one complete answer (channel invitation,
// linked to the customer) and offers the opt-out. Tokens are compared by
// their hash; an unknown token is 404 like an unknown survey. Limits per
// client address and rolling hour. Each answer may carry an
// Idempotency-Key, kept per survey in the answer itself, so a retry never
// makes a second answer.
#include <algorithm>
#include <memory>

#include "core/crypto.h"
#include "core/rate_limiter.h"
#include "http/json_input.h"
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

// The hash of the X-Survey-Token header, "" without one, nullopt for one
// that cannot be a token (answered 404 like an unknown one).
std::optional<std::string> TokenHash(RequestContext& ctx) {
  const std::string* token = ctx.request.Header("x-survey-token");
  if (!token) return std::string();
  const bool well_formed =
      token->size() >= 22 && token->size() <= 64 &&
      token->find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == std::string::npos;
  if (!well_formed) return std::nullopt;
  return HashToken(*token);
}

// The survey of an invitation link: any survey past its draft.
Result<Survey> InvitedSurvey(Services& s, RequestContext& ctx) {
  auto survey = s.store.surveys().GetSurveyBySlug(ctx.PathText("slug"));
  if (!survey.ok()) return survey.error();
  if (survey->status == SurveyStatus::kDraft) return Error::NotFound("no such survey");
  return survey;
}

HttpResponse NoSuchSurvey() { return Problem(404, "no such survey"); }

HttpResponse GetPublicSurvey(Services& s, RequestContext& ctx) {
  auto token_hash = TokenHash(ctx);
  if (!token_hash) return NoSuchSurvey();
  auto survey = token_hash->empty() ? PublicSurvey(s, ctx) : InvitedSurvey(s, ctx);
  if (!survey.ok()) return ErrorResponse(survey.error());
  Json invitation = nullptr;
  if (!token_hash->empty()) {
    auto opened = s.store.survey_invitations().OpenInvitation(ctx.write, survey->id, *token_hash);
    if (!opened.ok()) return opened.error().code == ErrorCode::kNotFound ? NoSuchSurvey() : ErrorResponse(opened.error());
    invitation = {{"status", InvitationStatusName(opened->status)},
                  {"language", opened->language},
                  {"partial", opened->partial_json.empty() ? Json(nullptr)
                                                           : Json::parse(opened->partial_json, nullptr, false)}};
  }
  auto version = s.store.surveys().GetSurveyVersion(survey->id, survey->current_version);
  if (!version.ok()) return ErrorResponse(version.error());
  const std::string closed = ClosedReason(*survey, s.clock.Now());
  Json out = {{"version", version->version},
              {"open", closed.empty()},
              {"closed_reason", closed},
              {"definition", Json::parse(version->definition_json, nullptr, false)},
              {"invitation", invitation}};
  return JsonResponse(200, out);
}

// The intake route: the survey and its version come from memory when they
// are there (SurveyLookup; then this runs on the I/O thread), and the
// response waits for the write's group to commit without holding a thread.
HttpResponse PostPublicAnswer(Services& s, RequestContext& ctx) {
  auto token_hash = TokenHash(ctx);
  if (!token_hash) return NoSuchSurvey();
  if (!token_hash->empty()) {  // an invitation link: on the worker pool, its answer and completion in one write
    auto survey = InvitedSurvey(s, ctx);
    if (!survey.ok()) return ErrorResponse(survey.error());
    AnswerRequest request{*survey, AnswerChannel::kInvitation, std::nullopt};
    request.invitation_token_hash = *token_hash;
    HttpResponse response = SubmitAnswer(s.store, ctx, request);
    return response.status == 404 ? NoSuchSurvey() : response;
  }
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

// Whether PostPublicAnswer can run without reading the store: a public
// link's answer (no invitation token) to a survey in memory.
bool AnswerIsInMemory(Services& s, const HttpRequest& head, const std::map<std::string, std::string>& params) {
  if (head.Header("x-survey-token")) return false;
  auto slug = params.find("slug");
  if (slug == params.end()) return false;
  auto survey = s.surveys_in_memory.CachedBySlug(slug->second);
  return survey && s.surveys_in_memory.CachedVersion(survey->id, survey->current_version);
}

// The answers given so far on an invitation link: {answers: {...}, language}.
HttpResponse PutPartialAnswer(Services& s, RequestContext& ctx) {
  auto token_hash = TokenHash(ctx);
  if (!token_hash || token_hash->empty()) return NoSuchSurvey();
  auto survey = InvitedSurvey(s, ctx);
  if (!survey.ok()) return ErrorResponse(survey.error());
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  ObjectReader reader(*body.object);
  std::string language;
  reader.String("language", &language);
  reader.Require("answers");
  reader.Accept("answers");
  if (Status st = reader.Finish(); !st.ok()) return ErrorResponse(st.error());
  const Json& answers = body.object->at("answers");
  if (!answers.is_object())
    return Problem(422, "the answers must be an object", {{"answers", "must map question names to values"}});
  auto saved = s.store.survey_invitations().SaveInvitationPartial(ctx.write, survey->id, *token_hash, answers.dump(),
                                                                 language == "default" ? "" : language);
  if (!saved.ok()) {
    if (saved.error().code == ErrorCode::kNotFound) return NoSuchSurvey();
    if (saved.error().code == ErrorCode::kFailedPrecondition)
      return Problem(409, "this invitation has been answered", saved.error().fields);
    return ErrorResponse(saved.error());
  }
  return JsonResponse(200, {{"status", InvitationStatusName(saved->status)}});
}

// No more survey mail for the person of an invitation link.
HttpResponse PostOptOut(Services& s, RequestContext& ctx) {
  auto token_hash = TokenHash(ctx);
  if (!token_hash || token_hash->empty()) return NoSuchSurvey();
  auto survey = InvitedSurvey(s, ctx);
  if (!survey.ok()) return ErrorResponse(survey.error());
  auto out = s.store.survey_invitations().OptOutOfInvitation(ctx.write, survey->id, *token_hash);
  if (!out.ok()) return out.error().code == ErrorCode::kNotFound ? NoSuchSurvey() : ErrorResponse(out.error());
  return JsonResponse(200, {{"status", InvitationStatusName(out->status)}});
}

}  // namespace

void AddPublicSurveyRoutes(Router& router, Services& s) {
  const RouteAdapter h(s);
  const auto limits = std::make_shared<SurveyLimits>(s.clock, s.options);
  const std::string tag = "public";
  router.AddSchema("PublicSurvey", Obj({{"version", Int()}, {"open", Bool()}, {"closed_reason", Str()},
                                        {"definition", {{"type", "object"}}},
                                        {"invitation", {{"type", "object"}, {"nullable", true}}}}));
  router.AddSchema("PartialAnswerInput", Obj({{"language", Str()}, {"answers", {{"type", "object"}}}}, {"answers"}));
  router.AddSchema("InvitationState", Obj({{"status", Str()}}));
  router.Add({.method = "GET", .path = "/api/v1/public/surveys/{slug}", .access = Access::kPublic, .tag = tag,
              .summary = "The survey behind a public link (or an invitation link: X-Survey-Token), to render with "
                         "the SurveyJS form library",
              .response_schema = "PublicSurvey", .handler = h(GetPublicSurvey),
              .admit = PerAddressLimit({limits, &limits->reads}, "survey requests")});
  router.Add({.method = "POST", .path = "/api/v1/public/surveys/{slug}/answers", .access = Access::kPublic,
              .tag = tag, .summary = "Answer a survey (anonymous; Idempotency-Key makes retries safe)",
              .request_schema = "SurveyAnswerInput", .response_schema = "SurveyAnswerReceipt", .success_status = 201,
              .handler = h(PostPublicAnswer), .admit = PerAddressLimit({limits, &limits->answers}, "survey answers"),
              .on_io_thread_if = [&s](const HttpRequest& head, const auto& params) { return AnswerIsInMemory(s, head, params); },
              .own_idempotency = true});
  router.Add({.method = "PUT", .path = "/api/v1/public/surveys/{slug}/partial", .access = Access::kPublic,
              .tag = tag, .summary = "Save the answers given so far on an invitation link (X-Survey-Token)",
              .request_schema = "PartialAnswerInput", .response_schema = "InvitationState",
              .handler = h(PutPartialAnswer), .admit = PerAddressLimit({limits, &limits->reads}, "survey requests")});
  router.Add({.method = "POST", .path = "/api/v1/public/surveys/{slug}/opt-out", .access = Access::kPublic,
              .tag = tag, .summary = "No more survey invitations for the person of an invitation link (X-Survey-Token)",
              .response_schema = "InvitationState", .handler = h(PostOptOut),
              .admit = PerAddressLimit({limits, &limits->answers}, "survey answers")});
}

}  // namespace hearken::http
