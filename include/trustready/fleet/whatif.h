// `fleet whatif`: migration questions answered from the chains a scan
// stored, against the platform snapshots (data/platforms), with the same
// answer `plan` and `check` give for one chain at a time.
//
// Three questions (WhatifMode):
//   kNewChain  "which endpoints break on these platforms if we serve chain
//              X": for each stored chain CUR, exactly `trustready plan --old
//              CUR --new X [--candidates C...] --platforms SPEC --at T`'s
//              `breaking` list: snapshots that trust CUR and not X. As in
//              plan, the leaves are reissued and never decide (plan.h);
//              every certificate of CUR, X and the candidates stands in for
//              what AIA-fetching clients would fetch.
//   kProfile   "which endpoints are not ready for profile P": snapshots that
//              trust CUR today (plan's judging, leaf not deciding) but are
//              not ready for P (`check --profile P --store SNAPSHOT --at T`:
//              the profile's issuing CAs judged as CAs, readiness.cc).
//   kAt        "which endpoints lose trust by DATE": each stored chain and
//              the name it was checked against, judged against each snapshot
//              as `check CHAIN --host NAME --store SNAPSHOT --no-aia --at T`
//              does, at the run's judging time and at DATE: snapshots that
//              trust it then and not at DATE (an expiring leaf counts here:
//              nothing is reissued).
//
// An endpoint whose scan stored no chain (refused, timed out, ...) cannot be
// judged: it is listed as not judged, and the answer is then UNKNOWN unless
// something breaks anyway. A run with no stored chain is never "nothing
// breaks".
#ifndef TRUSTREADY_FLEET_WHATIF_H_
#define TRUSTREADY_FLEET_WHATIF_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trustready/base/result.h"
#include "trustready/check/profile.h"
#include "trustready/x509/certificate.h"
#include "trustready/x509/time.h"

namespace trustready::fleet {

enum class WhatifMode { kNewChain, kProfile, kAt };
std::string_view WhatifModeName(WhatifMode m);  // "new-chain", "profile", "at"

struct WhatifOptions {
  std::string db_path;
  std::string scan = "latest";  // latest, a run id or a scan id
  WhatifMode mode = WhatifMode::kNewChain;
  std::vector<CertificatePtr> new_chain;   // kNewChain: leaf first
  std::vector<CertificatePtr> candidates;  // kNewChain: as plan --candidates
  std::optional<MigrationProfile> profile; // kProfile
  // kNewChain/kProfile: the judging time (0: now). kAt: the date to judge
  // at (required), against the run's own judging time.
  UnixTime at = 0;
  std::string platforms = "all";  // SelectSnapshots spec
};

// One snapshot an endpoint breaks on, and why (plan's cell detail for the
// new chain, the profile's first failing hierarchy, or check's error code at
// DATE).
struct WhatifBreak {
  std::string snapshot;  // "android:7.0"
  std::string platform;
  std::string version;
  std::string reason;
};

struct WhatifEndpoint {
  std::string target_key;
  std::string target;  // as written in the targets file
  int seq = 0;
  std::map<std::string, std::string> labels;
  std::string chain_id;
  std::string name;    // the name the leaf was checked against
  std::vector<std::string> chain;  // sha256, leaf first
  std::vector<WhatifBreak> breaks;
};

struct WhatifNotJudged {
  std::string target_key;
  std::string target;
  int seq = 0;
  std::string status;  // the scan's status (refused, handshake_timeout, ...)
  std::string error;
};

struct WhatifReport {
  WhatifMode mode = WhatifMode::kNewChain;
  std::string run_id;
  UnixTime run_judged_at = 0;  // when the scan judged its chains
  UnixTime at = 0;             // the judging time of the question
  std::string platforms;       // the spec
  std::vector<std::string> snapshots;   // names judged, in data order
  std::vector<std::string> new_chain;   // kNewChain: sha256, leaf first
  std::string new_chain_leaf;           // kNewChain: leaf display name
  std::string profile;                  // kProfile: profile name
  std::vector<std::string> not_ready;   // kProfile: snapshots not ready for it
  size_t endpoints = 0;       // observations of the run
  size_t judged = 0;          // with a stored chain
  size_t chains = 0;          // distinct chains (kAt: chain and name) judged
  size_t already_broken = 0;  // judged, and trusted today by none of the snapshots
  std::vector<WhatifEndpoint> breaking;  // by target key, then seq
  std::vector<WhatifNotJudged> not_judged;

  // "breaks" (something breaks), "unknown" (nothing judged breaks, but some
  // endpoint could not be judged), "no_breaks".
  std::string_view Verdict() const;
};

Result<WhatifReport> Whatif(const WhatifOptions& options);

// The question as `fleet whatif` is asked it: file names, a profile name and
// a time as given. Exactly one of new_chain (with optional candidates),
// profile, or at alone.
struct WhatifQuestion {
  std::string db_path;
  std::string scan = "latest";
  std::string new_chain;                // a chain file, leaf first
  std::vector<std::string> candidates;  // files of more certificates
  std::string profile;                  // built-in name, directory or profile.json
  std::string at;                       // RFC 3339; empty: now (not with `at` alone)
  std::string platforms = "all";
};
// Reads the files and the profile and parses the time: the WhatifOptions
// to run. Errors name the option ("--new-chain F: ...", "fleet whatif: give
// --new-chain or --profile, not both"), kind and detail of the inner error
// kept.
Result<WhatifOptions> WhatifOptionsFor(const WhatifQuestion& question);

}  // namespace trustready::fleet

#endif  // TRUSTREADY_FLEET_WHATIF_H_
