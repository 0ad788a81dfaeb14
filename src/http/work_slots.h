// Bounds on work that needs a core and much memory for as long as it runs:
// the complaint analysis holds the facts of every complaint it covers (about
// 100 MB at 1,000,000) and computes on one core; argon2id takes a core and
// 64 MiB. The worker pool has many threads because most of their time is
// spent waiting for the store; without this bound, 64 analyses at once would
// each take 32 times as long on two cores and hold 64 times the memory, and
// a flood of sign-ins left some waiting 10 s for a core. At most `capacity`
// hold a slot at once; a request that cannot have one within the queue
// deadline is answered 503 with Retry-After (like one that waited too long
// for a worker).
#pragma once

#include <atomic>
#include <chrono>
#include <optional>
#include <semaphore>

namespace hearken::http {

class WorkSlots {
 public:
  // `capacity` < 1: one slot per core.
  explicit WorkSlots(int capacity);
  WorkSlots(const WorkSlots&) = delete;
  WorkSlots& operator=(const WorkSlots&) = delete;

  // A held slot, given back when destroyed.
  class Held {
   public:
    explicit Held(WorkSlots* slots) : slots_(slots) {}
    Held(Held&& other) noexcept : slots_(other.slots_) { other.slots_ = nullptr; }
    Held& operator=(Held&&) = delete;
    ~Held();

   private:
    WorkSlots* slots_;
  };

  // A slot, waiting at most `wait` for one; nullopt when none came free.
  std::optional<Held> TryAcquireFor(std::chrono::milliseconds wait);

  int capacity() const { return capacity_; }
  // The most slots held at once since the start.
  int peak() const { return peak_.load(); }

 private:
  int capacity_;
  std::counting_semaphore<4096> free_;
  std::atomic<int> held_{0};
  std::atomic<int> peak_{0};
};

}  // namespace hearken::http
