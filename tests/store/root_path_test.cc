// ResolveInRoot: paths of another system's file tree resolved inside it.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "trustready/store/root_path.h"

namespace trustready {
namespace {

namespace fs = std::filesystem;

class RootPath : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("tr-root-" + std::to_string(::getpid()) + "-" +
                                          ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "usr/share/ca");
    fs::create_directories(root_ / "etc/ssl/certs");
    std::ofstream(root_ / "usr/share/ca/a.crt") << "inside";
  }
  void TearDown() override { fs::remove_all(root_); }
  std::string R() const { return root_.string(); }
  fs::path root_;
};

TEST_F(RootPath, PlainPathsAndAbsoluteLinksStayInside) {
  auto r = ResolveInRoot(R(), "/usr/share/ca/a.crt");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, R() + "/usr/share/ca/a.crt");
  // Debian's shape: an absolute link from /etc/ssl/certs.
  fs::create_symlink("/usr/share/ca/a.crt", root_ / "etc/ssl/certs/a.pem");
  r = ResolveInRoot(R(), "/etc/ssl/certs/a.pem");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, R() + "/usr/share/ca/a.crt");
  // A relative link, and a link to a directory in the middle of a path.
  fs::create_symlink("a.pem", root_ / "etc/ssl/certs/1234abcd.0");
  fs::create_symlink("/usr/share", root_ / "share");
  EXPECT_EQ(*ResolveInRoot(R(), "/etc/ssl/certs/1234abcd.0"), R() + "/usr/share/ca/a.crt");
  EXPECT_EQ(*ResolveInRoot(R(), "/share/ca/a.crt"), R() + "/usr/share/ca/a.crt");
}

TEST_F(RootPath, NeverAboveTheRoot) {
  // ".." at the top stays at the root, as it does at "/".
  EXPECT_EQ(*ResolveInRoot(R(), "/../../../usr/share/ca/a.crt"), R() + "/usr/share/ca/a.crt");
  fs::create_symlink("../../../../../../../../usr/share/ca/a.crt", root_ / "etc/ssl/certs/up.pem");
  EXPECT_EQ(*ResolveInRoot(R(), "/etc/ssl/certs/up.pem"), R() + "/usr/share/ca/a.crt");
  // A link to a path this machine has and the tree does not: missing.
  fs::create_symlink("/etc/hostname", root_ / "etc/ssl/certs/host.pem");
  EXPECT_FALSE(ResolveInRoot(R(), "/etc/ssl/certs/host.pem").ok());
  // An absolute link naming the tree's own location on this machine is,
  // inside the tree, a path that does not exist.
  fs::create_symlink(root_ / "usr/share/ca/a.crt", root_ / "etc/ssl/certs/hostpath.pem");
  EXPECT_FALSE(ResolveInRoot(R(), "/etc/ssl/certs/hostpath.pem").ok());
}

TEST_F(RootPath, LoopsAndMissingComponentsAreErrors) {
  fs::create_symlink("loop.pem", root_ / "etc/ssl/certs/loop.pem");
  auto r = ResolveInRoot(R(), "/etc/ssl/certs/loop.pem");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("too many levels of symbolic links"), std::string::npos) << r.error().message;
  fs::create_symlink("b", root_ / "etc/ssl/certs/a");
  fs::create_symlink("a", root_ / "etc/ssl/certs/b");
  EXPECT_FALSE(ResolveInRoot(R(), "/etc/ssl/certs/a").ok());
  EXPECT_FALSE(ResolveInRoot(R(), "/no/such/file").ok());
  // A file used as a directory.
  EXPECT_FALSE(ResolveInRoot(R(), "/usr/share/ca/a.crt/x").ok());
}

}  // namespace
}  // namespace trustready
