// Validation of one complete certification path (RFC 5280 section 6.1 and
// the CA/B Forum web profile). Internal to src/verify; the path builder
// calls it for every path that reaches an anchor.
#ifndef TRUSTREADY_VERIFY_VALIDATE_PATH_H_
#define TRUSTREADY_VERIFY_VALIDATE_PATH_H_

#include <vector>

#include "trustready/verify/verify.h"

namespace trustready::verify_internal {

// `path` runs target first, anchor last; the signatures along it were
// checked by the builder. Returns every failure found (empty: valid).
// `nc_comparisons` is the shared name-constraint budget.
std::vector<VerifyError> ValidatePath(const std::vector<CertificatePtr>& path,
                                      const TrustAnchor& anchor, const TrustStore& store,
                                      const VerifyOptions& options, int* nc_comparisons);

}  // namespace trustready::verify_internal

#endif  // TRUSTREADY_VERIFY_VALIDATE_PATH_H_
