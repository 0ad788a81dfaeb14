// Survey invitations on SqlStore (SurveyInvitationStore, schema 16), staff
// side and sending: invitations made under the contact rules with their
// first mail queued, lists and counts, reminders, and the mail queue the
// sender works through (prepare: the rules again, a link token; finish:
// sent, bounced or retried). Each write audited as "survey_invitation".
// The respondent's side, templates and rules: sql_store_survey_respondents.cc.
#include "core/survey/contact_rules.h"
#include "core/time_format.h"
#include "store/sql/sql_store.h"
#include "store/sql/surveys/invitation_rows.h"
#include "store/sql/surveys/survey_rows.h"

namespace hearken {

using namespace sql;
using namespace sql::invitation_rows;
using namespace sql::survey_rows;

namespace {

Error PreconditionOn(const std::string& field, const std::string& message) {
  return Error{ErrorCode::kFailedPrecondition, field + ": " + message, {{field, message}}};
}

Result<Survey> LoadSurveyRow(SqlConnection& db, Id survey_id) {
  auto rows = db.Execute(std::string("SELECT ") + kSurveyColumns + " FROM surveys s WHERE s.id = ?", {survey_id});
  if (!rows.ok()) return rows.error();
  if (rows->rows.empty()) return Error::NotFound("no such survey: " + std::to_string(survey_id));
  return SurveyFromRow(rows->rows[0]);
}

// Why the survey takes no answers at `now` ("" when it does).
std::string NotTakingAnswers(const Survey& s, TimePoint now) {
  if (s.status != SurveyStatus::kOpen) return std::string("the survey is ") + StatusText(s.status);
  if (s.closes_at && now >= *s.closes_at) return "the survey has closed by date";
  if (s.max_answers && s.answer_count >= *s.max_answers) return "the survey has its number of answers";
  return "";
}

// Why this request makes no invitation ("" when it may).
Result<std::string> Refusal(SqlConnection& db, Id survey_id, const InvitationRequest& r, TimePoint now,
                            const survey::ContactRules& rules) {
  auto customer = db.Execute("SELECT email, consent_survey FROM customers WHERE id = ?", {r.customer_id});
  if (!customer.ok()) return customer.error();
  if (customer->rows.empty()) return std::string("unknown customer");
  if (r.origin == InvitationOrigin::kEvent) {
    auto known = QueryInt(db, "SELECT count(*) FROM survey_invitations WHERE survey_id = ? AND event_id = ?",
                          {survey_id, r.event_id});
    if (!known.ok()) return known.error();
    if (*known > 0) return std::string("already invited for this event");
  }
  auto invited = QueryInt(
      db, "SELECT count(*) FROM survey_invitations WHERE survey_id = ? AND customer_id = ? AND status <> 'cancelled'",
      {survey_id, r.customer_id});
  if (!invited.ok()) return invited.error();
  if (*invited > 0 && r.origin == InvitationOrigin::kStaff) return std::string("already invited to this survey");
  auto last = db.Execute(
      "SELECT max(created_at) FROM survey_invitations WHERE customer_id = ? AND status <> 'cancelled'",
      {r.customer_id});
  if (!last.ok()) return last.error();
  Customer c;
  c.email = customer->rows[0].Text(0);
  c.consent_survey = customer->rows[0].Bool(1);
  return survey::ContactRefusal(c, last->rows.empty() ? std::nullopt : last->rows[0].OptTime(0), now, rules);
}

Result<DueInvitationMail> LoadQueued(SqlConnection& db, Id queue_id) {
  auto rows = db.Execute("SELECT id, kind, attempts, due_at, invitation_id FROM survey_invitation_queue WHERE id = ?",
                         {queue_id});
  if (!rows.ok()) return rows.error();
  if (rows->rows.empty()) return Error::NotFound("no such queued invitation mail: " + std::to_string(queue_id));
  const SqlRow& r = rows->rows[0];
  return DueInvitationMail{r.Int(0), r.Text(1) == "reminder" ? InvitationMailKind::kReminder
                                                             : InvitationMailKind::kInvitation,
                           static_cast<int>(r.Int(2)), r.Time(3), r.Int(4)};
}

Status Run(SqlConnection& db, const char* sql, const SqlParams& params) {
  auto done = db.Execute(sql, params);
  return done.ok() ? Status::Ok() : Status(done.error());
}

bool Finished(InvitationStatus s) {
  return s == InvitationStatus::kCompleted || s == InvitationStatus::kOptedOut || s == InvitationStatus::kBounced ||
         s == InvitationStatus::kCancelled;
}

}  // namespace

Result<std::vector<InvitationOutcome>> SqlStore::CreateInvitations(const WriteContext& ctx, Id survey_id,
                                                                   const std::vector<InvitationRequest>& requests) {
  if (requests.empty() || requests.size() > kMaxInvitationsPerRequest)
    return Error::InvalidField("customer_ids", "must name from 1 to 5000 customers");
  for (const InvitationRequest& r : requests)
    if (r.origin == InvitationOrigin::kEvent &&
        (r.event_id.empty() || r.event_id.size() > 200 || !IsCleanUtf8(r.event_id)))
      return Error::InvalidField("event_id", "must be clean text of 1 to 200 bytes");
  return Write<std::vector<InvitationOutcome>>(
      [&](SqlConnection& db, TimePoint now) -> Result<std::vector<InvitationOutcome>> {
        auto survey = LoadSurveyRow(db, survey_id);
        if (!survey.ok()) return survey.error();
        if (std::string why = NotTakingAnswers(*survey, now); !why.empty())
          return PreconditionOn("status", why + ": it takes no invitations");
        auto rz = LoadRulesAndZone(db);
        if (!rz.ok()) return rz.error();
        std::vector<InvitationOutcome> out;
        out.reserve(requests.size());
        for (const InvitationRequest& r : requests) {
          InvitationOutcome outcome{r.customer_id, std::nullopt, ""};
          auto refused = Refusal(db, survey_id, r, now, rz->rules);
          if (!refused.ok()) return refused.error();
          if (!refused->empty()) {
            outcome.skipped = *refused;
            out.push_back(std::move(outcome));
            continue;
          }
          auto added = db.Execute(
              "INSERT INTO survey_invitations (survey_id, customer_id, status, origin, event_name, event_id, language, "
              "reminder_count, note, created_at) VALUES (?, ?, 'scheduled', ?, ?, ?, '', 0, '', ?) RETURNING id",
              {survey_id, r.customer_id, std::string(InvitationOriginName(r.origin)), r.event_name,
               r.origin == InvitationOrigin::kEvent ? SqlValue(r.event_id) : SqlNull(), now});
          if (!added.ok()) return added.error();
          const Id id = added->rows.at(0).Int(0);
          const TimePoint due = SendTimeFrom(std::max(r.due_at, now), *rz);
          if (Status s = Run(db,
                             "INSERT INTO survey_invitation_queue (invitation_id, kind, due_at, attempts, created_at) "
                             "VALUES (?, 'invitation', ?, 0, ?)",
                             {id, due, now});
              !s.ok())
            return s.error();
          if (Status s = AuditInvitation(db, now, ctx, id, "create"); !s.ok()) return s.error();
          auto made = LoadInvitation(db, id);
          if (!made.ok()) return made.error();
          outcome.invitation = std::move(*made);
          out.push_back(std::move(outcome));
        }
        return out;
      });
}

Result<SurveyInvitation> SqlStore::GetInvitation(Id id) {
  return Read<SurveyInvitation>([&](SqlConnection& db) { return LoadInvitation(db, id); });
}

Result<Page<SurveyInvitation>> SqlStore::ListInvitations(const InvitationFilter& filter,
                                                         const ListOptions& options) {
  if (Status s = ValidateListOptions(options); !s.ok()) return s.error();
  auto order = OrderBy(options, {{"created_at", "i.created_at"}, {"status", "i.status"}, {"id", "i.id"}},
                       "created_at", SortDirection::kDescending, "i.id");
  if (!order.ok()) return order.error();
  return ReadSnapshot<Page<SurveyInvitation>>([&](SqlConnection& db) -> Result<Page<SurveyInvitation>> {
    auto known = Exists(db, "surveys", filter.survey_id);
    if (!known.ok()) return known.error();
    if (!*known) return Error::NotFound("no such survey: " + std::to_string(filter.survey_id));
    Where where;
    where.Add("i.survey_id = ?", {filter.survey_id});
    if (filter.status) where.Add("i.status = ?", {std::string(InvitationStatusName(*filter.status))});
    if (filter.customer_id) where.Add("i.customer_id = ?", {*filter.customer_id});
    Page<SurveyInvitation> page;
    auto total = QueryInt(db, "SELECT count(*) FROM survey_invitations i" + where.Clause(), where.params());
    if (!total.ok()) return total.error();
    page.total = *total;
    auto rows = db.Execute(std::string("SELECT ") + kInvitationColumns + kInvitationFrom + where.Clause() + *order +
                               " LIMIT ? OFFSET ?",
                           WithPaging(where.params(), options));
    if (!rows.ok()) return rows.error();
    for (const auto& r : rows->rows) page.items.push_back(InvitationFromRow(r));
    return page;
  });
}

Result<std::vector<std::pair<InvitationStatus, std::int64_t>>> SqlStore::CountInvitations(Id survey_id) {
  using Counts = std::vector<std::pair<InvitationStatus, std::int64_t>>;
  return Read<Counts>([&](SqlConnection& db) -> Result<Counts> {
    auto known = Exists(db, "surveys", survey_id);
    if (!known.ok()) return known.error();
    if (!*known) return Error::NotFound("no such survey: " + std::to_string(survey_id));
    auto rows = db.Execute("SELECT status, count(*) FROM survey_invitations WHERE survey_id = ? GROUP BY status",
                           {survey_id});
    if (!rows.ok()) return rows.error();
    Counts out;
    for (InvitationStatus s : kInvitationStatuses) {
      std::int64_t n = 0;
      for (const auto& r : rows->rows)
        if (r.Text(0) == InvitationStatusName(s)) n = r.Int(1);
      out.emplace_back(s, n);
    }
    return out;
  });
}

Result<std::int64_t> SqlStore::QueueReminders(const WriteContext& ctx, Id survey_id, int max_reminders) {
  if (max_reminders < 1 || max_reminders > kMaxReminders)
    return Error::InvalidField("max_reminders", "must be from 1 to 5");
  return Write<std::int64_t>([&](SqlConnection& db, TimePoint now) -> Result<std::int64_t> {
    auto survey = LoadSurveyRow(db, survey_id);
    if (!survey.ok()) return survey.error();
    if (std::string why = NotTakingAnswers(*survey, now); !why.empty())
      return PreconditionOn("status", why + ": no reminders");
    auto rz = LoadRulesAndZone(db);
    if (!rz.ok()) return rz.error();
    auto due = db.Execute(
        "SELECT i.id FROM survey_invitations i WHERE i.survey_id = ? AND i.status IN ('sent', 'opened', 'started') "
        "AND i.reminder_count < ? AND NOT EXISTS (SELECT 1 FROM survey_invitation_queue q "
        "WHERE q.invitation_id = i.id) ORDER BY i.id",
        {survey_id, std::int64_t{max_reminders}});
    if (!due.ok()) return due.error();
    const TimePoint at = SendTimeFrom(now, *rz);
    for (const auto& r : due->rows) {
      if (Status s = Run(db,
                         "INSERT INTO survey_invitation_queue (invitation_id, kind, due_at, attempts, created_at) "
                         "VALUES (?, 'reminder', ?, 0, ?)",
                         {r.Int(0), at, now});
          !s.ok())
        return s.error();
      if (Status s = AuditInvitation(db, now, ctx, r.Int(0), "queue_reminder"); !s.ok()) return s.error();
    }
    return static_cast<std::int64_t>(due->rows.size());
  });
}

Result<std::vector<DueInvitationMail>> SqlStore::ListDueInvitationMails(TimePoint now, int limit) {
  return Read<std::vector<DueInvitationMail>>([&](SqlConnection& db) -> Result<std::vector<DueInvitationMail>> {
    auto rows = db.Execute(
        "SELECT id, kind, attempts, due_at, invitation_id FROM survey_invitation_queue WHERE due_at <= ? "
        "ORDER BY due_at, id LIMIT ?",
        {now, std::int64_t{std::clamp(limit, 1, 5000)}});
    if (!rows.ok()) return rows.error();
    std::vector<DueInvitationMail> out;
    for (const auto& r : rows->rows)
      out.push_back({r.Int(0), r.Text(1) == "reminder" ? InvitationMailKind::kReminder : InvitationMailKind::kInvitation,
                     static_cast<int>(r.Int(2)), r.Time(3), r.Int(4)});
    return out;
  });
}

Result<PreparedInvitationMail> SqlStore::PrepareInvitationMail(const WriteContext& ctx, Id queue_id,
                                                               const std::string& token_hash) {
  if (token_hash.size() < 32 || token_hash.size() > 128) return Error::InvalidField("token_hash", "must be a digest");
  return Write<PreparedInvitationMail>([&](SqlConnection& db, TimePoint now) -> Result<PreparedInvitationMail> {
    auto queued = LoadQueued(db, queue_id);
    if (!queued.ok()) return queued.error();
    PreparedInvitationMail out;
    out.kind = queued->kind;
    auto invitation = LoadInvitation(db, queued->invitation_id);
    if (!invitation.ok()) return invitation.error();
    auto survey = LoadSurveyRow(db, invitation->survey_id);
    if (!survey.ok()) return survey.error();
    auto customer = db.Execute("SELECT email, name, consent_survey FROM customers WHERE id = ?",
                               {invitation->customer_id});
    if (!customer.ok()) return customer.error();
    const std::string old_json = JsonText(InvitationAudit(*invitation));
    // An invitation done with (answered, opted out, bounced) needs no more mail.
    if (Finished(invitation->status)) {
      if (Status s = Run(db, "DELETE FROM survey_invitation_queue WHERE id = ?", {queue_id}); !s.ok())
        return s.error();
      if (Status s = AuditInvitation(db, now, ctx, invitation->id, "drop_mail", old_json); !s.ok()) return s.error();
      out.note = std::string("already ") + InvitationStatusName(invitation->status);
      return out;
    }
    std::string cancel;
    if (customer->rows.empty() || customer->rows[0].Text(0).empty()) cancel = "no e-mail address";
    else if (!customer->rows[0].Bool(2)) cancel = "no consent to surveys";
    else if (std::string why = NotTakingAnswers(*survey, now); !why.empty()) cancel = why;
    if (!cancel.empty()) {
      if (Status s = Run(db, "DELETE FROM survey_invitation_queue WHERE invitation_id = ?", {invitation->id});
          !s.ok())
        return s.error();
      if (invitation->status == InvitationStatus::kScheduled)
        if (Status s = Run(db, "UPDATE survey_invitations SET status = 'cancelled', cancelled_at = ?, note = ? "
                               "WHERE id = ?",
                           {now, cancel, invitation->id});
            !s.ok())
          return s.error();
      if (Status s = AuditInvitation(db, now, ctx, invitation->id, "cancel_mail", old_json); !s.ok())
        return s.error();
      out.note = cancel;
      return out;
    }
    auto rz = LoadRulesAndZone(db);
    if (!rz.ok()) return rz.error();
    if (const TimePoint at = SendTimeFrom(now, *rz); at > now) {
      if (Status s = Run(db, "UPDATE survey_invitation_queue SET due_at = ? WHERE id = ?", {at, queue_id}); !s.ok())
        return s.error();
      if (Status s = AuditInvitation(db, now, ctx, invitation->id, "defer_mail", old_json); !s.ok())
        return s.error();
      out.note = "quiet hours until " + FormatTimestamp(at);
      return out;
    }
    auto token = db.Execute("INSERT INTO survey_invitation_tokens (token_hash, invitation_id, issued_at) VALUES (?, ?, ?)",
                            {token_hash, invitation->id, now});
    if (!token.ok()) return token.error();
    if (Status s = AuditInvitation(db, now, ctx, invitation->id, "issue_link", old_json); !s.ok()) return s.error();
    out.send = true;
    out.invitation = std::move(*invitation);
    out.survey = std::move(*survey);
    out.email = customer->rows[0].Text(0);
    out.name = customer->rows[0].Text(1);
    return out;
  });
}

Status SqlStore::FinishInvitationMail(const WriteContext& ctx, Id queue_id, InvitationMailResult result,
                                      const std::string& note, TimePoint retry_at) {
  return ToStatus(Write<Unit>([&](SqlConnection& db, TimePoint now) -> Result<Unit> {
    auto queued = LoadQueued(db, queue_id);
    if (!queued.ok()) return queued.error();
    auto before = LoadInvitation(db, queued->invitation_id);
    if (!before.ok()) return before.error();
    const std::string old_json = JsonText(InvitationAudit(*before));
    const Id id = queued->invitation_id;
    const std::string clean_note = note.substr(0, 500);
    std::string action;
    Status done = Status::Ok();
    switch (result) {
      case InvitationMailResult::kSent:
        action = queued->kind == InvitationMailKind::kReminder ? "remind" : "send";
        done = queued->kind == InvitationMailKind::kReminder
                   ? Run(db, "UPDATE survey_invitations SET reminder_count = reminder_count + 1, reminded_at = ?, "
                             "note = '' WHERE id = ?",
                         {now, id})
                   : Run(db, "UPDATE survey_invitations SET status = CASE WHEN status = 'scheduled' THEN 'sent' "
                             "ELSE status END, sent_at = coalesce(sent_at, ?), note = '' WHERE id = ?",
                         {now, id});
        if (done.ok()) done = Run(db, "DELETE FROM survey_invitation_queue WHERE id = ?", {queue_id});
        break;
      case InvitationMailResult::kBounced:
        action = "bounce";
        done = Run(db, "UPDATE survey_invitations SET status = CASE WHEN status = 'completed' THEN status "
                       "ELSE 'bounced' END, bounced_at = ?, note = ? WHERE id = ?",
                   {now, clean_note, id});
        if (done.ok()) done = Run(db, "DELETE FROM survey_invitation_queue WHERE invitation_id = ?", {id});
        break;
      case InvitationMailResult::kRetry:
        action = "retry_mail";
        done = Run(db, "UPDATE survey_invitation_queue SET due_at = ?, attempts = attempts + 1 WHERE id = ?",
                   {retry_at, queue_id});
        if (done.ok()) done = Run(db, "UPDATE survey_invitations SET note = ? WHERE id = ?", {clean_note, id});
        break;
    }
    if (!done.ok()) return done.error();
    if (Status s = AuditInvitation(db, now, ctx, id, action, old_json); !s.ok()) return s.error();
    return Unit{};
  }));
}

}  // namespace hearken
