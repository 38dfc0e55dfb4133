// Store: the change_sets table.
#include "state/codec.h"
#include "state/store.h"

namespace cfnlocal::state {

namespace {
constexpr const char *kSelect =
    "SELECT change_set_id, name, stack_id, stack_name, change_set_type, status, "
    "execution_status, status_reason, creation_time, description, changes, template_body, "
    "parameters, capabilities, tags, extra FROM change_sets ";

ChangeSetRecord read_change_set(const Stmt &s) {
  ChangeSetRecord r;
  r.change_set_id = s.text(0);
  r.name = s.text(1);
  r.stack_id = s.text(2);
  r.stack_name = s.text(3);
  r.change_set_type = s.text(4);
  r.status = s.text(5);
  r.execution_status = s.text(6);
  r.status_reason = s.text(7);
  r.creation_time = s.text(8);
  r.description = s.text(9);
  r.changes = codec::decode_json(s.text(10));
  r.template_body = s.text(11);
  r.parameters = codec::decode_parameters(s.text(12));
  r.capabilities = codec::decode_strings(s.text(13));
  r.tags = codec::decode_tags(s.text(14));
  r.extra = codec::decode_json(s.text(15));
  return r;
}
} // namespace

void Store::put_change_set(const ChangeSetRecord &r) {
  std::lock_guard lock(mutex_);
  sql("INSERT INTO change_sets(change_set_id, name, stack_id, stack_name, change_set_type, "
      "status, execution_status, status_reason, creation_time, description, changes, "
      "template_body, parameters, capabilities, tags, extra, seq) VALUES "
      "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,(SELECT IFNULL(MAX(seq),0)+1 FROM change_sets)) "
      "ON CONFLICT(change_set_id) DO UPDATE SET name=excluded.name, "
      "stack_id=excluded.stack_id, stack_name=excluded.stack_name, "
      "change_set_type=excluded.change_set_type, status=excluded.status, "
      "execution_status=excluded.execution_status, status_reason=excluded.status_reason, "
      "creation_time=excluded.creation_time, description=excluded.description, "
      "changes=excluded.changes, template_body=excluded.template_body, "
      "parameters=excluded.parameters, capabilities=excluded.capabilities, tags=excluded.tags, "
      "extra=excluded.extra")
      .bind(1, r.change_set_id)
      .bind(2, r.name)
      .bind(3, r.stack_id)
      .bind(4, r.stack_name)
      .bind(5, r.change_set_type)
      .bind(6, r.status)
      .bind(7, r.execution_status)
      .bind(8, r.status_reason)
      .bind(9, r.creation_time)
      .bind(10, r.description)
      .bind(11, r.changes.dump())
      .bind(12, r.template_body)
      .bind(13, codec::encode(r.parameters))
      .bind(14, codec::encode(r.capabilities))
      .bind(15, codec::encode(r.tags))
      .bind(16, r.extra.dump())
      .run();
}

std::optional<ChangeSetRecord> Store::find_change_set(std::string_view name_or_id,
                                                      std::string_view stack_name_or_id) const {
  std::lock_guard lock(mutex_);
  if (name_or_id.starts_with("arn:")) {
    static const std::string text = std::string(kSelect) + "WHERE change_set_id=?";
    auto &s = sql(text).bind(1, name_or_id);
    ResetOnExit guard{s};
    if (!s.step())
      return std::nullopt;
    return read_change_set(s);
  }
  std::string stack_id(stack_name_or_id);
  if (!stack_name_or_id.starts_with("arn:")) {
    auto stack = find_stack(stack_name_or_id);
    if (!stack)
      return std::nullopt;
    stack_id = stack->stack_id;
  }
  static const std::string text = std::string(kSelect) + "WHERE stack_id=? AND name=?";
  auto &s = sql(text).bind(1, stack_id).bind(2, name_or_id);
  ResetOnExit guard{s};
  if (!s.step())
    return std::nullopt;
  return read_change_set(s);
}

std::vector<ChangeSetRecord> Store::list_change_sets(std::string_view stack_id) const {
  std::lock_guard lock(mutex_);
  static const std::string text = std::string(kSelect) + "WHERE stack_id=? ORDER BY seq";
  auto &s = sql(text).bind(1, stack_id);
  ResetOnExit guard{s};
  std::vector<ChangeSetRecord> out;
  while (s.step())
    out.push_back(read_change_set(s));
  return out;
}

void Store::set_change_set_status(std::string_view change_set_id, std::string_view status,
                                  std::string_view execution_status, std::string_view reason) {
  std::lock_guard lock(mutex_);
  sql("UPDATE change_sets SET status=?, execution_status=?, status_reason=? WHERE "
      "change_set_id=?")
      .bind(1, status)
      .bind(2, execution_status)
      .bind(3, reason)
      .bind(4, change_set_id)
      .run();
}

void Store::obsolete_change_sets(std::string_view stack_id, std::string_view keep) {
  std::lock_guard lock(mutex_);
  sql("UPDATE change_sets SET execution_status='OBSOLETE' WHERE stack_id=? AND change_set_id<>? "
      "AND execution_status='AVAILABLE'")
      .bind(1, stack_id)
      .bind(2, keep)
      .run();
}

bool Store::delete_change_set(std::string_view change_set_id) {
  std::lock_guard lock(mutex_);
  sql("DELETE FROM change_sets WHERE change_set_id=?").bind(1, change_set_id).run();
  return sqlite3_changes(db_) > 0;
}

} // namespace cfnlocal::state
