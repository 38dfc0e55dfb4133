#include "services/yielding_lock.h"

namespace cfnlocal::services {

namespace {
thread_local YieldingLock *held = nullptr;
} // namespace

void YieldingLock::lock() {
  mutex_.lock();
  held = this;
}

void YieldingLock::unlock() {
  held = nullptr;
  mutex_.unlock();
}

YieldingLock *YieldingLock::held_by_this_thread() { return held; }

} // namespace cfnlocal::services
