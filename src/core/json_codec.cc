#include "core/json_codec.h"

#include "core/time_format.h"

namespace hearken {
namespace {

template <typename T>
Json OrNull(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}

Json ParsedOrNull(const std::string& text) {
  if (text.empty()) return nullptr;
  Json parsed = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  return parsed.is_discarded() ? Json(text) : parsed;
}

}  // namespace

Json TimeOrNull(const std::optional<TimePoint>& t) { return t ? Json(FormatTimestamp(*t)) : Json(nullptr); }

Json ToJson(const OrgSettings& v) {
  return {{"name", v.name}, {"time_zone", v.time_zone}, {"updated_at", FormatTimestamp(v.updated_at)}};
}

Json ToJson(const User& v) {
  return {{"id", v.id},
          {"email", v.email},
          {"display_name", v.display_name},
          {"role", ToString(v.role)},
          {"enabled", v.enabled},
          {"created_at", FormatTimestamp(v.created_at)},
          {"updated_at", FormatTimestamp(v.updated_at)}};
}

Json ToJson(const ApiToken& v) {
  return {{"id", v.id},
          {"user_id", v.user_id},
          {"name", v.name},
          {"created_at", FormatTimestamp(v.created_at)},
          {"revoked_at", TimeOrNull(v.revoked_at)}};
}

Json ToJson(const Customer& v) {
  return {{"id", v.id},
          {"kind", ToString(v.kind)},
          {"name", v.name},
          {"email", v.email},
          {"phone", v.phone},
          {"segment_id", OrNull(v.segment_id)},
          {"site", v.site},
          {"tags", v.tags},
          {"consent_survey", v.consent_survey},
          {"consent_survey_at", TimeOrNull(v.consent_survey_at)},
          {"consent_marketing", v.consent_marketing},
          {"consent_marketing_at", TimeOrNull(v.consent_marketing_at)},
          {"external_ref", v.external_ref},
          {"created_at", FormatTimestamp(v.created_at)},
          {"updated_at", FormatTimestamp(v.updated_at)}};
}

Json ToJson(const Need& v) {
  return {{"description", v.description}, {"class", ToString(v.need_class)}, {"importance", v.importance}};
}

Json ToJson(const Segment& v) {
  Json needs = Json::array();
  for (const auto& n : v.needs) needs.push_back(ToJson(n));
  return {{"id", v.id},
          {"name", v.name},
          {"description", v.description},
          {"needs", std::move(needs)},
          {"created_at", FormatTimestamp(v.created_at)},
          {"updated_at", FormatTimestamp(v.updated_at)}};
}

Json ToJson(const Requirement& v) {
  return {{"id", v.id},
          {"version", v.version},
          {"scope", ToString(v.scope)},
          {"customer_id", OrNull(v.customer_id)},
          {"segment_id", OrNull(v.segment_id)},
          {"kind", ToString(v.kind)},
          {"text", v.text},
          {"source_ref", v.source_ref},
          {"status", ToString(v.status)},
          {"created_by", v.created_by},
          {"created_at", FormatTimestamp(v.created_at)},
          {"updated_at", FormatTimestamp(v.updated_at)}};
}

Json ToJson(const RequirementVersion& v) {
  return {{"requirement_id", v.requirement_id},
          {"version", v.version},
          {"kind", ToString(v.kind)},
          {"text", v.text},
          {"source_ref", v.source_ref},
          {"created_by", v.created_by},
          {"created_at", FormatTimestamp(v.created_at)}};
}

Json ToJson(const RequirementReview& v) {
  return {{"id", v.id},
          {"requirement_id", v.requirement_id},
          {"version", v.version},
          {"reviewer_id", OrNull(v.reviewer_id)},
          {"reviewer", v.reviewer},
          {"reviewed_at", FormatTimestamp(v.reviewed_at)},
          {"outcome", ToString(v.outcome)},
          {"notes", v.notes}};
}

Json ToJson(const Communication& v) {
  return {{"id", v.id},
          {"customer_id", v.customer_id},
          {"channel", ToString(v.channel)},
          {"direction", ToString(v.direction)},
          {"subject", v.subject},
          {"body", v.body},
          {"occurred_at", FormatTimestamp(v.occurred_at)},
          {"recorded_by_id", OrNull(v.recorded_by_id)},
          {"recorded_by", v.recorded_by},
          {"created_at", FormatTimestamp(v.created_at)},
          {"updated_at", FormatTimestamp(v.updated_at)}};
}

Json ToJson(const AuditEntry& v) {
  return {{"seq", v.seq},
          {"at", FormatTimestamp(v.at)},
          {"actor", v.actor},
          {"entity_type", v.entity_type},
          {"entity_id", v.entity_id},
          {"action", v.action},
          {"old_value", ParsedOrNull(v.old_value)},
          {"new_value", ParsedOrNull(v.new_value)},
          {"reason", v.reason},
          {"hash", v.hash}};
}

}  // namespace hearken
