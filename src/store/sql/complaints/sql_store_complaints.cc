// Complaints of SqlStore: intake (reference, SLA clocks, due times), reading,
// the state machine with its clocks and pauses, assessment, investigation,
// response, assignment, SLA notices and the full-text row. The list is in
// sql_store_complaint_list.cc, messages and attachments in
// sql_store_complaint_messages.cc.
#include <algorithm>
#include <chrono>
#include <map>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/complaint_json.h"
#include "core/time_format.h"
#include "core/validation.h"
#include "store/sql/complaints/complaint_row_codec.h"
#include "store/sql/complaints/complaint_rows.h"
#include "store/sql/sql_store.h"
#include "store/sql/sql_store_internal.h"

namespace hearken {

using namespace sql;

namespace {

Status CheckExists(SqlConnection& db, const char* table, const std::optional<Id>& id, const char* what) {
  if (!id) return Status::Ok();
  auto found = Exists(db, table, *id);
  if (!found.ok()) return found.error();
  if (!*found) return Error::NotFound(std::string("no such ") + what + ": " + std::to_string(*id));
  return Status::Ok();
}

std::string UpperAscii(std::string s) {
  for (char& ch : s)
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
  return s;
}

SqlValue TextOrNull(const std::string& s) { return s.empty() ? SqlNull() : SqlValue(s); }

Status CheckUniqueIntake(SqlConnection& db, const ComplaintIntakeFields& f) {
  if (!f.external_ref.empty()) {
    auto n = QueryInt(db, "SELECT count(*) FROM complaints WHERE external_ref = ?", {f.external_ref});
    if (!n.ok()) return n.error();
    if (*n > 0) return DuplicateField("a complaint with this external reference is already filed", "external_ref");
  }
  if (!f.source_message_id.empty()) {
    auto n = QueryInt(db, "SELECT count(*) FROM complaints WHERE source_message_id = ?", {f.source_message_id});
    if (!n.ok()) return n.error();
    if (*n > 0) return DuplicateField("a complaint from this e-mail is already filed", "source_message_id");
  }
  return Status::Ok();
}

Result<BusinessCalendar> StoredCalendar(const ComplaintSettings& settings) {
  auto calendar = BusinessCalendar::CreateCached(settings.calendar);
  if (!calendar.ok()) return Error::Internal("the stored business calendar is invalid: " + calendar.error().message);
  return calendar;
}

void SetDueTimes(Complaint& c, TimePoint now, const BusinessCalendar& calendar, const ComplaintSettings& settings) {
  DueTimes due = ComputeDueTimes(calendar, settings.sla, c, now);
  c.ack_due_at = due.ack_due_at;
  c.resolve_due_at = due.resolve_due_at;
}

// Recomputes the stored due times of `c` with the current settings.
Status RecomputeDueTimes(SqlConnection& db, Complaint& c, TimePoint now) {
  auto settings = LoadComplaintSettings(db);
  if (!settings.ok()) return settings.error();
  auto calendar = StoredCalendar(*settings);
  if (!calendar.ok()) return calendar.error();
  SetDueTimes(c, now, *calendar, *settings);
  return Status::Ok();
}

std::string StateJson(const Complaint& c) {
  Json j = {{"state", std::string(ToString(c.state))}};
  if (c.closure) j["closure"] = std::string(ToString(*c.closure));
  return JsonText(j);
}

// Moves `c` (loaded, current) as `move` asks: the rules of ApplyTransition,
// milestones, clocks, pauses, and the "transition" audit entry. The caller
// recomputes the due times and saves the row.
Status MoveComplaint(SqlConnection& db, TimePoint now, const WriteContext& ctx, Complaint& c,
                     const ComplaintMove& move) {
  TransitionRequest request;
  request.from = c.state;
  request.to = move.to;
  request.reason = move.reason;
  request.actor = ctx.actor.label;
  request.at = now;
  request.paused_from = c.paused_from;
  request.closure = move.closure;
  request.record = CaseRecordOf(c);
  auto t = ApplyTransition(request);
  if (!t.ok()) return t.error();
  const std::string old_json = StateJson(c);
  c.state = t->to;
  c.paused_from = t->to == ComplaintState::kWaitingOnComplainant ? t->paused_from : std::nullopt;
  c.closure = t->to == ComplaintState::kClosed ? t->closure : std::nullopt;

  switch (t->acknowledge_clock) {
    case SlaClockChange::kStop:
      if (!c.ack_stopped_at) c.ack_stopped_at = now;
      break;
    case SlaClockChange::kRestart:
      c.ack_started_at = now;
      c.ack_stopped_at.reset();
      c.ack_warned_at.reset();
      c.ack_escalated_at.reset();
      break;
    default:  // the acknowledge clock never pauses
      break;
  }
  auto close_open_pause = [&]() -> Status {
    auto closed = db.Execute("UPDATE complaint_pauses SET ended_at = ? WHERE complaint_id = ? AND ended_at IS NULL",
                             {now, c.id});
    if (!closed.ok()) return closed.error();
    for (auto& p : c.resolve_pauses)
      if (!p.to) p.to = now;
    return Status::Ok();
  };
  switch (t->resolve_clock) {
    case SlaClockChange::kPause: {
      // A pause resumed and taken again at the same instant continues the row.
      auto paused = db.Execute(
          "INSERT INTO complaint_pauses (complaint_id, started_at, ended_at) VALUES (?, ?, NULL) "
          "ON CONFLICT (complaint_id, started_at) DO UPDATE SET ended_at = NULL",
          {c.id, now});
      if (!paused.ok()) return paused.error();
      if (!c.resolve_pauses.empty() && c.resolve_pauses.back().from == now)
        c.resolve_pauses.back().to.reset();
      else
        c.resolve_pauses.push_back(SlaPause{now, std::nullopt});
      break;
    }
    case SlaClockChange::kResume:
      if (Status s = close_open_pause(); !s.ok()) return s;
      break;
    case SlaClockChange::kStop:
      if (Status s = close_open_pause(); !s.ok()) return s;
      if (!c.resolve_stopped_at) c.resolve_stopped_at = now;
      break;
    case SlaClockChange::kRestart:
      if (Status s = close_open_pause(); !s.ok()) return s;
      c.resolve_started_at = now;
      c.resolve_stopped_at.reset();
      c.resolve_warned_at.reset();
      c.resolve_escalated_at.reset();
      c.resolve_pauses.clear();  // pauses before the new start do not count
      break;
    case SlaClockChange::kNone:
      break;
  }

  switch (t->to) {
    case ComplaintState::kAcknowledged:
      if (!c.acknowledged_at) c.acknowledged_at = now;
      break;
    case ComplaintState::kResponded:
      c.responded_at = now;
      break;
    case ComplaintState::kClosed:
      c.closed_at = now;
      break;
    case ComplaintState::kReopened:
      c.closed_at.reset();
      c.merged_into_id.reset();  // a reopened duplicate is a case of its own again
      ++c.reopen_count;
      break;
    default:
      break;
  }
  c.updated_at = now;
  WriteContext moved = ctx;
  if (!t->reason.empty()) moved.reason = t->reason;
  AuditRecord record{"complaint", std::to_string(c.id), "transition", old_json, StateJson(c), c.intake.customer_id};
  record.complaint_id = c.id;
  return AppendAudit(db, now, moved, record);
}

// Recomputes due times and writes the row.
Status Finish(SqlConnection& db, TimePoint now, Complaint& c) {
  if (Status s = RecomputeDueTimes(db, c, now); !s.ok()) return s;
  c.updated_at = now;
  return SaveComplaint(db, c);
}

Status Audit(SqlConnection& db, TimePoint now, const WriteContext& ctx, const Complaint& c, const char* action,
             const Json& old_value, const Json& new_value) {
  AuditRecord record{"complaint", std::to_string(c.id), action, JsonText(old_value), JsonText(new_value),
                     c.intake.customer_id};
  record.complaint_id = c.id;
  return AppendAudit(db, now, ctx, record);
}

Error StateForbids(const char* what, ComplaintState state) {
  return Error::FailedPrecondition(std::string("cannot ") + what + " a complaint in state " +
                                   std::string(ToString(state)));
}

bool OneOf(ComplaintState s, std::initializer_list<ComplaintState> states) {
  for (ComplaintState x : states)
    if (x == s) return true;
  return false;
}

Json AssessmentJson(const Complaint& c) {
  return {{"severity", c.severity ? Json(*c.severity) : Json(nullptr)},
          {"priority", c.priority ? Json(std::string(ToString(*c.priority))) : Json(nullptr)},
          {"category_id", c.intake.category_id ? Json(*c.intake.category_id) : Json(nullptr)},
          {"product", c.intake.product},
          {"customer_id", c.intake.customer_id ? Json(*c.intake.customer_id) : Json(nullptr)},
          {"segment_id", c.segment_id ? Json(*c.segment_id) : Json(nullptr)},
          {"site", c.intake.site},
          {"immediate_action", c.immediate_action},
          {"immediate_action_note", c.immediate_action_note}};
}

Json InvestigationJson(const Complaint& c) {
  return {{"whys", c.whys},
          {"cause_category", c.cause_category ? Json(std::string(ToString(*c.cause_category))) : Json(nullptr)},
          {"root_cause", c.root_cause},
          {"evidence", c.evidence}};
}

Json ResponseJson(const Complaint& c) {
  Json remedies = Json::array();
  for (Remedy r : c.remedies) remedies.push_back(std::string(ToString(r)));
  return {{"decision", c.decision}, {"remedies", remedies}, {"remedy_detail", c.remedy_detail}};
}

}  // namespace

namespace sql {

Result<Complaint> LoadComplaint(SqlConnection& db, Id id) {
  auto found = QueryComplaints(db, std::string("SELECT ") + kComplaintColumns + " FROM complaints c WHERE c.id = ?",
                               {id});
  if (!found.ok()) return found.error();
  if (found->empty()) return Error::NotFound("no such complaint: " + std::to_string(id));
  return std::move(found->front());
}

Result<Complaint> InsertComplaint(SqlConnection& db, TimePoint now, const WriteContext& ctx,
                                  const ComplaintIntakeFields& fields, const std::string& status_token_hash,
                                  const ComplaintSettings& settings, const ComplaintImportExtras* extras) {
  if (Status s = ValidateComplaintIntake(fields); !s.ok()) return s.error();
  if (status_token_hash.empty()) return Error::InvalidField("status_token_hash", "is required");
  if (Status s = CheckExists(db, "customers", fields.customer_id, "customer"); !s.ok()) return s.error();
  if (Status s = CheckExists(db, "complaint_categories", fields.category_id, "category"); !s.ok()) return s.error();
  if (Status s = CheckUniqueIntake(db, fields); !s.ok()) return s.error();

  Complaint c;
  c.intake = fields;
  c.received_at = fields.received_at.value_or(now);
  c.intake.received_at = c.received_at;
  c.state = ComplaintState::kReceived;
  c.ack_started_at = c.resolve_started_at = c.received_at;
  c.status_token_hash = status_token_hash;
  c.created_at = c.updated_at = now;
  if (c.intake.customer_id) {
    auto seg = db.Execute("SELECT segment_id FROM customers WHERE id = ?", {*c.intake.customer_id});
    if (!seg.ok()) return seg.error();
    if (!seg->rows.empty()) c.segment_id = seg->rows[0].OptInt(0);
  }
  if (extras) {
    c.source_outcome = extras->source_outcome;
    c.source_timely = extras->source_timely;
    c.severity = extras->severity;
    if (extras->acknowledged_at) {
      c.acknowledged_at = c.ack_stopped_at = extras->acknowledged_at;
      c.state = ComplaintState::kAcknowledged;
    }
    if (extras->closed_at) {
      // Closed by the source: both clocks stop at the closure, and its
      // decision is the response (a closed case always has one).
      CaseRecord held;
      held.decision = extras->response != nullptr;
      if (Status s = CheckCaseRecord(ComplaintState::kClosed, held, extras->closure); !s.ok()) return s.error();
      if (extras->response) {
        c.decision = extras->response->decision;
        c.remedies = extras->response->remedies;
        c.remedy_detail = extras->response->remedy_detail;
        c.responded_at = extras->responded_at.value_or(*extras->closed_at);
      }
      c.reopen_count = extras->reopen_count;
      c.state = ComplaintState::kClosed;
      c.closure = extras->closure;
      c.closed_at = c.resolve_stopped_at = extras->closed_at;
      if (!c.ack_stopped_at) c.ack_stopped_at = extras->closed_at;
    }
  }

  // The reference year is the organisation's (its calendar's time zone),
  // as the analysis periods are: a case received at 23:30 local time on 31
  // December belongs to that year wherever UTC has moved on.
  auto calendar = StoredCalendar(settings);
  if (!calendar.ok()) return calendar.error();
  const int year = static_cast<int>(calendar->LocalDate(c.received_at).year());
  auto counter = db.Execute(
      "INSERT INTO complaint_reference_counters (year, last_number) VALUES (?, 1) ON CONFLICT (year) DO UPDATE "
      "SET last_number = complaint_reference_counters.last_number + 1 RETURNING last_number",
      {static_cast<std::int64_t>(year)});
  if (!counter.ok()) return counter.error();
  c.reference = FormatComplaintReference(year, counter->rows.at(0).Int(0));

  SetDueTimes(c, now, *calendar, settings);
  auto inserted = db.Execute(
      "INSERT INTO complaints (reference, state, intake, channel, summary, description, product, occurred_on, "
      "remedy_wanted, contact_name, contact_email, contact_phone, consent_contact, customer_id, segment_id, site, "
      "category_id, external_ref, source_message_id, source_outcome, source_timely, received_at, acknowledged_at, "
      "ack_started_at, ack_stopped_at, resolve_started_at, ack_due_at, resolve_due_at, status_token_hash, "
      "created_at, updated_at, closure, closed_at, resolve_stopped_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
      "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {c.reference, std::string(ToString(c.state)), std::string(ToString(fields.intake)),
       std::string(ToString(fields.channel)), fields.summary, fields.description, fields.product,
       fields.occurred_on ? SqlValue(FormatIsoDate(*fields.occurred_on)) : SqlNull(), fields.remedy_wanted, fields.contact_name, fields.contact_email,
       fields.contact_phone, fields.consent_contact, SqlOptional(fields.customer_id), SqlOptional(c.segment_id),
       fields.site, SqlOptional(fields.category_id), TextOrNull(fields.external_ref),
       TextOrNull(fields.source_message_id), c.source_outcome, SqlOptional(c.source_timely), c.received_at,
       SqlOptional(c.acknowledged_at), c.ack_started_at, SqlOptional(c.ack_stopped_at), c.resolve_started_at,
       SqlOptional(c.ack_due_at), SqlOptional(c.resolve_due_at), status_token_hash, now, now,
       c.closure ? SqlValue(std::string(ToString(*c.closure))) : SqlNull(), SqlOptional(c.closed_at),
       SqlOptional(c.resolve_stopped_at)});
  if (!inserted.ok()) {
    if (inserted.error().code == ErrorCode::kAlreadyExists)
      return Error::AlreadyExists("the complaint is already filed: " + inserted.error().message);
    return inserted.error();
  }
  c.id = inserted->rows.at(0).Int(0);
  if (c.responded_at) {  // an imported closed case: the source's decision
    auto responded = db.Execute(
        "UPDATE complaints SET decision = ?, remedies = ?, remedy_detail = ?, responded_at = ? WHERE id = ?",
        {c.decision, RemediesText(c.remedies), c.remedy_detail, *c.responded_at, c.id});
    if (!responded.ok()) return responded.error();
  }
  if (c.severity || c.reopen_count > 0) {  // an imported case the source had assessed or reopened
    auto assessed = db.Execute("UPDATE complaints SET severity = ?, reopen_count = ? WHERE id = ?",
                               {SqlOptional(c.severity), std::int64_t{c.reopen_count}, c.id});
    if (!assessed.ok()) return assessed.error();
  }
  if (Status s = RefreshComplaintSearch(db, c.id); !s.ok()) return s.error();
  AuditRecord record{"complaint", std::to_string(c.id), "create", "", "", c.intake.customer_id};
  record.complaint_id = c.id;
  record.new_json = ToJson(c);
  if (Status s = AppendAudit(db, now, ctx, std::move(record)); !s.ok()) return s.error();
  if (extras && extras->rating && c.closed_at) {  // the source's handling rating, audited as SubmitRating does
    const HandlingRating r{c.id, extras->rating->score, extras->rating->comment, extras->rating->rated_at};
    auto rated = db.Execute("INSERT INTO handling_ratings (complaint_id, score, comment, rated_at) VALUES (?, ?, ?, ?)",
                            {r.complaint_id, std::int64_t{r.score}, r.comment, r.rated_at});
    if (!rated.ok()) return rated.error();
    AuditRecord rating{"complaint_rating", std::to_string(c.id), "create", "", JsonText(ToJson(r)),
                       c.intake.customer_id};
    rating.complaint_id = c.id;
    if (Status s = AppendAudit(db, now, ctx, std::move(rating)); !s.ok()) return s.error();
  }
  return c;
}

namespace {

// The text search indexes for each of `ids`, by id: the
// complaint's own text, then each message's subject and body.
Result<std::map<Id, std::string>> SearchBodies(SqlConnection& db, const std::vector<Id>& ids) {
  const std::string id_list = nlohmann::json(ids).dump();
  const char* in_ids = db.dialect() == SqlDialect::kSqlite ? "(SELECT value FROM json_each(?))"
                                                           : "(SELECT jsonb_array_elements_text(?::jsonb)::bigint)";
  auto text = db.Execute(std::string("SELECT id, reference, summary, description, product, remedy_wanted, root_cause, "
                                     "decision FROM complaints WHERE id IN ") +
                             in_ids,
                         {id_list});
  if (!text.ok()) return text.error();
  std::map<Id, std::string> bodies;
  for (const SqlRow& row : text->rows) {
    std::string& body = bodies[row.Int(0)];
    for (size_t i = 1; i < row.size(); ++i) {
      std::string part = row.Text(i);
      if (part.empty()) continue;
      if (!body.empty()) body += '\n';
      body += part;
    }
  }
  auto messages = db.Execute(
      std::string("SELECT complaint_id, subject, body FROM complaint_messages WHERE complaint_id IN ") + in_ids +
          " ORDER BY complaint_id, id",
      {id_list});
  if (!messages.ok()) return messages.error();
  for (const SqlRow& m : messages->rows) {
    auto body = bodies.find(m.Int(0));
    if (body == bodies.end()) continue;
    for (size_t i = 1; i < 3; ++i)
      if (!m.Text(i).empty()) body->second += '\n' + m.Text(i);
  }
  return bodies;
}

}  // namespace

Status RefreshComplaintSearch(SqlConnection& db, Id id) {
  if (db.dialect() == SqlDialect::kSqlite) {
    db.complaints_to_index.push_back(id);
    return Status::Ok();
  }
  auto bodies = SearchBodies(db, {id});
  if (!bodies.ok()) return bodies.error();
  auto body = bodies->find(id);
  if (body == bodies->end()) return Error::NotFound("no such complaint: " + std::to_string(id));
  auto added = db.Execute(
      "INSERT INTO complaint_fts (complaint_id, body, document) VALUES (?, ?, to_tsvector('simple', ?)) "
      "ON CONFLICT (complaint_id) DO UPDATE SET body = EXCLUDED.body, document = EXCLUDED.document",
      {id, body->second, body->second});
  if (!added.ok()) return added.error();
  return Status::Ok();
}

Status IndexPendingComplaintSearch(SqlConnection& db) {
  std::vector<Id> ids = std::move(db.complaints_to_index);
  db.complaints_to_index.clear();
  if (ids.empty()) return Status::Ok();
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  auto bodies = SearchBodies(db, ids);
  if (!bodies.ok()) return bodies.error();
  auto gone = db.Execute("DELETE FROM complaint_fts WHERE rowid IN (SELECT value FROM json_each(?))",
                         {nlohmann::json(ids).dump()});
  if (!gone.ok()) return gone.error();
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& [id, body] : *bodies) rows.push_back({id, body});
  auto added = db.Execute(
      "INSERT INTO complaint_fts (rowid, body) SELECT value ->> 0, value ->> 1 FROM json_each(?)", {rows.dump()});
  if (!added.ok()) return added.error();
  return Status::Ok();
}

}  // namespace sql

