// Working with stored fleet results: export, merge, metrics, diff.
// See include/trustready/fleet/fleet.h.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "fleet/result_db.h"
#include "trustready/fleet/fleet.h"

namespace trustready::fleet {

namespace {

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "''";
    else out += c;
  }
  return out + "'";
}

}  // namespace

Status ReadStoredObservations(const std::string& db_path, const std::string& scan, const ObservationFn& fn) {
  auto db = OpenFleetDb(db_path);
  if (!db.ok()) return db.error();
  auto scans = ResolveScans(**db, scan, nullptr);
  if (!scans.ok()) return scans.error();
  return ReadObservations(**db, *scans, fn);
}

// --- merge ------------------------------------------------------------------


namespace {

const char* const kContentTables[] = {"run", "target", "cert", "chain", "chain_cert", "judge", "judgement", "verdict"};

// Appends `v` as a field of COPY's text format (PostgreSQL "COPY", File
// Formats: backslash, tab, newline and carriage return escaped).
void AppendCopyText(std::string* out, std::string_view v) {
  for (char c : v) {
    switch (c) {
      case '\\': *out += "\\\\"; break;
      case '\t': *out += "\\t"; break;
      case '\n': *out += "\\n"; break;
      case '\r': *out += "\\r"; break;
      default: *out += c;
    }
  }
}

// Copies the rows of `select` (on a shard) into `table` of PostgreSQL, by
// column name, skipping rows already there. COPY cannot skip conflicts, so
// the rows are COPYed into a temporary table first (numbered in shard
// order: judge keeps its insertion order) and moved with INSERT ... ON
// CONFLICT DO NOTHING; one round trip per table instead of one per row.
Status CopyRows(SqliteDb& shard, FleetDb& pg, const std::string& select, const std::string& bind1,
                const std::string& table) {
  auto src = shard.Prepare(select);
  if (!src.ok()) return src.error();
  if (!bind1.empty()) src->Bind(1, bind1);
  const int cols = src->Columns();
  std::string names;
  for (int c = 0; c < cols; ++c) names += (c ? "," : "") + src->ColumnName(c);
  bool have_row = src->Step();
  if (!have_row) {
    if (!src->error().empty()) return MakeError(ErrorKind::kIo, shard.path() + ": " + src->error());
    return {};
  }
  const std::string tmp = "tr_copy_" + table;
  if (Status s = pg.Exec("CREATE TEMP TABLE " + tmp + " AS SELECT " + names + " FROM " + table +
                         " WITH NO DATA; ALTER TABLE " + tmp + " ADD COLUMN tr_seq BIGSERIAL");
      !s.ok()) {
    return s;
  }
  Status copied = pg.CopyIn("COPY " + tmp + " (" + names + ") FROM STDIN", [&](std::string* out) -> Result<bool> {
    while (have_row && out->size() < (1u << 16)) {
      for (int c = 0; c < cols; ++c) {
        if (c) *out += '\t';
        switch (src->ColumnType(c)) {
          case SQLITE_NULL: *out += "\\N"; break;
          case SQLITE_INTEGER: *out += std::to_string(src->Int(c)); break;
          case SQLITE_BLOB: {
            // bytea's hex input form, its backslash escaped for COPY.
            static const char kHex[] = "0123456789abcdef";
            *out += "\\\\x";
            for (uint8_t b : src->Blob(c)) {
              *out += kHex[b >> 4];
              *out += kHex[b & 15];
            }
            break;
          }
          default: AppendCopyText(out, src->Text(c)); break;
        }
      }
      *out += '\n';
      have_row = src->Step();
    }
    if (!have_row && !src->error().empty()) return MakeError(ErrorKind::kIo, shard.path() + ": " + src->error());
    return have_row;
  });
  if (!copied.ok()) return copied;
  return pg.Exec("INSERT INTO " + table + " (" + names + ") SELECT " + names + " FROM " + tmp +
                 " ORDER BY tr_seq ON CONFLICT DO NOTHING; DROP TABLE " + tmp);
}

// One shard into PostgreSQL, in one transaction: the content-addressed
// tables by union, then the scan and its observations unless that shard of
// the run is there already (merging twice changes nothing).
Status LoadShardIntoPostgres(FleetDb& pg, const std::string& file) {
  auto opened = SqliteDb::Open(file, false);
  if (!opened.ok()) return opened.error();
  SqliteDb& shard = **opened;
  if (Status s = pg.Exec("BEGIN"); !s.ok()) return s;
  auto fail = [&](Status s) {
    (void)pg.Exec("ROLLBACK");
    return s;
  };
  std::vector<std::string> new_scans;
  {
    auto scans = shard.Prepare("SELECT scan_id, run_id, shard FROM scan ORDER BY shard");
    if (!scans.ok()) return fail(scans.error());
    auto there = pg.Prepare("SELECT 1 FROM scan WHERE run_id = ?1 AND shard = ?2");
    if (!there.ok()) return fail(there.error());
    while (scans->Step()) {
      there->Bind(1, scans->Text(1)).Bind(2, scans->Int(2));
      const bool present = there->Step();
      if (!there->error().empty()) return fail(MakeError(ErrorKind::kIo, there->error()));
      there->Reset();
      if (!present) new_scans.push_back(scans->Text(0));
    }
  }
  for (const char* t : kContentTables) {
    // judge rows keep their order (the stores' order in reports).
    if (Status s = CopyRows(shard, pg, std::string("SELECT * FROM ") + t + " ORDER BY rowid", "", t); !s.ok()) {
      return fail(s);
    }
  }
  for (const auto& id : new_scans) {
    if (Status s = CopyRows(shard, pg, "SELECT * FROM scan WHERE scan_id = ?1", id, "scan"); !s.ok()) return fail(s);
    if (Status s = CopyRows(shard, pg, "SELECT * FROM observation WHERE scan_id = ?1 ORDER BY rowid", id, "observation");
        !s.ok()) {
      return fail(s);
    }
    if (Status s = CopyRows(shard, pg, "SELECT * FROM readiness WHERE scan_id = ?1 ORDER BY rowid", id, "readiness");
        !s.ok()) {
      return fail(s);
    }
  }
  return pg.Exec("COMMIT");
}

}  // namespace

