// Fleet result database, schema v2 (v1 + the readiness rows of image targets). See result_db.h.
#include "fleet/result_db.h"

#include <openssl/sha.h>

#include <filesystem>
#include <functional>

namespace trustready::fleet {

const char* const kSchemaSql = R"SQL(
CREATE TABLE IF NOT EXISTS run (
  run_id TEXT PRIMARY KEY, shard_count INTEGER NOT NULL, judged_at INTEGER NOT NULL,
  profile TEXT NOT NULL, data_sha256 TEXT NOT NULL, input_sha256 TEXT, options_json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS scan (
  scan_id TEXT PRIMARY KEY, run_id TEXT NOT NULL REFERENCES run, shard INTEGER NOT NULL,
  started_at INTEGER NOT NULL, finished_at INTEGER, scanner_host TEXT, trustready_version TEXT NOT NULL,
  targets INTEGER, handshakes INTEGER, UNIQUE (run_id, shard));
CREATE TABLE IF NOT EXISTS target (
  target_key TEXT PRIMARY KEY, host TEXT NOT NULL, port INTEGER NOT NULL, sni TEXT, address TEXT);
CREATE TABLE IF NOT EXISTS cert (
  sha256 TEXT PRIMARY KEY, der BLOB NOT NULL, subject TEXT NOT NULL, issuer TEXT NOT NULL,
  not_before INTEGER NOT NULL, not_after INTEGER NOT NULL, spki_sha256 TEXT NOT NULL, is_ca INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS chain (
  chain_id TEXT PRIMARY KEY, leaf_sha256 TEXT NOT NULL, length INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS chain_cert (
  chain_id TEXT NOT NULL, pos INTEGER NOT NULL, cert_sha256 TEXT NOT NULL, PRIMARY KEY (chain_id, pos));
CREATE TABLE IF NOT EXISTS judge (
  run_id TEXT NOT NULL, judge TEXT NOT NULL, kind TEXT NOT NULL, location TEXT NOT NULL,
  content_sha256 TEXT NOT NULL, PRIMARY KEY (run_id, judge));
CREATE TABLE IF NOT EXISTS judgement (
  run_id TEXT NOT NULL, chain_id TEXT NOT NULL, name TEXT NOT NULL, serves_profile INTEGER NOT NULL,
  trusted INTEGER NOT NULL, PRIMARY KEY (run_id, chain_id, name));
CREATE TABLE IF NOT EXISTS verdict (
  run_id TEXT NOT NULL, chain_id TEXT NOT NULL, name TEXT NOT NULL, judge TEXT NOT NULL,
  trusted INTEGER NOT NULL, trusted_with_aia INTEGER NOT NULL, error_code TEXT, error TEXT, path TEXT,
  PRIMARY KEY (run_id, chain_id, name, judge));
CREATE TABLE IF NOT EXISTS observation (
  scan_id TEXT NOT NULL REFERENCES scan, target_key TEXT NOT NULL REFERENCES target, seq INTEGER NOT NULL,
  target TEXT NOT NULL, source TEXT, labels_json TEXT NOT NULL, status TEXT NOT NULL, error TEXT,
  attempts INTEGER NOT NULL, sni TEXT, address TEXT, tls_version TEXT, cipher TEXT, http_status INTEGER,
  elapsed_ms INTEGER NOT NULL, observed_at INTEGER NOT NULL, chain_id TEXT REFERENCES chain, name TEXT,
  PRIMARY KEY (scan_id, target_key, seq));
CREATE INDEX IF NOT EXISTS observation_chain ON observation (chain_id);
CREATE TABLE IF NOT EXISTS readiness (
  scan_id TEXT NOT NULL REFERENCES scan, target_key TEXT NOT NULL REFERENCES target, seq INTEGER NOT NULL,
  pos INTEGER NOT NULL, store TEXT NOT NULL, kind TEXT NOT NULL, location TEXT NOT NULL, state TEXT NOT NULL,
  anchor_count INTEGER, reason TEXT, fix TEXT, PRIMARY KEY (scan_id, target_key, seq, pos));
CREATE VIEW IF NOT EXISTS endpoint_verdict AS
  SELECT s.run_id, o.scan_id, o.target_key, t.host, t.port, o.labels_json, v.judge,
         v.trusted, v.trusted_with_aia, v.error_code
  FROM observation o JOIN scan s USING (scan_id) JOIN target t USING (target_key)
  JOIN verdict v ON v.run_id = s.run_id AND v.chain_id = o.chain_id AND v.name = o.name
  WHERE o.status = 'ok';
)SQL";

std::string Sha256Hex(const void* data, size_t n) {
  unsigned char md[SHA256_DIGEST_LENGTH];
  SHA256(static_cast<const unsigned char*>(data), n, md);
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned char c : md) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

Result<std::unique_ptr<FleetDb>> OpenSqliteFleetDb(const std::string& path) {
  if (IsPostgresSpec(path)) return MakeError(ErrorKind::kInvalidArgument, path + ": a shard must be a SQLite file");
  if (!std::filesystem::is_regular_file(path)) return MakeError(ErrorKind::kIo, path + ": no such database");
  auto db = SqliteDb::Open(path, false);
  if (!db.ok()) return db.error();
  if (auto s = CheckSchema(**db); !s.ok()) return s.error();
  return WrapSqlite(std::move(*db));
}

Result<std::unique_ptr<FleetDb>> OpenFleetDb(const std::string& spec) {
  if (!IsPostgresSpec(spec)) return OpenSqliteFleetDb(spec);
  auto db = ConnectPostgres(spec);
  if (!db.ok()) return db.error();
  if (auto s = CheckSchema(**db); !s.ok()) return s.error();
  return db;
}

Result<std::vector<CertificatePtr>> LoadChainCertificates(FleetDb& db, const std::string& chain_id) {
  auto st = db.Prepare(
      "SELECT k.sha256, k.der FROM chain_cert c JOIN cert k ON k.sha256 = c.cert_sha256 WHERE c.chain_id = ?1 ORDER BY c.pos");
  if (!st.ok()) return st.error();
  st->Bind(1, chain_id);
  std::vector<CertificatePtr> out;
  while (st->Step()) {
    auto c = Certificate::Parse(st->Blob(1));
    if (!c.ok()) {
      Error e = c.error();  // the parser's detail id and severity kept
      e.kind = ErrorKind::kFormat;
      e.message = db.path() + ": stored certificate " + st->Text(0) + ": " + e.message;
      e.offset = Error::npos;
      return e;
    }
    out.push_back(*c);
  }
  if (!st->error().empty()) return MakeError(ErrorKind::kIo, db.path() + ": " + st->error());
  if (out.empty()) return MakeError(ErrorKind::kFormat, db.path() + ": chain " + chain_id + " has no stored certificate");
  return out;
}

Status CreateSchema(SqliteDb& db) {
  if (auto s = db.Exec(kSchemaSql); !s.ok()) return s;
  return db.Exec("PRAGMA user_version = " + std::to_string(kSchemaVersion));
}

Status CheckSchema(SqliteDb& db) {
  auto st = db.Prepare("PRAGMA user_version");
  if (!st.ok()) return st.error();
  int v = st->Step() ? static_cast<int>(st->Int(0)) : -1;
  auto t = db.Prepare("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='observation'");
  if (!t.ok()) return MakeError(ErrorKind::kFormat, db.path() + ": not a fleet database (" + t.error().message + ")");
  bool has = t->Step() && t->Int(0) == 1;
  if (!has || v != kSchemaVersion) {
    return MakeError(ErrorKind::kFormat, db.path() + ": not a trustready fleet database (schema v" +
                                             std::to_string(kSchemaVersion) + ")");
  }
  return {};
}

Status CheckSchema(FleetDb& db) {
  if (!db.postgres()) return CheckSchema(*db.sqlite());
  auto st = db.Prepare("SELECT value FROM fleet_meta WHERE key = 'schema_version'");
  if (!st.ok()) return st.error();
  const bool row = st->Step();
  if (!row || st->Text(0) != std::to_string(kSchemaVersion)) {
    return MakeError(ErrorKind::kFormat, db.path() + ": not a trustready fleet database (schema v" +
                                             std::to_string(kSchemaVersion) + "; `fleet merge --out` creates one)");
  }
  return {};
}

Result<std::vector<std::string>> ListRuns(FleetDb& db) {
  auto st = db.Prepare("SELECT run_id FROM scan GROUP BY run_id ORDER BY min(started_at), run_id");
  if (!st.ok()) return st.error();
  std::vector<std::string> out;
  while (st->Step()) out.push_back(st->Text(0));
  return out;
}

Result<std::vector<std::string>> ResolveScans(FleetDb& db, const std::string& which, std::string* run_id) {
  std::string run = which;
  if (which == "latest" || which.empty()) {
    auto runs = ListRuns(db);
    if (!runs.ok()) return runs.error();
    if (runs->empty()) return MakeError(ErrorKind::kInvalidArgument, db.path() + ": holds no scan");
    run = runs->back();
  } else {
    auto st = db.Prepare("SELECT run_id FROM scan WHERE scan_id = ?1");
    if (!st.ok()) return st.error();
    st->Bind(1, which);
    if (st->Step()) {
      if (run_id) *run_id = st->Text(0);
      return std::vector<std::string>{which};
    }
  }
  auto st = db.Prepare("SELECT scan_id FROM scan WHERE run_id = ?1 ORDER BY shard");
  if (!st.ok()) return st.error();
  st->Bind(1, run);
  std::vector<std::string> out;
  while (st->Step()) out.push_back(st->Text(0));
  if (out.empty()) return MakeError(ErrorKind::kInvalidArgument, db.path() + ": no run or scan '" + which + "'");
  if (run_id) *run_id = run;
  return out;
}

Status ReadObservations(FleetDb& db, const std::vector<std::string>& scan_ids,
                        const std::function<void(const ObservationRecord&)>& fn) {
  if (scan_ids.empty()) return {};
  std::string in_list;
  for (size_t i = 0; i < scan_ids.size(); ++i) in_list += (i ? ",?" : "?") + std::to_string(i + 1);
  auto obs = db.Prepare(
      "SELECT o.scan_id, s.run_id, o.target_key, o.target, o.source, t.host, t.port, o.sni, t.address, "
      "o.labels_json, o.seq, o.status, o.error, o.attempts, o.address, o.tls_version, o.cipher, o.http_status, "
      "o.elapsed_ms, o.observed_at, o.chain_id, o.name "
      "FROM observation o JOIN scan s USING (scan_id) JOIN target t USING (target_key) "
      "WHERE o.scan_id IN (" + in_list + ") ORDER BY o.target_key, o.seq, o.scan_id");
  if (!obs.ok()) return obs.error();
  auto certs = db.Prepare("SELECT cert_sha256 FROM chain_cert WHERE chain_id = ?1 ORDER BY pos");
  if (!certs.ok()) return certs.error();
  auto judgement = db.Prepare("SELECT serves_profile, trusted FROM judgement WHERE run_id = ?1 AND chain_id = ?2 AND name = ?3");
  if (!judgement.ok()) return judgement.error();
  auto verdicts = db.Prepare(
      "SELECT v.judge, v.trusted, v.trusted_with_aia, v.error_code, v.error, v.path FROM verdict v "
      "JOIN judge j ON j.run_id = v.run_id AND j.judge = v.judge "
      "WHERE v.run_id = ?1 AND v.chain_id = ?2 AND v.name = ?3 ORDER BY " + db.InsertionOrder("j"));
  if (!verdicts.ok()) return verdicts.error();
  auto readiness = db.Prepare(
      "SELECT store, kind, location, state, anchor_count, reason, fix FROM readiness "
      "WHERE scan_id = ?1 AND target_key = ?2 AND seq = ?3 ORDER BY pos");
  if (!readiness.ok()) return readiness.error();
  for (size_t i = 0; i < scan_ids.size(); ++i) obs->Bind(static_cast<int>(i + 1), scan_ids[i]);
  while (obs->Step()) {
    ObservationRecord r;
    r.scan_id = obs->Text(0);
    r.run_id = obs->Text(1);
    r.target_key = obs->Text(2);
    r.target = obs->Text(3);
    r.source = obs->Text(4);
    r.host = obs->Text(5);
    r.port = static_cast<int>(obs->Int(6));
    r.sni = obs->Text(7);
    r.address = obs->Text(8);
    auto labels = nlohmann::json::parse(obs->Text(9), nullptr, false);
    if (labels.is_object()) {
      for (auto& [k, v] : labels.items()) r.labels[k] = v.is_string() ? v.get<std::string>() : v.dump();
    }
    r.seq = static_cast<int>(obs->Int(10));
    r.status = obs->Text(11);
    r.error = obs->Text(12);
    r.attempts = static_cast<int>(obs->Int(13));
    r.peer_address = obs->Text(14);
    r.tls_version = obs->Text(15);
    r.cipher = obs->Text(16);
    r.http_status = obs->IsNull(17) ? 0 : static_cast<int>(obs->Int(17));
    r.elapsed_ms = obs->Int(18);
    r.observed_at = obs->Int(19);
    r.chain_id = obs->Text(20);
    r.name = obs->Text(21);
    if (!r.chain_id.empty()) {
      certs->Bind(1, r.chain_id);
      while (certs->Step()) r.chain.push_back(certs->Text(0));
      certs->Reset();
      judgement->Bind(1, r.run_id).Bind(2, r.chain_id).Bind(3, r.name);
      if (judgement->Step()) {
        r.serves_profile = judgement->Int(0) != 0;
        r.trusted = judgement->Int(1) != 0;
      }
      judgement->Reset();
      verdicts->Bind(1, r.run_id).Bind(2, r.chain_id).Bind(3, r.name);
      while (verdicts->Step()) {
        StoreVerdictRecord v;
        v.judge = verdicts->Text(0);
        v.trusted = verdicts->Int(1) != 0;
        v.trusted_with_aia = verdicts->Int(2) != 0;
        v.error_code = verdicts->Text(3);
        v.error = verdicts->Text(4);
        v.path = verdicts->Text(5);
        r.stores.push_back(std::move(v));
      }
      verdicts->Reset();
    }
    if (r.target_key.rfind("image:", 0) == 0) {
      readiness->Bind(1, r.scan_id).Bind(2, r.target_key).Bind(3, int64_t(r.seq));
      while (readiness->Step()) {
        StoreReadinessRecord s;
        s.store = readiness->Text(0);
        s.kind = readiness->Text(1);
        s.location = readiness->Text(2);
        s.state = readiness->Text(3);
        s.anchor_count = readiness->IsNull(4) ? -1 : readiness->Int(4);
        s.reason = readiness->Text(5);
        s.fix = readiness->Text(6);
        r.readiness.push_back(std::move(s));
      }
      if (!readiness->error().empty()) return MakeError(ErrorKind::kIo, db.path() + ": " + readiness->error());
      readiness->Reset();
      // An image's verdict is its stores' readiness (no chain).
      if (r.status == "ok") {
        // No store found is never ready.
        bool ready = !r.readiness.empty();
        for (const auto& s : r.readiness) ready = ready && s.state == "ready";
        r.trusted = ready;
      }
    }
    fn(r);
  }
  if (!obs->error().empty()) return MakeError(ErrorKind::kIo, db.path() + ": " + obs->error());
  return {};
}

}  // namespace trustready::fleet
