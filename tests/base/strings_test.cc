// base/strings: the shared ASCII helpers and the edit distance behind the
// CLI's "did you mean".
#include <gtest/gtest.h>

#include "trustready/base/strings.h"

namespace trustready {
namespace {

TEST(Strings, AsciiOnlyHelpers) {
  EXPECT_EQ(AsciiLower("Amazon ROOT CA 1"), "amazon root ca 1");
  EXPECT_EQ(AsciiLower("\xc4\xb0"), "\xc4\xb0");  // not ASCII: unchanged
  EXPECT_TRUE(StartsWith("android:7.0", "android:"));
  EXPECT_FALSE(StartsWith("and", "android"));
  EXPECT_TRUE(EndsWith("cacerts.jks", ".jks"));
  EXPECT_EQ(FileStem("Amazon Root CA 1", "x"), "Amazon_Root_CA_1");
  EXPECT_EQ(FileStem("...", "fallback"), "fallback");
}

TEST(Strings, EditDistanceCountsTranspositionsAsOne) {
  EXPECT_EQ(EditDistance("store", "store"), 0u);
  EXPECT_EQ(EditDistance("stroe", "store"), 1u);  // a transposition
  EXPECT_EQ(EditDistance("chek", "check"), 1u);
  EXPECT_EQ(EditDistance("", "plan"), 4u);
  EXPECT_EQ(EditDistance("fleet", "verify"), 6u);
}

TEST(Strings, NearestWordPrefersAPrefixThenTheFewestEdits) {
  const std::vector<std::string> words = {"catalog", "cert", "check", "clients", "store", "verify"};
  EXPECT_EQ(NearestWord("chek", words), "check");
  EXPECT_EQ(NearestWord("stroe", words), "store");
  EXPECT_EQ(NearestWord("cl", words), "clients");     // a prefix, before any distance
  EXPECT_EQ(NearestWord("ce", words), "cert");        // the first word it begins
  EXPECT_EQ(NearestWord("c", words), "");             // one letter: no prefix rule, and cert is 3 edits away
  EXPECT_EQ(NearestWord("zzzzzz", words), "");
  EXPECT_EQ(NearestWord("verfy", {}), "");
}

}  // namespace
}  // namespace trustready
