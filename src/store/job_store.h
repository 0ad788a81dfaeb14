// Coordination of background jobs between nodes: a job runs on one node at a
// time. Part of Store (store.h); the contracts there hold.
#pragma once

#include <functional>
#include <string>

#include "core/result.h"

namespace hearken {

class JobStore {
 public:
  virtual ~JobStore() = default;

  // Runs `job` only if no other process holds the named lock (a PostgreSQL
  // advisory lock; on SQLite an in-process mutex, as SQLite serves one node).
  // Returns false without running it when the lock is taken. An exception
  // thrown by `job` becomes Internal and the lock is released.
  virtual Result<bool> RunExclusive(const std::string& lock_name, const std::function<void()>& job) = 0;
};

}  // namespace hearken
