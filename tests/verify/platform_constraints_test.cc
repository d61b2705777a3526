// Chrome's SCT-based constraints, with the real roots' constraints from the
// shipped Chrome Root Store data applied to generated chains: a leaf whose
// earliest embedded SCT is after the cut-off is rejected (DISTRUSTED) for
// Chrome and accepted before it; without the constraint the same chain is
// trusted (so the rejection is the constraint's doing).
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

#include "trustready/store/platform_stores.h"
#include "trustready/verify/verify.h"
#include "verify/platform_constraints.h"
#include "test_paths.h"

namespace trustready {
namespace {

const char kEntrustRootCa[] = "73c176434f1bc6d5adf45b0e76e727287c8de57616c1e6e6141a2b2cbc7d8e4c";
const char kChunghwaEpki[] = "c0a6f4dc63a24bfdcf54ef2a6a082a0a72de35803e2ff5ff527ae5d87206dfd5";
const char kNetLockArany[] = "6c61dac3a2def031506be036d2a6fe401994fbd13df9c8d466599274c446ec98";
const char kBuypassClass2[] = "9a114025197c5bb95d94e63d55cd43790847b646b23cdf11ada4a00eff15fb48";
const char kIzenpe[] = "2530cc8e98321502bad96f9b1fba1b099e2d299e0f4548bb914f363bc0d4531f";
const char kDigiCertTrustedG4[] = "552f7bdcf1a7af9e6ce672017f4f12abf77240c78e761ac203d1d9d20ac89988";

UnixTime T(const char* s) {
  auto t = ParseRfc3339(s);
  EXPECT_TRUE(t.ok()) << s;
  return *t;
}

Sha256 Fp(const char* hex) {
  Sha256 out{};
  for (size_t i = 0; i < 32; ++i) out[i] = static_cast<uint8_t>(std::stoi(std::string(hex + 2 * i, 2), nullptr, 16));
  return out;
}

// TLS-encoded SignedCertificateTimestampList (RFC 6962 3.3) with one SCT per
// timestamp (ms), wrapped in the OCTET STRING the extension value holds.
std::vector<uint8_t> SctListExtensionValue(const std::vector<uint64_t>& timestamps_ms) {
  std::vector<uint8_t> list;
  for (uint64_t ts : timestamps_ms) {
    std::vector<uint8_t> sct = {0};                 // v1
    for (int i = 0; i < 32; ++i) sct.push_back(static_cast<uint8_t>(i));  // log id
    for (int i = 7; i >= 0; --i) sct.push_back(static_cast<uint8_t>(ts >> (8 * i)));
    sct.insert(sct.end(), {0, 0, 4, 3, 0, 2, 0x30, 0x00});  // no extensions; sha256/ecdsa; 2-byte "signature"
    list.push_back(static_cast<uint8_t>(sct.size() >> 8));
    list.push_back(static_cast<uint8_t>(sct.size()));
    list.insert(list.end(), sct.begin(), sct.end());
  }
  std::vector<uint8_t> tls = {static_cast<uint8_t>(list.size() >> 8), static_cast<uint8_t>(list.size())};
  tls.insert(tls.end(), list.begin(), list.end());
  std::vector<uint8_t> os = {0x04};
  if (tls.size() < 128) {
    os.push_back(static_cast<uint8_t>(tls.size()));
  } else {
    os.insert(os.end(), {0x81, static_cast<uint8_t>(tls.size())});
  }
  os.insert(os.end(), tls.begin(), tls.end());
  return os;
}

void AddExt(X509* x, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer, x, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  ASSERT_NE(ext, nullptr) << value;
  X509_add_ext(x, ext, -1);
  X509_EXTENSION_free(ext);
}

struct Pki {
  EVP_PKEY* root_key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  EVP_PKEY* leaf_key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  std::unique_ptr<X509, decltype(&X509_free)> root{X509_new(), X509_free};
  CertificatePtr root_cert;
  ~Pki() {
    EVP_PKEY_free(root_key);
    EVP_PKEY_free(leaf_key);
  }
};

CertificatePtr Finish(X509* x, EVP_PKEY* key) {
  EXPECT_GT(X509_sign(x, key, EVP_sha256()), 0);
  unsigned char* der = nullptr;
  int len = i2d_X509(x, &der);
  std::vector<uint8_t> bytes(der, der + len);
  OPENSSL_free(der);
  auto parsed = Certificate::Parse(bytes);
  EXPECT_TRUE(parsed.ok()) << parsed.error().ToString();
  return parsed.ok() ? *parsed : nullptr;
}

void Name(X509_NAME* n, const char* cn) {
  X509_NAME_add_entry_by_txt(n, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("trustready test"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(cn), -1, -1, 0);
}

void MakeRoot(Pki* p) {
  X509* x = p->root.get();
  X509_set_version(x, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
  ASN1_TIME_set(X509_getm_notBefore(x), T("2020-01-01T00:00:00Z"));
  ASN1_TIME_set(X509_getm_notAfter(x), T("2040-01-01T00:00:00Z"));
  Name(X509_get_subject_name(x), "Constrained Test Root");
  Name(X509_get_issuer_name(x), "Constrained Test Root");
  X509_set_pubkey(x, p->root_key);
  AddExt(x, x, NID_basic_constraints, "critical,CA:TRUE");
  AddExt(x, x, NID_key_usage, "critical,keyCertSign,cRLSign");
  AddExt(x, x, NID_subject_key_identifier, "hash");
  p->root_cert = Finish(x, p->root_key);
}

CertificatePtr MakeLeaf(Pki* p, const std::vector<uint64_t>& sct_ms, int serial) {
  std::unique_ptr<X509, decltype(&X509_free)> x(X509_new(), X509_free);
  X509_set_version(x.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(x.get()), serial);
  ASN1_TIME_set(X509_getm_notBefore(x.get()), T("2024-11-01T00:00:00Z"));
  ASN1_TIME_set(X509_getm_notAfter(x.get()), T("2025-10-01T00:00:00Z"));
  Name(X509_get_subject_name(x.get()), "www.example.test");
  Name(X509_get_issuer_name(x.get()), "Constrained Test Root");
  X509_set_pubkey(x.get(), p->leaf_key);
  AddExt(x.get(), p->root.get(), NID_basic_constraints, "critical,CA:FALSE");
  AddExt(x.get(), p->root.get(), NID_key_usage, "critical,digitalSignature");
  AddExt(x.get(), p->root.get(), NID_ext_key_usage, "serverAuth");
  AddExt(x.get(), p->root.get(), NID_subject_alt_name, "DNS:www.example.test");
  AddExt(x.get(), p->root.get(), NID_authority_key_identifier, "keyid");
  if (!sct_ms.empty()) {
    auto v = SctListExtensionValue(sct_ms);
    ASN1_OCTET_STRING* os = ASN1_OCTET_STRING_new();
    ASN1_OCTET_STRING_set(os, v.data(), static_cast<int>(v.size()));
    X509_EXTENSION* ext = X509_EXTENSION_create_by_NID(nullptr, NID_ct_precert_scts, 0, os);
    X509_add_ext(x.get(), ext, -1);
    X509_EXTENSION_free(ext);
    ASN1_OCTET_STRING_free(os);
  }
  return Finish(x.get(), p->root_key);
}

uint64_t Ms(const char* s) { return static_cast<uint64_t>(T(s)) * 1000; }

class ChromeConstraints : public ::testing::Test {
 protected:
  void SetUp() override {
    auto data = LoadPlatformData(std::string(TR_SOURCE_DIR) + "/data/platforms");
    ASSERT_TRUE(data.ok()) << data.error().ToString();
    data_ = *data;
    MakeRoot(&pki_);
    ASSERT_TRUE(pki_.root_cert);
  }
  // The trust the shipped Chrome snapshot gives a real root.
  TrustAttributes RealTrust(const char* snapshot, const char* root) {
    const PlatformSnapshot* s = data_->Find(snapshot);
    EXPECT_NE(s, nullptr) << snapshot;
    if (!s) return {};
    TrustStore store = SnapshotStore(*data_, *s);
    const TrustAnchor* a = store.FindBySha256(Fp(root));
    EXPECT_NE(a, nullptr) << root;
    return a ? a->trust : TrustAttributes{};
  }
  VerifyResult Verify(const CertificatePtr& leaf, const TrustAttributes& trust) {
    TrustStore store("chrome (test)", StoreFormat::kPlatform, "test");
    TrustAnchor a;
    a.cert = pki_.root_cert;
    a.trust = trust;
    store.Add(a);
    VerifyOptions o;
    o.time = T("2025-03-01T00:00:00Z");
    return VerifyChain(leaf, {}, store, o);
  }
  std::shared_ptr<const PlatformData> data_;
  Pki pki_;
};

bool HasDistrust(const VerifyResult& r) {
  for (const auto& p : r.paths)
    for (const auto& e : p.errors)
      if (e.code == VerifyErrorCode::kDistrusted) return true;
  return false;
}

TEST_F(ChromeConstraints, ShippedDataCarriesTheRealCutOffs) {
  EXPECT_EQ(RealTrust("chrome:17", kEntrustRootCa).sct_not_after, T("2024-11-11T23:59:59Z"));
  EXPECT_FALSE(RealTrust("chrome:17", kChunghwaEpki).sct_not_after.has_value());
  auto latest = SelectSnapshots(*data_, "chrome:latest");
  ASSERT_TRUE(latest.ok());
  const std::string name = (*latest)[0]->name;
  // chrome:latest is version 36 (imported from its textproto, issue 15):
  // the 2025-05-30 Chunghwa/NetLock cut-off comes from the file itself, with
  // the later SCT constraints it adds, and the Entrust roots are gone.
  EXPECT_EQ(name, "chrome:36");
  EXPECT_EQ(RealTrust(name.c_str(), kDigiCertTrustedG4).sct_not_after, T("2026-06-30T23:59:59Z"));
  EXPECT_EQ(RealTrust(name.c_str(), kChunghwaEpki).sct_not_after, T("2025-07-31T23:59:59Z"));
  EXPECT_EQ(RealTrust(name.c_str(), kNetLockArany).sct_not_after, T("2025-07-31T23:59:59Z"));
  EXPECT_EQ(RealTrust(name.c_str(), kBuypassClass2).sct_not_after, T("2025-10-31T23:59:59Z"));
  EXPECT_EQ(RealTrust(name.c_str(), kIzenpe).sct_not_after, T("2026-04-14T23:59:59Z"));
  const PlatformSnapshot* v36 = data_->Find(name);
  ASSERT_NE(v36, nullptr);
  EXPECT_EQ(SnapshotStore(*data_, *v36).FindBySha256(Fp(kEntrustRootCa)), nullptr);
  // Version 34 left DigiCert Trusted Root G4 out; 36 has it again, constrained.
  const PlatformSnapshot* v34 = data_->Find("chrome:34");
  ASSERT_NE(v34, nullptr);
  EXPECT_EQ(SnapshotStore(*data_, *v34).FindBySha256(Fp(kDigiCertTrustedG4)), nullptr);
}

TEST_F(ChromeConstraints, EntrustCutOffAppliedToAGeneratedChain) {
  const TrustAttributes entrust = RealTrust("chrome:17", kEntrustRootCa);
  ASSERT_TRUE(entrust.sct_not_after.has_value());
  auto before = MakeLeaf(&pki_, {Ms("2024-11-11T23:59:58Z")}, 10);
  auto after = MakeLeaf(&pki_, {Ms("2024-11-12T00:00:00Z")}, 11);
  auto mixed = MakeLeaf(&pki_, {Ms("2024-11-20T00:00:00Z"), Ms("2024-11-10T00:00:00Z")}, 12);
  auto none = MakeLeaf(&pki_, {}, 13);
  ASSERT_TRUE(before && after && mixed && none);
  ASSERT_TRUE(after->parsed().scts.has_value());

  auto r = Verify(before, entrust);
  EXPECT_TRUE(r.trusted) << r.most_specific.message;
  r = Verify(after, entrust);
  EXPECT_FALSE(r.trusted);
  EXPECT_TRUE(HasDistrust(r));
  EXPECT_NE(r.most_specific.message.find("2024-11-11T23:59:59Z"), std::string::npos) << r.most_specific.message;
  r = Verify(mixed, entrust);
  EXPECT_TRUE(r.trusted) << "one SCT before the cut-off is enough: " << r.most_specific.message;
  r = Verify(none, entrust);
  EXPECT_FALSE(r.trusted) << "no embedded SCT: the constraint cannot be shown to hold";

  // Control: without the constraint every one of them is trusted.
  for (const auto& leaf : {before, after, mixed, none}) {
    auto c = Verify(leaf, TrustAttributes{});
    EXPECT_TRUE(c.trusted) << c.most_specific.message;
  }
}

TEST_F(ChromeConstraints, ChunghwaCutOffOnlyInTheLaterSnapshot) {
  auto latest = SelectSnapshots(*data_, "chrome:latest");
  ASSERT_TRUE(latest.ok());
  const TrustAttributes now = RealTrust((*latest)[0]->name.c_str(), kChunghwaEpki);
  const TrustAttributes v17 = RealTrust("chrome:17", kChunghwaEpki);
  auto aug = MakeLeaf(&pki_, {Ms("2025-08-01T00:00:00Z")}, 20);
  auto jul = MakeLeaf(&pki_, {Ms("2025-07-31T12:00:00Z")}, 21);
  EXPECT_FALSE(Verify(aug, now).trusted);
  EXPECT_TRUE(Verify(jul, now).trusted);
  EXPECT_TRUE(Verify(aug, v17).trusted);
}

TEST(PlatformConstraints, CaTargetsUseTheValidationTime) {
  TrustAttributes t;
  t.sct_not_after = T("2025-07-31T23:59:59Z");
  auto data = LoadPlatformData(std::string(TR_SOURCE_DIR) + "/data/platforms");
  ASSERT_TRUE(data.ok());
  const Certificate& any = *(*data)->certificates[0];
  EXPECT_FALSE(CheckSctConstraint(t, any, true, T("2025-07-01T00:00:00Z")).has_value());
  EXPECT_TRUE(CheckSctConstraint(t, any, true, T("2025-08-01T00:00:00Z")).has_value());
  EXPECT_FALSE(CheckSctConstraint(TrustAttributes{}, any, false, 0).has_value());
}

TEST(PlatformConstraints, VersionBoundsOfConstraintSets) {
  // Entrust in Chrome Root Store 17: {SCT <= cut-off, Chrome >= 131} or
  // {Chrome < 131}.
  AnchorConstraintSet a;
  a.sct_not_after = 100;
  a.min_version = "131";
  AnchorConstraintSet b;
  b.max_version_exclusive = "131";
  EXPECT_EQ(EffectiveSctNotAfter({a, b}), 100);                    // current Chrome
  EXPECT_EQ(EffectiveSctNotAfter({a, b}, "130.0.6723.58"),
            std::numeric_limits<UnixTime>::max());                 // before 131: unconstrained
  EXPECT_EQ(EffectiveSctNotAfter({a, b}, "131"), 100);
  EXPECT_FALSE(EffectiveSctNotAfter({b}).has_value());             // no set admits a current Chrome
  EXPECT_EQ(EffectiveSctNotAfter({}), std::numeric_limits<UnixTime>::max());
}

}  // namespace
}  // namespace trustready
