// `fleet whatif`'s question (WhatifQuestion -> WhatifOptions): one question
// at a time, files and the profile read, each error naming its option (the
// CLI prints them as they are).
#include <gtest/gtest.h>

#include "test_paths.h"
#include "trustready/fleet/whatif.h"

namespace trustready::fleet {
namespace {

const std::string kRoot = std::string(TR_SHARED_DATA) + "/amazon-trust-services/AmazonRootCA1.cer";

std::string ErrorOf(const WhatifQuestion& q) {
  auto o = WhatifOptionsFor(q);
  return o.ok() ? "" : o.error().ToString();
}

TEST(WhatifQuestion, OneQuestionAtATime) {
  WhatifQuestion q;
  EXPECT_EQ(ErrorOf(q), "fleet whatif: ask one question: --new-chain X.pem, --profile P, or --at DATE");
  q.new_chain = kRoot;
  q.profile = "amazon-trust-services";
  EXPECT_EQ(ErrorOf(q), "fleet whatif: give --new-chain or --profile, not both");
  q = {};
  q.at = "2030-01-01T00:00:00Z";
  q.candidates = {kRoot};
  EXPECT_EQ(ErrorOf(q), "fleet whatif: --candidates goes with --new-chain");
}

TEST(WhatifQuestion, ErrorsNameTheOption) {
  WhatifQuestion q;
  q.at = "bad";
  EXPECT_EQ(ErrorOf(q), "--at bad: invalid time 'bad' (want RFC 3339, e.g. 2025-03-01T00:00:00Z)");
  q = {};
  q.new_chain = "/nonexistent/chain.pem";
  EXPECT_EQ(ErrorOf(q).rfind("--new-chain /nonexistent/chain.pem: ", 0), 0u) << ErrorOf(q);
  q.candidates = {"/nonexistent/more.pem"};
  q.new_chain = kRoot;
  EXPECT_EQ(ErrorOf(q).rfind("--candidates /nonexistent/more.pem: ", 0), 0u) << ErrorOf(q);
  q = {};
  q.profile = "no-such-profile";
  EXPECT_EQ(ErrorOf(q).rfind("--profile no-such-profile: ", 0), 0u) << ErrorOf(q);
}

TEST(WhatifQuestion, EachQuestionBecomesItsMode) {
  WhatifQuestion q;
  q.db_path = "fleet.db";
  q.new_chain = kRoot;
  q.candidates = {kRoot};
  q.platforms = "android:all";
  auto o = WhatifOptionsFor(q);
  ASSERT_TRUE(o.ok()) << o.error().ToString();
  EXPECT_EQ(o->mode, WhatifMode::kNewChain);
  EXPECT_EQ(o->new_chain.size(), 1u);
  EXPECT_EQ(o->candidates.size(), 1u);
  EXPECT_EQ(o->db_path, "fleet.db");
  EXPECT_EQ(o->scan, "latest");
  EXPECT_EQ(o->platforms, "android:all");
  EXPECT_EQ(o->at, 0);

  q = {};
  q.profile = "amazon-trust-services";
  o = WhatifOptionsFor(q);
  ASSERT_TRUE(o.ok()) << o.error().ToString();
  EXPECT_EQ(o->mode, WhatifMode::kProfile);
  ASSERT_TRUE(o->profile.has_value());

  q = {};
  q.at = "2030-01-01T00:00:00Z";
  o = WhatifOptionsFor(q);
  ASSERT_TRUE(o.ok()) << o.error().ToString();
  EXPECT_EQ(o->mode, WhatifMode::kAt);
  EXPECT_EQ(o->at, *ParseRfc3339("2030-01-01T00:00:00Z"));
}

}  // namespace
}  // namespace trustready::fleet
