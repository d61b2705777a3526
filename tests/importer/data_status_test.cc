// data status: dates and ages of the shipped data, computed from the data
// itself (newest snapshot per platform), and the data date of a selection.
#include <gtest/gtest.h>

#include "trustready/importer/data_status.h"
#include "trustready/x509/time.h"
#include "test_paths.h"

namespace trustready {
namespace {

const std::string kData = std::string(TR_SOURCE_DIR) + "/data";

TEST(DataStatus, AgeDays) {
  auto t = ParseRfc3339("2026-12-06T12:00:00Z");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(AgeDays("2026-12-06", *t), 0);
  EXPECT_EQ(AgeDays("2026-08-08", *t), 120);
  EXPECT_EQ(AgeDays("2026-08-07", *t), 121);
  EXPECT_EQ(AgeDays("2026-12-08", *t), -2);
  EXPECT_FALSE(AgeDays("", *t).has_value());
  EXPECT_FALSE(AgeDays("July 2019", *t).has_value());
}

TEST(DataStatus, EveryPlatformWithItsNewestSnapshot) {
  auto now = ParseRfc3339("2026-12-06T00:00:00Z");
  ASSERT_TRUE(now.ok());
  auto st = LoadDataStatus(kData, *now);
  ASSERT_TRUE(st.ok()) << st.error().ToString();
  auto data = LoadPlatformData(kData + "/platforms");
  ASSERT_TRUE(data.ok());
  size_t platforms = 0;
  for (const auto& s : st->sources) {
    if (s.kind != "platform") continue;
    ++platforms;
    const std::string p = s.id.substr(std::string("platforms/").size());
    std::string newest;
    size_t n = 0;
    for (const auto& snap : (*data)->snapshots)
      if (snap.platform == p) {
        ++n;
        newest = std::max(newest, snap.date);
      }
    EXPECT_EQ(s.date, newest) << s.id;
    EXPECT_EQ(s.snapshots, n) << s.id;
    EXPECT_FALSE(s.source.empty()) << s.id;
    EXPECT_FALSE(s.licence.empty()) << s.id << " has no licence in data/sources.json";
    ASSERT_TRUE(s.age_days.has_value());
    EXPECT_EQ(*s.age_days, *AgeDays(newest, *now));
  }
  EXPECT_EQ(platforms, (*data)->Platforms().size());
  EXPECT_EQ(st->now, "2026-12-06");
}

TEST(DataStatus, DataDateOfSelectionIsOldestInvolvedPlatform) {
  auto data = LoadPlatformData(kData + "/platforms");
  ASSERT_TRUE(data.ok());
  auto sel = SelectSnapshots(**data, "android:8.1.0_r7");
  ASSERT_TRUE(sel.ok());
  // A historical Android version is answered from the Android data set,
  // whose date is that of its newest snapshot.
  auto latest = SelectSnapshots(**data, "android:latest");
  ASSERT_TRUE(latest.ok());
  auto d = DataDateOf(**data, *sel);
  EXPECT_EQ(d.platform, "android");
  EXPECT_EQ(d.date, (*latest)[0]->date);
  auto both = SelectSnapshots(**data, "android:latest,oracle-java:latest");
  ASSERT_TRUE(both.ok());
  auto oj = SelectSnapshots(**data, "oracle-java:latest");
  ASSERT_TRUE(oj.ok());
  d = DataDateOf(**data, *both);
  EXPECT_EQ(d.platform, "oracle-java");
  EXPECT_EQ(d.date, (*oj)[0]->date);
  EXPECT_TRUE(DataDateOf(**data, {}).date.empty());
}

// What `check` and `verify` note on stderr for platform snapshot stores:
// the date of the data set behind the named snapshots, other names ignored.
TEST(DataStatus, DataDateOfStoresNamesOnlySnapshots) {
  EXPECT_TRUE(DataDateOfStores({}).date.empty());
  EXPECT_TRUE(DataDateOfStores({"/etc/ssl/certs/ca-certificates.crt", "no-such:1"}).platform.empty());
  auto data = LoadPlatformData();
  ASSERT_TRUE(data.ok());
  auto sel = SelectSnapshots(**data, "android:8.1.0_r7");
  ASSERT_TRUE(sel.ok());
  const DataDate want = DataDateOf(**data, *sel);
  const DataDate got = DataDateOfStores({"/etc/ssl/certs", "android:8.1.0_r7"});
  EXPECT_EQ(got.platform, "android");
  EXPECT_EQ(got.date, want.date);
  EXPECT_EQ(got.source, want.source);
}

TEST(DataStatus, NewestSnapshotDateWithoutAParse) {
  auto st = LoadDataStatus(std::string(TR_SOURCE_DIR) + "/data");
  ASSERT_TRUE(st.ok()) << st.error().ToString();
  std::string newest;
  for (const auto& s : st->sources)
    if (s.kind == "platform" && s.date > newest) newest = s.date;
  EXPECT_EQ(NewestPlatformSnapshotDate(std::string(TR_SOURCE_DIR) + "/data"), newest);
  EXPECT_EQ(NewestPlatformSnapshotDate("/nonexistent"), "");
}

TEST(DataStatus, BrokenSourcesFileIsAnError) {
  auto st = LoadDataStatus(std::string(TR_TEST_DATA) + "/importer/bad-sources");
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().ToString().find("sources.json"), std::string::npos) << st.error().ToString();
}

}  // namespace
}  // namespace trustready
