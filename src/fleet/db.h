// The fleet database behind one interface: a SQLite file (sqlite.h) or a
// PostgreSQL database through libpq (pg.cc). Reading code (export, diff,
// metrics, whatif) is written once against FleetDb, with portable SQL and
// positional parameters ?1..?N (rewritten to $1..$N for PostgreSQL), so the
// same rows give the same reports byte for byte whichever holds them.
// Internal to src/fleet.
//
// A database spec names PostgreSQL when it is a libpq URI
// ("postgresql://..." or "postgres://...") or "postgres:" followed by a
// keyword/value conninfo ("postgres:host=/run/pg dbname=fleet"; "postgres:"
// alone uses libpq's PG* environment, so Kubernetes Secrets need no flag);
// anything else is a SQLite file.
#ifndef TRUSTREADY_FLEET_DB_H_
#define TRUSTREADY_FLEET_DB_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "fleet/sqlite.h"
#include "trustready/base/result.h"

namespace trustready::fleet {

class StmtImpl {
 public:
  virtual ~StmtImpl() = default;
  virtual void Bind(int i, int64_t v) = 0;
  virtual void Bind(int i, const std::string& v) = 0;
  virtual void BindNull(int i) = 0;
  virtual void BindBlob(int i, const std::vector<uint8_t>& v) = 0;
  virtual Status Run() = 0;
  virtual bool Step() = 0;
  virtual void Reset() = 0;
  virtual const std::string& error() const = 0;
  virtual int64_t Int(int col) const = 0;
  virtual bool IsNull(int col) const = 0;
  virtual std::string Text(int col) const = 0;
  virtual std::vector<uint8_t> Blob(int col) const = 0;
};

// A prepared statement of either kind; the API of SqliteStmt.
class DbStmt {
 public:
  DbStmt() = default;
  explicit DbStmt(std::shared_ptr<StmtImpl> p) : p_(std::move(p)) {}
  DbStmt& Bind(int i, int64_t v) {
    p_->Bind(i, v);
    return *this;
  }
  DbStmt& Bind(int i, const std::string& v) {
    p_->Bind(i, v);
    return *this;
  }
  DbStmt& Bind(int i, const char* v) { return Bind(i, std::string(v)); }
  DbStmt& BindNull(int i) {
    p_->BindNull(i);
    return *this;
  }
  DbStmt& BindOpt(int i, const std::string& v) { return v.empty() ? BindNull(i) : Bind(i, v); }
  DbStmt& BindBlob(int i, const std::vector<uint8_t>& v) {
    p_->BindBlob(i, v);
    return *this;
  }
  Status Run() { return p_->Run(); }
  bool Step() { return p_->Step(); }
  void Reset() { p_->Reset(); }
  const std::string& error() const { return p_->error(); }
  int64_t Int(int col) const { return p_->Int(col); }
  bool IsNull(int col) const { return p_->IsNull(col); }
  std::string Text(int col) const { return p_->Text(col); }
  std::vector<uint8_t> Blob(int col) const { return p_->Blob(col); }

 private:
  std::shared_ptr<StmtImpl> p_;
};

class FleetDb {
 public:
  virtual ~FleetDb() = default;
  virtual Result<DbStmt> Prepare(const std::string& sql) = 0;
  virtual Status Exec(const std::string& sql) = 0;
  // The spec it was opened from (a path, or the conninfo without password).
  virtual const std::string& path() const = 0;
  virtual bool postgres() const = 0;
  // The column giving a table's insertion order ("rowid"; PostgreSQL keeps
  // its own "pos" where order matters: judge).
  virtual std::string InsertionOrder(const std::string& alias) const = 0;
  // The SQLite file underneath, or nullptr.
  virtual SqliteDb* sqlite() { return nullptr; }
  // PostgreSQL only: runs `copy_sql` ("COPY t (a,b) FROM STDIN", text
  // format) and streams the rows `next` appends to its buffer (whole
  // lines, each ending in '\n') until it returns false or an error.
  virtual Status CopyIn(const std::string& copy_sql, const std::function<Result<bool>(std::string*)>& next) {
    (void)copy_sql;
    (void)next;
    return MakeError(ErrorKind::kInvalidArgument, path() + ": COPY needs PostgreSQL");
  }
};

bool IsPostgresSpec(const std::string& spec);

// A SQLite fleet database as a FleetDb.
std::unique_ptr<FleetDb> WrapSqlite(std::unique_ptr<SqliteDb> db);

// Connects to PostgreSQL (spec as above); errors name the spec, never a
// password.
Result<std::unique_ptr<FleetDb>> ConnectPostgres(const std::string& spec);

// The schema in PostgreSQL: kSchemaSql's tables with BIGINT, BYTEA, text
// compared bytewise (COLLATE "C", so ORDER BY is SQLite's order), and the
// version in fleet_meta. Idempotent.
Status CreatePostgresSchema(FleetDb& db);

}  // namespace trustready::fleet

#endif  // TRUSTREADY_FLEET_DB_H_
