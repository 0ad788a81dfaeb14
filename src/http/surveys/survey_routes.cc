// Surveys for staff (docs/API.md "Surveys"): quality managers and admins
// design surveys (a SurveyJS definition and a metric map, checked by
// core/survey before the store sees it), open and close them; every role
// reads them, their results and their answers. An integrator posts answers
// through the API (channel "api") for a known customer.
#include "core/time_format.h"
#include "http/json_input.h"
#include "http/openapi_schema.h"
#include "http/problem.h"
#include "http/routes.h"
#include "http/surveys/survey_checks.h"
#include "http/surveys/survey_json.h"
#include "http/surveys/survey_lookup.h"

namespace hearken::http {
namespace {

using namespace schema;

constexpr std::size_t kDefinitionBodyBytes = 600 * 1024;
const std::vector<std::string> kSurveySortFields = {"name", "created_at", "updated_at", "status"};
const std::vector<std::string> kAnswerSortFields = {"submitted_at", "id"};

HttpResponse ListSurveys(Services& s, RequestContext& ctx) {
  QueryReader q(ctx.request);
  SurveyFilter filter;
  filter.status = q.OptionalEnum<SurveyStatus>("status", &ParseSurveyStatus);
  filter.kind = q.OptionalEnum<SurveyKind>("kind", &ParseSurveyKind);
  filter.search = q.Text("search");
  if (Status st = q.Finish(); !st.ok()) return ErrorResponse(st.error());
  auto options = ParseListOptions(ctx.request, kSurveySortFields);
  if (!options.ok()) return ErrorResponse(options.error());
  auto page = s.store.surveys().ListSurveys(filter, *options);
  if (!page.ok()) return ErrorResponse(page.error());
  Json items = Json::array();
  for (const auto& survey : page->items) items.push_back(SurveyJson(survey));
  return JsonResponse(200, {{"items", items}, {"total", page->total}, {"limit", options->limit},
                            {"offset", options->offset}});
}

// The survey with its current version and the list of versions.
HttpResponse SurveyWithVersion(Services& s, const Survey& survey, int status) {
  auto version = s.store.surveys().GetSurveyVersion(survey.id, survey.current_version);
  if (!version.ok()) return ErrorResponse(version.error());
  Json out = SurveyJson(survey, &*version);
  out["closed_reason"] = ClosedReason(survey, s.clock.Now());
  if (status == 201) return CreatedResponse("/api/v1/surveys/" + std::to_string(survey.id), out);
  return JsonResponse(status, out);
}

HttpResponse GetSurvey(Services& s, RequestContext& ctx) {
  auto survey = s.store.surveys().GetSurvey(ctx.PathId("id"));
  if (!survey.ok()) return ErrorResponse(survey.error());
  return SurveyWithVersion(s, *survey, 200);
}

HttpResponse CreateSurvey(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  Survey survey;
  if (Status st = ReadSurveySettings(*body.object, &survey, {"definition", "metric_map"}); !st.ok())
    return ErrorResponse(st.error());
  auto checked = CheckDefinition(*body.object);
  if (!checked.ok()) return ErrorResponse(checked.error());
  auto created = s.store.surveys().CreateSurvey(ctx.write, survey, checked->definition_text, checked->metric_map_text);
  if (!created.ok()) return ErrorResponse(created.error());
  return SurveyWithVersion(s, *created, 201);
}

HttpResponse UpdateSurvey(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  auto survey = s.store.surveys().GetSurvey(ctx.PathId("id"));
  if (!survey.ok()) return ErrorResponse(survey.error());
  if (Status st = ReadSurveySettings(*body.object, &*survey, {}); !st.ok()) return ErrorResponse(st.error());
  auto saved = s.store.surveys().UpdateSurvey(ctx.write, *survey);
  s.surveys_in_memory.Forget(survey->id);
  if (!saved.ok()) return ErrorResponse(saved.error());
  return SurveyWithVersion(s, *saved, 200);
}

HttpResponse SaveDefinition(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  ObjectReader reader(*body.object);
  reader.Accept("definition");
  reader.Accept("metric_map");
  int expected = 0;
  reader.Int("expected_version", &expected, 1, 1'000'000);
  if (Status st = reader.Finish(); !st.ok()) return ErrorResponse(st.error());
  auto checked = CheckDefinition(*body.object);
  if (!checked.ok()) return ErrorResponse(checked.error());
  const Id id = ctx.PathId("id");
  auto saved = s.store.surveys().SaveSurveyDefinition(ctx.write, id, checked->definition_text, checked->metric_map_text,
                                                      expected ? std::optional<int>(expected) : std::nullopt);
  s.surveys_in_memory.Forget(id);
  if (!saved.ok()) {
    if (saved.error().code == ErrorCode::kFailedPrecondition)
      return Problem(409, saved.error().message, saved.error().fields);
    return ErrorResponse(saved.error());
  }
  Json out = SurveyVersionJson(*saved, true);
  out["series_breaks"] = SeriesBreaksJson(s.store, id, saved->version - 1, saved->version);
  return JsonResponse(200, out);
}

// Checks a definition and metric map without saving: the editor's live check.
HttpResponse ValidateDefinition(Services&, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  auto checked = CheckDefinition(*body.object);
  if (!checked.ok()) return ErrorResponse(checked.error());
  Json questions = Json::array();
  for (const auto& q : checked->definition.questions) {
    auto title = q.titles.find("");
    questions.push_back({{"name", q.name}, {"type", q.type},
                         {"title", title != q.titles.end() ? title->second : q.name}, {"page", q.page}});
  }
  return JsonResponse(200, {{"valid", true}, {"questions", questions}, {"locales", checked->definition.locales},
                            {"metric_map", survey::MetricMapToJson(checked->metrics)}});
}

HttpResponse ListVersions(Services& s, RequestContext& ctx) {
  auto versions = s.store.surveys().ListSurveyVersions(ctx.PathId("id"));
  if (!versions.ok()) return ErrorResponse(versions.error());
  Json items = Json::array();
  for (const auto& v : *versions) items.push_back(SurveyVersionJson(v, false));
  return JsonResponse(200, {{"items", items}});
}

HttpResponse DeleteSurvey(Services& s, RequestContext& ctx) {
  Status st = s.store.surveys().DeleteSurvey(ctx.write, ctx.PathId("id"));
  s.surveys_in_memory.Forget(ctx.PathId("id"));
  if (!st.ok()) {
    if (st.error().code == ErrorCode::kFailedPrecondition) return Problem(409, st.error().message);
    return ErrorResponse(st.error());
  }
  return NoContent();
}

HttpResponse GetResults(Services& s, RequestContext& ctx) {
  auto survey = s.store.surveys().GetSurvey(ctx.PathId("id"));
  if (!survey.ok()) return ErrorResponse(survey.error());
  auto filter = ReadAnswerFilter(ctx, survey->id);
  if (!filter.ok()) return ErrorResponse(filter.error());
  auto version = s.store.surveys().GetSurveyVersion(survey->id, filter->version.value_or(survey->current_version));
  if (!version.ok()) return ErrorResponse(version.error());
  auto checked = LoadVersion(*version);
  if (!checked.ok()) return ErrorResponse(checked.error());
  analytics::SurveyResultsBuilder builder((*checked)->definition, (*checked)->metrics);
  for (Id after = 0;;) {
    auto batch = s.store.surveys().ScanSurveyAnswers(*filter, after, 5000);
    if (!batch.ok()) return ErrorResponse(batch.error());
    for (const auto& answer : *batch) builder.Add(answer);
    if (batch->size() < 5000) break;
    after = batch->back().id;
  }
  const analytics::SurveyResults results = builder.Finish();
  Json out = SurveyResultsJson(results);
  out["survey_id"] = survey->id;
  out["version"] = version->version;
  int first = results.by_version.empty() ? version->version : results.by_version.begin()->first;
  int last = results.by_version.empty() ? version->version : results.by_version.rbegin()->first;
  out["series_breaks"] = SeriesBreaksJson(s.store, survey->id, first, last);
  return JsonResponse(200, out);
}

HttpResponse ListAnswers(Services& s, RequestContext& ctx) {
  const Id id = ctx.PathId("id");
  auto filter = ReadAnswerFilter(ctx, id);
  if (!filter.ok()) return ErrorResponse(filter.error());
  auto options = ParseListOptions(ctx.request, kAnswerSortFields);
  if (!options.ok()) return ErrorResponse(options.error());
  auto page = s.store.surveys().ListSurveyAnswers(*filter, *options);
  if (!page.ok()) return ErrorResponse(page.error());
  Json items = Json::array();
  for (const auto& a : page->items) items.push_back(SurveyAnswerJson(a));
  return JsonResponse(200, {{"items", items}, {"total", page->total}, {"limit", options->limit},
                            {"offset", options->offset}});
}

// An integrator's answer for a known customer (or anonymous), channel "api".
HttpResponse PostAnswer(Services& s, RequestContext& ctx) {
  auto survey = s.store.surveys().GetSurvey(ctx.PathId("id"));
  if (!survey.ok()) return ErrorResponse(survey.error());
  AnswerRequest request{*survey, AnswerChannel::kApi, std::nullopt};
  if (const std::string* customer = ctx.request.Header("x-customer-id")) {
    auto n = ParseInteger(*customer);
    if (!n || *n < 1) return Problem(422, "invalid X-Customer-Id header", {{"X-Customer-Id", "must be a customer id"}});
    request.customer_id = *n;
  }
  return SubmitAnswer(s.store, ctx, request);
}

}  // namespace

void AddSurveyRoutes(Router& router, Services& s) {
  const RouteAdapter h(s);
  const std::string tag = "surveys";
  router.AddSchema("Survey", Obj({{"id", IdT()}, {"name", Str()}, {"kind", Str()}, {"status", Str()},
                                  {"public_slug", Str()}, {"public_path", Str()}, {"public_link_enabled", Bool()},
                                  {"anonymous_allowed", Bool()}, {"closes_at", NTime()}, {"max_answers", NInt()},
                                  {"trigger_event", Str()}, {"trigger_delay_minutes", Int()},
                                  {"sampling_percent", Int()}, {"current_version", Int()}, {"answer_count", Int()},
                                  {"created_at", Time()}, {"updated_at", Time()},
                                  {"definition", {{"type", "object"}}}, {"metric_map", {{"type", "object"}}}}));
  router.AddSchema("SurveyList", PageOf("Survey"));
  router.AddSchema("SurveyInput", Obj({{"name", Str()}, {"kind", Str()}, {"status", Str()},
                                       {"definition", {{"type", "object"}}}, {"metric_map", {{"type", "object"}}}},
                                      {"name", "definition"}));
  router.AddSchema("SurveyVersion", Obj({{"survey_id", IdT()}, {"version", Int()}, {"answer_count", Int()},
                                         {"created_at", Time()}, {"created_by", Str()}}));
  router.AddSchema("SurveyVersionList", Obj({{"items", ArrayOf(Ref("SurveyVersion"))}}));
  router.AddSchema("SurveyResults", Obj({{"answers", Int()}, {"metrics", {{"type", "object"}}},
                                         {"questions", ArrayOf({{"type", "object"}})}}));
  router.AddSchema("SurveyAnswer", Obj({{"id", IdT()}, {"survey_id", IdT()}, {"version", Int()},
                                        {"channel", Str()}, {"language", Str()}, {"answers", {{"type", "object"}}},
                                        {"submitted_at", Time()}}));
  router.AddSchema("SurveyAnswerList", PageOf("SurveyAnswer"));
  router.AddSchema("SurveyAnswerInput", Obj({{"version", Int()}, {"language", Str()}, {"answers", {{"type", "object"}}}},
                                            {"answers"}));
  router.AddSchema("SurveyAnswerReceipt", Obj({{"id", IdT()}, {"version", Int()}}));
  router.AddSchema("SurveyCheck", Obj({{"valid", Bool()}, {"questions", ArrayOf({{"type", "object"}})},
                                       {"locales", ArrayOf(Str())}}));

  router.Add({.method = "GET", .path = "/api/v1/surveys", .roles = AllRoles(), .tag = tag,
              .summary = "Surveys, by name", .response_schema = "SurveyList",
              .query = {"status", "kind", "search", "limit", "offset", "sort"}, .handler = h(ListSurveys)});
  router.Add({.method = "POST", .path = "/api/v1/surveys", .roles = QualityRoles(), .tag = tag,
              .summary = "Create a survey from a SurveyJS definition and a metric map", .request_schema = "SurveyInput",
              .response_schema = "Survey", .success_status = 201, .handler = h(CreateSurvey),
              .max_body_bytes = kDefinitionBodyBytes});
  router.Add({.method = "POST", .path = "/api/v1/surveys/validate", .roles = QualityRoles(), .tag = tag,
              .summary = "Check a definition and metric map without saving", .request_schema = "SurveyInput",
              .response_schema = "SurveyCheck", .handler = h(ValidateDefinition),
              .max_body_bytes = kDefinitionBodyBytes});
  router.Add({.method = "GET", .path = "/api/v1/surveys/{id}", .roles = AllRoles(), .tag = tag,
              .summary = "A survey with its current definition", .response_schema = "Survey", .handler = h(GetSurvey)});
  router.Add({.method = "PUT", .path = "/api/v1/surveys/{id}", .roles = QualityRoles(), .tag = tag,
              .summary = "Change a survey's settings (state, link, anonymity, closing rules, trigger)",
              .request_schema = "SurveyInput", .response_schema = "Survey", .handler = h(UpdateSurvey)});
  router.Add({.method = "DELETE", .path = "/api/v1/surveys/{id}", .roles = QualityRoles(), .tag = tag,
              .summary = "Delete a survey without answers", .response_schema = "-", .success_status = 204,
              .handler = h(DeleteSurvey)});
  router.Add({.method = "PUT", .path = "/api/v1/surveys/{id}/definition", .roles = QualityRoles(), .tag = tag,
              .summary = "Save a new definition (a new version once the current one has answers)",
              .request_schema = "SurveyInput", .response_schema = "SurveyVersion", .handler = h(SaveDefinition),
              .max_body_bytes = kDefinitionBodyBytes});
  router.Add({.method = "GET", .path = "/api/v1/surveys/{id}/versions", .roles = AllRoles(), .tag = tag,
              .summary = "Every version of a survey, oldest first", .response_schema = "SurveyVersionList",
              .handler = h(ListVersions)});
  router.Add({.method = "GET", .path = "/api/v1/surveys/{id}/results", .roles = AllRoles(), .tag = tag,
              .summary = "Counts, distributions and NPS / CSAT / CES with 95 % intervals",
              .response_schema = "SurveyResults",
              .query = {"from", "to", "channel", "language", "segment_id", "version"}, .handler = h(GetResults)});
  router.Add({.method = "GET", .path = "/api/v1/surveys/{id}/answers", .roles = AllRoles(), .tag = tag,
              .summary = "The answers, newest first", .response_schema = "SurveyAnswerList",
              .query = {"from", "to", "channel", "language", "segment_id", "customer_id", "version", "limit",
                        "offset", "sort"},
              .handler = h(ListAnswers)});
  router.Add({.method = "POST", .path = "/api/v1/surveys/{id}/answers", .roles = WriterRoles(), .tag = tag,
              .summary = "Post an answer through the API (X-Customer-Id names a known customer)",
              .request_schema = "SurveyAnswerInput", .response_schema = "SurveyAnswerReceipt",
              .success_status = 201, .handler = h(PostAnswer), .own_idempotency = true});
}

}  // namespace hearken::http
