#include "mail/mail_rate_limit.h"

#include <cassert>

#include "core/validation.h"

namespace hearken {

MailRateLimiter::MailRateLimiter(const Clock& clock, MailRateLimit limit)
    : limiter_(clock, limit.max_mails, limit.window) {
  assert(limit.max_mails >= 1);
}

std::string MailRateLimiter::MailboxKey(std::string_view address) {
  std::string key = AsciiLower(address);
  size_t at = key.rfind('@');
  if (at == std::string::npos) return key;
  size_t plus = key.find('+');
  if (plus != std::string::npos && plus > 0 && plus < at) key.erase(plus, at - plus);
  return key;
}

}  // namespace hearken
