// Time sources. Nothing in Hearken reads the system clock directly: a `Clock`
// is passed in, the real one by `app`, a `ManualClock` by tests, so that
// timeouts, SLAs and throttles can be tested without waiting.
#pragma once

#include <atomic>
#include <chrono>

namespace hearken {

using TimePoint = std::chrono::time_point<std::chrono::system_clock, std::chrono::microseconds>;

class Clock {
 public:
  virtual ~Clock() = default;
  // The current UTC time, microsecond precision.
  virtual TimePoint Now() const = 0;
};

// The wall clock.
class SystemClock final : public Clock {
 public:
  TimePoint Now() const override {
    return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
  }
};

// A clock that moves only when told to; safe to read from several threads.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start) : now_(start.time_since_epoch().count()) {}
  TimePoint Now() const override { return TimePoint(std::chrono::microseconds(now_.load())); }
  void Advance(std::chrono::microseconds by) { now_ += by.count(); }
  void Set(TimePoint to) { now_ = to.time_since_epoch().count(); }

 private:
  std::atomic<long long> now_;
};

}  // namespace hearken