// An error about attachment `index` of a filing, named "attachments/<index>"
// (its field, if any, after a slash) so the caller can say which file.
static Error ForAttachment(Error e, size_t index) {
  const std::string at = "attachments/" + std::to_string(index);
  if (e.fields.empty()) {
    e.fields.push_back({at, e.message});
  } else {
    for (FieldError& f : e.fields) f.field = f.field == "attachment" ? at : at + "/" + f.field;
  }
  e.message = at + ": " + e.message;
  return e;
}

Result<Complaint> SqlStore::FileComplaint(const WriteContext& ctx, const ComplaintFiling& filing) {
  if (Status s = ValidateComplaintIntake(filing.fields); !s.ok()) return s.error();
  std::vector<std::string> types;
  for (size_t i = 0; i < filing.attachments.size(); ++i) {
    const AttachmentUpload& file = filing.attachments[i];
    auto type = CheckAttachment(file.filename, file.content);
    if (!type.ok()) return ForAttachment(type.error(), i);
    types.push_back(std::move(*type));
  }
  return Write<Complaint>([&](SqlConnection& db, TimePoint now) -> Result<Complaint> {
    auto settings = LoadComplaintSettings(db);
    if (!settings.ok()) return settings.error();
    auto inserted = InsertComplaint(db, now, ctx, filing.fields, filing.status_token_hash, *settings, nullptr);
    if (!inserted.ok()) return inserted.error();
    for (size_t i = 0; i < filing.attachments.size(); ++i) {
      Attachment meta;
      meta.complaint_id = inserted->id;
      meta.filename = filing.attachments[i].filename;
      meta.uploaded_by = filing.uploaded_by;
      auto added = InsertAttachment(db, now, ctx, meta, filing.attachments[i].content, types[i],
                                    inserted->intake.customer_id);
      if (!added.ok()) return ForAttachment(added.error(), i);
    }
    if (filing.acknowledgement == IntakeAcknowledgement::kNow) {
      auto c = LoadComplaint(db, inserted->id);
      if (!c.ok()) return c.error();
      if (Status s = MoveComplaint(db, now, ctx, *c, {ComplaintState::kAcknowledged, "", std::nullopt}); !s.ok())
        return s.error();
      if (Status s = Finish(db, now, *c); !s.ok()) return s.error();
    }
    return LoadComplaint(db, inserted->id);
  });
}

