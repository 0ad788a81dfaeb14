// Survey JSON (see survey_json.h).
#include "http/surveys/survey_json.h"

#include "core/enum_names.h"
#include "core/time_format.h"
#include "http/json_input.h"

namespace hearken::http {

namespace {

constexpr NameTable<SurveyKind, 2> kKinds = {{{SurveyKind::kRelationship, "relationship"},
                                               {SurveyKind::kTransactional, "transactional"}}};
constexpr NameTable<SurveyStatus, 3> kStatuses = {
    {{SurveyStatus::kDraft, "draft"}, {SurveyStatus::kOpen, "open"}, {SurveyStatus::kClosed, "closed"}}};
constexpr NameTable<AnswerChannel, 5> kChannels = {{{AnswerChannel::kLink, "link"},
                                                     {AnswerChannel::kInvitation, "invitation"},
                                                     {AnswerChannel::kEmbed, "embed"},
                                                     {AnswerChannel::kApi, "api"},
                                                     {AnswerChannel::kImport, "import"}}};

Json IntervalJson(const analytics::Interval& i) { return {{"low", i.low}, {"high", i.high}}; }

Json MeanJson(const analytics::MeanEstimate& m) {
  Json out = {{"n", m.n}, {"mean", m.mean}, {"standard_deviation", m.standard_deviation}};
  out["ci95"] = m.t95 ? IntervalJson(*m.t95) : Json(nullptr);
  return out;
}

Json OptionalTime(const std::optional<TimePoint>& t) { return t ? Json(FormatTimestamp(*t)) : Json(nullptr); }

}  // namespace
}  // namespace hearken::http

namespace hearken {
template <> std::vector<std::string_view> EnumNames<SurveyKind>() { return NamesOf(http::kKinds); }
template <> std::vector<std::string_view> EnumNames<SurveyStatus>() { return NamesOf(http::kStatuses); }
template <> std::vector<std::string_view> EnumNames<AnswerChannel>() { return NamesOf(http::kChannels); }
}  // namespace hearken

