// TLS subscriber certificate lifetimes: the CA/Browser Forum's maximum
// validity period in force when a leaf was issued and when it will next be
// renewed (Baseline Requirements 6.3.2 as amended by ballot SC-081v3), the
// clients known to reject a leaf that exceeds it, and the roots of the
// chain that a shipped root program removes or distrusts before the leaf's
// renewal would be due.
//
// The schedule (BR 6.3.2, SC-081v3, adopted 2025-04-11):
//   issued before 2026-03-15            398 days  (DCV reuse 398 days)
//   issued on or after 2026-03-15       200 days  (DCV reuse 200 days)
//   issued on or after 2027-03-15       100 days  (DCV reuse 100 days)
//   issued on or after 2029-03-15        47 days  (DCV reuse  10 days)
// The ballot's own text (cabforum.org, servercert BR.md after SC-081) was
// not reachable from this project's sources; the dates and limits above
// agree in every secondary source read (DigiCert's and Sectigo's
// announcements, AWS Certificate Manager's FAQ, CaptainDNS and others,
// 2025-2026) and in the ballot's pull request (cabforum/servercert#553).
//
// Lifetime as the BRs count it: RFC 5280 4.1.2.5 makes the validity period
// "notBefore through notAfter, inclusive", so one second more than
// notAfter - notBefore; BR 6.3.2: "a day is measured as 86,400 seconds.
// Any amount of time greater than this ... SHALL represent an additional
// day". A leaf with notAfter - notBefore of exactly 200 days therefore has
// a Validity Period of 200 days and one second: 201 days, over 200.
//
// What clients do (only what is sourced is modelled; everything else is a
// warning, never a verdict):
// - Chrome (net/cert/cert_verify_proc.cc, HasTooLongValidity): for chains
//   to a publicly trusted root, rejects with ERR_CERT_VALIDITY_TOO_LONG when
//   notAfter - notBefore (exclusive, no extra second) exceeds the limit
//   for the leaf's notBefore: 398 days (Chrome Root Program, issued on or
//   after 2020-09-01), and since 2026 the SC-081 schedule (200 days from
//   2026-03-15, 100 from 2027-03-15; NVISO, 2026-07-22, reading the same
//   function). Modelled for `chrome:*` platform snapshots.
// - Apple (support.apple.com/HT211025): TLS server certificates issued on
//   or after 2020-09-01 from a preinstalled root must not be valid for more
//   than 398 days; connections fail. Modelled for `apple:*` snapshots with
//   the 398-day limit only (no Apple source for the SC-081 steps).
#ifndef TRUSTREADY_CHECK_LIFETIME_H_
#define TRUSTREADY_CHECK_LIFETIME_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "trustready/store/platform_stores.h"
#include "trustready/x509/certificate.h"
#include "trustready/x509/time.h"

namespace trustready {

struct LifetimeRule {
  UnixTime from = 0;  // issued on or after (0: the limit before SC-081's first step)
  int max_days = 0;   // maximum Validity Period
  int dcv_reuse_days = 0;  // maximum reuse of domain validation data (BR 4.2.1)
};

// The schedule above, oldest first.
const std::vector<LifetimeRule>& TlsLifetimeSchedule();
// The rule in force for a certificate issued at `issued`.
const LifetimeRule& LifetimeRuleAt(UnixTime issued);

constexpr int64_t kBrDaySeconds = 86400;
// notAfter - notBefore + 1 (RFC 5280: inclusive).
int64_t ValidityPeriodSeconds(const Certificate& cert);
// In BR days: every started 86,400 seconds counts.
int64_t ValidityPeriodDays(int64_t seconds);

// Whether a platform's client rejects `leaf` for its lifetime, with the
// reason ("Chrome rejects ... (ERR_CERT_VALIDITY_TOO_LONG)"); empty when it
// does not or when nothing sourced says it would. `platform` is a snapshot
// platform ("chrome", "apple", ...).
std::string ClientLifetimeRejection(const std::string& platform, const Certificate& leaf);

// A root of the chain that a root program removes or distrusts, or that
// expires, before the leaf's renewal (or the renewed leaf's life) is over.
struct RootLifecycleWarning {
  std::string kind;      // "removed", "distrust_after", "sct_distrust_after", "root_expires"
  std::string platform;  // "mozilla", ... ("" for root_expires)
  std::string root;      // display name
  std::string root_sha256;  // hex
  UnixTime date = 0;     // when it happens (happened)
  std::string text;      // one line for people
};

struct LeafLifetime {
  UnixTime not_before = 0, not_after = 0;
  int64_t seconds = 0;  // ValidityPeriodSeconds
  int64_t days = 0;     // ValidityPeriodDays
  LifetimeRule at_issuance;
  bool within_limit = true;  // days <= at_issuance.max_days
  // The leaf must be renewed by its notAfter at the latest; the renewed
  // leaf is issued then under this rule and lives at most until
  // renewal_expires.
  UnixTime renewal_due = 0;
  LifetimeRule at_renewal;
  UnixTime renewal_expires = 0;
  std::vector<RootLifecycleWarning> root_warnings;
};

// The leaf's lifetime against the schedule, and the warnings for the
// `roots` its chain reaches (the anchors of the valid paths; the presented
// chain's last certificate when none is valid), read from the shipped
// platform snapshots (`platforms` may be null: no root warnings): each
// platform's newest snapshot that no longer trusts a root an earlier one
// trusted ("removed", dated by the first snapshot without it), a
// distrust-after date in the newest snapshot before the renewal is due, and
// a root that expires before the renewed leaf would.
LeafLifetime AssessLeafLifetime(const Certificate& leaf, const std::vector<CertificatePtr>& roots,
                                const PlatformData* platforms);

}  // namespace trustready

#endif  // TRUSTREADY_CHECK_LIFETIME_H_
