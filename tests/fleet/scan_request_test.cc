// `fleet scan`'s request (ScanRequest -> Scan): the arguments checked in the
// order the CLI has always checked them, each error naming its option (the
// CLI prints them as they are); nothing is probed before they all pass.
#include <gtest/gtest.h>

#include <fstream>

#include "test_paths.h"
#include "trustready/fleet/scan_request.h"

namespace trustready::fleet {
namespace {

const std::string kRoot = std::string(TR_SHARED_DATA) + "/amazon-trust-services/AmazonRootCA1.cer";

std::string ErrorOf(const ScanRequest& r) {
  auto run = Scan(r);
  return run.ok() ? "" : run.error().ToString();
}

TEST(ScanRequest, InputErrorsNameTheOption) {
  TargetInput in;
  in.format = "yaml";
  auto o = ScanOptionsFor(in);
  ASSERT_FALSE(o.ok());
  EXPECT_EQ(o.error().ToString(), "--format: unknown format 'yaml' (auto, list, csv, jsonl, nmap-grep)");
  in.format = "csv";
  in.shard = "5/2";
  o = ScanOptionsFor(in);
  ASSERT_FALSE(o.ok());
  EXPECT_EQ(o.error().ToString(), "--shard: shard 5 of 2 is out of range (K is 0-based, K < N)");
  in.shard = "1/4";
  in.targets = "t.csv";
  in.resolve = {"a:443:127.0.0.1"};
  o = ScanOptionsFor(in);
  ASSERT_TRUE(o.ok()) << o.error().ToString();
  EXPECT_EQ(o->targets_path, "t.csv");
  EXPECT_EQ(o->format, TargetFormat::kCsv);
  EXPECT_EQ(o->shard.index, 1);
  EXPECT_EQ(o->shard.count, 4);
  EXPECT_EQ(o->defaults.resolve, in.resolve);
}

TEST(ScanRequest, ChecksInTheCliOrder) {
  ScanRequest r;
  r.input.targets = "/nonexistent/targets.txt";
  r.input.format = "yaml";
  r.profile = "no-such-profile";
  r.stores = {"/nonexistent/store.pem"};
  r.probe.concurrency = -5;
  r.at = "bad";
  EXPECT_EQ(ErrorOf(r), "--format: unknown format 'yaml' (auto, list, csv, jsonl, nmap-grep)");
  r.input.format = "auto";
  EXPECT_EQ(ErrorOf(r).rfind("--profile no-such-profile: no profile named 'no-such-profile'", 0), 0u) << ErrorOf(r);
  r.profile = "amazon-trust-services";
  EXPECT_NE(ErrorOf(r).find("/nonexistent/store.pem"), std::string::npos) << ErrorOf(r);
  r.stores = {kRoot};
  EXPECT_EQ(ErrorOf(r), "--concurrency: between 1 and 100000");
  r.probe.concurrency = 10;
  EXPECT_EQ(ErrorOf(r), "--at: invalid time 'bad' (want RFC 3339, e.g. 2025-03-01T00:00:00Z)");
  r.at = "2030-01-01T00:00:00Z";
  // Everything checked: the scan itself runs and fails on the targets file.
  EXPECT_EQ(ErrorOf(r).rfind("fleet scan: ", 0), 0u) << ErrorOf(r);
  EXPECT_NE(ErrorOf(r).find("/nonexistent/targets.txt"), std::string::npos) << ErrorOf(r);
}

TEST(ScanRequest, ForEachTargetStreamsItsShard) {
  const std::string path = ::testing::TempDir() + "/scan_request_targets.txt";
  {
    std::ofstream f(path);
    for (int i = 0; i < 40; ++i) f << "host" << i << ".example:443\n";
    f << "bad line with spaces\n";
  }
  std::vector<std::string> all, shard0, shard1;
  TargetInput in{.targets = path, .format = "list"};
  Status st = ForEachTarget(in, [&](const FleetTarget& t, int count) {
    EXPECT_EQ(count, 1);
    all.push_back(t.Key());
  });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().ToString().rfind("--targets: " + path + ":41: ", 0), 0u) << st.error().ToString();
  EXPECT_EQ(all.size(), 40u) << "the targets before the bad line were handed on";
  in.shard = "0/2";
  (void)ForEachTarget(in, [&](const FleetTarget& t, int count) {
    EXPECT_EQ(count, 2);
    shard0.push_back(t.Key());
  });
  in.shard = "1/2";
  (void)ForEachTarget(in, [&](const FleetTarget& t, int) { shard1.push_back(t.Key()); });
  EXPECT_EQ(shard0.size() + shard1.size(), 40u);
  EXPECT_FALSE(shard0.empty());
  EXPECT_FALSE(shard1.empty());
  in.format = "yaml";
  st = ForEachTarget(in, [](const FleetTarget&, int) {});
  EXPECT_EQ(st.error().ToString(), "--format: unknown format 'yaml' (auto, list, csv, jsonl, nmap-grep)");
}

}  // namespace
}  // namespace trustready::fleet
