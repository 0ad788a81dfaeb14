// Rows of the survey tables (schema 15) and their audit JSON, shared by
// sql_store_surveys.cc and sql_store_survey_answers.cc. Internal to store_sql.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/time_format.h"
#include "store/sql/sql_connection.h"
#include "store/survey_store.h"

namespace hearken::sql::survey_rows {

inline const char* KindText(SurveyKind kind) {
  return kind == SurveyKind::kTransactional ? "transactional" : "relationship";
}
inline SurveyKind KindFrom(std::string_view text) {
  return text == "transactional" ? SurveyKind::kTransactional : SurveyKind::kRelationship;
}
inline const char* StatusText(SurveyStatus status) {
  switch (status) {
    case SurveyStatus::kOpen: return "open";
    case SurveyStatus::kClosed: return "closed";
    case SurveyStatus::kDraft: break;
  }
  return "draft";
}
inline SurveyStatus StatusFrom(std::string_view text) {
  if (text == "open") return SurveyStatus::kOpen;
  if (text == "closed") return SurveyStatus::kClosed;
  return SurveyStatus::kDraft;
}
inline const char* ChannelText(AnswerChannel channel) {
  switch (channel) {
    case AnswerChannel::kInvitation: return "invitation";
    case AnswerChannel::kEmbed: return "embed";
    case AnswerChannel::kApi: return "api";
    case AnswerChannel::kImport: return "import";
    case AnswerChannel::kLink: break;
  }
  return "link";
}
inline AnswerChannel ChannelFrom(std::string_view text) {
  if (text == "invitation") return AnswerChannel::kInvitation;
  if (text == "embed") return AnswerChannel::kEmbed;
  if (text == "api") return AnswerChannel::kApi;
  if (text == "import") return AnswerChannel::kImport;
  return AnswerChannel::kLink;
}

inline constexpr const char* kSurveyColumns =
    "s.id, s.name, s.kind, s.status, s.public_slug, s.public_link_enabled, s.anonymous_allowed, s.closes_at, "
    "s.max_answers, s.trigger_event, s.trigger_delay_minutes, s.sampling_percent, s.current_version, "
    "s.answer_count, s.created_at, s.updated_at";

inline Survey SurveyFromRow(const SqlRow& r) {
  Survey s;
  s.id = r.Int(0);
  s.name = r.Text(1);
  s.kind = KindFrom(r.Text(2));
  s.status = StatusFrom(r.Text(3));
  s.public_slug = r.Text(4);
  s.public_link_enabled = r.Bool(5);
  s.anonymous_allowed = r.Bool(6);
  s.closes_at = r.OptTime(7);
  s.max_answers = r.OptInt(8);
  s.trigger_event = r.Text(9);
  s.trigger_delay_minutes = static_cast<int>(r.Int(10));
  s.sampling_percent = static_cast<int>(r.Int(11));
  s.current_version = static_cast<int>(r.Int(12));
  s.answer_count = r.Int(13);
  s.created_at = r.Time(14);
  s.updated_at = r.Time(15);
  return s;
}

// The settings of a survey as the audit trail shows them (not its public
// slug: a link is shared on purpose, but the trail is no place to find it).
inline std::string SurveyJson(const Survey& s) {
  nlohmann::json j{{"name", s.name},
                   {"kind", KindText(s.kind)},
                   {"status", StatusText(s.status)},
                   {"public_link_enabled", s.public_link_enabled},
                   {"anonymous_allowed", s.anonymous_allowed},
                   {"closes_at", s.closes_at ? nlohmann::json(FormatTimestamp(*s.closes_at)) : nlohmann::json()},
                   {"max_answers", s.max_answers ? nlohmann::json(*s.max_answers) : nlohmann::json()},
                   {"trigger_event", s.trigger_event},
                   {"trigger_delay_minutes", s.trigger_delay_minutes},
                   {"sampling_percent", s.sampling_percent},
                   {"current_version", s.current_version}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

inline constexpr const char* kVersionColumns =
    "v.survey_id, v.version, v.definition_json, v.metric_map_json, v.answer_count, v.created_at, v.created_by";

inline SurveyVersion VersionFromRow(const SqlRow& r) {
  SurveyVersion v;
  v.survey_id = r.Int(0);
  v.version = static_cast<int>(r.Int(1));
  v.definition_json = r.Text(2);
  v.metric_map_json = r.Text(3);
  v.answer_count = r.Int(4);
  v.created_at = r.Time(5);
  v.created_by = r.Text(6);
  return v;
}

inline constexpr const char* kAnswerColumns =
    "a.id, a.survey_id, a.version, a.channel, a.language, a.customer_id, a.invitation_id, a.segment_id, "
    "a.answers_json, a.nps, a.csat, a.csat_scale, a.ces, a.overall, a.complete, a.idempotency_key_hash, "
    "a.submitted_at";

inline std::optional<int> OptSmall(const SqlRow& r, size_t i) {
  auto v = r.OptInt(i);
  return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}

inline SurveyAnswer AnswerFromRow(const SqlRow& r) {
  SurveyAnswer a;
  a.id = r.Int(0);
  a.survey_id = r.Int(1);
  a.version = static_cast<int>(r.Int(2));
  a.channel = ChannelFrom(r.Text(3));
  a.language = r.Text(4);
  a.customer_id = r.OptInt(5);
  a.invitation_id = r.OptInt(6);
  a.segment_id = r.OptInt(7);
  a.answers_json = r.Text(8);
  a.nps = OptSmall(r, 9);
  a.csat = OptSmall(r, 10);
  a.csat_scale = OptSmall(r, 11);
  a.ces = OptSmall(r, 12);
  a.overall = OptSmall(r, 13);
  a.complete = r.Bool(14);
  a.idempotency_key_hash = r.Text(15);
  a.submitted_at = r.Time(16);
  return a;
}

// What the audit trail keeps of an answer: where it went and how it came,
// never what it says.
inline nlohmann::json AnswerAuditJson(const SurveyAnswer& a) {
  return nlohmann::json{{"survey_id", a.survey_id},
                        {"version", a.version},
                        {"channel", ChannelText(a.channel)},
                        {"language", a.language},
                        {"customer_id", a.customer_id ? nlohmann::json(*a.customer_id) : nlohmann::json()}};
}

// The body of SubmitSurveyAnswer inside a write transaction (after its
// field checks, CheckAnswerFields): the survey's state and closing rules, a
// replay of the idempotency key, the row, the counters and the audit entry.
// Shared with the invitation answers (sql_store_survey_invitations.cc).
Status CheckAnswerFields(const SurveyAnswer& answer);
Result<SubmittedAnswer> WriteSurveyAnswer(SqlConnection& db, TimePoint now, const WriteContext& ctx,
                                          const SurveyAnswer& input);

}  // namespace hearken::sql::survey_rows