namespace hearken::http {

std::string_view SurveyKindName(SurveyKind kind) { return NameOf(kKinds, kind); }
std::string_view SurveyStatusName(SurveyStatus status) { return NameOf(kStatuses, status); }
std::string_view AnswerChannelText(AnswerChannel channel) { return NameOf(kChannels, channel); }
std::optional<SurveyKind> ParseSurveyKind(std::string_view text) { return ValueOf(kKinds, text); }
std::optional<SurveyStatus> ParseSurveyStatus(std::string_view text) { return ValueOf(kStatuses, text); }
std::optional<AnswerChannel> ParseAnswerChannel(std::string_view text) { return ValueOf(kChannels, text); }

Json SurveyJson(const Survey& s, const SurveyVersion* version) {
  Json out = {{"id", s.id},
              {"name", s.name},
              {"kind", SurveyKindName(s.kind)},
              {"status", SurveyStatusName(s.status)},
              {"public_slug", s.public_slug},
              {"public_path", "/s/" + s.public_slug},
              {"public_link_enabled", s.public_link_enabled},
              {"anonymous_allowed", s.anonymous_allowed},
              {"closes_at", OptionalTime(s.closes_at)},
              {"max_answers", s.max_answers ? Json(*s.max_answers) : Json(nullptr)},
              {"trigger_event", s.trigger_event},
              {"trigger_delay_minutes", s.trigger_delay_minutes},
              {"sampling_percent", s.sampling_percent},
              {"current_version", s.current_version},
              {"answer_count", s.answer_count},
              {"created_at", FormatTimestamp(s.created_at)},
              {"updated_at", FormatTimestamp(s.updated_at)}};
  if (version) {
    out["definition"] = Json::parse(version->definition_json, nullptr, false);
    out["metric_map"] = Json::parse(version->metric_map_json, nullptr, false);
  }
  return out;
}

Json SurveyVersionJson(const SurveyVersion& v, bool with_definition) {
  Json out = {{"survey_id", v.survey_id},
              {"version", v.version},
              {"answer_count", v.answer_count},
              {"created_at", FormatTimestamp(v.created_at)},
              {"created_by", v.created_by}};
  if (with_definition) {
    out["definition"] = Json::parse(v.definition_json, nullptr, false);
    out["metric_map"] = Json::parse(v.metric_map_json, nullptr, false);
  }
  return out;
}

Json SurveyAnswerJson(const SurveyAnswer& a) {
  auto optional_int = [](const std::optional<int>& v) { return v ? Json(*v) : Json(nullptr); };
  return {{"id", a.id},
          {"survey_id", a.survey_id},
          {"version", a.version},
          {"channel", AnswerChannelText(a.channel)},
          {"language", a.language},
          {"customer_id", a.customer_id ? Json(*a.customer_id) : Json(nullptr)},
          {"segment_id", a.segment_id ? Json(*a.segment_id) : Json(nullptr)},
          {"anonymous", !a.customer_id && !a.invitation_id},
          {"answers", Json::parse(a.answers_json, nullptr, false)},
          {"nps", optional_int(a.nps)},
          {"csat", optional_int(a.csat)},
          {"ces", optional_int(a.ces)},
          {"complete", a.complete},
          {"submitted_at", FormatTimestamp(a.submitted_at)}};
}

Json SurveyResultsJson(const analytics::SurveyResults& r) {
  Json out = {{"answers", r.answers}, {"first_at", OptionalTime(r.first_at)}, {"last_at", OptionalTime(r.last_at)}};
  Json by_version = Json::array();
  for (const auto& [version, n] : r.by_version) by_version.push_back({{"version", version}, {"answers", n}});
  out["by_version"] = by_version;
  out["by_channel"] = r.by_channel;
  Json by_language = Json::array();
  for (const auto& [language, n] : r.by_language) by_language.push_back({{"language", language}, {"answers", n}});
  out["by_language"] = by_language;
  Json metrics = Json::object();
  if (r.nps) {
    const auto& n = *r.nps;
    metrics["nps"] = {{"n", n.n},
                      {"score", n.score},
                      {"promoters", n.promoters},
                      {"passives", n.passives},
                      {"detractors", n.detractors},
                      {"standard_error", n.standard_error},
                      {"ci95", IntervalJson(n.adjusted_wald)},
                      {"wald95", IntervalJson(n.wald)}};
  }
  if (r.csat_top_two) {
    metrics["csat"] = {{"n", r.csat_top_two->n},
                       {"top_two_box", r.csat_top_two->share},
                       {"ci95", IntervalJson(r.csat_top_two->wilson)},
                       {"mean", r.csat_mean ? MeanJson(*r.csat_mean) : Json(nullptr)}};
  }
  if (r.ces) metrics["ces"] = MeanJson(*r.ces);
  out["metrics"] = metrics;
  Json questions = Json::array();
  for (const auto& q : r.questions) {
    Json distribution = Json::array();
    for (const auto& d : q.distribution)
      distribution.push_back({{"value", d.value}, {"text", d.text}, {"count", d.count}});
    Json verbatims = Json::array();
    for (const auto& v : q.verbatims)
      verbatims.push_back({{"answer_id", v.answer_id}, {"submitted_at", FormatTimestamp(v.submitted_at)}, {"text", v.text}});
    questions.push_back({{"name", q.name},
                         {"type", q.type},
                         {"title", q.title},
                         {"answered", q.answered},
                         {"distribution", distribution},
                         {"mean", q.mean ? MeanJson(*q.mean) : Json(nullptr)},
                         {"verbatims", verbatims}});
  }
  out["questions"] = questions;
  return out;
}

Status ReadSurveySettings(const Json& body, Survey* s, const std::vector<std::string>& also_known) {
  ObjectReader reader(body);
  for (const auto& key : also_known) reader.Accept(key);
  reader.String("name", &s->name);
  reader.Enum("kind", &s->kind, &ParseSurveyKind);
  reader.Enum("status", &s->status, &ParseSurveyStatus);
  reader.Bool("public_link_enabled", &s->public_link_enabled);
  reader.Bool("anonymous_allowed", &s->anonymous_allowed);
  reader.Accept("closes_at");
  if (auto it = body.find("closes_at"); it != body.end()) {
    if (it->is_null()) {
      s->closes_at.reset();
    } else if (auto t = it->is_string() ? ParseTimestamp(it->get_ref<const std::string&>())
                                        : Result<TimePoint>(Error::InvalidArgument("not a string"));
               t.ok()) {
      s->closes_at = *t;
    } else {
      reader.AddError("closes_at", "must be null or an ISO 8601 time such as 2026-12-31T23:00:00Z");
    }
  }
  reader.Accept("max_answers");
  if (auto it = body.find("max_answers"); it != body.end()) {
    if (it->is_null()) s->max_answers.reset();
    else if (it->is_number_integer() && it->get<std::int64_t>() >= 1 && it->get<std::int64_t>() <= 100'000'000)
      s->max_answers = it->get<std::int64_t>();
    else reader.AddError("max_answers", "must be null or a whole number from 1 to 100000000");
  }
  reader.String("trigger_event", &s->trigger_event);
  reader.Int("trigger_delay_minutes", &s->trigger_delay_minutes, 0, 525600);
  reader.Int("sampling_percent", &s->sampling_percent, 1, 100);
  if (Status st = reader.Finish(); !st.ok()) return st;
  return ValidateSurvey(*s);
}

}  // namespace hearken::http
