// Fleet inputs and shards: the list-line grammar, the target key, and the
// shard function pinned by golden vectors (tests/data/fleet/shard-golden.tsv,
// written by an independent Python port of the same function).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "test_paths.h"
#include "trustready/fleet/targets.h"

namespace trustready::fleet {
namespace {

FleetTarget Line(const std::string& l) {
  auto t = ParseListLine(l);
  EXPECT_TRUE(t.ok()) << l << ": " << (t.ok() ? "" : t.error().message);
  EXPECT_TRUE(t.ok() && t->has_value()) << l;
  return t.ok() && t->has_value() ? **t : FleetTarget{};
}

TEST(FleetTargets, ListLineFieldsAndKey) {
  FleetTarget t = Line("https://WWW.Example.com:8443/x sni=Api.Example.com address=192.0.2.7 owner=team-a env=prod");
  EXPECT_EQ(t.host, "www.example.com");
  EXPECT_EQ(t.port, 8443);
  EXPECT_EQ(t.path, "/x");
  EXPECT_EQ(t.sni, "api.example.com");
  EXPECT_EQ(t.address, "192.0.2.7");
  EXPECT_EQ(t.labels.at("owner"), "team-a");
  EXPECT_EQ(t.labels.at("env"), "prod");
  EXPECT_EQ(t.Key(), "www.example.com|8443|api.example.com|192.0.2.7|-");
  EXPECT_EQ(t.NameToCheck(), "api.example.com");

  FleetTarget v6 = Line("[::1]:443");
  EXPECT_EQ(v6.host, "::1");
  EXPECT_TRUE(v6.host_is_ip);
  EXPECT_EQ(v6.EffectiveSni(), "");  // no SNI for literals (RFC 6066 3)
  EXPECT_EQ(v6.NameToCheck(), "::1");
  EXPECT_EQ(Line("example.com").port, 443);
  EXPECT_EQ(Line("example.com").EffectiveSni(), "example.com");
  EXPECT_EQ(Line("  example.com:443   # a comment").Key(), "example.com|443|-|-|-");
}

TEST(FleetTargets, SkipsBlankAndComments) {
  for (const char* l : {"", "   ", "# x", "  # y"}) {
    auto t = ParseListLine(l);
    ASSERT_TRUE(t.ok());
    EXPECT_FALSE(t->has_value()) << l;
  }
}

TEST(FleetTargets, BadLinesSayWhy) {
  struct Case {
    const char* line;
    const char* says;
  } cases[] = {
      {"https://a b", "key=value"},
      {"example.com sni=", "sni= is empty"},
      {"example.com address=host.name", "not a numeric"},
      {"example.com starttls=xmpp", "smtp, imap, pop3, ftp or postgres"},
      {"https://example.com starttls=smtp", "not an https:// URL"},
      {"example.com path=x", "path= must start"},
      {"example.com bad/key=1", "label key"},
      {"owner=x example.com", "must start with the target"},
      {"ftp://example.com", "unsupported scheme"},
      {"example.com:99999", "port"},
  };
  for (const auto& c : cases) {
    auto t = ParseListLine(c.line);
    ASSERT_FALSE(t.ok()) << c.line;
    EXPECT_NE(t.error().message.find(c.says), std::string::npos) << c.line << ": " << t.error().message;
  }
}

// Image targets: `image=PATH` first, labels after; the key is "image:PATH";
// nothing to connect to, so no name to check and no endpoint fields.
TEST(FleetTargets, ImageLines) {
  const std::string dir = ::testing::TempDir();
  FleetTarget t = Line("image=" + dir + " owner=team-a");
  EXPECT_EQ(t.image, dir);
  EXPECT_EQ(t.Key(), "image:" + dir);
  EXPECT_EQ(t.text, "image=" + dir);
  EXPECT_EQ(t.labels.at("owner"), "team-a");
  EXPECT_EQ(t.NameToCheck(), "");
  EXPECT_EQ(t.EffectiveSni(), "");
  EXPECT_FALSE(t.chain_file);
  struct Case {
    std::string line;
    const char* says;
  } cases[] = {
      {"image=", "image= is empty"},
      {"image=/no/such/rootfs", "no such file or directory"},
      {"image=/dev/null", "not a folder or an image archive"},
      {"image=" + dir + " sni=a.example", "takes no sni="},
      {"image=" + dir + " address=192.0.2.1", "takes no sni="},
      {"image=" + dir + " port=443", "takes no sni="},
      {"image=" + dir + " path=/x", "takes no sni="},
  };
  for (const auto& c : cases) {
    auto r = ParseListLine(c.line);
    ASSERT_FALSE(r.ok()) << c.line;
    EXPECT_NE(r.error().message.find(c.says), std::string::npos) << c.line << ": " << r.error().message;
  }
}

// STARTTLS targets: the protocol in the key; without a port in the target,
// the protocol's own.
TEST(FleetTargets, StartTlsLines) {
  FleetTarget smtp = Line("mail.example.com starttls=smtp owner=mail");
  EXPECT_EQ(smtp.port, 25);
  EXPECT_EQ(smtp.Key(), "mail.example.com|25|-|-|smtp");
  EXPECT_EQ(Line("mail.example.com:587 starttls=smtp").port, 587);
  EXPECT_EQ(Line("db.example.com starttls=postgres port=6432").port, 6432);
  EXPECT_EQ(Line("db.example.com starttls=postgres").port, 5432);
  EXPECT_EQ(Line("[2001:db8::1] starttls=imap").port, 143);
  EXPECT_EQ(Line("[2001:db8::1]:993 starttls=imap").port, 993);
  EXPECT_EQ(Line("ftp.example.com starttls=ftp").port, 21);
  EXPECT_EQ(Line("pop.example.com starttls=pop3").Key(), "pop.example.com|110|-|-|pop3");
  EXPECT_EQ(Line("example.com").Key(), "example.com|443|-|-|-");
}

TEST(FleetShards, GoldenVectors) {
  std::ifstream in(std::string(TR_SOURCE_DIR) + "/tests/data/fleet/shard-golden.tsv");
  ASSERT_TRUE(in) << "golden file";
  std::string line;
  int rows = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::stringstream ss(line);
    std::string key, s2, s4, s7, s100;
    std::getline(ss, key, '\t');
    std::getline(ss, s2, '\t');
    std::getline(ss, s4, '\t');
    std::getline(ss, s7, '\t');
    std::getline(ss, s100, '\t');
    EXPECT_EQ(ShardOf(key, 2), std::stoi(s2)) << key;
    EXPECT_EQ(ShardOf(key, 4), std::stoi(s4)) << key;
    EXPECT_EQ(ShardOf(key, 7), std::stoi(s7)) << key;
    EXPECT_EQ(ShardOf(key, 100), std::stoi(s100)) << key;
    ++rows;
  }
  EXPECT_GE(rows, 16);
}

TEST(FleetShards, BalancedAndMinimalMovement) {
  // N -> N+1 moves about 1/(N+1) of the keys, and only to the new shard.
  const int kKeys = 20000;
  int moved = 0;
  std::vector<int> per(8, 0);
  for (int i = 0; i < kKeys; ++i) {
    std::string k = "host" + std::to_string(i) + ".example|443|-|-|-";
    int a = ShardOf(k, 8), b = ShardOf(k, 9);
    ++per[a];
    if (a != b) {
      ++moved;
      EXPECT_EQ(b, 8) << k;
    }
  }
  EXPECT_NEAR(moved, kKeys / 9, kKeys / 9 * 0.1);
  for (int n : per) EXPECT_NEAR(n, kKeys / 8, kKeys / 8 * 0.1);
  EXPECT_EQ(JumpConsistentHash(12345, 1), 0);
}

TEST(FleetShards, Specs) {
  auto s = ParseShard("2/4");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->index, 2);
  EXPECT_EQ(s->count, 4);
  for (const char* bad : {"4/4", "1", "a/b", "-1/4", "1/0", "1/4x"}) EXPECT_FALSE(ParseShard(bad).ok()) << bad;
  EXPECT_TRUE(ParseShard("").ok());
}

