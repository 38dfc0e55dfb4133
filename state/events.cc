// Store: the stack_events table.
#include "state/ids.h"
#include "state/store.h"

namespace cfnlocal::state {

int64_t Store::add_event(StackEvent &e) {
  std::lock_guard lock(mutex_);
  if (e.event_id.empty())
    e.event_id = uuid4();
  if (e.timestamp.empty())
    e.timestamp = now_iso8601();
  sql("INSERT INTO stack_events(event_id, stack_id, stack_name, logical_id, physical_id, "
      "resource_type, timestamp, status, status_reason, properties, client_request_token) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?)")
      .bind(1, e.event_id)
      .bind(2, e.stack_id)
      .bind(3, e.stack_name)
      .bind(4, e.logical_id)
      .bind(5, e.physical_id)
      .bind(6, e.resource_type)
      .bind(7, e.timestamp)
      .bind(8, e.status)
      .bind(9, e.status_reason)
      .bind(10, e.properties)
      .bind(11, e.client_request_token)
      .run();
  e.sequence = sqlite3_last_insert_rowid(db_);
  return e.sequence;
}

std::vector<StackEvent> Store::list_events(std::string_view stack_id, bool newest_first,
                                           size_t limit, int64_t after_sequence) const {
  std::lock_guard lock(mutex_);
  constexpr const char *kBase =
      "SELECT seq, event_id, stack_id, stack_name, logical_id, physical_id, resource_type, "
      "timestamp, status, status_reason, properties, client_request_token FROM stack_events "
      "WHERE stack_id=? AND seq>? ORDER BY seq ";
  static const std::string desc = std::string(kBase) + "DESC LIMIT ?";
  static const std::string asc = std::string(kBase) + "ASC LIMIT ?";
  auto &s = sql(newest_first ? desc : asc)
                .bind(1, stack_id)
                .bind(2, after_sequence)
                .bind(3, limit == 0 ? int64_t{-1} : static_cast<int64_t>(limit));
  ResetOnExit guard{s};
  std::vector<StackEvent> out;
  while (s.step()) {
    StackEvent e;
    e.sequence = s.integer(0);
    e.event_id = s.text(1);
    e.stack_id = s.text(2);
    e.stack_name = s.text(3);
    e.logical_id = s.text(4);
    e.physical_id = s.text(5);
    e.resource_type = s.text(6);
    e.timestamp = s.text(7);
    e.status = s.text(8);
    e.status_reason = s.text(9);
    e.properties = s.text(10);
    e.client_request_token = s.text(11);
    out.push_back(std::move(e));
  }
  return out;
}

} // namespace cfnlocal::state
