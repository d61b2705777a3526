// The fleet result database (SQLite, schema v2) that stores the observation
// records (trustready/fleet/observation.h) and `fleet export` reads back.
// Internal to src/fleet.
#ifndef TRUSTREADY_FLEET_RESULT_DB_H_
#define TRUSTREADY_FLEET_RESULT_DB_H_

#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "fleet/db.h"
#include "fleet/sqlite.h"
#include "trustready/fleet/observation.h"
#include "trustready/x509/certificate.h"
#include "trustready/x509/time.h"

namespace trustready::fleet {

// v2: image targets' store readiness (table `readiness`).
inline constexpr int kSchemaVersion = 2;

// Every table is keyed by content or by name (no surrogate ids), so shard
// files merge by INSERT OR IGNORE. Hashes are lower-case hex text, which
// reads the same in SQLite and PostgreSQL.
extern const char* const kSchemaSql;


std::string Sha256Hex(const void* data, size_t n);
inline std::string Sha256Hex(const std::string& s) { return Sha256Hex(s.data(), s.size()); }

Status CreateSchema(SqliteDb& db);
// Checks the file is a fleet database of a version we read.
Status CheckSchema(SqliteDb& db);
Status CheckSchema(FleetDb& db);

// Opens an existing fleet database, a SQLite file or PostgreSQL (db.h),
// schema checked; errors name the spec.
Result<std::unique_ptr<FleetDb>> OpenFleetDb(const std::string& spec);
// The same, for inputs that must be SQLite files (shards).
Result<std::unique_ptr<FleetDb>> OpenSqliteFleetDb(const std::string& path);

// The certificates of a stored chain, leaf first, parsed from their DER.
Result<std::vector<CertificatePtr>> LoadChainCertificates(FleetDb& db, const std::string& chain_id);

// Reads observations (with their chains and verdicts) of the given scans,
// ordered by target key and seq; calls `fn` for each.
Status ReadObservations(FleetDb& db, const std::vector<std::string>& scan_ids,
                        const std::function<void(const ObservationRecord&)>& fn);

// Scan ids of a run (every shard), or of one scan id; "latest": the newest run.
Result<std::vector<std::string>> ResolveScans(FleetDb& db, const std::string& which, std::string* run_id);
// Runs in the order they started (oldest first).
Result<std::vector<std::string>> ListRuns(FleetDb& db);

}  // namespace trustready::fleet

#endif  // TRUSTREADY_FLEET_RESULT_DB_H_
