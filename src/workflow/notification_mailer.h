// The e-mail side of staff notifications (issue 7): each run sends every
// person the notices waiting for them as ONE mail — the digest — instead of
// one mail per case (the first quality manager of a busy organisation got 36
// separate SLA mails before). A digest of one notice reads like that notice
// ("[C-2026-000123] SLA breached: acknowledge was due …"); of several, it
// lists them, each with its link. A failed mail leaves that person's notices
// queued for the next run (nobody else is mailed again); a person without an
// address, or disabled, is given up on (the notices stay in the inbox).
// Staff mail is not rate-limited. Without a mailer or a sender (mail_from)
// nothing is sent and the notices wait.
#pragma once

#include <string>

#include "core/result.h"
#include "mail/mailer.h"
#include "store/store.h"

namespace hearken {

struct DigestReport {
  int mails_sent = 0;     // digests the server accepted
  int notices_mailed = 0; // notices in them
  int failures = 0;       // digests that failed (retried next run)
  int given_up = 0;       // people without an address or disabled
  std::string skipped;    // why nothing was sent ("no mail server configured", …), or empty
};

class NotificationMailer {
 public:
  // `mailer` may be null. References must outlive this object.
  NotificationMailer(Store& store, Mailer* mailer);

  // Sends the waiting digests (up to 500 people per call).
  Result<DigestReport> SendPending();

 private:
  Store& store_;
  Mailer* mailer_;
};

}  // namespace hearken
