// Historical root stores of client platforms (Android, Apple, Windows,
// Mozilla NSS, OpenJDK, Oracle Java) and the client behaviours that decide
// real migrations, both read from data/platforms/ (see its README.md).
//
// The data is loaded once per process and shared: LoadPlatformData returns
// an immutable PlatformData whose certificates are parsed exactly once, so
// every snapshot's TrustStore shares the same CertificatePtrs and a caller
// that judges a chain against all snapshots can cache its work per distinct
// anchor (see plan.h).
//
// Snapshot names: "PLATFORM:VERSION". A few version labels repeat with a
// different trusted set (Apple "iOS 11", Windows "June 26, 2018"); those
// snapshots are named "PLATFORM:VERSION@DATE" so that every name is unique.
#ifndef TRUSTREADY_PLATFORMS_H_
#define TRUSTREADY_PLATFORMS_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trustready/x509/certificate.h"
#include "trustready/x509/time.h"
#include "trustready/base/result.h"
#include "trustready/store/trust_store.h"

namespace trustready {

// What a client does beyond what its store says. Mirrors verify.h's
// ClientBehavior field for field (ToClientBehavior in plan.cc converts), so
// that this header does not pull in the verifier.
struct PlatformBehavior {
  bool enforce_anchor_expiry = true;
  bool fetch_aia = false;
  bool first_path_only = false;
  // The behaviours.json rules that set these, for explanations ("why").
  std::vector<std::string> reasons;
};

// "Leaves issued after T are not trusted through these roots": Mozilla's
// CKA_NSS_SERVER_DISTRUST_AFTER and Java's jdk.security.caDistrustPolicies
// compare the leaf's notBefore (by = kNotBefore); Chrome compares the
// leaf's embedded SCT timestamps (by = kSct).
struct DistrustAfterRule {
  enum class By { kNotBefore, kSct };
  std::string platform;
  std::string in_snapshots_from;  // YYYY-MM-DD; snapshots dated on/after it
  // Versions the rule applies from, one per release train ("11.0.24",
  // "17.0.12", "21.0.4", "23"): a version applies when it is at least the
  // entry of its train (same leading number), or newer than every train
  // listed. Empty: every version (dates decide).
  std::vector<std::string> from_versions;
  By by = By::kNotBefore;
  UnixTime server_distrust_after = 0;
  std::vector<Sha256> roots;
  // OpenJDK: the jdk.security.caDistrustPolicies name ("ENTRUST_TLS").
  std::string policy;
  std::string why;
  std::string source;
};

// One Chrome Root Store ConstraintSet (root_store.proto): every field that is
// present must hold. An anchor with constraint sets is trusted when at least
// one set holds; versions are Chrome's ("131").
struct AnchorConstraintSet {
  std::optional<UnixTime> sct_not_after;
  std::string min_version;            // inclusive
  std::string max_version_exclusive;
  bool operator==(const AnchorConstraintSet&) const = default;
};
struct AnchorConstraints {
  uint32_t root = 0;  // index into PlatformData::fingerprints
  std::vector<AnchorConstraintSet> sets;
  std::vector<std::string> ev_policy_oids;
};

// A client that is not a platform snapshot of its own but uses one
// platform's store with its own behaviour ("openssl-1.0.x" on Mozilla's).
struct ClientProfile {
  std::string name;
  std::string store_platform;
  PlatformBehavior behavior;
  std::string why;
};

struct PlatformSnapshot {
  std::string platform;  // "android", "apple", "windows", "mozilla", ...
  std::string version;   // as published: "8.1.0_r7", "iOS 11", "2024-09-01"
  std::string date;      // YYYY-MM-DD (fetch or commit date)
  std::string source;    // "trust_stores_observatory@<commit>" / "aosp@<commit>"
  std::string name;      // unique "PLATFORM:VERSION" (or "...@DATE")
  // Indexes into PlatformData::fingerprints / certificates.
  std::vector<uint32_t> trusted;
  std::vector<uint32_t> blocked;
  PlatformBehavior behavior;
  // Distrust-after dates that apply in this snapshot, by root index.
  std::vector<std::pair<uint32_t, UnixTime>> distrust_after;
  // SCT-based distrust-after dates (Chrome), by root index.
  std::vector<std::pair<uint32_t, UnixTime>> sct_distrust_after;
  // Per-anchor constraints the platform publishes with its store (Chrome).
  std::vector<AnchorConstraints> constraints;
  // Roots the snapshot's source lists as trusted but that the platform does
  // not trust for server authentication (root_properties.json
  // "not_server_auth": Microsoft's CTL purposes), taken out of `trusted`.
  std::vector<uint32_t> not_server_auth;
  // Where the snapshot came from: "observatory" (snapshots.json) or the
  // imported file (data/platforms/imported/NAME.json).
  std::string file;
};

// The trust a constrained anchor has in a client of version `client_version`
// (empty: a current client, newer than every version the sets name): sets
// whose version bounds exclude the client are dropped; none left means not
// trusted (nullopt); a set without sct_not_after means unconstrained
// (UnixTime max); otherwise the latest sct_not_after of the sets left.
std::optional<UnixTime> EffectiveSctNotAfter(const std::vector<AnchorConstraintSet>& sets,
                                             const std::string& client_version = "");

// One behaviours.json rule: for `platform` (and versions below
// `version_below`, when given), set the fields that are present.
struct BehaviorRule {
  std::string platform;
  std::string version_below;  // empty: every version
  std::optional<bool> enforce_anchor_expiry, fetch_aia, first_path_only;
  std::string why;
};

struct PlatformData {
  std::string dir;  // where it was read from
  // Index -> fingerprint; certificates[i] is null for fingerprint-only
  // entries (blocked certificates published without their DER).
  std::vector<Sha256> fingerprints;
  std::vector<CertificatePtr> certificates;
  std::vector<PlatformSnapshot> snapshots;  // by platform, then date
  // OpenJDK update lines ("openjdk:jdk-21u", what "java:21" names): for
  // each feature release with a snapshot, the newest release of that line
  // the data models, with the distrust policies (jdk.security.
  // caDistrustPolicies) that the line's newest updates enforce. Not in
  // `snapshots` (not a published store): only named specs select them.
  std::vector<PlatformSnapshot> lines;  // by feature release
  std::vector<ClientProfile> clients;
  std::vector<DistrustAfterRule> distrust_rules;
  std::vector<BehaviorRule> behavior_rules;

