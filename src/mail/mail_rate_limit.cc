#include "mail/mail_rate_limit.h"

#include <cassert>

#include "core/validation.h"

namespace hearken {
namespace {

// Drops the times that left the window ending at `now`.
void Expire(std::deque<TimePoint>& times, TimePoint now, std::chrono::microseconds window) {
  while (!times.empty() && times.front() + window <= now) times.pop_front();
}

}  // namespace

MailRateLimiter::MailRateLimiter(const Clock& clock, MailRateLimit limit) : clock_(clock), limit_(limit) {
  assert(limit_.max_mails >= 1);
}

std::string MailRateLimiter::MailboxKey(std::string_view address) {
  std::string key = AsciiLower(address);
  size_t at = key.rfind('@');
  if (at == std::string::npos) return key;
  size_t plus = key.find('+');
  if (plus != std::string::npos && plus > 0 && plus < at) key.erase(plus, at - plus);
  return key;
}

MailAdmission MailRateLimiter::TryAcquire(std::string_view address) {
  const TimePoint now = clock_.Now();
  std::string key = MailboxKey(address);
  std::lock_guard lock(mutex_);
  if (++calls_since_prune_ >= 4096) PruneAll(now);
  std::deque<TimePoint>& times = sent_[key];
  Expire(times, now, limit_.window);
  if (times.size() >= limit_.max_mails) {
    // The oldest of the last max_mails leaves the window first.
    return {false, times[times.size() - limit_.max_mails] + limit_.window};
  }
  times.push_back(now);
  return {true, now};
}

size_t MailRateLimiter::CountInWindow(std::string_view address) const {
  const TimePoint now = clock_.Now();
  std::string key = MailboxKey(address);
  std::lock_guard lock(mutex_);
  auto it = sent_.find(key);
  if (it == sent_.end()) return 0;
  size_t count = 0;
  for (TimePoint t : it->second)
    if (t + limit_.window > now) ++count;
  return count;
}

size_t MailRateLimiter::TrackedMailboxes() const {
  std::lock_guard lock(mutex_);
  return sent_.size();
}

void MailRateLimiter::PruneAll(TimePoint now) {
  calls_since_prune_ = 0;
  for (auto it = sent_.begin(); it != sent_.end();) {
    Expire(it->second, now, limit_.window);
    it = it->second.empty() ? sent_.erase(it) : std::next(it);
  }
}

}  // namespace hearken
