// E-mail intake of complaints (issue 3, "Intake / E-mail"): each unseen
// message of the intake mailbox becomes either a new complaint or a message
// on an existing case, and is marked \Seen only after that is committed
// (ImapMailbox's PollOnce), so nothing is lost to a crash or a failing
// database — the message is simply read again by the next poll.
//
// For each unseen message:
// - Automatic mail is ignored and marked seen without filing anything:
//   "Auto-Submitted" other than "no" (RFC 3834: out-of-office replies,
//   bounces' auto-replies) or "Precedence: bulk / list / junk / auto_reply".
//   Out-of-office answers to our own acknowledgements therefore never open
//   cases nor pile up on them.
// - A subject naming an existing case ("Re: [C-2026-000123] ...",
//   FindComplaintReference) adds the text (without the quoted history at
//   its end) to the case (author = the sender, mail_message_id = the
//   Message-ID) with its attachments. References are sequential and
//   guessable, so the subject alone proves nothing: only when the sender is
//   the complaint's contact address (IsComplainantAddress) is it a
//   from_complainant message, and a case waiting on the complainant resumes
//   where it paused ("complainant replied by e-mail"). From anyone else it
//   is an unverified_mail message: staff see it, marked as such; it is not
//   on the status page, resumes no clock and counts as no reply.
// - Anything else files a new complaint (intake and channel e-mail; summary
//   the subject or "(no subject)"; description the text part; the sender as
//   contact, consent to be contacted given by writing to us;
//   source_message_id the Message-ID) with its attachments, and the
//   notifier acknowledges it (rate-limited like every public action).
// Re-reading a message that was committed but not marked seen does nothing
// twice: the Message-ID is unique per complaint and per case message.
// Attachments whose type is refused (SniffContentType) are left out and
// named in the text instead.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "workflow/complaint_notifier.h"
#include "mail/imap_mailbox.h"
#include "mail/inbound_message.h"
#include "store/store.h"

namespace hearken {

// What one intake poll did.
struct IntakeReport {
  PollReport poll;              // UIDs committed (and seen) or left unseen with their error
  int complaints_filed = 0;     // new complaints
  int replies_added = 0;        // the complainant's replies added to existing cases
  int unverified_kept = 0;      // mail naming a case from another sender, kept as unverified
  int already_done = 0;         // Message-ID already filed or added: only marked seen
  int auto_replies_ignored = 0; // automatic mail marked seen without filing
};

// Files one parsed message as described above. OK means "done, mark it
// seen" (also for ignored and already-handled messages). Errors: those of
// the store, which leave the message unseen for the next poll. A failed
// acknowledgement of a filed complaint is logged, not returned (the
// complaint is committed).
Status FileInboundMessage(const InboundMessage& message, Store& store, ComplaintNotifier& notifier,
                          const Clock& clock, IntakeReport& report);

// One poll of `mailbox`: every unseen message through FileInboundMessage.
// Per-message failures are in the report (those messages stay unseen).
// Errors: those of listing the mailbox (Unavailable, Internal).
Result<IntakeReport> PollIntakeOnce(ImapMailbox& mailbox, Store& store, ComplaintNotifier& notifier,
                                    const Clock& clock);

// True for automatic mail (see above) that intake ignores.
bool IsAutomaticMail(const InboundMessage& message);

// `address` trimmed of blanks and angle brackets, lower-case.
std::string NormaliseMailAddress(std::string_view address);

// True when `sender` is the complaint's contact address (both normalised);
// false when the complaint has none.
bool IsComplainantAddress(std::string_view sender, const Complaint& complaint);

}  // namespace hearken
