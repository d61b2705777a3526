// Leaf lifetimes (issue 15, CA/B Forum ballot SC-081): the schedule on both
// sides of every boundary, measured the BR way (inclusive seconds, started
// days), on generated leaves (pki/test_chain, OpenSSL-signed); the clients
// that reject (Chrome, Apple snapshots) against a store that must not; and
// the root warnings read from the shipped platform snapshots with real
// roots (DigiCert Global Root CA, Entrust Root Certification Authority).
#include <gtest/gtest.h>

#include <map>

#include "test_paths.h"
#include "trustready/check/check.h"
#include "trustready/check/lifetime.h"
#include "trustready/pki/test_chain.h"
#include "trustready/x509/pem.h"

namespace trustready {
namespace {

constexpr int64_t kDay = 86400;
UnixTime At(const char* rfc3339) { return *ParseRfc3339(rfc3339); }

TestChain Chain(UnixTime nb, int64_t duration_seconds, const std::string& eku = "serverAuth") {
  TestChainSpec s;
  s.leaf_not_before = nb;
  s.leaf_not_after = nb + duration_seconds;
  s.leaf_eku = eku;
  auto c = MakeTestChain(s);
  EXPECT_TRUE(c.ok()) << c.error().message;
  return *c;
}

TEST(Lifetime, ScheduleBoundaries) {
  EXPECT_EQ(LifetimeRuleAt(At("2026-03-14T23:59:59Z")).max_days, 398);
  EXPECT_EQ(LifetimeRuleAt(At("2026-03-15T00:00:00Z")).max_days, 200);
  EXPECT_EQ(LifetimeRuleAt(At("2027-03-14T23:59:59Z")).max_days, 200);
  EXPECT_EQ(LifetimeRuleAt(At("2027-03-15T00:00:00Z")).max_days, 100);
  EXPECT_EQ(LifetimeRuleAt(At("2029-03-14T23:59:59Z")).max_days, 100);
  EXPECT_EQ(LifetimeRuleAt(At("2029-03-15T00:00:00Z")).max_days, 47);
  EXPECT_EQ(LifetimeRuleAt(At("2029-03-15T00:00:00Z")).dcv_reuse_days, 10);
  EXPECT_EQ(LifetimeRuleAt(At("2027-03-15T00:00:00Z")).dcv_reuse_days, 100);
}

// Each limit, on a leaf issued on the boundary day: notAfter - notBefore of
// limit days minus one second is a Validity Period of exactly limit days
// (within); limit days exactly is one second more (a BR violation, which
// Chrome, counting without the inclusive second, still accepts); one second
// more than that Chrome rejects.
TEST(Lifetime, EachLimitOnBothSidesMeasuredAsTheBrsAndChromeDo) {
  struct Row { const char* issued; int limit; };
  for (const Row& r : {Row{"2026-03-14T12:00:00Z", 398}, Row{"2026-03-15T00:00:00Z", 200},
                       Row{"2027-03-15T00:00:00Z", 100}, Row{"2029-03-15T00:00:00Z", 47}}) {
    SCOPED_TRACE(r.issued);
    const UnixTime nb = At(r.issued);
    const int64_t limit = int64_t{r.limit} * kDay;
    TestChain in = Chain(nb, limit - 1);
    LeafLifetime l = AssessLeafLifetime(*in.leaf, {}, nullptr);
    EXPECT_EQ(l.at_issuance.max_days, r.limit);
    EXPECT_EQ(l.seconds, limit);
    EXPECT_EQ(l.days, r.limit);
    EXPECT_TRUE(l.within_limit);
    EXPECT_EQ(ClientLifetimeRejection("chrome", *in.leaf), "");

    TestChain exact = Chain(nb, limit);
    l = AssessLeafLifetime(*exact.leaf, {}, nullptr);
    EXPECT_EQ(l.days, r.limit + 1);
    EXPECT_FALSE(l.within_limit);
    EXPECT_EQ(ClientLifetimeRejection("chrome", *exact.leaf), "");

    TestChain over = Chain(nb, limit + 1);
    EXPECT_FALSE(AssessLeafLifetime(*over.leaf, {}, nullptr).within_limit);
    EXPECT_NE(ClientLifetimeRejection("chrome", *over.leaf).find("ERR_CERT_VALIDITY_TOO_LONG"), std::string::npos);
    // Apple enforces 398 days only.
    EXPECT_EQ(ClientLifetimeRejection("apple", *over.leaf).empty(), r.limit != 398);
    // Other clients: nothing sourced, never a rejection.
    EXPECT_EQ(ClientLifetimeRejection("mozilla", *over.leaf), "");
  }
}

TEST(Lifetime, TheLimitIsTheOneInForceAtIssuanceAndTheRenewalsIsStated) {
  // 250 days: fine when issued the second before 2026-03-15, too long from
  // 2026-03-15 on.
  TestChain before = Chain(At("2026-03-14T23:59:59Z"), 250 * kDay);
  LeafLifetime l = AssessLeafLifetime(*before.leaf, {}, nullptr);
  EXPECT_TRUE(l.within_limit);
  EXPECT_EQ(l.at_issuance.max_days, 398);
  // Renewed by 2026-11-19: 200 days then.
  EXPECT_EQ(FormatDate(l.renewal_due), "2026-11-19");
  EXPECT_EQ(l.at_renewal.max_days, 200);
  EXPECT_EQ(l.renewal_expires, l.renewal_due + 200 * kDay - 1);
  TestChain after = Chain(At("2026-03-15T00:00:00Z"), 250 * kDay);
  l = AssessLeafLifetime(*after.leaf, {}, nullptr);
  EXPECT_FALSE(l.within_limit);
  EXPECT_EQ(l.at_issuance.max_days, 200);
  EXPECT_EQ(FormatDate(l.renewal_due), "2026-11-20");
  EXPECT_EQ(l.at_renewal.max_days, 200);
}

TEST(Lifetime, OnlyTheEnforcingClientsStoreFlipsAndNeverAPrivateStore) {
  // Issued 2026-04-01 for 300 days: over SC-081's 200 (Chrome rejects) but
  // under Apple's 398.
  TestChain c = Chain(At("2026-04-01T00:00:00Z"), 300 * kDay);
  auto make = [&](const std::string& name, StoreFormat f) {
    CheckedStore cs;
    cs.store = TrustStore(name, f, "test");
    cs.store.Add({c.root, {}, "root"});
    return cs;
  };
  std::vector<CheckedStore> stores = {make("mine", StoreFormat::kPem), make("chrome:test", StoreFormat::kPlatform),
                                      make("apple:test", StoreFormat::kPlatform)};
  TargetInput in;
  in.target = "chain.pem";
  in.chain = {c.leaf, c.ca};
  TargetCheckOptions o;
  o.check.time = At("2026-06-01T00:00:00Z");
  o.fetch_aia = false;
  TargetCheck t = CheckTarget(in, MigrationProfile{}, stores, o);
  ASSERT_EQ(t.stores.size(), 3u);
  EXPECT_TRUE(t.stores[0].trusted);
  EXPECT_EQ(t.stores[0].lifetime_rejected, "");
  EXPECT_FALSE(t.stores[1].trusted);
  EXPECT_NE(t.stores[1].lifetime_rejected.find("200 days"), std::string::npos);
  EXPECT_TRUE(t.stores[2].trusted);
  EXPECT_FALSE(t.trusted);
  ASSERT_TRUE(t.lifetime.has_value());
  EXPECT_FALSE(t.lifetime->within_limit);

  // Within the limit: all three trust it.
  TestChain ok = Chain(At("2026-04-01T00:00:00Z"), 90 * kDay);
  for (auto& s : stores) {
    s.store = TrustStore(s.store.name(), s.store.format(), "test");
    s.store.Add({ok.root, {}, "root"});
  }
  in.chain = {ok.leaf, ok.ca};
  t = CheckTarget(in, MigrationProfile{}, stores, o);
  EXPECT_TRUE(t.trusted);
  EXPECT_TRUE(t.lifetime->within_limit);
}

CertificatePtr CatalogRoot(const std::string& rel) {
  auto certs = LoadCertificatesFromFile(std::string(TR_SOURCE_DIR) + "/data/catalog/" + rel);
  EXPECT_TRUE(certs.ok()) << rel;
  return certs->front();
}

TEST(Lifetime, RootsDroppedOrExpiringBeforeTheRenewalAreNamed) {
  auto platforms = LoadPlatformData();
  ASSERT_TRUE(platforms.ok()) << platforms.error().message;
  // Entrust Root Certification Authority expires 2026-11-27T20:53:42Z: a
  // leaf due for renewal on 2026-10-01 whose renewal (200 days) would
  // outlive it.
  CertificatePtr entrust = CatalogRoot("entrust/roots/Entrust-Root-Certification-Authority.pem");
  TestChain c = Chain(At("2026-04-01T00:00:00Z"), 183 * kDay);
  LeafLifetime l = AssessLeafLifetime(*c.leaf, {entrust}, platforms->get());
  bool expires = false;
  for (const auto& w : l.root_warnings) {
    if (w.kind == "root_expires") {
      expires = true;
      EXPECT_EQ(FormatDate(w.date), "2026-11-27");
    }
  }
  EXPECT_TRUE(expires);
  // A leaf whose renewal lives out before the root's expiry: no expiry warning.
  TestChain early = Chain(At("2025-01-01T00:00:00Z"), 90 * kDay);
  for (const auto& w : AssessLeafLifetime(*early.leaf, {entrust}, platforms->get()).root_warnings) {
    EXPECT_NE(w.kind, "root_expires");
  }

  // DigiCert Global Root CA (G1) is gone from Mozilla's store (the
  // snapshots say so, 2026-04-15 by Mozilla's schedule).
  const PlatformData& pd = **platforms;
  Sha256 g1{};
  const std::string hex = "4348a0e9444c78cb265e058d5e8944b4d84f9662bd26db257f8934a443c70161";
  for (size_t i = 0; i < 32; ++i) g1[i] = static_cast<uint8_t>(std::stoi(hex.substr(2 * i, 2), nullptr, 16));
  auto idx = pd.IndexOf(g1);
  ASSERT_TRUE(idx.has_value());
  ASSERT_TRUE(pd.certificates[*idx]);
  l = AssessLeafLifetime(*c.leaf, {pd.certificates[*idx]}, platforms->get());
  bool mozilla = false;
  for (const auto& w : l.root_warnings) {
    if (w.kind == "removed" && w.platform == "mozilla") {
      mozilla = true;
      EXPECT_NE(w.text.find("DigiCert Global Root CA"), std::string::npos) << w.text;
    }
  }
  EXPECT_TRUE(mozilla);
  // Entrust Root Certification Authority - G2, as the shipped snapshots
  // have it: Chrome's newest store (version 36) no longer has the root
  // (version 17 distrusted leaves with SCTs after 2024-11-11), OpenJDK
  // distrusts those issued after 2024-11-11 (ENTRUST_TLS), Mozilla's newest
  // snapshot no longer has the root: a renewal due in 2026 is trusted by
  // none of them.
  CertificatePtr entrust_g2 = CatalogRoot("entrust/roots/Entrust-Root-Certification-Authority-G2.pem");
  std::map<std::string, std::string> seen;
  for (const auto& w : AssessLeafLifetime(*c.leaf, {entrust_g2}, platforms->get()).root_warnings) {
    seen[w.platform + " " + w.kind] = FormatDate(w.date);
  }
  EXPECT_TRUE(seen.count("chrome removed"));
  EXPECT_FALSE(seen.count("chrome sct_distrust_after"));  // no cut-off for a root it no longer has
  EXPECT_EQ(seen["openjdk distrust_after"], "2024-11-11");
  EXPECT_TRUE(seen.count("mozilla removed"));
  EXPECT_FALSE(seen.count("mozilla distrust_after"));  // no date for a root it no longer has
  // A root every program still trusts (the generated one is in none).
  EXPECT_TRUE(AssessLeafLifetime(*c.leaf, {c.root}, platforms->get()).root_warnings.empty());
}

}  // namespace
}  // namespace trustready
