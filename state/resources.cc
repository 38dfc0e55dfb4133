// Store: the stack_resources table.
#include "state/codec.h"
#include "state/ids.h"
#include "state/store.h"

namespace cfnlocal::state {

namespace {
constexpr const char *kSelect =
    "SELECT stack_id, logical_id, generation, physical_id, type, status, status_reason, "
    "properties, attributes, definition, created_time, last_updated_time FROM stack_resources ";

ResourceRecord read_resource(const Stmt &s) {
  ResourceRecord r;
  r.stack_id = s.text(0);
  r.logical_id = s.text(1);
  r.generation = static_cast<int>(s.integer(2));
  r.physical_id = s.text(3);
  r.type = s.text(4);
  r.status = s.text(5);
  r.status_reason = s.text(6);
  r.properties = codec::decode_json(s.text(7));
  r.attributes = codec::decode_json(s.text(8));
  r.definition = codec::decode_json(s.text(9));
  r.created_time = s.text(10);
  r.last_updated_time = s.text(11);
  return r;
}

std::vector<ResourceRecord> read_all(Stmt &s) {
  ResetOnExit guard{s};
  std::vector<ResourceRecord> out;
  while (s.step())
    out.push_back(read_resource(s));
  return out;
}
} // namespace

void Store::put_resource(const ResourceRecord &r) {
  std::lock_guard lock(mutex_);
  sql("INSERT OR REPLACE INTO stack_resources(stack_id, logical_id, generation, physical_id, "
      "type, status, status_reason, properties, attributes, definition, created_time, "
      "last_updated_time) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")
      .bind(1, r.stack_id)
      .bind(2, r.logical_id)
      .bind(3, r.generation)
      .bind(4, r.physical_id)
      .bind(5, r.type)
      .bind(6, r.status)
      .bind(7, r.status_reason)
      .bind(8, r.properties.dump())
      .bind(9, r.attributes.dump())
      .bind(10, r.definition.dump())
      .bind(11, r.created_time)
      .bind(12, r.last_updated_time)
      .run();
}

void Store::set_resource_status(std::string_view stack_id, std::string_view logical_id,
                                int generation, std::string_view status, std::string_view reason,
                                std::string_view time) {
  std::lock_guard lock(mutex_);
  std::string when = time.empty() ? now_iso8601() : std::string(time);
  sql("UPDATE stack_resources SET status=?, status_reason=?, last_updated_time=? WHERE "
      "stack_id=? AND logical_id=? AND generation=?")
      .bind(1, status)
      .bind(2, reason)
      .bind(3, when)
      .bind(4, stack_id)
      .bind(5, logical_id)
      .bind(6, generation)
      .run();
}

std::optional<ResourceRecord> Store::find_resource(std::string_view stack_id,
                                                   std::string_view logical_id) const {
  std::lock_guard lock(mutex_);
  static const std::string text =
      std::string(kSelect) + "WHERE stack_id=? AND logical_id=? ORDER BY generation DESC LIMIT 1";
  auto &s = sql(text).bind(1, stack_id).bind(2, logical_id);
  ResetOnExit guard{s};
  if (!s.step())
    return std::nullopt;
  return read_resource(s);
}

std::optional<ResourceRecord>
Store::find_resource(std::string_view stack_id, std::string_view logical_id, int generation) const {
  std::lock_guard lock(mutex_);
  static const std::string text =
      std::string(kSelect) + "WHERE stack_id=? AND logical_id=? AND generation=?";
  auto &s = sql(text).bind(1, stack_id).bind(2, logical_id).bind(3, generation);
  ResetOnExit guard{s};
  if (!s.step())
    return std::nullopt;
  return read_resource(s);
}

std::vector<ResourceRecord>
Store::find_resources_by_physical_id(std::string_view physical_id) const {
  std::lock_guard lock(mutex_);
  static const std::string text =
      std::string(kSelect) + "WHERE physical_id=? ORDER BY generation DESC";
  return read_all(sql(text).bind(1, physical_id));
}

std::vector<ResourceRecord> Store::list_resources(std::string_view stack_id) const {
  std::lock_guard lock(mutex_);
  static const std::string text =
      std::string(kSelect) + "WHERE stack_id=? ORDER BY logical_id, generation";
  return read_all(sql(text).bind(1, stack_id));
}

std::vector<ResourceRecord> Store::current_resources(std::string_view stack_id) const {
  std::lock_guard lock(mutex_);
  static const std::string text =
      std::string(kSelect) +
      "AS r WHERE stack_id=?1 AND generation=(SELECT MAX(generation) FROM stack_resources "
      "WHERE stack_id=?1 AND logical_id=r.logical_id) ORDER BY logical_id";
  return read_all(sql(text).bind(1, stack_id));
}

bool Store::delete_resource(std::string_view stack_id, std::string_view logical_id,
                            int generation) {
  std::lock_guard lock(mutex_);
  sql("DELETE FROM stack_resources WHERE stack_id=? AND logical_id=? AND generation=?")
      .bind(1, stack_id)
      .bind(2, logical_id)
      .bind(3, generation)
      .run();
  return sqlite3_changes(db_) > 0;
}

void Store::delete_resources(std::string_view stack_id) {
  std::lock_guard lock(mutex_);
  sql("DELETE FROM stack_resources WHERE stack_id=?").bind(1, stack_id).run();
}

} // namespace cfnlocal::state
