// Platform snapshots: the shipped data (data/platforms) against the shared
// source data (../shared/data/platform-stores), and facts the data must
// reproduce, computed here independently from the source snapshots.json.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "trustready/catalog/catalog.h"
#include "trustready/x509/pem.h"
#include "trustready/store/platform_stores.h"
#include "trustready/store/store_open.h"
#include "test_paths.h"

namespace trustready {
namespace {

const std::string kSource = std::string(TR_SHARED_DATA) + "/platform-stores";
// SHA-256 (DER) of the roots the facts are about, as published by ISRG and
// Amazon Trust Services.
const char kIsrgRootX1[] = "96bcec06264976f37460779acf28c5a7cfe8a3c0aae11a8ffcee05c0bddf08c6";
const char kAmazonRootCa1[] = "8ecde6884f3d87b1125ba31ac3fcb13d7016de7f57cc904fe1cb97c6ae98196e";

nlohmann::json SourceSnapshots() {
  std::ifstream in(kSource + "/snapshots.json");
  std::stringstream ss;
  ss << in.rdbuf();
  return nlohmann::json::parse(ss.str());
}

// First version (in the source file's order: by platform, then date) of
// `platform` whose trusted list holds `sha256`.
std::string FirstVersionWith(const nlohmann::json& snaps, const std::string& platform,
                             const std::string& sha256) {
  for (const auto& s : snaps) {
    if (s["platform"] != platform) continue;
    for (const auto& fp : s["trusted"])
      if (fp == sha256) return s["version"];
  }
  return "";
}

std::shared_ptr<const PlatformData> Data() {
  auto d = LoadPlatformData();
  EXPECT_TRUE(d.ok()) << d.error().ToString();
  return *d;
}

// The snapshots converted from the shared data (snapshots.json), in order;
// imported ones (data/platforms/imported/) are checked by tests/importer.
std::vector<const PlatformSnapshot*> FromSharedData(const PlatformData& data) {
  std::vector<const PlatformSnapshot*> out;
  for (const auto& s : data.snapshots)
    if (s.file == "snapshots.json") out.push_back(&s);
  return out;
}

TEST(PlatformData, MatchesSourceSnapshotForSnapshot) {
  auto data = Data();
  auto src = SourceSnapshots();
  auto converted = FromSharedData(*data);
  ASSERT_EQ(converted.size(), src.size());
  for (size_t i = 0; i < src.size(); ++i) {
    const auto& s = *converted[i];
    EXPECT_EQ(s.platform, src[i]["platform"]);
    EXPECT_EQ(s.version, src[i]["version"]);
    EXPECT_EQ(s.date, src[i]["date"]);
    std::set<std::string> want_trusted(src[i]["trusted"].begin(), src[i]["trusted"].end());
    // The source's trusted set is the snapshot's trusted roots plus those
    // root_properties.json takes out of server-auth trust (windows only:
    // Microsoft's CTL purposes).
    std::set<std::string> got_trusted;
    for (uint32_t idx : s.trusted)
      got_trusted.insert(der::Hex(der::Input(data->fingerprints[idx].data(), 32)));
    for (uint32_t idx : s.not_server_auth) {
      EXPECT_TRUE(got_trusted.insert(der::Hex(der::Input(data->fingerprints[idx].data(), 32))).second) << s.name;
    }
    if (s.platform != "windows") {
      EXPECT_TRUE(s.not_server_auth.empty()) << s.name;
    }
    EXPECT_EQ(got_trusted, want_trusted) << s.name;
    std::set<std::string> want_blocked(src[i]["blocked"].begin(), src[i]["blocked"].end());
    std::set<std::string> got_blocked;
    for (uint32_t idx : s.blocked)
      got_blocked.insert(der::Hex(der::Input(data->fingerprints[idx].data(), 32)));
    EXPECT_EQ(got_blocked, want_blocked) << s.name;
  }
}

// Microsoft's CTL (authroot.tsv at robstradling/authroot.stl@01c8329) lists
// DigiCert SMIME RSA4096 Root G5, Microsoft Identity Verification Root CA
// 2020 and Sectigo Public Email Protection Root R46 without Server
// Authentication: no windows snapshot may make them server-auth anchors,
// while the TLS roots ISRG Root X1, Amazon Root CA 1 and DigiCert Global
// Root G2 stay anchors. Microsoft's NotBefore for the Entrust roots (February
// 2025 deployment notice: released 2025-02-25, certificates issued after
// 2025-04-16) is a distrust-after date from the 2025 snapshots on.
TEST(PlatformData, WindowsFollowsMicrosoftCtlPurposesAndNotBefore) {
  auto data = Data();
  const std::set<std::string> non_tls = {
      "90370d3efa88bf58c30105ba25104a358460a7fa52dfc2011df233a0f417912a",   // DigiCert SMIME RSA4096 Root G5
      "5367f20c7ade0e2bca790915056d086b720c33c1fa2a2661acf787e3292e1270",   // Microsoft Identity Verification 2020
      "d5917a7791eb7cf20a2e57eb98284a67b28a57e89182da53d546678c9fde2b4f"};  // Sectigo Email Protection R46
  const std::set<std::string> tls = {kIsrgRootX1, kAmazonRootCa1,
                                     "cb3ccbb76031e5e0138f8dd39a23f9de47ffc35e43c1144cea27d46a5ab1cb5f"};  // G2
  const char kEntrustRootCa[] = "73c176434f1bc6d5adf45b0e76e727287c8de57616c1e6e6141a2b2cbc7d8e4c";
  const UnixTime entrust_cutoff = *ParseRfc3339("2025-04-16T00:00:00Z");
  size_t windows = 0, excluded_in_latest = 0;
  for (const auto& s : data->snapshots) {
    if (s.platform != "windows") continue;
    ++windows;
    TrustStore store = SnapshotStore(*data, s);
    std::set<std::string> anchors;
    bool entrust_seen = false;
    for (const auto& a : store.anchors()) {
      if (a.trust.distrusted) continue;
      anchors.insert(a.cert->Sha256Hex());
      if (a.cert->Sha256Hex() != kEntrustRootCa) continue;
      entrust_seen = true;
      if (s.date >= "2025-02-25") {
        ASSERT_TRUE(a.trust.server_distrust_after.has_value()) << s.name;
        EXPECT_EQ(*a.trust.server_distrust_after, entrust_cutoff) << s.name;
      } else {
        EXPECT_FALSE(a.trust.server_distrust_after.has_value()) << s.name;
      }
    }
    EXPECT_TRUE(entrust_seen) << s.name;
    for (const auto& h : non_tls) EXPECT_EQ(anchors.count(h), 0u) << s.name << " " << h;
    // ISRG Root X1 joined Windows in 2020; Amazon Root CA 1 and DigiCert
    // Global Root G2 are in every windows snapshot.
    for (const auto& h : tls) {
      if (h == kIsrgRootX1) continue;
      EXPECT_EQ(anchors.count(h), 1u) << s.name << " " << h;
    }
    if (s.name == "windows:2026-07-19") excluded_in_latest = s.not_server_auth.size();
  }
  EXPECT_EQ(windows, 41u);
  // 71 roots without Server Authentication in the CTL dump plus 58 added
  // after it with no known purpose and no TLS trust at Mozilla or Chrome.
  EXPECT_EQ(excluded_in_latest, 71u + 58u);
  auto latest = SelectSnapshots(*data, "windows:latest");
  ASSERT_TRUE(latest.ok());
  ASSERT_EQ(latest->size(), 1u);
  TrustStore store = SnapshotStore(*data, *latest->front());
  std::set<std::string> anchors;
  for (const auto& a : store.anchors()) anchors.insert(a.cert->Sha256Hex());
  for (const auto& h : tls) EXPECT_EQ(anchors.count(h), 1u) << h;
}

TEST(PlatformData, EveryCertificateIsTheSourcePem) {
  auto data = Data();
  size_t with_cert = 0;
  for (size_t i = 0; i < data->certificates.size(); ++i) {
    if (!data->certificates[i]) continue;
    ++with_cert;
    std::string hex = data->certificates[i]->Sha256Hex();
    auto pem = LoadCertificatesFromFile(kSource + "/certs/" + hex + ".pem");
    ASSERT_TRUE(pem.ok()) << hex;
    EXPECT_EQ((*pem)[0]->sha256(), data->certificates[i]->sha256());
  }
  size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(kSource + "/certs")) files += e.path().extension() == ".pem";
  EXPECT_EQ(with_cert, files);
}

TEST(PlatformData, FirstVersionsWithIsrgRootX1AndAmazonRootCa1) {
  auto data = Data();
  auto src = SourceSnapshots();
  auto catalog = LoadCatalog();
  ASSERT_TRUE(catalog.ok()) << catalog.error().ToString();
  for (const auto& [op_id, sha] : std::vector<std::pair<std::string, std::string>>{
           {"isrg", kIsrgRootX1}, {"amazon-trust-services", kAmazonRootCa1}}) {
    auto op = FindOperator(*catalog, op_id);
    ASSERT_TRUE(op.ok());
    const CatalogRoot* root = nullptr;
    for (const auto& r : (*op)->roots)
      if (r.cert->Sha256Hex() == sha) root = &r;
    ASSERT_NE(root, nullptr) << sha;
    auto programs = RootPrograms(*data, *root->cert);
    std::map<std::string, std::string> first;
    for (const auto& p : programs) first[p.platform] = p.first_version;
    for (const std::string platform : {"android", "apple", "openjdk", "oracle-java"}) {
      std::string expected = FirstVersionWith(src, platform, sha);
      EXPECT_FALSE(expected.empty()) << platform << " " << sha;
      EXPECT_EQ(first[platform], expected) << platform << " " << sha;
    }
  }
  // The values themselves, as the data has them (a regression guard that
  // the computation above is about the right roots).
  auto op = FindOperator(*catalog, "isrg");
  ASSERT_TRUE(op.ok());
  auto programs = RootPrograms(*data, *(*op)->roots[0].cert);
  EXPECT_EQ(programs[0].platform, "android");
  EXPECT_EQ(programs[0].first_version, "7.1");
}

TEST(PlatformStores, OpenBySpec) {
  ASSERT_TRUE(IsPlatformSpec("android:8.1.0_r7"));
  ASSERT_TRUE(IsPlatformSpec("apple:latest"));
  ASSERT_TRUE(IsPlatformSpec("all"));
  ASSERT_FALSE(IsPlatformSpec("/etc/ssl/certs/ca-certificates.crt"));
  ASSERT_FALSE(IsPlatformSpec("system"));

  auto one = OpenPlatformStores("android:8.1.0_r7");
  ASSERT_TRUE(one.ok()) << one.error().ToString();
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ((*one)[0].name(), "android:8.1.0_r7");
  auto src = SourceSnapshots();
  for (const auto& s : src) {
    if (s["platform"] == "android" && s["version"] == "8.1.0_r7") {
      EXPECT_EQ((*one)[0].size(), s["trusted"].size());
    }
  }

  auto android = OpenPlatformStores("android:all");
  ASSERT_TRUE(android.ok());
  size_t n_android = 0;
  for (const auto& s : src) n_android += s["platform"] == "android";
  EXPECT_EQ(android->size(), n_android);

  auto latest = OpenPlatformStores("apple:latest");
  ASSERT_TRUE(latest.ok());
  ASSERT_EQ(latest->size(), 1u);
  std::string last_apple;
  for (const auto& s : src)
    if (s["platform"] == "apple") last_apple = s["version"];
  EXPECT_EQ((*latest)[0].name(), "apple:" + last_apple);

  auto all = OpenPlatformStores("all");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), Data()->snapshots.size());
  EXPECT_EQ(FromSharedData(*Data()).size(), src.size());
  std::set<std::string> names;
  for (const auto& s : *all) names.insert(s.name());
  EXPECT_EQ(names.size(), all->size()) << "store names must be unique";

  for (const char* bad : {"android:99.9", "nosuch:latest", "android:", ""}) {
    auto r = OpenPlatformStores(bad);
    EXPECT_FALSE(r.ok()) << bad;
  }
}

