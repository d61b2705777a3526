// Which files of an image matter for trust, and the image's Env.
#include <string>
#include <vector>

#include "image/image_paths.h"
#include "trustready/image/image.h"

namespace trustready {

const std::vector<std::string>& ImageTrustPaths() {
  // Every path store discovery (src/store/store_discovery.cc) and client
  // resolution look at, and the places their links lead on the common
  // distributions (Debian's /etc/ssl/certs links into
  // /usr/share/ca-certificates, its JDKs' cacerts into /etc/ssl/certs/java,
  // /usr/lib/ssl is OpenSSL's OPENSSLDIR on Debian).
  static const std::vector<std::string> kPaths = {
      "etc/ssl",
      "etc/pki",
      "etc/ca-certificates",
      "etc/ca-certificates.conf",
      "etc/java-*/security",
      "usr/share/ca-certificates",
      "usr/local/share/ca-certificates",
      "usr/share/pki",
      "usr/lib/ssl",
      "usr/local/ssl",
      "var/lib/ca-certificates",
      "usr/lib/jvm/*/lib/security",
      "usr/lib/jvm/*/jre/lib/security",
      "usr/lib/jvm/*/conf/security",
      "usr/lib/jvm/*/release",
      "opt/java/*/lib/security",
      "opt/java/*/conf/security",
      "opt/java/*/release",
      "usr/local/lib/python3*/site-packages/certifi",
      "usr/local/lib/python3*/site-packages/botocore/cacert.pem",
      "usr/local/lib/python3*/site-packages/pip/_vendor/certifi",
      "usr/lib/python3*/site-packages/certifi",
      "usr/lib/python3/dist-packages/certifi",
      "usr/lib/python3/dist-packages/botocore/cacert.pem",
      "opt/venv/lib/python3*/site-packages/certifi",
      "opt/venv/lib/python3*/site-packages/botocore/cacert.pem",
      "root/.pki/nssdb",
      "home/*/.pki/nssdb",
      "root/.aws/config",
      "home/*/.aws/config",
      "system/etc/security/cacerts",
  };
  return kPaths;
}

std::string EnvValue(const std::vector<std::string>& env, const std::string& key) {
  std::string value;
  for (const std::string& kv : env) {
    if (kv.size() > key.size() && kv.compare(0, key.size(), key) == 0 && kv[key.size()] == '=') {
      value = kv.substr(key.size() + 1);
    }
  }
  return value;
}

namespace image_internal {

namespace {

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Absolute paths in a value: "a:b" lists, "-Dkey=/path" options.
void AbsolutePaths(const std::string& value, std::vector<std::string>* out) {
  std::string token;
  auto flush = [&] {
    size_t eq = token.rfind('=');
    std::string p = eq == std::string::npos ? token : token.substr(eq + 1);
    if (p.size() > 1 && p[0] == '/') out->push_back(p.substr(1));
    token.clear();
  };
  for (char c : value) {
    if (c == ':' || c == ' ' || c == ',' || c == '\t' || c == '"' || c == '\'') {
      flush();
    } else {
      token += c;
    }
  }
  flush();
}

}  // namespace

std::vector<std::string> EnvTrustPaths(const std::vector<std::string>& env) {
  std::vector<std::string> out;
  for (const std::string& kv : env) {
    size_t eq = kv.find('=');
    if (eq == std::string::npos) continue;
    const std::string key = kv.substr(0, eq), value = kv.substr(eq + 1);
    if (key == "JAVA_HOME") {
      std::vector<std::string> homes;
      AbsolutePaths(value, &homes);
      for (const auto& h : homes) {
        for (const char* rel : {"/lib/security", "/jre/lib/security", "/conf/security", "/release"}) {
          out.push_back(h + rel);
        }
      }
      continue;
    }
    // Variables whose value is a trust file or folder (OpenSSL, curl,
    // Python requests, AWS SDKs, Node, git, pip), and Java's options that
    // carry -Djavax.net.ssl.trustStore=PATH.
    const bool trust_var = key == "SSL_CERT_FILE" || key == "SSL_CERT_DIR" || key == "REQUESTS_CA_BUNDLE" ||
                           key == "CURL_CA_BUNDLE" || key == "AWS_CA_BUNDLE" || key == "NODE_EXTRA_CA_CERTS" ||
                           key == "GIT_SSL_CAINFO" || key == "GIT_SSL_CAPATH" || key == "PIP_CERT" ||
                           key == "AWS_CONFIG_FILE" || EndsWith(key, "_CA_BUNDLE") || EndsWith(key, "_CERT_FILE") ||
                           EndsWith(key, "_CERT_DIR") || EndsWith(key, "_CA_CERTS") || EndsWith(key, "_CAFILE");
    const bool java_options = key == "JAVA_TOOL_OPTIONS" || key == "JDK_JAVA_OPTIONS" || key == "_JAVA_OPTIONS";
    if (trust_var) AbsolutePaths(value, &out);
    if (java_options) {
      std::vector<std::string> all;
      AbsolutePaths(value, &all);
      // Only the trust store options' values, not every -Dx=/path.
      for (const auto& p : all) {
        if (value.find("javax.net.ssl.trustStore=/" + p) != std::string::npos) out.push_back(p);
      }
    }
  }
  return out;
}

}  // namespace image_internal

}  // namespace trustready
