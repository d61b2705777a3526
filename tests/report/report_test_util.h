// Shared by the report/ unit tests: the published schemas, Amazon's
// certificates from the shared data, and a temporary directory.
#ifndef TRUSTREADY_TESTS_REPORT_REPORT_TEST_UTIL_H_
#define TRUSTREADY_TESTS_REPORT_REPORT_TEST_UTIL_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "lib/json_schema.h"
#include "test_paths.h"
#include "trustready/x509/pem.h"

namespace trustready::report_test {

inline const testing::JsonSchema& Schema(const std::string& name) {
  static std::map<std::string, testing::JsonSchema> cache;
  auto it = cache.find(name);
  if (it == cache.end()) {
    it = cache.emplace(name, testing::JsonSchema::Load(std::string(TR_SOURCE_DIR) + "/docs/schemas/" + name)).first;
  }
  return it->second;
}

// Every schema violation of `text` (a rendered document), one per line;
// "" when it is valid JSON that the schema accepts.
inline std::string Violations(const std::string& text, const std::string& schema) {
  auto doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded()) return "not JSON: " + text.substr(0, 200);
  std::string out;
  for (const auto& e : Schema(schema).Validate(doc)) out += e + "\n";
  return out;
}

inline CertificatePtr Amazon(const std::string& file) {
  auto certs = LoadCertificatesFromFile(std::string(TR_SHARED_DATA) + "/amazon-trust-services/" + file);
  EXPECT_TRUE(certs.ok()) << file;
  return certs.ok() ? certs->front() : nullptr;
}

struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& tag)
      : path(std::filesystem::temp_directory_path() / ("tr-report-" + tag + "-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
};

inline bool HasEscape(const std::string& s) { return s.find('\x1b') != std::string::npos; }

}  // namespace trustready::report_test

#endif  // TRUSTREADY_TESTS_REPORT_REPORT_TEST_UTIL_H_