Result<Complaint> SqlStore::GetComplaint(Id id) {
  return Read<Complaint>([&](SqlConnection& db) { return LoadComplaint(db, id); });
}

Result<Complaint> SqlStore::GetComplaintByReference(const std::string& reference) {
  return Read<Complaint>([&](SqlConnection& db) -> Result<Complaint> {
    auto id = db.Execute("SELECT id FROM complaints WHERE reference = ?", {UpperAscii(reference)});
    if (!id.ok()) return id.error();
    if (id->rows.empty()) return Error::NotFound("no complaint with this reference");
    return LoadComplaint(db, id->rows[0].Int(0));
  });
}

// Closing for no reply needs the configured days since the response to have
// passed without a message from the complainant.
static Status CheckNoReplyClosure(SqlConnection& db, TimePoint now, const Complaint& c) {
  if (c.state != ComplaintState::kResponded || !c.responded_at) return Status::Ok();  // the state rule answers
  auto settings = LoadComplaintSettings(db);
  if (!settings.ok()) return settings.error();
  const TimePoint due = NoReplyClosureDue(*c.responded_at, settings->closure);
  if (now < due)
    return Error::FailedPrecondition("the complainant may still reply: closing for no reply is possible from " +
                                     FormatTimestamp(due) + " (" + std::to_string(settings->closure.no_reply_days) +
                                     " days after the response)");
  auto replies = QueryInt(db,
                          "SELECT count(*) FROM complaint_messages WHERE complaint_id = ? AND kind = ? AND "
                          "created_at >= ?",
                          {c.id, std::string(ToString(MessageKind::kFromComplainant)), *c.responded_at});
  if (!replies.ok()) return replies.error();
  if (*replies > 0)
    return Error::FailedPrecondition("the complainant replied after the response: it cannot be closed for no reply");
  return Status::Ok();
}

