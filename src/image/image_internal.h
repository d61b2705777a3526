// Helpers shared inside src/image/ (not public API).
#ifndef TRUSTREADY_IMAGE_IMAGE_INTERNAL_H_
#define TRUSTREADY_IMAGE_IMAGE_INTERNAL_H_

#include <string>
#include <vector>

namespace trustready::image_internal {

// Paths (relative to the image root) named by the image's Env as trust
// files or folders: SSL_CERT_FILE, REQUESTS_CA_BUNDLE, ..., the trust store
// of -Djavax.net.ssl.trustStore= in JAVA_TOOL_OPTIONS, JAVA_HOME's
// lib/security.
std::vector<std::string> EnvTrustPaths(const std::vector<std::string>& env);

}  // namespace trustready::image_internal

#endif  // TRUSTREADY_IMAGE_IMAGE_INTERNAL_H_
