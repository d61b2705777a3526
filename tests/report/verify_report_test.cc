// VerifyAgainstStores (`verify` as one call) and its rendering
// (report/verify_report) without the binary, on the real Amazon demo
// certificates (../shared/data); every document held against
// docs/schemas/verify.schema.json. Also the one ClientBehaviorOf.
#include <gtest/gtest.h>

#include "lib/json_schema.h"
#include "test_paths.h"
#include "trustready/check/verify_stores.h"
#include "trustready/report/verify_report.h"
#include "trustready/store/store_open.h"
#include "trustready/verify/client_behavior.h"

namespace trustready {
namespace {

const std::string kAts = std::string(TR_SHARED_DATA) + "/amazon-trust-services/";

std::string Joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += x + "\n";
  return s;
}

const testing::JsonSchema& Schema() {
  static const testing::JsonSchema s =
      testing::JsonSchema::Load(std::string(TR_SOURCE_DIR) + "/docs/schemas/verify.schema.json");
  return s;
}

VerifyRequest Demo() {
  VerifyRequest r;
  r.leaf_file = kAts + "valid.rootca4.demo.amazontrust.com.cer";
  r.untrusted = {kAts + "e3m02.cer"};
  r.host = "valid.rootca4.demo.amazontrust.com";
  r.time = *ParseRfc3339("2025-03-01T00:00:00Z");
  return r;
}

TEST(VerifyStores, EachStoreItsOwnVerdict) {
  VerifyRequest r = Demo();
  r.stores.specs = {{kAts + "AmazonRootCA4.cer", std::nullopt}, {kAts + "AmazonRootCA1.cer", std::nullopt}};
  auto report = VerifyAgainstStores(r);
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  ASSERT_EQ(report->stores.size(), 2u);
  EXPECT_TRUE(report->stores[0].result.trusted);
  EXPECT_FALSE(report->stores[1].result.trusted);
  EXPECT_EQ(report->stores[1].result.most_specific.code, VerifyErrorCode::kUnknownIssuer);
  EXPECT_FALSE(report->trusted);

  nlohmann::json j = VerifyReportToJson(*report);
  EXPECT_EQ(Joined(Schema().Validate(j)), "");
  EXPECT_EQ(j["trusted"], false);
  EXPECT_EQ(j["purpose"], "server");
  EXPECT_EQ(j["host"], "valid.rootca4.demo.amazontrust.com");
  EXPECT_EQ(j["stores"][0]["store"], kAts + "AmazonRootCA4.cer");
  EXPECT_EQ(j["stores"][1]["error"]["code"], "UNKNOWN_ISSUER");
  // The checker refuses a document the schema does not allow.
  j["purpose"] = "email";
  EXPECT_NE(Joined(Schema().Validate(j)), "");

  std::string text = VerifyReportToText(*report);
  EXPECT_NE(text.find("AmazonRootCA4.cer: trusted\n"), std::string::npos) << text;
  EXPECT_NE(text.find("AmazonRootCA1.cer: NOT trusted (UNKNOWN_ISSUER)"), std::string::npos) << text;
  EXPECT_NE(text.find("most specific: UNKNOWN_ISSUER"), std::string::npos) << text;
  EXPECT_EQ(text.substr(text.size() - 37), "\nverdict: NOT trusted by every store\n") << text;
}

// Issue 15: a store whose client rejects the leaf for its lifetime (Chrome,
// Apple snapshots) is NOT trusted although its path is valid; the document
// says why and holds to the schema; a store without it carries null.
TEST(VerifyStores, ALifetimeRejectionMakesTheStoreNotTrusted) {
  VerifyRequest r = Demo();
  r.stores.specs = {{kAts + "AmazonRootCA4.cer", std::nullopt}};
  auto report = VerifyAgainstStores(r);
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  ASSERT_TRUE(report->stores[0].trusted());
  nlohmann::json j = VerifyReportToJson(*report);
  EXPECT_EQ(Joined(Schema().Validate(j)), "");
  ASSERT_TRUE(j["stores"][0].contains("lifetime_rejected"));
  EXPECT_TRUE(j["stores"][0].at("lifetime_rejected").is_null());
  // Not a platform snapshot: the leaf's 68 days are never judged here.
  EXPECT_EQ(report->stores[0].lifetime_rejected, "");

  report->stores[0].lifetime_rejected = "Chrome rejects a leaf valid for more than 200 days when issued on 2026-04-01";
  report->trusted = false;
  j = VerifyReportToJson(*report);
  EXPECT_EQ(Joined(Schema().Validate(j)), "");
  EXPECT_EQ(j["stores"][0]["trusted"], false);
  EXPECT_EQ(j["stores"][0]["error"], nullptr);
  const std::string text = VerifyReportToText(*report);
  EXPECT_NE(text.find("AmazonRootCA4.cer: NOT trusted (VALIDITY_TOO_LONG)\n  path 1"), std::string::npos) << text;
  EXPECT_NE(text.find("VALIDITY_TOO_LONG: Chrome rejects"), std::string::npos) << text;
}

TEST(VerifyStores, BadInputIsAnError) {
  VerifyRequest r = Demo();
  r.leaf_file = kAts + "nope.cer";
  EXPECT_FALSE(VerifyAgainstStores(r).ok());
  r = Demo();
  r.host = "bad host";
  auto host = VerifyAgainstStores(r);
  ASSERT_FALSE(host.ok());
  EXPECT_EQ(host.error().message.rfind("--host: ", 0), 0u) << host.error().message;  // names the input
  r = Demo();
  r.stores.specs = {{"android:no-such-version", std::nullopt}};
  auto store = VerifyAgainstStores(r);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().message.rfind("--store: ", 0), 0u) << store.error().message;
}

