// The real Amazon Trust Services PKI (../shared/data/amazon-trust-services)
// at 2025-03-01, when the valid demo leaves were valid (2025-02-22 to
// 2025-04-30): the must-show cases.
#include <gtest/gtest.h>

#include <string>

#include "trustready/x509/pem.h"
#include "trustready/verify/verify.h"
#include "test_paths.h"

namespace trustready {
namespace {

const std::string kDir = std::string(TR_SHARED_DATA) + "/amazon-trust-services/";

CertificatePtr Load(const std::string& name) {
  auto certs = LoadCertificatesFromFile(kDir + name);
  EXPECT_TRUE(certs.ok()) << name << ": " << (certs.ok() ? "" : certs.error().ToString());
  return certs.ok() ? certs->front() : nullptr;
}

CrlPtr LoadCrl(const std::string& name) {
  auto crls = LoadCrlsFromFile(kDir + name);
  EXPECT_TRUE(crls.ok()) << name << ": " << (crls.ok() ? "" : crls.error().ToString());
  return crls.ok() ? crls->front() : nullptr;
}

TrustStore StoreOf(const std::vector<std::string>& files) {
  TrustStore store("test", StoreFormat::kPem, "amazon");
  for (const auto& f : files) store.Add(TrustAnchor{Load(f), {}, f});
  return store;
}

std::vector<CertificatePtr> Intermediates() {
  std::vector<CertificatePtr> out;
  for (const char* family : {"r2m", "r4m", "e2m", "e3m"}) {
    for (int i = 1; i <= 4; ++i) out.push_back(Load(std::string(family) + "0" + std::to_string(i) + ".cer"));
  }
  return out;
}

VerifyOptions At20250301(const std::string& host = "") {
  VerifyOptions o;
  o.time = *ParseRfc3339("2025-03-01T00:00:00Z");
  if (!host.empty()) o.host = *ParseHostName(host);
  return o;
}

std::string Leaf(const char* kind, int n) {
  return std::string(kind) + ".rootca" + std::to_string(n) + ".demo.amazontrust.com";
}

// Which intermediate issued a leaf (by name), for picking its CRL.
std::string IssuerFile(const Certificate& leaf) {
  for (const char* family : {"r2m", "r4m", "e2m", "e3m"}) {
    for (int i = 1; i <= 4; ++i) {
      std::string f = std::string(family) + "0" + std::to_string(i);
      if (Load(f + ".cer")->NormalizedSubject() == leaf.NormalizedIssuer()) return f;
    }
  }
  return "";
}

TEST(AmazonVerify, ValidLeavesValidateAgainstTheirRoot) {
  auto pool = Intermediates();
  for (int n = 1; n <= 4; ++n) {
    SCOPED_TRACE(n);
    TrustStore store = StoreOf({"AmazonRootCA" + std::to_string(n) + ".cer"});
    CertificatePtr leaf = Load(Leaf("valid", n) + ".cer");
    VerifyResult r = VerifyChain(leaf, pool, store, At20250301(Leaf("valid", n)));
    ASSERT_TRUE(r.trusted) << VerifyErrorCodeName(r.most_specific.code) << " " << r.most_specific.message;
    const VerifiedPath* p = r.ValidPath();
    ASSERT_EQ(p->certificates.size(), 3u);
    EXPECT_EQ(p->certificates[0], leaf);
    EXPECT_EQ(p->certificates[2]->sha256(), store.anchors()[0].cert->sha256());
    // The wrong root does not do.
    TrustStore other = StoreOf({"AmazonRootCA" + std::to_string(n % 4 + 1) + ".cer"});
    VerifyResult wrong = VerifyChain(leaf, pool, other, At20250301(Leaf("valid", n)));
    EXPECT_FALSE(wrong.trusted);
    EXPECT_EQ(wrong.most_specific.code, VerifyErrorCode::kUnknownIssuer);
  }
}

TEST(AmazonVerify, CrossSignedPathToStarfieldHasFourCertificates) {
  auto pool = Intermediates();
  for (int n = 1; n <= 4; ++n) pool.push_back(Load("rootca" + std::to_string(n) + ".cer"));
  TrustStore store = StoreOf({"SFSRootCAG2.cer"});
  for (int n = 1; n <= 4; ++n) {
    SCOPED_TRACE(n);
    VerifyResult r = VerifyChain(Load(Leaf("valid", n) + ".cer"), pool, store, At20250301(Leaf("valid", n)));
    ASSERT_TRUE(r.trusted) << r.most_specific.message;
    const VerifiedPath* p = r.ValidPath();
    ASSERT_EQ(p->certificates.size(), 4u);
    EXPECT_EQ(p->certificates[2]->DisplayName(), "Amazon Root CA " + std::to_string(n));
    EXPECT_EQ(p->certificates[3]->DisplayName(), "Starfield Services Root Certificate Authority - G2");
  }
  // Without the cross-certificates there is no path to Starfield.
  VerifyResult none = VerifyChain(Load(Leaf("valid", 1) + ".cer"), Intermediates(), store,
                                  At20250301(Leaf("valid", 1)));
  EXPECT_FALSE(none.trusted);
  EXPECT_EQ(none.most_specific.code, VerifyErrorCode::kUnknownIssuer);
}

TEST(AmazonVerify, BothRootsTrustedGivesTwoDistinctValidPaths) {
  auto pool = Intermediates();
  pool.push_back(Load("rootca1.cer"));
  TrustStore store = StoreOf({"AmazonRootCA1.cer", "SFSRootCAG2.cer"});
  VerifyResult r = VerifyChain(Load(Leaf("valid", 1) + ".cer"), pool, store, At20250301(Leaf("valid", 1)));
  ASSERT_TRUE(r.trusted);
  int valid = 0;
  for (const auto& p : r.paths) valid += p.valid;
  EXPECT_EQ(valid, 2);
  EXPECT_EQ(r.paths[0].certificates.size(), 3u);  // shortest valid path first
}

TEST(AmazonVerify, ExpiredLeavesFailWithExpired) {
  auto pool = Intermediates();
  for (int n = 1; n <= 4; ++n) {
    SCOPED_TRACE(n);
    VerifyResult r = VerifyChain(Load(Leaf("expired", n) + ".cer"), pool,
                                 StoreOf({"AmazonRootCA" + std::to_string(n) + ".cer"}), At20250301());
    EXPECT_FALSE(r.trusted);
    EXPECT_EQ(r.most_specific.code, VerifyErrorCode::kExpired);
    EXPECT_EQ(r.most_specific.certificate, 0);
  }
}

TEST(AmazonVerify, RevokedLeavesFailOnlyWithTheirIssuersCrl) {
  auto pool = Intermediates();
  for (int n = 1; n <= 4; ++n) {
    SCOPED_TRACE(n);
    CertificatePtr leaf = Load(Leaf("revoked", n) + ".cer");
    TrustStore store = StoreOf({"AmazonRootCA" + std::to_string(n) + ".cer"});
    VerifyOptions without = At20250301(Leaf("revoked", n));
    VerifyResult ok = VerifyChain(leaf, pool, store, without);
    EXPECT_TRUE(ok.trusted) << ok.most_specific.message;

    std::string issuer = IssuerFile(*leaf);
    ASSERT_FALSE(issuer.empty());
    VerifyOptions with = without;
    with.crls.push_back(LoadCrl(issuer + ".crl"));
    VerifyResult r = VerifyChain(leaf, pool, store, with);
    EXPECT_FALSE(r.trusted);
    EXPECT_EQ(r.most_specific.code, VerifyErrorCode::kRevoked);
    EXPECT_EQ(r.most_specific.certificate, 0);

    // Another intermediate's CRL says nothing about this leaf.
    VerifyOptions unrelated = without;
    unrelated.crls.push_back(LoadCrl(issuer == "r2m01" ? "r2m02.crl" : "r2m01.crl"));
    EXPECT_TRUE(VerifyChain(leaf, pool, store, unrelated).trusted);
  }
}

TEST(AmazonVerify, WrongHostFailsWithHostnameMismatch) {
  VerifyResult r = VerifyChain(Load(Leaf("valid", 1) + ".cer"), Intermediates(),
                               StoreOf({"AmazonRootCA1.cer"}), At20250301("www.example.com"));
  EXPECT_FALSE(r.trusted);
  EXPECT_EQ(r.most_specific.code, VerifyErrorCode::kHostnameMismatch);
  // A leaf for rootca1 is not valid for rootca2's name either.
  EXPECT_EQ(VerifyChain(Load(Leaf("valid", 1) + ".cer"), Intermediates(), StoreOf({"AmazonRootCA1.cer"}),
                        At20250301(Leaf("valid", 2)))
                .most_specific.code,
            VerifyErrorCode::kHostnameMismatch);
}

TEST(AmazonVerify, IntermediateAsTargetValidatesAsCa) {
  VerifyOptions o = At20250301();
  o.target_is_ca = true;
  o.purpose = VerifyPurpose::kAny;
  for (const char* f : {"r2m01.cer", "e3m04.cer"}) {
    SCOPED_TRACE(f);
    TrustStore store = StoreOf({std::string(f)[0] == 'r' ? "AmazonRootCA1.cer" : "AmazonRootCA4.cer"});
    VerifyResult r = VerifyChain(Load(f), {}, store, o);
    EXPECT_TRUE(r.trusted) << r.most_specific.message;
    ASSERT_TRUE(r.ValidPath());
    EXPECT_EQ(r.ValidPath()->certificates.size(), 2u);
  }
  // The leaf is not a CA.
  VerifyResult leaf = VerifyChain(Load(Leaf("valid", 1) + ".cer"), Intermediates(),
                                  StoreOf({"AmazonRootCA1.cer"}), o);
  EXPECT_FALSE(leaf.trusted);
  ASSERT_FALSE(leaf.paths.empty());
  bool not_a_ca = false;
  for (const VerifyError& e : leaf.paths[0].errors) {
    not_a_ca |= e.code == VerifyErrorCode::kNotACa && e.certificate == 0;
  }
  EXPECT_TRUE(not_a_ca);
}

TEST(AmazonVerify, AnchorExpiryAndDistrustAttributes) {
  // Long after every Amazon root and SFS G2 expired (2037-2040).
  VerifyOptions o;
  o.time = *ParseRfc3339("2041-01-01T00:00:00Z");
  o.purpose = VerifyPurpose::kAny;
  o.target_is_ca = true;
  TrustStore store = StoreOf({"AmazonRootCA1.cer"});
  VerifyResult r = VerifyChain(Load("r2m01.cer"), {}, store, o);
  EXPECT_FALSE(r.trusted);

  // Distrusted anchor.
  TrustStore blocked("blocked", StoreFormat::kPem, "");
  TrustAttributes t;
  t.distrusted = true;
  blocked.Add(TrustAnchor{Load("AmazonRootCA1.cer"), t, ""});
  VerifyResult d = VerifyChain(Load(Leaf("valid", 1) + ".cer"), Intermediates(), blocked,
                               At20250301(Leaf("valid", 1)));
  EXPECT_FALSE(d.trusted);
  EXPECT_EQ(d.most_specific.code, VerifyErrorCode::kDistrusted);

  // Distrust after a date before the leaf's notBefore (2025-02-22).
  TrustStore after("after", StoreFormat::kPem, "");
  TrustAttributes ta;
  ta.server_distrust_after = *ParseRfc3339("2025-01-01T00:00:00Z");
  after.Add(TrustAnchor{Load("AmazonRootCA1.cer"), ta, ""});
  VerifyResult da = VerifyChain(Load(Leaf("valid", 1) + ".cer"), Intermediates(), after,
                                At20250301(Leaf("valid", 1)));
  EXPECT_EQ(da.most_specific.code, VerifyErrorCode::kDistrusted);
  ta.server_distrust_after = *ParseRfc3339("2025-12-01T00:00:00Z");
  TrustStore later("later", StoreFormat::kPem, "");
  later.Add(TrustAnchor{Load("AmazonRootCA1.cer"), ta, ""});
  EXPECT_TRUE(VerifyChain(Load(Leaf("valid", 1) + ".cer"), Intermediates(), later,
                          At20250301(Leaf("valid", 1)))
                  .trusted);

  // Not trusted for server auth.
  TrustStore email("email", StoreFormat::kPem, "");
  TrustAttributes te;
  te.purposes = static_cast<uint8_t>(Purpose::kEmailProtection);
  email.Add(TrustAnchor{Load("AmazonRootCA1.cer"), te, ""});
  EXPECT_EQ(VerifyChain(Load(Leaf("valid", 1) + ".cer"), Intermediates(), email, At20250301())
                .most_specific.code,
            VerifyErrorCode::kAnchorPurpose);
}

TEST(AmazonVerify, SignatureCacheChecksEachSignatureOnce) {
  auto pool = Intermediates();
  TrustStore store = StoreOf({"AmazonRootCA1.cer"});
  SignatureCache cache;
  CertificatePtr leaf = Load(Leaf("valid", 1) + ".cer");
  VerifyResult cold = VerifyChain(leaf, pool, store, At20250301(), &cache);
  ASSERT_TRUE(cold.trusted);
  EXPECT_EQ(cold.signature_checks, 2);
  EXPECT_EQ(cache.size(), 2u);
  VerifyResult warm = VerifyChain(leaf, pool, store, At20250301(), &cache);
  EXPECT_TRUE(warm.trusted);
  EXPECT_EQ(warm.signature_checks, 0);
}

TEST(AmazonVerify, FirstPathOnlyJudgesTheFirstPath) {
  // A pool where the first candidate path is through an expired... the
  // cross-certificate rootca1.cer is valid too, so make the store hold both
  // roots and pretend Amazon Root CA 1 is distrusted: a backtracking client
  // still finds Starfield; a first-path-only client may not.
  auto pool = Intermediates();
  pool.push_back(Load("rootca1.cer"));
  TrustStore store("s", StoreFormat::kPem, "");
  TrustAttributes blocked;
  blocked.distrusted = true;
  store.Add(TrustAnchor{Load("AmazonRootCA1.cer"), blocked, ""});
  store.Add(TrustAnchor{Load("SFSRootCAG2.cer"), {}, ""});
  VerifyOptions o = At20250301(Leaf("valid", 1));
  VerifyResult all = VerifyChain(Load(Leaf("valid", 1) + ".cer"), pool, store, o);
  EXPECT_TRUE(all.trusted);
  o.client.first_path_only = true;
  VerifyResult first = VerifyChain(Load(Leaf("valid", 1) + ".cer"), pool, store, o);
  EXPECT_FALSE(first.trusted);  // anchors are tried first: Amazon Root CA 1
  EXPECT_EQ(first.paths.size(), 1u);
  EXPECT_EQ(first.most_specific.code, VerifyErrorCode::kDistrusted);
}

}  // namespace
}  // namespace trustready
