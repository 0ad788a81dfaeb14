// MailRateLimiter: at most N mails (default 5) per rolling window (default one
// hour) to one mailbox from public actions (complaint form, status page,
// feedback), "whatever is asked" (issue 3), so Hearken cannot be used to flood
// someone's mailbox. The counting is core's RateLimiter; this adapter only
// names the mailbox an address belongs to. Time comes from an injected Clock.
// In-memory, per process: several nodes each keep their own count.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/rate_limiter.h"

namespace hearken {

struct MailRateLimit {
  size_t max_mails = 5;
  std::chrono::microseconds window = std::chrono::hours(1);
};

// The answer of TryAcquire: allowed, or when the next mail will be.
using MailAdmission = Admission;

class MailRateLimiter {
 public:
  // `clock` must outlive the limiter. `limit.max_mails` must be at least 1.
  explicit MailRateLimiter(const Clock& clock, MailRateLimit limit = {});

  // Records one mail to `address` and allows it when fewer than max_mails
  // were allowed to the same mailbox within the window before now; a denied
  // attempt is not counted. Addresses compare ASCII case-insensitively, and
  // a "+tag" subaddress counts for its mailbox ("Ann+1@x.org" is "ann@x.org").
  // Safe from several threads.
  MailAdmission TryAcquire(std::string_view address) { return limiter_.TryAcquire(MailboxKey(address)); }

  // How many mails to the mailbox of `address` count within the window now.
  size_t CountInWindow(std::string_view address) const { return limiter_.CountInWindow(MailboxKey(address)); }

  // How many mailboxes the limiter remembers (memory use; old ones are
  // forgotten every few thousand calls).
  size_t TrackedMailboxes() const { return limiter_.TrackedKeys(); }

  // The key `address` is counted under (lower case, subaddress removed).
  static std::string MailboxKey(std::string_view address);

 private:
  RateLimiter limiter_;
};

}  // namespace hearken
