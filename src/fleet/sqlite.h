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

class SqliteStmt {
 public:
  SqliteStmt() = default;
  SqliteStmt(sqlite3* db, sqlite3_stmt* s) : db_(db), s_(s, sqlite3_finalize) {}
  SqliteStmt& Bind(int i, int64_t v) {
    sqlite3_bind_int64(s_.get(), i, v);
    return *this;
  }
  SqliteStmt& Bind(int i, const std::string& v) {
    sqlite3_bind_text(s_.get(), i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  SqliteStmt& Bind(int i, const char* v) { return Bind(i, std::string(v)); }
  SqliteStmt& BindNull(int i) {
    sqlite3_bind_null(s_.get(), i);
    return *this;
  }
  SqliteStmt& BindOpt(int i, const std::string& v) { return v.empty() ? BindNull(i) : Bind(i, v); }
  SqliteStmt& BindBlob(int i, const std::vector<uint8_t>& v) {
    sqlite3_bind_blob(s_.get(), i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  // Runs a statement that returns no rows (resets it for reuse).
  Status Run() {
    int rc = sqlite3_step(s_.get());
    sqlite3_reset(s_.get());
    sqlite3_clear_bindings(s_.get());
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) return MakeError(ErrorKind::kIo, std::string("sqlite: ") + sqlite3_errmsg(db_));
    return {};
  }
  // Steps once: true on a row; false at the end (or an error: see error()).
  bool Step() {
    int rc = sqlite3_step(s_.get());
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) err_ = sqlite3_errmsg(db_);
    return false;
  }
  void Reset() {
    sqlite3_reset(s_.get());
    sqlite3_clear_bindings(s_.get());
  }
  const std::string& error() const { return err_; }
  int Columns() const { return sqlite3_column_count(s_.get()); }
  std::string ColumnName(int col) const { return sqlite3_column_name(s_.get(), col); }
  int ColumnType(int col) const { return sqlite3_column_type(s_.get(), col); }
  int64_t Int(int col) const { return sqlite3_column_int64(s_.get(), col); }
  bool IsNull(int col) const { return sqlite3_column_type(s_.get(), col) == SQLITE_NULL; }
  std::string Text(int col) const {
    const unsigned char* t = sqlite3_column_text(s_.get(), col);
    return t == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(t),
                                                      static_cast<size_t>(sqlite3_column_bytes(s_.get(), col)));
  }
  std::vector<uint8_t> Blob(int col) const {
    const auto* p = static_cast<const uint8_t*>(sqlite3_column_blob(s_.get(), col));
    return p == nullptr ? std::vector<uint8_t>() : std::vector<uint8_t>(p, p + sqlite3_column_bytes(s_.get(), col));
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
    sqlite3* db = nullptr;
    int flags = create ? (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) : SQLITE_OPEN_READWRITE;
    if (sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
      std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
      sqlite3_close(db);
      return MakeError(ErrorKind::kIo, path + ": " + msg);
    }
    sqlite3_busy_timeout(db, 10000);
    auto out = std::unique_ptr<SqliteDb>(new SqliteDb(db, path));
    return out;
  }
  ~SqliteDb() { sqlite3_close_v2(db_); }
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  Status Exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "error";
      sqlite3_free(err);
      return MakeError(ErrorKind::kIo, path_ + ": " + msg);
    }
    return {};
  }
  Result<SqliteStmt> Prepare(const std::string& sql) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) {
      return MakeError(ErrorKind::kIo, path_ + ": " + sqlite3_errmsg(db_));
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
