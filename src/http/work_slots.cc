#include "http/work_slots.h"

#include <algorithm>
#include <thread>

namespace hearken::http {
namespace {

int CapacityFor(int requested) {
  if (requested >= 1) return std::min(requested, 4096);
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

}  // namespace

WorkSlots::WorkSlots(int capacity) : capacity_(CapacityFor(capacity)), free_(capacity_) {}

WorkSlots::Held::~Held() {
  if (!slots_) return;
  slots_->held_.fetch_sub(1);
  slots_->free_.release();
}

std::optional<WorkSlots::Held> WorkSlots::TryAcquireFor(std::chrono::milliseconds wait) {
  if (!free_.try_acquire_for(wait)) return std::nullopt;
  const int now = held_.fetch_add(1) + 1;
  int peak = peak_.load();
  while (now > peak && !peak_.compare_exchange_weak(peak, now)) {
  }
  return Held(this);
}

}  // namespace hearken::http
