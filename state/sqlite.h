#pragma once
/// \file
/// A thin RAII layer over the SQLite3 C API: one connection, prepared statements with typed
/// binds and columns. Errors become StoreError with SQLite's message, never an abort.

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace cfnlocal::state {

/// A failure of the state file itself (cannot open, disk full, corrupt, schema too new).
/// `code` is SQLite's primary result code (SQLITE_BUSY, SQLITE_IOERR, ...) or 0 when the error
/// is ours.
class StoreError : public std::runtime_error {
public:
  StoreError(const std::string &message, int code = 0) : std::runtime_error(message), code_(code) {}
  int code() const { return code_; }

private:
  int code_;
};

/// A prepared statement. Binds are 1-based as in SQLite; columns 0-based. `step()` returns true
/// while a row is available. Owned by a Db's statement cache; reset on every `prepare`.
class Stmt {
public:
  Stmt(sqlite3 *db, std::string_view sql);
  ~Stmt();
  Stmt(const Stmt &) = delete;
  Stmt &operator=(const Stmt &) = delete;

  Stmt &bind(int index, std::string_view text);
  Stmt &bind(int index, const char *text) { return bind(index, std::string_view(text)); }
  Stmt &bind(int index, const std::string &text) { return bind(index, std::string_view(text)); }
  Stmt &bind(int index, int64_t value);
  Stmt &bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
  Stmt &bind(int index, bool value) { return bind(index, static_cast<int64_t>(value)); }
  Stmt &bind(int index, double value);
  /// Binds NULL when the optional is empty.
  Stmt &bind(int index, const std::optional<std::string> &text);
  Stmt &bind_null(int index);

  /// Steps once: true when a row is ready, false when done. Throws StoreError on failure.
  bool step();
  /// Steps to completion (for statements that return no rows).
  void run();
  /// Resets and clears bindings so the statement can be reused.
  void reset();

  std::string text(int column) const;
  std::optional<std::string> opt_text(int column) const;
  int64_t integer(int column) const;
  double real(int column) const;
  bool is_null(int column) const;

private:
  sqlite3 *db_;
  sqlite3_stmt *stmt_ = nullptr;
};

/// Resets a statement when leaving a scope, so a half-read SELECT never keeps its read
/// transaction (and WAL snapshot) open.
struct ResetOnExit {
  Stmt &stmt;
  ~ResetOnExit() { stmt.reset(); }
};

/// Throws StoreError with the connection's last message when `rc` is not SQLITE_OK.
void check(sqlite3 *db, int rc, std::string_view what);

} // namespace cfnlocal::state
