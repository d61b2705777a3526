// The data-driven verify suite (tests/data/verify/<case>/, written by
// `trustready pki verify-cases`, src/pki/verify_cases.cc): every case run
// through the path builder (VerifyChain) and, unless no single path exists,
// through the single-path validator (ValidatePath) on chain + first anchor,
// as BoringSSL runs its verify_certificate_chain_unittest data through both.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "test_paths.h"
#include "trustready/pki/verify_cases.h"
#include "trustready/store/pem_store.h"
#include "trustready/verify/verify.h"
#include "trustready/x509/pem.h"
#include "verify/validate_path.h"

namespace trustready {
namespace {

namespace fs = std::filesystem;
const std::string kDir = std::string(TR_TEST_DATA) + "/verify";

std::string Read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> CaseNames() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(kDir)) {
    if (e.is_directory() && fs::exists(e.path() / "case.json")) out.push_back(e.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string Codes(const std::vector<VerifyError>& errors) {
  std::set<std::string> s;
  for (const auto& e : errors) s.insert(std::string(VerifyErrorCodeName(e.code)));
  std::string out;
  for (const auto& c : s) out += (out.empty() ? "" : ",") + c;
  return out;
}
std::string Codes(const nlohmann::json& names) {
  std::set<std::string> s;
  for (const auto& n : names) s.insert(n.get<std::string>());
  std::string out;
  for (const auto& c : s) out += (out.empty() ? "" : ",") + c;
  return out;
}
std::string Describe(const std::vector<VerifyError>& errors) {
  std::string out;
  for (const auto& e : errors) out += std::string(VerifyErrorCodeName(e.code)) + " #" + std::to_string(e.certificate) + ": " + e.message + "; ";
  return out;
}

struct LoadedCase {
  nlohmann::json spec;
  std::vector<CertificatePtr> chain;
  TrustStore trust;
  VerifyOptions options;
};

LoadedCase Load(const std::string& name) {
  LoadedCase c;
  const fs::path dir = fs::path(kDir) / name;
  c.spec = nlohmann::json::parse(Read(dir / "case.json"));
  auto chain = LoadCertificatesFromFile((dir / "chain.pem").string());
  EXPECT_TRUE(chain.ok()) << name;
  if (chain.ok()) c.chain = *chain;
  auto trust = ReadPemStore(Read(dir / "trust.pem"), (dir / "trust.pem").string());
  EXPECT_TRUE(trust.ok()) << name;
  if (trust.ok()) c.trust = std::move(trust).value();
  c.options.time = *ParseRfc3339(c.spec["time"].get<std::string>());
  EXPECT_EQ(c.spec["purpose"], "serverAuth");
  c.options.purpose = VerifyPurpose::kServerAuth;
  c.options.host = *ParseHostName(c.spec["host"].get<std::string>());
  return c;
}

TEST(VerifyCases, TheSuiteIsThere) {
  // At least the cases the generator writes (a folder lost in a merge fails here).
  EXPECT_GE(CaseNames().size(), 20u);
}

TEST(VerifyCases, PathBuilder) {
  for (const std::string& name : CaseNames()) {
    SCOPED_TRACE(name);
    LoadedCase c = Load(name);
    ASSERT_FALSE(c.chain.empty());
    std::vector<CertificatePtr> pool(c.chain.begin() + 1, c.chain.end());
    VerifyResult r = VerifyChain(c.chain.front(), pool, c.trust, c.options);
    const std::string expected = Codes(c.spec["errors"]);
    EXPECT_EQ(r.trusted, expected.empty())
        << (r.paths.empty() ? r.most_specific.message : Describe(r.paths.front().errors));
    if (expected.empty()) continue;
    // The errors of the best path when one reached an anchor, else the
    // one-line answer.
    const VerifiedPath* complete = nullptr;
    for (const auto& p : r.paths) {
      if (p.complete && !complete) complete = &p;
    }
    const std::string got = complete ? Codes(complete->errors) : Codes(std::vector<VerifyError>{r.most_specific});
    EXPECT_EQ(got, expected) << (complete ? Describe(complete->errors) : r.most_specific.message);
    EXPECT_NE(std::find(c.spec["errors"].begin(), c.spec["errors"].end(),
                        std::string(VerifyErrorCodeName(r.most_specific.code))),
              c.spec["errors"].end())
        << "most specific: " << VerifyErrorCodeName(r.most_specific.code);
  }
}

TEST(VerifyCases, SinglePathValidator) {
  size_t run = 0;
  for (const std::string& name : CaseNames()) {
    SCOPED_TRACE(name);
    LoadedCase c = Load(name);
    if (c.spec.value("builder_only", false)) {
      EXPECT_TRUE(c.spec.contains("note")) << "a builder-only case says why";
      continue;
    }
    ASSERT_FALSE(c.trust.anchors().empty());
    const TrustAnchor& anchor = c.trust.anchors().front();
    std::vector<CertificatePtr> path = c.chain;
    path.push_back(anchor.cert);
    PathBudget budget = c.options.budget;
    auto errors = verify_internal::ValidatePath(path, anchor, c.trust, c.options, c.chain, &budget).errors;
    const nlohmann::json& want = c.spec.contains("path_errors") ? c.spec["path_errors"] : c.spec["errors"];
    EXPECT_EQ(Codes(errors), Codes(want)) << Describe(errors);
    ++run;
  }
  EXPECT_GE(run, 15u);
}

// The committed data is what the generator writes: regenerating with the
// committed keys reproduces every file byte for byte.
TEST(VerifyCases, GeneratorReproducesTheCommittedData) {
  const fs::path tmp = fs::temp_directory_path() / ("tr-verify-cases-" + std::to_string(::getpid()));
  fs::remove_all(tmp);
  auto names = WriteVerifyCases(tmp.string(), kDir + "/keys");
  ASSERT_TRUE(names.ok()) << names.error().ToString();
  std::sort(names->begin(), names->end());
  EXPECT_EQ(*names, CaseNames());
  for (const std::string& name : *names) {
    for (const char* f : {"chain.pem", "trust.pem", "case.json"}) {
      EXPECT_EQ(Read(tmp / name / f), Read(fs::path(kDir) / name / f)) << name << "/" << f;
    }
  }
  fs::remove_all(tmp);
}

}  // namespace
}  // namespace trustready