TEST(PlatformStores, BlockedCertificatesAreDistrustedAnchors) {
  auto data = Data();
  const PlatformSnapshot* apple = nullptr;
  for (const auto& s : data->snapshots)
    if (s.platform == "apple" && !s.blocked.empty()) { apple = &s; break; }
  ASSERT_NE(apple, nullptr);
  TrustStore store = SnapshotStore(*data, *apple);
  size_t distrusted = 0;
  for (const auto& a : store.anchors()) distrusted += a.trust.distrusted;
  size_t blocked_with_cert = 0;
  for (uint32_t idx : apple->blocked) blocked_with_cert += data->certificates[idx] != nullptr;
  EXPECT_EQ(distrusted, blocked_with_cert);
  EXPECT_GT(distrusted, 0u);
}

TEST(PlatformBehaviors, AndroidBefore711IgnoresAnchorExpiry) {
  auto data = Data();
  for (const auto& s : data->snapshots) {
    if (s.platform != "android") continue;
    bool old = CompareVersions(s.version, "7.1.1") < 0;
    EXPECT_EQ(s.behavior.enforce_anchor_expiry, !old) << s.name;
    TrustStore store = SnapshotStore(*data, s);
    for (const auto& a : store.anchors()) EXPECT_EQ(a.trust.ignore_anchor_expiry, old) << s.name;
  }
  EXPECT_LT(CompareVersions("7.1", "7.1.1"), 0);
  EXPECT_LT(CompareVersions("7.1.1", "8.1.0_r7"), 0);
  EXPECT_EQ(CompareVersions("13 QPR3", "13"), 0);
  EXPECT_GT(CompareVersions("10", "9.0.0_r9"), 0);
}

