// `fleet scan`: reader -> async probe engine -> one judge-and-sink thread.
// See include/trustready/fleet/fleet.h.
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>

#include <openssl/sha.h>

#include "fleet/db.h"
#include "fleet/result_db.h"
#include "trustready/fleet/fleet.h"
#include "trustready/image/image.h"
#include "trustready/x509/pem.h"

namespace trustready::fleet {

namespace {

using SteadyClock = std::chrono::steady_clock;

double CpuSeconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

std::string HostName() {
  char buf[256] = {};
  if (gethostname(buf, sizeof buf - 1) != 0) return "";
  return buf;
}

// A probed (or loaded) target on its way to the judge.
struct Item {
  FleetTarget target;
  AsyncProbeResult probe;
  bool offline = false;                  // chain file
  bool image = false;                    // image target (judged by check::Run)
  std::vector<CertificatePtr> offline_chain;
  std::string offline_error;
};

// Bounded hand-off to the judge thread. Loop threads push without waiting
// (each in-flight job adds at most one item, so the queue is bounded by the
// engine's concurrency); the reader waits when chain files pile up.
class ItemQueue {
 public:
  explicit ItemQueue(size_t soft_limit) : limit_(soft_limit) {}
  void Push(Item item, bool may_wait) {
    std::unique_lock lock(mu_);
    if (may_wait) space_.wait(lock, [&] { return q_.size() < limit_; });
    q_.push_back(std::move(item));
    ready_.notify_one();
  }
  bool Pop(Item* out) {
    std::unique_lock lock(mu_);
    ready_.wait(lock, [&] { return closed_ || !q_.empty(); });
    if (q_.empty()) return false;
    *out = std::move(q_.front());
    q_.pop_front();
    space_.notify_one();
    return true;
  }
  void Close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    ready_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable ready_, space_;
  std::deque<Item> q_;
  size_t limit_;
  bool closed_ = false;
};

struct Judgement {
  bool ok = false;
  std::string error;
  bool serves_profile = false;
  bool trusted = false;
  std::vector<StoreVerdictRecord> stores;
};

std::string StoreName(const CheckedStore& cs) {
  return cs.store.name().empty() ? cs.store.source() : cs.store.name();
}

std::string StoreContentSha(const CheckedStore& cs) {
  std::vector<std::string> shas;
  for (const auto& a : cs.store.anchors()) {
    shas.push_back(der::Hex(der::Input(a.cert->sha256().data(), 32)) + (a.trust.distrusted ? "!" : ""));
  }
  std::sort(shas.begin(), shas.end());
  std::string all;
  for (const auto& s : shas) all += s + "\n";
  return Sha256Hex(all);
}

// The sink: SQLite (optional) and the caller's ObservationSink (optional,
// e.g. the CLI's JSONL stream), written by the judge thread only.
class Sink {
 public:
  Status Open(const ScanOptions& o, const std::string& run_id, const std::string& scan_id) {
    run_id_ = run_id;
    scan_id_ = scan_id;
    if (o.observations != nullptr) {
      if (auto s = o.observations->Open(); !s.ok()) return s;
      observations_ = o.observations;
    }
    if (!o.out_db.empty()) {
      final_path_ = o.out_db;
      tmp_path_ = o.out_db + ".tmp-" + std::to_string(getpid());
      std::error_code ec;
      // Shard layouts (RESULTS/RUN_ID/shard-K.db) need their directory.
      const auto parent = std::filesystem::path(o.out_db).parent_path();
      if (!parent.empty()) std::filesystem::create_directories(parent, ec);
      std::filesystem::remove(tmp_path_, ec);
      auto db = SqliteDb::Open(tmp_path_, true);
      if (!db.ok()) return MakeError(ErrorKind::kIo, "--out " + o.out_db + ": " + db.error().message);
      db_ = std::move(*db);
      // Written to a temporary name and renamed at the end: a crash leaves
      // no half database under the final name, so no journal is needed.
      if (auto s = db_->Exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"); !s.ok()) return s;
      if (auto s = CreateSchema(*db_); !s.ok()) return s;
      if (auto s = db_->Exec("BEGIN"); !s.ok()) return s;
      auto prep = [&](SqliteStmt* st, const char* sql) -> Status {
        auto p = db_->Prepare(sql);
        if (!p.ok()) return p.error();
        *st = std::move(*p);
        return {};
      };
      Status s;
      if (!(s = prep(&ins_target_, "INSERT OR IGNORE INTO target VALUES (?1,?2,?3,?4,?5)")).ok()) return s;
      if (!(s = prep(&ins_cert_, "INSERT OR IGNORE INTO cert VALUES (?1,?2,?3,?4,?5,?6,?7,?8)")).ok()) return s;
      if (!(s = prep(&ins_chain_, "INSERT OR IGNORE INTO chain VALUES (?1,?2,?3)")).ok()) return s;
      if (!(s = prep(&ins_chain_cert_, "INSERT OR IGNORE INTO chain_cert VALUES (?1,?2,?3)")).ok()) return s;
      if (!(s = prep(&ins_judgement_, "INSERT OR IGNORE INTO judgement VALUES (?1,?2,?3,?4,?5)")).ok()) return s;
      if (!(s = prep(&ins_verdict_, "INSERT OR IGNORE INTO verdict VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)")).ok()) return s;
      if (!(s = prep(&ins_readiness_, "INSERT OR REPLACE INTO readiness VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)"))
               .ok()) {
        return s;
      }
      if (!(s = prep(&ins_obs_,
                     "INSERT OR REPLACE INTO observation VALUES "
                     "(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18)"))
               .ok()) {
        return s;
      }
    }
    return {};
  }

  Status WriteRun(const std::string& sql_values_json_unused, int shard_count, UnixTime judged_at,
                  const std::string& profile, const std::string& data_sha, const std::string& input_sha,
                  const std::string& options_json, const std::vector<CheckedStore>& stores) {
    (void)sql_values_json_unused;
    if (!db_) return {};
    auto st = db_->Prepare("INSERT INTO run VALUES (?1,?2,?3,?4,?5,?6,?7)");
    if (!st.ok()) return st.error();
    st->Bind(1, run_id_).Bind(2, shard_count).Bind(3, judged_at).Bind(4, profile).Bind(5, data_sha).Bind(6, input_sha)
        .Bind(7, options_json);
    if (auto s = st->Run(); !s.ok()) return s;
    auto j = db_->Prepare("INSERT OR IGNORE INTO judge VALUES (?1,?2,?3,?4,?5)");
    if (!j.ok()) return j.error();
    for (const auto& cs : stores) {
      j->Bind(1, run_id_).Bind(2, StoreName(cs)).Bind(3, "store").Bind(4, cs.location).Bind(5, StoreContentSha(cs));
      if (auto s = j->Run(); !s.ok()) return s;
    }
    return {};
  }

  Status WriteScan(int shard, UnixTime started, UnixTime finished, uint64_t targets, uint64_t handshakes) {
    if (!db_) return {};
    auto st = db_->Prepare("INSERT OR REPLACE INTO scan VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)");
    if (!st.ok()) return st.error();
    st->Bind(1, scan_id_).Bind(2, run_id_).Bind(3, shard).Bind(4, started).Bind(5, finished).Bind(6, HostName())
        .Bind(7, TRUSTREADY_VERSION).Bind(8, static_cast<int64_t>(targets)).Bind(9, static_cast<int64_t>(handshakes));
    return st->Run();
  }

  Status WriteChain(const std::string& chain_id, const std::vector<CertificatePtr>& chain) {
    if (!db_ || !chains_written_.insert(chain_id).second) return {};
    for (size_t i = 0; i < chain.size(); ++i) {
      const Certificate& c = *chain[i];
      const auto& p = c.parsed();
      std::vector<uint8_t> der(p.der.data(), p.der.data() + p.der.size());
      ins_cert_.Bind(1, c.Sha256Hex()).BindBlob(2, der).Bind(3, p.subject.ToRfc4514()).Bind(4, p.issuer.ToRfc4514())
          .Bind(5, p.not_before).Bind(6, p.not_after)
          .Bind(7, der::Hex(der::Input(c.spki_sha256().data(), 32)))
          .Bind(8, int64_t(p.basic_constraints && p.basic_constraints->is_ca ? 1 : 0));
      if (auto s = ins_cert_.Run(); !s.ok()) return s;
      ins_chain_cert_.Bind(1, chain_id).Bind(2, int64_t(i)).Bind(3, c.Sha256Hex());
      if (auto s = ins_chain_cert_.Run(); !s.ok()) return s;
    }
    ins_chain_.Bind(1, chain_id).Bind(2, chain.front()->Sha256Hex()).Bind(3, int64_t(chain.size()));
    return ins_chain_.Run();
  }

  Status WriteJudgement(const std::string& chain_id, const std::string& name, const Judgement& j) {
    if (!db_) return {};
    ins_judgement_.Bind(1, run_id_).Bind(2, chain_id).Bind(3, name).Bind(4, int64_t(j.serves_profile))
        .Bind(5, int64_t(j.trusted));
    if (auto s = ins_judgement_.Run(); !s.ok()) return s;
    for (const auto& v : j.stores) {
      ins_verdict_.Bind(1, run_id_).Bind(2, chain_id).Bind(3, name).Bind(4, v.judge).Bind(5, int64_t(v.trusted))
          .Bind(6, int64_t(v.trusted_with_aia)).BindOpt(7, v.error_code).BindOpt(8, v.error).BindOpt(9, v.path);
      if (auto s = ins_verdict_.Run(); !s.ok()) return s;
    }
    return {};
  }

  Status WriteObservation(const ObservationRecord& r) {
    if (db_) {
      ins_target_.Bind(1, r.target_key).Bind(2, r.host).Bind(3, int64_t(r.port)).BindOpt(4, r.sni).BindOpt(5, r.address);
      if (r.target_key.rfind("file:", 0) == 0) ins_target_.BindNull(4);
      if (auto s = ins_target_.Run(); !s.ok()) return s;
      nlohmann::json labels = nlohmann::json::object();
      for (const auto& [k, v] : r.labels) labels[k] = v;
      ins_obs_.Bind(1, r.scan_id).Bind(2, r.target_key).Bind(3, int64_t(r.seq)).Bind(4, r.target).BindOpt(5, r.source)
          .Bind(6, labels.dump()).Bind(7, r.status).BindOpt(8, r.error).Bind(9, int64_t(r.attempts)).BindOpt(10, r.sni)
          .BindOpt(11, r.peer_address).BindOpt(12, r.tls_version).BindOpt(13, r.cipher);
      if (r.http_status > 0) {
        ins_obs_.Bind(14, int64_t(r.http_status));
      } else {
        ins_obs_.BindNull(14);
      }
      ins_obs_.Bind(15, r.elapsed_ms).Bind(16, r.observed_at).BindOpt(17, r.chain_id);
      if (r.chain_id.empty()) {
        ins_obs_.BindNull(18);
      } else {
        ins_obs_.Bind(18, r.name);
      }
      if (auto s = ins_obs_.Run(); !s.ok()) return s;
      for (size_t i = 0; i < r.readiness.size(); ++i) {
        const StoreReadinessRecord& x = r.readiness[i];
        ins_readiness_.Bind(1, r.scan_id).Bind(2, r.target_key).Bind(3, int64_t(r.seq)).Bind(4, int64_t(i))
            .Bind(5, x.store).Bind(6, x.kind).Bind(7, x.location).Bind(8, x.state);
        if (x.anchor_count < 0) {
          ins_readiness_.BindNull(9);
        } else {
          ins_readiness_.Bind(9, x.anchor_count);
        }
        ins_readiness_.BindOpt(10, x.reason).BindOpt(11, x.fix);
        if (auto s = ins_readiness_.Run(); !s.ok()) return s;
      }
      if (++rows_ >= 1000 || SteadyClock::now() - last_commit_ > std::chrono::milliseconds(200)) {
        if (auto s = db_->Exec("COMMIT; BEGIN"); !s.ok()) return s;
        rows_ = 0;
        last_commit_ = SteadyClock::now();
      }
    }
    if (observations_ != nullptr) observations_->Write(r);
    return {};
  }

  Status Close(bool keep) {
    if (observations_ != nullptr) observations_->Close();
    observations_ = nullptr;
    if (!db_) return {};
    Status s = db_->Exec("COMMIT");
    db_.reset();
    std::error_code ec;
    if (!keep || !s.ok()) {
      std::filesystem::remove(tmp_path_, ec);
      return s;
    }
    std::filesystem::rename(tmp_path_, final_path_, ec);
    if (ec) return MakeError(ErrorKind::kIo, "--out " + final_path_ + ": " + ec.message());
    return {};
  }

 private:
  std::string run_id_, scan_id_;
  ObservationSink* observations_ = nullptr;
  std::unique_ptr<SqliteDb> db_;
  std::string final_path_, tmp_path_;
  SqliteStmt ins_target_, ins_cert_, ins_chain_, ins_chain_cert_, ins_judgement_, ins_verdict_, ins_obs_,
      ins_readiness_;
  std::set<std::string> chains_written_;
  int rows_ = 0;
  SteadyClock::time_point last_commit_ = SteadyClock::now();
};

// An image target: the stores found in it judged as `check --root PATH`
// (a folder) or `check --image PATH` (an archive) judges them, by the same
// call, at the scan's judging time.
void JudgeImage(const FleetTarget& t, const std::shared_ptr<const MigrationProfile>& profile, UnixTime at,
                ObservationRecord* r) {
  CheckRequest request;
  request.loaded_profile = profile;
  request.time = at;
  request.client_stores = CheckRequest::ClientStores::kAuto;  // as the command's default
  // A folder is a root file system unless it is an OCI layout or an
  // unpacked `docker save`; a file is always read as an image archive.
  std::error_code ec;
  if (std::filesystem::is_directory(t.image, ec) && !LooksLikeImage(t.image)) {
    request.stores.root = t.image;
  } else {
    request.image = t.image;
  }
  auto report = check::Run(request);
  if (!report.ok()) {
    r->status = "bad_image";
    r->error = report.error().ToString();
    return;
  }
  r->status = "ok";
  bool ready = !report->stores.empty();
  for (const StoreReadiness& s : report->stores) {
    StoreReadinessRecord x;
    x.store = s.store;
    x.kind = std::string(StoreKindName(s.kind));
    x.location = s.location;
    x.state = std::string(StoreStateName(s.state));
    x.anchor_count = s.state == StoreState::kUnknown ? -1 : static_cast<int64_t>(s.anchor_count);
    x.reason = s.unknown_reason;
    std::vector<std::string> lines = s.remediation.commands;
    if (s.state == StoreState::kUnknown && !s.unknown_fix.empty()) lines.push_back(s.unknown_fix);
    for (const std::string& line : lines) x.fix += (x.fix.empty() ? "" : "\n") + line;
    ready = ready && s.state == StoreState::kReady;
    r->readiness.push_back(std::move(x));
  }
  r->trusted = ready;
}

}  // namespace


// A timeout option in seconds (0 < s <= 600) as milliseconds.
static Result<std::chrono::milliseconds> TimeoutSeconds(double s, const std::string& option) {
  if (!(s > 0 && s <= 600)) return MakeError(ErrorKind::kInvalidArgument, option + ": must be between 0 and 600 seconds");
  return std::chrono::milliseconds(static_cast<int64_t>(std::llround(s * 1000)));
}

Result<AsyncProbeOptions> ProbeOptionsFrom(const ProbeSettings& s) {
  auto bad = [](const std::string& message) { return MakeError(ErrorKind::kInvalidArgument, message); };
  if (s.concurrency < 1 || s.concurrency > 100000) return bad("--concurrency: between 1 and 100000");
  if (s.threads < 0 || s.threads > 256) return bad("--threads: between 0 (one per core) and 256");
  if (s.resolvers < 1 || s.resolvers > 256) return bad("--resolvers: between 1 and 256");
  if (s.per_ip_concurrency < 0) return bad("--per-ip-concurrency: 0 (no limit) or more");
  if (s.per_ip_rate < 0) return bad("--per-ip-rate: 0 (no limit) or more");
  if (s.retries < 0 || s.retries > 5) return bad("--retries: between 0 and 5");
  if (!(s.retry_backoff >= 0 && s.retry_backoff <= 60)) return bad("--retry-backoff: between 0 and 60 seconds");
  AsyncProbeOptions p;
  p.threads = s.threads;
  p.resolver_threads = s.resolvers;
  p.concurrency = static_cast<size_t>(s.concurrency);
  p.per_ip_concurrency = s.per_ip_concurrency;
  p.per_ip_rate = s.per_ip_rate;
  const std::pair<double, const char*> timeouts[] = {{s.dns_timeout, "--dns-timeout"},
                                                     {s.connect_timeout, "--connect-timeout"},
                                                     {s.handshake_timeout, "--handshake-timeout"},
                                                     {s.read_timeout, "--read-timeout"}};
  std::chrono::milliseconds* fields[] = {&p.dns_timeout, &p.connect_timeout, &p.handshake_timeout, &p.read_timeout};
  for (size_t i = 0; i < 4; ++i) {
    auto ms = TimeoutSeconds(timeouts[i].first, timeouts[i].second);
    if (!ms.ok()) return ms.error();
    *fields[i] = *ms;
  }
  p.retries = s.retries;
  p.retry_backoff = std::chrono::milliseconds(static_cast<int64_t>(s.retry_backoff * 1000));
  p.dns_cache = !s.no_dns_cache;
  return p;
}

Result<ScanSummary> RunScan(const ScanOptions& options, const MigrationProfile& profile,
                            const std::vector<CheckedStore>& stores, const TargetCheckOptions& judge) {
  // PostgreSQL: the scan writes its own SQLite file as always (one writer,
  // atomic), which is then loaded into PostgreSQL in one transaction, as
  // `fleet merge --out postgresql://...` would. The server is reached first,
  // so that a wrong conninfo fails before any probe.
  if (IsPostgresSpec(options.out_db)) {
    {
      auto c = ConnectPostgres(options.out_db);
      if (!c.ok()) return MakeError(ErrorKind::kIo, "--out " + c.error().message);
    }
    std::error_code ec;
    std::string tmpl = (std::filesystem::temp_directory_path(ec) / "trustready-scan-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) return MakeError(ErrorKind::kIo, "cannot make a temporary directory for the scan");
    struct Cleanup {
      std::string dir;
      ~Cleanup() {
        std::error_code e;
        std::filesystem::remove_all(dir, e);
      }
    } cleanup{tmpl};
    ScanOptions local = options;
    local.out_db = tmpl + "/scan.db";
    auto summary = RunScan(local, profile, stores, judge);
    if (!summary.ok()) return summary;
    MergeOptions mo;
    mo.out_db = options.out_db;
    mo.inputs = {local.out_db};
    auto merged = MergeShards(mo);
    if (!merged.ok()) return merged.error();
    return summary;
  }
  ScanSummary summary;
  summary.shard = options.shard.index;
  summary.shard_count = options.shard.count;

  // Targets from stdin are spooled to a file: the file is read twice (a
  // validation pass first, so a bad line stops the run before any probe).
  std::string path = options.targets_path;
  std::string spooled;
  if (path == "-") {
    char tmpl[] = "/tmp/trustready-targets.XXXXXX";
    int fd = mkstemp(tmpl);
    if (fd < 0) return MakeError(ErrorKind::kIo, "cannot spool stdin");
    close(fd);
    spooled = tmpl;
    std::ofstream out(spooled, std::ios::binary);
    out << std::cin.rdbuf();
    path = spooled;
  }
  struct Unspool {
    std::string p;
    ~Unspool() {
      if (!p.empty()) std::remove(p.c_str());
    }
  } unspool{spooled};

  // Pass 1: validate every line and hash the input.
  std::string input_sha;
  {
    std::ifstream in(path, std::ios::binary);
    if (!in) return MakeError(ErrorKind::kIo, options.targets_path + ": cannot read");
    std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    input_sha = Sha256Hex(all);
  }
  {
    auto reader = TargetReader::Open(path, options.format, options.defaults);
    if (!reader.ok()) return reader.error();
    for (;;) {
      auto t = (*reader)->Next();
      if (!t.ok()) {
        Error e = t.error();
        if (!spooled.empty() && e.message.rfind(spooled, 0) == 0) e.message = "<stdin>" + e.message.substr(spooled.size());
        return e;
      }
      if (!t->has_value()) break;
    }
  }

  // Run identity.
  const auto wall_start = std::chrono::system_clock::now();
  const UnixTime started = std::chrono::duration_cast<std::chrono::seconds>(wall_start.time_since_epoch()).count();
  const UnixTime hour = started - started % 3600;
  std::string run_id = options.run_id;
  if (run_id.empty() && std::getenv("TRUSTREADY_RUN_ID") != nullptr) run_id = std::getenv("TRUSTREADY_RUN_ID");
  if (run_id.empty()) {
    std::string h = FormatRfc3339(hour);  // 2026-12-06T01:00:00Z
    run_id = input_sha.substr(0, 12) + "-" + h.substr(0, 13);
  }
  for (char c : run_id) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == ':')) {
      return MakeError(ErrorKind::kInvalidArgument, "--run-id '" + run_id + "': letters, digits, '-', '_', '.', ':'");
    }
  }
  UnixTime judged_at = options.judged_at;
  if (judged_at == 0) judged_at = options.shard.count > 1 ? hour : started;
  summary.judged_at = judged_at;
  summary.run_id = run_id;
  summary.scan_id = run_id + "/" + std::to_string(options.shard.index) + "-of-" + std::to_string(options.shard.count);

