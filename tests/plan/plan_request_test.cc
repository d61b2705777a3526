// `plan` as one library call from its files (PlanFiles): inputs read in the
// order the CLI has always read them, each error naming its input (the CLI
// prints them as they are).
#include <gtest/gtest.h>

#include "test_paths.h"
#include "trustready/plan/plan.h"

namespace trustready {
namespace {

const std::string kAmazon = std::string(TR_SHARED_DATA) + "/amazon-trust-services/";

std::string ErrorOf(const PlanRequest& r) {
  auto p = PlanFiles(r);
  return p.ok() ? "" : p.error().ToString();
}

TEST(PlanRequest, ErrorsNameTheInputInOrder) {
  PlanRequest r;
  r.old_chain = "/nonexistent/old.pem";
  r.new_chain = "/nonexistent/new.pem";
  r.candidates = {"/nonexistent/more.pem"};
  r.at = "never";
  EXPECT_EQ(ErrorOf(r).rfind("/nonexistent/old.pem: ", 0), 0u) << ErrorOf(r);
  r.old_chain = kAmazon + "valid.rootca1.demo.amazontrust.com.cer";
  EXPECT_EQ(ErrorOf(r).rfind("/nonexistent/new.pem: ", 0), 0u) << ErrorOf(r);
  r.new_chain = r.old_chain;
  EXPECT_EQ(ErrorOf(r).rfind("/nonexistent/more.pem: ", 0), 0u) << ErrorOf(r);
  r.candidates = {kAmazon + "r2m03.cer", kAmazon + "AmazonRootCA1.cer"};
  EXPECT_EQ(ErrorOf(r), "--at never: invalid time 'never' (want RFC 3339, e.g. 2025-03-01T00:00:00Z)");
  r.platforms = "nosuch:1";
  r.at = "2025-01-01T00:00:00Z";
  EXPECT_EQ(ErrorOf(r).rfind("plan: ", 0), 0u) << ErrorOf(r);
}

TEST(PlanRequest, SameChainBreaksNothing) {
  PlanRequest r;
  r.old_chain = kAmazon + "valid.rootca1.demo.amazontrust.com.cer";
  r.new_chain = r.old_chain;
  r.candidates = {kAmazon + "r2m03.cer"};
  r.at = "2025-01-01T00:00:00Z";
  auto p = PlanFiles(r);
  ASSERT_TRUE(p.ok()) << p.error().ToString();
  EXPECT_TRUE(p->breaking.empty());
}

}  // namespace
}  // namespace trustready
