// Mail to complainants about their complaint (issue 3, "Mail out"): the
// acknowledgement with the reference and the secret status link, messages
// written to them by handlers, the decision, and the closure notice with its
// one-use rating link — each rendered from the editable templates of the
// complaint settings and sent through the Mailer. The complaint itself is
// always committed first; mail goes out afterwards, so a mail failure never
// loses a complaint (it is logged and reported, the case stays as it is).
//
// Mail is sent only when the complaint has a contact e-mail, the complainant
// consented to be contacted, and the settings name a sender (mail_from).
// Mails caused by public actions (the public form, the status page, e-mail
// intake) pass the MailRateLimiter: at most 5 per hour to one address.
// Every mail carries the reference in its subject ("[C-2026-000123] ...") and
// Reply-To the intake mailbox when one is configured, so replies come back
// to the case through IMAP intake.
#pragma once

#include <optional>
#include <string>

#include "core/clock.h"
#include "core/complaint.h"
#include "core/result.h"
#include "mail/mail_rate_limit.h"
#include "mail/mailer.h"
#include "store/store.h"

namespace hearken {

// Whether a mail follows a public action (rate-limited) or staff work.
enum class NoticeOrigin { kPublic, kStaff };

// What happened to one notice.
enum class NoticeOutcome {
  kSent,
  kNoRecipient,   // no e-mail, no consent, or no sender configured: nothing to send
  kRateLimited,   // the address had its 5 mails this hour
  kFailed,        // the mailer failed (logged); the case is unchanged by it
};

struct NoticeResult {
  NoticeOutcome outcome = NoticeOutcome::kNoRecipient;
  std::string detail;  // the mailer's error message when kFailed
};

class ComplaintNotifier {
 public:
  // `mailer` may be null (no mail configured: every notice is kNoRecipient).
  // `reply_to` is the intake mailbox address, or empty. All references must
  // outlive the notifier. Thread-safe.
  ComplaintNotifier(Store& store, Mailer* mailer, const Clock& clock, MailRateLimiter& public_limiter,
                    std::string reply_to = "");

  // For a complaint just filed through the public form or e-mail: sends the
  // acknowledgement (reference and status link `public_base_url + "/status/"
  // + status_token`), records it as a to_complainant message (also when it
  // could not be mailed: the status page shows it), and moves the
  // complaint from received to acknowledged (actor "system") — also when no
  // mail could be sent, since the form's confirmation page (or the sender's
  // own mail) already told the complainant the reference.
  // Errors: those of the store (the transition); mail problems are in the result.
  Result<NoticeResult> AcknowledgeNew(const Complaint& complaint, const std::string& status_token,
                                      NoticeOrigin origin);

  // Mails the acknowledgement template for a complaint a handler has just
  // moved to acknowledged (staff and API entry: the HTTP route made the
  // transition). The status link is included when `status_token` is known
  // (the staff entry that acknowledges at once), and left empty otherwise.
  // Mail only: nothing is stored. Implemented in complaint_notifier_ack.cc.
  NoticeResult SendAcknowledgement(const Complaint& complaint, const std::string& status_token = "");

  // Mails a to_complainant message a handler wrote (already stored).
  NoticeResult SendMessage(const Complaint& complaint, const ComplaintMessage& message);

  // Mails the decision template after RespondToComplaint.
  NoticeResult SendDecision(const Complaint& complaint);

  // After the complaint was closed: issues a new one-use rating token
  // (Store::IssueRatingToken) and mails the closure template with the rating
  // link `public_base_url + "/rate/" + token`. Returns the link as well (also
  // when no mail could be sent, so staff can hand it over another way).
  // Errors: those of IssueRatingToken.
  Result<std::pair<NoticeResult, std::string>> SendClosure(const Complaint& complaint);

 private:
  // Sends one mail about `complaint` (subject given the "[reference]" tag)
  // after the recipient, consent, sender and rate-limit checks; on success
  // `message_id`, when given, receives the Message-ID used.
  NoticeResult Deliver(const ComplaintSettings& settings, const Complaint& complaint, const std::string& subject,
                       const std::string& body, NoticeOrigin origin, std::string* message_id);
  // The placeholder values known from the complaint and the organisation
  // (no links).
  TemplateValues ValuesFor(const Complaint& complaint);
  Store& store_;
  Mailer* mailer_;
  const Clock& clock_;
  MailRateLimiter& public_limiter_;
  std::string reply_to_;
};

std::string_view ToString(NoticeOutcome v);

// `subject` on one line (line breaks become spaces), with "[<reference>] " in
// front unless it already holds "[<reference>]" — how every mail about a
// case is titled, so that replies find their way back (FindComplaintReference).
std::string CaseMailSubject(std::string_view reference, std::string subject);

}  // namespace hearken
