// Server-auth-only readiness (issue 15): generated chains (pki/test_chain,
// OpenSSL-signed) with every EKU shape of leaf and intermediate, and
// `check --server-auth-only` as check::Run: a trusted chain on a
// multi-purpose hierarchy is a "no", a dedicated one a "yes", and the flag
// without a target is an error naming it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "trustready/check/check.h"
#include "trustready/check/server_auth.h"
#include "trustready/pki/test_chain.h"

namespace trustready {
namespace {

TestChain Chain(const std::string& leaf_eku, const std::string& ca_eku) {
  TestChainSpec s;
  s.leaf_not_before = *ParseRfc3339("2026-07-01T00:00:00Z");
  s.leaf_not_after = s.leaf_not_before + 90 * 86400;
  s.leaf_eku = leaf_eku;
  s.ca_eku = ca_eku;
  auto c = MakeTestChain(s);
  EXPECT_TRUE(c.ok()) << c.error().message;
  return *c;
}

ServerAuthOnlyCheck Judge(const TestChain& c) { return CheckServerAuthOnly({c.leaf, c.ca, c.root}); }

TEST(ServerAuthOnly, EachEkuShapeOfLeafAndIntermediate) {
  struct Row {
    const char* leaf_eku;
    const char* ca_eku;
    bool ready, dedicated, leaf_client, client_cert;
  };
  for (const Row& r : {Row{"serverAuth", "serverAuth", true, true, false, false},
                       Row{"serverAuth,clientAuth", "serverAuth", false, true, true, false},
                       Row{"serverAuth", "", false, false, false, false},
                       Row{"serverAuth", "serverAuth,clientAuth", false, false, false, false},
                       Row{"clientAuth", "clientAuth", false, false, true, true},
                       Row{"anyExtendedKeyUsage", "serverAuth", false, true, true, false},
                       Row{"", "serverAuth", false, true, true, false},
                       Row{"serverAuth,emailProtection", "serverAuth", false, true, false, false}}) {
    SCOPED_TRACE(std::string(r.leaf_eku) + " / " + r.ca_eku);
    ServerAuthOnlyCheck a = Judge(Chain(r.leaf_eku, r.ca_eku));
    EXPECT_EQ(a.ready, r.ready);
    EXPECT_EQ(a.dedicated_hierarchy, r.dedicated);
    EXPECT_EQ(a.leaf_client_auth, r.leaf_client);
    EXPECT_EQ(a.client_certificate, r.client_cert);
    ASSERT_EQ(a.certificates.size(), 3u);
    EXPECT_EQ(a.certificates[0].role, "leaf");
    EXPECT_EQ(a.certificates[1].role, "intermediate");
    EXPECT_EQ(a.certificates[2].role, "root");
    // The root (no EKU) never decides.
    EXPECT_FALSE(a.certificates[2].eku.has_value());
    EXPECT_EQ(a.certificates[1].eku.has_value(), std::string(r.ca_eku) != "");
    EXPECT_EQ(a.certificates[0].issue.empty(), a.certificates[0].server_auth_only);
  }
  ServerAuthOnlyCheck both = Judge(Chain("serverAuth,clientAuth", "serverAuth"));
  EXPECT_EQ(*both.certificates[0].eku, (std::vector<std::string>{"serverAuth", "clientAuth"}));
  EXPECT_EQ(both.certificates[0].issue, "serverAuth and clientAuth");
}

class ServerAuthRun : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("tr-server-auth-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  CheckRequest Request(const TestChain& c) {
    std::ofstream(dir_ / "chain.pem") << c.chain_pem;
    std::ofstream(dir_ / "root.pem") << c.root_pem;
    CheckRequest r;
    r.time = *ParseRfc3339("2026-08-01T00:00:00Z");
    r.stores.specs.push_back({(dir_ / "root.pem").string(), std::nullopt});
    r.fetch_aia = false;
    r.targets = {(dir_ / "chain.pem").string()};
    r.server_auth_only = true;
    return r;
  }
  std::filesystem::path dir_;
};

TEST_F(ServerAuthRun, ATrustedMultiPurposeChainIsANoAndADedicatedOneAYes) {
  auto multi = check::Run(Request(Chain("serverAuth,clientAuth", "")));
  ASSERT_TRUE(multi.ok()) << multi.error().ToString();
  EXPECT_EQ(multi->targets[0].status, TargetStatus::kTrusted);
  ASSERT_TRUE(multi->targets[0].server_auth.has_value());
  EXPECT_FALSE(multi->targets[0].server_auth->ready);
  EXPECT_FALSE(multi->ready);
  EXPECT_EQ(multi->outcome, CheckOutcome::kNo);

  auto dedicated = check::Run(Request(Chain("serverAuth", "serverAuth")));
  ASSERT_TRUE(dedicated.ok());
  EXPECT_TRUE(dedicated->targets[0].server_auth->ready);
  EXPECT_TRUE(dedicated->ready);
  EXPECT_EQ(dedicated->outcome, CheckOutcome::kYes);

  // Without the flag the multi-purpose chain is simply trusted.
  CheckRequest plain = Request(Chain("serverAuth,clientAuth", ""));
  plain.server_auth_only = false;
  auto p = check::Run(plain);
  ASSERT_TRUE(p.ok());
  EXPECT_FALSE(p->targets[0].server_auth.has_value());
  EXPECT_EQ(p->outcome, CheckOutcome::kYes);
}

TEST_F(ServerAuthRun, TheFlagWithoutATargetIsAnError) {
  CheckRequest r = Request(Chain("serverAuth", "serverAuth"));
  r.targets.clear();
  auto report = check::Run(r);
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.error().message.find("--server-auth-only"), std::string::npos);
}

}  // namespace
}  // namespace trustready
