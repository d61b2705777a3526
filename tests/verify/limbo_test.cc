// x509-limbo conformance: every case must match its expected result unless
// listed in tests/data/limbo/exceptions.json with the actual result we
// give; an unlisted divergence and a listed case that no longer diverges
// both fail loudly. And at least 200 of the 207 cases match.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "trustready/report/limbo_report.h"
#include "trustready/verify/limbo.h"
#include "trustready/x509/pem.h"
#include "test_paths.h"

namespace trustready {
namespace {

struct Exception {
  std::string expected, actual, reason;
};

class LimboConformance : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto text = ReadFile(std::string(TR_SHARED_DATA) + "/x509-limbo/limbo.json");
    ASSERT_TRUE(text.ok()) << text.error().ToString();
    auto r = RunLimbo(*text);
    ASSERT_TRUE(r.ok()) << r.error().ToString();
    run_ = new LimboRun(std::move(*r));
    auto ex = ReadFile(std::string(TR_TEST_DATA) + "/limbo/exceptions.json");
    ASSERT_TRUE(ex.ok());
    auto doc = nlohmann::json::parse(*ex);
    exceptions_ = new std::map<std::string, Exception>();
    for (const auto& e : doc.at("exceptions")) {
      (*exceptions_)[e.at("id")] = {e.at("expected"), e.at("actual"), e.at("reason")};
    }
  }
  static void TearDownTestSuite() {
    delete run_;
    delete exceptions_;
  }
  static LimboRun* run_;
  static std::map<std::string, Exception>* exceptions_;
};
LimboRun* LimboConformance::run_ = nullptr;
std::map<std::string, Exception>* LimboConformance::exceptions_ = nullptr;

TEST_F(LimboConformance, RunsEveryCase) {
  ASSERT_NE(run_, nullptr);
  EXPECT_EQ(run_->results.size(), 207u);
  EXPECT_EQ(run_->skipped, 0);
}

TEST_F(LimboConformance, AtLeast200Match) {
  ASSERT_NE(run_, nullptr);
  EXPECT_GE(run_->matched, 200) << "x509-limbo score fell to " << run_->matched << "/207";
}

TEST_F(LimboConformance, DivergencesAreExactlyTheListedExceptions) {
  ASSERT_NE(run_, nullptr);
  std::set<std::string> seen;
  for (const LimboCaseResult& r : run_->results) {
    auto it = exceptions_->find(r.id);
    if (it == exceptions_->end()) {
      EXPECT_EQ(r.actual, r.expected) << "UNEXPECTED " << (r.actual == "SUCCESS" ? "PASS" : "FAILURE")
                                      << " in " << r.id << ": " << r.context;
      continue;
    }
    seen.insert(r.id);
    EXPECT_EQ(it->second.expected, r.expected) << r.id << ": exceptions.json has a stale expected result";
    EXPECT_EQ(r.actual, it->second.actual)
        << r.id << " no longer diverges as listed (now " << r.actual << ": " << r.context
        << "); remove it from tests/data/limbo/exceptions.json";
    EXPECT_FALSE(it->second.reason.empty()) << r.id;
  }
  for (const auto& [id, e] : *exceptions_) {
    EXPECT_TRUE(seen.count(id)) << "exceptions.json lists " << id << ", which is not in the suite";
  }
}

TEST_F(LimboConformance, HarnessJsonHasTheX509LimboShape) {
  ASSERT_NE(run_, nullptr);
  auto doc = nlohmann::json::parse(LimboResultJson(*run_));
  EXPECT_EQ(doc["version"], 1);
  EXPECT_EQ(doc["harness"].get<std::string>().rfind("trustready-", 0), 0u);
  ASSERT_EQ(doc["results"].size(), run_->results.size());
  for (const auto& r : doc["results"]) {
    EXPECT_TRUE(r.contains("id") && r.contains("context"));
    const std::string a = r["actual_result"];
    EXPECT_TRUE(a == "SUCCESS" || a == "FAILURE" || a == "SKIPPED") << a;
  }
}

TEST_F(LimboConformance, FailuresCarryTheirReason) {
  // Every FAILURE names a typed error or an input problem.
  for (const LimboCaseResult& r : run_->results) {
    if (r.actual != "FAILURE") continue;
    EXPECT_FALSE(r.context.empty()) << r.id;
  }
}

TEST(LimboInput, RejectsWhatIsNotASuite) {
  EXPECT_FALSE(RunLimbo("").ok());
  EXPECT_FALSE(RunLimbo("{\"version\": 1}").ok());
  EXPECT_FALSE(RunLimbo("[1,2").ok());
  EXPECT_FALSE(RunLimbo("{\"testcases\": [{\"id\": \"x\"}]}").ok());
}

}  // namespace
}  // namespace trustready
