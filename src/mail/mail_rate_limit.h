// MailRateLimiter: at most N mails (default 5) per rolling window (default one
// hour) to one address from public actions (complaint form, status page,
// feedback), "whatever is asked" (issue 3), so Hearken cannot be used to flood
// someone's mailbox. Time comes from an injected Clock. In-memory, per
// process: several nodes each keep their own count.
#pragma once

#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.h"

namespace hearken {

struct MailRateLimit {
  size_t max_mails = 5;
  std::chrono::microseconds window = std::chrono::hours(1);
};

// The answer of TryAcquire: allowed, or when the next mail will be.
struct MailAdmission {
  bool allowed = false;
  TimePoint next_allowed;  // when denied: the first time a mail is allowed again
  explicit operator bool() const { return allowed; }
};

class MailRateLimiter {
 public:
  // `clock` must outlive the limiter. `limit.max_mails` must be at least 1.
  explicit MailRateLimiter(const Clock& clock, MailRateLimit limit = {});

  // Records one mail to `address` and allows it when fewer than max_mails
  // were allowed to the same mailbox within the window before now; a denied
  // attempt is not counted. Addresses compare ASCII case-insensitively, and
  // a "+tag" subaddress counts for its mailbox ("Ann+1@x.org" is "ann@x.org").
  // Safe from several threads.
  MailAdmission TryAcquire(std::string_view address);

  // How many mails to the mailbox of `address` count within the window now.
  size_t CountInWindow(std::string_view address) const;

  // How many mailboxes the limiter remembers (memory use; old ones are
  // forgotten every few thousand calls).
  size_t TrackedMailboxes() const;

  // The key `address` is counted under (lower case, subaddress removed).
  static std::string MailboxKey(std::string_view address);

 private:
  void PruneAll(TimePoint now);

  const Clock& clock_;
  const MailRateLimit limit_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::deque<TimePoint>> sent_;  // times within the window, oldest first
  size_t calls_since_prune_ = 0;
};

}  // namespace hearken
