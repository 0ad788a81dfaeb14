// Survey checks at the edge (see survey_checks.h).
#include "http/surveys/survey_checks.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>

#include "core/crypto.h"
#include "core/time_format.h"
#include "core/validation.h"
#include "http/deferred_response.h"
#include "http/handler_util.h"
#include "http/idempotency.h"
#include "http/json_input.h"
#include "http/problem.h"
#include "http/surveys/survey_json.h"

namespace hearken::http {

namespace {

constexpr size_t kMaxLanguageLength = 35;  // BCP 47 tags are short

bool IsLanguageTag(const std::string& tag) {
  if (tag.size() > kMaxLanguageLength) return false;
  for (char c : tag)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
  return true;
}

}  // namespace

Result<CheckedDefinition> CheckDefinition(const Json& body) {
  auto d = body.find("definition");
  if (d == body.end()) return Error::InvalidField("definition", "is required");
  if (!d->is_object()) return Error::InvalidField("definition", "must be a SurveyJS survey object");
  CheckedDefinition out;
  out.definition_text = d->dump();
  if (out.definition_text.size() > kMaxSurveyDefinitionBytes)
    return Error::InvalidField("definition", "must be at most 512 KiB of JSON");
  auto definition = survey::ParseDefinition(*d);
  if (!definition.ok()) return definition.error();
  out.definition = std::move(*definition);
  Json map = Json::object();
  if (auto m = body.find("metric_map"); m != body.end() && !m->is_null()) {
    if (!m->is_object()) return Error::InvalidField("metric_map", "must be an object such as {\"nps\": \"q1\"}");
    map = *m;
  }
  auto metrics = survey::ParseMetricMap(map, out.definition);
  if (!metrics.ok()) return metrics.error();
  out.metrics = std::move(*metrics);
  out.metric_map_text = survey::MetricMapToJson(out.metrics).dump();
  return out;
}

namespace {

// The parsed versions, by (survey, version); an entry counts only while its
// texts are the stored ones. Bounded: emptied when it reaches kMaxCached.
class ParsedVersions {
 public:
  static constexpr size_t kMaxCached = 256;

  std::shared_ptr<const CheckedDefinition> Find(const SurveyVersion& v) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find({v.survey_id, v.version});
    if (it == entries_.end() || it->second.definition_json != v.definition_json ||
        it->second.metric_map_json != v.metric_map_json)
      return nullptr;
    return it->second.parsed;
  }
  void Keep(const SurveyVersion& v, std::shared_ptr<const CheckedDefinition> parsed) {
    std::lock_guard lock(mutex_);
    if (entries_.size() >= kMaxCached) entries_.clear();
    entries_[{v.survey_id, v.version}] = {v.definition_json, v.metric_map_json, std::move(parsed)};
  }

 private:
  struct Entry {
    std::string definition_json, metric_map_json;
    std::shared_ptr<const CheckedDefinition> parsed;
  };
  std::mutex mutex_;
  std::map<std::pair<Id, int>, Entry> entries_;
};

ParsedVersions& Parsed() {
  static ParsedVersions parsed;
  return parsed;
}

}  // namespace

Result<std::shared_ptr<const CheckedDefinition>> LoadVersion(const SurveyVersion& version) {
  if (auto known = Parsed().Find(version)) return known;
  Json body = {{"definition", Json::parse(version.definition_json, nullptr, false)},
               {"metric_map", Json::parse(version.metric_map_json, nullptr, false)}};
  auto checked = CheckDefinition(body);
  if (!checked.ok())
    return Error::Internal("survey " + std::to_string(version.survey_id) + " version " +
                           std::to_string(version.version) + " no longer parses: " + checked.error().message);
  auto parsed = std::make_shared<const CheckedDefinition>(std::move(*checked));
  Parsed().Keep(version, parsed);
  return parsed;
}

