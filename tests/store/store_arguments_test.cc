// `check --store S --password P ...`: the order the arguments were given in
// decides whose password a --password is (AddStoreArgument).
#include <gtest/gtest.h>

#include "trustready/store/store_select.h"

namespace trustready {
namespace {

TEST(StoreArguments, APasswordBelongsToTheStoreBeforeIt) {
  StoreSelectRequest r;
  AddStoreArgument(r, true, "everyone");       // before any store: every store's
  AddStoreArgument(r, false, "a.jks");
  AddStoreArgument(r, true, "pa");             // a.jks's
  AddStoreArgument(r, false, "b.p12#password=pb");
  AddStoreArgument(r, true, "late");           // b.p12 has one: every store's again
  AddStoreArgument(r, false, "c.pem");
  ASSERT_EQ(r.specs.size(), 3u);
  EXPECT_EQ(r.specs[0].spec, "a.jks");
  EXPECT_EQ(r.specs[0].password, "pa");
  EXPECT_EQ(r.specs[1].spec, "b.p12");
  EXPECT_EQ(r.specs[1].password, "pb");
  EXPECT_EQ(r.specs[2].spec, "c.pem");
  EXPECT_FALSE(r.specs[2].password.has_value());
  EXPECT_EQ(r.password, "late");
}

TEST(StoreArguments, AnEmptyPasswordIsAPassword) {
  StoreSelectRequest r;
  AddStoreArgument(r, false, "a.p12");
  AddStoreArgument(r, true, "");
  ASSERT_EQ(r.specs.size(), 1u);
  EXPECT_EQ(r.specs[0].password, "");
  EXPECT_FALSE(r.password.has_value());
}

}  // namespace
}  // namespace trustready
