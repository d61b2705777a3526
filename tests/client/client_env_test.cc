#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "trustready/client/client.h"

namespace trustready {
namespace {

TEST(ClientEnvironment, FromListAndFile) {
  auto env = EnvironmentFromList({"A=1", "B=x=y", "EMPTY="}, "image config Env");
  ASSERT_TRUE(env.ok());
  EXPECT_EQ(env->Get("A"), "1");
  EXPECT_EQ(env->Get("B"), "x=y");
  EXPECT_EQ(env->Get("EMPTY"), "");
  EXPECT_EQ(env->origin, "image config Env");
  EXPECT_FALSE(EnvironmentFromList({"NOEQUALS"}, "x").ok());
  EXPECT_FALSE(EnvironmentFromList({"1BAD=2"}, "x").ok());

  const std::string path = ::testing::TempDir() + "/client_env_test.env";
  {
    std::ofstream out(path);
    out << "# comment\n\nexport REQUESTS_CA_BUNDLE=\"/a b/ca.pem\"\r\n  JAVA_TOOL_OPTIONS='-Dx=1 -Dy=2'\n";
  }
  auto f = EnvironmentFromFile(path);
  ASSERT_TRUE(f.ok()) << f.error().message;
  EXPECT_EQ(f->Get("REQUESTS_CA_BUNDLE"), "/a b/ca.pem");
  EXPECT_EQ(f->Get("JAVA_TOOL_OPTIONS"), "-Dx=1 -Dy=2");
  {
    std::ofstream out(path);
    out << "A=1\nthis is not\n";
  }
  auto bad = EnvironmentFromFile(path);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find(":2: not a KEY=VALUE line"), std::string::npos);
  std::remove(path.c_str());
}

TEST(ClientEnvironment, ChooseNamesTheOptionThatFailed) {
  auto both = ChooseEnvironment({.env_file = "x.env", .pid = 1});
  ASSERT_FALSE(both.ok());
  EXPECT_EQ(both.error().message, "--env and --pid: give one of them");
  auto missing = ChooseEnvironment({.env_file = "/nonexistent/x.env"});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message.rfind("--env /nonexistent/x.env: ", 0), 0u) << missing.error().message;
  auto here = ChooseEnvironment({});
  ASSERT_TRUE(here.ok());
  EXPECT_EQ(here->origin, "this process");
  // Another tree: this shell's variables are not its own.
  auto tree = ChooseEnvironment({.root = "/", .set_root = false});
  ASSERT_TRUE(tree.ok());
  EXPECT_TRUE(tree->vars.empty());
  EXPECT_EQ(tree->origin, "none (--root)");
  EXPECT_TRUE(tree->root.empty());
  auto bad_root = ChooseEnvironment({.root = "/nonexistent-root-dir"});
  ASSERT_FALSE(bad_root.ok());
  EXPECT_EQ(bad_root.error().message.rfind("--root: ", 0), 0u) << bad_root.error().message;
}

TEST(ClientCatalog, ShippedDataLoads) {
  auto cat = LoadClientCatalog();
  ASSERT_TRUE(cat.ok()) << cat.error().message;
  for (const char* name : {"openssl", "curl", "wget", "python-ssl", "python-requests", "pip", "aws-sdk-python", "java",
                           "node", "go", "dotnet", "chromium", "nss"}) {
    const ClientInfo* c = cat->Find(name);
    ASSERT_NE(c, nullptr) << name;
    EXPECT_TRUE(cat->behaviors.count(c->behavior)) << name;
  }
  const ClientBehavior& java = cat->behaviors.at("java").behavior;
  EXPECT_EQ(java.sha1, Sha1Policy::kRefuseUnderBuiltinAnchors);
  EXPECT_FALSE(java.enforce_anchor_expiry);
  EXPECT_EQ(cat->behaviors.at("openssl-3").behavior.min_rsa_bits, 2048);
  EXPECT_TRUE(cat->behaviors.at("chromium").behavior.fetch_aia);
}

TEST(ClientResolution, UnknownClientIsAnError) {
  ClientEnvironment env;
  ResolveOptions o;
  o.client = "no-such-client";
  auto r = ResolveClients(env, o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("unknown client 'no-such-client'"), std::string::npos);
}

// Chromium's root store by release: only releases the data names map to a
// snapshot; malformed entries are errors naming the file.
TEST(ClientCatalog, ChromiumRootStoresByRelease) {
  auto shipped = LoadClientCatalog();
  ASSERT_TRUE(shipped.ok()) << shipped.error().message;
  ASSERT_NE(shipped->Find("chromium"), nullptr);
  EXPECT_TRUE(shipped->Find("chromium")->root_stores.empty());

  const std::string path = ::testing::TempDir() + "/clients_root_stores.json";
  auto write = [&](const std::string& root_stores) {
    std::ofstream out(path);
    out << R"({"behaviors": {"b": {"sha1": "refuse"}}, "clients": [{"name": "chromium", "behavior": "b", "root_stores": )"
        << root_stores << "}]}";
  };
  write(R"([{"releases": "130-131", "snapshot": "chrome:17", "source": "s"}, {"releases": "140", "snapshot": "chrome:x", "source": "t"}])");
  auto cat = LoadClientCatalog(path);
  ASSERT_TRUE(cat.ok()) << cat.error().message;
  const auto& rs = cat->Find("chromium")->root_stores;
  ASSERT_EQ(rs.size(), 2u);
  EXPECT_EQ(rs[0].first_major, 130);
  EXPECT_EQ(rs[0].last_major, 131);
  EXPECT_EQ(rs[0].snapshot, "chrome:17");
  EXPECT_EQ(rs[1].first_major, 140);
  EXPECT_EQ(rs[1].last_major, 140);
  for (const char* bad : {R"([{"releases": "x", "snapshot": "chrome:17", "source": "s"}])",
                          R"([{"releases": "131-130", "snapshot": "chrome:17", "source": "s"}])",
                          R"([{"releases": "131", "snapshot": "chrome:17"}])", R"({"releases": "131"})"}) {
    write(bad);
    auto b = LoadClientCatalog(path);
    ASSERT_FALSE(b.ok()) << bad;
    EXPECT_NE(b.error().message.find("root_stores"), std::string::npos) << b.error().message;
    EXPECT_NE(b.error().message.find(path), std::string::npos) << b.error().message;
  }
  std::remove(path.c_str());
}

}  // namespace
}  // namespace trustready
