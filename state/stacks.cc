// Store: the stacks table.
#include "state/codec.h"
#include "state/store.h"

namespace cfnlocal::state {

namespace {
constexpr const char *kColumns =
    "stack_id, name, status, status_reason, description, creation_time, last_updated_time, "
    "deletion_time, parameters, capabilities, tags, notification_arns, role_arn, "
    "timeout_in_minutes, disable_rollback, termination_protection, outputs, template_body, "
    "processed_template, previous_template_body, previous_processed_template, "
    "previous_parameters, parent_id, root_id, extra";

StackRecord read_stack(const Stmt &s) {
  StackRecord r;
  r.stack_id = s.text(0);
  r.name = s.text(1);
  r.status = s.text(2);
  r.status_reason = s.text(3);
  r.description = s.text(4);
  r.creation_time = s.text(5);
  r.last_updated_time = s.text(6);
  r.deletion_time = s.text(7);
  r.parameters = codec::decode_parameters(s.text(8));
  r.capabilities = codec::decode_strings(s.text(9));
  r.tags = codec::decode_tags(s.text(10));
  r.notification_arns = codec::decode_strings(s.text(11));
  r.role_arn = s.text(12);
  if (!s.is_null(13))
    r.timeout_in_minutes = static_cast<int>(s.integer(13));
  r.disable_rollback = s.integer(14) != 0;
  r.termination_protection = s.integer(15) != 0;
  r.outputs = codec::decode_outputs(s.text(16));
  r.template_body = s.text(17);
  r.processed_template = s.text(18);
  r.previous_template_body = s.text(19);
  r.previous_processed_template = s.text(20);
  r.previous_parameters = codec::decode_parameters(s.text(21));
  r.parent_id = s.text(22);
  r.root_id = s.text(23);
  r.extra = codec::decode_json(s.text(24));
  return r;
}

std::string select_stacks(const char *where) {
  return std::string("SELECT ") + kColumns + " FROM stacks " + where;
}
} // namespace

void Store::put_stack(const StackRecord &r) {
  std::lock_guard lock(mutex_);
  static const std::string text =
      std::string("INSERT INTO stacks(") + kColumns +
      ", seq) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
      "(SELECT IFNULL(MAX(seq),0)+1 FROM stacks)) ON CONFLICT(stack_id) DO UPDATE SET "
      "name=excluded.name, status=excluded.status, status_reason=excluded.status_reason, "
      "description=excluded.description, creation_time=excluded.creation_time, "
      "last_updated_time=excluded.last_updated_time, deletion_time=excluded.deletion_time, "
      "parameters=excluded.parameters, capabilities=excluded.capabilities, tags=excluded.tags, "
      "notification_arns=excluded.notification_arns, role_arn=excluded.role_arn, "
      "timeout_in_minutes=excluded.timeout_in_minutes, "
      "disable_rollback=excluded.disable_rollback, "
      "termination_protection=excluded.termination_protection, outputs=excluded.outputs, "
      "template_body=excluded.template_body, processed_template=excluded.processed_template, "
      "previous_template_body=excluded.previous_template_body, "
      "previous_processed_template=excluded.previous_processed_template, "
      "previous_parameters=excluded.previous_parameters, parent_id=excluded.parent_id, "
      "root_id=excluded.root_id, extra=excluded.extra";
  auto &s = sql(text);
  s.bind(1, r.stack_id)
      .bind(2, r.name)
      .bind(3, r.status)
      .bind(4, r.status_reason)
      .bind(5, r.description)
      .bind(6, r.creation_time)
      .bind(7, r.last_updated_time)
      .bind(8, r.deletion_time)
      .bind(9, codec::encode(r.parameters))
      .bind(10, codec::encode(r.capabilities))
      .bind(11, codec::encode(r.tags))
      .bind(12, codec::encode(r.notification_arns))
      .bind(13, r.role_arn);
  if (r.timeout_in_minutes)
    s.bind(14, *r.timeout_in_minutes);
  else
    s.bind_null(14);
  s.bind(15, r.disable_rollback)
      .bind(16, r.termination_protection)
      .bind(17, codec::encode(r.outputs))
      .bind(18, r.template_body)
      .bind(19, r.processed_template)
      .bind(20, r.previous_template_body)
      .bind(21, r.previous_processed_template)
      .bind(22, codec::encode(r.previous_parameters))
      .bind(23, r.parent_id)
      .bind(24, r.root_id)
      .bind(25, r.extra.dump())
      .run();
}

void Store::set_stack_status(std::string_view stack_id, std::string_view status,
                             std::string_view reason, std::string_view last_updated_time) {
  std::lock_guard lock(mutex_);
  sql("UPDATE stacks SET status=?, status_reason=?, last_updated_time=CASE WHEN ?='' THEN "
      "last_updated_time ELSE ? END WHERE stack_id=?")
      .bind(1, status)
      .bind(2, reason)
      .bind(3, last_updated_time)
      .bind(4, last_updated_time)
      .bind(5, stack_id)
      .run();
}

std::optional<StackRecord> Store::find_stack(std::string_view name_or_id) const {
  std::lock_guard lock(mutex_);
  static const std::string by_id = select_stacks("WHERE stack_id=?");
  static const std::string by_name =
      select_stacks("WHERE name=? AND status<>'DELETE_COMPLETE' ORDER BY seq DESC LIMIT 1");
  auto &s = sql(name_or_id.starts_with("arn:") ? by_id : by_name).bind(1, name_or_id);
  ResetOnExit guard{s};
  if (!s.step())
    return std::nullopt;
  return read_stack(s);
}

std::vector<StackRecord> Store::list_stacks(bool include_deleted) const {
  std::lock_guard lock(mutex_);
  static const std::string all = select_stacks("ORDER BY seq DESC");
  static const std::string live =
      select_stacks("WHERE status<>'DELETE_COMPLETE' ORDER BY seq DESC");
  auto &s = sql(include_deleted ? all : live);
  ResetOnExit guard{s};
  std::vector<StackRecord> out;
  while (s.step())
    out.push_back(read_stack(s));
  return out;
}

void Store::purge_stack(std::string_view stack_id) {
  auto tx = transaction();
  for (const char *text :
       {"DELETE FROM stack_resources WHERE stack_id=?", "DELETE FROM stack_events WHERE stack_id=?",
        "DELETE FROM exports WHERE exporting_stack_id=?",
        "DELETE FROM imports WHERE importing_stack_id=?",
        "DELETE FROM change_sets WHERE stack_id=?", "DELETE FROM resource_signals WHERE stack_id=?",
        "DELETE FROM stacks WHERE stack_id=?"})
    sql(text).bind(1, stack_id).run();
  tx.commit();
}

} // namespace cfnlocal::state
