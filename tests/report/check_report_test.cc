// check::Run and its rendering (report/check_report) without the binary:
// real Amazon Trust Services certificates (../shared/data), a PKCS#12 store
// written with a password nobody gives (UNKNOWN), a chain on a stream as
// `check -`, and every document held against docs/schemas/check.schema.json.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "lib/json_schema.h"
#include "test_paths.h"
#include "trustready/check/check.h"
#include "trustready/pki/test_chain.h"
#include "trustready/report/check_report.h"
#include "trustready/store/pkcs12_store.h"
#include "trustready/x509/pem.h"

namespace trustready {
namespace {

const std::string kAts = std::string(TR_SHARED_DATA) + "/amazon-trust-services/";

const testing::JsonSchema& Schema() {
  static const testing::JsonSchema s = testing::JsonSchema::Load(std::string(TR_SOURCE_DIR) + "/docs/schemas/check.schema.json");
  return s;
}

std::string Joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += x + "\n";
  return s;
}

std::string Pem(const std::string& der_file) {
  auto certs = LoadCertificatesFromFile(der_file);
  EXPECT_TRUE(certs.ok()) << der_file;
  return EncodePem("CERTIFICATE", certs->front()->der());
}

class CheckRunTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("tr-check-report-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    // A PKCS#12 store holding Amazon Root CA 3, under a password that is
    // neither changeit nor empty.
    auto r3 = LoadCertificatesFromFile(kAts + "AmazonRootCA3.cer");
    ASSERT_TRUE(r3.ok());
    TrustStore s("p12", StoreFormat::kPkcs12, "");
    s.Add({r3->front(), {}, "r3"});
    auto bytes = WritePkcs12Store(s, "s3cret-pw");
    ASSERT_TRUE(bytes.ok()) << bytes.error().message;
    p12_ = (dir_ / "store.p12").string();
    std::ofstream(p12_, std::ios::binary).write(reinterpret_cast<const char*>(bytes->data()), bytes->size());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  CheckRequest Request() const {
    CheckRequest r;
    r.time = *ParseRfc3339("2025-03-01T00:00:00Z");
    r.stores.specs.push_back({kAts + "SFSRootCAG2.cer", std::nullopt});
    r.fetch_aia = false;
    return r;
  }

  std::filesystem::path dir_;
  std::string p12_;
};

TEST(JsonSchemaChecker, RejectsWhatTheSchemaForbids) {
  // The checker can fail: a document missing a field, with an unknown
  // field, or with a value outside an enum is refused.
  nlohmann::json doc = {{"profile", "p"}};
  EXPECT_FALSE(Schema().Validate(doc).empty());
  testing::JsonSchema s(nlohmann::json::parse(R"({"type": "object", "required": ["a"], "additionalProperties": false,
      "properties": {"a": {"enum": ["x", "y"]}}})"));
  EXPECT_TRUE(s.Validate({{"a", "x"}}).empty());
  EXPECT_EQ(s.Validate({{"a", "z"}}).size(), 1u);
  EXPECT_EQ(s.Validate({{"a", "x"}, {"b", 1}}).size(), 1u);
  EXPECT_EQ(s.Validate(nlohmann::json::object()).size(), 1u);
  testing::JsonSchema unknown(nlohmann::json::parse(R"({"multipleOf": 3})"));
  EXPECT_FALSE(unknown.Validate(nlohmann::json::array()).empty());
  // Lengths (in code points) and maximum, which fleet-observation uses.
  testing::JsonSchema sized(nlohmann::json::parse(R"({"properties": {"s": {"minLength": 2, "maxLength": 3},
      "n": {"maximum": 65535}}})"));
  EXPECT_TRUE(sized.Validate({{"s", "ab"}, {"n", 65535}}).empty());
  EXPECT_TRUE(sized.Validate({{"s", "\u00e9\u00e9\u00e9"}}).empty()) << "three code points, six bytes";
  EXPECT_EQ(sized.Validate({{"s", "a"}}).size(), 1u);
  EXPECT_EQ(sized.Validate({{"s", "abcd"}}).size(), 1u);
  EXPECT_EQ(sized.Validate({{"n", 65536}}).size(), 1u);
}

