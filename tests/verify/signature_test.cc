// Signature checks through the issuer's ready verification contexts
// (Certificate::FindVerifyContext/KeepVerifyContext): one issuer key signs
// with several algorithms (PKCS#1 v1.5, PSS with two salt lengths, two
// digests), certificates made here with OpenSSL's own signing API. Each
// algorithm must get its own context: a context reused across algorithms
// would accept a signature under the wrong parameters or refuse a good one.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "trustready/verify/signature.h"

namespace trustready {
namespace {

struct Signing {
  const char* md;
  int pss_salt;  // -1: PKCS#1 v1.5
};

EVP_PKEY* Rsa2048() { return EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{2048}); }

// A certificate for `subject_key` named `cn`, issued by `issuer_name` with
// `issuer_key` and signed as `how` says, parsed by trustready.
CertificatePtr MakeCert(const std::string& cn, EVP_PKEY* subject_key, const std::string& issuer_cn,
                        EVP_PKEY* issuer_key, Signing how) {
  std::unique_ptr<X509, decltype(&X509_free)> x(X509_new(), X509_free);
  X509_set_version(x.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(x.get()), 7);
  X509_gmtime_adj(X509_getm_notBefore(x.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(x.get()), 3600);
  X509_NAME_add_entry_by_txt(X509_get_subject_name(x.get()), "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
  X509_NAME_add_entry_by_txt(X509_get_issuer_name(x.get()), "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(issuer_cn.c_str()), -1, -1, 0);
  X509_set_pubkey(x.get(), subject_key);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_PKEY_CTX* pctx = nullptr;
  EXPECT_EQ(EVP_DigestSignInit_ex(ctx.get(), &pctx, how.md, nullptr, nullptr, issuer_key, nullptr), 1);
  if (how.pss_salt >= 0) {
    EXPECT_EQ(EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING), 1);
    EXPECT_EQ(EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, how.pss_salt), 1);
  }
  EXPECT_GT(X509_sign_ctx(x.get(), ctx.get()), 0);
  unsigned char* der = nullptr;
  int len = i2d_X509(x.get(), &der);
  EXPECT_GT(len, 0);
  std::vector<uint8_t> bytes(der, der + len);
  OPENSSL_free(der);
  auto parsed = Certificate::Parse(bytes);
  EXPECT_TRUE(parsed.ok()) << parsed.error().ToString();
  return *parsed;
}

class ReadyContexts : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    issuer_key_ = Rsa2048();
    leaf_key_ = Rsa2048();
    issuer_ = MakeCert("Issuer", issuer_key_, "Issuer", issuer_key_, {"SHA256", -1});
    for (const Signing& how : kSignings) leaves_.push_back(MakeCert("Leaf", leaf_key_, "Issuer", issuer_key_, how));
  }
  static void TearDownTestSuite() {
    leaves_.clear();
    issuer_.reset();
    EVP_PKEY_free(issuer_key_);
    EVP_PKEY_free(leaf_key_);
  }
  static constexpr Signing kSignings[] = {
      {"SHA256", -1}, {"SHA256", 32}, {"SHA256", 20}, {"SHA384", 48}, {"SHA384", -1}};
  static EVP_PKEY* issuer_key_;
  static EVP_PKEY* leaf_key_;
  static CertificatePtr issuer_;
  static std::vector<CertificatePtr> leaves_;
};
EVP_PKEY* ReadyContexts::issuer_key_ = nullptr;
EVP_PKEY* ReadyContexts::leaf_key_ = nullptr;
CertificatePtr ReadyContexts::issuer_;
std::vector<CertificatePtr> ReadyContexts::leaves_;

