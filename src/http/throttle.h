// Sign-in throttling that cannot lock a real user out: failures count per
// (account, client address) and per client address, each in a rolling
// window (core's RateLimiter). Failures from one address never block the
// account from another address. Time comes from the injected Clock.
// Thread-safe.
#pragma once

#include <chrono>
#include <string>

#include "core/clock.h"
#include "core/rate_limiter.h"

namespace hearken::http {

struct SignInLimits {
  int failures_per_account_address = 10;  // for one account from one address
  int failures_per_address = 10;          // for any accounts from one address
  std::chrono::minutes window{15};
};

class LoginThrottle {
 public:
  explicit LoginThrottle(const Clock& clock, SignInLimits limits = {});

  // Seconds until `account` (lower-case e-mail) may try again from
  // `address`; zero when it may try now.
  std::chrono::seconds RetryAfter(const std::string& account, const std::string& address);
  void RecordFailure(const std::string& account, const std::string& address);
  // A successful sign-in clears the failures of the account from `address`.
  void RecordSuccess(const std::string& account, const std::string& address);

 private:
  static std::string PairKey(const std::string& account, const std::string& address);
  RateLimiter by_pair_;
  RateLimiter by_address_;
};

}  // namespace hearken::http
