// The demo PKI, judged by `openssl verify` (the oracle) and by our own
// certificate parser; reuse and regeneration of an existing directory.
#include "trustready/pki/demo_pki.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "tls/local_servers.h"
#include "trustready/x509/certificate.h"
#include "trustready/x509/pem.h"

namespace trustready {
namespace {

using testing::TempDir;

class DemoPkiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    DemoPkiOptions o;
    o.out_dir = dir_->path();
    o.base_url = "http://127.0.0.1:9/pki";  // no trailing slash: must be added
    auto r = CreateDemoPki(o);
    if (r.ok()) {
      pki_ = new DemoPki(std::move(r).value());
    } else {
      error_ = new std::string(r.error().message);
    }
  }
  static void TearDownTestSuite() {
    delete pki_;
    delete dir_;
    delete error_;
    pki_ = nullptr;
    dir_ = nullptr;
    error_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(pki_, nullptr) << *error_; }

  // `openssl verify` of `leaf` against `root` with the untrusted `chain`.
  static int Verify(const std::string& root, const std::vector<std::string>& chain,
                    const std::string& leaf, const std::string& extra = "") {
    std::string untrusted = (*dir_ / "untrusted.pem");
    std::ofstream out(untrusted);
    for (const auto& id : chain) out << testing::ReadAll(pki_->CertPath(id));
    out.close();
    std::string cmd = "openssl verify -x509_strict " + extra + " -CAfile " + pki_->CertPath(root);
    if (!chain.empty()) cmd += " -untrusted " + untrusted;
    return testing::Run(cmd + " " + pki_->CertPath(leaf));
  }

  static TempDir* dir_;
  static DemoPki* pki_;
  static std::string* error_;
};
TempDir* DemoPkiTest::dir_ = nullptr;
DemoPki* DemoPkiTest::pki_ = nullptr;
std::string* DemoPkiTest::error_ = nullptr;

TEST_F(DemoPkiTest, ShapeOfTheMigration) {
  EXPECT_FALSE(pki_->reused);
  EXPECT_EQ(pki_->base_url, "http://127.0.0.1:9/pki/");
  int new_roots = 0;
  for (const auto& e : pki_->entries) new_roots += e.role == "new-root";
  EXPECT_EQ(new_roots, 4);
  EXPECT_EQ(pki_->Find("new-root-rsa2048")->key_type, "RSA 2048");
  EXPECT_EQ(pki_->Find("new-root-rsa4096")->key_type, "RSA 4096");
  EXPECT_EQ(pki_->Find("new-root-ec256")->key_type, "ECDSA P-256");
  EXPECT_EQ(pki_->Find("new-root-ec384")->key_type, "ECDSA P-384");
  EXPECT_EQ(pki_->Find("ica-sha1")->signature_algorithm, "sha1WithRSAEncryption");
  EXPECT_EQ(pki_->Find("ica-ec384")->signature_algorithm, "ecdsa-with-SHA384");
  // A cross-certificate certifies the new root's name and key.
  EXPECT_EQ(pki_->Find("cross-ec256")->subject, pki_->Find("new-root-ec256")->subject);
  EXPECT_EQ(pki_->Find("cross-ec256")->issuer, pki_->Find("legacy-root")->subject);
  EXPECT_EQ(pki_->Find("cross-ec256")->key_file, "keys/new-root-ec256.key");
  EXPECT_EQ(pki_->ChainIds("leaf-rsa2048"), (std::vector<std::string>{"leaf-rsa2048", "ica-rsa2048"}));
}

