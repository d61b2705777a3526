// What the test site serves: the variants (a chain + key each, and the
// outcome announced for a client trusting only the new root or only the
// legacy root) and the files published over plain HTTP.
#ifndef TRUSTREADY_SERVE_SITE_H_
#define TRUSTREADY_SERVE_SITE_H_

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "trustready/pki/demo_pki.h"
#include "trustready/base/result.h"

namespace trustready::serve {

struct SiteVariant {
  std::string name;         // "new-chain"; the SNI host is <name>.<domain>
  std::string description;
  std::string expected_new_root;     // "pass" | "fail"
  std::string expected_legacy_root;  // "pass" | "fail"
  // What a browser that trusts the new root shows, when it differs from
  // expected_new_root because browsers fetch AIA or skip CRLs ("pass"),
  // else the same as expected_new_root.
  std::string expected_browser;
  std::string note;         // the caveat behind expected_browser, if any
  std::vector<std::string> chain_files;  // PEM, leaf first; concatenated in order
  std::string key_file;
};

struct Site {
  std::string domain;
  std::vector<SiteVariant> variants;
  nlohmann::json ca_files = nlohmann::json::object();
  // URL path -> file, served over plain HTTP (and HTTPS).
  std::vector<std::pair<std::string, std::string>> published;
};

// The variants of issue 7 over the demo PKI.
Site DemoSite(const DemoPki& pki, const std::string& domain);

// {"domain": D, "variants": [{"name", "chain", "key", "expected_new_root",
//  "expected_legacy_root", "description"?}], "ca_files": {...}?,
//  "publish": {"/path": FILE}?}. Relative paths are relative to the file.
Result<Site> SiteFromConfig(const std::string& path);

}  // namespace trustready::serve

#endif  // TRUSTREADY_SERVE_SITE_H_
