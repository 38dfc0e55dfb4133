#pragma once
/// \file
/// Runs the resource steps the schedule starts. Without a lock (the embedded services: one
/// SQLite writer, nothing to overlap) a step runs at once on the calling thread. With one (an
/// endpoint backend) each step runs on its own thread holding the YieldingLock, which it lets
/// go while it waits for the service, so the handlers of independent resources overlap as
/// CloudFormation's do ("independent resources are created in parallel", AWS CloudFormation
/// User Guide, DependsOn attribute).

#include "services/yielding_lock.h"

#include <chrono>
#include <condition_variable>
#include <exception>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace cfnlocal::engine {

class StepPool {
public:
  /// A step's outcome: its logical ID and whether it succeeded.
  using Finished = std::pair<std::string, bool>;

  /// `lock` null: sequential. Otherwise the calling thread must hold it (or will take it: the
  /// pool takes it for the calling thread when it does not hold it yet, and gives it back at the
  /// end).
  explicit StepPool(services::YieldingLock *lock);
  /// Waits for the steps still running (after an exception in the caller).
  ~StepPool();
  StepPool(const StepPool &) = delete;
  StepPool &operator=(const StepPool &) = delete;

  bool concurrent() const { return lock_ != nullptr; }
  /// Starts `step` for `logical_id` (sequential: runs it now; its exceptions propagate).
  void start(const std::string &logical_id, std::function<bool()> step);
  /// Steps that finished since the last call, without waiting.
  std::vector<Finished> finished();
  /// Waits up to `timeout` for a step to finish (the lock released meanwhile) and returns the
  /// finished ones. A step that threw counts as failed; its exception is rethrown here once no
  /// step runs any more.
  std::vector<Finished> wait(std::chrono::milliseconds timeout);
  size_t running() const { return threads_.size(); }

private:
  void join_done();
  services::YieldingLock *lock_;
  bool took_lock_ = false;
  std::condition_variable_any changed_;
  std::vector<Finished> done_;
  std::map<std::string, std::thread> threads_;
  std::exception_ptr error_;
};

} // namespace cfnlocal::engine