// Issue 15 (SC-081): a generated leaf issued 2026-04-01 for 250 days under
// a private root: the lifetime is reported (over the 200 days in force),
// the next renewal's limit stated, and the verdict stays TRUSTED (no client
// of a private store is known to enforce it); the document holds to the
// schema, with and without a store that rejects it.
TEST_F(CheckRunTest, LeafLifetimeIsReportedAndOnlyAWarningForAPrivateRoot) {
  TestChainSpec spec;
  spec.leaf_not_before = *ParseRfc3339("2026-04-01T00:00:00Z");
  spec.leaf_not_after = spec.leaf_not_before + 250 * 86400;
  auto chain = MakeTestChain(spec);
  ASSERT_TRUE(chain.ok()) << chain.error().message;
  const std::string chain_file = (dir_ / "chain.pem").string(), root_file = (dir_ / "root.pem").string();
  std::ofstream(chain_file) << chain->chain_pem;
  std::ofstream(root_file) << chain->root_pem;
  CheckRequest r;
  r.time = *ParseRfc3339("2026-06-01T00:00:00Z");
  r.stores.specs.push_back({root_file, std::nullopt});
  r.fetch_aia = false;
  r.targets = {chain_file};
  auto report = check::Run(r);
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  ASSERT_EQ(report->targets.size(), 1u);
  EXPECT_EQ(report->targets[0].status, TargetStatus::kTrusted);
  EXPECT_EQ(report->outcome, CheckOutcome::kYes);
  nlohmann::json j = CheckReportToJson(*report);
  EXPECT_EQ(Joined(Schema().Validate(j)), "");
  const nlohmann::json& l = j["targets"][0]["lifetime"];
  EXPECT_EQ(l["days"], 251);  // 250 days and the inclusive second
  EXPECT_EQ(l["limit_days"], 200);
  EXPECT_EQ(l["limit_since"], "2026-03-15");
  EXPECT_EQ(l["within_limit"], false);
  EXPECT_EQ(l["renewal_due"], "2026-12-07T00:00:00Z");
  EXPECT_EQ(l["renewal_limit_days"], 200);
  EXPECT_EQ(j["targets"][0]["stores"][0]["lifetime_rejected"], nullptr);
  const std::string text = CheckReportToText(*report);
  EXPECT_NE(text.find("leaf lifetime: 251 days (2026-04-01 to 2026-12-07); limit 200 days (issued from 2026-03-15): EXCEEDS"),
            std::string::npos) << text;
  EXPECT_NE(text.find("next renewal: due by 2026-12-07, limit then 200 days"), std::string::npos) << text;

  // A store standing for Chrome rejects it: its entry says why, schema holds.
  report->targets[0].stores[0].lifetime_rejected = ClientLifetimeRejection("chrome", *chain->leaf);
  report->targets[0].stores[0].trusted = false;
  ASSERT_FALSE(report->targets[0].stores[0].lifetime_rejected.empty());
  j = CheckReportToJson(*report);
  EXPECT_EQ(Joined(Schema().Validate(j)), "");
  EXPECT_EQ(j["targets"][0]["stores"][0]["trusted"], false);
  EXPECT_NE(CheckReportToText(*report).find("NOT trusted VALIDITY_TOO_LONG: Chrome rejects"), std::string::npos);
  // The schema refuses a limit that is not in the schedule.
  j["targets"][0]["lifetime"]["limit_days"] = 365;
  EXPECT_NE(Joined(Schema().Validate(j)), "");
}

