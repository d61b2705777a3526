// `trustready --version` (VersionToText): three lines, the data folder with
// its newest snapshot date or "no platform snapshots found" (the real
// OpenSSL version is compared with `openssl version` in tests/ship/cli_help.sh).
#include <gtest/gtest.h>

#include "trustready/report/data_report.h"

namespace trustready {
namespace {

TEST(VersionText, ThreeLines) {
  const std::string v = VersionToText("/usr/share/trustready/data", "2026-06-14");
  EXPECT_EQ(v.rfind(std::string("trustready ") + TRUSTREADY_VERSION + "\ndata: /usr/share/trustready/data "
                        "(platform snapshots up to 2026-06-14)\nOpenSSL: OpenSSL ",
                    0),
            0u)
      << v;
  EXPECT_NE(v.find(" (built with OpenSSL "), std::string::npos) << v;
  EXPECT_NE(v.back(), '\n');
  EXPECT_NE(VersionToText("/d", "").find("\ndata: /d (no platform snapshots found)\n"), std::string::npos);
}

}  // namespace
}  // namespace trustready