Result<Complaint> sql::TransitionInTransaction(SqlConnection& db, TimePoint now, const WriteContext& ctx, Id id,
                                               const ComplaintMove& move) {
  auto c = LoadComplaint(db, id);
  if (!c.ok()) return c.error();
  if (move.to == ComplaintState::kClosed && move.closure == ClosureKind::kNoReply) {
    if (Status s = CheckNoReplyClosure(db, now, *c); !s.ok()) return s.error();
  }
  if (Status s = MoveComplaint(db, now, ctx, *c, move); !s.ok()) return s.error();
  if (Status s = Finish(db, now, *c); !s.ok()) return s.error();
  return LoadComplaint(db, id);
}

Status sql::RefuseDuplicateClosure(const ComplaintMove& move) {
  if (move.to == ComplaintState::kClosed && move.closure == ClosureKind::kDuplicate)
    return Error::InvalidField("closure",
                               "duplicate is set by merging the case into the one that carries on "
                               "(POST /complaints/{id}/merge)");
  return Status::Ok();
}

Result<Complaint> SqlStore::TransitionComplaint(const WriteContext& ctx, Id id, const ComplaintMove& move) {
  if (Status s = RefuseDuplicateClosure(move); !s.ok()) return s.error();
  return Write<Complaint>([&](SqlConnection& db, TimePoint now) -> Result<Complaint> {
    return TransitionInTransaction(db, now, ctx, id, move);
  });
}

