// `data import` as one call (ImportAgainstShippedData): the kind by name,
// errors naming what failed, and the count of trusted certificates the
// shipped data does not hold.
#include <gtest/gtest.h>

#include <filesystem>

#include "test_paths.h"
#include "trustready/importer/importer.h"

namespace trustready {
namespace {

TEST(ImportRequest, ErrorsNameWhatFailed) {
  auto run = ImportAgainstShippedData({.kind = "bogus", .path = "x"});
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.error().ToString(),
            "unknown import kind \"bogus\" (known: chrome, mozilla, jdk, android, ccadb, apple, microsoft)");
  run = ImportAgainstShippedData(
      {.kind = "chrome", .path = "/nonexistent/root_store.textproto", .options = {.date = "2025-01-01", .source = "s"}});
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.error().ToString().rfind("/nonexistent/root_store.textproto: ", 0), 0u) << run.error().ToString();
}

// A JDK cacerts folder (every file read) of two roots: one the shipped data
// holds (Amazon Root CA 1, in every platform), one it cannot (the verify
// suite's test root).
TEST(ImportRequest, CountsCertificatesTheShippedDataLacks) {
  const std::string dir = ::testing::TempDir() + "/import_request_jdk";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file(std::string(TR_SHARED_DATA) + "/amazon-trust-services/AmazonRootCA1.cer", dir + "/amazon");
  std::filesystem::copy_file(std::string(TR_TEST_DATA) + "/verify/hostname-mismatch/trust.pem", dir + "/testroot");
  auto run = ImportAgainstShippedData(
      {.kind = "jdk", .path = dir, .options = {.version = "t", .date = "2025-01-01", .source = "test"}});
  ASSERT_TRUE(run.ok()) << run.error().ToString();
  EXPECT_EQ(run->snapshot.trusted.size(), 2u);
  EXPECT_EQ(run->missing, 1u);
}

}  // namespace
}  // namespace trustready
