// OpenJDK 21, 25 and 26 (GA), rebuilt from jdk-17.0.2 and OpenJDK's cacerts
// changes (data/platforms/imported/openjdk-{21,25,26}-rebuilt.json): the anchor
// sets, computed here independently from the shared source snapshot of
// jdk-17.0.2 and the SHA-256 values OpenJDK's VerifyCACerts.java asserts for
// the aliases each JDK bug added or removed, and the caDistrustPolicies that
// apply to each GA release.
#include <gtest/gtest.h>

#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "trustready/store/platform_stores.h"
#include "trustready/store/store_open.h"
#include "test_paths.h"

namespace trustready {
namespace {

// Aliases and SHA-256 as in VerifyCACerts.java (lowercase, no colons).
const char kGtsRootR1[] = "d947432abde7b7fa90fc2e6b59101b1280e0e1c7e4e40fa3c6887fff57a7f4cf";        // JDK-8307134
const char kMicrosoftRsa2017[] = "c741f70f4b2a8d88bf2e71c14122ef53ef10eba0cfa5e64cfa20f418853073e0";  // JDK-8304760
const char kSecomRootCa1[] = "e75e72ed9f560eec6eb4800073a43fc3ad19195a392282017895974a99026b6c";     // JDK-8295894
const char kIsrgRootX2[] = "69729b8e15a86efc177a57afb7171dfc64add28c2fca8cf1507e34453ccb1470";       // JDK-8317374
const char kSslComTlsRsa2022[] = "8faf7d2e2cb4709bb8e0b33666bf75a5dd45b5de480f8ea8d4bfe6bebc17f2ed";  // JDK-8341057
const char kBaltimore[] = "16af57a9f676b0ab126095aa5ebadef22ab31119d644ac95cd4b93dbf3f26aeb";        // JDK-8303770
const char kChambersSign[] = "136335439334a7698016a0d324de72284e079d7b5220bb8fbd747816eebebaca";    // JDK-8350498
const char kChambersCommerce[] = "0c258a12a5674aef25f28ba7dcfaeceea348e541e6f5cc4ee63b71b361606ac3";  // JDK-8350498
const char kChambersRoot[] = "063e4afac491dfd332f3089b8542e94617d893d7fe944e10a7937ee29d9693c0";     // kept, CAMERFIRMA_TLS
const char kEntrustRootG2[] = "43df5774b03e7fef5fe40d931a7bedf1bb2e6b42738c4e6d3841103d3aa7f339";    // ENTRUST_TLS
const char kChunghwaEpki[] = "c0a6f4dc63a24bfdcf54ef2a6a082a0a72de35803e2ff5ff527ae5d87206dfd5";     // CHUNGHWA_TLS

const PlatformSnapshot& Snap(const PlatformData& data, const std::string& version) {
  for (const auto& s : data.snapshots)
    if (s.platform == "openjdk" && s.version == version) return s;
  ADD_FAILURE() << "no openjdk snapshot " << version;
  static PlatformSnapshot none;
  return none;
}

std::set<std::string> Trusted(const PlatformData& data, const PlatformSnapshot& s) {
  std::set<std::string> out;
  for (uint32_t i : s.trusted) out.insert(data.certificates[i]->Sha256Hex());
  return out;
}

// jdk-17.0.2's trusted SHA-256 from the shared source data (not the shipped
// conversion).
std::set<std::string> Source17() {
  std::ifstream in(std::string(TR_SHARED_DATA) + "/platform-stores/snapshots.json");
  std::stringstream ss;
  ss << in.rdbuf();
  auto j = nlohmann::json::parse(ss.str());
  std::set<std::string> out;
  for (const auto& s : j)
    if (s["platform"] == "openjdk" && s["version"] == "jdk-17.0.2")
      for (const auto& fp : s["trusted"]) out.insert(fp.get<std::string>());
  return out;
}

std::optional<UnixTime> DistrustAfter(const PlatformData& data, const PlatformSnapshot& s, const std::string& fp) {
  for (const auto& [idx, when] : s.distrust_after)
    if (data.certificates[idx] && data.certificates[idx]->Sha256Hex() == fp) return when;
  return std::nullopt;
}

TEST(OpenJdkSnapshots, Jdk21And25AreRebuiltFrom17WithTheJdkChanges) {
  auto data = LoadPlatformData();
  ASSERT_TRUE(data.ok()) << data.error().ToString();
  const auto src17 = Source17();
  ASSERT_EQ(src17.size(), 89u);
  const auto t17 = Trusted(**data, Snap(**data, "jdk-17.0.2"));
  const auto t21 = Trusted(**data, Snap(**data, "jdk-21"));
  const auto t25 = Trusted(**data, Snap(**data, "jdk-25"));
  EXPECT_EQ(t17, src17);
  // COUNT in VerifyCACerts.java: 103 after JDK-8318759 less the 7 added
  // since 21; 112 after JDK-8341057 less 3 removed by JDK-8303770/8350498.
  EXPECT_EQ(t21.size(), 96u);
  EXPECT_EQ(t25.size(), 109u);

  // Added in 21 (absent from 17.0.2), kept in 25.
  for (const char* fp : {kGtsRootR1, kMicrosoftRsa2017}) {
    EXPECT_FALSE(src17.count(fp)) << fp;
    EXPECT_TRUE(t21.count(fp)) << fp;
    EXPECT_TRUE(t25.count(fp)) << fp;
  }
  // Removed by 21.
  EXPECT_TRUE(src17.count(kSecomRootCa1));
  EXPECT_FALSE(t21.count(kSecomRootCa1));
  EXPECT_FALSE(t25.count(kSecomRootCa1));
  // Added after 21 GA, in 25.
  for (const char* fp : {kIsrgRootX2, kSslComTlsRsa2022}) {
    EXPECT_FALSE(t21.count(fp)) << fp;
    EXPECT_TRUE(t25.count(fp)) << fp;
  }
  // Removed before 25 (Baltimore; two of the three Camerfirma roots).
  for (const char* fp : {kBaltimore, kChambersSign, kChambersCommerce}) {
    EXPECT_TRUE(src17.count(fp)) << fp;
    EXPECT_TRUE(t21.count(fp)) << fp;
    EXPECT_FALSE(t25.count(fp)) << fp;
  }
  EXPECT_TRUE(t25.count(kChambersRoot));

  // Everything else is 17.0.2's: 21 = 17.0.2 + 8 - 1; 25 = 21 + 16 - 3.
  std::set<std::string> only21, only17;
  for (const auto& f : t21)
    if (!src17.count(f)) only21.insert(f);
  for (const auto& f : src17)
    if (!t21.count(f)) only17.insert(f);
  EXPECT_EQ(only21.size(), 8u);
  EXPECT_EQ(only17, std::set<std::string>{kSecomRootCa1});
  size_t added25 = 0, removed25 = 0;
  for (const auto& f : t25) added25 += !t21.count(f);
  for (const auto& f : t21) removed25 += !t25.count(f);
  EXPECT_EQ(added25, 16u);
  EXPECT_EQ(removed25, 3u);

  // The blocked list is 17.0.2's (38 entries, 19 of them fingerprint-only).
  EXPECT_EQ(Snap(**data, "jdk-21").blocked, Snap(**data, "jdk-17.0.2").blocked);
  EXPECT_EQ(Snap(**data, "jdk-25").blocked.size(), 38u);
}

TEST(OpenJdkSnapshots, DistrustPoliciesByRelease) {
  auto data = LoadPlatformData();
  ASSERT_TRUE(data.ok()) << data.error().ToString();
  const auto& j21 = Snap(**data, "jdk-21");
  const auto& j25 = Snap(**data, "jdk-25");
  // ENTRUST_TLS from the October 2024 updates (21.0.5, 17.0.13) and 23.0.1:
  // not 21 GA, yes 25.
  EXPECT_FALSE(DistrustAfter(**data, j21, kEntrustRootG2));
  ASSERT_TRUE(DistrustAfter(**data, j25, kEntrustRootG2));
  EXPECT_EQ(*DistrustAfter(**data, j25, kEntrustRootG2), *ParseRfc3339("2024-11-11T23:59:59Z"));
  // CAMERFIRMA_TLS from 21.0.7 and 24.0.1: not 21 GA, yes 25.
  EXPECT_FALSE(DistrustAfter(**data, j21, kChambersRoot));
  ASSERT_TRUE(DistrustAfter(**data, j25, kChambersRoot));
  EXPECT_EQ(*DistrustAfter(**data, j25, kChambersRoot), *ParseRfc3339("2025-04-15T23:59:59Z"));
  // CHUNGHWA_TLS from 25.0.3: not 25 GA.
  EXPECT_FALSE(DistrustAfter(**data, j25, kChunghwaEpki));
  // SYMANTEC_TLS (from 12) applies to both: GeoTrust Global CA.
  const char kGeoTrustGlobal[] = "ff856a2d251dcd88d36656f450126798cfabaade40799c722de4d2b5db36a73a";
  EXPECT_TRUE(DistrustAfter(**data, j21, kGeoTrustGlobal));
  EXPECT_TRUE(DistrustAfter(**data, j25, kGeoTrustGlobal));
  // 26 GA: ENTRUST_TLS, CAMERFIRMA_TLS and SYMANTEC_TLS apply; CHUNGHWA_TLS
  // (JDK 27, backported to 26.0.1) does not.
  const auto& j26 = Snap(**data, "jdk-26");
  EXPECT_TRUE(DistrustAfter(**data, j26, kEntrustRootG2));
  EXPECT_TRUE(DistrustAfter(**data, j26, kChambersRoot));
  EXPECT_TRUE(DistrustAfter(**data, j26, kGeoTrustGlobal));
  EXPECT_FALSE(DistrustAfter(**data, j26, kChunghwaEpki));
}

// 17.0.14 (January 2025): 17.0.2 plus every cacerts change up to JDK-8341057,
// checked by scripts/rebuild_openjdk_snapshots.py against the 112 entries of
// VerifyCACerts.java at openjdk/jdk17u@a948011 (COUNT = 112).
TEST(OpenJdkSnapshots, Jdk17_0_14IsJdk17_0_2WithTheChangesUpToJdk8341057) {
  auto data = LoadPlatformData();
  ASSERT_TRUE(data.ok()) << data.error().ToString();
  const auto& j17 = Snap(**data, "jdk-17.0.14");
  const auto t17 = Trusted(**data, j17);
  const auto t1702 = Trusted(**data, Snap(**data, "jdk-17.0.2"));
  EXPECT_EQ(t17.size(), 112u);
  EXPECT_EQ(j17.date, "2025-01-21");
  for (const char* fp : {kGtsRootR1, kMicrosoftRsa2017, kIsrgRootX2, kSslComTlsRsa2022}) {
    EXPECT_TRUE(t17.count(fp)) << fp;
    EXPECT_FALSE(t1702.count(fp)) << fp;
  }
  // Removed by JDK-8295894 (17.0.9); Baltimore and Camerfirma only in 2025.
  EXPECT_FALSE(t17.count(kSecomRootCa1));
  for (const char* fp : {kBaltimore, kChambersSign, kChambersCommerce}) EXPECT_TRUE(t17.count(fp)) << fp;
  // Same roots as mainline up to JDK-8341057: jdk-25 plus the three 2025 removals.
  auto t25 = Trusted(**data, Snap(**data, "jdk-25"));
  t25.insert({kBaltimore, kChambersSign, kChambersCommerce});
  EXPECT_EQ(t17, t25);
  // Distrust: SYMANTEC_TLS and ENTRUST_TLS (17.0.13) apply, CAMERFIRMA_TLS
  // (17.0.15) and CHUNGHWA_TLS (17.0.19) do not.
  const char kGeoTrustGlobal[] = "ff856a2d251dcd88d36656f450126798cfabaade40799c722de4d2b5db36a73a";
  EXPECT_TRUE(DistrustAfter(**data, j17, kGeoTrustGlobal));
  ASSERT_TRUE(DistrustAfter(**data, j17, kEntrustRootG2));
  EXPECT_EQ(*DistrustAfter(**data, j17, kEntrustRootG2), *ParseRfc3339("2024-11-11T23:59:59Z"));
  EXPECT_FALSE(DistrustAfter(**data, j17, kChambersRoot));
  EXPECT_FALSE(DistrustAfter(**data, j17, kChunghwaEpki));
  // 21.0.2 (January 2024) predates ENTRUST_TLS.
  EXPECT_FALSE(DistrustAfter(**data, Snap(**data, "jdk-21.0.2"), kEntrustRootG2));
}

TEST(OpenJdkSnapshots, Jdk26Is25WithSectigoAddedAndAffirmTrustRemoved) {
  auto data = LoadPlatformData();
  ASSERT_TRUE(data.ok()) << data.error().ToString();
  const auto t25 = Trusted(**data, Snap(**data, "jdk-25"));
  const auto t26 = Trusted(**data, Snap(**data, "jdk-26"));
  // JDK-8359170: Sectigo Public Server Authentication Root R46/E46 and Code
  // Signing Root R46/E46 (SHA-256 of openjdk/jdk's certificate files).
  const std::set<std::string> sectigo = {
      "7bb647a62aeeac88bf257aa522d01ffea395e0ab45c73f93f65654ec38f25a06",
      "c90f26f0fb1b4018b22227519b5ca2b53e2ca5b3be5cf18efe1bef47380c5383",
      "7e76260ae69a55d3f060b0fd18b2a8c01443c87b60791030c9fa0b0585101a38",
      "8f6371d8cc5aa7ca149667a98b5496398951e4319f7afbcc6a660d673e438d0b"};
  // JDK-8361212: the four AffirmTrust roots (SHA-256 as VerifyCACerts.java).
  const std::set<std::string> affirmtrust = {
      "0376ab1d54c5f9803ce4b2e201a0ee7eef7b57b636e8a93c9b8d4860c96f5fa7",
      "0a81ec5a929777f145904af38d5d509f66b5e2c58fcdb531058b0e17f3f0b41b",
      "70a73f7f376b60074248904534b11482d5bf0e698ecc498df52577ebf2e93b9a",
      "bd71fdf6da97e4cf62d1647add2581b07d79adf8397eb4ecba9c5e8488821423"};
  std::set<std::string> want;
  for (const auto& f : t25)
    if (!affirmtrust.count(f)) want.insert(f);
  for (const auto& f : sectigo) want.insert(f);
  EXPECT_EQ(t26, want);
  EXPECT_EQ(t26.size(), 109u);
  for (const auto& f : affirmtrust) EXPECT_TRUE(t25.count(f)) << f;
  for (const auto& f : sectigo) EXPECT_FALSE(t25.count(f)) << f;
  EXPECT_EQ(Snap(**data, "jdk-26").blocked, Snap(**data, "jdk-25").blocked);
}

// 11.0.26 (January 2025): read from the 112 entries of VerifyCACerts.java at
// openjdk/jdk11u@d769de6 (COUNT 112, @bug list ending with JDK-8341057), the
// same entries as 17u's copy at a948011: so the same roots as jdk-17.0.14.
TEST(OpenJdkSnapshots, Jdk11_0_26IsTheJdk11uCopyAndEqualsJdk17_0_14) {
  auto data = LoadPlatformData();
  ASSERT_TRUE(data.ok()) << data.error().ToString();
  const auto& j11 = Snap(**data, "jdk-11.0.26");
  const auto t11 = Trusted(**data, j11);
  EXPECT_EQ(t11.size(), 112u);
  EXPECT_EQ(j11.date, "2025-01-21");
  EXPECT_EQ(t11, Trusted(**data, Snap(**data, "jdk-17.0.14")));
  const auto t1102 = Trusted(**data, Snap(**data, "jdk-11.0.2"));
  for (const char* fp : {kGtsRootR1, kMicrosoftRsa2017, kIsrgRootX2, kSslComTlsRsa2022}) {
    EXPECT_TRUE(t11.count(fp)) << fp;
    EXPECT_FALSE(t1102.count(fp)) << fp;
  }
  for (const char* fp : {kBaltimore, kChambersSign, kChambersCommerce}) EXPECT_TRUE(t11.count(fp)) << fp;
  // Distrust: SYMANTEC_TLS (11.0.2) and ENTRUST_TLS (11.0.25) apply;
  // CAMERFIRMA_TLS (11.0.27) and CHUNGHWA_TLS (11.0.31, inferred) do not.
  const char kGeoTrustGlobal[] = "ff856a2d251dcd88d36656f450126798cfabaade40799c722de4d2b5db36a73a";
  EXPECT_TRUE(DistrustAfter(**data, j11, kGeoTrustGlobal));
  ASSERT_TRUE(DistrustAfter(**data, j11, kEntrustRootG2));
  EXPECT_EQ(*DistrustAfter(**data, j11, kEntrustRootG2), *ParseRfc3339("2024-11-11T23:59:59Z"));
  EXPECT_FALSE(DistrustAfter(**data, j11, kChambersRoot));
  EXPECT_FALSE(DistrustAfter(**data, j11, kChunghwaEpki));
  EXPECT_EQ(j11.blocked, Snap(**data, "jdk-17.0.2").blocked);
}

// An update without a snapshot ("java:11.0.5", "java:9.0.4") is an error
// naming the snapshots of its line and the line itself, or saying there
// are none.
TEST(OpenJdkSnapshots, JavaVersionsWithoutSnapshotSayWhatExists) {
  auto j11 = OpenPlatformStores("java:11.0.5");
  ASSERT_FALSE(j11.ok());
  EXPECT_NE(j11.error().message.find("its 11 line has openjdk:jdk-11.0.1, openjdk:jdk-11.0.2, openjdk:jdk-11.0.26, "
                                     "openjdk:jdk-11u (the line as its newest updates run)"),
            std::string::npos)
      << j11.error().message;
  auto j9 = OpenPlatformStores("java:9.0.4");
  ASSERT_FALSE(j9.ok());
  EXPECT_NE(j9.error().message.find("no snapshot of its 9 line"), std::string::npos) << j9.error().message;
  auto pasted = OpenPlatformStores("openjdk:jdk-11.0.26");
  ASSERT_TRUE(pasted.ok());
  EXPECT_EQ((*pasted)[0].name(), "openjdk:jdk-11.0.26");
}

TEST(OpenJdkSnapshots, JavaSpecsNameThem) {
  // A release with its update number names that release; "openjdk:jdk-21"
  // is 21 GA.
  for (const char* spec : {"java:21.0.2", "java:17.0.14", "openjdk:jdk-21", "openjdk:jdk-25"}) {
    auto stores = OpenPlatformStores(spec);
    ASSERT_TRUE(stores.ok()) << spec << ": " << stores.error().ToString();
    ASSERT_EQ(stores->size(), 1u);
    const std::string s = spec;
    EXPECT_EQ((*stores)[0].name(), s.rfind("java:", 0) == 0 ? "openjdk:jdk-" + s.substr(5) : s);
  }
  // A bare feature release names its update line, as its user runs it
  // today, and "openjdk:jdk-21u" (the name printed) names the same.
  for (const char* feature : {"8", "11", "17", "21", "25", "26"}) {
    for (const std::string& spec : {std::string("java:") + feature, std::string("openjdk:jdk-") + feature + "u"}) {
      auto stores = OpenPlatformStores(spec);
      ASSERT_TRUE(stores.ok()) << spec << ": " << stores.error().ToString();
      ASSERT_EQ(stores->size(), 1u);
      EXPECT_EQ((*stores)[0].name(), std::string("openjdk:jdk-") + feature + "u") << spec;
    }
  }
  for (const char* spec : {"java:latest", "openjdk:latest"}) {
    auto latest = OpenPlatformStores(spec);
    ASSERT_TRUE(latest.ok());
    EXPECT_EQ((*latest)[0].name(), "openjdk:jdk-26u") << spec;
  }
  // No 9 line in the data: an error naming the spec.
  auto none = OpenPlatformStores("java:9");
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.error().ToString().find("java:9"), std::string::npos) << none.error().ToString();
  // java:all lists releases, not the lines built from them.
  auto all = OpenPlatformStores("java:all");
  ASSERT_TRUE(all.ok());
  for (const auto& s : *all) EXPECT_NE(s.name().back(), 'u') << s.name();
}

const PlatformSnapshot& Line(const PlatformData& data, int feature) {
  for (const auto& s : data.lines)
    if (s.version == "jdk-" + std::to_string(feature) + "u") return s;
  ADD_FAILURE() << "no openjdk line " << feature;
  static PlatformSnapshot none;
  return none;
}

// "java:21" is the 21 update line: the roots of the newest 21 release the
// data models (21.0.2) with every distrust policy the newest 21 updates
// enforce (Entrust from 21.0.5, Camerfirma from 21.0.7, Chunghwa from
// 21.0.11), where 21 GA has none of them. Installed JDKs are the oracle for
// the policies of a current update: Debian's 17.0.15 names SYMANTEC_TLS,
// ENTRUST_TLS, CAMERFIRMA_TLS and Temurin 25.0.3 those and CHUNGHWA_TLS in
// their java.security (tests/client/java_distrust_policies.sh).
TEST(OpenJdkSnapshots, UpdateLinesCarryTheNewestUpdatesPolicies) {
  auto data = LoadPlatformData();
  ASSERT_TRUE(data.ok()) << data.error().ToString();
  struct Want {
    int feature;
    const char* base;
  };
  for (const Want w : {Want{8, "jdk-8u-dev-35aec74"}, Want{11, "jdk-11.0.26"}, Want{17, "jdk-17.0.14"}, Want{21, "jdk-21.0.2"}, Want{25, "jdk-25"},
                       Want{26, "jdk-26"}}) {
    SCOPED_TRACE(w.feature);
    const auto& line = Line(**data, w.feature);
    const auto& base = Snap(**data, w.base);
    EXPECT_EQ(Trusted(**data, line), Trusted(**data, base));
    EXPECT_EQ(line.blocked, base.blocked);
    EXPECT_EQ(line.date, base.date);
    EXPECT_NE(line.source.find(base.name), std::string::npos) << line.source;
    EXPECT_EQ(*DistrustAfter(**data, line, kEntrustRootG2), *ParseRfc3339("2024-11-11T23:59:59Z"));
    EXPECT_EQ(*DistrustAfter(**data, line, kChambersRoot), *ParseRfc3339("2025-04-15T23:59:59Z"));
    EXPECT_EQ(*DistrustAfter(**data, line, kChunghwaEpki), *ParseRfc3339("2026-03-17T23:59:59Z"));
    for (const char* p : {"SYMANTEC_TLS", "ENTRUST_TLS", "CAMERFIRMA_TLS", "CHUNGHWA_TLS"})
      EXPECT_NE(line.source.find(p), std::string::npos) << line.source;
  }
  // The releases themselves keep their own policies.
  EXPECT_FALSE(DistrustAfter(**data, Snap(**data, "jdk-21"), kEntrustRootG2));
  EXPECT_FALSE(DistrustAfter(**data, Snap(**data, "jdk-26"), kChunghwaEpki));
  // Lines whose updates ended get no later train's policy: 13 (last update
  // 13.0.2 in the data, 2020) has SYMANTEC_TLS only.
  const auto& l13 = Line(**data, 13);
  EXPECT_FALSE(DistrustAfter(**data, l13, kEntrustRootG2));
  EXPECT_FALSE(DistrustAfter(**data, l13, kChunghwaEpki));
}

// A line keeps roots its later updates removed (the data has no release
// after the base). That is safe only while every such root can no longer
// make a READY: expired (its issuing CAs expired with it), or under one of
// the line's distrust policies for long enough that every certificate
// issued before the cut-off has expired too (398 days, the longest TLS
// certificate lifetime since 2020). Roots removed later are those missing
// from the newest OpenJDK release modelled. A non-LTS line whose base is
// its second update (12.0.2 ... 16.0.2) got no later update (OpenJDK's
// cadence: two updates, then the next feature release), so its line is
// exactly that release and keeps its roots, as its users' JDKs do. If a
// future data change adds a line whose stale roots break this, this test
// fails.
TEST(OpenJdkSnapshots, UpdateLinesHoldNoRemovedRootThatCouldStillAnswerReady) {
  auto data = LoadPlatformData();
  ASSERT_TRUE(data.ok()) << data.error().ToString();
  const auto newest = Trusted(**data, Line(**data, 26));
  const UnixTime now = static_cast<UnixTime>(std::time(nullptr));
  const UnixTime kLongestLeaf = 398LL * 86400;
  const std::set<std::string> lts = {"jdk-8u", "jdk-11u", "jdk-17u", "jdk-21u", "jdk-25u"};
  int checked = 0;
  for (const auto& line : (*data)->lines) {
    SCOPED_TRACE(line.name);
    const PlatformSnapshot* base = nullptr;
    for (const auto& s : (*data)->snapshots)
      if (s.platform == "openjdk" && line.source.find("roots of " + s.name + " ") != std::string::npos) base = &s;
    ASSERT_NE(base, nullptr) << line.source;
    const bool final_update = !lts.count(line.version) && base->version.size() > 8 &&
                              base->version.compare(base->version.size() - 4, 4, ".0.2") == 0;
    if (final_update) continue;
    ++checked;
    for (uint32_t i : line.trusted) {
      const auto& cert = (*data)->certificates[i];
      if (newest.count(cert->Sha256Hex())) continue;
      if ((*cert)->not_after < now) continue;
      auto cut = DistrustAfter(**data, line, cert->Sha256Hex());
      EXPECT_TRUE(cut && *cut + kLongestLeaf < now)
          << cert->DisplayName() << " (" << cert->Sha256Hex() << ") is in " << line.name
          << ", removed by the newest release, unexpired and not distrusted long enough ago";
    }
  }
  EXPECT_GE(checked, 6);  // 8, 11, 17, 21, 25 and 26 (12 ... 16 are final; 18-20, 22-24 are not in the data)
}

}  // namespace
}  // namespace trustready