  std::string data;
  data += "profile " + profile.name + "\n";
  for (const auto& cs : stores) data += "store " + StoreName(cs) + " " + StoreContentSha(cs) + "\n";
  const std::string data_sha = Sha256Hex(data);

  Sink sink;
  if (auto s = sink.Open(options, run_id, summary.scan_id); !s.ok()) return s.error();
  if (auto s = sink.WriteRun("", options.shard.count, judged_at, profile.name, data_sha, input_sha,
                             options.options_json.empty() ? "{}" : options.options_json, stores);
      !s.ok()) {
    (void)sink.Close(false);
    return s.error();
  }

  TargetCheckOptions jopt = judge;
  jopt.check.time = judged_at;
  SignatureCache cache;  // owned by the judge thread
  jopt.check.cache = &cache;

  const double cpu_start = CpuSeconds();
  const auto t0 = SteadyClock::now();
  ItemQueue queue(4 * std::max<size_t>(options.probe.concurrency, 1));
  std::mutex pending_mu;
  std::unordered_map<uint64_t, FleetTarget> pending;
  Status sink_status;
  std::unordered_map<std::string, Judgement> judged;  // chain_id + "|" + name
  std::set<std::string> chains_seen;

  const auto shared_profile = std::make_shared<const MigrationProfile>(profile);
  std::thread judge_thread([&] {
    Item item;
    while (queue.Pop(&item)) {
      ObservationRecord r;
      const FleetTarget& t = item.target;
      r.scan_id = summary.scan_id;
      r.run_id = run_id;
      r.target_key = t.Key();
      r.target = t.text;
      r.source = t.source;
      r.host = t.host;
      r.port = t.port;
      r.sni = t.EffectiveSni();
      r.address = t.address;
      r.labels = t.labels;
      r.observed_at = Now();
      std::vector<CertificatePtr> chain;
      if (item.image) {
        JudgeImage(t, shared_profile, judged_at, &r);
      } else if (item.offline) {
        r.status = item.offline_error.empty() ? "ok" : "bad_chain";
        r.error = item.offline_error;
        chain = item.offline_chain;
      } else {
        const AsyncProbeResult& p = item.probe;
        r.status = std::string(ProbeStatusName(p.status));
        r.error = p.error;
        r.attempts = p.attempts;
        r.peer_address = p.address;
        r.tls_version = p.tls_version;
        r.cipher = p.cipher;
        r.http_status = p.http_status;
        r.elapsed_ms = p.elapsed_ms;
        // A chain already judged under this name needs no parsing: its id is
        // over the certificates' SHA-256, which is the DER's.
        std::string fast_ids;
        for (const auto& der : p.chain) {
          unsigned char md[32];
          SHA256(der.data(), der.size(), md);
          fast_ids.append(reinterpret_cast<const char*>(md), 32);
        }
        const std::string fast_id = Sha256Hex(fast_ids);
        if (p.status == ProbeStatus::kOk && judged.count(fast_id + "|" + t.NameToCheck()) != 0) {
          r.chain_id = fast_id;
          for (size_t i = 0; i < fast_ids.size(); i += 32) r.chain.push_back(der::Hex(der::Input(
              reinterpret_cast<const uint8_t*>(fast_ids.data() + i), 32)));
        } else if (p.status == ProbeStatus::kOk) {
          for (size_t i = 0; i < p.chain.size(); ++i) {
            auto c = Certificate::Parse(p.chain[i]);
            if (!c.ok()) {
              r.status = "bad_chain";
              r.error = "presented certificate #" + std::to_string(i) + " does not parse: " + c.error().ToString();
              chain.clear();
              break;
            }
            chain.push_back(*c);
          }
        }
      }
      if (r.status == "ok" && !r.chain_id.empty()) {
        r.name = t.NameToCheck();
        const Judgement& j = judged.at(r.chain_id + "|" + r.name);
        if (!j.ok) {
          r.status = "judge_error";
          r.error = j.error;
          r.chain_id.clear();
          r.chain.clear();
          r.name.clear();
        } else {
          r.serves_profile = j.serves_profile;
          r.trusted = j.trusted;
          r.stores = j.stores;
        }
      } else if (r.status == "ok" && !chain.empty()) {
        std::string ids;
        for (const auto& c : chain) ids.append(reinterpret_cast<const char*>(c->sha256().data()), 32);
        r.chain_id = Sha256Hex(ids);
        r.name = t.NameToCheck();
        for (const auto& c : chain) r.chain.push_back(c->Sha256Hex());
        chains_seen.insert(r.chain_id);
        const std::string jkey = r.chain_id + "|" + r.name;
        auto it = judged.find(jkey);
        if (it == judged.end()) {
          Judgement j;
          // check's own judging of a chain in hand (a TargetInput without an
          // endpoint), with the name a client connecting this way checks.
          TargetInput in;
          in.target = t.text;
          in.chain = chain;
          TargetCheckOptions o = jopt;
          o.host = r.name;
          TargetCheck checked_value = CheckTarget(in, profile, stores, o);
          TargetCheck* checked = &checked_value;
          if (checked->status == TargetStatus::kError) {
            j.error = checked->error;
          } else {
            j.ok = true;
            j.serves_profile = checked->serves_profile;
            j.trusted = checked->trusted;
            for (const auto& v : checked->stores) {
              StoreVerdictRecord sv;
              sv.judge = v.store;
              sv.trusted = v.trusted;
              sv.trusted_with_aia = v.trusted || v.trusted_with_aia;
              if (!v.trusted) {
                sv.error_code = std::string(VerifyErrorCodeName(v.result.most_specific.code));
                sv.error = v.result.most_specific.message;
              } else if (const VerifiedPath* vp = v.result.ValidPath()) {
                for (const auto& c : vp->certificates) sv.path += (sv.path.empty() ? "" : ",") + c->Sha256Hex();
              }
              j.stores.push_back(std::move(sv));
            }
            if (sink_status.ok()) sink_status = sink.WriteChain(r.chain_id, chain);
            if (sink_status.ok()) sink_status = sink.WriteJudgement(r.chain_id, r.name, j);
          }
          it = judged.emplace(jkey, std::move(j)).first;
        }
        const Judgement& j = it->second;
        if (!j.ok) {
          r.status = "judge_error";
          r.error = j.error;
          r.chain_id.clear();
          r.chain.clear();
          r.name.clear();
        } else {
          r.serves_profile = j.serves_profile;
          r.trusted = j.trusted;
          r.stores = j.stores;
        }
      }
      ++summary.statuses[r.status];
      if (item.image) {
        ++summary.images;
        if (r.status == "ok") ++summary.images_judged;
        if (r.status == "ok" && r.trusted.value_or(false)) ++summary.images_ready;
      }
      if (r.status == "ok") {
        ++summary.ok;
        if (r.trusted.value_or(false)) ++summary.trusted;
      }
      if (sink_status.ok()) sink_status = sink.WriteObservation(r);
    }
  });

