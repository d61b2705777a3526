// A client's own algorithm policy (ClientBehavior), applied to the errors
// ValidatePath found for one complete path. Internal to src/verify.
#ifndef TRUSTREADY_VERIFY_CLIENT_POLICY_H_
#define TRUSTREADY_VERIFY_CLIENT_POLICY_H_

#include <vector>

#include "trustready/verify/verify.h"

namespace trustready::verify_internal {

// ValidatePath judges by the web profile (no SHA-1 below the anchor, RSA
// >= 2048 below it). A client that departs from it (Java allows SHA-1
// under anchors a user added; OpenSSL at security level 2 refuses RSA-1024
// anywhere; OpenSSL needs a self-signed end of the path) gets those errors
// replaced by its own. The default ClientBehavior changes nothing.
void ApplyClientPolicy(const std::vector<CertificatePtr>& path, const TrustAnchor& anchor,
                       const VerifyOptions& options, std::vector<VerifyError>* errors);

}  // namespace trustready::verify_internal

#endif  // TRUSTREADY_VERIFY_CLIENT_POLICY_H_
