#include "http/worker_pool.h"

#include <cerrno>

#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace hearken::http {

WorkerPool::WorkerPool(int threads, std::size_t max_queued) : max_queued_(max_queued) {
  if (threads < 1) threads = 1;
  threads_.reserve(static_cast<std::size_t>(threads));
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Work(); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    for (auto& task : queue_) task->Abandon();
    queue_.clear();
  }
  cv_.notify_all();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
}

bool WorkerPool::Submit(std::shared_ptr<WorkerTask> task) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return false;
    if (max_queued_ > 0 && queue_.size() >= max_queued_) {
      // Abandoned tasks at the front take no room.
      while (!queue_.empty() && queue_.front()->state_.load() == WorkerTask::kAbandoned) queue_.pop_front();
      if (queue_.size() >= max_queued_) return false;
    }
    queue_.push_back(std::move(task));
  }
  cv_.notify_one();
  return true;
}

std::size_t WorkerPool::Queued() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

void WorkerPool::Work() {
  // Workers yield to the I/O threads: when handlers use every core, the I/O
  // threads still parse, shed and answer /healthz at once (a nice value is
  // per thread on Linux). Workers still take all the CPU nobody else wants.
  // A process started nicer than that (a test run, a batch host) keeps its value.
  const auto self = static_cast<id_t>(syscall(SYS_gettid));
  errno = 0;
  const int inherited = getpriority(PRIO_PROCESS, self);
  if (errno == 0 && inherited < kWorkerNice && setpriority(PRIO_PROCESS, self, kWorkerNice) != 0)
    spdlog::debug("worker priority unchanged");
  for (;;) {
    std::shared_ptr<WorkerTask> task;
    {
      std::unique_lock lock(mutex_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    busy_.fetch_add(1);
    try {
      task->RunIfWanted();
    } catch (const std::exception& e) {
      spdlog::error("worker task threw: {}", e.what());
    } catch (...) {
      spdlog::error("worker task threw");
    }
    busy_.fetch_sub(1);
  }
}

}  // namespace hearken::http
