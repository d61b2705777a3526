// Fleet inputs: target files in four formats, the target key, and shards.
//
// Formats (TargetFormat; kAuto guesses from the extension and first line):
//   list      one target per line: anything `check` accepts
//             (https://h[:p][/path], h:p, h, [v6]:p, or a chain file), then
//             key=value fields: sni=, address= (connect here, keep the host
//             for SNI and the name check), path=, starttls=smtp|imap|pop3|
//             ftp|postgres (a plaintext upgrade first; without a port in
//             the target, the protocol's: 25, 143, 110, 21, 5432), and any
//             other key is a label (owner=team-a). Blank lines and '#'
//             comments skipped.
//   csv       RFC 4180 with a header; `target` or `host` required; optional
//             port, sni, address, path, starttls; every other column is a label.
//   jsonl     {"target": ..., "sni": ..., "address": ..., "path": ...,
//              "starttls": ..., "labels": {...}} one object per line.
//   nmap-grep `nmap -oG`: one target per open TCP port of each Host line
//             (no SNI: a PTR name is not the server's name).
// Image targets (list: a line `image=PATH [label=value]...`; csv: an
// `image` column; jsonl: {"image": PATH}): PATH is an unpacked root file
// system (a folder) or an image archive (`docker save`, OCI layout folder
// or tar); its trust stores are discovered and judged as
// `check --root PATH` (or `check --image PATH`) judges them. Nothing is
// probed.
// Errors name FILE:LINE.
//
// Reading streams: a TargetReader holds one record at a time, so a
// million-line file costs no memory (stdin is read once into memory).
#ifndef TRUSTREADY_FLEET_TARGETS_H_
#define TRUSTREADY_FLEET_TARGETS_H_

#include <cstdint>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "trustready/base/result.h"

namespace trustready::fleet {

enum class TargetFormat { kAuto, kList, kCsv, kJsonl, kNmapGrep };
Result<TargetFormat> ParseTargetFormat(const std::string& name);
std::string_view TargetFormatName(TargetFormat f);

struct FleetTarget {
  std::string source;      // FILE:LINE it came from
  std::string text;        // the target as written
  bool chain_file = false; // a chain file judged offline (no probe)
  std::string image;       // image target: a root folder or an image archive
  std::string host;        // lower-cased name or literal without brackets
  uint16_t port = 443;
  std::string path = "/";
  std::string sni;         // explicit sni=, else the host when it is a name
  std::string address;     // explicit address=
  std::string starttls;    // starttls=smtp|imap|pop3|ftp|postgres (empty: TLS from the start)
  bool port_given = false; // the target or port= named the port
  std::map<std::string, std::string> labels;
  bool host_is_ip = false;
  // lower(host)|port|sni-or-"-"|address-or-"-"|starttls-or-"-"; chain files: "file:" + path; images: "image:" +
  // path. The identity for history, merge and shards.
  std::string Key() const;
  // What a client sends as SNI: sni= or the host name (none for literals).
  std::string EffectiveSni() const;
  // The name the leaf is checked against (as `check`): SNI, else the host.
  std::string NameToCheck() const;
};

// Options that fill in what a line does not say.
struct TargetDefaults {
  // curl-style HOST:PORT:ADDR: targets on HOST:PORT connect to ADDR.
  std::vector<std::string> resolve;
};

class TargetReader {
 public:
  // `path` "-" reads stdin.
  static Result<std::unique_ptr<TargetReader>> Open(const std::string& path, TargetFormat format,
                                                    const TargetDefaults& defaults = {});
  virtual ~TargetReader() = default;
  // The next target; nullopt at the end; an error names FILE:LINE.
  virtual Result<std::optional<FleetTarget>> Next() = 0;
  TargetFormat format() const { return format_; }

 protected:
  TargetFormat format_ = TargetFormat::kList;
};

// One `list` line (without FILE:LINE in errors); exposed for tests/fuzzers.
Result<std::optional<FleetTarget>> ParseListLine(const std::string& line);

// Shards: K of N, 0-based. shard(t) = JumpConsistentHash(first 8 bytes of
// SHA-256(Key()) big-endian, N) (Lamping & Veach 2014): it depends on the
// target alone, so adding targets moves none, and N -> N+1 moves ~1/(N+1).
struct Shard {
  int index = 0;
  int count = 1;
  bool Contains(const FleetTarget& t) const;
};
int32_t JumpConsistentHash(uint64_t key, int32_t buckets);
int ShardOf(const std::string& target_key, int count);
// "K/N", or "auto": JOB_COMPLETION_INDEX + TRUSTREADY_SHARD_COUNT
// (Kubernetes Indexed Jobs), or SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN of
// SLURM_ARRAY_TASK_COUNT (step 1). Errors name the variable.
Result<Shard> ParseShard(const std::string& spec);

}  // namespace trustready::fleet

#endif  // TRUSTREADY_FLEET_TARGETS_H_