Result<Complaint> SqlStore::AssessComplaint(const WriteContext& ctx, Id id, const ComplaintAssessment& a) {
  if (Status s = ValidateAssessment(a); !s.ok()) return s.error();
  return Write<Complaint>([&](SqlConnection& db, TimePoint now) -> Result<Complaint> {
    auto c = LoadComplaint(db, id);
    if (!c.ok()) return c.error();
    using S = ComplaintState;
    if (!OneOf(c->state, {S::kAcknowledged, S::kAssessed, S::kInvestigating, S::kReopened,
                          S::kWaitingOnComplainant}))
      return StateForbids("assess", c->state);
    if (Status s = CheckExists(db, "complaint_categories", a.category_id, "category"); !s.ok()) return s.error();
    if (Status s = CheckExists(db, "customers", a.customer_id, "customer"); !s.ok()) return s.error();
    if (Status s = CheckExists(db, "segments", a.segment_id, "segment"); !s.ok()) return s.error();
    const Json old_json = AssessmentJson(*c);
    c->severity = a.severity;
    c->priority = a.priority;
    // Empty fields keep what the intake recorded; given ones refine it.
    if (a.category_id) c->intake.category_id = a.category_id;
    if (!a.product.empty()) c->intake.product = a.product;
    if (!a.site.empty()) c->intake.site = a.site;
    if (a.customer_id) c->intake.customer_id = a.customer_id;
    if (a.segment_id) {
      c->segment_id = a.segment_id;
    } else if (a.customer_id) {
      auto seg = db.Execute("SELECT segment_id FROM customers WHERE id = ?", {*a.customer_id});
      if (!seg.ok()) return seg.error();
      if (!seg->rows.empty()) c->segment_id = seg->rows[0].OptInt(0);
    }
    c->immediate_action = a.immediate_action;
    c->immediate_action_note = a.immediate_action ? a.immediate_action_note : "";
    if (Status s = Audit(db, now, ctx, *c, "assess", old_json, AssessmentJson(*c)); !s.ok()) return s.error();
    if (OneOf(c->state, {S::kAcknowledged, S::kReopened}))
      if (Status s = MoveComplaint(db, now, ctx, *c, {S::kAssessed, "", std::nullopt}); !s.ok()) return s.error();
    if (Status s = Finish(db, now, *c); !s.ok()) return s.error();
    if (Status s = RefreshComplaintSearch(db, id); !s.ok()) return s.error();
    return LoadComplaint(db, id);
  });
}