TEST_F(ReadyContexts, EachAlgorithmVerifiesItsOwnSignatures) {
  ASSERT_EQ(leaves_.size(), 5u);
  EXPECT_EQ(leaves_[0]->parsed().signature_algorithm.signature, SignatureAlgorithm::kRsaPkcs1Sha256);
  EXPECT_EQ(leaves_[1]->parsed().signature_algorithm.signature, SignatureAlgorithm::kRsaPss);
  EXPECT_EQ(leaves_[1]->parsed().signature_algorithm.pss.salt_length, 32);
  EXPECT_EQ(leaves_[2]->parsed().signature_algorithm.pss.salt_length, 20);
  EXPECT_EQ(leaves_[3]->parsed().signature_algorithm.pss.hash, DigestAlgorithm::kSha384);
  // Twice around: the second round runs on the contexts the first kept.
  for (int round = 0; round < 2; ++round) {
    for (size_t i = 0; i < leaves_.size(); ++i) {
      EXPECT_EQ(VerifyCertificateSignature(*leaves_[i], *issuer_, nullptr), SignatureStatus::kValid)
          << "round " << round << ", signing " << i;
    }
  }
  // The same with a fresh import of the key (no kept contexts).
  for (size_t i = 0; i < leaves_.size(); ++i) {
    const ParsedCertificate& p = leaves_[i]->parsed();
    EXPECT_EQ(VerifySignedData(p.signature_algorithm, p.tbs, p.signature, issuer_->parsed().spki),
              SignatureStatus::kValid)
        << "signing " << i;
  }
}

TEST_F(ReadyContexts, AnotherAlgorithmsParametersRefuseTheSignature) {
  // Each signature checked under every other leaf's algorithm identifier,
  // with the contexts already kept: all refused.
  for (size_t i = 0; i < leaves_.size(); ++i) {
    VerifyCertificateSignature(*leaves_[i], *issuer_, nullptr);
  }
  for (size_t i = 0; i < leaves_.size(); ++i) {
    for (size_t j = 0; j < leaves_.size(); ++j) {
      if (i == j) continue;
      const ParsedCertificate& p = leaves_[i]->parsed();
      EXPECT_EQ(VerifySignedData(leaves_[j]->parsed().signature_algorithm, p.tbs, p.signature, *issuer_),
                SignatureStatus::kInvalid)
          << "signature " << i << " under algorithm " << j;
    }
  }
}

TEST_F(ReadyContexts, TamperedSignedBytesAreRefused) {
  const ParsedCertificate& p = leaves_[1]->parsed();
  std::vector<uint8_t> tbs(p.tbs.data(), p.tbs.data() + p.tbs.size());
  tbs[tbs.size() / 2] ^= 0x01;
  EXPECT_EQ(VerifySignedData(p.signature_algorithm, der::Input(tbs.data(), tbs.size()), p.signature, *issuer_),
            SignatureStatus::kInvalid);
}

TEST_F(ReadyContexts, BeyondTheKeptContextsChecksStillWork) {
  // More PSS parameter variants than a certificate keeps contexts for: the
  // ones past the limit are checked with a context made for the occasion.
  auto issuer = *Certificate::Parse(issuer_->der());
  std::vector<CertificatePtr> variants;
  for (int salt = 0; salt < static_cast<int>(Certificate::kMaxVerifyContexts) + 4; ++salt) {
    variants.push_back(MakeCert("Leaf", leaf_key_, "Issuer", issuer_key_, {"SHA256", salt}));
  }
  for (int round = 0; round < 2; ++round) {
    for (size_t i = 0; i < variants.size(); ++i) {
      EXPECT_EQ(VerifyCertificateSignature(*variants[i], *issuer, nullptr), SignatureStatus::kValid)
          << "salt " << i << ", round " << round;
      const size_t other = (i + 1) % variants.size();
      const ParsedCertificate& p = variants[i]->parsed();
      EXPECT_EQ(VerifySignedData(variants[other]->parsed().signature_algorithm, p.tbs, p.signature, *issuer),
                SignatureStatus::kInvalid)
          << "salt " << i << " checked as salt " << other;
    }
  }
}

TEST_F(ReadyContexts, ThreadsShareTheKeptContexts) {
  // A fresh issuer object, so that the threads race to make and keep the
  // contexts; every check must still be right.
  auto issuer = *Certificate::Parse(issuer_->der());
  std::vector<int> wrong(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int k = 0; k < 20; ++k) {
        for (size_t i = 0; i < leaves_.size(); ++i) {
          const size_t n = (i + t) % leaves_.size();
          if (VerifyCertificateSignature(*leaves_[n], *issuer, nullptr) != SignatureStatus::kValid) ++wrong[t];
        }
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(wrong[t], 0) << "thread " << t;
}

}  // namespace
}  // namespace trustready