TEST(FleetShards, AutoFromKubernetesAndSlurm) {
  auto clear = [] {
    for (const char* v : {"JOB_COMPLETION_INDEX", "TRUSTREADY_SHARD_COUNT", "SLURM_ARRAY_TASK_ID",
                          "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_STEP"}) {
      unsetenv(v);
    }
  };
  clear();
  EXPECT_FALSE(ParseShard("auto").ok());
  setenv("JOB_COMPLETION_INDEX", "2", 1);
  auto missing = ParseShard("auto");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("TRUSTREADY_SHARD_COUNT"), std::string::npos);
  setenv("TRUSTREADY_SHARD_COUNT", "4", 1);
  auto k8s = ParseShard("auto");
  ASSERT_TRUE(k8s.ok());
  EXPECT_EQ(k8s->index, 2);
  EXPECT_EQ(k8s->count, 4);
  clear();
  setenv("SLURM_ARRAY_TASK_ID", "7", 1);
  setenv("SLURM_ARRAY_TASK_MIN", "5", 1);
  setenv("SLURM_ARRAY_TASK_COUNT", "4", 1);
  auto slurm = ParseShard("auto");
  ASSERT_TRUE(slurm.ok());
  EXPECT_EQ(slurm->index, 2);
  EXPECT_EQ(slurm->count, 4);
  setenv("SLURM_ARRAY_TASK_STEP", "2", 1);
  EXPECT_FALSE(ParseShard("auto").ok());
  clear();
}

}  // namespace
}  // namespace trustready::fleet
