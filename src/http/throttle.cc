#include "http/throttle.h"

#include <algorithm>

namespace hearken::http {

LoginThrottle::LoginThrottle(const Clock& clock, SignInLimits limits)
    : by_pair_(clock, static_cast<std::size_t>(std::max(0, limits.failures_per_account_address)), limits.window),
      by_address_(clock, static_cast<std::size_t>(std::max(0, limits.failures_per_address)), limits.window) {}

std::string LoginThrottle::PairKey(const std::string& account, const std::string& address) {
  return address + '\n' + account;  // neither contains a newline (addresses are IPs)
}

std::chrono::seconds LoginThrottle::RetryAfter(const std::string& account, const std::string& address) {
  return std::max(by_pair_.RetryAfter(PairKey(account, address)), by_address_.RetryAfter(address));
}

void LoginThrottle::RecordFailure(const std::string& account, const std::string& address) {
  by_pair_.Record(PairKey(account, address));
  by_address_.Record(address);
}

void LoginThrottle::RecordSuccess(const std::string& account, const std::string& address) {
  by_pair_.Forget(PairKey(account, address));
}

}  // namespace hearken::http
