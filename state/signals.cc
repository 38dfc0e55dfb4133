// Store: the resource_signals table.
#include "state/ids.h"
#include "state/store.h"

namespace cfnlocal::state {

bool Store::add_signal(ResourceSignal s) {
  std::lock_guard lock(mutex_);
  if (s.received_time.empty())
    s.received_time = now_iso8601();
  sql("INSERT OR IGNORE INTO resource_signals(stack_id, target, unique_id, status, reason, data, "
      "received_time) VALUES (?,?,?,?,?,?,?)")
      .bind(1, s.stack_id)
      .bind(2, s.target)
      .bind(3, s.unique_id)
      .bind(4, s.status)
      .bind(5, s.reason)
      .bind(6, s.data)
      .bind(7, s.received_time)
      .run();
  return sqlite3_changes(db_) > 0;
}

std::vector<ResourceSignal> Store::signals_for(std::string_view stack_id,
                                               std::string_view target) const {
  std::lock_guard lock(mutex_);
  auto &s = sql("SELECT seq, stack_id, target, unique_id, status, reason, data, received_time "
                "FROM resource_signals WHERE stack_id=? AND target=? ORDER BY seq")
                .bind(1, stack_id)
                .bind(2, target);
  ResetOnExit guard{s};
  std::vector<ResourceSignal> out;
  while (s.step())
    out.push_back(ResourceSignal{s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4),
                                 s.text(5), s.text(6), s.text(7)});
  return out;
}

void Store::delete_signals_before(std::string_view stack_id, std::string_view target,
                                  std::string_view time) {
  std::lock_guard lock(mutex_);
  sql("DELETE FROM resource_signals WHERE stack_id=? AND target=? AND received_time<?")
      .bind(1, stack_id)
      .bind(2, target)
      .bind(3, time)
      .run();
}

} // namespace cfnlocal::state
