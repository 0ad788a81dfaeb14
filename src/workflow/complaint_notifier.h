// Mail to complainants about their complaint (issue 3, "Mail out"): the
// acknowledgement with the reference and the secret status link, messages
// written to them by handlers, the decision, and the closure notice with its
// one-use rating link — each rendered from the editable templates of the
// complaint settings and sent through the Mailer. Every template may use
// {{status_link}}: the link is derived again for each mail with the server's
// link key (keys/link_signer.h), never stored; what the case keeps of a mail
// shows the links as placeholders ("[status link]"), and no link is handed
// back to the staff member who caused the mail. The complaint itself is
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

#include <memory>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/complaint.h"
#include "core/result.h"
#include "keys/link_signer.h"
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
  // `reply_to` is the intake mailbox address, or empty. `links` derives the
  // status links (null: an ephemeral key, links that die with the process).
  // All references must outlive the notifier. Thread-safe.
  ComplaintNotifier(Store& store, Mailer* mailer, const Clock& clock, MailRateLimiter& public_limiter,
                    std::string reply_to = "", std::shared_ptr<const keys::LinkSigner> links = nullptr);

  // The signer of the status links in this notifier's mails; the public
  // status routes verify presented links with it.
  const keys::LinkSigner& links() const { return *links_; }
  // The status token of `complaint_id` (what follows "/status/").
  std::string StatusToken(Id complaint_id) const;

  // For a complaint just filed through the public form or e-mail: sends the
  // acknowledgement (reference and status link `public_base_url + "/status/"
  // + StatusToken(id)`), records it as a to_complainant message with the
  // link shown as "[status link]" (also when it could not be mailed: the
  // status page shows it), and moves the complaint from received to
  // acknowledged (actor "system") — also when no mail could be sent, since
  // the form's confirmation page (or the sender's own mail) already told the
  // complainant the reference.
  // Errors: those of the store (the transition); mail problems are in the result.
  Result<NoticeResult> AcknowledgeNew(const Complaint& complaint, NoticeOrigin origin);

  // Mails the acknowledgement template, status link included, for a
  // complaint a handler has just moved to acknowledged (staff and API entry:
  // the HTTP route made the transition). Mail only: nothing is stored.
  // Implemented in complaint_notifier_ack.cc.
  NoticeResult SendAcknowledgement(const Complaint& complaint);

  // Mails a to_complainant message a handler wrote (already stored).
  NoticeResult SendMessage(const Complaint& complaint, const ComplaintMessage& message);

  // Mails the decision template (with the status link) after RespondToComplaint.
  NoticeResult SendDecision(const Complaint& complaint);

  // After the complaint was closed: issues a new one-use rating token
  // (Store::IssueRatingToken keeps only its hash) and mails the closure
  // template with the rating link `public_base_url + "/rate/" + token` and
  // the status link. The rating link exists only in that mail: it is not
  // returned (staff must not be able to rate in the complainant's name).
  // Errors: those of IssueRatingToken.
  Result<NoticeResult> SendClosure(const Complaint& complaint);

 private:
  // Sends one mail about `complaint` (subject given the "[reference]" tag)
  // after the recipient, consent, sender and rate-limit checks; on success
  // `message_id`, when given, receives the Message-ID used.
  NoticeResult Deliver(const ComplaintSettings& settings, const Complaint& complaint, const std::string& subject,
                       const std::string& body, NoticeOrigin origin, std::string* message_id);
  // The placeholder values known from the complaint and the organisation,
  // with the status link under `settings.public_base_url`.
  TemplateValues ValuesFor(const ComplaintSettings& settings, const Complaint& complaint);
  Store& store_;
  Mailer* mailer_;
  const Clock& clock_;
  MailRateLimiter& public_limiter_;
  std::string reply_to_;
  std::shared_ptr<const keys::LinkSigner> links_;
};

// What a stored copy of a mail shows instead of its secret links.
inline constexpr char kStatusLinkPlaceholder[] = "[status link]";
inline constexpr char kRatingLinkPlaceholder[] = "[rating link]";

std::string_view ToString(NoticeOutcome v);

// `subject` on one line (line breaks become spaces), with "[<reference>] " in
// front unless it already holds "[<reference>]" — how every mail about a
// case is titled, so that replies find their way back (FindComplaintReference).
std::string CaseMailSubject(std::string_view reference, std::string subject);

}  // namespace hearken
