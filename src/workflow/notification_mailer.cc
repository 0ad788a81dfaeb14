#include "workflow/notification_mailer.h"

#include <spdlog/spdlog.h>

#include <vector>

#include "workflow/complaint_notifier.h"

namespace hearken {
namespace {

constexpr int kPeoplePerRun = 500;

std::string WithoutTrailingSlash(std::string base) {
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}

// The complaint reference a title starts with ("C-2026-000123 assigned to
// you"), or empty.
std::string LeadingReference(const std::string& title) {
  if (title.rfind("C-", 0) != 0) return "";
  const size_t end = title.find_first_of(" :");
  return end == std::string::npos ? title : title.substr(0, end);
}

// One notice: its title with the reference in brackets, as every case mail
// has it ("[C-2026-000123] SLA breached: …"); several: how many.
std::string DigestSubject(const std::vector<Notification>& notices) {
  if (notices.size() > 1) return std::to_string(notices.size()) + " things need you in Hearken";
  const std::string& title = notices[0].title;
  const std::string reference = LeadingReference(title);
  if (reference.empty()) return title;
  size_t rest = reference.size();
  while (rest < title.size() && (title[rest] == ':' || title[rest] == ' ')) ++rest;
  return CaseMailSubject(reference, title.substr(rest));
}

std::string DigestBody(const std::vector<Notification>& notices, const std::string& base) {
  std::string body;
  if (notices.size() > 1) body += "Since the last mail:\n\n";
  for (const Notification& n : notices) {
    body += (notices.size() > 1 ? "- " : "") + n.title + "\n";
    if (!n.body.empty()) body += (notices.size() > 1 ? "  " : "") + n.body + "\n";
    if (!n.link.empty()) body += (notices.size() > 1 ? "  " : "") + base + n.link + "\n";
    body += "\n";
  }
  body += "Your notifications and what you are told by e-mail: " + base + "/notifications\n";
  return body;
}

}  // namespace

NotificationMailer::NotificationMailer(Store& store, Mailer* mailer) : store_(store), mailer_(mailer) {}

Result<DigestReport> NotificationMailer::SendPending() {
  DigestReport report;
  if (mailer_ == nullptr) {
    report.skipped = "no mail server configured";
    return report;
  }
  auto settings = store_.complaint_admin().GetComplaintSettings();
  if (!settings.ok()) return settings.error();
  if (settings->mail_from.empty()) {
    report.skipped = "no sender (mail_from) configured";
    return report;
  }
  auto pending = store_.notifications().ListPendingNotificationMail(kPeoplePerRun);
  if (!pending.ok()) return pending.error();
  const std::string base = WithoutTrailingSlash(settings->public_base_url);
  for (const PendingNotificationMail& person : *pending) {
    std::vector<Id> ids;
    for (const Notification& n : person.notifications) ids.push_back(n.id);
    auto user = store_.users().GetUser(person.user_id);
    if (!user.ok() && user.error().code != ErrorCode::kNotFound) return user.error();
    if (!user.ok() || !user->enabled || user->email.empty()) {
      if (Status st = store_.notifications().MarkNotificationsMailed(ids, false); !st.ok()) return st.error();
      ++report.given_up;
      continue;
    }
    OutgoingMail mail;
    mail.from = settings->mail_from;
    mail.from_name = settings->mail_from_name;
    mail.to = user->email;
    mail.to_name = user->display_name;
    mail.subject = DigestSubject(person.notifications);
    mail.body = DigestBody(person.notifications, base);
    if (person.notifications.size() == 1) {
      const std::string reference = LeadingReference(person.notifications[0].title);
      if (!reference.empty()) mail.headers.push_back({"X-Hearken-Case", reference});
    }
    if (Status sent = mailer_->Send(mail); !sent.ok()) {
      spdlog::error("notification digest to {} failed: {}", user->email, sent.error().message);
      ++report.failures;
      continue;
    }
    if (Status st = store_.notifications().MarkNotificationsMailed(ids, true); !st.ok()) {
      spdlog::error("notification digest to {} sent but not recorded: {}", user->email, st.error().message);
      ++report.failures;
      continue;
    }
    ++report.mails_sent;
    report.notices_mailed += static_cast<int>(ids.size());
  }
  return report;
}

}  // namespace hearken