Result<Complaint> SqlStore::RecordInvestigation(const WriteContext& ctx, Id id, const ComplaintInvestigation& inv) {
  if (Status s = ValidateInvestigation(inv); !s.ok()) return s.error();
  return Write<Complaint>([&](SqlConnection& db, TimePoint now) -> Result<Complaint> {
    auto c = LoadComplaint(db, id);
    if (!c.ok()) return c.error();
    using S = ComplaintState;
    if (!OneOf(c->state, {S::kAssessed, S::kInvestigating})) return StateForbids("record an investigation of", c->state);
    const Json old_json = InvestigationJson(*c);
    c->whys = inv.whys;
    c->cause_category = inv.cause_category;
    c->root_cause = inv.root_cause;
    c->evidence = inv.evidence;
    if (Status s = Audit(db, now, ctx, *c, "investigate", old_json, InvestigationJson(*c)); !s.ok())
      return s.error();
    if (c->state == S::kAssessed)
      if (Status s = MoveComplaint(db, now, ctx, *c, {S::kInvestigating, "", std::nullopt}); !s.ok())
        return s.error();
    if (Status s = Finish(db, now, *c); !s.ok()) return s.error();
    if (Status s = RefreshComplaintSearch(db, id); !s.ok()) return s.error();
    return LoadComplaint(db, id);
  });
}

