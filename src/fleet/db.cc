// FleetDb over SQLite and over PostgreSQL (libpq, Debian libpq-dev). See
// fleet/db.h.
#include "fleet/db.h"

#include <dlfcn.h>
#include <libpq-fe.h>

#include <cstdlib>
#include <optional>

#include "fleet/result_db.h"

namespace trustready::fleet {

bool IsPostgresSpec(const std::string& spec) {
  return spec.rfind("postgresql://", 0) == 0 || spec.rfind("postgres://", 0) == 0 || spec.rfind("postgres:", 0) == 0;
}

// --- SQLite ---------------------------------------------------------------

namespace {

class SqliteImpl : public StmtImpl {
 public:
  explicit SqliteImpl(SqliteStmt s) : s_(std::move(s)) {}
  void Bind(int i, int64_t v) override { s_.Bind(i, v); }
  void Bind(int i, const std::string& v) override { s_.Bind(i, v); }
  void BindNull(int i) override { s_.BindNull(i); }
  void BindBlob(int i, const std::vector<uint8_t>& v) override { s_.BindBlob(i, v); }
  Status Run() override { return s_.Run(); }
  bool Step() override { return s_.Step(); }
  void Reset() override { s_.Reset(); }
  const std::string& error() const override { return s_.error(); }
  int64_t Int(int col) const override { return s_.Int(col); }
  bool IsNull(int col) const override { return s_.IsNull(col); }
  std::string Text(int col) const override { return s_.Text(col); }
  std::vector<uint8_t> Blob(int col) const override { return s_.Blob(col); }

 private:
  SqliteStmt s_;
};

class SqliteFleetDb : public FleetDb {
 public:
  explicit SqliteFleetDb(std::unique_ptr<SqliteDb> db) : db_(std::move(db)) {}
  Result<DbStmt> Prepare(const std::string& sql) override {
    auto st = db_->Prepare(sql);
    if (!st.ok()) return st.error();
    return DbStmt(std::make_shared<SqliteImpl>(std::move(*st)));
  }
  Status Exec(const std::string& sql) override { return db_->Exec(sql); }
  const std::string& path() const override { return db_->path(); }
  bool postgres() const override { return false; }
  std::string InsertionOrder(const std::string& alias) const override { return alias + ".rowid"; }
  SqliteDb* sqlite() override { return db_.get(); }

