// The purposes by name: `verify --purpose` parses what `verify --json`
// prints as "purpose" (report's VerifyPurposeName), and nothing else.
#include <gtest/gtest.h>

#include "trustready/report/verify_report.h"
#include "trustready/verify/verify.h"

namespace trustready {
namespace {

TEST(VerifyPurpose, ParsesItsOwnNames) {
  for (VerifyPurpose p : {VerifyPurpose::kServerAuth, VerifyPurpose::kClientAuth, VerifyPurpose::kAny}) {
    auto parsed = ParseVerifyPurpose(VerifyPurposeName(p));
    ASSERT_TRUE(parsed.has_value()) << VerifyPurposeName(p);
    EXPECT_EQ(*parsed, p);
  }
  for (const char* bad : {"", "Server", "server-auth", "bogus", "any "}) EXPECT_FALSE(ParseVerifyPurpose(bad)) << bad;
}

}  // namespace
}  // namespace trustready
