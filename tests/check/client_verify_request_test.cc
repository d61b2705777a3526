// `clients list` and `clients verify` as one library call each
// (ResolveClientQuery, PredictClientsFor): their arguments checked in the
// order the CLI has always checked them, each error naming its option (the
// CLI prints them as they are); nothing is probed before they all pass.
#include <gtest/gtest.h>

#include "trustready/check/client_predict.h"

namespace trustready {
namespace {

std::string ErrorOf(const ClientVerifyRequest& r) {
  auto p = PredictClientsFor(r);
  return p.ok() ? "" : p.error().ToString();
}

TEST(ClientVerifyRequest, ChecksInTheCliOrder) {
  ClientVerifyRequest r;
  r.target = "https://127.0.0.1:1";
  r.timeout_seconds = 0;
  r.query.env_file = "/nonexistent/env";
  r.at = "bad";
  EXPECT_EQ(ErrorOf(r), "clients verify: give --client NAME (see `trustready clients list`)");
  r.query.client = "no-such-client";
  EXPECT_EQ(ErrorOf(r), "--timeout: must be between 0 and 600 seconds");
  r.timeout_seconds = 601;
  EXPECT_EQ(ErrorOf(r), "--timeout: must be between 0 and 600 seconds");
  r.timeout_seconds = 5;
  EXPECT_EQ(ErrorOf(r).rfind("--env /nonexistent/env: ", 0), 0u) << ErrorOf(r);
  r.query.env_file.clear();
  EXPECT_EQ(ErrorOf(r).rfind("--client no-such-client: ", 0), 0u) << ErrorOf(r);
  r.query.client = "curl";
  EXPECT_EQ(ErrorOf(r), "--at: invalid time 'bad' (want RFC 3339, e.g. 2025-03-01T00:00:00Z)");
}

TEST(ClientQuery, ResolvesOrNamesTheOption) {
  auto r = ResolveClientQuery({.client = "curl"});
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  auto bad = ResolveClientQuery({.env_file = "/nonexistent/env"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().ToString().rfind("--env /nonexistent/env: ", 0), 0u) << bad.error().ToString();
  bad = ResolveClientQuery({.client = "no-such-client"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().ToString().rfind("--client no-such-client: ", 0), 0u) << bad.error().ToString();
}

}  // namespace
}  // namespace trustready