TEST(PlatformBehaviors, AiaAndDistrustAfterFromData) {
  auto data = Data();
  for (const auto& s : data->snapshots) {
    if (s.platform == "openjdk" || s.platform == "oracle-java" || s.platform == "android") {
      EXPECT_FALSE(s.behavior.fetch_aia) << s.name;
    }
    if (s.platform == "apple" || s.platform == "windows") {
      EXPECT_TRUE(s.behavior.fetch_aia) << s.name;
    }
  }
  // Entrust Root CA - G2 carries Mozilla's distrust-after date in the
  // late-2024 snapshots and not in earlier ones.
  auto g2 = *ParseRfc3339("2024-11-30T23:59:59Z");
  bool seen_late = false, seen_early = false;
  for (const auto& s : data->snapshots) {
    if (s.platform != "mozilla") continue;
    TrustStore store = SnapshotStore(*data, s);
    for (const auto& a : store.anchors()) {
      if (a.cert->Sha256Hex() != "43df5774b03e7fef5fe40d931a7bedf1bb2e6b42738c4e6d3841103d3aa7f339") continue;
      if (s.date >= "2024-11-01") {
        seen_late = true;
        ASSERT_TRUE(a.trust.server_distrust_after.has_value()) << s.name;
        EXPECT_EQ(*a.trust.server_distrust_after, g2);
      } else {
        seen_early = true;
        EXPECT_FALSE(a.trust.server_distrust_after.has_value()) << s.name;
      }
    }
  }
  EXPECT_TRUE(seen_late);
  EXPECT_TRUE(seen_early);
  ASSERT_FALSE(data->clients.empty());
  bool openssl10 = false;
  for (const auto& c : data->clients) openssl10 |= c.name == "openssl-1.0.x" && c.behavior.first_path_only;
  EXPECT_TRUE(openssl10);
}

