// One observation of a fleet scan (a target probed once, its chain judged by
// every store, or an image target's stores and their readiness): what the
// scan hands to its ObservationSink, what the result database stores and
// what `fleet export` reads back. The JSON form of an observation
// (`trustready.fleet.observation/1`, `fleet scan --jsonl` lines and `fleet
// export`) is rendered in report/ (report/fleet_observation_report.h); the
// library only passes the typed record.
#ifndef TRUSTREADY_FLEET_OBSERVATION_H_
#define TRUSTREADY_FLEET_OBSERVATION_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "trustready/base/result.h"
#include "trustready/x509/time.h"

namespace trustready::fleet {

struct StoreVerdictRecord {
  std::string judge;
  bool trusted = false;
  bool trusted_with_aia = false;
  std::string error_code;  // empty when trusted
  std::string error;       // message
  std::string path;        // valid path, sha256s comma-separated (target first)
};

// Image targets: one store found in the image and its readiness, as
// `check --root` reports it.
struct StoreReadinessRecord {
  std::string store;
  std::string kind;
  std::string location;
  std::string state;  // ready, not_ready, unknown
  int64_t anchor_count = -1;  // -1: not read (an unknown store)
  std::string reason;  // unknown: why
  std::string fix;     // the fix lines (Dockerfile lines for a tree), '\n'-separated
};

struct ObservationRecord {
  std::string scan_id;
  std::string run_id;
  std::string target_key;
  std::string target;    // as written
  std::string source;    // FILE:LINE
  std::string host;
  int port = 0;
  std::string sni;       // sent (empty: none)
  std::string address;   // address= given
  std::map<std::string, std::string> labels;
  int seq = 0;
  std::string status;
  std::string error;
  int attempts = 0;
  std::string peer_address;
  std::string tls_version, cipher;
  int http_status = 0;
  int64_t elapsed_ms = 0;
  UnixTime observed_at = 0;
  std::string chain_id;            // empty unless a chain was judged
  std::string name;                // name the leaf was checked against
  std::vector<std::string> chain;  // sha256 hex, leaf first
  std::optional<bool> serves_profile;
  std::optional<bool> trusted;     // by every store (null: not judged)
  std::vector<StoreVerdictRecord> stores;
  std::vector<StoreReadinessRecord> readiness;  // image targets
};

// Where a scan sends each observation as it records it (called by the scan's
// single judge-and-sink thread, in the order observations are recorded).
// Open is called once the targets have been read, before anything is
// probed: its error ends the scan with that error. Close is called when the
// scan ends (also when it fails).
class ObservationSink {
 public:
  virtual ~ObservationSink() = default;
  virtual Status Open() { return {}; }
  virtual void Write(const ObservationRecord& r) = 0;
  virtual void Close() {}
};

// Called once per stored observation, in the order `fleet export` prints
// them.
using ObservationFn = std::function<void(const ObservationRecord&)>;

}  // namespace trustready::fleet

#endif  // TRUSTREADY_FLEET_OBSERVATION_H_
