// report/verify_report: the verify document (one "stores" entry per store)
// against docs/schemas/verify.schema.json, with each error's severity and
// stable detail id; the old fields unchanged beside them.
#include "report_test_util.h"
#include "trustready/report/verify_report.h"
#include "verify/cert_builder.h"

namespace trustready {
namespace {

using report_test::Violations;
using test_pki::Ca;
using test_pki::Issued;
using test_pki::Leaf;

nlohmann::json Document(const VerifyResult& r, const Certificate& leaf) {
  return {{"trusted", r.trusted},
          {"leaf", {{"sha256", leaf.Sha256Hex()}, {"name", leaf.DisplayName()}}},
          {"time", FormatRfc3339(test_pki::kTestTime)},
          {"host", "leaf.example.com"},
          {"purpose", "server"},
          {"stores", nlohmann::json::array({VerifyResultToJson(r, "test")})}};
}

TEST(VerifyReport, ErrorsCarrySeverityAndDetail) {
  Issued root = Ca("Root").SelfSigned();
  Issued ica = Ca("ICA").IssuedBy(root);
  Issued leaf = Leaf().Validity(test_pki::k2025, test_pki::k2026).SerialBytes({0x00}).IssuedBy(ica);
  VerifyResult r = VerifyChain(leaf.cert, {ica.cert}, test_pki::StoreOf({&root}), test_pki::TestOptions());
  ASSERT_FALSE(r.trusted);
  const nlohmann::json doc = Document(r, *leaf.cert);
  EXPECT_EQ(Violations(doc.dump(2), "verify.schema.json"), "");
  const nlohmann::json& store = doc["stores"][0];
  // The one-line answer: the most specific failure.
  EXPECT_EQ(store["error"]["code"], "EXPIRED");
  EXPECT_EQ(store["error"]["detail"], "validity.expired");
  EXPECT_EQ(store["error"]["severity"], "error");
  EXPECT_EQ(store["error"]["certificate"], 0);
  // Per path: two MALFORMED-era failures told apart by their ids.
  std::set<std::string> details;
  for (const auto& e : store["paths"][0]["errors"]) {
    details.insert(e["detail"].get<std::string>());
    EXPECT_TRUE(e.contains("code") && e.contains("certificate") && e.contains("message"));
  }
  EXPECT_EQ(details, (std::set<std::string>{"validity.expired", "profile.serial_zero"}));
  // The text names the ids after each message, and the most specific one.
  const std::string text = VerifyResultToText(r, "test");
  EXPECT_NE(text.find("has serial number zero (RFC 5280 4.1.2.2)  (profile.serial_zero)\n"), std::string::npos) << text;
  EXPECT_NE(text.find("most specific: EXPIRED: "), std::string::npos) << text;
  const size_t first = text.find("  (validity.expired)\n");
  ASSERT_NE(first, std::string::npos) << text;
  EXPECT_NE(text.find("  (validity.expired)\n", first + 1), std::string::npos) << "path error and most specific";
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
}

TEST(VerifyReport, TrustedHasNullErrorAndErrorWithoutDetailStaysValid) {
  Issued root = Ca("Root").SelfSigned();
  Issued leaf = Leaf().IssuedBy(root);
  VerifyResult r = VerifyChain(leaf.cert, {}, test_pki::StoreOf({&root}), test_pki::TestOptions());
  ASSERT_TRUE(r.trusted);
  EXPECT_EQ(Violations(Document(r, *leaf.cert).dump(2), "verify.schema.json"), "");
  // An error without a detail id (older callers) renders without "detail".
  VerifyError bare{VerifyErrorCode::kUnknownIssuer, -1, "no path"};
  const nlohmann::json j = VerifyErrorToJson(bare);
  EXPECT_FALSE(j.contains("detail"));
  EXPECT_EQ(j["severity"], "error");
}

}  // namespace
}  // namespace trustready
