// Direct tests of src/verify/validate_path.cc (ValidatePath, one complete
// path): each RFC 5280 6.1 check it makes, on certificates generated here
// (cert_builder.h), with the exact (code, detail id, certificate index) it
// reports. Signatures and issuer chaining (6.1.3 (a)(1), (a)(4)) are the
// path builder's (path_builder_test.cc); CRLs (6.1.3 (a)(3)) are in
// revocation_test.cc; policies in detail in pkits_test.cc.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "verify/cert_builder.h"
#include "verify/validate_path.h"

namespace trustready {
namespace {

using test_pki::Ca;
using test_pki::Codes;
using test_pki::Issued;
using test_pki::Leaf;
using Strs = std::vector<std::string>;
using Ints = std::vector<int>;

bool Has(const Strs& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

struct Outcome {
  std::vector<std::string> codes;  // "CODE/detail"
  std::vector<int> indexes;        // certificate index of each
};

// Validates `path` (target first, anchor last) with the last certificate
// as the anchor.
Outcome Validate(const std::vector<Issued>& path, const VerifyOptions& o = test_pki::TestOptions(),
                 const TrustAttributes& trust = {}) {
  std::vector<CertificatePtr> certs;
  for (const Issued& i : path) certs.push_back(i.cert);
  TrustStore store("test", StoreFormat::kPem, "test");
  TrustAnchor anchor{path.back().cert, trust, "test"};
  store.Add(anchor);
  PathBudget budget = o.budget;
  verify_internal::PathValidation v = verify_internal::ValidatePath(certs, anchor, store, o, {}, &budget);
  Outcome out;
  out.codes = Codes(v.errors);
  for (const VerifyError& e : v.errors) out.indexes.push_back(e.certificate);
  return out;
}

class ValidatePathTest : public ::testing::Test {
 protected:
  Issued root_ = Ca("Test Root").SelfSigned();
  Issued ica_ = Ca("Test ICA").IssuedBy(root_);
  Issued leaf_ = Leaf().IssuedBy(ica_);
};

TEST_F(ValidatePathTest, PlainChainIsValid) {
  EXPECT_EQ(Validate({leaf_, ica_, root_}).codes, Strs{});
}

// 6.1.3 (a)(2): the validity period of every certificate, the anchor's
// unless the client does not enforce it.
TEST_F(ValidatePathTest, ValidityPeriodOfEachCertificate) {
  Issued expired_leaf = Leaf().Validity(test_pki::k2025, test_pki::k2026).IssuedBy(ica_);
  Outcome o = Validate({expired_leaf, ica_, root_});
  EXPECT_EQ(o.codes, (Strs{"EXPIRED/validity.expired"}));
  EXPECT_EQ(o.indexes, (Ints{0}));

  Issued future_ica = Ca("Test ICA").Validity(test_pki::k2027, test_pki::k2030).IssuedBy(root_);
  Issued leaf2 = Leaf().IssuedBy(future_ica);
  o = Validate({leaf2, future_ica, root_});
  EXPECT_EQ(o.codes, (Strs{"NOT_YET_VALID/validity.not_yet_valid"}));
  EXPECT_EQ(o.indexes, (Ints{1}));

  Issued old_root = Ca("Old Root").Validity(test_pki::k2025, test_pki::k2026).SelfSigned();
  Issued ica3 = Ca("ICA 3").IssuedBy(old_root);
  Issued leaf3 = Leaf().IssuedBy(ica3);
  o = Validate({leaf3, ica3, old_root});
  EXPECT_EQ(o.codes, (Strs{"EXPIRED/validity.expired"}));
  EXPECT_EQ(o.indexes, (Ints{2}));
  // Clients that ignore the anchor's notAfter (Android < 7.1.1), by
  // behaviour or by the anchor's store attribute.
  VerifyOptions lax = test_pki::TestOptions();
  lax.client.enforce_anchor_expiry = false;
  EXPECT_EQ(Validate({leaf3, ica3, old_root}, lax).codes, Strs{});
  TrustAttributes ignore;
  ignore.ignore_anchor_expiry = true;
  EXPECT_EQ(Validate({leaf3, ica3, old_root}, test_pki::TestOptions(), ignore).codes, Strs{});
}

// 6.1.4 (k): an issuer must be a v3 certificate with basicConstraints cA.
// Three distinct failures, three detail ids.
TEST_F(ValidatePathTest, IssuerMustBeACa) {
  Issued no_bc = Ca("No BC").Drop(NID_basic_constraints).IssuedBy(root_);
  Outcome o = Validate({Leaf().IssuedBy(no_bc), no_bc, root_});
  EXPECT_EQ(o.codes, (Strs{"NOT_A_CA/basic_constraints.missing"}));
  EXPECT_EQ(o.indexes, (Ints{1}));

  Issued ca_false = Ca("CA False").Ext(NID_basic_constraints, "critical,CA:FALSE").IssuedBy(root_);
  EXPECT_EQ(Validate({Leaf().IssuedBy(ca_false), ca_false, root_}).codes, (Strs{"NOT_A_CA/basic_constraints.ca_false"}));

  Issued v1 = Ca("V1 CA").Version1().IssuedBy(root_);
  o = Validate({Leaf().Drop(NID_authority_key_identifier).IssuedBy(v1), v1, root_});
  EXPECT_TRUE(Has(o.codes, "NOT_A_CA/basic_constraints.not_v3"));
  EXPECT_TRUE(Has(o.codes, "MALFORMED/profile.version_not_v3"));
}

// 6.1.4 (l)-(m): pathLenConstraint counts the non-self-issued
// intermediates below it.
TEST_F(ValidatePathTest, PathLengthConstraint) {
  Issued root0 = Ca("Root PL0").Ext(NID_basic_constraints, "critical,CA:TRUE,pathlen:0").SelfSigned();
  Issued ica = Ca("ICA under PL0").IssuedBy(root0);
  Outcome o = Validate({Leaf().IssuedBy(ica), ica, root0});
  EXPECT_EQ(o.codes, (Strs{"PATH_LENGTH_EXCEEDED/path.length_constraint"}));
  EXPECT_EQ(o.indexes, (Ints{1}));
  // The leaf directly under it is fine.
  EXPECT_EQ(Validate({Leaf().IssuedBy(root0), root0}).codes, Strs{});

  // pathLen 1 in the intermediate: one more CA allowed, two not.
  Issued ica1 = Ca("ICA PL1").Ext(NID_basic_constraints, "critical,CA:TRUE,pathlen:1").IssuedBy(root_);
  Issued ica2 = Ca("ICA 2").IssuedBy(ica1);
  Issued ica3 = Ca("ICA 3").IssuedBy(ica2);
  EXPECT_EQ(Validate({Leaf().IssuedBy(ica2), ica2, ica1, root_}).codes, Strs{});
  o = Validate({Leaf().IssuedBy(ica3), ica3, ica2, ica1, root_});
  EXPECT_EQ(o.codes, (Strs{"PATH_LENGTH_EXCEEDED/path.length_constraint"}));
  EXPECT_EQ(o.indexes, (Ints{1}));

  // 6.1.4 (l): a self-issued certificate (a key rollover: same name, new
  // key) does not count.
  Issued rollover = Ca("Root PL0").IssuedBy(root0);
  ASSERT_TRUE(rollover.cert->IsSelfIssued());
  EXPECT_EQ(Validate({Leaf().IssuedBy(rollover), rollover, root0}).codes, Strs{});

  // x509-limbo's max_chain_depth.
  VerifyOptions o2 = test_pki::TestOptions();
  o2.max_intermediates = 1;
  o = Validate({Leaf().IssuedBy(ica2), ica2, ica1, root_}, o2);
  EXPECT_EQ(o.codes, (Strs{"PATH_TOO_LONG/path.max_intermediates"}));
  EXPECT_EQ(o.indexes, (Ints{-1}));
}

// 6.1.4 (n): an issuer with keyUsage must assert keyCertSign.
TEST_F(ValidatePathTest, IssuerKeyUsage) {
  Issued ica = Ca("No keyCertSign").Ext(NID_key_usage, "critical,digitalSignature,cRLSign").IssuedBy(root_);
  Outcome o = Validate({Leaf().IssuedBy(ica), ica, root_});
  EXPECT_EQ(o.codes, (Strs{"KEY_USAGE/key_usage.issuer_lacks_key_cert_sign"}));
  EXPECT_EQ(o.indexes, (Ints{1}));
  // No keyUsage at all: any use (RFC 5280 4.2.1.3).
  Issued no_ku = Ca("No KU").Drop(NID_key_usage).IssuedBy(root_);
  EXPECT_EQ(Validate({Leaf().IssuedBy(no_ku), no_ku, root_}).codes, Strs{});
  // A CA judged as such (--ca) must be able to sign certificates.
  VerifyOptions as_ca = test_pki::TestOptions();
  as_ca.target_is_ca = true;
  as_ca.host.reset();
  EXPECT_EQ(Validate({ica, root_}, as_ca).codes, (Strs{"KEY_USAGE/key_usage.target_ca_lacks_key_cert_sign"}));
  EXPECT_EQ(Validate({ica_, root_}, as_ca).codes, Strs{});
}

// 6.1.4 (o) / 4.2: a critical extension the verifier does not process
// fails the certificate; a non-critical one is ignored.
TEST_F(ValidatePathTest, UnknownCriticalExtension) {
  const std::vector<uint8_t> null_value = {0x05, 0x00};
  Issued crit = Leaf().Raw("1.3.6.1.4.1.55555.1", true, null_value).IssuedBy(ica_);
  Outcome o = Validate({crit, ica_, root_});
  EXPECT_EQ(o.codes, (Strs{"UNHANDLED_CRITICAL_EXTENSION/extension.unhandled_critical"}));
  EXPECT_EQ(o.indexes, (Ints{0}));
  Issued non_crit = Leaf().Raw("1.3.6.1.4.1.55555.1", false, null_value).IssuedBy(ica_);
  EXPECT_EQ(Validate({non_crit, ica_, root_}).codes, Strs{});
  Issued crit_ica = Ca("Crit ICA").Raw("1.3.6.1.4.1.55555.2", true, null_value).IssuedBy(root_);
  o = Validate({Leaf().IssuedBy(crit_ica), crit_ica, root_});
  EXPECT_EQ(o.codes, (Strs{"UNHANDLED_CRITICAL_EXTENSION/extension.unhandled_critical"}));
  EXPECT_EQ(o.indexes, (Ints{1}));
}

TEST_F(ValidatePathTest, ExtendedKeyUsage) {
  Issued client_only = Leaf().Ext(NID_ext_key_usage, "clientAuth").IssuedBy(ica_);
  EXPECT_EQ(Validate({client_only, ica_, root_}).codes, (Strs{"EXTENDED_KEY_USAGE/eku.purpose_missing"}));
  VerifyOptions client = test_pki::TestOptions();
  client.purpose = VerifyPurpose::kClientAuth;
  EXPECT_EQ(Validate({client_only, ica_, root_}, client).codes, Strs{});

  Issued any = Leaf().Ext(NID_ext_key_usage, "serverAuth,anyExtendedKeyUsage").IssuedBy(ica_);
  EXPECT_EQ(Validate({any, ica_, root_}).codes, (Strs{"EXTENDED_KEY_USAGE/eku.leaf_any_eku"}));
  Issued critical = Leaf().Ext(NID_ext_key_usage, "critical,serverAuth").IssuedBy(ica_);
  EXPECT_EQ(Validate({critical, ica_, root_}).codes, (Strs{"EXTENDED_KEY_USAGE/eku.leaf_critical"}));

  // An intermediate's EKU constrains what it issues for.
  Issued client_ica = Ca("Client ICA").Ext(NID_ext_key_usage, "clientAuth").IssuedBy(root_);
  Outcome o = Validate({Leaf().IssuedBy(client_ica), client_ica, root_});
  EXPECT_EQ(o.codes, (Strs{"EXTENDED_KEY_USAGE/eku.ca_disallows_purpose"}));
  EXPECT_EQ(o.indexes, (Ints{1}));
}

// The certificate profile under MALFORMED: each rule its own detail id.
TEST_F(ValidatePathTest, ProfileViolationsHaveDistinctDetails) {
  struct Row {
    const char* what;
    Issued leaf;
    const char* want;
  };
  std::vector<Row> rows = {
      {"serial zero", Leaf().SerialBytes({0x00}).IssuedBy(ica_), "MALFORMED/profile.serial_zero"},
      {"negative serial", Leaf().SerialBytes({0x80, 0x01}).IssuedBy(ica_), "MALFORMED/profile.serial_negative"},
      {"21-octet serial", Leaf().SerialBytes(std::vector<uint8_t>(21, 0x11)).IssuedBy(ica_),
       "MALFORMED/profile.serial_too_long"},
      {"critical AKI", Leaf().Ext(NID_authority_key_identifier, "critical,keyid").IssuedBy(ica_),
       "MALFORMED/profile.aki_critical"},
      {"no AKI", Leaf().Drop(NID_authority_key_identifier).IssuedBy(ica_), "MALFORMED/profile.aki_missing"},
      {"critical SKI", Leaf().Ext(NID_subject_key_identifier, "critical,hash").IssuedBy(ica_),
       "MALFORMED/profile.ski_critical"},
      {"critical AIA", Leaf().Ext(NID_info_access, "critical,caIssuers;URI:http://example.com/ca.cer").IssuedBy(ica_),
       "MALFORMED/profile.aia_critical"},
      {"keyCertSign on a leaf", Leaf().Ext(NID_key_usage, "critical,digitalSignature,keyCertSign").IssuedBy(ica_),
       "MALFORMED/profile.key_cert_sign_without_ca"},
      {"critical SAN with a subject", Leaf().Ext(NID_subject_alt_name, "critical,DNS:leaf.example.com").IssuedBy(ica_),
       "MALFORMED/profile.san_critical"},
      {"empty subject, non-critical SAN", Leaf().Subject({}).IssuedBy(ica_), "MALFORMED/profile.san_not_critical"},
      {"CN in another case than the SAN", Leaf("LEAF.example.com").IssuedBy(ica_),
       "MALFORMED/profile.common_name_not_in_san"},
  };
  std::set<std::string> seen;
  for (const Row& r : rows) {
    Outcome o = Validate({r.leaf, ica_, root_});
    EXPECT_EQ(o.codes, (Strs{r.want})) << r.what;
    EXPECT_TRUE(seen.insert(r.want).second) << r.want;
  }

  // CA-only rules, on the intermediate.
  Issued no_ski = Ca("No SKI").Drop(NID_subject_key_identifier).IssuedBy(root_);
  Outcome o = Validate({Leaf().Drop(NID_authority_key_identifier).IssuedBy(no_ski), no_ski, root_});
  EXPECT_TRUE(Has(o.codes, "MALFORMED/profile.ski_missing"));
  Issued bc_not_critical = Ca("BC not critical").Ext(NID_basic_constraints, "CA:TRUE").IssuedBy(root_);
  EXPECT_EQ(Validate({Leaf().IssuedBy(bc_not_critical), bc_not_critical, root_}).codes, (Strs{"MALFORMED/profile.basic_constraints_not_critical"}));
  // RFC 5280 alone (PKITS 4.6.4) processes a non-critical basicConstraints.
  VerifyOptions rfc = test_pki::TestOptions();
  rfc.profile = VerifyProfile::kRfc5280;
  EXPECT_EQ(Validate({Leaf().IssuedBy(bc_not_critical), bc_not_critical, root_}, rfc).codes, Strs{});
}

TEST_F(ValidatePathTest, NameConstraintsAlongThePath) {
  Issued nc = Ca("NC ICA").Ext(NID_name_constraints, "critical,permitted;DNS:example.org").IssuedBy(root_);
  Outcome o = Validate({Leaf().IssuedBy(nc), nc, root_});
  EXPECT_EQ(o.codes, (Strs{"NAME_CONSTRAINTS/name_constraints.not_permitted"}));
  EXPECT_EQ(o.indexes, (Ints{0}));  // the certificate whose name is refused
  // Constraints in the anchor apply too.
  Issued nc_root = Ca("NC Root").Ext(NID_name_constraints, "critical,excluded;DNS:example.com").SelfSigned();
  Issued ica = Ca("ICA").IssuedBy(nc_root);
  o = Validate({Leaf().IssuedBy(ica), ica, nc_root});
  EXPECT_EQ(o.codes, (Strs{"NAME_CONSTRAINTS/name_constraints.excluded"}));
  EXPECT_EQ(o.indexes, (Ints{0}));
  // An end-entity certificate may not carry nameConstraints.
  Issued ee_nc = Leaf().Ext(NID_name_constraints, "critical,permitted;DNS:example.com").IssuedBy(ica_);
  EXPECT_EQ(Validate({ee_nc, ica_, root_}).codes, (Strs{"NAME_CONSTRAINTS/name_constraints.in_end_entity"}));
  // The comparison budget is shared and its end is BUDGET_EXHAUSTED.
  VerifyOptions tight = test_pki::TestOptions();
  tight.budget.name_constraint_comparisons = 0;
  EXPECT_EQ(Validate({Leaf().IssuedBy(nc), nc, root_}, tight).codes, (Strs{"BUDGET_EXHAUSTED/budget.name_constraint_comparisons"}));
}

TEST_F(ValidatePathTest, HostName) {
  VerifyOptions other = test_pki::TestOptions();
  other.host = *ParseHostName("other.example.com");
  Outcome o = Validate({leaf_, ica_, root_}, other);
  EXPECT_EQ(o.codes, (Strs{"HOSTNAME_MISMATCH/host.mismatch"}));
  EXPECT_EQ(o.indexes, (Ints{0}));
  // Not checked for a CA judged as such, nor for client certificates.
  other.purpose = VerifyPurpose::kClientAuth;
  Issued client_leaf = Leaf().Ext(NID_ext_key_usage, "clientAuth").IssuedBy(ica_);
  EXPECT_EQ(Validate({client_leaf, ica_, root_}, other).codes, Strs{});
}

TEST_F(ValidatePathTest, AnchorTrustAttributes) {
  TrustAttributes distrusted;
  distrusted.distrusted = true;
  Outcome o = Validate({leaf_, ica_, root_}, test_pki::TestOptions(), distrusted);
  EXPECT_EQ(o.codes, (Strs{"DISTRUSTED/trust.anchor_distrusted"}));
  EXPECT_EQ(o.indexes, (Ints{2}));

  TrustAttributes email_only;
  email_only.purposes = static_cast<uint8_t>(Purpose::kEmailProtection);
  EXPECT_EQ(Validate({leaf_, ica_, root_}, test_pki::TestOptions(), email_only).codes, (Strs{"ANCHOR_PURPOSE/trust.anchor_purpose"}));

  // Mozilla's distrust-after compares the leaf's notBefore (2025-01-01).
  TrustAttributes after;
  after.server_distrust_after = test_pki::k2025 - 1;
  EXPECT_EQ(Validate({leaf_, ica_, root_}, test_pki::TestOptions(), after).codes, (Strs{"DISTRUSTED/trust.distrust_after"}));
  after.server_distrust_after = test_pki::k2025 + 1;
  EXPECT_EQ(Validate({leaf_, ica_, root_}, test_pki::TestOptions(), after).codes, Strs{});
}

TEST_F(ValidatePathTest, WeakSignatureBelowTheAnchor) {
  Issued sha1_ica = Ca("SHA-1 ICA").Sha1().IssuedBy(root_);
  Outcome o = Validate({Leaf().IssuedBy(sha1_ica), sha1_ica, root_});
  EXPECT_EQ(o.codes, (Strs{"WEAK_SIGNATURE/crypto.sha1_signature"}));
  EXPECT_EQ(o.indexes, (Ints{1}));
  // The anchor's own SHA-1 self-signature is nobody's concern.
  Issued sha1_root = Ca("SHA-1 Root").Sha1().SelfSigned();
  Issued ica = Ca("ICA").IssuedBy(sha1_root);
  EXPECT_EQ(Validate({Leaf().IssuedBy(ica), ica, sha1_root}).codes, Strs{});
}

// 6.1.5 (g): with an explicit policy required and no policy asserted,
// the path fails with POLICY.
TEST_F(ValidatePathTest, ExplicitPolicyWithoutPolicies) {
  VerifyOptions o = test_pki::TestOptions();
  o.policy.initial_explicit_policy = true;
  Outcome out = Validate({leaf_, ica_, root_}, o);
  ASSERT_FALSE(out.codes.empty());
  EXPECT_EQ(out.codes.front().rfind("POLICY/policy.", 0), 0u) << out.codes.front();
}

}  // namespace
}  // namespace trustready
