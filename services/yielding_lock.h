#pragma once
/// \file
/// The lock concurrent resource steps share. On an endpoint backend (moto, LocalStack, AWS) a
/// resource's handler spends nearly all its time waiting for the service; the engine runs
/// independent resources on threads that each hold this lock while they touch the stack's state
/// and let go of it only while they wait (a network round trip, a polling sleep, a custom
/// resource's response). The engine's and the providers' code thus never runs on two threads at
/// once, yet the waits overlap: a GIL released around blocking I/O.

#include <mutex>
#include <utility>

namespace cfnlocal::services {

/// A BasicLockable mutex that remembers which one this thread holds, so waits deep inside a
/// handler can release it without being handed it.
class YieldingLock {
public:
  void lock();
  void unlock();
  /// The YieldingLock this thread holds, or null (sequential operations, other threads).
  static YieldingLock *held_by_this_thread();

private:
  std::mutex mutex_;
};

/// Runs `wait` without the YieldingLock this thread holds (if any) and takes it back afterwards,
/// also when `wait` throws. Only for waits that touch nothing but their own data and
/// thread-safe services (HTTP clients, the state file's own locking).
template <class Wait> decltype(auto) blocking(Wait &&wait) {
  YieldingLock *lock = YieldingLock::held_by_this_thread();
  if (!lock)
    return std::forward<Wait>(wait)();
  lock->unlock();
  struct Relock {
    YieldingLock *lock;
    ~Relock() { lock->lock(); }
  } relock{lock};
  return std::forward<Wait>(wait)();
}

} // namespace cfnlocal::services
