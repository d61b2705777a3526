// Readiness: is this store, this machine, this endpoint ready for a CA
// migration (a MigrationProfile)? The engine behind `trustready check`.
//
// A store is ready when every required hierarchy of the profile is: each of
// its issuing CAs has a valid path (verify.h, judged as a CA, at the check
// time) to one of the store's anchors, through the profile's
// cross-certificates where needed. Issuing CAs outlive any leaf, so the
// answer holds for every leaf those CAs will issue.
//
// An endpoint (a live https:// target or a chain file) is judged like
// `verify`: its presented chain against every store, with AIA fetching of
// missing intermediates modelled separately (browsers fetch; Java,
// OpenSSL-based clients and curl do not).
//
// check::Run (check.cc) is the whole `trustready check` as one call: store
// selection (store_select.h), readiness of each store, the targets, and the
// verdict. Front ends render its CheckReport (report/check_report.h) and
// pick the exit code from CheckReport::outcome.
//
// Nothing here prints; results own what they refer to.
#ifndef TRUSTREADY_CHECK_H_
#define TRUSTREADY_CHECK_H_

#include <chrono>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trustready/client/client.h"
#include "trustready/tls/aia_fetch.h"
#include "trustready/check/lifetime.h"
#include "trustready/check/profile.h"
#include "trustready/check/server_auth.h"
#include "trustready/base/result.h"
#include "trustready/store/store_discovery.h"
#include "trustready/store/store_select.h"
#include "trustready/tls/tls_probe.h"
#include "trustready/store/trust_store.h"
#include "trustready/verify/verify.h"