Json SeriesBreaksJson(Store& store, Id survey_id, int first, int last) {
  Json out = Json::array();
  if (first >= last) return out;
  auto versions = store.surveys().ListSurveyVersions(survey_id);
  if (!versions.ok()) return out;
  std::shared_ptr<const CheckedDefinition> before;
  for (const auto& v : *versions) {
    if (v.version < first || v.version > last) continue;
    auto now = LoadVersion(v);
    if (!now.ok()) continue;
    if (before) {
      auto breaks = survey::SeriesBreaks(before->definition, before->metrics, (*now)->definition, (*now)->metrics);
      if (!breaks.empty()) out.push_back({{"version", v.version}, {"breaks", breaks}});
    }
    before = *now;
  }
  return out;
}

std::string ClosedReason(const Survey& survey, TimePoint now) {
  if (survey.status == SurveyStatus::kDraft) return "This survey has not opened yet.";
  if (survey.status == SurveyStatus::kClosed) return "This survey is closed.";
  if (survey.closes_at && now >= *survey.closes_at) return "This survey closed on its closing date.";
  if (survey.max_answers && survey.answer_count >= *survey.max_answers)
    return "This survey has all the answers it needs.";
  return "";
}

std::variant<SurveyAnswer, HttpResponse> PrepareAnswer(RequestContext& ctx, const AnswerRequest& request,
                                                      const VersionLoader& load) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return std::move(*body.problem);
  std::string key_hash;
  if (const std::string* key = ctx.request.Header("idempotency-key")) {
    if (!IsValidIdempotencyKey(*key))
      return Problem(400, "invalid Idempotency-Key header",
                     {{"Idempotency-Key", "must be 1 to 255 visible ASCII characters"}});
    key_hash = HashToken(*key);
  }
  ObjectReader reader(*body.object);
  int version = request.survey.current_version;
  std::string language;
  reader.Int("version", &version, 1, 1'000'000);
  reader.String("language", &language);
  reader.Require("answers");
  reader.Accept("answers");
  if (Status st = reader.Finish(); !st.ok()) return ErrorResponse(st.error());
  if (!IsLanguageTag(language))
    return Problem(422, "the language is not a language tag", {{"language", "must be a BCP 47 tag such as de or en-GB"}});
  const Json& answers = body.object->at("answers");
  if (!answers.is_object())
    return Problem(422, "the answers must be an object", {{"answers", "must map question names to values"}});

  auto loaded = load(version);
  if (!loaded.ok()) {
    if (loaded.error().code == ErrorCode::kNotFound)
      return Problem(422, "the survey has no such version", {{"version", "is not a version of this survey"}});
    return ErrorResponse(loaded.error());
  }
  const CheckedDefinition* checked = loaded->get();
  if (!language.empty() && language != "default") {
    const auto& locales = checked->definition.locales;
    if (std::find(locales.begin(), locales.end(), language) == locales.end())
      return Problem(422, "the survey is not offered in this language", {{"language", "is not a locale of the survey"}});
  }
  auto valid = survey::ValidateAnswer(checked->definition, checked->metrics, answers);
  if (!valid.ok()) return ErrorResponse(valid.error());

  SurveyAnswer answer;
  answer.survey_id = request.survey.id;
  answer.version = version;
  answer.channel = request.channel;
  answer.language = language == "default" ? "" : language;
  answer.customer_id = request.customer_id;
  answer.answers_json = valid->values.dump();
  answer.nps = valid->nps;
  answer.csat = valid->csat;
  if (valid->csat) answer.csat_scale = checked->metrics.csat_scale;
  answer.ces = valid->ces;
  answer.overall = valid->overall;
  answer.idempotency_key_hash = key_hash;
  return answer;
}

HttpResponse AnswerReceipt(const Result<SubmittedAnswer>& submitted, const std::string& sent_json, int sent_version) {
  if (!submitted.ok()) {
    if (submitted.error().code == ErrorCode::kFailedPrecondition)
      return Problem(409, submitted.error().message, submitted.error().fields);
    return ErrorResponse(submitted.error());
  }
  const Json receipt = {{"id", submitted->answer.id}, {"version", submitted->answer.version}};
  if (submitted->created) return CreatedResponse("/api/v1/survey-answers/" + std::to_string(submitted->answer.id), receipt);
  if (submitted->answer.answers_json != sent_json || submitted->answer.version != sent_version)
    return Problem(422, "this Idempotency-Key was used for other answers",
                   {{"Idempotency-Key", "was used with other answers; use a new key"}});
  HttpResponse replay = JsonResponse(200, receipt);
  replay.SetHeader("Idempotent-Replayed", "true");
  return replay;
}

