// How old is the shipped data? One entry per source of data/: every
// platform of data/platforms/ (its newest snapshot's date and source), every
// catalog operator (operator.json "as_of") and every profile (profile.json
// "as_of" / "source"). Licences come from data/sources.json, by source
// prefix ("trust_stores_observatory", "aosp", "chromium", "openjdk").
//
// Commands that answer from shipped data use DataDateOf() to print the date
// of what they used and warn when it is older than the limit (120 days by
// default, `--max-data-age DAYS`).
#ifndef TRUSTREADY_IMPORTER_DATA_STATUS_H_
#define TRUSTREADY_IMPORTER_DATA_STATUS_H_

#include <optional>
#include <string>
#include <vector>

#include "trustready/base/result.h"
#include "trustready/store/platform_stores.h"

namespace trustready {

inline constexpr int kDefaultMaxDataAgeDays = 120;

struct DataSource {
  std::string id;       // "platforms/chrome", "catalog/entrust", "profiles/lets-encrypt"
  std::string kind;     // "platform", "catalog", "profile"
  std::string date;     // YYYY-MM-DD, empty when the data does not say
  std::string source;   // "chromium@<commit>", "trust_stores_observatory@<commit>", URL...
  std::string licence;  // from data/sources.json; empty when unknown
  size_t snapshots = 0; // platforms only
  std::optional<int> age_days;  // days between date and `now`; none when no date
};

struct DataStatus {
  std::string data_dir;
  std::string now;  // YYYY-MM-DD the ages were computed at
  std::vector<DataSource> sources;
};

// Sources older than `max_age_days`, and sources with no date: the data
// cannot be called current while either is non-zero (`data status` exits 1).
struct DataAgeCounts {
  size_t stale = 0;
  size_t undated = 0;
  bool current() const { return stale + undated == 0; }
};
DataAgeCounts CountDataAge(const DataStatus& status, int max_age_days);
// A source is stale when it has no date or is older than `max_age_days`.
bool IsStale(const DataSource& source, int max_age_days);

// The newest snapshot date in `data_dir`/platforms/snapshots.json ("" when
// none), found by a scan of its "date" fields without a JSON parse, so that
// `--version` stays at start-up cost (LoadDataStatus gives every date).
std::string NewestPlatformSnapshotDate(const std::string& data_dir);

// Reads data/ (default DataDir()). `now` is seconds since the epoch (0:
// the current time). Errors name the file that could not be read.
Result<DataStatus> LoadDataStatus(const std::string& data_dir = "", int64_t now = 0);

// Whole days from YYYY-MM-DD `date` to `now` (seconds since the epoch);
// nullopt when `date` is not a date.
std::optional<int> AgeDays(const std::string& date, int64_t now);

// The date of the platform data a set of snapshots was answered from: for
// each platform involved, the date of that platform's newest snapshot (the
// data set's date, not the historical version's); the oldest of those, with
// its platform. Empty when `snapshots` is empty.
struct DataDate {
  std::string date;
  std::string platform;
  std::string source;
};
DataDate DataDateOf(const PlatformData& data, const std::vector<const PlatformSnapshot*>& snapshots);
// The same for platform snapshot stores named "android:17.0.0_r1", ...: the
// platform data is read only when `names` is not empty (reading it costs
// more than verifying against a file store); empty when it cannot be read
// or names no snapshot.
DataDate DataDateOfStores(const std::vector<std::string>& names);

}  // namespace trustready

#endif  // TRUSTREADY_IMPORTER_DATA_STATUS_H_
