// Store audit and diff on the Amazon PKI at fixed dates.
#include "trustready/store/store_audit.h"

#include <gtest/gtest.h>

#include <map>

#include "trustready/x509/pem.h"
#include "test_paths.h"

namespace trustready {
namespace {

CertificatePtr Amazon(const std::string& name) {
  auto r = LoadCertificatesFromFile(std::string(TR_SHARED_DATA) + "/amazon-trust-services/" + name);
  EXPECT_TRUE(r.ok()) << name;
  return r.ok() ? r->at(0) : nullptr;
}

std::map<std::string, int> Ids(const std::vector<StoreAuditFinding>& f) {
  std::map<std::string, int> out;
  for (const auto& x : f) ++out[x.id];
  return out;
}

TEST(StoreAudit, FindsExpiryNonCaDuplicatesAndDistrust) {
  TrustStore s;
  s.Add({Amazon("AmazonRootCA1.cer"), {}, ""});  // notAfter 2038-01-17
  s.Add({Amazon("rootca1.cer"), {}, ""});        // same subject and key
  s.Add({Amazon("AmazonRootCA2.cer"), {}, ""});  // notAfter 2040-05-26
  s.Add({Amazon("valid.rootca1.demo.amazontrust.com.cer"), {}, ""});  // a leaf
  TrustAnchor blocked{Amazon("AmazonRootCA3.cer"), {}, ""};
  blocked.trust.distrusted = true;
  s.Add(blocked);
  TrustAnchor dated{Amazon("AmazonRootCA4.cer"), {}, ""};
  dated.trust.server_distrust_after = *ParseRfc3339("2030-01-01");
  s.Add(dated);

  StoreAuditOptions o;
  o.now = *ParseRfc3339("2037-12-01T00:00:00Z");  // the Root CA 1 twins expire within 90 days
  auto ids = Ids(AuditStore(s, o));
  EXPECT_EQ(ids["EXPIRING_SOON"], 2);  // Root CA 1 and its cross-signed twin (2037-12-31)
  EXPECT_EQ(ids["NOT_CA"], 1);
  EXPECT_EQ(ids["DUPLICATE_SUBJECT"], 1);
  EXPECT_EQ(ids["DUPLICATE_KEY"], 1);
  EXPECT_EQ(ids["DISTRUSTED"], 1);
  EXPECT_EQ(ids["DISTRUST_AFTER"], 1);
  EXPECT_EQ(ids["WEAK_KEY"], 0);
  // The leaf expired long before 2037.
  EXPECT_EQ(ids["EXPIRED"], 1);
  for (const auto& f : AuditStore(s, o)) {
    if (f.id == "DUPLICATE_KEY") {
      EXPECT_EQ(f.anchors.size(), 2u);
    }
  }

  o.now = *ParseRfc3339("2040-06-01T00:00:00Z");
  ids = Ids(AuditStore(s, o));
  EXPECT_EQ(ids["EXPIRED"], 5);  // everything but the distrusted one (not checked)
  EXPECT_EQ(ids["EXPIRING_SOON"], 0);
}

TEST(StoreDiff, OnlyInEachAndTrustChanges) {
  TrustStore a, b;
  a.Add({Amazon("AmazonRootCA1.cer"), {}, ""});
  a.Add({Amazon("AmazonRootCA2.cer"), {}, ""});
  b.Add({Amazon("AmazonRootCA2.cer"), {}, ""});
  TrustAnchor limited{Amazon("AmazonRootCA1.cer"), {}, ""};
  limited.trust.purposes = static_cast<uint8_t>(Purpose::kServerAuth);
  TrustStore c;
  c.Add(limited);
  c.Add({Amazon("AmazonRootCA3.cer"), {}, ""});

  StoreDiff d = DiffStores(a, b);
  ASSERT_EQ(d.only_in_a.size(), 1u);
  EXPECT_EQ(d.only_in_a[0]->cert->DisplayName(), "Amazon Root CA 1");
  EXPECT_TRUE(d.only_in_b.empty());
  EXPECT_TRUE(d.trust_changed.empty());

  d = DiffStores(a, c);
  ASSERT_EQ(d.trust_changed.size(), 1u);
  EXPECT_EQ(d.trust_changed[0].second->trust.purposes, static_cast<uint8_t>(Purpose::kServerAuth));
  ASSERT_EQ(d.only_in_b.size(), 1u);
  EXPECT_EQ(d.only_in_b[0]->cert->DisplayName(), "Amazon Root CA 3");
  EXPECT_EQ(DescribeTrust(d.trust_changed[0].second->trust), "server-auth");
  EXPECT_TRUE(DiffStores(a, a).only_in_a.empty());
}

}  // namespace
}  // namespace trustready