// --server-auth-only (issue 15): a chain whose leaf and intermediate carry
// serverAuth and clientAuth, judged; the document holds to the schema and
// the text names each certificate's EKU and the verdict.
TEST_F(CheckRunTest, ServerAuthOnlyFollowsTheSchemaAndNamesEachEku) {
  TestChainSpec spec;
  spec.leaf_not_before = *ParseRfc3339("2026-04-01T00:00:00Z");
  spec.leaf_not_after = spec.leaf_not_before + 90 * 86400;
  spec.leaf_eku = "serverAuth,clientAuth";
  spec.ca_eku = "serverAuth,clientAuth";
  auto chain = MakeTestChain(spec);
  ASSERT_TRUE(chain.ok()) << chain.error().message;
  const std::string chain_file = (dir_ / "mtls.pem").string(), root_file = (dir_ / "root.pem").string();
  std::ofstream(chain_file) << chain->chain_pem;
  std::ofstream(root_file) << chain->root_pem;
  CheckRequest r;
  r.time = *ParseRfc3339("2026-05-01T00:00:00Z");
  r.stores.specs.push_back({root_file, std::nullopt});
  r.fetch_aia = false;
  r.targets = {chain_file};
  r.server_auth_only = true;
  auto report = check::Run(r);
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  nlohmann::json j = CheckReportToJson(*report);
  EXPECT_EQ(Joined(Schema().Validate(j)), "");
  EXPECT_EQ(j["server_auth_only"], true);
  EXPECT_EQ(j["ready"], false);
  const nlohmann::json& a = j["targets"][0]["server_auth_only"];
  EXPECT_EQ(a["ready"], false);
  EXPECT_EQ(a["dedicated_hierarchy"], false);
  EXPECT_EQ(a["leaf_client_auth"], true);
  ASSERT_EQ(a["certificates"].size(), 3u);
  EXPECT_EQ(a["certificates"][1]["eku"], nlohmann::json::parse(R"(["serverAuth", "clientAuth"])"));
  EXPECT_EQ(a["certificates"][2]["role"], "root");
  const std::string text = CheckReportToText(*report);
  EXPECT_NE(text.find("server-auth-only: NOT READY: the leaf is not serverAuth-only; a multi-purpose intermediate;"),
            std::string::npos) << text;
  EXPECT_NE(text.find("intermediate trustready test Issuing CA: serverAuth, clientAuth - serverAuth and clientAuth"),
            std::string::npos) << text;
  EXPECT_NE(text.find("Verdict: NOT SERVER-AUTH-ONLY - 1 of 1 target trusted by all 1 store; 0 on a dedicated"),
            std::string::npos) << text;
  // Without the flag: null, and the schema still holds.
  r.server_auth_only = false;
  auto plain = check::Run(r);
  ASSERT_TRUE(plain.ok());
  j = CheckReportToJson(*plain);
  EXPECT_EQ(Joined(Schema().Validate(j)), "");
  EXPECT_EQ(j["targets"][0]["server_auth_only"], nullptr);
}

// A store whose file holds a truncated certificate is UNKNOWN; the parser's
// detail id survives the wrapping (discovery, store reader, readiness) into
// the JSON, next to the message.
TEST_F(CheckRunTest, UnknownStoreKeepsTheReadersDetailIdInJson) {
  const auto tree = dir_ / "tree";
  std::filesystem::create_directories(tree / "etc/ssl/certs");
  std::ofstream(tree / "etc/ssl/certs/ca-certificates.crt")
      << "-----BEGIN CERTIFICATE-----\nMIIBAAAA\n-----END CERTIFICATE-----\n";
  CheckRequest r;
  r.time = *ParseRfc3339("2025-03-01T00:00:00Z");
  r.stores.root = tree.string();
  r.fetch_aia = false;
  auto report = check::Run(r);
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  ASSERT_FALSE(report->stores.empty());
  EXPECT_EQ(report->stores[0].state, StoreState::kUnknown);
  const nlohmann::json j = CheckReportToJson(*report);
  EXPECT_EQ(Joined(Schema().Validate(j)), "");
  EXPECT_EQ(j["stores"][0]["detail"], "der.value_truncated") << j["stores"][0].dump();
  EXPECT_NE(j["stores"][0]["error"].get<std::string>().find("element claims 256 bytes"), std::string::npos);
  EXPECT_EQ(j["stores"][0]["error_kind"], "TRUNCATED");
  EXPECT_EQ(j["stores"][0]["severity"], "error");
  // A keystore nobody gave the password of has the store reader's id
  // (before error_detail.h it had none).
  CheckRequest p = Request();
  p.stores.specs.push_back({p12_, std::nullopt});
  auto wrong = check::Run(p);
  ASSERT_TRUE(wrong.ok());
  const nlohmann::json k = CheckReportToJson(*wrong);
  EXPECT_EQ(k["stores"][1]["state"], "unknown");
  EXPECT_EQ(k["stores"][1]["detail"], "pkcs12.password_missing") << k["stores"][1].dump();
  EXPECT_EQ(k["stores"][1]["error_kind"], "BAD_PASSWORD");
}