  AsyncProbeOptions po = options.probe;
  uint64_t next_id = 0;
  {
    AsyncProber prober(po, [&](AsyncProbeResult res) {
      Item item;
      {
        std::lock_guard lock(pending_mu);
        auto it = pending.find(res.id);
        item.target = std::move(it->second);
        pending.erase(it);
      }
      item.probe = std::move(res);
      queue.Push(std::move(item), false);
    });
    auto reader = TargetReader::Open(path, options.format, options.defaults);
    if (!reader.ok()) {
      queue.Close();
      judge_thread.join();
      (void)sink.Close(false);
      return reader.error();
    }
    for (;;) {
      auto t = (*reader)->Next();
      if (!t.ok() || !t->has_value()) break;  // validated in pass 1
      FleetTarget target = std::move(**t);
      if (!options.shard.Contains(target)) {
        ++summary.skipped_other_shards;
        continue;
      }
      ++summary.targets;
      if (!target.image.empty()) {
        Item item;
        item.image = true;
        item.target = std::move(target);
        queue.Push(std::move(item), true);
        continue;
      }
      if (target.chain_file) {
        Item item;
        item.offline = true;
        auto certs = LoadCertificatesFromFile(target.text);
        if (!certs.ok()) {
          item.offline_error = certs.error().ToString();
        } else if (certs->empty()) {
          item.offline_error = "no certificate in the file";
        } else {
          item.offline_chain = *certs;
        }
        item.target = std::move(target);
        queue.Push(std::move(item), true);
        continue;
      }
      AsyncProbeJob job;
      job.id = next_id++;
      job.host = target.host;
      job.port = target.port;
      job.address = target.address;
      job.sni = target.EffectiveSni();
      job.starttls = target.starttls.empty() ? StartTls::kNone : *ParseStartTls(target.starttls);
      // The HTTP GET is for HTTPS; a mail or database server is not asked.
      job.http = options.http && job.starttls == StartTls::kNone;
      job.path = target.path;
      {
        std::lock_guard lock(pending_mu);
        pending.emplace(job.id, std::move(target));
      }
      prober.Submit(std::move(job));
    }
    prober.Finish();
    summary.handshakes = prober.handshakes();
    summary.attempts = prober.attempts();
  }
  queue.Close();
  judge_thread.join();
  summary.seconds = std::chrono::duration<double>(SteadyClock::now() - t0).count();
  summary.cpu_us_per_handshake =
      summary.handshakes > 0 ? (CpuSeconds() - cpu_start) * 1e6 / double(summary.handshakes) : 0.0;
  summary.chains = chains_seen.size();
  summary.judgements = judged.size();
  const UnixTime finished = Now();
  if (sink_status.ok()) sink_status = sink.WriteScan(options.shard.index, started, finished, summary.targets, summary.handshakes);
  Status closed = sink.Close(sink_status.ok());
  if (!sink_status.ok()) return sink_status.error();
  if (!closed.ok()) return closed.error();
  return summary;
}

}  // namespace trustready::fleet
