// Server-auth-only readiness (issue 15): does a chain still rely on a
// multi-purpose hierarchy, or its leaf on clientAuth?
//
// The Chrome Root Program requires the hierarchies in the Chrome Root Store
// to be dedicated to TLS server authentication and is phasing clientAuth
// out of public TLS certificates. What each dated step says (policy v1.6,
// 2025-02-15: leaves issued on or after 2026-06-15 carry serverAuth only;
// later versions, per secondary sources on v1.7/v1.8 (2026-02): new
// subordinate CAs serverAuth-only from 2026-06-15 and leaves from
// 2027-03-15) was not re-read from the program's own page here, so the
// check reports what the certificates say, not a date: that is what
// decides whether a CA can keep issuing this chain's kind of certificate.
//
// A certificate is "serverAuth-only" when its extendedKeyUsage is present
// and holds id-kp-serverAuth alone (RFC 5280 4.2.1.12; an absent EKU or
// anyExtendedKeyUsage allows every purpose). Roots are reported but not
// judged: a root's purposes are set by each root program (CCADB), not by
// its certificate, which rarely carries an EKU.
#ifndef TRUSTREADY_CHECK_SERVER_AUTH_H_
#define TRUSTREADY_CHECK_SERVER_AUTH_H_

#include <optional>
#include <string>
#include <vector>

#include "trustready/x509/certificate.h"

namespace trustready {

struct EkuFinding {
  std::string role;     // "leaf", "intermediate", "root"
  std::string subject;  // display name
  std::string sha256;   // hex
  // EKU names ("serverAuth", "clientAuth", dotted OIDs); nullopt: no EKU
  // extension (every purpose).
  std::optional<std::vector<std::string>> eku;
  bool server_auth_only = false;
  // Why it is not serverAuth-only, for people; empty when it is (and for
  // roots: what their certificate says, never a verdict).
  std::string issue;
};

struct ServerAuthOnlyCheck {
  bool leaf_server_auth = false;  // serverAuth usable (listed, anyEKU, or no EKU)
  bool leaf_client_auth = false;  // clientAuth usable (listed, anyEKU, or no EKU)
  // The leaf is a client certificate (clientAuth, no serverAuth): mTLS
  // from this hierarchy.
  bool client_certificate = false;
  // Every intermediate is serverAuth-only.
  bool dedicated_hierarchy = false;
  // Leaf and every intermediate serverAuth-only.
  bool ready = false;
  std::vector<EkuFinding> certificates;  // leaf first, then the chain's CAs, root last (when known)
};

// `chain`: leaf first, then its issuers; the root (a valid path's anchor)
// last when known. Self-issued certificates are roots.
ServerAuthOnlyCheck CheckServerAuthOnly(const std::vector<CertificatePtr>& chain);

}  // namespace trustready

#endif  // TRUSTREADY_CHECK_SERVER_AUTH_H_
