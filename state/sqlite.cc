#include "state/sqlite.h"

namespace cfnlocal::state {

void check(sqlite3 *db, int rc, std::string_view what) {
  if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW)
    return;
  std::string message = std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  throw StoreError(message, rc & 0xff);
}

Stmt::Stmt(sqlite3 *db, std::string_view sql) : db_(db) {
  int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
  check(db, rc, "preparing SQL");
}

Stmt::~Stmt() { sqlite3_finalize(stmt_); }

Stmt &Stmt::bind(int index, std::string_view text) {
  check(db_,
        // An empty string_view may have a null data(), which SQLite would bind as NULL.
        sqlite3_bind_text(stmt_, index, text.data() ? text.data() : "",
                          static_cast<int>(text.size()), SQLITE_TRANSIENT),
        "binding text");
  return *this;
}

Stmt &Stmt::bind(int index, int64_t value) {
  check(db_, sqlite3_bind_int64(stmt_, index, value), "binding integer");
  return *this;
}

Stmt &Stmt::bind(int index, double value) {
  check(db_, sqlite3_bind_double(stmt_, index, value), "binding real");
  return *this;
}

Stmt &Stmt::bind(int index, const std::optional<std::string> &text) {
  return text ? bind(index, std::string_view(*text)) : bind_null(index);
}

Stmt &Stmt::bind_null(int index) {
  check(db_, sqlite3_bind_null(stmt_, index), "binding null");
  return *this;
}

bool Stmt::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW)
    return true;
  if (rc == SQLITE_DONE)
    return false;
  std::string message = std::string("executing SQL: ") + sqlite3_errmsg(db_);
  sqlite3_reset(stmt_);
  throw StoreError(message, rc & 0xff);
}

void Stmt::run() {
  while (step()) {
  }
}

void Stmt::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string Stmt::text(int column) const {
  const unsigned char *p = sqlite3_column_text(stmt_, column);
  if (!p)
    return {};
  return std::string(reinterpret_cast<const char *>(p),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::optional<std::string> Stmt::opt_text(int column) const {
  if (is_null(column))
    return std::nullopt;
  return text(column);
}

int64_t Stmt::integer(int column) const { return sqlite3_column_int64(stmt_, column); }
double Stmt::real(int column) const { return sqlite3_column_double(stmt_, column); }
bool Stmt::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

} // namespace cfnlocal::state
