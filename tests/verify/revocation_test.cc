// Revocation status, policy output and the PathBudget deadline through
// VerifyChain, on NIST PKITS certificates and CRLs (public domain).
#include <gtest/gtest.h>

#include "trustready/verify/verify.h"
#include "trustready/x509/crl.h"
#include "trustready/x509/pem.h"
#include "test_paths.h"

namespace trustready {
namespace {

const std::string kDir = std::string(TR_SHARED_DATA) + "/nist-pkits/";

CertificatePtr Cert(const std::string& name) {
  auto bytes = ReadFile(kDir + "certs/" + name);
  EXPECT_TRUE(bytes.ok()) << name;
  auto c = Certificate::Parse(std::vector<uint8_t>(bytes->begin(), bytes->end()));
  EXPECT_TRUE(c.ok()) << name;
  return *c;
}

VerifyOptions Options(const std::vector<std::string>& crls) {
  VerifyOptions o;
  o.time = *ParseRfc3339("2011-04-15T00:00:00Z");
  o.purpose = VerifyPurpose::kAny;
  o.profile = VerifyProfile::kRfc5280;
  for (const std::string& f : crls) {
    auto loaded = LoadCrlsFromFile(kDir + "crls/" + f);
    EXPECT_TRUE(loaded.ok()) << f;
    o.crls.insert(o.crls.end(), loaded->begin(), loaded->end());
  }
  return o;
}

VerifyResult VerifyPkits(const std::string& ee, const std::string& ca, const VerifyOptions& o) {
  TrustStore store("pkits", StoreFormat::kDer, "test");
  store.Add(TrustAnchor{Cert("TrustAnchorRootCertificate.crt"), {}, "test"});
  return VerifyChain(Cert(ee), {Cert(ca)}, store, o);
}

TEST(Revocation, GoodStatusNamesTheCrl) {
  VerifyResult r = VerifyPkits("ValidCertificatePathTest1EE.crt", "GoodCACert.crt",
                       Options({"TrustAnchorRootCRL.crl", "GoodCACRL.crl"}));
  ASSERT_TRUE(r.trusted);
  const VerifiedPath& p = r.paths.front();
  ASSERT_EQ(p.revocation.size(), 2u);  // leaf and CA; not the anchor
  EXPECT_EQ(p.revocation[0].state, RevocationState::kGood);
  EXPECT_NE(p.revocation[0].crl.find("Good CA"), std::string::npos) << p.revocation[0].crl;
  EXPECT_EQ(p.revocation[1].state, RevocationState::kGood);
  EXPECT_NE(p.revocation[1].crl.find("Trust Anchor"), std::string::npos) << p.revocation[1].crl;
  // Default inputs: every policy is acceptable.
  ASSERT_EQ(p.user_constrained_policy_set.size(), 1u);
  EXPECT_EQ(der::OidToString(der::Input(p.user_constrained_policy_set[0].data(),
                                        p.user_constrained_policy_set[0].size())),
            "2.16.840.1.101.3.2.1.48.1");
}

TEST(Revocation, RevokedEndEntityCarriesSerialDateReason) {
  VerifyResult r = VerifyPkits("InvalidRevokedEETest3EE.crt", "GoodCACert.crt",
                       Options({"TrustAnchorRootCRL.crl", "GoodCACRL.crl"}));
  EXPECT_FALSE(r.trusted);
  EXPECT_EQ(r.most_specific.code, VerifyErrorCode::kRevoked);
  const VerifiedPath& p = r.paths.front();
  ASSERT_FALSE(p.revocation.empty());
  const RevocationStatus& s = p.revocation[0];
  EXPECT_EQ(s.state, RevocationState::kRevoked);
  EXPECT_EQ(s.serial, "0f");  // openssl x509 -serial: 0F
  EXPECT_GT(s.revocation_date, 0);
  ASSERT_TRUE(s.reason.has_value());
  EXPECT_EQ(*s.reason, CrlReason::kKeyCompromise);
}

TEST(Revocation, UnknownWithoutCrlsAndRequiredFails) {
  VerifyOptions o = Options({});
  VerifyResult r = VerifyPkits("ValidCertificatePathTest1EE.crt", "GoodCACert.crt", o);
  ASSERT_TRUE(r.trusted);  // unknown is not a failure unless required
  EXPECT_EQ(r.paths.front().revocation[0].state, RevocationState::kUnknown);
  EXPECT_EQ(r.paths.front().revocation[0].why, "no CRL was given");
  o.require_revocation_status = true;
  r = VerifyPkits("ValidCertificatePathTest1EE.crt", "GoodCACert.crt", o);
  EXPECT_FALSE(r.trusted);
  EXPECT_EQ(r.most_specific.code, VerifyErrorCode::kRevocationUnknown);
}

TEST(Revocation, UnusableCrlIsNamedWithItsReasonAndNeverAborts) {
  // BadSignedCACRL: signature does not verify. Given alone for the CA's
  // certificates, the status is unknown and says why.
  VerifyOptions o = Options({"TrustAnchorRootCRL.crl", "BadCRLSignatureCACRL.crl"});
  VerifyResult r = VerifyPkits("InvalidBadCRLSignatureTest4EE.crt", "BadCRLSignatureCACert.crt", o);
  EXPECT_FALSE(r.trusted);
  EXPECT_EQ(r.most_specific.code, VerifyErrorCode::kCrlInvalid);
  const RevocationStatus& s = r.paths.front().revocation[0];
  EXPECT_EQ(s.state, RevocationState::kUnknown);
  EXPECT_NE(s.why.find("signature"), std::string::npos) << s.why;
  EXPECT_NE(s.why.find("cannot be used"), std::string::npos) << s.why;
}

TEST(PathBudgetDeadline, PassedDeadlineIsBudgetExhausted) {
  VerifyOptions o = Options({});
  o.budget.deadline = std::chrono::steady_clock::now() - std::chrono::seconds(1);
  VerifyResult r = VerifyPkits("ValidCertificatePathTest1EE.crt", "GoodCACert.crt", o);
  EXPECT_FALSE(r.trusted);
  EXPECT_EQ(r.most_specific.code, VerifyErrorCode::kBudgetExhausted);
  EXPECT_NE(r.most_specific.message.find("deadline"), std::string::npos) << r.most_specific.message;
  o.budget.deadline = std::chrono::steady_clock::now() + std::chrono::hours(1);
  EXPECT_TRUE(VerifyPkits("ValidCertificatePathTest1EE.crt", "GoodCACert.crt", o).trusted);
}

TEST(Policy, ExplicitPolicyWithUnmatchedInitialSetFails) {
  VerifyOptions o = Options({"TrustAnchorRootCRL.crl", "GoodCACRL.crl"});
  o.policy.initial_policy_set = {*der::OidFromString("2.16.840.1.101.3.2.1.48.2")};
  o.policy.initial_explicit_policy = true;
  VerifyResult r = VerifyPkits("ValidCertificatePathTest1EE.crt", "GoodCACert.crt", o);
  EXPECT_FALSE(r.trusted);
  EXPECT_EQ(r.most_specific.code, VerifyErrorCode::kPolicy);
  EXPECT_FALSE(der::OidFromString("1").ok());
  EXPECT_FALSE(der::OidFromString("3.1").ok());
  EXPECT_FALSE(der::OidFromString("1.2.x").ok());
}

}  // namespace
}  // namespace trustready
