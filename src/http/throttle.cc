#include "http/throttle.h"

namespace hearken::http {

namespace {
constexpr size_t kHousekeepAbove = 10000;  // keys kept before expired ones are swept
}

LoginThrottle::LoginThrottle(const Clock& clock, int max_failures, std::chrono::minutes window)
    : clock_(clock), max_failures_(max_failures), window_(window) {}

void LoginThrottle::Prune(Failures& failures, TimePoint now) const {
  while (!failures.empty() && failures.front() + window_ <= now) failures.pop_front();
}

std::chrono::seconds LoginThrottle::Wait(Failures& failures, TimePoint now) const {
  Prune(failures, now);
  if (static_cast<int>(failures.size()) < max_failures_) return std::chrono::seconds(0);
  // Allowed again once enough of the oldest failures have left the window.
  TimePoint free_at = failures[failures.size() - max_failures_] + window_;
  auto wait = std::chrono::ceil<std::chrono::seconds>(free_at - now);
  return wait.count() < 1 ? std::chrono::seconds(1) : wait;
}

std::chrono::seconds LoginThrottle::RetryAfter(const std::string& account, const std::string& address) {
  std::lock_guard lock(mutex_);
  const TimePoint now = clock_.Now();
  std::chrono::seconds wait(0);
  if (auto it = by_account_.find(account); it != by_account_.end()) wait = std::max(wait, Wait(it->second, now));
  if (auto it = by_address_.find(address); it != by_address_.end()) wait = std::max(wait, Wait(it->second, now));
  return wait;
}

void LoginThrottle::RecordFailure(const std::string& account, const std::string& address) {
  std::lock_guard lock(mutex_);
  const TimePoint now = clock_.Now();
  Housekeep(now);
  by_account_[account].push_back(now);
  by_address_[address].push_back(now);
}

void LoginThrottle::RecordSuccess(const std::string& account) {
  std::lock_guard lock(mutex_);
  by_account_.erase(account);
}

void LoginThrottle::Housekeep(TimePoint now) {
  for (auto* table : {&by_account_, &by_address_}) {
    if (table->size() < kHousekeepAbove) continue;
    for (auto it = table->begin(); it != table->end();) {
      Prune(it->second, now);
      it = it->second.empty() ? table->erase(it) : std::next(it);
    }
  }
}

RateLimiter::RateLimiter(const Clock& clock, int per_minute) : clock_(clock), per_minute_(per_minute) {}

std::chrono::seconds RateLimiter::Take(const std::string& address) {
  std::lock_guard lock(mutex_);
  const TimePoint now = clock_.Now();
  if (buckets_.size() > kHousekeepAbove) {
    // Full buckets carry no information: drop them.
    for (auto it = buckets_.begin(); it != buckets_.end();) {
      const double minutes = std::chrono::duration<double, std::ratio<60>>(now - it->second.at).count();
      it = it->second.tokens + minutes * per_minute_ >= per_minute_ ? buckets_.erase(it) : std::next(it);
    }
  }
  auto [it, fresh] = buckets_.try_emplace(address, Bucket{per_minute_, now});
  Bucket& b = it->second;
  if (!fresh) {
    const double minutes = std::chrono::duration<double, std::ratio<60>>(now - b.at).count();
    b.tokens = std::min(per_minute_, b.tokens + std::max(0.0, minutes) * per_minute_);
    b.at = now;
  }
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return std::chrono::seconds(0);
  }
  const double wait_seconds = (1.0 - b.tokens) / per_minute_ * 60.0;
  return std::chrono::seconds(static_cast<long long>(wait_seconds) + 1);
}

}  // namespace hearken::http
