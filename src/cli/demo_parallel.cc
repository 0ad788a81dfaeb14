// Concurrent independent writes for the demo seed (see demo_parallel.h).
#include "cli/demo_parallel.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace hearken {

Status ForEachConcurrently(size_t count, const std::function<Status(size_t)>& work, size_t threads) {
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex mutex;
  std::optional<std::pair<size_t, Error>> first_error;
  auto run = [&] {
    for (size_t i = next++; i < count && !failed; i = next++) {
      Status s = work(i);
      if (s.ok()) continue;
      failed = true;
      std::lock_guard lock(mutex);
      if (!first_error || i < first_error->first) first_error.emplace(i, s.error());
    }
  };
  std::vector<std::thread> pool;
  const size_t n = std::max<size_t>(1, std::min(threads, count));
  for (size_t t = 0; t < n; ++t) pool.emplace_back(run);
  for (auto& thread : pool) thread.join();
  if (first_error) return first_error->second;
  return Status::Ok();
}

}  // namespace hearken