TEST_F(DemoPkiTest, OpenSslAgreesWithEveryCase) {
  for (const std::string h : {"rsa2048", "rsa4096", "ec256", "ec384"}) {
    EXPECT_EQ(Verify("new-root-" + h, {"ica-" + h}, "leaf-" + h), 0) << h;
    // Only the legacy root: the cross-certificate bridges to the new root.
    EXPECT_EQ(Verify("legacy-root", {"ica-" + h, "cross-" + h}, "leaf-" + h), 0) << h;
    EXPECT_NE(Verify("legacy-root", {"ica-" + h}, "leaf-" + h), 0) << h;
    EXPECT_EQ(Verify("new-root-" + h, {"ica-" + h}, "leaf-" + h,
                     "-verify_hostname new-chain.trustready.test"), 0) << h;
  }
  EXPECT_EQ(Verify("legacy-root", {"ica-legacy"}, "leaf-legacy"), 0);
  EXPECT_NE(Verify("new-root-rsa2048", {"ica-legacy"}, "leaf-legacy"), 0);
  EXPECT_NE(Verify("new-root-rsa2048", {"ica-rsa2048"}, "leaf-expired"), 0);
  EXPECT_NE(Verify("new-root-rsa2048", {"ica-rsa2048"}, "leaf-not-yet-valid"), 0);
  EXPECT_NE(Verify("new-root-rsa2048", {"ica-rsa2048"}, "leaf-wrong-host",
                   "-verify_hostname wrong-host.trustready.test"), 0);
  EXPECT_EQ(Verify("new-root-rsa2048", {"ica-rsa2048"}, "leaf-wrong-host"), 0);
  EXPECT_NE(Verify("new-root-rsa2048", {"ica-untrusted"}, "leaf-untrusted"), 0);
  EXPECT_EQ(Verify("untrusted-root", {"ica-untrusted"}, "leaf-untrusted"), 0);
  // SHA-1 is refused once a security level applies (as TLS clients do).
  EXPECT_NE(Verify("new-root-rsa2048", {"ica-sha1"}, "leaf-sha1", "-auth_level 1"), 0);
  EXPECT_EQ(Verify("new-root-rsa2048", {"ica-rsa2048"}, "leaf-rsa2048", "-auth_level 1"), 0);
  // The revoked leaf is on its issuer's CRL, the good one is not.
  const std::string crl = "-crl_check -CRLfile " + pki_->dir + "/crl/ica-rsa2048.crl.pem";
  EXPECT_NE(Verify("new-root-rsa2048", {"ica-rsa2048"}, "leaf-revoked", crl), 0);
  EXPECT_EQ(Verify("new-root-rsa2048", {"ica-rsa2048"}, "leaf-rsa2048", crl), 0);
  EXPECT_EQ(Verify("new-root-rsa2048", {"ica-rsa2048"}, "leaf-revoked"), 0);
}

TEST_F(DemoPkiTest, OurParserReadsEveryFileAndUrls) {
  for (const auto& e : pki_->entries) {
    auto certs = LoadCertificatesFromFile(pki_->dir + "/" + e.file);
    ASSERT_TRUE(certs.ok()) << e.file << ": " << certs.error().message;
    ASSERT_EQ(certs->size(), 1u);
    const CertificatePtr& c = certs->front();
    EXPECT_EQ(c->Sha256Hex(), e.sha256) << e.id;
    auto der = ReadFile(pki_->dir + "/" + e.der_file);
    ASSERT_TRUE(der.ok());
    EXPECT_EQ(der->size(), c->der().size()) << e.id;
    if (e.issuer_id != e.id) {
      ASSERT_TRUE(c->parsed().authority_info_access.has_value()) << e.id;
      const auto& aia = c->parsed().authority_info_access->front();
      EXPECT_EQ(aia.location.value.AsString(),
                "http://127.0.0.1:9/pki/certs/" + e.issuer_id + ".cer");
    }
    struct stat st {};
    ASSERT_EQ(::stat((pki_->dir + "/" + e.key_file).c_str(), &st), 0) << e.key_file;
    EXPECT_EQ(st.st_mode & 0777, 0600u) << e.key_file;
  }
}

TEST_F(DemoPkiTest, ReusedThenRegenerated) {
  DemoPkiOptions o;
  o.out_dir = pki_->dir;
  o.base_url = pki_->base_url;
  auto again = CreateDemoPki(o);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_TRUE(again->reused);
  EXPECT_EQ(again->Find("new-root-rsa2048")->sha256, pki_->Find("new-root-rsa2048")->sha256);

  // A tampered certificate makes the directory incomplete.
  TempDir copy;
  ASSERT_EQ(testing::Run("cp -a " + pki_->dir + "/. " + copy.path()), 0);
  std::ofstream(copy / "certs/ica-ec256.pem") << testing::ReadAll(pki_->CertPath("ica-ec384"));
  auto loaded = LoadDemoPki(copy.path());
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.error().message.find("certs/ica-ec256.pem"), std::string::npos);
  EXPECT_FALSE(LoadDemoPki(copy / "nonexistent").ok());
}

}  // namespace
}  // namespace trustready
