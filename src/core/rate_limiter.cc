#include "core/rate_limiter.h"

#include <algorithm>

namespace hearken {
namespace {
constexpr std::size_t kPruneEvery = 4096;  // calls between sweeps of keys without events
}

RateLimiter::RateLimiter(const Clock& clock, std::size_t max_events, std::chrono::microseconds window)
    : clock_(clock), max_events_(max_events), window_(window) {}

void RateLimiter::Expire(Times& times, TimePoint now) const {
  while (!times.empty() && times.front() + window_ <= now) times.pop_front();
}

Admission RateLimiter::Refusal(const Times& times, TimePoint now) const {
  // The oldest of the last max_events leaves the window first.
  Admission refused;
  refused.next_allowed = times[times.size() - max_events_] + window_;
  refused.retry_after = std::max(std::chrono::ceil<std::chrono::seconds>(refused.next_allowed - now),
                                 std::chrono::seconds(1));
  return refused;
}

void RateLimiter::Housekeep(TimePoint now) {
  if (++calls_since_prune_ < kPruneEvery) return;
  calls_since_prune_ = 0;
  for (auto it = events_.begin(); it != events_.end();) {
    Expire(it->second, now);
    it = it->second.empty() ? events_.erase(it) : std::next(it);
  }
}

Admission RateLimiter::TryAcquire(std::string_view key) {
  const TimePoint now = clock_.Now();
  if (max_events_ == 0) return {true, now, std::chrono::seconds(0)};
  std::lock_guard lock(mutex_);
  Housekeep(now);
  Times& times = events_[std::string(key)];
  Expire(times, now);
  if (times.size() >= max_events_) return Refusal(times, now);
  times.push_back(now);
  return {true, now, std::chrono::seconds(0)};
}

std::chrono::seconds RateLimiter::RetryAfter(std::string_view key) {
  if (max_events_ == 0) return std::chrono::seconds(0);
  const TimePoint now = clock_.Now();
  std::lock_guard lock(mutex_);
  auto it = events_.find(std::string(key));
  if (it == events_.end()) return std::chrono::seconds(0);
  Expire(it->second, now);
  if (it->second.size() < max_events_) return std::chrono::seconds(0);
  return Refusal(it->second, now).retry_after;
}

void RateLimiter::Record(std::string_view key) {
  if (max_events_ == 0) return;
  const TimePoint now = clock_.Now();
  std::lock_guard lock(mutex_);
  Housekeep(now);
  Times& times = events_[std::string(key)];
  Expire(times, now);
  times.push_back(now);
  // More than max_events times are never needed to answer.
  while (times.size() > max_events_) times.pop_front();
}

void RateLimiter::Forget(std::string_view key) {
  std::lock_guard lock(mutex_);
  events_.erase(std::string(key));
}

std::size_t RateLimiter::CountInWindow(std::string_view key) const {
  const TimePoint now = clock_.Now();
  std::lock_guard lock(mutex_);
  auto it = events_.find(std::string(key));
  if (it == events_.end()) return 0;
  return static_cast<std::size_t>(
      std::count_if(it->second.begin(), it->second.end(), [&](TimePoint t) { return t + window_ > now; }));
}

std::size_t RateLimiter::TrackedKeys() const {
  std::lock_guard lock(mutex_);
  return events_.size();
}

}  // namespace hearken
