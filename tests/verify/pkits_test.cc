// NIST PKITS 1.0.1 conformance: all 249 cases of
// ../shared/data/nist-pkits/pkits.json, each with its RFC 5280 6.1.1
// inputs, through VerifyChain with the RFC 5280 profile (no web profile:
// PKITS is a general-purpose PKI). Every case must match PKITS's expected
// result unless tests/data/pkits/exceptions.json lists it with the result
// we give; an unlisted divergence and a listed case that no longer
// diverges both fail loudly. One line per case goes to stdout.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "trustready/verify/verify.h"
#include "trustready/x509/crl.h"
#include "trustready/x509/pem.h"
#include "test_paths.h"

namespace trustready {
namespace {

using nlohmann::json;

const std::string kDir = std::string(TR_SHARED_DATA) + "/nist-pkits/";

struct PkitsCase {
  std::string id, title;
  bool expected = false;
  bool actual = false;
  bool revoked_ee = false;   // the end entity was reported revoked
  std::string context;       // most specific error, or input problems
  std::optional<std::vector<std::string>> expected_policies;
  std::vector<std::string> actual_policies;
};

struct Exception {
  std::string expected, actual, reason;
};

Result<CertificatePtr> LoadCert(const std::string& name) {
  auto bytes = ReadFile(kDir + "certs/" + name);
  if (!bytes.ok()) return bytes.error();
  return Certificate::Parse(std::vector<uint8_t>(bytes->begin(), bytes->end()));
}

std::vector<uint8_t> OidBytes(const std::string& dotted) {
  auto oid = der::OidFromString(dotted);
  return oid.ok() ? *oid : std::vector<uint8_t>{};
}

PkitsCase RunCase(const json& tc, UnixTime time) {
  PkitsCase r;
  r.id = tc.at("id");
  r.title = tc.at("title");
  r.expected = tc.at("should_validate");
  if (tc.contains("expected_user_constrained_policy_set")) {
    r.expected_policies = tc["expected_user_constrained_policy_set"].get<std::vector<std::string>>();
  }
  auto fail = [&](std::string why) {
    r.actual = false;
    r.context = std::move(why);
    return r;
  };
  auto anchor = LoadCert(tc.at("trust_anchor"));
  if (!anchor.ok()) return fail("trust anchor: " + anchor.error().ToString());
  TrustStore store("pkits", StoreFormat::kDer, "nist-pkits");
  store.Add(TrustAnchor{*anchor, {}, "pkits"});
  std::vector<CertificatePtr> untrusted;
  for (const auto& name : tc.at("intermediates")) {
    auto c = LoadCert(name);
    if (!c.ok()) return fail(name.get<std::string>() + ": " + c.error().ToString());
    untrusted.push_back(*c);
  }
  auto ee = LoadCert(tc.at("end_entity"));
  if (!ee.ok()) return fail("end entity: " + ee.error().ToString());

  VerifyOptions options;
  options.time = time;
  options.purpose = VerifyPurpose::kAny;
  options.profile = VerifyProfile::kRfc5280;
  for (const auto& name : tc.at("crls")) {
    auto crls = LoadCrlsFromFile(kDir + "crls/" + name.get<std::string>());
    if (!crls.ok()) return fail("CRL " + name.get<std::string>() + ": " + crls.error().ToString());
    options.crls.insert(options.crls.end(), crls->begin(), crls->end());
  }
  const json& in = tc.at("inputs");
  if (in.contains("initial_policy_set")) {
    options.policy.initial_policy_set.clear();
    for (const auto& p : in["initial_policy_set"]) options.policy.initial_policy_set.push_back(OidBytes(p));
  }
  options.policy.initial_explicit_policy = in.value("initial_explicit_policy", false);
  options.policy.initial_policy_mapping_inhibit = in.value("initial_policy_mapping_inhibit", false);
  options.policy.initial_inhibit_any_policy = in.value("initial_inhibit_any_policy", false);
  // PKITS gives every CRL needed: a certificate whose status cannot be
  // determined fails, as RFC 5280 6.3 says when status is required.
  options.require_revocation_status = true;

  VerifyResult v = VerifyChain(*ee, untrusted, store, options);
  r.actual = v.trusted;
  if (v.trusted) {
    if (const VerifiedPath* p = v.ValidPath()) {
      for (const auto& oid : p->user_constrained_policy_set) {
        r.actual_policies.push_back(der::OidToString(der::Input(oid.data(), oid.size())));
      }
    }
  } else {
    r.context = std::string(VerifyErrorCodeName(v.most_specific.code)) + ": " + v.most_specific.message;
  }
  for (const VerifiedPath& p : v.paths) {
    for (const VerifyError& e : p.errors) {
      if (e.code == VerifyErrorCode::kRevoked && e.certificate == 0) r.revoked_ee = true;
    }
  }
  return r;
}

class PkitsConformance : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto text = ReadFile(kDir + "pkits.json");
    ASSERT_TRUE(text.ok()) << text.error().ToString();
    json doc = json::parse(*text);
    auto time = ParseRfc3339(doc.at("time").get<std::string>());
    ASSERT_TRUE(time.ok());
    results_ = new std::vector<PkitsCase>();
    for (const json& tc : doc.at("testcases")) results_->push_back(RunCase(tc, *time));
    auto ex = ReadFile(std::string(TR_TEST_DATA) + "/pkits/exceptions.json");
    ASSERT_TRUE(ex.ok()) << ex.error().ToString();
    exceptions_ = new std::map<std::string, Exception>();
    const json exdoc = json::parse(*ex);  // kept alive for the loop
    for (const auto& e : exdoc.at("exceptions")) {
      (*exceptions_)[e.at("id")] = {e.at("expected"), e.at("actual"), e.at("reason")};
    }
    int matched = 0;
    for (const PkitsCase& r : *results_) {
      const bool match = r.actual == r.expected;
      matched += match;
      std::printf("pkits %-8s %-5s expected %-7s got %-7s %s%s\n", r.id.c_str(), match ? "ok" : "DIFF",
                  r.expected ? "SUCCESS" : "FAILURE", r.actual ? "SUCCESS" : "FAILURE",
                  r.title.c_str(), r.context.empty() ? "" : (" -- " + r.context).c_str());
    }
    std::printf("pkits: %d/%zu match\n", matched, results_->size());
  }
  static void TearDownTestSuite() {
    delete results_;
    delete exceptions_;
  }
  static std::vector<PkitsCase>* results_;
  static std::map<std::string, Exception>* exceptions_;
};
std::vector<PkitsCase>* PkitsConformance::results_ = nullptr;
std::map<std::string, Exception>* PkitsConformance::exceptions_ = nullptr;

