// A small RAII layer over the SQLite C API (Debian libsqlite3): a database,
// prepared statements with positional binding, and errors as values.
// Internal to src/fleet.
#ifndef TRUSTREADY_FLEET_SQLITE_H_
#define TRUSTREADY_FLEET_SQLITE_H_

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "trustready/base/result.h"

namespace trustready::fleet {

// libsqlite3 is opened with dlopen on first use (sqlite.cc): only `fleet`
// commands read or write result databases, and linking it cost every command
// ~1 ms at start-up. Types and constants come from <sqlite3.h>; the
// pointers keep the declared signatures.
#define TR_SQLITE_FUNCTIONS(X) \
  X(bind_blob) \
  X(bind_int64) \
  X(bind_null) \
  X(bind_text) \
  X(busy_timeout) \
  X(clear_bindings) \
  X(close) \
  X(close_v2) \
  X(column_blob) \
  X(column_bytes) \
  X(column_count) \
  X(column_int64) \
  X(column_name) \
  X(column_text) \
  X(column_type) \
  X(errmsg) \
  X(exec) \
  X(finalize) \
  X(free) \
  X(open_v2) \
  X(prepare_v2) \
  X(reset) \
  X(step)

struct SqliteApi {
#define TR_SQLITE_DECLARE(f) decltype(&::sqlite3_##f) f = nullptr;
  TR_SQLITE_FUNCTIONS(TR_SQLITE_DECLARE)
#undef TR_SQLITE_DECLARE
  std::string error;  // why it could not be loaded; empty when loaded
};
const SqliteApi& Sqlite();

class SqliteStmt {
 public:
  SqliteStmt() = default;
  SqliteStmt(sqlite3* db, sqlite3_stmt* s) : db_(db), s_(s, [](sqlite3_stmt* p) { Sqlite().finalize(p); }) {}
  SqliteStmt& Bind(int i, int64_t v) {
    Sqlite().bind_int64(s_.get(), i, v);
    return *this;
  }
  SqliteStmt& Bind(int i, const std::string& v) {
    Sqlite().bind_text(s_.get(), i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  SqliteStmt& Bind(int i, const char* v) { return Bind(i, std::string(v)); }
  SqliteStmt& BindNull(int i) {
    Sqlite().bind_null(s_.get(), i);
    return *this;
  }
  SqliteStmt& BindOpt(int i, const std::string& v) { return v.empty() ? BindNull(i) : Bind(i, v); }
  SqliteStmt& BindBlob(int i, const std::vector<uint8_t>& v) {
    Sqlite().bind_blob(s_.get(), i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  // Runs a statement that returns no rows (resets it for reuse).
  Status Run() {
    int rc = Sqlite().step(s_.get());
    Sqlite().reset(s_.get());
    Sqlite().clear_bindings(s_.get());
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) return MakeError(ErrorKind::kIo, std::string("sqlite: ") + Sqlite().errmsg(db_));
    return {};
  }
  // Steps once: true on a row; false at the end (or an error: see error()).
  bool Step() {
    int rc = Sqlite().step(s_.get());
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) err_ = Sqlite().errmsg(db_);
    return false;
  }
  void Reset() {
    Sqlite().reset(s_.get());
    Sqlite().clear_bindings(s_.get());
  }
  const std::string& error() const { return err_; }
  int Columns() const { return Sqlite().column_count(s_.get()); }
  std::string ColumnName(int col) const { return Sqlite().column_name(s_.get(), col); }
  int ColumnType(int col) const { return Sqlite().column_type(s_.get(), col); }
  int64_t Int(int col) const { return Sqlite().column_int64(s_.get(), col); }
  bool IsNull(int col) const { return Sqlite().column_type(s_.get(), col) == SQLITE_NULL; }
  std::string Text(int col) const {
    const unsigned char* t = Sqlite().column_text(s_.get(), col);
    return t == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(t),
                                                      static_cast<size_t>(Sqlite().column_bytes(s_.get(), col)));
  }
  std::vector<uint8_t> Blob(int col) const {
    const auto* p = static_cast<const uint8_t*>(Sqlite().column_blob(s_.get(), col));
    return p == nullptr ? std::vector<uint8_t>() : std::vector<uint8_t>(p, p + Sqlite().column_bytes(s_.get(), col));
  }

 private:
  sqlite3* db_ = nullptr;
  std::shared_ptr<sqlite3_stmt> s_;
  std::string err_;
};

class SqliteDb {
 public:
  // Opens (creating when `create`) a database file.
  static Result<std::unique_ptr<SqliteDb>> Open(const std::string& path, bool create) {
    if (!Sqlite().error.empty()) return MakeError(ErrorKind::kUnsupported, path + ": " + Sqlite().error);
    sqlite3* db = nullptr;
    int flags = create ? (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) : SQLITE_OPEN_READWRITE;
    if (Sqlite().open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
      std::string msg = db ? Sqlite().errmsg(db) : "out of memory";
      Sqlite().close(db);
      return MakeError(ErrorKind::kIo, path + ": " + msg);
    }
    Sqlite().busy_timeout(db, 10000);
    auto out = std::unique_ptr<SqliteDb>(new SqliteDb(db, path));
    return out;
  }
  ~SqliteDb() { Sqlite().close_v2(db_); }
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  Status Exec(const std::string& sql) {
    char* err = nullptr;
    if (Sqlite().exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "error";
      Sqlite().free(err);
      return MakeError(ErrorKind::kIo, path_ + ": " + msg);
    }
    return {};
  }
  Result<SqliteStmt> Prepare(const std::string& sql) {
    sqlite3_stmt* s = nullptr;
    if (Sqlite().prepare_v2(db_, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) {
      return MakeError(ErrorKind::kIo, path_ + ": " + Sqlite().errmsg(db_));
    }
    return SqliteStmt(db_, s);
  }
  const std::string& path() const { return path_; }
  sqlite3* raw() const { return db_; }

 private:
  SqliteDb(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
};

}  // namespace trustready::fleet

#endif  // TRUSTREADY_FLEET_SQLITE_H_
