// Errors re-wrapped with more context keep what the inner error said
// beyond its text: a --store that cannot be read stops `verify`
// (VerifyAgainstStores) and `fleet scan` (SelectScanStores) with an error
// naming the option, and the reader's kind, detail id and severity survive
// (fleet's wrapping dropped them before).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "test_paths.h"
#include "trustready/check/verify_stores.h"
#include "trustready/fleet/scan_stores.h"
#include "trustready/store/store_open.h"

namespace trustready {
namespace {

TEST(WrappedErrors, UnreadableStoreKeepsItsDetailId) {
  const std::string dir = ::testing::TempDir() + "/wrapped-" + std::to_string(getpid());
  std::filesystem::create_directories(dir);
  const std::string path = dir + "/broken.pem";
  // One PEM block whose DER is a SEQUENCE claiming more bytes than it has.
  std::ofstream(path) << "-----BEGIN CERTIFICATE-----\nMIIBAAAA\n-----END CERTIFICATE-----\n";
  auto direct = OpenStore(path);
  ASSERT_FALSE(direct.ok());
  const Error& inner = direct.error();
  ASSERT_FALSE(inner.detail.empty()) << inner.ToString();

  VerifyRequest r;
  r.leaf_file = std::string(TR_SHARED_DATA) + "/amazon-trust-services/AmazonRootCA1.cer";
  r.stores.specs.push_back(ParseStoreSpec(path));
  auto verified = VerifyAgainstStores(r);
  ASSERT_FALSE(verified.ok());
  EXPECT_EQ(verified.error().message.rfind("--store: " + path + ": ", 0), 0u) << verified.error().message;
  EXPECT_EQ(verified.error().detail, inner.detail);
  EXPECT_EQ(verified.error().severity, inner.severity);
  EXPECT_EQ(verified.error().kind, inner.kind);

  StoreSelectRequest select;
  select.specs.push_back(ParseStoreSpec(path));
  auto scanned = fleet::SelectScanStores(select);
  ASSERT_FALSE(scanned.ok());
  EXPECT_EQ(scanned.error().message.rfind("--store: " + path + ": ", 0), 0u)
      << scanned.error().message;
  EXPECT_EQ(scanned.error().detail, inner.detail);
  EXPECT_EQ(scanned.error().severity, inner.severity);
  EXPECT_EQ(scanned.error().kind, inner.kind);
  // The text is unchanged: the same as verify's.
  EXPECT_EQ(scanned.error().ToString(), verified.error().ToString());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace trustready