// Apple's "Changes to certificate authorities and certificates" (121668):
// certificates issued after 2024-11-15 under the Entrust and AffirmTrust
// roots and two Camerfirma 2008 roots fail on current Apple systems. The
// Apple snapshots from November 2024 on (iOS 18, iOS 26) carry that date on
// those anchors, the earlier ones (iOS 17) do not; a verify of a leaf issued
// after it is DISTRUSTED (trust.distrust_after), one issued before is not.
TEST(PlatformBehaviors, AppleEntrustAndCamerfirmaDistrustAfter2024_11_15) {
  auto data = Data();
  const auto cut = *ParseRfc3339("2024-11-15T23:59:59Z");
  const std::set<std::string> roots = {
      "43df5774b03e7fef5fe40d931a7bedf1bb2e6b42738c4e6d3841103d3aa7f339",   // Entrust Root CA - G2
      "0376ab1d54c5f9803ce4b2e201a0ee7eef7b57b636e8a93c9b8d4860c96f5fa7",   // AffirmTrust Commercial
      "063e4afac491dfd332f3089b8542e94617d893d7fe944e10a7937ee29d9693c0"};  // Chambers of Commerce Root - 2008
  int late = 0, early = 0;
  for (const auto& s : data->snapshots) {
    if (s.platform != "apple") continue;
    TrustStore store = SnapshotStore(*data, s);
    for (const auto& a : store.anchors()) {
      if (!roots.count(a.cert->Sha256Hex())) continue;
      if (s.date >= "2024-11-01") {
        ++late;
        ASSERT_TRUE(a.trust.server_distrust_after.has_value()) << s.name << " " << a.cert->DisplayName();
        EXPECT_EQ(*a.trust.server_distrust_after, cut);
      } else {
        ++early;
        EXPECT_FALSE(a.trust.server_distrust_after.has_value()) << s.name << " " << a.cert->DisplayName();
      }
    }
  }
  EXPECT_EQ(late, 6);  // iOS 18 and iOS 26 hold all three
  EXPECT_GT(early, 0);
}