TEST_F(CheckRunTest, UnreadableStoreIsUnknownAndTheAnswerIsNotReady) {
  CheckRequest r = Request();
  r.stores.specs.push_back({p12_, std::nullopt});
  auto report = check::Run(r);
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  ASSERT_EQ(report->stores.size(), 2u);
  EXPECT_EQ(report->stores[0].state, StoreState::kReady);
  EXPECT_EQ(report->stores[1].state, StoreState::kUnknown);
  EXPECT_NE(report->stores[1].unknown_reason.find("password"), std::string::npos);
  EXPECT_NE(report->stores[1].unknown_fix.find("--password"), std::string::npos);
  EXPECT_FALSE(report->stores_ready);
  EXPECT_FALSE(report->ready);
  EXPECT_EQ(report->outcome, CheckOutcome::kNo);

  nlohmann::json j = CheckReportToJson(*report);
  EXPECT_EQ(Joined(Schema().Validate(j)), "");
  EXPECT_EQ(j["ready"], false);
  ASSERT_EQ(j["unknown"].size(), 1u);
  EXPECT_EQ(j["unknown"][0]["store"], p12_);
  EXPECT_EQ(j["stores"][1]["state"], "unknown");
  EXPECT_EQ(j["stores"][0]["state"], "ready");

  std::string text = CheckReportToText(*report);
  EXPECT_NE(text.find("store.p12  UNKNOWN"), std::string::npos) << text;
  EXPECT_NE(text.find("Verdict: UNKNOWN - 1 of 2 stores ready for amazon-trust-services, 1 could not be read"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("\x1b["), std::string::npos) << "colour without style.color";
  EXPECT_NE(CheckReportToText(*report, TextStyle{true}).find("\x1b[33mUNKNOWN\x1b[0m"), std::string::npos);

  // With its password, the store is judged (Root CA 3 alone: not ready).
  r.stores.specs.back().password = "s3cret-pw";
  auto judged = check::Run(r);
  ASSERT_TRUE(judged.ok());
  EXPECT_EQ(judged->stores[1].state, StoreState::kNotReady);
  EXPECT_TRUE(judged->UnknownStores().empty());
  EXPECT_EQ(Joined(Schema().Validate(CheckReportToJson(*judged))), "");
}

TEST_F(CheckRunTest, TargetsFromAStreamAndAFileEachGetTheirOwnResult) {
  // `check -`: the Amazon demo leaf, its issuing CA and the cross-certificate.
  std::istringstream in(Pem(kAts + "valid.rootca4.demo.amazontrust.com.cer") + Pem(kAts + "e3m02.cer") +
                        Pem(kAts + "rootca4.cer"));
  CheckRequest r = Request();
  r.stdin_stream = &in;
  r.host = "valid.rootca4.demo.amazontrust.com";
  // The leaf alone (no intermediate): not trusted.
  r.targets = {"-", kAts + "valid.rootca4.demo.amazontrust.com.cer"};
  auto report = check::Run(r);
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  ASSERT_EQ(report->targets.size(), 2u);
  EXPECT_EQ(report->targets[0].status, TargetStatus::kTrusted);
  EXPECT_EQ(report->targets[0].chain.size(), 3u);
  EXPECT_TRUE(report->targets[0].serves_profile);
  EXPECT_EQ(report->targets[1].status, TargetStatus::kNotTrusted);
  EXPECT_FALSE(report->ready);
  EXPECT_EQ(report->outcome, CheckOutcome::kNo);
  EXPECT_TRUE(report->profile_applies);
  nlohmann::json j = CheckReportToJson(*report);
  EXPECT_EQ(Joined(Schema().Validate(j)), "");
  EXPECT_EQ(j["targets"][0]["target"], "-");
  EXPECT_EQ(j["targets"][0]["status"], "trusted");
  EXPECT_EQ(j["targets"][1]["status"], "not_trusted");
  std::string text = CheckReportToText(*report);
  EXPECT_NE(text.find("Verdict: NOT TRUSTED - 1 of 2 targets trusted by all 1 store"), std::string::npos) << text;
}

TEST_F(CheckRunTest, AnErroredTargetIsAnEntryAndTheWorstOutcome) {
  // Rendering of a target that could not be reached (what CheckTarget
  // returns on a network failure), beside a trusted one.
  auto report = check::Run(Request());
  ASSERT_TRUE(report.ok());
  TargetCheck down;
  down.target = "https://127.0.0.1:9/";
  down.live = true;
  down.status = TargetStatus::kError;
  down.error = "127.0.0.1:9: cannot connect (Connection refused)";
  report->targets.push_back(down);
  nlohmann::json j = CheckReportToJson(*report);
  EXPECT_EQ(Joined(Schema().Validate(j)), "");
  EXPECT_EQ(j["targets"][0]["status"], "error");
  EXPECT_EQ(j["targets"][0]["error"], down.error);
  // The schema ties status and error together.
  j["targets"][0]["error"] = nullptr;
  EXPECT_NE(Joined(Schema().Validate(j)), "");
  std::string text = CheckReportToText(*report);
  EXPECT_NE(text.find("https://127.0.0.1:9/  ERROR: 127.0.0.1:9: cannot connect"), std::string::npos) << text;
  // Standard error gets one line for it, and none for the trusted target.
  EXPECT_EQ(CheckTargetErrorsToText(*report), "trustready: https://127.0.0.1:9/: 127.0.0.1:9: cannot connect (Connection refused)\n");
}

TEST_F(CheckRunTest, PlatformStoresAreTheSnapshotsJudged) {
  // The answer's data date comes from these: platform snapshots only, in order.
  CheckRequest r = Request();
  r.stores.specs.push_back({"android:7.0", std::nullopt});
  auto report = check::Run(r);
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  ASSERT_EQ(report->stores.size(), 2u);
  EXPECT_EQ(report->PlatformStores(), std::vector<std::string>{"android:7.0"});
}

TEST_F(CheckRunTest, BadInputIsAnErrorNamingIt) {
  CheckRequest r = Request();
  r.targets = {(dir_ / "missing.pem").string()};
  auto missing = check::Run(r);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("missing.pem: no such file"), std::string::npos) << missing.error().message;

  std::istringstream empty("");
  r.targets = {"-"};
  r.stdin_stream = &empty;
  auto nothing = check::Run(r);
  ASSERT_FALSE(nothing.ok());
  EXPECT_NE(nothing.error().message.find("standard input"), std::string::npos);

  r = Request();
  r.stores.specs = {{(dir_ / "nope.pem").string(), std::nullopt}};
  auto store = check::Run(r);
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.error().message.find("nope.pem"), std::string::npos);

  r = Request();
  r.profile = "no-such-profile";
  EXPECT_FALSE(check::Run(r).ok());
  r = Request();
  r.pins = {"sha1/abc"};
  EXPECT_FALSE(check::Run(r).ok());
}