  // Index of a fingerprint, if present.
  std::optional<uint32_t> IndexOf(const Sha256& sha256) const;
  // Platform names in data order ("android", "apple", ...).
  std::vector<std::string> Platforms() const;
  const PlatformSnapshot* Find(std::string_view name) const;
};

// Reads `dir` (default: DataDir() + "/platforms"). Cached per directory for
// the process lifetime; later calls return the same object. Errors name the
// file and what is wrong with it.
Result<std::shared_ptr<const PlatformData>> LoadPlatformData(const std::string& dir = "");

// Selects snapshots by a spec:
//   "all"                     every snapshot
//   "PLATFORM:all"            every snapshot of a platform
//   "PLATFORM:latest"         the newest snapshot of a platform
//   "PLATFORM:VERSION"        exact version (every snapshot with that label
//                             when it repeats), or "PLATFORM:VERSION@DATE"
//   "PLATFORM:DATE"           the snapshot fetched on that date
//   "PLATFORM"                same as PLATFORM:all
// "java" names the "openjdk" platform, and a Java version may leave out its
// "jdk-" prefix ("java:25.0.1" is "openjdk:jdk-25.0.1"). A bare feature
// release names its update line ("java:21" is "openjdk:jdk-21u", see
// PlatformData::lines; the GA release is "openjdk:jdk-21"), and
// "java:latest" / "openjdk:latest" the newest feature release's line.
// Several specs may be joined with commas ("android:all,apple:latest").
Result<std::vector<const PlatformSnapshot*>> SelectSnapshots(const PlatformData& data,
                                                             const std::string& spec);

// The trust store a snapshot describes: trusted roots as anchors (with
// ignore_anchor_expiry and server_distrust_after from the behaviours) and
// blocked certificates as anchors with distrusted = true, so that a path
// through them fails with DISTRUSTED rather than not being found.
TrustStore SnapshotStore(const PlatformData& data, const PlatformSnapshot& snapshot);

// Behaviour of a platform version from behaviours.json (also stored on each
// snapshot).
PlatformBehavior BehaviorFor(const PlatformData& data, const std::string& platform,
                             const std::string& version);

// Numeric comparison of version labels on their leading dotted digits:
// "7.1" < "7.1.1" < "8.1.0_r7"; labels without digits compare as 0.
int CompareVersions(std::string_view a, std::string_view b);

}  // namespace trustready

#endif  // TRUSTREADY_PLATFORMS_H_