Result<Complaint> SqlStore::RespondToComplaint(const WriteContext& ctx, Id id, const ComplaintResponse& response) {
  if (Status s = ValidateResponse(response); !s.ok()) return s.error();
  return Write<Complaint>([&](SqlConnection& db, TimePoint now) -> Result<Complaint> {
    auto c = LoadComplaint(db, id);
    if (!c.ok()) return c.error();
    if (c->state != ComplaintState::kInvestigating) return StateForbids("respond to", c->state);
    const Json old_json = ResponseJson(*c);
    c->decision = response.decision;
    c->remedies = response.remedies;
    c->remedy_detail = response.remedy_detail;
    c->responded_at = now;  // the decision recorded now is the standing one
    if (Status s = Audit(db, now, ctx, *c, "respond", old_json, ResponseJson(*c)); !s.ok()) return s.error();
    // The decision, as the message the complainant receives.
    ComplaintMessage m;
    m.complaint_id = id;
    m.kind = MessageKind::kToComplainant;
    m.body = response.decision;
    if (ctx.actor.user_id) {  // the author's id only when it names a user (not e.g. a deleted test actor)
      auto known = Exists(db, "users", *ctx.actor.user_id);
      if (!known.ok()) return known.error();
      if (*known) m.author_id = ctx.actor.user_id;
    }
    m.author = ctx.actor.label;
    m.created_at = now;
    auto added = db.Execute(
        "INSERT INTO complaint_messages (complaint_id, kind, subject, body, author_id, author, mail_message_id, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?) RETURNING id",
        {id, std::string(ToString(m.kind)), m.subject, m.body, SqlOptional(m.author_id), m.author, now});
    if (!added.ok()) return added.error();
    m.id = added->rows.at(0).Int(0);
    AuditRecord message_record{"complaint_message", std::to_string(m.id), "create", "", JsonText(ToJson(m)),
                               c->intake.customer_id};
    message_record.complaint_id = id;
    if (Status s = AppendAudit(db, now, ctx, message_record); !s.ok()) return s.error();
    if (Status s = MoveComplaint(db, now, ctx, *c, {ComplaintState::kResponded, "", std::nullopt}); !s.ok())
      return s.error();
    if (Status s = Finish(db, now, *c); !s.ok()) return s.error();
    if (Status s = RefreshComplaintSearch(db, id); !s.ok()) return s.error();
    return LoadComplaint(db, id);
  });
}