HttpResponse SubmitAnswer(Store& store, RequestContext& ctx, const AnswerRequest& request) {
  auto prepared = PrepareAnswer(ctx, request, [&](int version) -> Result<std::shared_ptr<const CheckedDefinition>> {
    auto stored = store.surveys().GetSurveyVersion(request.survey.id, version);
    if (!stored.ok()) return stored.error();
    return LoadVersion(*stored);
  });
  if (auto* problem = std::get_if<HttpResponse>(&prepared)) return std::move(*problem);
  const SurveyAnswer& answer = std::get<SurveyAnswer>(prepared);
  auto submitted = request.invitation_token_hash.empty()
                       ? store.surveys().SubmitSurveyAnswer(ctx.write, answer)
                       : store.survey_invitations().SubmitInvitationAnswer(ctx.write, request.invitation_token_hash, answer);
  return AnswerReceipt(submitted, answer.answers_json, answer.version);
}

HttpResponse SubmitAnswerDeferred(Store& store, RequestContext& ctx, const AnswerRequest& request,
                                  const VersionLoader& load) {
  auto prepared = PrepareAnswer(ctx, request, load);
  if (auto* problem = std::get_if<HttpResponse>(&prepared)) return std::move(*problem);
  SurveyAnswer& answer = std::get<SurveyAnswer>(prepared);
  HttpResponse later;
  later.deferred = std::make_shared<DeferredResponse>();
  // The store's writer thread only hands the outcome over; the receipt is
  // made by the first finisher, on the connection's thread.
  auto outcome = std::make_shared<std::optional<Result<SubmittedAnswer>>>();
  later.deferred->AddFinisher(
      [outcome, sent_json = answer.answers_json, sent_version = answer.version](HttpResponse& response) {
        response = AnswerReceipt(**outcome, sent_json, sent_version);
      });
  store.surveys().SubmitSurveyAnswerAsync(ctx.write, std::move(answer),
                                          [deferred = later.deferred, outcome](Result<SubmittedAnswer> submitted) {
                                            *outcome = std::move(submitted);
                                            deferred->Complete(HttpResponse{});
                                          });
  return later;
}

Result<SurveyAnswerFilter> ReadAnswerFilter(RequestContext& ctx, Id survey_id) {
  QueryReader q(ctx.request);
  SurveyAnswerFilter filter;
  filter.survey_id = survey_id;
  std::vector<FieldError> errors;
  auto time = [&](const char* name, std::optional<TimePoint>* out) {
    const std::string* raw = q.Raw(name);
    if (!raw || raw->empty()) return;
    auto t = ParseTimestamp(*raw);
    if (t.ok()) *out = *t;
    else errors.push_back({name, "must be an ISO 8601 time such as 2026-01-01T00:00:00Z"});
  };
  time("from", &filter.from);
  time("to", &filter.to);
  filter.channel = q.OptionalEnum<AnswerChannel>("channel", &ParseAnswerChannel);
  if (const std::string* language = q.Raw("language"); language && !language->empty())
    filter.language = *language == "default" ? "" : *language;
  filter.segment_id = q.OptionalId("segment_id");
  filter.customer_id = q.OptionalId("customer_id");
  if (const std::string* v = q.Raw("version"); v && !v->empty()) {
    auto n = ParseInteger(*v);
    if (n && *n >= 1 && *n <= 1'000'000) filter.version = static_cast<int>(*n);
    else errors.push_back({"version", "must be a version number"});
  }
  if (Status st = q.Finish(); !st.ok()) return st.error();
  if (Status st = FieldsError(errors); !st.ok()) return st.error();
  return filter;
}

}  // namespace hearken::http
