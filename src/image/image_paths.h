// The trust files of an image from its Env (image_paths.cc; the fixed list
// is ImageTrustPaths in image.h). Internal to src/image.
#ifndef TRUSTREADY_IMAGE_IMAGE_PATHS_H_
#define TRUSTREADY_IMAGE_IMAGE_PATHS_H_

#include <string>
#include <vector>

namespace trustready::image_internal {

// Paths (relative to the image root) named by the image's Env as trust
// files or folders: SSL_CERT_FILE, REQUESTS_CA_BUNDLE, ..., the trust store
// of -Djavax.net.ssl.trustStore= in JAVA_TOOL_OPTIONS, JAVA_HOME's
// lib/security.
std::vector<std::string> EnvTrustPaths(const std::vector<std::string>& env);

}  // namespace trustready::image_internal

#endif  // TRUSTREADY_IMAGE_IMAGE_PATHS_H_