 private:
  std::unique_ptr<SqliteDb> db_;
};

}  // namespace

std::unique_ptr<FleetDb> WrapSqlite(std::unique_ptr<SqliteDb> db) {
  return std::make_unique<SqliteFleetDb>(std::move(db));
}

// --- PostgreSQL -----------------------------------------------------------

namespace {

// libpq is opened on first use (only a postgresql:// fleet database needs
// it): linked, it and its Kerberos, LDAP and SASL libraries would load into
// every command at start-up (see src/image/image.cc for libarchive). Types
// and constants come from <libpq-fe.h>; the pointers keep its signatures.
#define TR_LIBPQ_FUNCTIONS(X) \
  X(connectdb) \
  X(status) \
  X(errorMessage) \
  X(finish) \
  X(setNoticeProcessor) \
  X(setClientEncoding) \
  X(exec) \
  X(execParams) \
  X(resultStatus) \
  X(resultErrorMessage) \
  X(clear) \
  X(ntuples) \
  X(getvalue) \
  X(getlength) \
  X(getisnull) \
  X(unescapeBytea) \
  X(freemem) \
  X(putCopyData) \
  X(putCopyEnd) \
  X(getResult)

struct LibPq {
#define TR_DECLARE(f) decltype(&::PQ##f) f = nullptr;
  TR_LIBPQ_FUNCTIONS(TR_DECLARE)
#undef TR_DECLARE
  std::string error;  // why it could not be loaded; empty when loaded
};

const LibPq& Pq() {
  static const LibPq lib = [] {
    LibPq l;
    void* h = ::dlopen(TR_LIBPQ_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (h == nullptr) {
      const char* e = ::dlerror();
      l.error = std::string("PostgreSQL databases need libpq (" TR_LIBPQ_SONAME ", Debian package libpq5): ") +
                (e ? e : "not found");
      return l;
    }
#define TR_RESOLVE(f)                                                  \
  l.f = reinterpret_cast<decltype(l.f)>(::dlsym(h, "PQ" #f));         \
  if (l.f == nullptr && l.error.empty()) l.error = TR_LIBPQ_SONAME ": no PQ" #f;
    TR_LIBPQ_FUNCTIONS(TR_RESOLVE)
#undef TR_RESOLVE
    return l;
  }();
  return lib;
}


// ?N -> $N outside quoted strings (the SQL here has no '?' of its own).
std::string ToDollarParams(const std::string& sql) {
  std::string out;
  bool quoted = false;
  for (size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (c == '\'') quoted = !quoted;
    if (!quoted && c == '?' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
      out += '$';
      continue;
    }
    out += c;
  }
  return out;
}

// A spec for messages: no password, whatever form it takes.
std::string Redacted(const std::string& spec) {
  std::string s = spec;
  if (spec.rfind("postgres:", 0) != 0 || spec.rfind("postgres://", 0) == 0 || spec.rfind("postgresql://", 0) == 0) {
    // URI: postgresql://user:password@host/db
    const size_t scheme = s.find("://");
    const size_t at = s.find('@', scheme == std::string::npos ? 0 : scheme + 3);
    if (scheme != std::string::npos && at != std::string::npos) {
      const size_t colon = s.find(':', scheme + 3);
      if (colon != std::string::npos && colon < at) s = s.substr(0, colon) + ":***" + s.substr(at);
    }
  }
  const size_t pw = s.find("password=");
  if (pw != std::string::npos) {
    size_t end = s.find_first_of(" &", pw);
    s = s.substr(0, pw) + "password=***" + (end == std::string::npos ? "" : s.substr(end));
  }
  return s;
}

class PgImpl : public StmtImpl {
 public:
  PgImpl(PGconn* conn, std::string sql, std::string where) : conn_(conn), sql_(std::move(sql)), where_(std::move(where)) {}
  ~PgImpl() override { Clear(); }
  void Bind(int i, int64_t v) override { Set(i, std::to_string(v), 0); }
  void Bind(int i, const std::string& v) override { Set(i, v, 0); }
  void BindNull(int i) override {
    Grow(i);
    values_[i - 1].reset();
    formats_[i - 1] = 0;
  }
  void BindBlob(int i, const std::vector<uint8_t>& v) override {
    Set(i, std::string(v.begin(), v.end()), 1);
  }
  Status Run() override {
    Status s = Execute();
    Reset();
    return s;
  }
  bool Step() override {
    if (res_ == nullptr) {
      if (Status s = Execute(); !s.ok()) {
        err_ = s.error().message;
        return false;
      }
      row_ = -1;
    }
    ++row_;
    return row_ < Pq().ntuples(res_);
  }
  void Reset() override {
    Clear();
    values_.clear();
    formats_.clear();
  }
  const std::string& error() const override { return err_; }
  int64_t Int(int col) const override {
    if (IsNull(col)) return 0;
    return std::strtoll(Pq().getvalue(res_, row_, col), nullptr, 10);
  }
  bool IsNull(int col) const override { return Pq().getisnull(res_, row_, col) != 0; }
  std::string Text(int col) const override {
    if (IsNull(col)) return "";
    return std::string(Pq().getvalue(res_, row_, col), static_cast<size_t>(Pq().getlength(res_, row_, col)));
  }
  std::vector<uint8_t> Blob(int col) const override {
    if (IsNull(col)) return {};
    size_t n = 0;
    unsigned char* p = Pq().unescapeBytea(reinterpret_cast<const unsigned char*>(Pq().getvalue(res_, row_, col)), &n);
    if (p == nullptr) return {};
    std::vector<uint8_t> out(p, p + n);
    Pq().freemem(p);
    return out;
  }

 private:
  void Grow(int i) {
    if (static_cast<int>(values_.size()) < i) {
      values_.resize(static_cast<size_t>(i));
      formats_.resize(static_cast<size_t>(i), 0);
    }
  }
  void Set(int i, std::string v, int format) {
    Grow(i);
    values_[i - 1] = std::move(v);
    formats_[i - 1] = format;
  }
  void Clear() {
    if (res_ != nullptr) Pq().clear(res_);
    res_ = nullptr;
  }
  Status Execute() {
    Clear();
    err_.clear();
    std::vector<const char*> vals;
    std::vector<int> lens;
    for (const auto& v : values_) {
      vals.push_back(v ? v->data() : nullptr);
      lens.push_back(v ? static_cast<int>(v->size()) : 0);
    }
    res_ = Pq().execParams(conn_, sql_.c_str(), static_cast<int>(vals.size()), nullptr, vals.data(), lens.data(),
                        formats_.data(), 0);
    const ExecStatusType st = Pq().resultStatus(res_);
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
      std::string msg = Pq().resultErrorMessage(res_);
      while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
      Clear();
      return MakeError(ErrorKind::kIo, where_ + ": " + msg);
    }
    return {};
  }

  PGconn* conn_;
  std::string sql_, where_;
  std::vector<std::optional<std::string>> values_;
  std::vector<int> formats_;
  PGresult* res_ = nullptr;
  int row_ = -1;
  std::string err_;
};

class PgFleetDb : public FleetDb {
 public:
  PgFleetDb(PGconn* conn, std::string where) : conn_(conn), where_(std::move(where)) {}
  ~PgFleetDb() override { Pq().finish(conn_); }
  Result<DbStmt> Prepare(const std::string& sql) override {
    return DbStmt(std::make_shared<PgImpl>(conn_, ToDollarParams(sql), where_));
  }
  Status Exec(const std::string& sql) override {
    PGresult* r = Pq().exec(conn_, sql.c_str());
    const ExecStatusType st = Pq().resultStatus(r);
    Status s;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
      std::string msg = Pq().resultErrorMessage(r);
      while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
      s = MakeError(ErrorKind::kIo, where_ + ": " + msg);
    }
    Pq().clear(r);
    return s;
  }
  Status CopyIn(const std::string& copy_sql, const std::function<Result<bool>(std::string*)>& next) override {
    PGresult* r = Pq().exec(conn_, copy_sql.c_str());
    const ExecStatusType st = Pq().resultStatus(r);
    std::string msg = st == PGRES_COPY_IN ? "" : Pq().resultErrorMessage(r);
    Pq().clear(r);
    if (st != PGRES_COPY_IN) return Failed(msg.empty() ? "COPY did not start" : msg);
    std::string buffer, failure;
    for (;;) {
      buffer.clear();
      auto more = next(&buffer);
      if (!more.ok()) {
        failure = more.error().message;
        break;
      }
      if (!buffer.empty() && Pq().putCopyData(conn_, buffer.data(), static_cast<int>(buffer.size())) != 1) {
        failure = Pq().errorMessage(conn_);
        break;
      }
      if (!*more) break;
    }
    // A failed source ends the COPY with an error, so that nothing of it stays.
    if (Pq().putCopyEnd(conn_, failure.empty() ? nullptr : failure.c_str()) != 1 && failure.empty()) {
      failure = Pq().errorMessage(conn_);
    }
    while (PGresult* end = Pq().getResult(conn_)) {
      if (Pq().resultStatus(end) != PGRES_COMMAND_OK && failure.empty()) failure = Pq().resultErrorMessage(end);
      Pq().clear(end);
    }
    return failure.empty() ? Status() : Failed(failure);
  }
  const std::string& path() const override { return where_; }
  bool postgres() const override { return true; }
  std::string InsertionOrder(const std::string& alias) const override { return alias + ".pos"; }

 private:
  Status Failed(std::string msg) const {
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    return MakeError(ErrorKind::kIo, where_ + ": " + msg);
  }

  PGconn* conn_;
  std::string where_;
};

}  // namespace

Result<std::unique_ptr<FleetDb>> ConnectPostgres(const std::string& spec) {
  std::string conninfo = spec;
  if (spec.rfind("postgres://", 0) != 0 && spec.rfind("postgresql://", 0) != 0) conninfo = spec.substr(9);  // "postgres:"
  const std::string where = Redacted(spec);
  if (!Pq().error.empty()) return MakeError(ErrorKind::kIo, where + ": " + Pq().error);
  PGconn* conn = Pq().connectdb(conninfo.c_str());
  if (conn == nullptr) return MakeError(ErrorKind::kIo, where + ": out of memory");
  if (Pq().status(conn) != CONNECTION_OK) {
    std::string msg = Pq().errorMessage(conn);
    Pq().finish(conn);
    for (char& c : msg) {
      if (c == '\n') c = ' ';
    }
    while (!msg.empty() && msg.back() == ' ') msg.pop_back();
    return MakeError(ErrorKind::kIo, where + ": " + msg);
  }
  // Quiet NOTICEs (CREATE ... IF NOT EXISTS) and a fixed client encoding.
  Pq().setNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
  Pq().setClientEncoding(conn, "UTF8");
  return std::unique_ptr<FleetDb>(new PgFleetDb(conn, where));
}

Status CreatePostgresSchema(FleetDb& db) {
  std::string sql = kSchemaSql;
  auto replace_all = [&](const std::string& from, const std::string& to) {
    for (size_t at = sql.find(from); at != std::string::npos; at = sql.find(from, at + to.size())) {
      sql.replace(at, from.size(), to);
    }
  };
  replace_all("INTEGER", "BIGINT");
  replace_all("BLOB", "BYTEA");
  replace_all("TEXT", "TEXT COLLATE \"C\"");
  replace_all("CREATE VIEW IF NOT EXISTS", "CREATE OR REPLACE VIEW");
  // judge rows are read in the order they were written (the stores' order).
  replace_all("content_sha256 TEXT COLLATE \"C\" NOT NULL, PRIMARY KEY (run_id, judge)",
              "content_sha256 TEXT COLLATE \"C\" NOT NULL, pos BIGSERIAL, PRIMARY KEY (run_id, judge)");
  // Several sessions may create the schema at once (shards loading in
  // parallel): one at a time.
  if (Status s = db.Exec("BEGIN; SELECT pg_advisory_xact_lock(4242016);"); !s.ok()) return s;
  Status s = db.Exec(sql);
  if (s.ok()) {
    s = db.Exec(
        "CREATE TABLE IF NOT EXISTS fleet_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "INSERT INTO fleet_meta VALUES ('schema_version', '" +
        std::to_string(kSchemaVersion) + "') ON CONFLICT DO NOTHING;");
  }
  if (s.ok()) return db.Exec("COMMIT");
  (void)db.Exec("ROLLBACK");
  return s;
}

}  // namespace trustready::fleet
