// In-memory throttling of sign-in attempts: after `max_failures` failures
// within `window` for one account or one client address, further attempts
// are refused until the oldest failure leaves the window. Time comes from
// the injected Clock. Thread-safe.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <string>

#include "core/clock.h"

namespace hearken::http {

class LoginThrottle {
 public:
  LoginThrottle(const Clock& clock, int max_failures = 10, std::chrono::minutes window = std::chrono::minutes(15));

  // Seconds until `account` (lower-case e-mail) and `address` may try again;
  // zero when they may try now.
  std::chrono::seconds RetryAfter(const std::string& account, const std::string& address);
  void RecordFailure(const std::string& account, const std::string& address);
  // A successful sign-in clears the failures of the account.
  void RecordSuccess(const std::string& account);

 private:
  using Failures = std::deque<TimePoint>;
  void Prune(Failures& failures, TimePoint now) const;
  std::chrono::seconds Wait(Failures& failures, TimePoint now) const;
  void Housekeep(TimePoint now);

  const Clock& clock_;
  const int max_failures_;
  const std::chrono::minutes window_;
  std::mutex mutex_;
  std::map<std::string, Failures> by_account_;
  std::map<std::string, Failures> by_address_;
};

// A token bucket per client address for the API as a whole: `per_minute`
// requests a minute on average, bursts up to `per_minute`. Time comes from
// the injected Clock. Thread-safe.
class RateLimiter {
 public:
  RateLimiter(const Clock& clock, int per_minute);

  // Takes one token for `address`. Returns zero when the request may go on,
  // else the seconds until a token is available (for Retry-After).
  std::chrono::seconds Take(const std::string& address);

 private:
  struct Bucket {
    double tokens = 0;
    TimePoint at{};
  };
  const Clock& clock_;
  const double per_minute_;
  std::mutex mutex_;
  std::map<std::string, Bucket> buckets_;
};

}  // namespace hearken::http
