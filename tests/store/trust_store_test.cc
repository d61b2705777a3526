#include "trustready/store/trust_store.h"

#include <gtest/gtest.h>

#include "trustready/x509/pem.h"
#include "test_paths.h"

namespace trustready {
namespace {

CertificatePtr LoadCert(const std::string& name) {
  auto r = LoadCertificatesFromFile(std::string(TR_SHARED_DATA) + "/amazon-trust-services/" + name);
  EXPECT_TRUE(r.ok()) << name << ": " << (r.ok() ? "" : r.error().ToString());
  return r.ok() ? r.value().at(0) : nullptr;
}

TEST(PurposeNames, ListsSetBitsInOrder) {
  EXPECT_EQ(PurposeNames(kAllPurposes),
            (std::vector<std::string>{"server-auth", "client-auth", "email", "code-signing"}));
  EXPECT_EQ(PurposeNames(static_cast<uint8_t>(Purpose::kEmailProtection)),
            std::vector<std::string>{"email"});
  EXPECT_TRUE(PurposeNames(0).empty());
}

TEST(TrustStore, DeduplicatesAndMergesTrust) {
  auto root1 = LoadCert("AmazonRootCA1.cer");
  ASSERT_TRUE(root1);
  TrustStore store("t", StoreFormat::kPem, "test");
  TrustAnchor a{root1, {}, "first"};
  a.trust.purposes = static_cast<uint8_t>(Purpose::kServerAuth);
  EXPECT_TRUE(store.Add(a));
  TrustAnchor b{root1, {}, "second"};
  b.trust.purposes = static_cast<uint8_t>(Purpose::kEmailProtection);
  b.trust.server_distrust_after = 1000;
  EXPECT_FALSE(store.Add(b));
  ASSERT_EQ(store.size(), 1u);
  const TrustAnchor& merged = store.anchors()[0];
  EXPECT_EQ(merged.source, "first");
  EXPECT_EQ(merged.trust.purposes,
            static_cast<uint8_t>(Purpose::kServerAuth) | static_cast<uint8_t>(Purpose::kEmailProtection));
  EXPECT_EQ(merged.trust.server_distrust_after, 1000);
  EXPECT_FALSE(merged.trust.distrusted);
  TrustAnchor c{root1, {}, "third"};
  c.trust.distrusted = true;
  store.Add(c);
  EXPECT_TRUE(store.anchors()[0].trust.distrusted);
  EXPECT_FALSE(store.anchors()[0].trust.Trusts(Purpose::kServerAuth));
}

TEST(TrustStore, LookupsBySubjectSpkiAndHashSurviveRemoval) {
  // Root CA 1 self-signed and cross-signed (rootca1.cer) share subject and key.
  auto self = LoadCert("AmazonRootCA1.cer");
  auto cross = LoadCert("rootca1.cer");
  auto root2 = LoadCert("AmazonRootCA2.cer");
  ASSERT_TRUE(self && cross && root2);
  ASSERT_NE(self->sha256(), cross->sha256());
  TrustStore store;
  store.Add({self, {}, "a"});
  store.Add({root2, {}, "b"});
  store.Add({cross, {}, "c"});
  EXPECT_EQ(store.FindBySubject(self->NormalizedSubject()).size(), 2u);
  EXPECT_EQ(store.FindBySpki(self->spki_sha256()).size(), 2u);
  EXPECT_EQ(store.FindBySpki(root2->spki_sha256()).size(), 1u);
  ASSERT_NE(store.FindBySha256(root2->sha256()), nullptr);
  EXPECT_EQ(store.FindBySha256(root2->sha256())->source, "b");

  EXPECT_TRUE(store.Remove(self->sha256()));
  EXPECT_FALSE(store.Remove(self->sha256()));
  EXPECT_EQ(store.size(), 2u);
  EXPECT_EQ(store.FindBySha256(self->sha256()), nullptr);
  auto by_subject = store.FindBySubject(self->NormalizedSubject());
  ASSERT_EQ(by_subject.size(), 1u);
  EXPECT_EQ(by_subject[0]->cert->sha256(), cross->sha256());
  EXPECT_EQ(store.FindBySha256(root2->sha256())->source, "b");
}

}  // namespace
}  // namespace trustready
