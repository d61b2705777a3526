// report/{plan,profile,cert_show,pki,limbo}_report: each document against
// its schema, and the text forms.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "report_test_util.h"
#include "trustready/report/cert_show_report.h"
#include "trustready/report/limbo_report.h"
#include "trustready/report/pki_report.h"
#include "trustready/report/plan_report.h"
#include "trustready/report/profile_report.h"
#include "trustready/pki/verify_cases.h"
#include "trustready/verify/limbo.h"

namespace trustready {
namespace {

using report_test::Amazon;
using report_test::HasEscape;
using report_test::Violations;

TEST(PlanReport, JsonFollowsItsSchemaAndTextSummarises) {
  auto leaf = Amazon("valid.rootca1.demo.amazontrust.com.cer");
  std::vector<CertificatePtr> old_chain = {leaf, Amazon("r2m03.cer"), Amazon("rootca1.cer")};
  std::vector<CertificatePtr> new_chain = {leaf, Amazon("r2m03.cer")};
  PlanOptions o;
  o.platforms = "android:all,apple:latest";
  o.at = *ParseRfc3339("2024-06-01T00:00:00Z");
  auto plan = Plan(old_chain, new_chain, {}, o);
  ASSERT_TRUE(plan.ok()) << plan.error().ToString();
  const std::string doc = PlanToJson(*plan);
  EXPECT_EQ(Violations(doc, "plan.schema.json"), "");
  auto j = nlohmann::json::parse(doc);
  EXPECT_EQ(j["matrix"].size(), plan->snapshots.size());
  EXPECT_EQ(j["breaking"].size(), plan->breaking.size());
  const std::string text = PlanToText(*plan, {});
  EXPECT_FALSE(HasEscape(text));
  EXPECT_EQ(text.rfind("Migration plan  judged at 2024-06-01T00:00:00Z against " +
                           std::to_string(plan->snapshots.size()) + " platform snapshots",
                       0),
            0u)
      << text;
  EXPECT_NE(text.find(plan->breaking.empty() ? "No breaking clients" : "breaking platform versions"),
            std::string::npos);
  EXPECT_TRUE(HasEscape(PlanToText(*plan, {.color = true})));
}

TEST(ProfileReport, EveryShippedProfileFollowsTheSchema) {
  std::vector<MigrationProfile> profiles;
  for (const auto& name : ListProfiles()) {
    auto p = LoadProfile(name);
    ASSERT_TRUE(p.ok()) << name << ": " << p.error().ToString();
    profiles.push_back(std::move(p).value());
  }
  ASSERT_FALSE(profiles.empty());
  EXPECT_EQ(Violations(ProfilesToJson(profiles), "profiles.schema.json"), "");
  // `show` prints one item of the array.
  EXPECT_EQ(Violations("[" + ProfileDocument(profiles[0]) + "]", "profiles.schema.json"), "");
  const std::string list = ProfilesToText(profiles, {});
  EXPECT_EQ(static_cast<size_t>(std::count(list.begin(), list.end(), '\n')), profiles.size());
  const std::string one = ProfileToText(profiles[0], {});
  EXPECT_EQ(one.rfind(profiles[0].name + ": " + profiles[0].title + "\n", 0), 0u) << one;
  EXPECT_NE(one.find("  roots:\n"), std::string::npos);
}

TEST(CertShowReport, JsonFollowsItsSchema) {
  std::vector<ShownCertificate> certs = {{"a.pem", Amazon("AmazonRootCA1.cer")},
                                         {"-", Amazon("valid.rootca1.demo.amazontrust.com.cer")}};
  const std::string doc = CertificatesToJson(certs);
  EXPECT_EQ(Violations(doc, "cert-show.schema.json"), "");
  auto j = nlohmann::json::parse(doc);
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[1]["file"], "-");
  EXPECT_EQ(CertificatesToJson({}), "[]\n");
  const std::string text = CertificatesToText(certs, {});
  EXPECT_NE(text.find("\n\n"), std::string::npos);  // blank line between certificates
  EXPECT_FALSE(HasEscape(text));
}

TEST(PkiReport, DemoManifestFollowsItsSchema) {
  report_test::TempDir dir("pki");
  DemoPkiOptions o;
  o.out_dir = dir / "pki";
  auto pki = CreateDemoPki(o);
  ASSERT_TRUE(pki.ok()) << pki.error().ToString();
  const std::string doc = DemoPkiToJson(*pki);
  EXPECT_EQ(Violations(doc, "pki-demo.schema.json"), "");
  auto j = nlohmann::json::parse(doc);
  EXPECT_EQ(j["dir"], pki->dir);
  EXPECT_EQ(j["reused"], false);
  const std::string text = DemoPkiToText(*pki, {});
  EXPECT_EQ(text.rfind("Wrote a demo PKI to " + pki->dir + "\n", 0), 0u) << text;
  EXPECT_NE(text.find("\nmanifest: " + pki->dir + "/manifest.json\n"), std::string::npos);
  // One line per certificate and CRL.
  size_t rows = 0;
  for (size_t at = 0; (at = text.find("\n  ", at)) != std::string::npos; ++at) ++rows;
  EXPECT_EQ(rows, pki->entries.size() + pki->crls.size());
}

// `pki verify-cases DIR`: the generator run for real (the committed keys
// of tests/data/verify, so no key is generated), its case list as text (one
// DIR/NAME line per folder written) and as JSON against
// pki-verify-cases.schema.json; every case folder named exists.
TEST(PkiReport, VerifyCasesFollowTheirSchema) {
  report_test::TempDir dir("verify-cases");
  const std::string out = dir / "cases";
  auto names = WriteVerifyCases(out, std::string(TR_SOURCE_DIR) + "/tests/data/verify/keys");
  ASSERT_TRUE(names.ok()) << names.error().ToString();
  ASSERT_GE(names->size(), 15u);
  const std::string doc = VerifyCasesToJson(out, *names);
  EXPECT_EQ(Violations(doc, "pki-verify-cases.schema.json"), "");
  auto j = nlohmann::json::parse(doc);
  ASSERT_EQ(j["cases"].size(), names->size());
  for (const auto& c : j["cases"]) {
    EXPECT_TRUE(std::filesystem::exists(c["dir"].get<std::string>() + "/case.json")) << c.dump();
  }
  const std::string text = VerifyCasesToText(out, *names);
  EXPECT_EQ(text.rfind(out + "/" + names->front() + "\n", 0), 0u) << text;
  EXPECT_EQ(static_cast<size_t>(std::count(text.begin(), text.end(), '\n')), names->size());
  j["cases"][0].erase("dir");
  EXPECT_NE(Violations(j.dump(), "pki-verify-cases.schema.json"), "");
}

TEST(LimboReport, MismatchesThenCounts) {
  LimboRun run;
  run.results = {{"a", "SUCCESS", "SUCCESS", ""}, {"b", "FAILURE", "SUCCESS", "why"}, {"c", "SUCCESS", "SKIPPED", "x"}};
  run.matched = 1;
  run.mismatched = 1;
  run.skipped = 1;
  EXPECT_EQ(LimboSummaryToText(run, false),
            "  MISMATCH b: expected FAILURE, got SUCCESS (why)\n"
            "  skipped  c: expected SUCCESS, got SKIPPED (x)\n"
            "limbo: 1 of 3 cases match the expected result (1 differ, 1 skipped)\n");
  EXPECT_EQ(LimboSummaryToText(run, true).rfind("  match    a: expected SUCCESS, got SUCCESS ()\n", 0), 0u);
}

// `trustready limbo FILE`'s harness document (LimboResultJson) against
// docs/schemas/limbo.schema.json, on a run of real x509-limbo cases (the
// first 60 of the shared suite: successes, failures and skips).
TEST(LimboReport, ResultDocumentFollowsItsSchema) {
  std::ifstream in(std::string(TR_SHARED_DATA) + "/x509-limbo/limbo.json");
  ASSERT_TRUE(in.good());
  nlohmann::json suite = nlohmann::json::parse(in);
  suite["testcases"].erase(suite["testcases"].begin() + 60, suite["testcases"].end());
  auto run = RunLimbo(suite.dump());
  ASSERT_TRUE(run.ok()) << run.error().ToString();
  ASSERT_EQ(run->results.size(), 60u);
  std::set<std::string> actual;
  for (const auto& r : run->results) actual.insert(r.actual);
  EXPECT_GE(actual.size(), 2u) << "the slice should hold more than one outcome";
  const std::string doc = LimboResultJson(*run);
  EXPECT_EQ(Violations(doc, "limbo.schema.json"), "");
  auto j = nlohmann::json::parse(doc);
  j["results"][0]["actual_result"] = "MAYBE";
  EXPECT_NE(Violations(j.dump(), "limbo.schema.json"), "");
}

}  // namespace
}  // namespace trustready
