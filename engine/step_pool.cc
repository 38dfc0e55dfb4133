#include "engine/step_pool.h"

namespace cfnlocal::engine {

StepPool::StepPool(services::YieldingLock *lock) : lock_(lock) {
  if (lock_ && services::YieldingLock::held_by_this_thread() != lock_) {
    lock_->lock();
    took_lock_ = true;
  }
}

StepPool::~StepPool() {
  if (lock_) {
    // The workers need the lock to finish; the caller holds it.
    while (!threads_.empty()) {
      changed_.wait_for(*lock_, std::chrono::milliseconds(100));
      join_done();
    }
    if (took_lock_)
      lock_->unlock();
  }
}

void StepPool::start(const std::string &logical_id, std::function<bool()> step) {
  if (!lock_) {
    done_.emplace_back(logical_id, step());
    return;
  }
  threads_.emplace(logical_id, std::thread([this, logical_id, step = std::move(step)] {
                     std::lock_guard hold(*lock_);
                     bool ok = false;
                     try {
                       ok = step();
                     } catch (...) {
                       if (!error_)
                         error_ = std::current_exception();
                     }
                     done_.emplace_back(logical_id, ok);
                     changed_.notify_all();
                   }));
}

void StepPool::join_done() {
  for (const auto &[id, ok] : done_)
    if (auto it = threads_.find(id); it != threads_.end()) {
      it->second.join(); // it has finished its step; only its return is left
      threads_.erase(it);
    }
}

std::vector<StepPool::Finished> StepPool::finished() {
  join_done();
  return std::exchange(done_, {});
}

std::vector<StepPool::Finished> StepPool::wait(std::chrono::milliseconds timeout) {
  if (lock_ && done_.empty() && !threads_.empty())
    changed_.wait_for(*lock_, timeout);
  auto out = finished();
  if (error_ && threads_.empty())
    std::rethrow_exception(std::exchange(error_, nullptr));
  return out;
}

} // namespace cfnlocal::engine