Result<MergeSummary> MergeShards(const MergeOptions& options) {
  // Inputs: files, or every *.db of a directory (sorted; order does not matter).
  std::vector<std::string> files;
  for (const auto& in : options.inputs) {
    if (std::filesystem::is_directory(in)) {
      std::vector<std::string> found;
      for (const auto& e : std::filesystem::directory_iterator(in)) {
        if (e.is_regular_file() && e.path().extension() == ".db") found.push_back(e.path().string());
      }
      if (found.empty()) return MakeError(ErrorKind::kIo, in + ": no shard databases (*.db) in it");
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.push_back(in);
    }
  }
  // Every input must be one run, and all inputs the same run.
  struct RunRow {
    int64_t shard_count, judged_at;
    std::string data_sha;
  };
  MergeSummary m;
  RunRow run{};
  for (const auto& f : files) {
    auto db = OpenSqliteFleetDb(f);
    if (!db.ok()) return db.error();
    auto st = (*db)->Prepare("SELECT run_id, shard_count, judged_at, data_sha256 FROM run");
    if (!st.ok()) return st.error();
    int n = 0;
    while (st->Step()) {
      ++n;
      RunRow r{st->Int(1), st->Int(2), st->Text(3)};
      if (m.run_id.empty()) {
        m.run_id = st->Text(0);
        run = r;
      } else if (st->Text(0) != m.run_id) {
        return MakeError(ErrorKind::kInvalidArgument, f + ": run " + st->Text(0) + ", not " + m.run_id +
                                                          " (merge the shards of one run at a time)");
      } else if (r.shard_count != run.shard_count || r.judged_at != run.judged_at || r.data_sha != run.data_sha) {
        return MakeError(ErrorKind::kInvalidArgument,
                         f + ": same run id, but a different shard count, judging time or trust data");
      }
    }
    if (n == 0) return MakeError(ErrorKind::kInvalidArgument, f + ": holds no run");
  }
  if (files.empty()) return MakeError(ErrorKind::kInvalidArgument, "no input");

  const bool pg = IsPostgresSpec(options.out_db);
  std::unique_ptr<FleetDb> out;
  if (pg) {
    auto c = ConnectPostgres(options.out_db);
    if (!c.ok()) return MakeError(ErrorKind::kIo, "--out " + c.error().message);
    out = std::move(*c);
    if (auto s = CreatePostgresSchema(*out); !s.ok()) return s.error();
  } else {
    auto o = SqliteDb::Open(options.out_db, true);
    if (!o.ok()) return MakeError(ErrorKind::kIo, "--out " + options.out_db + ": " + o.error().message);
    if (auto s = CreateSchema(**o); !s.ok()) return s.error();
    out = WrapSqlite(std::move(*o));
  }
  FleetDb& db = *out;
  if (auto s = CheckSchema(db); !s.ok()) return s.error();
  {
    auto st = db.Prepare("SELECT shard_count, judged_at, data_sha256 FROM run WHERE run_id = ?1");
    if (!st.ok()) return st.error();
    st->Bind(1, m.run_id);
    if (st->Step() && (st->Int(0) != run.shard_count || st->Int(1) != run.judged_at || st->Text(2) != run.data_sha)) {
      return MakeError(ErrorKind::kInvalidArgument, db.path() + ": already holds run " + m.run_id +
                                                        " with a different shard count, judging time or trust data");
    }
  }
  for (const auto& f : files) {
    if (pg) {
      if (Status s = LoadShardIntoPostgres(db, f); !s.ok()) return WithContext(s.error(), f);
      continue;
    }
    SqliteDb& lite = *db.sqlite();
    if (auto s = lite.Exec("ATTACH DATABASE " + Quote(f) + " AS shard"); !s.ok()) return s.error();
    Status s = lite.Exec("BEGIN");
    // A shard already merged (same run and index) is skipped whole: merging
    // twice changes nothing.
    auto fresh = lite.Prepare(
        "SELECT scan_id FROM shard.scan WHERE NOT EXISTS "
        "(SELECT 1 FROM main.scan m WHERE m.run_id = shard.scan.run_id AND m.shard = shard.scan.shard)");
    std::vector<std::string> new_scans;
    if (!fresh.ok()) {
      s = fresh.error();
    } else {
      while (fresh->Step()) new_scans.push_back(fresh->Text(0));
    }
    for (const char* t : kContentTables) {
      if (!s.ok()) break;
      s = lite.Exec(std::string("INSERT OR IGNORE INTO main.") + t + " SELECT * FROM shard." + t);
    }
    for (const auto& id : new_scans) {
      if (!s.ok()) break;
      s = lite.Exec("INSERT INTO main.scan SELECT * FROM shard.scan WHERE scan_id = " + Quote(id));
      if (s.ok()) s = lite.Exec("INSERT INTO main.observation SELECT * FROM shard.observation WHERE scan_id = " + Quote(id));
      if (s.ok()) s = lite.Exec("INSERT INTO main.readiness SELECT * FROM shard.readiness WHERE scan_id = " + Quote(id));
    }
    if (s.ok()) {
      s = lite.Exec("COMMIT");
    } else {
      (void)lite.Exec("ROLLBACK");
    }
    (void)lite.Exec("DETACH DATABASE shard");
    if (!s.ok()) return WithContext(s.error(), f);
  }
  m.shard_count = static_cast<int>(run.shard_count);
  auto st = db.Prepare("SELECT shard FROM scan WHERE run_id = ?1 ORDER BY shard");
  if (!st.ok()) return st.error();
  st->Bind(1, m.run_id);
  std::set<int> have;
  while (st->Step()) have.insert(static_cast<int>(st->Int(0)));
  for (int k = 0; k < m.shard_count; ++k) {
    if (have.count(k)) {
      m.present.push_back(k);
    } else {
      m.missing.push_back(k);
    }
  }
  auto cnt = db.Prepare("SELECT count(*) FROM observation JOIN scan USING (scan_id) WHERE run_id = ?1");
  if (!cnt.ok()) return cnt.error();
  cnt->Bind(1, m.run_id);
  if (cnt->Step()) m.observations = static_cast<uint64_t>(cnt->Int(0));
  return m;
}

