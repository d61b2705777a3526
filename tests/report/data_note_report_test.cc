// report/data_report: the data-age note commands print on stderr when an
// answer comes from shipped data, and the line `data import` ends with.
#include <gtest/gtest.h>

#include "trustready/report/data_report.h"
#include "trustready/x509/time.h"

namespace trustready {
namespace {

TEST(DataReport, AgeNoteWarnsOnlyPastTheLimit) {
  auto now = ParseRfc3339("2026-12-06T12:00:00Z");
  ASSERT_TRUE(now.ok());
  EXPECT_EQ(DataAgeNoteToText("android root store data", {"2026-08-08", "android", "AOSP"}, 120, *now),
            "data: android root store data as of 2026-08-08 (AOSP)\n");
  EXPECT_EQ(DataAgeNoteToText("x", {"2026-08-07", "", ""}, 120, *now),
            "data: x as of 2026-08-07\n"
            "warning: x is 121 days old (more than 120); roots added, removed or distrusted since 2026-08-07 are "
            "not known (see `trustready data status`)\n");
  EXPECT_EQ(DataAgeNoteToText("x", {"2026-08-07", "", ""}, 121, *now), "data: x as of 2026-08-07\n");
  EXPECT_EQ(DataAgeNoteToText("x", {}, 120, *now), "warning: the date of x is unknown; answers may be out of date\n");
}

TEST(DataReport, ImportedSnapshotLine) {
  ImportedSnapshot s;
  s.platform = "mozilla";
  s.version = "2026-11";
  s.trusted.resize(3);
  s.blocked.resize(1);
  EXPECT_EQ(ImportedSnapshotToText(s, 0), "mozilla:2026-11: 3 trusted, 1 blocked, 0 with constraints or dates\n");
  EXPECT_EQ(ImportedSnapshotToText(s, 2),
            "mozilla:2026-11: 3 trusted, 1 blocked, 0 with constraints or dates; 2 not in data/platforms/certs.der "
            "(add their certificates before shipping)\n");
}

}  // namespace
}  // namespace trustready