std::string Name(bool ok) { return ok ? "SUCCESS" : "FAILURE"; }

TEST_F(PkitsConformance, RunsEveryCase) {
  ASSERT_NE(results_, nullptr);
  EXPECT_EQ(results_->size(), 249u);
}

TEST_F(PkitsConformance, AtLeast245Match) {
  ASSERT_NE(results_, nullptr);
  int matched = 0;
  for (const PkitsCase& r : *results_) matched += r.actual == r.expected;
  EXPECT_GE(matched, 245) << "PKITS score is " << matched << "/249";
}

TEST_F(PkitsConformance, NoRevokedEndEntityIsAccepted) {
  ASSERT_NE(results_, nullptr);
  for (const PkitsCase& r : *results_) {
    const bool about_revocation = r.title.find("Revoked") != std::string::npos;
    if (about_revocation && !r.expected) {
      EXPECT_FALSE(r.actual) << r.id << " " << r.title;
    }
  }
}

TEST_F(PkitsConformance, DivergencesAreExactlyTheListedExceptions) {
  ASSERT_NE(results_, nullptr);
  std::set<std::string> seen;
  for (const PkitsCase& r : *results_) {
    auto it = exceptions_->find(r.id);
    if (it == exceptions_->end()) {
      EXPECT_EQ(r.actual, r.expected) << "UNEXPECTED " << (r.actual ? "PASS" : "FAILURE") << " in "
                                      << r.id << " (" << r.title << "): " << r.context;
      continue;
    }
    seen.insert(r.id);
    EXPECT_EQ(it->second.expected, Name(r.expected)) << r.id << ": exceptions.json has a stale expected result";
    EXPECT_EQ(Name(r.actual), it->second.actual)
        << r.id << " no longer diverges as listed (now " << Name(r.actual) << ": " << r.context
        << "); remove it from tests/data/pkits/exceptions.json";
    EXPECT_FALSE(it->second.reason.empty()) << r.id;
  }
  for (const auto& [id, e] : *exceptions_) {
    EXPECT_TRUE(seen.count(id)) << "exceptions.json lists " << id << ", which is not in the suite";
  }
}

TEST_F(PkitsConformance, UserConstrainedPolicySetMatches) {
  ASSERT_NE(results_, nullptr);
  int checked = 0;
  for (const PkitsCase& r : *results_) {
    if (!r.expected_policies || !r.actual || !r.expected) continue;
    if (exceptions_->count(r.id)) continue;
    std::set<std::string> want(r.expected_policies->begin(), r.expected_policies->end());
    std::set<std::string> got(r.actual_policies.begin(), r.actual_policies.end());
    EXPECT_EQ(got, want) << r.id << " " << r.title;
    ++checked;
  }
  EXPECT_GE(checked, 10);
}

}  // namespace
}  // namespace trustready
