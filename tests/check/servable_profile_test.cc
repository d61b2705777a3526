// `serve --profile`: only the demo PKI can be served; a migration profile
// is refused with the reason (no keys), anything else as unknown.
#include <gtest/gtest.h>

#include "trustready/check/profile.h"

namespace trustready {
namespace {

TEST(ServableProfile, OnlyTheDemo) {
  EXPECT_TRUE(CheckServableProfile("demo").ok());
  Status migration = CheckServableProfile("amazon-trust-services");
  ASSERT_FALSE(migration.ok());
  const std::string m = migration.error().ToString();
  EXPECT_EQ(m.rfind("--profile amazon-trust-services: a migration profile (", 0), 0u) << m;
  EXPECT_NE(m.find("holds the CA's certificates but not its keys"), std::string::npos) << m;
  EXPECT_EQ(CheckServableProfile("nosuch").error().ToString(),
            "--profile nosuch: unknown; serve knows the built-in 'demo' profile (use --config FILE to serve your own "
            "certificates)");
}

}  // namespace
}  // namespace trustready
