// Readiness against the built-in amazon-trust-services profile, on stores
// built from the real Amazon Trust Services PKI (../shared/data) and the
// roots shipped in data/.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "trustready/check/check.h"
#include "trustready/x509/pem.h"
#include "trustready/store/platform_stores.h"
#include "trustready/check/profile.h"
#include "trustready/store/store_open.h"
#include "test_paths.h"

namespace trustready {
namespace {

const std::string kAts = std::string(TR_SHARED_DATA) + "/amazon-trust-services/";

CertificatePtr Load(const std::string& path) {
  auto certs = LoadCertificatesFromFile(path);
  EXPECT_TRUE(certs.ok()) << path << ": " << (certs.ok() ? "" : certs.error().message);
  return certs.ok() ? certs->front() : nullptr;
}

CheckedStore StoreOf(const std::vector<std::string>& files, const std::string& name = "test") {
  TrustStore s(name, StoreFormat::kPem, "/tmp/" + name + ".pem");
  for (const auto& f : files) s.Add({Load(f), {}, f});
  return DescribeStore(std::move(s), nullptr);
}

const MigrationProfile& Profile() {
  static const MigrationProfile* p = [] {
    auto r = LoadProfile("amazon-trust-services");
    EXPECT_TRUE(r.ok()) << r.error().message;
    return new MigrationProfile(std::move(r).value());
  }();
  return *p;
}

CheckOptions At(const char* rfc3339) {
  CheckOptions o;
  o.time = *ParseRfc3339(rfc3339);
  return o;
}

const HierarchyCheck& Hier(const StoreReadiness& r, const std::string& id) {
  for (const auto& h : r.hierarchies) {
    if (h.hierarchy->id == id) return h;
  }
  ADD_FAILURE() << "no hierarchy " << id;
  return r.hierarchies.front();
}

TEST(Profile, AmazonProfileHoldsTheRealPki) {
  const MigrationProfile& p = Profile();
  EXPECT_EQ(p.name, "amazon-trust-services");
  ASSERT_EQ(p.hierarchies.size(), 4u);
  size_t cas = 0;
  for (const auto& h : p.hierarchies) {
    EXPECT_EQ(h.issuing_cas.size(), 4u) << h.id;
    cas += h.issuing_cas.size();
    // Each issuing CA names its hierarchy's root as issuer.
    const ProfileRoot* root = p.FindRoot(h.root_id);
    ASSERT_NE(root, nullptr);
    for (const auto& ca : h.issuing_cas) EXPECT_EQ(ca->NormalizedIssuer(), root->cert->NormalizedSubject());
  }
  EXPECT_EQ(cas, 16u);
  // The profile's copies are byte-identical to the shared data's.
  EXPECT_EQ(p.FindRoot("amazon-root-ca-1")->cert->sha256(), Load(kAts + "AmazonRootCA1.cer")->sha256());
  EXPECT_EQ(p.FindRoot("starfield-services-root-ca-g2")->cert->sha256(), Load(kAts + "SFSRootCAG2.cer")->sha256());
  EXPECT_EQ(p.cross_certificates.size(), 5u);
}

TEST(Readiness, AllFourAmazonRootsDirect) {
  auto store = StoreOf({kAts + "AmazonRootCA1.cer", kAts + "AmazonRootCA2.cer", kAts + "AmazonRootCA3.cer",
                        kAts + "AmazonRootCA4.cer"});
  StoreReadiness r = CheckStoreReadiness(Profile(), store, At("2026-01-01T00:00:00Z"));
  EXPECT_TRUE(r.ready);
  for (const auto& h : r.hierarchies) {
    EXPECT_TRUE(h.valid) << h.hierarchy->id;
    EXPECT_FALSE(h.via_cross) << h.hierarchy->id;
    EXPECT_EQ(h.valid_cas, 4);
    EXPECT_EQ(h.path_names.size(), 2u);
  }
  EXPECT_EQ(Hier(r, "rsa2048").anchor_name, "Amazon Root CA 1");
  EXPECT_EQ(Hier(r, "ecdsa384").anchor_name, "Amazon Root CA 4");
  EXPECT_TRUE(r.remediation.commands.empty());
  int present = 0;
  for (const auto& a : r.anchors) present += a.presence == AnchorPresence::kExact ? 1 : 0;
  EXPECT_EQ(present, 4);
}

TEST(Readiness, StarfieldServicesG2AloneIsReadyThroughCrossSigns) {
  // AWS: a client that trusts Starfield Services Root CA - G2 is ready.
  auto store = StoreOf({kAts + "SFSRootCAG2.cer"});
  StoreReadiness r = CheckStoreReadiness(Profile(), store, At("2026-01-01T00:00:00Z"));
  EXPECT_TRUE(r.ready);
  for (const auto& h : r.hierarchies) {
    EXPECT_TRUE(h.valid) << h.hierarchy->id << ": " << h.error.message;
    EXPECT_TRUE(h.via_cross) << h.hierarchy->id;
    EXPECT_EQ(h.anchor_name, "Starfield Services Root Certificate Authority - G2");
    ASSERT_EQ(h.path_names.size(), 3u);  // issuing CA, Amazon Root CA n (cross), SFS G2
  }
}

TEST(Readiness, StarfieldClass2AloneIsReadyThroughTwoCrossSigns) {
  auto store = StoreOf({Profile().FindRoot("starfield-class-2")->file});
  StoreReadiness r = CheckStoreReadiness(Profile(), store, At("2026-01-01T00:00:00Z"));
  EXPECT_TRUE(r.ready);
  for (const auto& h : r.hierarchies) {
    EXPECT_TRUE(h.valid) << h.hierarchy->id << ": " << h.error.message;
    EXPECT_EQ(h.path_names.size(), 4u) << h.hierarchy->id;
  }
  // The cross-certificate expires in 2034: then Class 2 alone no longer works.
  StoreReadiness later = CheckStoreReadiness(Profile(), store, At("2034-07-01T00:00:00Z"));
  EXPECT_FALSE(later.ready);
}

TEST(Readiness, UnrelatedRootIsNotReadyAndNamesTheAmazonRoots) {
  auto store = StoreOf({DataDir() + "/catalog/isrg/roots/ISRG-Root-X1.pem"});
  StoreReadiness r = CheckStoreReadiness(Profile(), store, At("2026-01-01T00:00:00Z"));
  EXPECT_FALSE(r.ready);
  for (const auto& h : r.hierarchies) {
    EXPECT_FALSE(h.valid);
    EXPECT_EQ(h.error.code, VerifyErrorCode::kUnknownIssuer) << h.hierarchy->id;
  }
  // The explanation names the roots that would each fix the hierarchy.
  EXPECT_NE(Hier(r, "rsa2048").error.message.find(
                "any one of these roots would do: Amazon Root CA 1, Starfield Services Root Certificate Authority - "
                "G2, Starfield Class 2 Certification Authority"),
            std::string::npos)
      << Hier(r, "rsa2048").error.message;
  ASSERT_EQ(r.remediation.roots_to_add.size(), 4u);
  std::string all;
  for (const auto& c : r.remediation.commands) all += c + "\n";
  for (int n = 1; n <= 4; ++n) {
    EXPECT_NE(all.find("AmazonRootCA" + std::to_string(n) + ".pem"), std::string::npos) << all;
  }
  EXPECT_NE(all.find("trustready store add /tmp/test.pem"), std::string::npos) << all;
  EXPECT_FALSE(r.remediation.alternatives.empty());
  EXPECT_NE(r.remediation.alternatives.front().find("custom domain"), std::string::npos);
}

TEST(Readiness, AmazonRootCa3AloneSaysWhichHierarchiesFail) {
  auto store = StoreOf({kAts + "AmazonRootCA3.cer"});
  StoreReadiness r = CheckStoreReadiness(Profile(), store, At("2026-01-01T00:00:00Z"));
  EXPECT_FALSE(r.ready);
  EXPECT_TRUE(Hier(r, "ecdsa256").valid);
  EXPECT_FALSE(Hier(r, "rsa2048").valid);
  EXPECT_FALSE(Hier(r, "rsa4096").valid);
  EXPECT_FALSE(Hier(r, "ecdsa384").valid);
  std::vector<std::string> add;
  for (const auto* root : r.remediation.roots_to_add) add.push_back(root->id);
  EXPECT_EQ(add, (std::vector<std::string>{"amazon-root-ca-1", "amazon-root-ca-2", "amazon-root-ca-4"}));
}

TEST(Readiness, IssuingCasExpireIn2030) {
  auto store = StoreOf({kAts + "SFSRootCAG2.cer"});
  StoreReadiness r = CheckStoreReadiness(Profile(), store, At("2031-01-01T00:00:00Z"));
  EXPECT_FALSE(r.ready);
  EXPECT_EQ(Hier(r, "rsa2048").error.code, VerifyErrorCode::kExpired);
  // Adding Amazon roots would not help: the issuing CAs themselves have
  // expired. The remediation says so instead of asking for roots.
  EXPECT_TRUE(r.remediation.roots_to_add.empty());
  EXPECT_TRUE(r.remediation.commands.empty());
  ASSERT_EQ(r.remediation.blockers.size(), 4u);
  for (const std::string& b : r.remediation.blockers) {
    EXPECT_NE(b.find("EXPIRED"), std::string::npos) << b;
    EXPECT_NE(b.find("no trust-store change fixes this"), std::string::npos) << b;
  }
}

TEST(Readiness, RootsThatWouldNotHelpAreNotOffered) {
  // A store with an unrelated root (ISRG Root X1) after the Amazon issuing
  // CAs have expired: the Amazon roots are missing, but adding them would
  // not make the store ready, so they are not offered; the blockers say why.
  auto le = LoadProfile("lets-encrypt");
  ASSERT_TRUE(le.ok()) << le.error().ToString();
  TrustStore s("t", StoreFormat::kPem, "/tmp/isrg.pem");
  s.Add({le->FindRoot("isrg-root-x1")->cert, {}, "x"});
  StoreReadiness r = CheckStoreReadiness(Profile(), DescribeStore(std::move(s), nullptr), At("2031-01-01T00:00:00Z"));
  EXPECT_FALSE(r.ready);
  EXPECT_TRUE(r.remediation.roots_to_add.empty());
  ASSERT_EQ(r.remediation.blockers.size(), 4u);
  EXPECT_NE(r.remediation.blockers[0].find("even with Amazon Root CA 1 added, EXPIRED"), std::string::npos)
      << r.remediation.blockers[0];
  // The same store in 2026: the four Amazon roots are offered, no blockers.
  TrustStore s26("t", StoreFormat::kPem, "/tmp/isrg.pem");
  s26.Add({le->FindRoot("isrg-root-x1")->cert, {}, "x"});
  StoreReadiness r26 = CheckStoreReadiness(Profile(), DescribeStore(std::move(s26), nullptr), At("2026-01-01T00:00:00Z"));
  EXPECT_EQ(r26.remediation.roots_to_add.size(), 4u);
  EXPECT_TRUE(r26.remediation.blockers.empty());
}

TEST(Readiness, RootsThatFixAnotherFailureAreOffered) {
  // Starfield Services G2 held but not trusted for server authentication
  // (an OpenSSL TRUSTED CERTIFICATE with serverAuth rejected): no path is
  // missing an anchor, yet adding each Amazon root fixes its hierarchy, so
  // the four are offered and nothing is called unfixable.
  TrustStore s("t", StoreFormat::kPem, "/tmp/sfs-rejected.pem");
  TrustAttributes attrs;
  attrs.purposes = static_cast<uint8_t>(Purpose::kEmailProtection);
  s.Add({Load(kAts + "SFSRootCAG2.cer"), attrs, "x"});
  StoreReadiness r = CheckStoreReadiness(Profile(), DescribeStore(std::move(s), nullptr), At("2025-06-01T00:00:00Z"));
  EXPECT_FALSE(r.ready);
  EXPECT_EQ(r.remediation.roots_to_add.size(), 4u);
  EXPECT_TRUE(r.remediation.blockers.empty()) << r.remediation.blockers.front();
}

TEST(Readiness, HeldRootsAreNeverToAdd) {
  // All four Amazon roots held, at a time when the issuing CAs have
  // expired: nothing to add, every hierarchy blocked by EXPIRED.
  auto store = StoreOf({kAts + "AmazonRootCA1.cer", kAts + "AmazonRootCA2.cer", kAts + "AmazonRootCA3.cer",
                        kAts + "AmazonRootCA4.cer"});
  StoreReadiness r = CheckStoreReadiness(Profile(), store, At("2031-01-01T00:00:00Z"));
  EXPECT_FALSE(r.ready);
  EXPECT_TRUE(r.remediation.roots_to_add.empty());
  EXPECT_EQ(r.remediation.blockers.size(), 4u);
  // Root CA 3 held and ready at 2026: only the three missing roots, no
  // blockers (their failure is a missing anchor, which adding fixes).
  StoreReadiness r3 = CheckStoreReadiness(Profile(), StoreOf({kAts + "AmazonRootCA3.cer"}), At("2026-01-01T00:00:00Z"));
  EXPECT_EQ(r3.remediation.roots_to_add.size(), 3u);
  EXPECT_TRUE(r3.remediation.blockers.empty());
}

TEST(Readiness, DistrustedRootFailsItsHierarchy) {
  TrustStore s("t", StoreFormat::kPem, "/tmp/t.pem");
  for (int n = 1; n <= 4; ++n) {
    TrustAttributes attrs;
    attrs.distrusted = n == 1;
    s.Add({Load(kAts + "AmazonRootCA" + std::to_string(n) + ".cer"), attrs, "x"});
  }
  StoreReadiness r = CheckStoreReadiness(Profile(), DescribeStore(std::move(s), nullptr), At("2026-01-01T00:00:00Z"));
  EXPECT_FALSE(r.ready);
  EXPECT_FALSE(Hier(r, "rsa2048").valid);
  EXPECT_TRUE(Hier(r, "rsa4096").valid);
  EXPECT_TRUE(r.anchors[0].distrusted);
  // Root CA 1 is held (distrusted): adding it again is not the fix.
  for (const ProfileRoot* root : r.remediation.roots_to_add) EXPECT_NE(root->id, "amazon-root-ca-1");
  ASSERT_EQ(r.remediation.blockers.size(), 1u);
  EXPECT_NE(r.remediation.blockers[0].find("Amazon Root CA 1 is in this store but not trusted"), std::string::npos)
      << r.remediation.blockers[0];
}

TEST(Readiness, SpkiPins) {
  auto store = StoreOf({kAts + "AmazonRootCA1.cer", kAts + "AmazonRootCA2.cer", kAts + "AmazonRootCA3.cer",
                        kAts + "AmazonRootCA4.cer"});
  auto pin_of = [](const Certificate& c) {
    return *ParseSpkiPin("sha256/" + Base64Encode(der::Input(c.spki_sha256().data(), 32)));
  };
  CheckOptions o = At("2026-01-01T00:00:00Z");
  o.pins.push_back(pin_of(*Profile().FindRoot("amazon-root-ca-1")->cert));
  StoreReadiness one = CheckStoreReadiness(Profile(), store, o);
  EXPECT_FALSE(one.ready);  // only the RSA 2048 paths hold the pinned key
  ASSERT_TRUE(one.pins_ok.has_value());
  EXPECT_FALSE(*one.pins_ok);
  EXPECT_TRUE(*Hier(one, "rsa2048").pinned);
  EXPECT_FALSE(*Hier(one, "ecdsa256").pinned);
  for (const char* id : {"amazon-root-ca-2", "amazon-root-ca-3", "amazon-root-ca-4"}) {
    o.pins.push_back(pin_of(*Profile().FindRoot(id)->cert));
  }
  StoreReadiness all = CheckStoreReadiness(Profile(), store, o);
  EXPECT_TRUE(all.ready);
  EXPECT_TRUE(*all.pins_ok);
}

TEST(Readiness, PinParsing) {
  EXPECT_TRUE(ParseSpkiPin("sha256/++MBgDH5WGvL9Bcn5Be30cRcL0f5O+NyoXuWtQdX1aI=").ok());
  EXPECT_TRUE(ParseSpkiPin("pin-sha256=\"++MBgDH5WGvL9Bcn5Be30cRcL0f5O+NyoXuWtQdX1aI=\"").ok());
  EXPECT_FALSE(ParseSpkiPin("sha1/++MBgDH5WGvL9Bcn5Be30cRcL0f5O+NyoXuWtQdX1aI=").ok());
  EXPECT_FALSE(ParseSpkiPin("sha256/AAAA").ok());
  // The pin widely published for Amazon Root CA 1 is its SPKI SHA-256.
  auto pin = ParseSpkiPin("sha256/++MBgDH5WGvL9Bcn5Be30cRcL0f5O+NyoXuWtQdX1aI=");
  EXPECT_EQ(pin->spki_sha256, Load(kAts + "AmazonRootCA1.cer")->spki_sha256());
}

TEST(Readiness, StoreKindsDecideRemediation) {
  TrustStore jks("java", StoreFormat::kJks, "/etc/ssl/certs/java/cacerts");
  jks.Add({Load(kAts + "AmazonRootCA3.cer"), {}, "x"});
  DiscoveredStore d{"java", StoreFormat::kJks, "/etc/ssl/certs/java/cacerts", "Java cacerts (Debian/Ubuntu)", "changeit"};
  CheckedStore cs = DescribeStore(std::move(jks), &d);
  EXPECT_EQ(StoreKindName(cs.kind), "jks");
  StoreReadiness r = CheckStoreReadiness(Profile(), cs, At("2026-01-01T00:00:00Z"));
  ASSERT_FALSE(r.remediation.commands.empty());
  EXPECT_NE(r.remediation.commands[0].find("keytool -importcert -noprompt -alias amazonrootca1 -file "),
            std::string::npos)
      << r.remediation.commands[0];
  EXPECT_NE(r.remediation.commands[0].find("-keystore /etc/ssl/certs/java/cacerts"), std::string::npos);

  TrustStore sys("system", StoreFormat::kPem, "/etc/ssl/certs/ca-certificates.crt");
  DiscoveredStore ds{"system", StoreFormat::kPem, "/etc/ssl/certs/ca-certificates.crt", "Debian", ""};
  CheckedStore scs = DescribeStore(std::move(sys), &ds);
  EXPECT_EQ(StoreKindName(scs.kind), "debian-system");
  StoreReadiness sr = CheckStoreReadiness(Profile(), scs, At("2026-01-01T00:00:00Z"));
  std::string all;
  for (const auto& c : sr.remediation.commands) all += c + "\n";
  EXPECT_NE(all.find("/usr/local/share/ca-certificates/amazonrootca2.crt"), std::string::npos) << all;
  EXPECT_NE(all.find("sudo update-ca-certificates"), std::string::npos) << all;
}

// keytool refuses an alias the keystore has: the fix picks another (the
// fingerprint-suffixed alias, then a counter), ignoring case as Java does,
// and imports only while that alias is absent (pasting it twice works).
TEST(Readiness, KeytoolFixAvoidsTakenAliases) {
  TrustStore jks("java", StoreFormat::kJks, "/x/cacerts");
  jks.Add({Load(kAts + "AmazonRootCA3.cer"), {}, "AmazonRootCA1"});
  jks.AddEntryAlias("AmazonRootCA1");
  jks.AddEntryAlias("amazonrootca2");
  jks.AddEntryAlias("amazonrootca2-1ba5b2aa");
  DiscoveredStore d{"java", StoreFormat::kJks, "/x/cacerts", "Java cacerts", "changeit"};
  CheckedStore cs = DescribeStore(std::move(jks), &d);
  StoreReadiness r = CheckStoreReadiness(Profile(), cs, At("2026-01-01T00:00:00Z"));
  std::string all;
  for (const auto& c : r.remediation.commands) all += c + "\n";
  EXPECT_NE(all.find("keytool -list -alias amazonrootca1-8ecde688 -keystore /x/cacerts -storepass changeit >/dev/null 2>&1 || "
                     "keytool -importcert -noprompt -alias amazonrootca1-8ecde688 -file "),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("-alias amazonrootca2-1ba5b2aa-2 "), std::string::npos) << all;
  EXPECT_NE(all.find("-alias amazonrootca4 "), std::string::npos) << all;  // free: the profile's alias
  EXPECT_EQ(all.find("-alias amazonrootca1 "), std::string::npos) << all;
}

TEST(Readiness, NewestPlatformSnapshotsAreReady) {
  auto data = LoadPlatformData();
  ASSERT_TRUE(data.ok());
  // The newest snapshot of every platform in the data is ready.
  for (const std::string& platform : (*data)->Platforms()) {
    auto stores = OpenPlatformStores(platform + ":latest");
    ASSERT_TRUE(stores.ok()) << platform;
    CheckedStore cs = DescribeStore(std::move(stores->front()), nullptr);
    EXPECT_EQ(StoreKindName(cs.kind), "platform");
    StoreReadiness r = CheckStoreReadiness(Profile(), cs, At("2026-01-01T00:00:00Z"));
    EXPECT_TRUE(r.ready) << r.store;
  }
}

TEST(Readiness, WithoutCrossSignsOldAndroidMustUpgrade) {
  // Without the Starfield cross-certificates only the Amazon roots
  // themselves work: Android versions from before they were added are not
  // ready and are told the first version that is.
  MigrationProfile p = Profile();
  p.cross_certificates.clear();
  auto stores = OpenPlatformStores("android:all");
  ASSERT_TRUE(stores.ok());
  std::vector<std::string> not_ready;
  std::string first_ready;
  for (auto& s : *stores) {
    StoreReadiness r = CheckStoreReadiness(p, DescribeStore(std::move(s), nullptr), At("2026-01-01T00:00:00Z"));
    if (r.ready) {
      if (first_ready.empty()) first_ready = r.store;
      continue;
    }
    not_ready.push_back(r.store);
    ASSERT_FALSE(r.remediation.advice.empty());
    EXPECT_TRUE(r.remediation.commands.empty());  // an upgrade is advice, not a command
    EXPECT_NE(r.remediation.advice[0].find("upgrade the platform: android:"), std::string::npos)
        << r.remediation.advice[0];
  }
  ASSERT_FALSE(not_ready.empty());
  ASSERT_FALSE(first_ready.empty());
  EXPECT_EQ(FirstReadyPlatformVersion(p, not_ready.front(), At("2026-01-01T00:00:00Z")), first_ready + " or later");
}

TEST(ProfileFiles, ErrorsNameTheFileAndField) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("tr-profile-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto write = [&](const std::string& text) {
    std::ofstream(dir / "profile.json") << text;
  };
  write("{not json");
  auto r = LoadProfile(dir.string());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("profile.json"), std::string::npos);
  write(R"({"name":"x","roots":[{"id":"a","file":"missing.pem"}],"hierarchies":[]})");
  r = LoadProfile(dir.string());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("missing.pem"), std::string::npos) << r.error().message;
  fs::copy_file(kAts + "AmazonRootCA1.cer", dir / "root.cer");
  write(R"({"name":"x","roots":[{"id":"a","file":"root.cer"}],"hierarchies":[{"id":"h","root":"b","issuing_cas":["root.cer"]}]})");
  r = LoadProfile(dir.string());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("root 'b'"), std::string::npos) << r.error().message;
  write(R"({"name":"x","roots":[{"id":"a","file":"../../etc/passwd"}],"hierarchies":[]})");
  EXPECT_FALSE(LoadProfile(dir.string()).ok());
  EXPECT_FALSE(LoadProfile("no-such-profile").ok());
  fs::remove_all(dir);
}

