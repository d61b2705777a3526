// The registry of verify's detail ids (VerifyDetailIds(), verify.h) is a
// JSON contract: this table pins every id with its code. Adding a check
// adds a row here; a row that must change means the id must not (add a new
// one). Every id literal in src/verify/*.cc is in the registry, so a typo
// at a call site cannot reach a user unnoticed.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "test_paths.h"
#include "trustready/verify/verify.h"

namespace trustready {
namespace {

const std::map<std::string, std::string> kPinned = {
    {"issuer.not_found", "UNKNOWN_ISSUER"},
    {"issuer.no_path", "UNKNOWN_ISSUER"},
    {"issuer.no_target", "UNKNOWN_ISSUER"},
    {"client.anchor_not_self_signed", "UNKNOWN_ISSUER"},
    {"budget.signature_checks", "BUDGET_EXHAUSTED"},
    {"budget.builder_steps", "BUDGET_EXHAUSTED"},
    {"budget.deadline", "BUDGET_EXHAUSTED"},
    {"budget.name_constraint_comparisons", "BUDGET_EXHAUSTED"},
    {"budget.policy_graph_size", "BUDGET_EXHAUSTED"},
    {"path.max_depth", "PATH_TOO_LONG"},
    {"path.max_intermediates", "PATH_TOO_LONG"},
    {"signature.invalid", "BAD_SIGNATURE"},
    {"signature.unsupported_algorithm", "UNSUPPORTED_ALGORITHM"},
    {"crypto.ec_curve", "UNSUPPORTED_ALGORITHM"},
    {"crypto.key_type", "UNSUPPORTED_ALGORITHM"},
    {"crypto.rsa_below_1024", "WEAK_KEY"},
    {"crypto.rsa_web_profile", "WEAK_KEY"},
    {"client.rsa_below_minimum", "WEAK_KEY"},
    {"crypto.sha1_signature", "WEAK_SIGNATURE"},
    {"profile.serial_zero", "MALFORMED"},
    {"profile.serial_negative", "MALFORMED"},
    {"profile.serial_too_long", "MALFORMED"},
    {"profile.version_not_v3", "MALFORMED"},
    {"profile.issuer_empty", "MALFORMED"},
    {"profile.aki_critical", "MALFORMED"},
    {"profile.aki_missing", "MALFORMED"},
    {"profile.ski_critical", "MALFORMED"},
    {"profile.ski_missing", "MALFORMED"},
    {"profile.root_aki_not_key_id", "MALFORMED"},
    {"profile.root_aki_ski_mismatch", "MALFORMED"},
    {"profile.subject_empty_no_san", "MALFORMED"},
    {"profile.san_not_critical", "MALFORMED"},
    {"profile.san_critical", "MALFORMED"},
    {"profile.aia_critical", "MALFORMED"},
    {"profile.policy_constraints_not_critical", "MALFORMED"},
    {"profile.basic_constraints_not_critical", "MALFORMED"},
    {"profile.ca_subject_empty", "MALFORMED"},
    {"profile.key_cert_sign_without_ca", "MALFORMED"},
    {"profile.ca_without_key_cert_sign", "MALFORMED"},
    {"profile.common_name_not_in_san", "MALFORMED"},
    {"extension.unhandled_critical", "UNHANDLED_CRITICAL_EXTENSION"},
    {"basic_constraints.not_v3", "NOT_A_CA"},
    {"basic_constraints.ca_false", "NOT_A_CA"},
    {"basic_constraints.missing", "NOT_A_CA"},
    {"path.length_constraint", "PATH_LENGTH_EXCEEDED"},
    {"key_usage.issuer_lacks_key_cert_sign", "KEY_USAGE"},
    {"key_usage.target_ca_lacks_key_cert_sign", "KEY_USAGE"},
    {"key_usage.required_bit_missing", "KEY_USAGE"},
    {"eku.purpose_missing", "EXTENDED_KEY_USAGE"},
    {"eku.leaf_any_eku", "EXTENDED_KEY_USAGE"},
    {"eku.leaf_critical", "EXTENDED_KEY_USAGE"},
    {"eku.required_missing", "EXTENDED_KEY_USAGE"},
    {"eku.root_has_eku", "EXTENDED_KEY_USAGE"},
    {"eku.ca_disallows_purpose", "EXTENDED_KEY_USAGE"},
    {"policy.none_acceptable_on_path", "POLICY"},
    {"policy.any_policy_mapped", "POLICY"},
    {"policy.explicit_none_valid", "POLICY"},
    {"policy.explicit_none_acceptable", "POLICY"},
    {"name_constraints.in_end_entity", "NAME_CONSTRAINTS"},
    {"name_constraints.no_subtrees", "NAME_CONSTRAINTS"},
    {"name_constraints.dns_constraint_invalid", "NAME_CONSTRAINTS"},
    {"name_constraints.email_constraint_invalid", "NAME_CONSTRAINTS"},
    {"name_constraints.ip_constraint_invalid", "NAME_CONSTRAINTS"},
    {"name_constraints.san_directory_name_invalid", "NAME_CONSTRAINTS"},
    {"name_constraints.dns_name_malformed", "NAME_CONSTRAINTS"},
    {"name_constraints.email_malformed", "NAME_CONSTRAINTS"},
    {"name_constraints.uri_without_host", "NAME_CONSTRAINTS"},
    {"name_constraints.form_unsupported", "NAME_CONSTRAINTS"},
    {"name_constraints.excluded", "NAME_CONSTRAINTS"},
    {"name_constraints.not_permitted", "NAME_CONSTRAINTS"},
    {"trust.intermediate_distrusted", "DISTRUSTED"},
    {"trust.anchor_distrusted", "DISTRUSTED"},
    {"trust.distrust_after", "DISTRUSTED"},
    {"trust.sct_constraint", "DISTRUSTED"},
    {"client.ca_distrust_policy", "DISTRUSTED"},
    {"trust.anchor_purpose", "ANCHOR_PURPOSE"},
    {"validity.not_yet_valid", "NOT_YET_VALID"},
    {"validity.expired", "EXPIRED"},
    {"revocation.revoked", "REVOKED"},
    {"revocation.crl_unusable", "CRL_INVALID"},
    {"revocation.status_unknown", "REVOCATION_UNKNOWN"},
    {"host.mismatch", "HOSTNAME_MISMATCH"},
};

TEST(VerifyDetail, RegistryMatchesThePinnedTable) {
  std::map<std::string, std::string> actual;
  for (const VerifyDetailInfo& d : VerifyDetailIds()) {
    EXPECT_TRUE(actual.emplace(std::string(d.id), std::string(VerifyErrorCodeName(d.code))).second)
        << "registered twice: " << d.id;
    EXPECT_TRUE(std::regex_match(std::string(d.id), std::regex("^[a-z0-9_]+(\\.[a-z0-9_]+)+$"))) << d.id;
  }
  for (const auto& [id, code] : kPinned) {
    auto it = actual.find(id);
    if (it == actual.end()) {
      ADD_FAILURE() << "detail id removed or renamed: " << id;
    } else {
      EXPECT_EQ(it->second, code) << id << " moved to another code";
    }
  }
  for (const auto& [id, code] : actual) {
    EXPECT_TRUE(kPinned.count(id)) << "new detail id " << id << " (" << code << "): pin it in this table";
  }
}

// Each code's failures are told apart: MALFORMED, the code that used to
// cover twenty different rules, has one id per rule.
TEST(VerifyDetail, MalformedHasOneIdPerRule) {
  int malformed = 0;
  for (const VerifyDetailInfo& d : VerifyDetailIds()) malformed += d.code == VerifyErrorCode::kMalformed;
  EXPECT_GE(malformed, 20);
}

TEST(VerifyDetail, EveryIdUsedInTheSourcesIsRegistered) {
  std::set<std::string> registered;
  for (const VerifyDetailInfo& d : VerifyDetailIds()) registered.insert(std::string(d.id));
  const std::regex literal("\"((issuer|client|budget|path|signature|crypto|profile|extension|basic_constraints|"
                           "key_usage|eku|policy|name_constraints|trust|validity|revocation|host)\\.[a-z0-9_]+)\"");
  std::set<std::string> used;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(TR_SOURCE_DIR) + "/src/verify")) {
    if (entry.path().extension() != ".cc" || entry.path().filename() == "verify_errors.cc") continue;
    std::ifstream in(entry.path());
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    for (std::sregex_iterator it(text.begin(), text.end(), literal), end; it != end; ++it) {
      const std::string id = (*it)[1];
      used.insert(id);
      EXPECT_TRUE(registered.count(id)) << entry.path().filename().string() << " uses unregistered id " << id;
    }
  }
  // And the other way: every registered id is reported somewhere.
  for (const std::string& id : registered) EXPECT_TRUE(used.count(id)) << "registered but never used: " << id;
}

}  // namespace
}  // namespace trustready
