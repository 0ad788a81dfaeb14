// The bounded worker pool of the HTTP server: request handlers (store calls,
// argon2id hashing) run here, never on an I/O thread. The queue has a
// capacity; a task that is still queued when its submitter gives up (queue
// deadline passed, client gone) is abandoned and never runs, so overload
// sheds work instead of piling it up.
//
// Use: auto task = std::make_shared<WorkerTask>(fn); pool.Submit(task);
// later task->Abandon() returns true when the task had not started (it will
// not run), false when it is running or done (it runs to its end).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace hearken::http {

class WorkerTask {
 public:
  explicit WorkerTask(std::function<void()> run) : run_(std::move(run)) {}

  // True when the task had not started: it will never run. Thread-safe.
  bool Abandon() {
    int expected = kQueued;
    return state_.compare_exchange_strong(expected, kAbandoned);
  }
  bool started() const { return state_.load() != kQueued && state_.load() != kAbandoned; }

 private:
  friend class WorkerPool;
  enum : int { kQueued, kRunning, kDone, kAbandoned };
  // Runs the task unless it was abandoned.
  void RunIfWanted() {
    int expected = kQueued;
    if (!state_.compare_exchange_strong(expected, kRunning)) return;
    run_();
    state_.store(kDone);
  }
  std::function<void()> run_;
  std::atomic<int> state_{kQueued};
};

class WorkerPool {
 public:
  // The workers' nice value, above the I/O threads' (0).
  static constexpr int kWorkerNice = 10;
  // `threads` >= 1 workers; at most `max_queued` tasks wait (0: no bound).
  WorkerPool(int threads, std::size_t max_queued);
  ~WorkerPool();  // runs no further tasks; joins the workers
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `task`; false when the queue is full or the pool is stopping
  // (the task will not run: answer 503).
  bool Submit(std::shared_ptr<WorkerTask> task);

  // Tasks waiting now (abandoned ones included until a worker drops them).
  std::size_t Queued() const;
  // Tasks running now.
  int Busy() const { return busy_.load(); }

 private:
  void Work();

  const std::size_t max_queued_;
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<std::shared_ptr<WorkerTask>> queue_;
  bool stopping_ = false;
  std::atomic<int> busy_{0};
  std::vector<std::thread> threads_;
};

}  // namespace hearken::http
