// Certification path building and validation (RFC 5280 section 6), with the
// CA/Browser Forum web profile for server authentication, explained.
//
// VerifyChain builds every distinct path from a target certificate to an
// anchor of one TrustStore, through a pool of untrusted certificates (the
// intermediates a server sent, cross-certificates...), validates each one and
// reports all of them: each path with its typed errors, the verdict, and the
// single most specific error across every path tried (ranked as
// rustls-webpki ranks its errors) for one-line answers.
//
// Nothing here fetches anything (no AIA, no OCSP, no CRL download): inputs
// are what the caller passes. Results own what they refer to (CertificatePtr).
#ifndef TRUSTREADY_VERIFY_H_
#define TRUSTREADY_VERIFY_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trustready/x509/certificate.h"
#include "trustready/x509/time.h"
#include "trustready/x509/crl.h"
#include "trustready/verify/hostname.h"
#include "trustready/verify/signature.h"
#include "trustready/store/trust_store.h"

namespace trustready {

// Why a path failed. The string names (VerifyErrorCodeName) are the JSON
// contract of `verify`, `check` and `plan`; never rename them.
enum class VerifyErrorCode {
  kUnknownIssuer,            // UNKNOWN_ISSUER: no path to an anchor
  kBudgetExhausted,          // BUDGET_EXHAUSTED: PathBudget ran out
  kPathTooLong,              // PATH_TOO_LONG: deeper than the depth limit
  kBadSignature,             // BAD_SIGNATURE
  kUnsupportedAlgorithm,     // UNSUPPORTED_ALGORITHM: algorithm or key refused
  kWeakKey,                  // WEAK_KEY: key too small / badly shaped
  kWeakSignature,            // WEAK_SIGNATURE: SHA-1 signature below the anchor
  kMalformed,                // MALFORMED: violates the certificate profile
  kUnhandledCriticalExtension,  // UNHANDLED_CRITICAL_EXTENSION
  kNotACa,                   // NOT_A_CA: issuer lacks basicConstraints cA
  kPathLengthExceeded,       // PATH_LENGTH_EXCEEDED
  kKeyUsage,                 // KEY_USAGE
  kExtendedKeyUsage,         // EXTENDED_KEY_USAGE
  kPolicy,                   // POLICY
  kNameConstraints,          // NAME_CONSTRAINTS
  kDistrusted,               // DISTRUSTED: anchor blocked, distrust-after
  kAnchorPurpose,            // ANCHOR_PURPOSE: anchor not trusted for purpose
  kNotYetValid,              // NOT_YET_VALID
  kExpired,                  // EXPIRED
  kRevoked,                  // REVOKED
  kCrlInvalid,               // CRL_INVALID: a given CRL in scope is unusable
  kRevocationUnknown,        // REVOCATION_UNKNOWN: status required, not determined
  kHostnameMismatch,         // HOSTNAME_MISMATCH
};
std::string_view VerifyErrorCodeName(VerifyErrorCode code);
// Higher is more specific. A path that failed only for reasons a user can
// act on (expiry, revocation, host name) outranks "no path at all", so the
// one-line answer names the most useful failure.
int VerifyErrorRank(VerifyErrorCode code);

struct VerifyError {
  VerifyErrorCode code = VerifyErrorCode::kUnknownIssuer;
  // Index in the path (0 = target/leaf), or -1 when about the path as a whole.
  int certificate = -1;
  std::string message;
  // Stable id of the precise failure under `code` (result.h: "Detail ids"),
  // e.g. MALFORMED "profile.serial_zero", NAME_CONSTRAINTS
  // "name_constraints.excluded". A string literal; the JSON contract.
  std::string_view detail;
  // Every error verify reports today fails its path (kError); a path is
  // valid only when it has no error at all.
  Severity severity = Severity::kError;
};
// Every detail id VerifyChain can report, with its code: the registry that
// tests hold stable (tests/verify/verify_detail_test.cc).
struct VerifyDetailInfo {
  std::string_view id;
  VerifyErrorCode code;
};
const std::vector<VerifyDetailInfo>& VerifyDetailIds();

// Bounds on the work one VerifyChain call may do, so that hostile inputs
// (the x509-limbo "pathological" cases: 100-certificate meshes, name
// constraint explosions) end quickly with BUDGET_EXHAUSTED.
struct PathBudget {
  // rustls-webpki's Budget::signatures default (100); Go caps its builder
  // at 100 signature checks too (maxChainSignatureChecks).
  int signature_checks = 100;
  // Builder steps (candidate issuers considered). rustls-webpki's
  // build_chain_calls default is 200,000; we stop sooner because each step
  // here may record a path.
  int builder_steps = 20000;
  // Certificates in a path, target and anchor included. rustls-webpki allows
  // 6 intermediates (MAX_SUB_CA_COUNT); Chromium's path builder has no
  // depth cap of its own but OpenSSL's default verify depth is 100. We take
  // 10: deeper real-world web PKI paths do not exist.
  int max_depth = 10;
  // GeneralName comparisons across all name constraints of all paths
  // (rustls-webpki name_constraint_comparisons default: 250,000).
  int name_constraint_comparisons = 250000;
  // Complete paths recorded; after this the builder stops looking for more.
  int max_paths = 32;
  // Nodes plus edges of the valid-policy graph of one path (RFC 5280
  // 6.1.2 (a), kept as a graph as BoringSSL's policy_graph does, so it grows
  // with the policies asserted, never exponentially). OpenSSL's fix for
  // CVE-2023-0464 caps its policy tree at 1000 nodes; a graph of 10,000
  // nodes and edges holds any real policy hierarchy.
  int policy_graph_size = 10000;
  // A wall-clock point after which the builder stops (BUDGET_EXHAUSTED).
  // Unset: no time limit (the other limits still bound the work).
  std::optional<std::chrono::steady_clock::time_point> deadline;
};

enum class VerifyPurpose { kServerAuth, kClientAuth, kAny };
// "server", "client" or "any" (report's VerifyPurposeName); nullopt otherwise.
std::optional<VerifyPurpose> ParseVerifyPurpose(std::string_view name);

// SHA-1 signatures on certificates below the anchor.
enum class Sha1Policy {
  kRefuse,  // browsers, OpenSSL 3 at security level >= 1, GnuTLS, Go
  kAllow,
  // Java's "SHA1 jdkCA" (jdk.certpath.disabledAlgorithms): refused only on
  // paths that end at an anchor of the JDK's own cacerts
  // (ClientBehavior::builtin_anchors); allowed under anchors a user added.
  kRefuseUnderBuiltinAnchors,
};

// How a family of clients behaves beyond what the store says
// (data/clients/clients.json; src/verify/client_policy.cc applies it).
struct ClientBehavior {
  // Clients that do not enforce the anchor's own notAfter (Android < 7.1.1).
  bool enforce_anchor_expiry = true;
  // The client would fetch missing intermediates from AIA caIssuers. Not
  // done here (verify/ never touches the network): callers that model such
  // clients add fetched certificates to the untrusted pool.
  bool fetch_aia = false;
  // OpenSSL 1.0.x: judge only the first path built and fail if it fails
  // (no backtracking into alternative chains).
  bool first_path_only = false;
  Sha1Policy sha1 = Sha1Policy::kRefuse;
  // kRefuseUnderBuiltinAnchors: SHA-256 of the client's own anchors.
  std::shared_ptr<const std::vector<Sha256>> builtin_anchors;
  // Smallest RSA modulus the client accepts on the certificates it checks.
  // 0: the web profile (1024 bits anywhere, 2048 below the anchor). OpenSSL
  // at security level 2 says 2048, Java (RSA keySize < 1024) 1024.
  int min_rsa_bits = 0;
  // min_rsa_bits applies to the anchor's key too (OpenSSL's security level
  // checks every key of the chain).
  bool check_anchor_key = false;
  // A path must end at a self-signed certificate: OpenSSL without
  // X509_V_FLAG_PARTIAL_CHAIN does not stop at a trusted intermediate.
  bool require_self_signed_anchor = false;
  // Java's jdk.security.caDistrustPolicies, as the JDK's java.security
  // names them: a server certificate issued after the date under one of
  // these anchors is refused, whichever trust store holds the anchor (for a
  // CA judged as such, a leaf it would issue now). `ca_distrust_source`
  // says which policies and where they were read, for the message.
  std::shared_ptr<const std::vector<std::pair<Sha256, UnixTime>>> ca_distrust_after;
  std::string ca_distrust_source;
};

// Which profile paths are held to beyond RFC 5280 section 6.1.
enum class VerifyProfile {
  // RFC 5280 plus the CA/Browser Forum web profile (web_profile.cc): key
  // sizes, no SHA-1 below the anchor, certificate profile MUSTs that web
  // clients enforce. What `verify`, `check` and `plan` judge by.
  kWeb,
  // RFC 5280 alone (NIST PKITS).
  kRfc5280,
};

// The RFC 5280 6.1.1 (c), (e)-(g) inputs of certificate policy processing.
struct PolicyOptions {
  // user-initial-policy-set, OID contents. Empty means {anyPolicy}.
  std::vector<std::vector<uint8_t>> initial_policy_set;
  bool initial_explicit_policy = false;
  bool initial_policy_mapping_inhibit = false;
  bool initial_inhibit_any_policy = false;
};

struct VerifyOptions {
  UnixTime time = 0;  // validation time; 0 means Now()
  VerifyPurpose purpose = VerifyPurpose::kServerAuth;
  // The server's name (DNS or IP). Checked against the target's SAN only
  // for kServerAuth. Empty: not checked.
  std::optional<HostName> host;
  // CRLs to apply. A certificate is checked against every CRL whose issuer
  // is the certificate's issuer and whose scope covers it; certificates
  // without a CRL given are not checked (no fetching).
  std::vector<CrlPtr> crls;
  ClientBehavior client;
  PathBudget budget;
  // The target is a CA certificate being judged as such (the readiness
  // subscriber key rules), no host name, and its own CA constraints apply.
  bool target_is_ca = false;
  // Apply the certificate profile (RFC 5280 MUSTs, CA/B Forum root rules)
  // to anchors too. Real clients treat an anchor as a name and a key and
  // check nothing else about it; x509-limbo expects conformance, so the
  // limbo runner turns this on.
  bool strict_anchors = false;
  // Extended key usages the caller requires in addition to the purpose's
  // (x509-limbo's extended_key_usage). OID contents.
  std::vector<std::vector<uint8_t>> required_ekus;
  // Key usage bits the target must assert (x509-limbo's key_usage).
  std::vector<KeyUsageBit> required_key_usages;
  // Maximum number of intermediates (not counting self-issued ones), as
  // x509-limbo's max_chain_depth. Unset: only budget.max_depth applies.
  std::optional<int> max_intermediates;
  VerifyProfile profile = VerifyProfile::kWeb;
  PolicyOptions policy;
  // RFC 5280 6.3: a certificate of the path whose revocation status the
  // given CRLs cannot determine (status `unknown`) fails the path.
  bool require_revocation_status = false;
};

// Revocation status of one certificate of a path (RFC 5280 6.3).
enum class RevocationState {
  kGood,     // a usable CRL in scope does not list it
  kRevoked,  // a usable CRL in scope lists it
  kUnknown,  // no usable CRL covers it (why says which were tried)
};
std::string_view RevocationStateName(RevocationState state);  // "good", ...

struct RevocationStatus {
  RevocationState state = RevocationState::kUnknown;
  // kGood/kRevoked: the CRL(s) that decided ("CRL of 'CN=..' #12", a
  // delta CRL after its base).
  std::string crl;
  // kRevoked.
  std::string serial;  // hex, as the CRL lists it
  UnixTime revocation_date = 0;
  std::optional<CrlReason> reason;
  // kUnknown: why (no CRL given, each CRL unusable with its reason, reasons
  // not covered, ...). kGood/kRevoked: empty.
  std::string why;
};

struct VerifiedPath {
  std::vector<CertificatePtr> certificates;  // target first, anchor last
  // The anchor the path ends in (a copy: the store may go away); unset for
  // a partial path that reached none.
  std::optional<TrustAnchor> anchor;
  bool complete = false;  // reaches an anchor
  bool valid = false;
  std::vector<VerifyError> errors;
  // Complete paths: one entry per certificate but the anchor, target first
  // (the anchor is trusted by configuration, not by revocation status).
  std::vector<RevocationStatus> revocation;
  // Complete paths: the user-constrained policy set (RFC 5280 6.1.5 (g)),
  // OID contents; {anyPolicy} when any policy is acceptable; empty when no
  // policy is (valid only when explicit policy is not required).
  std::vector<std::vector<uint8_t>> user_constrained_policy_set;
};

struct VerifyResult {
  bool trusted = false;
  // Every distinct complete path found, valid ones first; when none reached
  // an anchor, the partial paths that ended at an unknown issuer.
  std::vector<VerifiedPath> paths;
  // The most specific error over all paths (meaningless when trusted).
  VerifyError most_specific;
  // Statistics.
  int signature_checks = 0;
  int builder_steps = 0;

  const VerifiedPath* ValidPath() const;
};

// Builds and validates. `cache` may be null (every signature verified anew:
// a cold run) or shared across calls (warm runs); it is not thread-safe.
VerifyResult VerifyChain(const CertificatePtr& target,
                         const std::vector<CertificatePtr>& untrusted,
                         const TrustStore& store, const VerifyOptions& options,
                         SignatureCache* cache = nullptr);

}  // namespace trustready

#endif  // TRUSTREADY_VERIFY_H_
