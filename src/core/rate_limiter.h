// RateLimiter: the one rate limiter of Hearken. At most `max_events` events
// per key within a rolling window (exact: the times of the counted events are
// kept), time from an injected Clock, in memory and per process (several
// nodes each keep their own count). Used for the public complaint routes, the
// API per client address, sign-in failures (http/throttle.h) and public mail
// per mailbox (mail/mail_rate_limit.h). Thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.h"

namespace hearken {

// The answer of TryAcquire: allowed, or when the next event will be.
struct Admission {
  bool allowed = false;
  TimePoint next_allowed;  // when refused: the first time an event is allowed again
  std::chrono::seconds retry_after{0};  // when refused: whole seconds until then, at least 1
  explicit operator bool() const { return allowed; }
};

class RateLimiter {
 public:
  // `clock` must outlive the limiter. `max_events` 0 means no limit.
  RateLimiter(const Clock& clock, std::size_t max_events, std::chrono::microseconds window);

  // Counts one event for `key` and allows it when fewer than max_events were
  // counted within the window before now; a refused attempt is not counted.
  Admission TryAcquire(std::string_view key);

  // Zero when an event for `key` would be allowed now, else the whole
  // seconds (at least 1) until it would be. Counts nothing.
  std::chrono::seconds RetryAfter(std::string_view key);

  // Counts one event for `key` whatever the count (failures, for example).
  void Record(std::string_view key);

  // Forgets the events of `key`.
  void Forget(std::string_view key);

  // Events of `key` within the window now.
  std::size_t CountInWindow(std::string_view key) const;

  // Keys remembered (memory use; keys without events in the window are
  // dropped every few thousand calls).
  std::size_t TrackedKeys() const;

  std::size_t max_events() const { return max_events_; }
  std::chrono::microseconds window() const { return window_; }

 private:
  using Times = std::deque<TimePoint>;
  void Expire(Times& times, TimePoint now) const;
  Admission Refusal(const Times& times, TimePoint now) const;
  void Housekeep(TimePoint now);

  const Clock& clock_;
  const std::size_t max_events_;
  const std::chrono::microseconds window_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Times> events_;  // times within the window, oldest first
  std::size_t calls_since_prune_ = 0;
};

}  // namespace hearken
