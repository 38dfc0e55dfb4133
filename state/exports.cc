// Store: the exports and imports tables.
#include "state/store.h"

namespace cfnlocal::state {

namespace {
constexpr const char *kSelect = "SELECT name, value, exporting_stack_id, output_key FROM exports ";

ExportRecord read_export(const Stmt &s) { return {s.text(0), s.text(1), s.text(2), s.text(3)}; }
} // namespace

void Store::put_export(const ExportRecord &r) {
  std::lock_guard lock(mutex_);
  sql("INSERT OR REPLACE INTO exports(name, value, exporting_stack_id, output_key) VALUES "
      "(?,?,?,?)")
      .bind(1, r.name)
      .bind(2, r.value)
      .bind(3, r.exporting_stack_id)
      .bind(4, r.output_key)
      .run();
}

std::optional<ExportRecord> Store::find_export(std::string_view name) const {
  std::lock_guard lock(mutex_);
  static const std::string text = std::string(kSelect) + "WHERE name=?";
  auto &s = sql(text).bind(1, name);
  ResetOnExit guard{s};
  if (!s.step())
    return std::nullopt;
  return read_export(s);
}

std::vector<ExportRecord> Store::list_exports() const {
  std::lock_guard lock(mutex_);
  static const std::string text = std::string(kSelect) + "ORDER BY name";
  auto &s = sql(text);
  ResetOnExit guard{s};
  std::vector<ExportRecord> out;
  while (s.step())
    out.push_back(read_export(s));
  return out;
}

std::vector<ExportRecord> Store::exports_of(std::string_view stack_id) const {
  std::lock_guard lock(mutex_);
  static const std::string text = std::string(kSelect) + "WHERE exporting_stack_id=? ORDER BY name";
  auto &s = sql(text).bind(1, stack_id);
  ResetOnExit guard{s};
  std::vector<ExportRecord> out;
  while (s.step())
    out.push_back(read_export(s));
  return out;
}

bool Store::delete_export(std::string_view name) {
  std::lock_guard lock(mutex_);
  sql("DELETE FROM exports WHERE name=?").bind(1, name).run();
  return sqlite3_changes(db_) > 0;
}

void Store::delete_exports_of(std::string_view stack_id) {
  std::lock_guard lock(mutex_);
  sql("DELETE FROM exports WHERE exporting_stack_id=?").bind(1, stack_id).run();
}

void Store::set_imports(std::string_view importing_stack_id, std::string_view importing_stack_name,
                        const std::vector<std::string> &export_names) {
  auto tx = transaction();
  sql("DELETE FROM imports WHERE importing_stack_id=?").bind(1, importing_stack_id).run();
  for (const auto &name : export_names)
    sql("INSERT OR IGNORE INTO imports(export_name, importing_stack_id, importing_stack_name) "
        "VALUES (?,?,?)")
        .bind(1, name)
        .bind(2, importing_stack_id)
        .bind(3, importing_stack_name)
        .run();
  tx.commit();
}

std::vector<ImportRecord> Store::importers_of(std::string_view export_name) const {
  std::lock_guard lock(mutex_);
  auto &s = sql("SELECT export_name, importing_stack_id, importing_stack_name FROM imports "
                "WHERE export_name=? ORDER BY importing_stack_name")
                .bind(1, export_name);
  ResetOnExit guard{s};
  std::vector<ImportRecord> out;
  while (s.step())
    out.push_back({s.text(0), s.text(1), s.text(2)});
  return out;
}

std::vector<std::string> Store::imports_of(std::string_view importing_stack_id) const {
  std::lock_guard lock(mutex_);
  auto &s = sql("SELECT export_name FROM imports WHERE importing_stack_id=? ORDER BY export_name")
                .bind(1, importing_stack_id);
  ResetOnExit guard{s};
  std::vector<std::string> out;
  while (s.step())
    out.push_back(s.text(0));
  return out;
}

} // namespace cfnlocal::state
