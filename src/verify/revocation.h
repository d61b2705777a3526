// Revocation checking with CRLs, RFC 5280 6.3. Internal to src/verify; the
// path validator calls it for every complete path.
#ifndef TRUSTREADY_VERIFY_REVOCATION_H_
#define TRUSTREADY_VERIFY_REVOCATION_H_

#include <vector>

#include "trustready/verify/verify.h"

namespace trustready::verify_internal {

struct RevocationInput {
  const std::vector<CertificatePtr>& path;  // target first, anchor last
  const TrustAnchor& anchor;
  const VerifyOptions& options;
  // Where CRL signers that are not on the path are looked for (the
  // caller's untrusted pool); their own paths must end in `anchor`.
  const std::vector<CertificatePtr>& untrusted;
};

struct RevocationOutcome {
  std::vector<RevocationStatus> statuses;  // one per certificate but the anchor
  // REVOKED; CRL_INVALID where a CRL of the certificate's issuer was given
  // but could not be used and nothing else decided; REVOCATION_UNKNOWN for
  // undetermined status when VerifyOptions::require_revocation_status.
  std::vector<VerifyError> errors;
};

RevocationOutcome CheckRevocation(const RevocationInput& in);

}  // namespace trustready::verify_internal

#endif  // TRUSTREADY_VERIFY_REVOCATION_H_
