// Auditing one trust store and comparing two.
//
// Audit findings have stable ids (the JSON contract of `store audit`):
//   EXPIRED            the anchor's notAfter has passed
//   EXPIRING_SOON      notAfter within `soon_days`
//   WEAK_KEY           RSA/DSA below 2048 bits, EC below 256, or unknown key
//   NOT_CA             a v3 anchor without basicConstraints cA=TRUE
//   V1_CERTIFICATE     a version 1 anchor (no extensions; OpenSSL and Java
//                      accept it as a CA, strict RFC 5280 verifiers do not)
//   DUPLICATE_SUBJECT  several anchors with the same normalised subject
//   DUPLICATE_KEY      several anchors with the same SPKI
//   DISTRUSTED         an entry that is explicitly distrusted
//   DISTRUST_AFTER     an anchor with a server/e-mail distrust-after date
//   NO_PURPOSE         present but trusted for no purpose
#ifndef TRUSTREADY_STORE_AUDIT_H_
#define TRUSTREADY_STORE_AUDIT_H_

#include <string>
#include <vector>

#include "trustready/store/trust_store.h"

namespace trustready {

struct StoreAuditOptions {
  UnixTime now = 0;     // 0: the current time
  int soon_days = 90;   // "soon": the usual renewal window of a CA migration
  // NIST SP 800-131A: RSA/DSA keys below 2048 bits and EC keys below 224
  // bits are disallowed; browsers removed 1024-bit roots in 2014-2015. We
  // flag EC below 256 because no public root uses P-224.
  int min_rsa_bits = 2048;
  int min_ec_bits = 256;
};

enum class AuditSeverity { kError, kWarning, kInfo };
std::string_view AuditSeverityName(AuditSeverity s);  // "error", "warning", "info"

struct StoreAuditFinding {
  std::string id;
  AuditSeverity severity = AuditSeverity::kWarning;
  // The anchors concerned (two or more for duplicates); they point into
  // the audited store and live as long as it does.
  std::vector<const TrustAnchor*> anchors;
  std::string message;
};

std::vector<StoreAuditFinding> AuditStore(const TrustStore& store,
                                          const StoreAuditOptions& options = {});
// True when no finding has error severity (the store passes the audit).
bool AuditPassed(const std::vector<StoreAuditFinding>& findings);

struct StoreDiff {
  std::vector<const TrustAnchor*> only_in_a;
  std::vector<const TrustAnchor*> only_in_b;
  // Same certificate (SHA-256), different TrustAttributes: {in a, in b}.
  std::vector<std::pair<const TrustAnchor*, const TrustAnchor*>> trust_changed;
  bool same() const { return only_in_a.empty() && only_in_b.empty() && trust_changed.empty(); }
};
StoreDiff DiffStores(const TrustStore& a, const TrustStore& b);

// "server-auth,email" / "distrusted" / "none", with distrust-after dates:
// a compact text form of TrustAttributes for tables.
std::string DescribeTrust(const TrustAttributes& trust);

}  // namespace trustready

#endif  // TRUSTREADY_STORE_AUDIT_H_
