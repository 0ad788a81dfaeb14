// Survey invitations on SqlStore (SurveyInvitationStore, schema 16), the
// respondent's side — an invitation found by the hash of one of its link
// tokens: opened, answers saved partway, the one complete answer (stored
// with SubmitSurveyAnswer's rules in the same transaction), the opt-out
// that withdraws the customer's consent to surveys — and the survey mail
// templates and the organisation's contact rules. Each write audited.
#include "store/sql/sql_store.h"
#include "store/sql/surveys/invitation_rows.h"
#include "store/sql/surveys/survey_rows.h"

namespace hearken {

using namespace sql;
using namespace sql::invitation_rows;
using namespace sql::survey_rows;

namespace {

constexpr size_t kMaxLanguageLength = 35;

Error PreconditionOn(const std::string& field, const std::string& message) {
  return Error{ErrorCode::kFailedPrecondition, field + ": " + message, {{field, message}}};
}

// The invitation of `survey_id` one of whose tokens hashes to `token_hash`.
// Errors: NotFound, the same for an unknown token and another survey's.
Result<SurveyInvitation> ByToken(SqlConnection& db, Id survey_id, const std::string& token_hash) {
  auto rows = db.Execute(std::string("SELECT ") + kInvitationColumns + kInvitationFrom +
                             " JOIN survey_invitation_tokens t ON t.invitation_id = i.id "
                             "WHERE t.token_hash = ? AND i.survey_id = ?",
                         {token_hash, survey_id});
  if (!rows.ok()) return rows.error();
  if (rows->rows.empty()) return Error::NotFound("no such invitation");
  return InvitationFromRow(rows->rows[0]);
}

Status Run(SqlConnection& db, const char* sql, const SqlParams& params) {
  auto done = db.Execute(sql, params);
  return done.ok() ? Status::Ok() : Status(done.error());
}

nlohmann::json TemplatesJson(const survey::MailTemplates& t) {
  return {{"invitation_subject", t.invitation_subject},
          {"invitation_body", t.invitation_body},
          {"reminder_subject", t.reminder_subject},
          {"reminder_body", t.reminder_body}};
}

nlohmann::json RulesJson(const survey::ContactRules& r) {
  return {{"min_days_between", r.min_days_between},
          {"quiet_start", survey::MinuteText(r.quiet_start_minute)},
          {"quiet_end", survey::MinuteText(r.quiet_end_minute)}};
}

}  // namespace

Result<SurveyInvitation> SqlStore::OpenInvitation(const WriteContext& ctx, Id survey_id,
                                                  const std::string& token_hash) {
  return Write<SurveyInvitation>([&](SqlConnection& db, TimePoint now) -> Result<SurveyInvitation> {
    auto invitation = ByToken(db, survey_id, token_hash);
    if (!invitation.ok()) return invitation.error();
    if (invitation->status != InvitationStatus::kScheduled && invitation->status != InvitationStatus::kSent)
      return invitation;
    const std::string old_json = JsonText(InvitationAudit(*invitation));
    if (Status s = Run(db, "UPDATE survey_invitations SET status = 'opened', opened_at = ? WHERE id = ?",
                       {now, invitation->id});
        !s.ok())
      return s.error();
    if (Status s = AuditInvitation(db, now, ctx, invitation->id, "open", old_json); !s.ok()) return s.error();
    return LoadInvitation(db, invitation->id);
  });
}

Result<SurveyInvitation> SqlStore::SaveInvitationPartial(const WriteContext& ctx, Id survey_id,
                                                         const std::string& token_hash,
                                                         const std::string& partial_json,
                                                         const std::string& language) {
  if (partial_json.size() > kMaxSurveyAnswerBytes || !IsCleanUtf8(partial_json))
    return Error::InvalidField("answers", "must be clean text of at most 256 KiB");
  if (language.size() > kMaxLanguageLength ||
      language.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-") !=
          std::string::npos)
    return Error::InvalidField("language", "must be a language tag such as en or de-CH");
  return Write<SurveyInvitation>([&](SqlConnection& db, TimePoint now) -> Result<SurveyInvitation> {
    auto invitation = ByToken(db, survey_id, token_hash);
    if (!invitation.ok()) return invitation.error();
    if (invitation->status == InvitationStatus::kCompleted)
      return PreconditionOn("token", "this invitation has been answered");
    const std::string old_json = JsonText(InvitationAudit(*invitation));
    if (Status s = Run(db,
                       "UPDATE survey_invitations SET partial_json = ?, language = ?, "
                       "status = CASE WHEN status = 'opted_out' THEN status ELSE 'started' END, "
                       "started_at = coalesce(started_at, ?) WHERE id = ?",
                       {partial_json, language, now, invitation->id});
        !s.ok())
      return s.error();
    if (Status s = AuditInvitation(db, now, ctx, invitation->id, "save_partial", old_json); !s.ok()) return s.error();
    return LoadInvitation(db, invitation->id);
  });
}

Result<SubmittedAnswer> SqlStore::SubmitInvitationAnswer(const WriteContext& ctx, const std::string& token_hash,
                                                         const SurveyAnswer& input) {
  if (Status s = CheckAnswerFields(input); !s.ok()) return s.error();
  return Write<SubmittedAnswer>([&](SqlConnection& db, TimePoint now) -> Result<SubmittedAnswer> {
    auto invitation = ByToken(db, input.survey_id, token_hash);
    if (!invitation.ok()) return invitation.error();
    if (invitation->answer_id) {
      // A retry of the answer that completed it is answered with that answer.
      auto first = db.Execute(std::string("SELECT ") + kAnswerColumns + " FROM survey_answers a WHERE a.id = ?",
                              {*invitation->answer_id});
      if (!first.ok()) return first.error();
      if (!first->rows.empty() && !input.idempotency_key_hash.empty()) {
        SurveyAnswer stored = AnswerFromRow(first->rows[0]);
        if (stored.idempotency_key_hash == input.idempotency_key_hash) return SubmittedAnswer{std::move(stored), false};
      }
      return PreconditionOn("token", "this invitation has been answered");
    }
    SurveyAnswer answer = input;
    answer.channel = AnswerChannel::kInvitation;
    answer.customer_id = invitation->customer_id;
    answer.invitation_id = invitation->id;
    auto submitted = WriteSurveyAnswer(db, now, ctx, answer);
    if (!submitted.ok() || !submitted->created || !answer.complete) return submitted;
    const std::string old_json = JsonText(InvitationAudit(*invitation));
    if (Status s = Run(db,
                       "UPDATE survey_invitations SET status = 'completed', completed_at = ?, answer_id = ?, "
                       "partial_json = NULL, language = ? WHERE id = ?",
                       {now, submitted->answer.id, answer.language, invitation->id});
        !s.ok())
      return s.error();
    if (Status s = Run(db, "DELETE FROM survey_invitation_queue WHERE invitation_id = ?", {invitation->id}); !s.ok())
      return s.error();
    if (Status s = AuditInvitation(db, now, ctx, invitation->id, "complete", old_json); !s.ok()) return s.error();
    return submitted;
  });
}

Result<SurveyInvitation> SqlStore::OptOutOfInvitation(const WriteContext& ctx, Id survey_id,
                                                      const std::string& token_hash) {
  return Write<SurveyInvitation>([&](SqlConnection& db, TimePoint now) -> Result<SurveyInvitation> {
    auto invitation = ByToken(db, survey_id, token_hash);
    if (!invitation.ok()) return invitation.error();
    const std::string old_json = JsonText(InvitationAudit(*invitation));
    if (invitation->status != InvitationStatus::kCompleted && invitation->status != InvitationStatus::kOptedOut) {
      if (Status s = Run(db, "UPDATE survey_invitations SET status = 'opted_out', opted_out_at = ? WHERE id = ?",
                         {now, invitation->id});
          !s.ok())
        return s.error();
    }
    if (Status s = Run(db, "DELETE FROM survey_invitation_queue WHERE invitation_id = ?", {invitation->id}); !s.ok())
      return s.error();
    if (Status s = AuditInvitation(db, now, ctx, invitation->id, "opt_out", old_json); !s.ok()) return s.error();
    // The consent itself, on the customer (an entry of the customer's own
    // history; no personal field in it).
    auto withdrawn = db.Execute(
        "UPDATE customers SET consent_survey = ?, consent_survey_at = NULL, updated_at = ? "
        "WHERE id = ? AND consent_survey = ?",
        {false, now, invitation->customer_id, true});
    if (!withdrawn.ok()) return withdrawn.error();
    if (withdrawn->affected > 0) {
      AuditRecord record{"customer", std::to_string(invitation->customer_id), "withdraw_survey_consent",
                         JsonText({{"consent_survey", true}}),
                         JsonText({{"consent_survey", false}, {"via", "survey opt-out link"}}),
                         invitation->customer_id};
      if (Status s = AppendAudit(db, now, ctx, std::move(record)); !s.ok()) return s.error();
    }
    return LoadInvitation(db, invitation->id);
  });
}

Result<SurveyMailTemplates> SqlStore::GetSurveyMailTemplates(Id survey_id) {
  return Read<SurveyMailTemplates>([&](SqlConnection& db) -> Result<SurveyMailTemplates> {
    auto known = Exists(db, "surveys", survey_id);
    if (!known.ok()) return known.error();
    if (!*known) return Error::NotFound("no such survey: " + std::to_string(survey_id));
    auto rows = db.Execute(
        "SELECT invitation_subject, invitation_body, reminder_subject, reminder_body, updated_at "
        "FROM survey_mail_templates WHERE survey_id = ?",
        {survey_id});
    if (!rows.ok()) return rows.error();
    SurveyMailTemplates out{survey_id, survey::DefaultMailTemplates(), true, std::nullopt};
    if (!rows->rows.empty()) {
      const SqlRow& r = rows->rows[0];
      out.templates = {r.Text(0), r.Text(1), r.Text(2), r.Text(3)};
      out.is_default = false;
      out.updated_at = r.Time(4);
    }
    return out;
  });
}

Result<SurveyMailTemplates> SqlStore::UpdateSurveyMailTemplates(const WriteContext& ctx,
                                                                const SurveyMailTemplates& input) {
  if (Status s = survey::ValidateMailTemplates(input.templates); !s.ok()) return s.error();
  auto before = GetSurveyMailTemplates(input.survey_id);
  if (!before.ok()) return before.error();
  return Write<SurveyMailTemplates>([&](SqlConnection& db, TimePoint now) -> Result<SurveyMailTemplates> {
    const survey::MailTemplates& t = input.templates;
    if (Status s = Run(db,
                       "INSERT INTO survey_mail_templates (survey_id, invitation_subject, invitation_body, "
                       "reminder_subject, reminder_body, updated_at) VALUES (?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT (survey_id) DO UPDATE SET invitation_subject = excluded.invitation_subject, "
                       "invitation_body = excluded.invitation_body, reminder_subject = excluded.reminder_subject, "
                       "reminder_body = excluded.reminder_body, updated_at = excluded.updated_at",
                       {input.survey_id, t.invitation_subject, t.invitation_body, t.reminder_subject, t.reminder_body,
                        now});
        !s.ok())
      return s.error();
    AuditRecord record{"survey_mail_templates", std::to_string(input.survey_id), "update",
                       JsonText(TemplatesJson(before->templates)), JsonText(TemplatesJson(t)), std::nullopt};
    if (Status s = AppendAudit(db, now, ctx, std::move(record)); !s.ok()) return s.error();
    return SurveyMailTemplates{input.survey_id, t, false, now};
  });
}

Result<survey::ContactRules> SqlStore::GetContactRules() {
  return Read<survey::ContactRules>([&](SqlConnection& db) -> Result<survey::ContactRules> {
    auto rz = LoadRulesAndZone(db);
    if (!rz.ok()) return rz.error();
    return rz->rules;
  });
}

Result<survey::ContactRules> SqlStore::UpdateContactRules(const WriteContext& ctx, const survey::ContactRules& rules) {
  if (Status s = survey::ValidateContactRules(rules); !s.ok()) return s.error();
  return Write<survey::ContactRules>([&](SqlConnection& db, TimePoint now) -> Result<survey::ContactRules> {
    auto before = LoadRulesAndZone(db);
    if (!before.ok()) return before.error();
    if (Status s = Run(db,
                       "UPDATE survey_contact_rules SET min_days_between = ?, quiet_start_minute = ?, "
                       "quiet_end_minute = ?, updated_at = ? WHERE id = 1",
                       {std::int64_t{rules.min_days_between}, std::int64_t{rules.quiet_start_minute},
                        std::int64_t{rules.quiet_end_minute}, now});
        !s.ok())
      return s.error();
    survey::ContactRules after = rules;
    after.updated_at = now;
    AuditRecord record{"survey_contact_rules", "1", "update", JsonText(RulesJson(before->rules)),
                       JsonText(RulesJson(after)), std::nullopt};
    if (Status s = AppendAudit(db, now, ctx, std::move(record)); !s.ok()) return s.error();
    return after;
  });
}

}  // namespace hearken