TEST_F(CheckRunTest, ChainsOfOtherCasAreNotFramedAsTheMigration) {
  // ISRG Root X1 judged as a "chain": not the Amazon migration.
  CheckRequest r = Request();
  const std::string isrg = std::string(TR_SOURCE_DIR) + "/data/catalog/isrg/roots/ISRG-Root-X1.pem";
  r.stores.specs = {{isrg, std::nullopt}};
  r.targets = {isrg};
  auto report = check::Run(r);
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  EXPECT_FALSE(report->profile_applies);
  EXPECT_EQ(Joined(Schema().Validate(CheckReportToJson(*report))), "");
  std::string text = CheckReportToText(*report);
  EXPECT_EQ(text.find("migration CAs"), std::string::npos) << text;
  EXPECT_EQ(text.find("Profile amazon-trust-services"), std::string::npos) << text;
  EXPECT_EQ(text.find("Readiness of the same stores"), std::string::npos) << text;
}

TEST(StoreSpec, PasswordSuffix) {
  StoreSpec s = ParseStoreSpec("/x/cacerts#password=a#b");
  EXPECT_EQ(s.spec, "/x/cacerts");
  ASSERT_TRUE(s.password.has_value());
  EXPECT_EQ(*s.password, "a#b");
  s = ParseStoreSpec("android:7.0");
  EXPECT_EQ(s.spec, "android:7.0");
  EXPECT_FALSE(s.password.has_value());
}

}  // namespace
}  // namespace trustready
