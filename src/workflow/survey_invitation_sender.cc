#include "workflow/survey_invitation_sender.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "core/crypto.h"
#include "core/survey/survey_mail.h"

namespace hearken {
namespace {

const WriteContext& SystemContext() {
  static const WriteContext ctx{{std::nullopt, "system"}, "survey invitation mail"};
  return ctx;
}

std::string DomainOf(const std::string& address) {
  const size_t at = address.rfind('@');
  return at == std::string::npos ? "hearken.invalid" : address.substr(at + 1);
}

std::string TrimSlash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

// 5 minutes, doubling with each attempt, at most a day.
std::chrono::minutes Backoff(int attempts) {
  return std::min(std::chrono::minutes(5) * (1 << std::clamp(attempts, 0, 9)), std::chrono::minutes(24 * 60));
}

}  // namespace

SurveyInvitationSender::SurveyInvitationSender(Store& store, Mailer* mailer, const Clock& clock,
                                               MailRateLimiter& limiter)
    : store_(store), mailer_(mailer), clock_(clock), limiter_(limiter) {}

std::string SurveyInvitationSender::NewToken() { return RandomToken(24); }

Result<InvitationSendReport> SurveyInvitationSender::SendDueOnce(int limit) {
  InvitationSendReport report;
  if (mailer_ == nullptr) return report;
  // A caller waits for a run in progress (a route for the job's), then runs.
  std::lock_guard running(running_);
  // One sender at a time across nodes too: a queued mail is never sent twice.
  std::optional<Result<InvitationSendReport>> result;
  auto ran = store_.jobs().RunExclusive("survey-invitations", [&] { result.emplace(SendLocked(limit)); });
  if (!ran.ok()) return ran.error();
  if (!result) return report;
  return std::move(*result);
}

Result<InvitationSendReport> SurveyInvitationSender::SendLocked(int limit) {
  InvitationSendReport report;
  auto& invitations = store_.survey_invitations();
  auto due = invitations.ListDueInvitationMails(clock_.Now(), limit);
  if (!due.ok()) return due.error();
  if (due->empty()) return report;
  auto settings = store_.complaint_admin().GetComplaintSettings();
  if (!settings.ok()) return settings.error();
  auto organisation = store_.organisation().GetSettings();
  if (!organisation.ok()) return organisation.error();
  const std::string base = TrimSlash(settings->public_base_url);
  const WriteContext& ctx = SystemContext();

  for (const DueInvitationMail& queued : *due) {
    auto retry = [&](const std::string& note, TimePoint at) {
      ++report.retried;
      Status s = invitations.FinishInvitationMail(ctx, queued.queue_id, InvitationMailResult::kRetry, note, at);
      if (!s.ok()) spdlog::error("survey invitation {}: {}", queued.invitation_id, s.error().message);
    };
    if (settings->mail_from.empty()) {
      retry("no sender address (mail_from) in the settings", clock_.Now() + std::chrono::minutes(5));
      continue;
    }
    const std::string token = NewToken();
    auto prepared = invitations.PrepareInvitationMail(ctx, queued.queue_id, HashToken(token));
    if (!prepared.ok()) {
      spdlog::error("survey invitation {}: {}", queued.invitation_id, prepared.error().message);
      continue;
    }
    if (!prepared->send) {
      ++report.skipped;
      continue;
    }
    if (auto admitted = limiter_.TryAcquire(prepared->email); !admitted) {
      retry("the address had its mails for this hour", admitted.next_allowed);
      continue;
    }
    auto templates = invitations.GetSurveyMailTemplates(prepared->survey.id);
    if (!templates.ok()) return templates.error();
    const bool reminder = prepared->kind == InvitationMailKind::kReminder;
    const std::string link = base + "/s/" + prepared->survey.public_slug + "?t=" + token;
    const survey::MailValues values{prepared->name, link,
                                    base + "/s/" + prepared->survey.public_slug + "/opt-out?t=" + token,
                                    prepared->survey.name, organisation->name};
    const survey::MailTemplates& t = templates->templates;
    OutgoingMail mail;
    mail.from = settings->mail_from;
    mail.from_name = settings->mail_from_name;
    mail.to = prepared->email;
    mail.to_name = prepared->name;
    mail.subject = survey::RenderMail(reminder ? t.reminder_subject : t.invitation_subject, values);
    for (char& c : mail.subject)
      if (c == '\r' || c == '\n') c = ' ';
    mail.body = survey::RenderMail(reminder ? t.reminder_body : t.invitation_body, values);
    mail.headers.push_back({"X-Hearken-Survey", std::to_string(prepared->survey.id)});
    mail.message_id = RandomToken(18) + ".survey@" + DomainOf(settings->mail_from);
    Status sent = mailer_->Send(mail);
    InvitationMailResult result = InvitationMailResult::kSent;
    std::string note;
    TimePoint retry_at = clock_.Now();
    if (!sent.ok()) {
      note = sent.error().message.substr(0, 300);
      const bool temporary = sent.error().code == ErrorCode::kUnavailable && queued.attempts + 1 < kMaxAttempts;
      result = temporary ? InvitationMailResult::kRetry : InvitationMailResult::kBounced;
      retry_at = clock_.Now() + Backoff(queued.attempts);
      spdlog::warn("survey invitation {}: mail {}: {}", prepared->invitation.id, temporary ? "deferred" : "bounced",
                   note);
    }
    if (Status s = invitations.FinishInvitationMail(ctx, queued.queue_id, result, note, retry_at); !s.ok())
      spdlog::error("survey invitation {}: {}", prepared->invitation.id, s.error().message);
    if (result == InvitationMailResult::kSent) ++report.sent;
    else if (result == InvitationMailResult::kBounced) ++report.bounced;
    else ++report.retried;
  }
  return report;
}

}  // namespace hearken
