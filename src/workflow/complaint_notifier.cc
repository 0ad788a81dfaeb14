#include "workflow/complaint_notifier.h"

#include <spdlog/spdlog.h>

#include <string_view>
#include <utility>

#include "core/crypto.h"
#include "core/validation.h"

namespace hearken {
namespace {

const WriteContext kSystemContext{Actor{std::nullopt, "system"}, ""};

// The base URL without trailing slashes, so that links never hold "//".
std::string BaseUrl(const ComplaintSettings& settings) {
  std::string url = settings.public_base_url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

// The domain part of `address` ("example.org"), or "hearken.invalid".
std::string DomainOf(std::string_view address) {
  size_t at = address.rfind('@');
  if (at == std::string_view::npos || at + 1 >= address.size()) return "hearken.invalid";
  return std::string(address.substr(at + 1));
}

// Cuts `text` to at most `max` bytes at a UTF-8 character boundary.
std::string CutUtf8(std::string text, size_t max) {
  if (text.size() <= max) return text;
  size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
  return text;
}

// Subjects are one line: line breaks and tabs from a template become spaces.
std::string OneLine(std::string text) {
  for (char& c : text)
    if (c == '\r' || c == '\n' || c == '\t') c = ' ';
  return text;
}

}  // namespace

std::string_view ToString(NoticeOutcome v) {
  switch (v) {
    case NoticeOutcome::kSent: return "sent";
    case NoticeOutcome::kNoRecipient: return "no_recipient";
    case NoticeOutcome::kRateLimited: return "rate_limited";
    case NoticeOutcome::kFailed: return "failed";
  }
  return "failed";
}

ComplaintNotifier::ComplaintNotifier(Store& store, Mailer* mailer, const Clock& clock,
                                     MailRateLimiter& public_limiter, std::string reply_to,
                                     std::shared_ptr<const keys::LinkSigner> links)
    : store_(store),
      mailer_(mailer),
      clock_(clock),
      public_limiter_(public_limiter),
      reply_to_(std::move(reply_to)),
      links_(links ? std::move(links) : keys::LinkSigner::Ephemeral()) {}

std::string ComplaintNotifier::StatusToken(Id complaint_id) const {
  return links_->Token(keys::kStatusLinkPurpose, complaint_id);
}

std::string CaseMailSubject(std::string_view reference, std::string subject) {
  subject = OneLine(std::move(subject));
  std::string tag = "[" + std::string(reference) + "]";
  if (subject.find(tag) == std::string::npos) subject = subject.empty() ? tag : tag + " " + subject;
  return subject;
}

TemplateValues ComplaintNotifier::ValuesFor(const ComplaintSettings& settings, const Complaint& complaint) {
  TemplateValues values;
  values.status_link = BaseUrl(settings) + "/status/" + StatusToken(complaint.id);
  values.reference = complaint.reference;
  // A complainant who gave no name is greeted "Dear customer,", not "Dear ,".
  values.name = complaint.intake.contact_name.empty() ? "customer" : complaint.intake.contact_name;
  values.summary = complaint.intake.summary;
  values.decision = complaint.decision;
  if (auto org = store_.organisation().GetSettings(); org.ok()) values.organisation = org->name;
  return values;
}

NoticeResult ComplaintNotifier::Deliver(const ComplaintSettings& settings, const Complaint& complaint,
                                        const std::string& subject, const std::string& body, NoticeOrigin origin,
                                        std::string* message_id) {
  if (mailer_ == nullptr) return {NoticeOutcome::kNoRecipient, "no mail server configured"};
  if (settings.mail_from.empty()) return {NoticeOutcome::kNoRecipient, "no sender (mail_from) configured"};
  const std::string& to = complaint.intake.contact_email;
  if (to.empty()) return {NoticeOutcome::kNoRecipient, "the complaint has no contact e-mail"};
  if (!complaint.intake.consent_contact) return {NoticeOutcome::kNoRecipient, "the complainant did not consent"};
  if (origin == NoticeOrigin::kPublic) {
    if (!public_limiter_.TryAcquire(to)) {
      spdlog::warn("complaint {}: notice to {} not sent: 5 mails this hour already", complaint.reference, to);
      return {NoticeOutcome::kRateLimited, "the address had its mails for this hour"};
    }
  }
  OutgoingMail mail;
  mail.from = settings.mail_from;
  mail.from_name = settings.mail_from_name;
  mail.to = to;
  mail.to_name = complaint.intake.contact_name;
  mail.reply_to = reply_to_;
  mail.subject = CaseMailSubject(complaint.reference, subject);
  mail.body = body;
  mail.headers.push_back({"X-Hearken-Case", complaint.reference});
  mail.message_id = RandomToken(18) + "." + complaint.reference + "@" + DomainOf(settings.mail_from);
  if (Status sent = mailer_->Send(mail); !sent.ok()) {
    spdlog::error("complaint {}: notice to {} failed: {}", complaint.reference, to, sent.error().message);
    return {NoticeOutcome::kFailed, sent.error().message};
  }
  if (message_id) *message_id = mail.message_id;
  return {NoticeOutcome::kSent, ""};
}

Result<NoticeResult> ComplaintNotifier::AcknowledgeNew(const Complaint& complaint, NoticeOrigin origin) {
  Result<ComplaintSettings> settings = store_.complaint_admin().GetComplaintSettings();
  if (!settings.ok()) return settings.error();
  TemplateValues values = ValuesFor(*settings, complaint);
  std::string subject = CaseMailSubject(complaint.reference, RenderTemplate(settings->acknowledgement.subject, values));
  std::string body = RenderTemplate(settings->acknowledgement.body, values);
  std::string message_id;
  NoticeResult result = Deliver(*settings, complaint, subject, body, origin, &message_id);

  // The acknowledgement is kept on the case whether or not it was mailed: the
  // status page shows it to the complainant (who holds the link already).
  // The copy shows the link as a placeholder: staff read it, the full-text
  // index and the audit trail hold it.
  TemplateValues kept = values;
  kept.status_link = kStatusLinkPlaceholder;
  ComplaintMessage message;
  message.complaint_id = complaint.id;
  message.kind = MessageKind::kToComplainant;
  message.subject =
      CutUtf8(CaseMailSubject(complaint.reference, RenderTemplate(settings->acknowledgement.subject, kept)),
              kMaxShortTextLength);
  message.body = CutUtf8(RenderTemplate(settings->acknowledgement.body, kept), kMaxLongTextLength);
  message.author = "system";
  message.mail_message_id = message_id;
  if (auto added = store_.complaint_messages().AddComplaintMessage(kSystemContext, message); !added.ok())
    spdlog::error("complaint {}: acknowledgement not recorded: {}", complaint.reference, added.error().message);

  if (complaint.state == ComplaintState::kReceived) {
    ComplaintMove move;
    move.to = ComplaintState::kAcknowledged;
    move.reason = result.outcome == NoticeOutcome::kSent ? "acknowledgement mailed" : "acknowledged on receipt";
    WriteContext ctx = kSystemContext;
    ctx.reason = move.reason;
    if (auto moved = store_.complaints().TransitionComplaint(ctx, complaint.id, move); !moved.ok()) return moved.error();
  }
  return result;
}

NoticeResult ComplaintNotifier::SendMessage(const Complaint& complaint, const ComplaintMessage& message) {
  if (message.kind != MessageKind::kToComplainant)
    return {NoticeOutcome::kNoRecipient, "only messages to the complainant are mailed"};
  Result<ComplaintSettings> settings = store_.complaint_admin().GetComplaintSettings();
  if (!settings.ok()) return {NoticeOutcome::kFailed, settings.error().message};
  std::string subject = message.subject.empty() ? "Your complaint" : message.subject;
  return Deliver(*settings, complaint, subject, message.body, NoticeOrigin::kStaff, nullptr);
}

NoticeResult ComplaintNotifier::SendDecision(const Complaint& complaint) {
  Result<ComplaintSettings> settings = store_.complaint_admin().GetComplaintSettings();
  if (!settings.ok()) return {NoticeOutcome::kFailed, settings.error().message};
  TemplateValues values = ValuesFor(*settings, complaint);
  return Deliver(*settings, complaint, RenderTemplate(settings->decision.subject, values),
                 RenderTemplate(settings->decision.body, values), NoticeOrigin::kStaff, nullptr);
}

Result<NoticeResult> ComplaintNotifier::SendClosure(const Complaint& complaint) {
  Result<ComplaintSettings> settings = store_.complaint_admin().GetComplaintSettings();
  if (!settings.ok()) return settings.error();
  std::string token = RandomToken();
  WriteContext ctx = kSystemContext;
  ctx.reason = "rating link for the closure notice";
  if (Status issued = store_.ratings().IssueRatingToken(ctx, complaint.id, HashToken(token)); !issued.ok())
    return issued.error();
  TemplateValues values = ValuesFor(*settings, complaint);
  values.rating_link = BaseUrl(*settings) + "/rate/" + token;
  NoticeResult result = Deliver(*settings, complaint, RenderTemplate(settings->closure_notice.subject, values),
                                RenderTemplate(settings->closure_notice.body, values), NoticeOrigin::kStaff, nullptr);
  return result;
}

}  // namespace hearken
