// The mails of survey invitations (issue 8, "Distribution"): works through
// the store's queue of invitation and reminder mails that are due, each
// prepared by the store under the contact rules as they are at that moment
// (consent withdrawn → cancelled; quiet hours → later), with a fresh random
// link token (24 bytes, 192 bits, base64url) of which the store keeps only
// the hash: the raw token exists only in the mail, as
// `public_base_url/s/<slug>?t=<token>` and the opt-out link
// `public_base_url/s/<slug>/opt-out?t=<token>`. Rendered from the survey's
// templates, sent through the Mailer with the sender of the complaint
// settings (mail_from), each address within the MailRateLimiter. A
// permanent refusal (an invalid address, a 5xx reply) marks the invitation
// bounced; a temporary one (server unreachable, 4xx) retries with backoff,
// bounced after kMaxAttempts. Run by the background job ("survey-invitations",
// one node at a time) and right after staff create invitations.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "mail/mail_rate_limit.h"
#include "mail/mailer.h"
#include "store/store.h"

namespace hearken {

struct InvitationSendReport {
  int sent = 0;
  int bounced = 0;
  int retried = 0;
  int skipped = 0;  // cancelled, deferred to the end of the quiet hours, or done with
};

class SurveyInvitationSender {
 public:
  static constexpr int kMaxAttempts = 6;
  // `mailer` may be null (no mail configured: due mails wait). All
  // references must outlive the sender. Thread-safe; one run at a time per
  // process (a second caller waits for the first), one node at a time.
  SurveyInvitationSender(Store& store, Mailer* mailer, const Clock& clock, MailRateLimiter& limiter);

  // Sends the mails due now, at most `limit`. Errors: those of the store
  // when the queue cannot be read; a failure of one mail is in the report.
  Result<InvitationSendReport> SendDueOnce(int limit = 200);

  // The raw link token of a new mail (what follows "?t=").
  static std::string NewToken();

 private:
  // SendDueOnce under the store's job lock "survey-invitations".
  Result<InvitationSendReport> SendLocked(int limit);
  Store& store_;
  Mailer* mailer_;
  const Clock& clock_;
  MailRateLimiter& limiter_;
  std::mutex running_;
};

}  // namespace hearken
