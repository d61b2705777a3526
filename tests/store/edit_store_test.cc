// `store add|remove` as one call (EditStore): errors named STORE, or
// SHA256 for an item that is not one, checked before anything is written;
// an add and a remove on a real PEM file.
#include <gtest/gtest.h>

#include <filesystem>

#include "test_paths.h"
#include "trustready/store/store_edit.h"
#include "trustready/store/store_file.h"

namespace trustready {
namespace {

TEST(EditStore, ErrorsNameTheStoreOrTheHash) {
  const std::string dir = ::testing::TempDir() + "/edit_store_errors";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string pem = dir + "/store.pem";
  std::filesystem::copy_file(std::string(TR_TEST_DATA) + "/verify/hostname-mismatch/trust.pem", pem);
  auto r = EditStore(pem, StoreEdit::kRemove, {"zz"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().ToString(), "SHA256: zz: not a SHA-256 (64 hex digits)");
  EXPECT_FALSE(std::filesystem::exists(pem + ".bak")) << "nothing written";
  r = EditStore(pem, StoreEdit::kAdd, {dir + "/missing.pem"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().ToString().rfind(pem + ": ", 0), 0u) << r.error().ToString();
}

TEST(EditStore, AddsAndRemoves) {
  const std::string dir = ::testing::TempDir() + "/edit_store_ok";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string pem = dir + "/store.pem";
  std::filesystem::copy_file(std::string(TR_TEST_DATA) + "/verify/hostname-mismatch/trust.pem", pem);
  const std::string amazon = std::string(TR_SHARED_DATA) + "/amazon-trust-services/AmazonRootCA1.cer";
  auto added = EditStore(pem, StoreEdit::kAdd, {amazon});
  ASSERT_TRUE(added.ok()) << added.error().ToString();
  EXPECT_EQ(added->before, 1u);
  EXPECT_EQ(added->after, 2u);
  ASSERT_EQ(added->added.size(), 1u);
  // Amazon Root CA 1's SHA-256, with colons as `store show` prints them.
  auto removed = EditStore(pem, StoreEdit::kRemove,
                           {"8E:CD:E6:88:4F:3D:87:B1:12:5B:A3:1A:C3:FC:B1:3D:70:16:DE:7F:57:CC:90:4F:E1:CB:97:C6:AE:98:19:6E"});
  ASSERT_TRUE(removed.ok()) << removed.error().ToString();
  EXPECT_EQ(removed->removed.size(), 1u);
  EXPECT_EQ(removed->after, 1u);
}

// `store export --format NAME`: the four names of the formats WriteStoreFile
// writes, and nothing else.
TEST(ExportFormat, TheFourWritableFormats) {
  EXPECT_EQ(ParseExportFormatName("pem"), StoreFormat::kPem);
  EXPECT_EQ(ParseExportFormatName("hashed-dir"), StoreFormat::kDirectory);
  EXPECT_EQ(ParseExportFormatName("jks"), StoreFormat::kJks);
  EXPECT_EQ(ParseExportFormatName("pkcs12"), StoreFormat::kPkcs12);
  EXPECT_EQ(ParseExportFormatName("directory"), StoreFormat::kUnknown);
  EXPECT_EQ(ParseExportFormatName("der"), StoreFormat::kUnknown);
}

}  // namespace
}  // namespace trustready