namespace trustready {

// A store to judge, with what remediation needs to know about it.
struct CheckedStore {
  TrustStore store;
  // Remediation key (StoreKindName: "debian-system", "jks", ...).
  StoreKind kind = StoreKind::kAny;
  std::string location;     // path (or command) the store was read from
  std::string description;  // "Debian/Ubuntu/Alpine system bundle", ...
  ClientBehavior behavior;  // platform snapshots: their client quirks
  // Keystores: the password the fix commands use (the one given for the
  // store; else Java's default). `password_known` is false when no password
  // was given and the default does not open the store (it was read without
  // its integrity check): the command then says PASSWORD.
  std::string password = "changeit";
  bool password_known = true;
  // The store is in another system's file tree (--root, --image): its fixes
  // are Dockerfile lines for that system (COPY of the root files, paths as
  // seen inside it, no sudo), never commands for this machine.
  bool in_tree = false;
  // Client stores made of several parts: the file the fix adds roots to
  // (the client's first CAfile); empty: `location`.
  std::string fix_location;
  // Client stores: the client's NODE_EXTRA_CA_CERTS file, when it has one.
  std::string node_extra_ca_certs;
};

// Describes a discovered store / a store opened from a user's spec.
CheckedStore DescribeStore(TrustStore store, const DiscoveredStore* discovered);

// SPKI pins as applications configure them ("sha256/BASE64", RFC 7469).
struct SpkiPin {
  std::string text;  // as given
  Sha256 spki_sha256{};
};
Result<SpkiPin> ParseSpkiPin(const std::string& text);
// One pin per line; blank lines and '#' comments ignored.
Result<std::vector<SpkiPin>> LoadSpkiPins(const std::string& path);
// Whether some certificate of `path` has a pinned key.
bool PathHoldsPin(const std::vector<CertificatePtr>& path, const std::vector<SpkiPin>& pins);

struct CheckOptions {
  UnixTime time = 0;  // 0: now
  std::vector<SpkiPin> pins;
  SignatureCache* cache = nullptr;  // shared across stores when given
};

enum class AnchorPresence {
  kAbsent,
  kExact,    // the profile's certificate itself
  kSameKey,  // another certificate with the same subject and key
};

struct AnchorCheck {
  const ProfileRoot* root = nullptr;
  AnchorPresence presence = AnchorPresence::kAbsent;
  std::string source;  // where in the store (file, alias) when present
  bool distrusted = false;
};

struct IssuingCaCheck {
  CertificatePtr ca;
  bool valid = false;
  std::vector<CertificatePtr> path;  // valid path (ca first, anchor last)
  bool via_cross = false;            // the path uses a cross-certificate
  VerifyError error;                 // most specific, when !valid
};

struct HierarchyCheck {
  const ProfileHierarchy* hierarchy = nullptr;
  bool valid = false;        // every issuing CA valid
  int valid_cas = 0;
  // For the first valid issuing CA: the anchor reached and how.
  std::string anchor_name;
  bool via_cross = false;
  std::vector<std::string> path_names;  // issuing CA ... anchor
  std::vector<IssuingCaCheck> cas;
  VerifyError error;  // most specific over the failing CAs
  // Pins given: some valid path holds a pinned key.
  std::optional<bool> pinned;
};

struct Remediation {
  // Profile roots the store lacks and that would make a failing hierarchy
  // work (never one the store already holds).
  std::vector<const ProfileRoot*> roots_to_add;
  // Each one a command (or, for a store in a file tree, a Dockerfile line)
  // that works when pasted; tests/check/fixes_pasted.sh runs them all.
  std::vector<std::string> commands;
  // What else would do that is not a command of its own: "or upgrade the
  // Java runtime: openjdk:8u... or later".
  std::vector<std::string> advice;
  // Why a hierarchy fails where adding roots cannot help: a certificate
  // out of its validity at the time checked, a root held but distrusted,
  // a constraint. One line per failing hierarchy.
  std::vector<std::string> blockers;
  std::vector<std::string> alternatives;
};

// A store is judged ready or not ready; when it could not be read at all
// (a keystore password that does not open it, a failing `node` probe) it
// is UNKNOWN, with the reason and the fix. Never a silent skip: an unknown
// store makes the whole answer "not ready".
enum class StoreState { kReady, kNotReady, kUnknown };
std::string_view StoreStateName(StoreState state);  // "ready", "not_ready", "unknown"

struct StoreReadiness {
  std::string store;  // name
  // What the store is for remediation; StoreKindName in JSON and text.
  StoreKind kind = StoreKind::kAny;
  std::string location;
  std::string description;
  size_t anchor_count = 0;
  StoreState state = StoreState::kNotReady;
  bool ready = false;  // state == kReady
  // kUnknown: why the store could not be judged, and what to do about it.
  std::string unknown_reason;
  std::string unknown_fix;
  // kUnknown: the Error itself (its kind, stable detail id and severity:
  // "der.value_truncated", "jks.password_wrong", "io.permission_denied";
  // the id is empty when the failure has none); unknown_reason is its
  // ToString().
  Error unknown_error;
  std::vector<AnchorCheck> anchors;
  std::vector<HierarchyCheck> hierarchies;
  std::optional<bool> pins_ok;  // set when pins were given
  Remediation remediation;      // empty when ready
  // Stores found by client resolution (src/client): which clients read
  // this store and why ("python-requests", "REQUESTS_CA_BUNDLE").
  std::vector<ClientUse> used_by;
  // What the store's reader saw but did not count (certificates a CApath
  // lookup never finds); their fixes come first in the remediation.
  std::vector<StoreNote> notes;
};

StoreReadiness CheckStoreReadiness(const MigrationProfile& profile, const CheckedStore& store,
                                   const CheckOptions& options);
// The UNKNOWN entry for a selected store that could not be read.
StoreReadiness UnknownStoreReadiness(const SelectedStore& store);

// Platform snapshots: the first version of the same platform that is ready
// ("android:7.1.1_r1"), for the "upgrade" remediation. Empty if none.
std::string FirstReadyPlatformVersion(const MigrationProfile& profile, const std::string& snapshot_name,
                                      const CheckOptions& options);
// The earliest snapshot of `platform` ("openjdk") from which every later
// one is ready, as advice text ("openjdk:jdk-11.0.2 or later (...)"); empty
// when the newest is not ready.
std::string FirstReadyRelease(const MigrationProfile& profile, const std::string& platform,
                              const CheckOptions& options);

// --- Endpoints ---------------------------------------------------------

struct TargetCheckOptions {
  CheckOptions check;
  ProbeOptions probe;
  bool fetch_aia = true;
  AiaFetchLimits aia;
  // Host name to check the leaf against; empty: the target's host (live),
  // none (chain file).
  std::string host;
  // CRLs to apply to the presented chain (nothing is downloaded).
  std::vector<CrlPtr> crls;
  // Judge the chain's extendedKeyUsage for dedicated TLS server-auth
  // hierarchies (server_auth.h): TargetCheck::server_auth.
  bool server_auth_only = false;
};

struct TargetStoreVerdict {
  std::string store;
  VerifyResult result;  // the presented chain as sent (no fetching)
  bool trusted = false;
  // When not trusted and AIA fetching found certificates: the verdict for
  // clients that fetch (browsers).
  std::optional<VerifyResult> with_aia;
  bool trusted_with_aia = false;
  std::optional<bool> pins_ok;
  // The store's client rejects the leaf for its lifetime although the path
  // validates (lifetime.h: Chrome and Apple snapshots only); `trusted` is
  // then false. Empty otherwise.
  std::string lifetime_rejected;
};

// kUnknown: every readable store trusts the chain, but some store could not
// be read. kError: the target could not be reached or judged (`error`).
enum class TargetStatus { kTrusted, kNotTrusted, kUnknown, kError };
std::string_view TargetStatusName(TargetStatus status);  // "trusted", "not_trusted", "unknown", "error"

// What a target names, read before anything goes on the network: an
// endpoint to connect to, or the chain of a file or of standard input.
struct TargetInput {
  std::string target;                      // as given ("-": standard input)
  std::optional<EndpointTarget> endpoint;  // live targets
  std::vector<CertificatePtr> chain;       // files and standard input
};
// Bad input is an Error naming it: a path that does not exist ("no such
// file", never a DNS lookup), a file or stdin holding no certificate, a
// malformed URL. `stdin_stream` is read for "-".
Result<TargetInput> ReadTarget(const std::string& target, std::istream& stdin_stream);

struct TargetCheck {
  std::string target;  // as given
  TargetStatus status = TargetStatus::kError;
  std::string error;  // kError: why (connection refused, handshake failure, ...)
  // kError: the Error itself (kind, detail id such as "network.refused",
  // severity); `error` is its message.
  Error failure;
  bool live = false;
  std::optional<Probe> probe;          // live targets
  std::vector<CertificatePtr> chain;   // as presented, leaf first
  std::vector<CertificatePtr> aia_fetched;
  std::vector<std::string> aia_notes;  // fetch failures, one line each
  // The presented chain uses the profile's CAs (a leaf issued by one of its
  // issuing CAs, or one of them sent).
  bool serves_profile = false;
  std::vector<std::string> profile_matches;
  std::vector<TargetStoreVerdict> stores;
  // The leaf's lifetime against CA/B Forum BR 6.3.2 (SC-081) and the roots
  // of its chain that a root program drops before its renewal is due. A
  // notice: it changes a store's verdict only where that store's client is
  // known to reject the leaf (TargetStoreVerdict::lifetime_rejected).
  std::optional<LeafLifetime> lifetime;
  // --server-auth-only: the presented chain (and the anchor of the first
  // valid path) judged for a dedicated serverAuth-only hierarchy.
  std::optional<ServerAuthOnlyCheck> server_auth;
  bool trusted = false;  // by every store, without AIA fetching
  // A deadline (CheckRequest::deadline / target_deadline) cut this target's
  // probe, HTTP exchange or AIA fetches short. The verdict without AIA
  // stands; AIA-fetching clients' verdicts are then on partial fetches.
  bool deadline_hit = false;
};

// Judges one target against every store. Never fails: a network failure
// is status kError with its reason; the other fields are then empty.
TargetCheck CheckTarget(const TargetInput& target, const MigrationProfile& profile,
                        const std::vector<CheckedStore>& stores, const TargetCheckOptions& options);

// --- The whole check ---------------------------------------------------

struct CheckRequest {
  std::string profile = "amazon-trust-services";  // built-in name, directory or profile.json
  // A profile already loaded (the fleet scanner judges many images with
  // one): used instead of `profile` when set.
  std::shared_ptr<const MigrationProfile> loaded_profile;
  StoreSelectRequest stores;                      // which stores (default: every one discovered)
  // https://host[:port][/path], host:port, a chain file, or "-" (a chain on
  // `stdin_stream`). None: the stores themselves are judged.
  std::vector<std::string> targets;
  std::istream* stdin_stream = nullptr;  // nullptr: std::cin
  UnixTime time = 0;                     // 0: now
  std::vector<std::string> pins;         // "sha256/BASE64"
  std::string pins_file;                 // one pin per line
  std::vector<std::string> crl_files;    // applied to targets' chains
  std::string host;                      // leaf host name (default: the target's)
  std::string sni;                       // server name sent (default: the target's host)
  std::chrono::milliseconds timeout{10000};  // each network phase
  bool fetch_aia = true;
  // Client resolution: when set, the store each client really reads in this
  // environment (REQUESTS_CA_BUNDLE, JAVA_TOOL_OPTIONS trustStore, ...) is
  // judged too, with its used_by and the client's behaviour. Resolved
  // inside stores.root when that is set.
  std::optional<ClientEnvironment> clients;
  // Without `clients`: the environment of a file of KEY=VALUE lines, or of
  // a running process (/proc/PID/environ), as `clients` (ChooseEnvironment;
  // errors name --env / --pid, before anything else is read).
  std::string env_file;
  int pid = 0;
  // Without `clients`: are the client stores of this process's environment
  // judged too? kAuto: when this machine itself is judged (no store specs,
  // no root, no image), so that an override such as REQUESTS_CA_BUNDLE
  // cannot hide behind a ready system store. `client` set: always.
  enum class ClientStores { kNo, kYes, kAuto };
  ClientStores client_stores = ClientStores::kNo;
  // Only this client's stores (the selected stores are then left out).
  std::string client;
  // A container image (`docker save` archive, OCI layout folder or tar):
  // its trust files are unpacked to a private tree (src/image, nothing
  // run) and judged as `stores.root` would be, with the image's Env as
  // that system's environment. Exclusive with `stores.root`.
  std::string image;
  // Wall-clock bounds on top of the phase timeouts (0: none). Each target
  // (probe and AIA fetches together) gets `target_deadline`; the whole
  // check gets `deadline`, and targets not started by then are errors
  // ("not checked"). A deadline that cut something short is reported
  // (TargetCheck::deadline_hit, its note or error says "deadline").
  std::chrono::milliseconds deadline{0};
  std::chrono::milliseconds target_deadline{0};
  // `check --server-auth-only`: every target's chain must also be a
  // dedicated TLS server-auth hierarchy with a serverAuth-only leaf
  // (server_auth.h); a trusted chain that is not makes the answer "no".
  // Needs targets.
  bool server_auth_only = false;
};

// Yes (exit 0), no or unknown (exit 1), a target that errored (exit 2).
enum class CheckOutcome { kYes, kNo, kError };

// What --image unpacked (the tree itself is gone when Run returns).
struct CheckedImage {
  std::string source;  // as given
  std::string format;  // "docker-save", "oci-layout"
  std::vector<std::string> tags;
  std::vector<std::string> env;
  size_t layers = 0;
  uint64_t files = 0;
};

struct CheckReport {
  std::shared_ptr<const MigrationProfile> profile;  // what readiness entries point into
  std::string root;                                 // --root, or empty
  std::optional<CheckedImage> image;                // --image
  UnixTime time = 0;
  std::vector<SpkiPin> pins;
  std::vector<StoreReadiness> stores;  // every selected store, UNKNOWN ones included, in order
  std::vector<TargetCheck> targets;    // one per target, in order
  bool stores_ready = false;           // every store kReady
  // The profile concerns the answer: no targets, or some target's chain
  // uses the profile's CAs. A report about other endpoints is not framed
  // as the profile's migration.
  bool profile_applies = true;
  // No targets: every store ready. Targets: every target trusted by every
  // store (no store unknown, no target errored).
  bool ready = false;
  CheckOutcome outcome = CheckOutcome::kNo;
  bool server_auth_only = false;  // CheckRequest::server_auth_only

  std::vector<const StoreReadiness*> UnknownStores() const;
  // The platform snapshot stores among `stores` (the answer's data date is
  // theirs: `--max-data-age`).
  std::vector<std::string> PlatformStores() const;
};

namespace check {
// Bad input (an unknown profile, a store spec that names nothing, a
// malformed target, a missing chain file, a bad pin) is an Error naming it,
// before anything is judged or fetched. Everything found after that is in
// the report, UNKNOWN stores and unreachable targets included.
Result<CheckReport> Run(const CheckRequest& request);
}  // namespace check

}  // namespace trustready

#endif  // TRUSTREADY_CHECK_H_
