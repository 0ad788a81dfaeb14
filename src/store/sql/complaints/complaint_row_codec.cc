// Complaint rows of SqlStore: reading and writing the complaints table.
#include "store/sql/complaints/complaint_row_codec.h"

#include <map>

#include <nlohmann/json.hpp>

#include "core/complaint_json.h"
#include "store/sql/sql_store_internal.h"

namespace hearken::sql {

const char* const kComplaintColumns =
    "c.id, c.reference, c.state, c.paused_from, c.closure, c.intake, c.channel, c.summary, c.description, "
    "c.product, c.occurred_on, c.remedy_wanted, c.contact_name, c.contact_email, c.contact_phone, "
    "c.consent_contact, c.customer_id, c.segment_id, c.site, c.category_id, c.external_ref, c.source_message_id, "
    "c.assignee_id, c.severity, c.priority, c.immediate_action, c.immediate_action_note, c.whys, "
    "c.cause_category, c.root_cause, c.evidence, c.decision, c.remedies, c.remedy_detail, c.source_outcome, "
    "c.source_timely, c.received_at, c.acknowledged_at, c.responded_at, c.closed_at, c.reopen_count, "
    "c.ack_started_at, c.ack_stopped_at, c.resolve_started_at, c.resolve_stopped_at, c.ack_due_at, "
    "c.resolve_due_at, c.ack_warned_at, c.ack_escalated_at, c.resolve_warned_at, c.resolve_escalated_at, "
    "c.status_token_hash, c.created_at, c.updated_at, "
    "(SELECT r.score FROM handling_ratings r WHERE r.complaint_id = c.id), c.merged_into_id";

namespace {

template <typename E, typename Parse>
std::optional<E> OptEnum(const SqlRow& r, size_t i, Parse parse) {
  if (r.IsNull(i)) return std::nullopt;
  return parse(r.Text(i));
}

nlohmann::json ParseArray(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  return j.is_array() ? j : nlohmann::json::array();
}

template <typename E>
SqlValue EnumValue(const std::optional<E>& v) {
  return v ? SqlValue(std::string(ToString(*v))) : SqlNull();
}

SqlValue OptIntValue(const std::optional<int>& v) {
  return v ? SqlValue(static_cast<std::int64_t>(*v)) : SqlNull();
}

}  // namespace

std::string WhysText(const std::vector<std::string>& whys) { return JsonText(whys); }

std::string RemediesText(const std::vector<Remedy>& remedies) {
  nlohmann::json names = nlohmann::json::array();
  for (Remedy r : remedies) names.push_back(std::string(ToString(r)));
  return JsonText(names);
}

Complaint ComplaintFromRow(const SqlRow& r) {
  Complaint c;
  c.id = r.Int(0);
  c.reference = r.Text(1);
  c.state = ParseComplaintState(r.Text(2)).value_or(ComplaintState::kReceived);
  if (!r.IsNull(3)) c.paused_from = ParseComplaintState(r.Text(3));
  if (!r.IsNull(4)) c.closure = ParseClosureKind(r.Text(4));
  ComplaintIntakeFields& f = c.intake;
  f.intake = ParseComplaintIntake(r.Text(5)).value_or(ComplaintIntake::kStaff);
  f.channel = ParseChannel(r.Text(6)).value_or(Channel::kOther);
  f.summary = r.Text(7);
  f.description = r.Text(8);
  f.product = r.Text(9);
  if (!r.IsNull(10)) f.occurred_on = ParseIsoDate(r.Text(10));
  f.remedy_wanted = r.Text(11);
  f.contact_name = r.Text(12);
  f.contact_email = r.Text(13);
  f.contact_phone = r.Text(14);
  f.consent_contact = r.Bool(15);
  f.customer_id = r.OptInt(16);
  c.segment_id = r.OptInt(17);
  f.site = r.Text(18);
  f.category_id = r.OptInt(19);
  f.external_ref = r.Text(20);
  f.source_message_id = r.Text(21);
  c.assignee_id = r.OptInt(22);
  if (auto sev = r.OptInt(23)) c.severity = static_cast<int>(*sev);
  if (!r.IsNull(24)) c.priority = ParsePriority(r.Text(24));
  c.immediate_action = r.Bool(25);
  c.immediate_action_note = r.Text(26);
  for (const auto& w : ParseArray(r.Text(27)))
    if (w.is_string()) c.whys.push_back(w.get<std::string>());
  if (!r.IsNull(28)) c.cause_category = ParseCauseCategory(r.Text(28));
  c.root_cause = r.Text(29);
  c.evidence = r.Text(30);
  c.decision = r.Text(31);
  for (const auto& name : ParseArray(r.Text(32)))
    if (name.is_string())
      if (auto remedy = ParseRemedy(name.get<std::string>())) c.remedies.push_back(*remedy);
  c.remedy_detail = r.Text(33);
  c.source_outcome = r.Text(34);
  if (!r.IsNull(35)) c.source_timely = r.Bool(35);
  c.received_at = r.Time(36);
  f.received_at = c.received_at;
  c.acknowledged_at = r.OptTime(37);
  c.responded_at = r.OptTime(38);
  c.closed_at = r.OptTime(39);
  c.reopen_count = static_cast<int>(r.Int(40));
  c.ack_started_at = r.Time(41);
  c.ack_stopped_at = r.OptTime(42);
  c.resolve_started_at = r.Time(43);
  c.resolve_stopped_at = r.OptTime(44);
  c.ack_due_at = r.OptTime(45);
  c.resolve_due_at = r.OptTime(46);
  c.ack_warned_at = r.OptTime(47);
  c.ack_escalated_at = r.OptTime(48);
  c.resolve_warned_at = r.OptTime(49);
  c.resolve_escalated_at = r.OptTime(50);
  c.status_token_hash = r.Text(51);
  c.created_at = r.Time(52);
  c.updated_at = r.Time(53);
  if (auto score = r.OptInt(54)) c.rating = static_cast<int>(*score);
  c.merged_into_id = r.OptInt(55);
  return c;
}

Result<std::vector<Complaint>> QueryComplaints(SqlConnection& db, std::string_view select, const SqlParams& params) {
  auto rows = db.Execute(select, params);
  if (!rows.ok()) return rows.error();
  std::vector<Complaint> out;
  out.reserve(rows->rows.size());
  for (const auto& r : rows->rows) out.push_back(ComplaintFromRow(r));
  if (out.empty()) return out;
  // The pauses of every listed complaint in one query; only those of the
  // current resolve clock (started at or after its start) count.
  std::string in;
  SqlParams ids;
  std::map<Id, Complaint*> by_id;
  for (Complaint& c : out) {
    in += in.empty() ? "?" : ", ?";
    ids.push_back(c.id);
    by_id[c.id] = &c;
  }
  auto pauses = db.Execute("SELECT complaint_id, started_at, ended_at FROM complaint_pauses WHERE complaint_id IN (" +
                               in + ") ORDER BY complaint_id, started_at",
                           ids);
  if (!pauses.ok()) return pauses.error();
  for (const auto& p : pauses->rows) {
    auto it = by_id.find(p.Int(0));
    if (it == by_id.end()) continue;
    Complaint& c = *it->second;
    const TimePoint from = p.Time(1);
    if (from >= c.resolve_started_at) c.resolve_pauses.push_back(SlaPause{from, p.OptTime(2)});
  }
  return out;
}

Status SaveComplaint(SqlConnection& db, const Complaint& c) {
  auto saved = db.Execute(
      "UPDATE complaints SET state = ?, paused_from = ?, closure = ?, product = ?, customer_id = ?, segment_id = ?, "
      "site = ?, category_id = ?, assignee_id = ?, severity = ?, priority = ?, immediate_action = ?, "
      "immediate_action_note = ?, whys = ?, cause_category = ?, root_cause = ?, evidence = ?, decision = ?, "
      "remedies = ?, remedy_detail = ?, acknowledged_at = ?, responded_at = ?, closed_at = ?, reopen_count = ?, "
      "ack_started_at = ?, ack_stopped_at = ?, resolve_started_at = ?, resolve_stopped_at = ?, ack_due_at = ?, "
      "resolve_due_at = ?, ack_warned_at = ?, ack_escalated_at = ?, resolve_warned_at = ?, "
      "resolve_escalated_at = ?, merged_into_id = ?, updated_at = ? WHERE id = ?",
      {std::string(ToString(c.state)), EnumValue(c.paused_from), EnumValue(c.closure), c.intake.product,
       SqlOptional(c.intake.customer_id), SqlOptional(c.segment_id), c.intake.site, SqlOptional(c.intake.category_id),
       SqlOptional(c.assignee_id), OptIntValue(c.severity), EnumValue(c.priority), c.immediate_action,
       c.immediate_action_note, WhysText(c.whys), EnumValue(c.cause_category), c.root_cause, c.evidence, c.decision,
       RemediesText(c.remedies), c.remedy_detail, SqlOptional(c.acknowledged_at), SqlOptional(c.responded_at),
       SqlOptional(c.closed_at), static_cast<std::int64_t>(c.reopen_count), c.ack_started_at,
       SqlOptional(c.ack_stopped_at), c.resolve_started_at, SqlOptional(c.resolve_stopped_at),
       SqlOptional(c.ack_due_at), SqlOptional(c.resolve_due_at), SqlOptional(c.ack_warned_at),
       SqlOptional(c.ack_escalated_at), SqlOptional(c.resolve_warned_at), SqlOptional(c.resolve_escalated_at),
       SqlOptional(c.merged_into_id), c.updated_at, c.id});
  if (!saved.ok()) return saved.error();
  if (saved->affected == 0) return Error::NotFound("no such complaint");
  return Status::Ok();
}

}  // namespace hearken::sql
