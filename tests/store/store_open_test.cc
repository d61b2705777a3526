// Opening stores by name: discovered short names, paths, platform specs.
#include "trustready/store/store_open.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>

#include "trustready/x509/pem.h"
#include "trustready/store/store_discovery.h"
#include "trustready/store/run_program.h"
#include "trustready/store/store_file.h"
#include "test_paths.h"

namespace trustready {
namespace {

const std::string kAmazon = std::string(TR_SHARED_DATA) + "/amazon-trust-services/";

class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old, had_ = true;
    ::setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (had_) {
      ::setenv(name_, old_.c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }

 private:
  const char* name_;
  std::string old_;
  bool had_ = false;
};

TEST(StoreOpen, SslCertFileShortName) {
  ScopedEnv env("SSL_CERT_FILE", kAmazon + "AmazonRootCA2.cer");
  auto d = FindDiscoveredStore("ssl-cert-file");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->location, kAmazon + "AmazonRootCA2.cer");
  auto s = OpenStore("ssl-cert-file");
  ASSERT_TRUE(s.ok()) << s.error().ToString();
  EXPECT_EQ(s->name(), "ssl-cert-file");
  ASSERT_EQ(s->size(), 1u);
  EXPECT_EQ(s->anchors()[0].cert->DisplayName(), "Amazon Root CA 2");
}

TEST(StoreOpen, JavaShortNameMatchesTheKeystore) {
  const std::string jks = "/etc/ssl/certs/java/cacerts";
  if (::access(jks.c_str(), R_OK) != 0 || std::getenv("JAVA_HOME")) GTEST_SKIP();
  auto s = OpenStore("java");
  ASSERT_TRUE(s.ok()) << s.error().ToString();
  auto direct = ReadStoreFile(jks, {"changeit", true});
  ASSERT_TRUE(direct.ok());
  EXPECT_EQ(s->size(), direct->size());
  EXPECT_EQ(s->name(), "java");
}

TEST(StoreOpen, PathsAndErrors) {
  auto s = OpenStore(kAmazon + "AmazonRootCA1.cer");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->format(), StoreFormat::kDer);
  auto missing = OpenStore(kAmazon + "nope.pem");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, ErrorKind::kIo);
  EXPECT_NE(missing.error().message.find("nope.pem"), std::string::npos);
  EXPECT_FALSE(OpenStore("").ok());
  {
    ScopedEnv env("SSL_CERT_DIR", "");
    ::unsetenv("SSL_CERT_DIR");
    auto none = OpenStore("ssl-cert-dir");
    ASSERT_FALSE(none.ok());
    EXPECT_NE(none.error().message.find("ssl-cert-dir"), std::string::npos);
  }
}

TEST(StoreOpen, PlatformSpecs) {
  auto all = OpenStores("mozilla:all");
  ASSERT_TRUE(all.ok()) << all.error().ToString();
  EXPECT_GT(all->size(), 1u);
  EXPECT_FALSE(OpenStore("mozilla:all").ok());
  auto latest = OpenStore("mozilla:latest");
  ASSERT_TRUE(latest.ok()) << latest.error().ToString();
  EXPECT_GT(latest->size(), 50u);
  auto path = OpenStores(kAmazon + "AmazonRootCA3.cer");
  ASSERT_TRUE(path.ok());
  EXPECT_EQ(path->size(), 1u);
}

TEST(StoreOpen, DataDirHonoursEnvironment) {
  ScopedEnv env("TRUSTREADY_DATA", "/somewhere/data");
  EXPECT_EQ(DataDir(), "/somewhere/data");
}

TEST(RunProgram, OutputExitStatusAndDeadline) {
  auto out = RunProgram({"printf", "a\\nb"}, 10);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, "a\nb");
  auto fails = RunProgram({"false"}, 10);
  ASSERT_FALSE(fails.ok());
  EXPECT_NE(fails.error().message.find("status 1"), std::string::npos);
  auto missing = RunProgram({"/nonexistent/program"}, 10);
  EXPECT_FALSE(missing.ok());
  // The deadline is enforced: `sleep 30` is killed after one second.
  auto slow = RunProgram({"sleep", "30"}, 1);
  ASSERT_FALSE(slow.ok());
  EXPECT_NE(slow.error().message.find("timed out"), std::string::npos);
}

}  // namespace
}  // namespace trustready