TEST(ClientBehavior, PlatformSnapshotsAreTheirClient) {
  // Android before 7.1.1 ignores an anchor's notAfter (behaviors.json).
  auto old = OpenStore("android:7.0");
  ASSERT_TRUE(old.ok()) << old.error().ToString();
  EXPECT_FALSE(ClientBehaviorOf(*old).enforce_anchor_expiry);
  auto latest = OpenStore("android:latest");
  ASSERT_TRUE(latest.ok());
  EXPECT_TRUE(ClientBehaviorOf(*latest).enforce_anchor_expiry);
  // Any other store: the default client.
  auto file = OpenStore(kAts + "AmazonRootCA1.cer");
  ASSERT_TRUE(file.ok());
  EXPECT_TRUE(ClientBehaviorOf(*file).enforce_anchor_expiry);
  EXPECT_FALSE(ClientBehaviorOf(*file).first_path_only);

  // verify judges the snapshot with that behaviour.
  VerifyRequest r = Demo();
  r.stores.specs = {{"android:7.0", std::nullopt}};
  auto report = VerifyAgainstStores(r);
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  ASSERT_EQ(report->stores.size(), 1u);
  EXPECT_TRUE(report->stores[0].platform);
  EXPECT_FALSE(report->stores[0].behavior.enforce_anchor_expiry);
  EXPECT_EQ(Joined(Schema().Validate(VerifyReportToJson(*report))), "");
}

TEST(VerifyStores, PlatformStoresAreTheSnapshotsAmongTheStores) {
  // The answer's data date comes from these (--max-data-age).
  VerifyReport r;
  r.stores.resize(3);
  r.stores[0].store = "/etc/ssl/certs/ca-certificates.crt";
  r.stores[1].store = "mozilla:2024-06-01";
  r.stores[1].platform = true;
  r.stores[2].store = "java:25";
  r.stores[2].platform = true;
  EXPECT_EQ(r.PlatformStores(), (std::vector<std::string>{"mozilla:2024-06-01", "java:25"}));
}

}  // namespace
}  // namespace trustready

