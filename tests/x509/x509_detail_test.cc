// Detail ids of the certificate parser's errors (result.h "Detail ids"):
// certificates generated with OpenSSL that break one rule each, and the id
// each must give. The table is the stability contract (an id changed here
// breaks `--json` consumers: add a new id instead). Distinct failures give
// distinct ids; every failure the parser can reach on a mangled certificate
// carries one.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>
#include <vector>

#include "trustready/x509/name.h"
#include "trustready/x509/pem.h"
#include "verify/cert_builder.h"

namespace trustready {
namespace {

using Bytes = std::vector<uint8_t>;
using test_pki::Ca;
using test_pki::Issued;
using test_pki::Leaf;

Error ParseError(const Bytes& der) {
  auto c = Certificate::Parse(der);
  EXPECT_FALSE(c.ok()) << "parsed although it should not";
  return c.ok() ? Error{} : c.error();
}

// An extension given by its DER value on an otherwise plain leaf.
Bytes LeafWith(const std::string& oid, const Bytes& value, bool critical = false) {
  static Issued ca = Ca("Detail CA").SelfSigned();
  // Without the defaults, so that no extension is there twice.
  return Leaf()
      .Drop(NID_key_usage)
      .Drop(NID_ext_key_usage)
      .Drop(NID_subject_alt_name)
      .Drop(NID_authority_key_identifier)
      .Raw(oid, critical, value)
      .DerIssuedBy(ca);
}

// Replaces the first occurrence of `from` at or after `start` by `to`
// (same length).
Bytes Patch(Bytes der, const Bytes& from, const Bytes& to, size_t start = 0) {
  auto it = std::search(der.begin() + static_cast<long>(start), der.end(), from.begin(), from.end());
  EXPECT_NE(it, der.end());
  if (it != der.end()) std::copy(to.begin(), to.end(), it);
  return der;
}

const Bytes kEcdsaSha256 = {0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02};
const Bytes kEcdsaSha384 = {0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x03};

struct Row {
  const char* id;
  ErrorKind kind;
  Bytes der;
};

std::vector<Row> Table() {
  Issued ca = Ca("Table CA").SelfSigned();
  const Bytes null_value = {0x05, 0x00};
  const Bytes empty_seq = {0x30, 0x00};
  std::vector<Row> rows = {
      {"x509.extension_duplicate", ErrorKind::kDuplicateExtension,
       Leaf().Raw("1.3.6.1.4.1.55555.1", false, null_value).Raw("1.3.6.1.4.1.55555.1", false, null_value).DerIssuedBy(ca)},
      {"x509.eku_empty", ErrorKind::kBadValue, LeafWith("2.5.29.37", empty_seq)},
      {"x509.name_constraints_empty", ErrorKind::kBadValue, LeafWith("2.5.29.30", empty_seq, true)},
      {"x509.policies_empty", ErrorKind::kBadValue, LeafWith("2.5.29.32", empty_seq)},
      {"x509.policy_mappings_empty", ErrorKind::kBadValue, LeafWith("2.5.29.33", empty_seq)},
      {"x509.policy_constraints_empty", ErrorKind::kBadValue, LeafWith("2.5.29.36", empty_seq, true)},
      {"x509.aia_empty", ErrorKind::kBadValue, LeafWith("1.3.6.1.5.5.7.1.1", empty_seq)},
      {"x509.crl_distribution_points_empty", ErrorKind::kBadValue, LeafWith("2.5.29.31", empty_seq)},
      {"x509.general_names_empty", ErrorKind::kBadValue, LeafWith("2.5.29.18", empty_seq)},  // issuerAltName
      {"x509.general_name_unknown_tag", ErrorKind::kBadTag, LeafWith("2.5.29.18", {0x30, 0x03, 0x89, 0x01, 0x00})},
      {"x509.general_name_wrong_form", ErrorKind::kBadTag, LeafWith("2.5.29.18", {0x30, 0x03, 0xa2, 0x01, 0x00})},
      {"x509.general_name_not_ascii", ErrorKind::kBadString, LeafWith("2.5.29.18", {0x30, 0x03, 0x82, 0x01, 0xe9})},
      {"x509.ip_address_length", ErrorKind::kBadValue, LeafWith("2.5.29.18", {0x30, 0x05, 0x87, 0x03, 10, 0, 0})},
      {"x509.general_subtree_min_max", ErrorKind::kUnsupported,
       // permitted [0] { SEQUENCE { dNSName "a", maximum [1] 1 } }
       LeafWith("2.5.29.30", {0x30, 0x0a, 0xa0, 0x08, 0x30, 0x06, 0x82, 0x01, 'a', 0x81, 0x01, 0x01}, true)},
      {"x509.general_subtrees_empty", ErrorKind::kBadValue, LeafWith("2.5.29.30", {0x30, 0x02, 0xa0, 0x00}, true)},
      {"x509.aki_issuer_serial_mismatch", ErrorKind::kBadValue,
       // AuthorityKeyIdentifier { authorityCertSerialNumber [2] 1 } without the issuer
       LeafWith("2.5.29.35", {0x30, 0x03, 0x82, 0x01, 0x01})},
      {"x509.skip_certs_out_of_range", ErrorKind::kBadValue, LeafWith("2.5.29.54", {0x02, 0x01, 0xff}, true)},
      {"x509.extensions_in_v1_v2", ErrorKind::kBadValue,
       // TBSCertificate.version v3 (2) patched to v2 (1)
       Patch(Leaf().DerIssuedBy(ca), {0xa0, 0x03, 0x02, 0x01, 0x02}, {0xa0, 0x03, 0x02, 0x01, 0x01})},
      {"x509.version_unknown", ErrorKind::kBadValue,
       Patch(Leaf().DerIssuedBy(ca), {0xa0, 0x03, 0x02, 0x01, 0x02}, {0xa0, 0x03, 0x02, 0x01, 0x03})},
  };
  // The outer signatureAlgorithm differs from the TBSCertificate's: patch
  // the second occurrence of the algorithm's OID.
  Bytes leaf = Leaf().DerIssuedBy(ca);
  auto first = std::search(leaf.begin(), leaf.end(), kEcdsaSha256.begin(), kEcdsaSha256.end());
  rows.push_back({"x509.signature_algorithm_mismatch", ErrorKind::kAlgorithmMismatch,
                  Patch(leaf, kEcdsaSha256, kEcdsaSha384, static_cast<size_t>(first - leaf.begin()) + 1)});
  return rows;
}

TEST(X509Detail, EachFailureHasItsStableId) {
  for (const Row& r : Table()) {
    Error e = ParseError(r.der);
    EXPECT_EQ(e.detail, r.id) << e.ToString();
    EXPECT_EQ(ErrorKindName(e.kind), ErrorKindName(r.kind)) << r.id << ": " << e.ToString();
  }
}

TEST(X509Detail, DistinctFailuresHaveDistinctIds) {
  std::set<std::string> ids;
  for (const Row& r : Table()) EXPECT_TRUE(ids.insert(r.id).second) << "id used twice: " << r.id;
}

TEST(X509Detail, TimesNamesAndPem) {
  struct TextRow {
    const char* id;
    Error error;
  };
  auto err = [](const auto& r) { return r.ok() ? Error{} : r.error(); };
  Name name;
  const std::vector<TextRow> rows = {
      {"x509.utc_time_format", err(ParseX509Time(der::kUtcTime, der::Input(std::string_view("2501011200Z"))))},
      {"x509.generalized_time_format",
       err(ParseX509Time(der::kGeneralizedTime, der::Input(std::string_view("20250101120000.5Z"))))},
      {"x509.time_not_digits", err(ParseX509Time(der::kUtcTime, der::Input(std::string_view("25010112000xZ"))))},
      {"x509.time_field_out_of_range", err(ParseX509Time(der::kUtcTime, der::Input(std::string_view("250230120000Z"))))},
      {"x509.time_wrong_tag", err(ParseX509Time(der::kIa5String, der::Input(std::string_view("250101120000Z"))))},
      {"x509.rdn_empty", [&] {
         static const Bytes b = {0x31, 0x00};
         Status s = ParseRdnSequence(der::Input(b.data(), b.size()), &name);
         return s.ok() ? Error{} : s.error();
       }()},
      {"x509.directory_string_invalid", err(DecodeDirectoryString(der::kUtf8String, der::Input(std::string_view("\xff"))))},
      {"x509.directory_string_type", err(DecodeDirectoryString(der::kOctetString, der::Input(std::string_view("a"))))},
      {"pem.end_missing", err(ParsePem("-----BEGIN CERTIFICATE-----\nMAA=\n"))},
      {"pem.end_label_mismatch", err(ParsePem("-----BEGIN CERTIFICATE-----\nMAA=\n-----END X509 CRL-----\n"))},
      {"pem.begin_line_malformed", err(ParsePem("-----BEGIN CERTIFICATE\nMAA=\n"))},
      {"pem.headers_unsupported",
       err(ParsePem("-----BEGIN CERTIFICATE-----\nProc-Type: 4,ENCRYPTED\nMAA=\n-----END CERTIFICATE-----\n"))},
      {"pem.base64_invalid_character", err(ParsePem("-----BEGIN CERTIFICATE-----\nMA*=\n-----END CERTIFICATE-----\n"))},
      {"pem.base64_after_padding", err(Base64Decode("MA=A"))},
      {"pem.base64_length", err(Base64Decode("M"))},
      {"pem.not_pem_or_der", err(LoadCertificatesFromBytes("hello", "x"))},
      {"pem.no_certificate",
       err(LoadCertificatesFromBytes("-----BEGIN X509 CRL-----\nMAA=\n-----END X509 CRL-----\n", "x"))},
  };
  std::set<std::string> ids;
  for (const TextRow& r : rows) {
    EXPECT_EQ(r.error.detail, r.id) << r.error.message;
    EXPECT_TRUE(ids.insert(r.id).second) << r.id;
  }
}

// A certificate cut at every length and with every byte flipped: whatever
// the parser refuses, it refuses with a detail id of the documented shape,
// and loading from a file keeps it.
TEST(X509Detail, EveryReachableFailureCarriesAnId) {
  Issued ca = Ca("Fuzz CA").SelfSigned();
  const Bytes good = Leaf()
                         .Ext(NID_info_access, "caIssuers;URI:http://example.com/ca.cer")
                         .Ext(NID_crl_distribution_points, "URI:http://example.com/ca.crl")
                         // certificatePolicies { { 2.23.140.1.2.1 } }
                         .Raw("2.5.29.32", false, {0x30, 0x0a, 0x30, 0x08, 0x06, 0x06, 0x67, 0x81, 0x0c, 0x01, 0x02, 0x01})
                         .DerIssuedBy(ca);
  ASSERT_TRUE(Certificate::Parse(good).ok());
  const std::regex shape("^(der|x509|pem|crl)\\.[a-z0-9_]+$");
  std::set<std::string> seen;
  int failures = 0;
  auto check = [&](const Bytes& der, const std::string& what) {
    auto c = Certificate::Parse(der);
    if (c.ok()) return;
    ++failures;
    const std::string id(c.error().detail);
    EXPECT_TRUE(std::regex_match(id, shape)) << what << ": '" << id << "' for " << c.error().ToString();
    seen.insert(id);
  };
  for (size_t n = 0; n < good.size(); ++n) check(Bytes(good.begin(), good.begin() + static_cast<long>(n)), "cut at " + std::to_string(n));
  for (size_t i = 0; i < good.size(); ++i) {
    for (uint8_t x : {0x01, 0x80, 0xff}) {
      Bytes b = good;
      b[i] ^= x;
      check(b, "byte " + std::to_string(i) + " ^ " + std::to_string(x));
    }
  }
  EXPECT_GT(failures, static_cast<int>(good.size()));
  EXPECT_GT(seen.size(), 10u) << "too few distinct failures reached";

  // Through the file loader: the id survives the file name being added.
  Bytes bad = good;
  bad.resize(bad.size() - 1);
  auto loaded = LoadCertificatesFromBytes(std::string_view(reinterpret_cast<const char*>(bad.data()), bad.size()), "leaf.der");
  ASSERT_FALSE(loaded.ok());
  EXPECT_FALSE(loaded.error().detail.empty()) << loaded.error().ToString();
  EXPECT_NE(loaded.error().message.find("leaf.der"), std::string::npos);
}

}  // namespace
}  // namespace trustready