TEST(ProfileFiles, CreateFromChain) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("tr-profile-create-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::path chain = fs::temp_directory_path() / ("tr-chain-" + std::to_string(::getpid()) + ".pem");
  {
    std::ofstream out(chain);
    for (const char* f : {"valid.rootca1.demo.amazontrust.com.cer", "r2m02.cer", "rootca1.cer"}) {
      out << EncodePem("CERTIFICATE", Load(kAts + f)->der());
    }
  }
  ProfileFromChainOptions o;
  o.chain_file = chain.string();
  o.out_dir = dir.string();
  // Without the root, the chain's top is unknown: a clear error.
  auto missing = CreateProfileFromChain(o);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("--root"), std::string::npos) << missing.error().message;
  o.extra_roots = {kAts + "AmazonRootCA1.cer", kAts + "SFSRootCAG2.cer"};
  o.force = true;
  auto p = CreateProfileFromChain(o);
  ASSERT_TRUE(p.ok()) << p.error().message;
  ASSERT_EQ(p->hierarchies.size(), 1u);
  EXPECT_EQ(p->hierarchies[0].issuing_cas.size(), 1u);
  EXPECT_EQ(p->hierarchies[0].issuing_cas[0]->DisplayName(), "Amazon RSA 2048 M02");
  EXPECT_EQ(p->roots.size(), 2u);
  EXPECT_EQ(p->cross_certificates.size(), 1u);
  // The built profile judges stores like the built-in one.
  EXPECT_TRUE(CheckStoreReadiness(*p, StoreOf({kAts + "SFSRootCAG2.cer"}), At("2026-01-01T00:00:00Z")).ready);
  EXPECT_FALSE(CheckStoreReadiness(*p, StoreOf({kAts + "AmazonRootCA3.cer"}), At("2026-01-01T00:00:00Z")).ready);
  // A non-empty directory is refused without force.
  o.force = false;
  EXPECT_FALSE(CreateProfileFromChain(o).ok());
  fs::remove_all(dir);
  fs::remove(chain);
}

}  // namespace
}  // namespace trustready