TEST(PlatformData, CorruptDataIsAnErrorNamingTheFile) {
  auto dir = std::filesystem::temp_directory_path() / ("tr-platforms-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string src = std::string(TR_SOURCE_DIR) + "/data/platforms";
  for (const char* f : {"snapshots.json", "behaviors.json"})
    std::filesystem::copy_file(src + "/" + f, dir / f, std::filesystem::copy_options::overwrite_existing);
  // Truncated certs.der.
  auto der = ReadFile(src + "/certs.der");
  ASSERT_TRUE(der.ok());
  ASSERT_TRUE(WriteFileAtomic((dir / "certs.der").string(), der->substr(0, der->size() - 100)).ok());
  auto r = LoadPlatformData(dir.string());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("certs.der"), std::string::npos) << r.error().message;
  // Bad JSON.
  ASSERT_TRUE(WriteFileAtomic((dir / "certs.der").string(), *der).ok());
  ASSERT_TRUE(WriteFileAtomic((dir / "snapshots.json").string(), "{\"certificates\": [").ok());
  auto r2 = LoadPlatformData(dir.string() + "/");
  ASSERT_FALSE(r2.ok());
  EXPECT_NE(r2.error().message.find("snapshots.json"), std::string::npos) << r2.error().message;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace trustready

namespace trustready {
namespace {

TEST(PlatformStores, SpecListsWithCommasInVersionLabels) {
  auto data = LoadPlatformData();
  ASSERT_TRUE(data.ok());
  // Windows and Apple version labels contain commas; a comma starts a new
  // spec only when what follows names a platform or "all".
  auto sel = SelectSnapshots(**data, "windows:June 26, 2018@2018-06-30,apple:latest,mozilla:2024-09-01,openjdk");
  ASSERT_TRUE(sel.ok()) << sel.error().ToString();
  size_t openjdk = 0;
  for (const auto& s : (*data)->snapshots) openjdk += s.platform == "openjdk";
  ASSERT_EQ(sel->size(), 3 + openjdk);
  EXPECT_EQ((*sel)[0]->name, "windows:June 26, 2018@2018-06-30");
  EXPECT_EQ((*sel)[1]->platform, "apple");
  EXPECT_EQ((*sel)[2]->name, "mozilla:2024-09-01");
  // A repeated label selects every snapshot with it; duplicates collapse.
  auto ios11 = SelectSnapshots(**data, "apple:iOS 11,apple:iOS 11");
  ASSERT_TRUE(ios11.ok());
  EXPECT_EQ(ios11->size(), 2u);
  // Apple's full label with its commas works as a version.
  auto full = SelectSnapshots(**data, "apple:iOS 12, macOS 10.14, watchOS 5, and tvOS 12");
  ASSERT_TRUE(full.ok()) << full.error().ToString();
  ASSERT_EQ(full->size(), 1u);
  EXPECT_EQ((*full)[0]->date, "2018-12-20");
}

}  // namespace
}  // namespace trustready
