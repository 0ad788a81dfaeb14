// Rows of the invitation tables (schema 16) and what the invitation writes
// share: loading an invitation, the contact rules and the organisation's
// time zone, and the audit entry of an invitation (no token, no address).
// Internal to store_sql (sql_store_survey_invitations.cc,
// sql_store_survey_respondents.cc).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "store/sql/sql_connection.h"
#include "store/sql/sql_store_internal.h"
#include "store/survey_invitation_store.h"

namespace hearken::sql::invitation_rows {

inline constexpr const char* kInvitationColumns =
    "i.id, i.survey_id, i.customer_id, c.name, i.status, i.origin, i.event_name, i.event_id, i.language, "
    "i.partial_json, i.answer_id, i.reminder_count, i.note, "
    "(SELECT min(q.due_at) FROM survey_invitation_queue q WHERE q.invitation_id = i.id), i.created_at, i.sent_at, "
    "i.opened_at, i.started_at, i.completed_at, i.bounced_at, i.opted_out_at, i.cancelled_at, i.reminded_at";
inline constexpr const char* kInvitationFrom = " FROM survey_invitations i JOIN customers c ON c.id = i.customer_id";

inline SurveyInvitation InvitationFromRow(const SqlRow& r) {
  SurveyInvitation i;
  i.id = r.Int(0);
  i.survey_id = r.Int(1);
  i.customer_id = r.Int(2);
  i.customer_name = r.Text(3);
  i.status = ParseInvitationStatus(r.Text(4)).value_or(InvitationStatus::kScheduled);
  i.origin = r.Text(5) == "event" ? InvitationOrigin::kEvent : InvitationOrigin::kStaff;
  i.event_name = r.Text(6);
  i.event_id = r.Text(7);
  i.language = r.Text(8);
  i.partial_json = r.Text(9);
  if (!r.IsNull(10)) i.answer_id = r.Int(10);
  i.reminder_count = static_cast<int>(r.Int(11));
  i.note = r.Text(12);
  i.due_at = r.OptTime(13);
  i.created_at = r.Time(14);
  i.sent_at = r.OptTime(15);
  i.opened_at = r.OptTime(16);
  i.started_at = r.OptTime(17);
  i.completed_at = r.OptTime(18);
  i.bounced_at = r.OptTime(19);
  i.opted_out_at = r.OptTime(20);
  i.cancelled_at = r.OptTime(21);
  i.reminded_at = r.OptTime(22);
  return i;
}

// Errors: NotFound.
inline Result<SurveyInvitation> LoadInvitation(SqlConnection& db, Id id) {
  auto rows =
      db.Execute(std::string("SELECT ") + kInvitationColumns + kInvitationFrom + " WHERE i.id = ?", {id});
  if (!rows.ok()) return rows.error();
  if (rows->rows.empty()) return Error::NotFound("no such invitation: " + std::to_string(id));
  return InvitationFromRow(rows->rows[0]);
}

// What the audit trail keeps of an invitation: never a token, an address or
// the answers saved partway (only their size).
inline nlohmann::json InvitationAudit(const SurveyInvitation& i) {
  nlohmann::json out = {{"survey_id", i.survey_id},        {"customer_id", i.customer_id},
                        {"status", InvitationStatusName(i.status)}, {"origin", InvitationOriginName(i.origin)},
                        {"reminder_count", i.reminder_count}, {"partial_bytes", i.partial_json.size()}};
  if (!i.event_name.empty()) out["event_name"] = i.event_name;
  if (!i.event_id.empty()) out["event_id"] = i.event_id;
  if (!i.note.empty()) out["note"] = i.note;
  if (i.answer_id) out["answer_id"] = *i.answer_id;
  return out;
}

// Appends the audit entry of invitation `id` as it is now (after the change).
inline Status AuditInvitation(SqlConnection& db, TimePoint now, const WriteContext& ctx, Id id,
                              const std::string& action, const std::string& old_json = "") {
  auto after = LoadInvitation(db, id);
  if (!after.ok()) return after.error();
  AuditRecord record{"survey_invitation", std::to_string(id), action, old_json, "", after->customer_id};
  record.new_value = JsonText(InvitationAudit(*after));
  return AppendAudit(db, now, ctx, std::move(record));
}

// The contact rules row and the organisation's time zone.
struct RulesAndZone {
  survey::ContactRules rules;
  std::string time_zone;
};
inline Result<RulesAndZone> LoadRulesAndZone(SqlConnection& db) {
  auto rows = db.Execute(
      "SELECT r.min_days_between, r.quiet_start_minute, r.quiet_end_minute, r.updated_at, s.time_zone "
      "FROM survey_contact_rules r, settings s WHERE r.id = 1 AND s.id = 1");
  if (!rows.ok()) return rows.error();
  if (rows->rows.empty()) return Error::Internal("the contact rules row is missing; run `hearken migrate`");
  const SqlRow& r = rows->rows[0];
  RulesAndZone out;
  out.rules.min_days_between = static_cast<int>(r.Int(0));
  out.rules.quiet_start_minute = static_cast<int>(r.Int(1));
  out.rules.quiet_end_minute = static_cast<int>(r.Int(2));
  out.rules.updated_at = r.Time(3);
  out.time_zone = r.Text(4).empty() ? "UTC" : r.Text(4);
  return out;
}

// The first instant at or after `t` outside the quiet hours (t itself when
// the zone is unknown: a mail late is worse than one in the evening).
inline TimePoint SendTimeFrom(TimePoint t, const RulesAndZone& rz) {
  auto next = survey::NextSendTime(t, rz.rules, rz.time_zone);
  return next.ok() ? *next : t;
}

}  // namespace hearken::sql::invitation_rows