Status sql::CheckAssignee(SqlConnection& db, std::optional<Id> assignee_id) {
  if (!assignee_id) return Status::Ok();
  auto user = db.Execute("SELECT role, enabled FROM users WHERE id = ?", {*assignee_id});
  if (!user.ok()) return user.error();
  if (user->rows.empty()) return Error::NotFound("no such user: " + std::to_string(*assignee_id));
  auto role = ParseRole(user->rows[0].Text(0));
  if (!user->rows[0].Bool(1)) return Error::FailedPrecondition("the user is disabled");
  if (!role || *role == Role::kViewer)
    return Error::FailedPrecondition("a viewer cannot handle complaints; assign a handler, quality manager or admin");
  return Status::Ok();
}

Result<Complaint> sql::AssignInTransaction(SqlConnection& db, TimePoint now, const WriteContext& ctx, Id id,
                                           std::optional<Id> assignee_id) {
  auto c = LoadComplaint(db, id);
  if (!c.ok()) return c.error();
  if (c->state == ComplaintState::kWithdrawn) return StateForbids("assign", c->state);
  const Json old_json = {{"assignee_id", c->assignee_id ? Json(*c->assignee_id) : Json(nullptr)}};
  c->assignee_id = assignee_id;
  c->updated_at = now;
  if (Status s = SaveComplaint(db, *c); !s.ok()) return s.error();
  if (Status s = Audit(db, now, ctx, *c, "assign", old_json,
                       {{"assignee_id", assignee_id ? Json(*assignee_id) : Json(nullptr)}});
      !s.ok())
    return s.error();
  return LoadComplaint(db, id);
}

Result<Complaint> SqlStore::AssignComplaint(const WriteContext& ctx, Id id, std::optional<Id> assignee_id) {
  return Write<Complaint>([&](SqlConnection& db, TimePoint now) -> Result<Complaint> {
    if (auto c = LoadComplaint(db, id); !c.ok()) return c.error();
    if (Status s = CheckAssignee(db, assignee_id); !s.ok()) return s.error();
    return AssignInTransaction(db, now, ctx, id, assignee_id);
  });
}

Status SqlStore::RecordSlaNotice(const WriteContext& ctx, Id id, SlaClock clock, SlaNotice notice, TimePoint at) {
  return ToStatus(Write<Unit>([&](SqlConnection& db, TimePoint now) -> Result<Unit> {
    auto c = LoadComplaint(db, id);
    if (!c.ok()) return c.error();
    const bool ack = clock == SlaClock::kAcknowledge;
    const bool warning = notice == SlaNotice::kWarning;
    std::optional<TimePoint>& slot = ack ? (warning ? c->ack_warned_at : c->ack_escalated_at)
                                         : (warning ? c->resolve_warned_at : c->resolve_escalated_at);
    slot = at;
    // The notice is not a change of the case: updated_at stays.
    if (Status s = SaveComplaint(db, *c); !s.ok()) return s.error();
    if (Status s = Audit(db, now, ctx, *c, "sla_notice", nullptr,
                         {{"clock", std::string(ToString(clock))},
                          {"notice", std::string(ToString(notice))},
                          {"at", FormatTimestamp(at)}});
        !s.ok())
      return s.error();
    return Unit{};
  }));
}

}  // namespace hearken
