// Validation of one complete certification path (RFC 5280 section 6.1 and
// the CA/B Forum web profile). Internal to src/verify; the path builder
// calls it for every path that reaches an anchor.
#ifndef TRUSTREADY_VERIFY_VALIDATE_PATH_H_
#define TRUSTREADY_VERIFY_VALIDATE_PATH_H_

#include <vector>

#include "trustready/verify/verify.h"

namespace trustready::verify_internal {

struct PathValidation {
  std::vector<VerifyError> errors;  // every failure found (empty: valid)
  std::vector<RevocationStatus> revocation;
  std::vector<std::vector<uint8_t>> user_constrained_policy_set;
};

// `path` runs target first, anchor last; the signatures along it were
// checked by the builder. `untrusted` is where CRL signers off the path are
// looked for. `budget` is shared with the builder (name-constraint
// comparisons, policy graph size).
PathValidation ValidatePath(const std::vector<CertificatePtr>& path, const TrustAnchor& anchor,
                            const TrustStore& store, const VerifyOptions& options,
                            const std::vector<CertificatePtr>& untrusted, PathBudget* budget);

}  // namespace trustready::verify_internal

#endif  // TRUSTREADY_VERIFY_VALIDATE_PATH_H_