// --- metrics ----------------------------------------------------------------

namespace {

std::string EscapeLabel(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

struct MetricFamily {
  std::string name, help;
  std::map<std::string, double> series;  // rendered label set -> value
};

}  // namespace

Result<size_t> WriteMetrics(const MetricsOptions& options) {
  auto dbr = OpenFleetDb(options.db_path);
  if (!dbr.ok()) return dbr.error();
  FleetDb& db = **dbr;
  std::string run_id;
  auto scans = ResolveScans(db, "latest", &run_id);
  if (!scans.ok()) return scans.error();
  const UnixTime now = Now();

  MetricFamily info{"trustready_fleet_scan_info", "The run these metrics describe (value 1).", {}};
  MetricFamily ts{"trustready_fleet_scan_timestamp_seconds", "When the newest shard of the run finished.", {}};
  MetricFamily shards{"trustready_fleet_scan_shards", "Shards of the run, present or missing.", {}};
  MetricFamily targets{"trustready_fleet_targets", "Observations of the run by probe status.", {}};
  MetricFamily endpoints{"trustready_fleet_endpoints", "Reached endpoints by store and verdict.", {}};
  MetricFamily profile{"trustready_fleet_profile_endpoints", "Reached endpoints that serve the profile's CAs.", {}};
  MetricFamily expiring{"trustready_fleet_endpoints_expiring", "Reached endpoints whose leaf expires within the window.", {}};
  MetricFamily earliest{"trustready_fleet_leaf_expiry_earliest_timestamp_seconds", "Earliest leaf notAfter.", {}};
  MetricFamily images{"trustready_fleet_images", "Judged image targets by verdict (every store found ready or not).", {}};
  MetricFamily image_stores{"trustready_fleet_image_stores", "Stores found in judged images by kind and state.", {}};

  {
    auto st = db.Prepare(
        "SELECT max(r.shard_count), max(s.finished_at), count(*) FROM run r JOIN scan s USING (run_id) WHERE r.run_id = ?1");
    if (!st.ok()) return st.error();
    st->Bind(1, run_id);
    if (st->Step()) {
      info.series["run_id=\"" + EscapeLabel(run_id) + "\",version=\"" TRUSTREADY_VERSION "\""] = 1;
      ts.series[""] = double(st->Int(1));
      shards.series["state=\"present\""] = double(st->Int(2));
      shards.series["state=\"missing\""] = double(st->Int(0) - st->Int(2));
    }
  }
  const std::string group_key = options.group_by;
  auto group_label = [&](const ObservationRecord& r) -> std::string {
    if (group_key.empty()) return "";
    auto it = r.labels.find(group_key);
    return ",group=\"" + EscapeLabel(it == r.labels.end() ? "" : it->second) + "\"";
  };
  auto leaf_expiry = db.Prepare("SELECT not_after FROM cert WHERE sha256 = ?1");
  if (!leaf_expiry.ok()) return leaf_expiry.error();
  Status read = ReadObservations(db, *scans, [&](const ObservationRecord& r) {
    std::string g = group_label(r);
    std::string g0 = g.empty() ? "" : g.substr(1);
    targets.series["status=\"" + EscapeLabel(r.status) + "\"" + g] += 1;
    if (r.status != "ok" || !r.trusted) return;
    if (r.target_key.rfind("image:", 0) == 0) {
      images.series["verdict=\"" + std::string(*r.trusted ? "ready" : "not_ready") + "\"" + g] += 1;
      for (const auto& x : r.readiness) {
        image_stores.series["kind=\"" + EscapeLabel(x.kind) + "\",state=\"" + EscapeLabel(x.state) + "\"" + g] += 1;
      }
      return;
    }
    for (const auto& v : r.stores) {
      endpoints.series["judge=\"store:" + EscapeLabel(v.judge) + "\",verdict=\"" + (v.trusted ? "trusted" : "untrusted") +
                       "\"" + g] += 1;
    }
    endpoints.series["judge=\"all-stores\",verdict=\"" + std::string(*r.trusted ? "trusted" : "untrusted") + "\"" + g] += 1;
    profile.series["serves_profile=\"" + std::string(r.serves_profile.value_or(false) ? "true" : "false") + "\"" + g] += 1;
    if (!r.chain.empty()) {
      leaf_expiry->Bind(1, r.chain.front());
      if (leaf_expiry->Step()) {
        double na = double(leaf_expiry->Int(0));
        auto& e = earliest.series[g0];
        if (e == 0 || na < e) e = na;
        for (auto [w, secs] : {std::pair<const char*, int64_t>{"7d", 7 * 86400}, {"30d", 30 * 86400}}) {
          auto& c = expiring.series["within=\"" + std::string(w) + "\"" + g];
          if (na < double(now + secs)) c += 1;
        }
      }
      leaf_expiry->Reset();
    }
  });
  if (!read.ok()) return read.error();

  std::vector<MetricFamily*> families = {&info,    &ts,       &shards, &targets,     &endpoints,
                                        &profile, &expiring, &earliest, &images, &image_stores};
  size_t series = 0;
  std::ostringstream text;
  for (auto* f : families) {
    series += f->series.size();
    text << "# HELP " << f->name << " " << f->help << "\n# TYPE " << f->name << " gauge\n";
    for (const auto& [labels, v] : f->series) {
      text << f->name << (labels.empty() ? "" : "{" + labels + "}") << " ";
      if (v == static_cast<double>(static_cast<int64_t>(v))) {
        text << static_cast<int64_t>(v);
      } else {
        text << v;
      }
      text << "\n";
    }
  }
  if (series > options.max_series) {
    return MakeError(ErrorKind::kInvalidArgument, std::to_string(series) + " series exceed --max-series " +
                                                      std::to_string(options.max_series) +
                                                      " (a --group-by label with too many values?)");
  }
  if (options.out_path == "-") {
    std::fwrite(text.str().data(), 1, text.str().size(), stdout);
    return series;
  }
  // Atomically, as the node_exporter textfile collector requires.
  const std::string tmp = options.out_path + ".tmp-" + std::to_string(getpid());
  {
    std::ofstream o(tmp, std::ios::binary | std::ios::trunc);
    o << text.str();
    o.close();
    if (!o) return MakeError(ErrorKind::kIo, options.out_path + ": cannot write");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, options.out_path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    return MakeError(ErrorKind::kIo, options.out_path + ": " + ec.message());
  }
  return series;
}

// --- diff -------------------------------------------------------------------

Result<DiffReport> DiffScans(const DiffOptions& options) {
  auto to_db = OpenFleetDb(options.to_db);
  if (!to_db.ok()) return to_db.error();
  std::unique_ptr<FleetDb> from_owned;
  FleetDb* from_db = to_db->get();
  if (options.from_db != options.to_db) {
    auto f = OpenFleetDb(options.from_db);
    if (!f.ok()) return f.error();
    from_owned = std::move(*f);
    from_db = from_owned.get();
  }
  DiffReport d;
  auto to_scans = ResolveScans(**to_db, options.to, &d.to_run);
  if (!to_scans.ok()) return to_scans.error();
  std::string from = options.from;
  if (from == "previous") {
    auto runs = ListRuns(*from_db);
    if (!runs.ok()) return runs.error();
    auto it = std::find(runs->begin(), runs->end(), d.to_run);
    if (from_db != to_db->get()) {
      if (runs->empty()) return MakeError(ErrorKind::kInvalidArgument, options.from_db + ": holds no run");
      from = runs->back();
    } else if (it == runs->begin() || it == runs->end()) {
      return MakeError(ErrorKind::kInvalidArgument, options.to_db + ": no run before " + d.to_run + " to compare with");
    } else {
      from = *(it - 1);
    }
  }
  auto from_scans = ResolveScans(*from_db, from, &d.from_run);
  if (!from_scans.ok()) return from_scans.error();

  std::map<std::string, ObservationRecord> before, after;
  auto key = [](const ObservationRecord& r) { return r.target_key + "#" + std::to_string(r.seq); };
  if (auto s = ReadObservations(*from_db, *from_scans, [&](const ObservationRecord& r) { before[key(r)] = r; }); !s.ok()) {
    return s.error();
  }
  if (auto s = ReadObservations(**to_db, *to_scans, [&](const ObservationRecord& r) { after[key(r)] = r; }); !s.ok()) {
    return s.error();
  }
  auto issuer_of = [](FleetDb& db, const std::string& sha) {
    auto st = db.Prepare("SELECT issuer FROM cert WHERE sha256 = ?1");
    if (!st.ok()) return std::string();
    st->Bind(1, sha);
    return st->Step() ? st->Text(0) : std::string();
  };
  auto add = [&](const ObservationRecord& r, std::string change, std::string detail, bool regression) {
    d.entries.push_back({r.target_key, r.target, std::move(change), std::move(detail), regression});
  };
  for (const auto& [k, b] : before) {
    if (!after.count(k)) add(b, "removed", "", false);
  }
  for (const auto& [k, a] : after) {
    auto it = before.find(k);
    if (it == before.end()) {
      add(a, "added", a.status, a.status != "ok" || !a.trusted.value_or(false));
      continue;
    }
    const ObservationRecord& b = it->second;
    if (b.status == "ok" && a.status != "ok") {
      add(a, "unreachable", a.status + (a.error.empty() ? "" : ": " + a.error), true);
      continue;
    }
    if (b.status != "ok" && a.status == "ok") {
      add(a, "reachable", "was " + b.status, false);
    } else if (b.status != a.status) {
      add(a, "status", b.status + " -> " + a.status, false);
    }
    if (b.status != "ok" || a.status != "ok") continue;
    if (b.chain_id != a.chain_id && !a.chain.empty() && !b.chain.empty()) {
      std::string ib = issuer_of(*from_db, b.chain.front()), ia = issuer_of(**to_db, a.chain.front());
      std::vector<std::string> rb(b.chain.begin() + 1, b.chain.end()), ra(a.chain.begin() + 1, a.chain.end());
      if (ib != ia) {
        add(a, "issuer_changed", ib + " -> " + ia, false);
      } else if (rb != ra) {
        add(a, "intermediates_changed", std::to_string(rb.size()) + " -> " + std::to_string(ra.size()) + " certificates above the leaf", false);
      } else {
        add(a, "leaf_renewed", b.chain.front().substr(0, 16) + " -> " + a.chain.front().substr(0, 16), false);
      }
    }
    std::string lost, gained;
    for (const auto& va : a.stores) {
      for (const auto& vb : b.stores) {
        if (va.judge != vb.judge) continue;
        if (vb.trusted && !va.trusted) lost += (lost.empty() ? "" : ", ") + va.judge + " (" + va.error_code + ")";
        if (!vb.trusted && va.trusted) gained += (gained.empty() ? "" : ", ") + va.judge;
      }
    }
    if (!lost.empty()) add(a, "newly_untrusted", lost, true);
    if (!gained.empty()) add(a, "newly_trusted", gained, false);
    // Image targets: each store (by name and location) that left or
    // reached READY, and stores that appeared or went away.
    std::string not_ready, now_ready, appeared, gone;
    auto same = [](const StoreReadinessRecord& x, const StoreReadinessRecord& y) {
      return x.store == y.store && x.location == y.location;
    };
    for (const auto& sa : a.readiness) {
      auto sb = std::find_if(b.readiness.begin(), b.readiness.end(), [&](const auto& x) { return same(x, sa); });
      if (sb == b.readiness.end()) {
        appeared += (appeared.empty() ? "" : ", ") + sa.store + " (" + sa.state + ")";
        if (sa.state != "ready") not_ready += (not_ready.empty() ? "" : ", ") + sa.store + " (new, " + sa.state + ")";
      } else if (sb->state == "ready" && sa.state != "ready") {
        not_ready += (not_ready.empty() ? "" : ", ") + sa.store + " (" + sa.state + ")";
      } else if (sb->state != "ready" && sa.state == "ready") {
        now_ready += (now_ready.empty() ? "" : ", ") + sa.store;
      }
    }
    for (const auto& sb : b.readiness) {
      if (std::none_of(a.readiness.begin(), a.readiness.end(), [&](const auto& x) { return same(x, sb); })) {
        gone += (gone.empty() ? "" : ", ") + sb.store;
      }
    }
    if (!not_ready.empty()) add(a, "newly_not_ready", not_ready, true);
    if (!now_ready.empty()) add(a, "newly_ready", now_ready, false);
    if (!appeared.empty()) add(a, "stores_added", appeared, false);
    if (!gone.empty()) add(a, "stores_removed", gone, false);
  }
  std::stable_sort(d.entries.begin(), d.entries.end(),
                   [](const DiffEntry& x, const DiffEntry& y) { return x.target_key < y.target_key; });
  return d;
}

}  // namespace trustready::fleet
