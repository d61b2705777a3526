// Certificate parsing against real data: the Amazon Trust Services PKI,
// Debian's Mozilla roots (openssl as the oracle) and every certificate in
// x509-limbo.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <algorithm>
#include <nlohmann/json.hpp>

#include "trustready/report/cert_report.h"
#include "trustready/x509/certificate.h"
#include "trustready/x509/oids.h"
#include "trustready/x509/time.h"
#include "trustready/x509/pem.h"
#include "test_paths.h"

namespace trustready {
namespace {

namespace fs = std::filesystem;
const std::string kAmazon = std::string(TR_SHARED_DATA) + "/amazon-trust-services/";

CertificatePtr LoadOne(const std::string& path) {
  auto certs = LoadCertificatesFromFile(path);
  EXPECT_TRUE(certs.ok()) << (certs.ok() ? "" : certs.error().ToString());
  if (!certs.ok() || certs->size() != 1) return nullptr;
  return (*certs)[0];
}

std::string RunCommand(const std::string& cmd) {
  std::string out;
  FILE* f = popen(cmd.c_str(), "r");
  if (!f) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  pclose(f);
  return out;
}

struct AmazonRow {
  const char* file;
  const char* name;
  const char* hash_file;
  const char* key;
  const char* valid_until;
  const char* sha256;
};

// The table from the readiness documentation of Amazon Trust Services.
const AmazonRow kAmazonRoots[] = {
    {"AmazonRootCA1.cer", "Amazon Root CA 1", "ce5e74ef.0", "RSA 2048", "2038-01-17",
     "8ECDE6884F3D87B1125BA31AC3FCB13D7016DE7F57CC904FE1CB97C6AE98196E"},
    {"AmazonRootCA2.cer", "Amazon Root CA 2", "6d41d539.0", "RSA 4096", "2040-05-26",
     "1BA5B2AA8C65401A82960118F80BEC4F62304D83CEC4713A19C39C011EA46DB4"},
    {"AmazonRootCA3.cer", "Amazon Root CA 3", "8cb5ee0f.0", "ECC P-256", "2040-05-26",
     "18CE6CFE7BF14E60B2E347B8DFE868CB31D02EBB3ADA271569F50343B46DB3A4"},
    {"AmazonRootCA4.cer", "Amazon Root CA 4", "de6d66f3.0", "ECC P-384", "2040-05-26",
     "E35D28419ED02025CFA69038CD623962458DA5C695FBDEA3C22B0BFB25897092"},
};

TEST(AmazonRoots, ReproduceThePublishedTable) {
  for (const auto& row : kAmazonRoots) {
    SCOPED_TRACE(row.file);
    auto cert = LoadOne(kAmazon + row.file);
    ASSERT_TRUE(cert);
    EXPECT_EQ(cert->DisplayName(), row.name);
    EXPECT_EQ(HashHex(cert->SubjectHash()) + ".0", row.hash_file);
    EXPECT_EQ(cert->KeyDescription(), row.key);
    EXPECT_EQ(FormatDate(cert->parsed().not_after), row.valid_until);
    std::string colon = der::HexColon(der::Input(cert->sha256().data(), 32));
    colon.erase(std::remove(colon.begin(), colon.end(), ':'), colon.end());
    EXPECT_EQ(colon, row.sha256);
    EXPECT_TRUE(cert->IsSelfIssued());
    ASSERT_TRUE(cert->parsed().basic_constraints);
    EXPECT_TRUE(cert->parsed().basic_constraints->is_ca);
    EXPECT_TRUE(cert->parsed().HasKeyUsage(kKeyCertSign));
  }
}

TEST(AmazonPki, EveryFileParsesWithExpectedShape) {
  int certs = 0;
  for (const auto& e : fs::directory_iterator(kAmazon)) {
    if (e.path().extension() != ".cer") continue;
    SCOPED_TRACE(e.path().string());
    auto cert = LoadOne(e.path());
    ASSERT_TRUE(cert);
    ++certs;
    const auto& p = cert->parsed();
    EXPECT_EQ(p.version, 3);
    EXPECT_TRUE(p.authority_key_id || cert->IsSelfIssued());
    const std::string name = e.path().filename();
    if (name.find(".demo.") != std::string::npos) {
      // Leaves: not CAs, serverAuth, embedded SCTs, AIA and CRL DP.
      EXPECT_FALSE(p.basic_constraints && p.basic_constraints->is_ca);
      ASSERT_TRUE(p.extended_key_usage);
      EXPECT_EQ(EkuName((*p.extended_key_usage)[0]), "serverAuth");
      ASSERT_TRUE(p.scts);
      EXPECT_GE(p.scts->size(), 2u);
      for (const auto& s : *p.scts) {
        EXPECT_EQ(s.log_id.size(), 32u);
        EXPECT_GT(s.timestamp_ms, 1'500'000'000'000ull);
      }
      EXPECT_FALSE(AiaUris(p, oid::kAdCaIssuers).empty());
      EXPECT_FALSE(CrlUris(p).empty());
      EXPECT_FALSE(SanDnsNames(p).empty());
    } else {
      ASSERT_TRUE(p.basic_constraints);
      EXPECT_TRUE(p.basic_constraints->is_ca);
    }
  }
  EXPECT_EQ(certs, 4 + 1 + 4 + 16 + 12);
}

TEST(AmazonPki, KeyDescriptionsOfIntermediates) {
  EXPECT_EQ(LoadOne(kAmazon + "r2m01.cer")->KeyDescription(), "RSA 2048");
  EXPECT_EQ(LoadOne(kAmazon + "r4m01.cer")->KeyDescription(), "RSA 4096");
  EXPECT_EQ(LoadOne(kAmazon + "e2m01.cer")->KeyDescription(), "ECC P-256");
  EXPECT_EQ(LoadOne(kAmazon + "e3m01.cer")->KeyDescription(), "ECC P-384");
  // The cross-sign is issued by Starfield Services Root CA - G2.
  auto cross = LoadOne(kAmazon + "rootca1.cer");
  EXPECT_EQ(cross->DisplayName(), "Amazon Root CA 1");
  EXPECT_NE(cross->parsed().issuer.ToRfc4514().find("Starfield Services Root Certificate Authority - G2"),
            std::string::npos);
  EXPECT_FALSE(cross->IsSelfIssued());
}

// Every Debian Mozilla root: SHA-256, subject hash and old subject hash
// equal what `openssl x509` prints for the same file.
TEST(MozillaRoots, MatchOpenSslFingerprintsAndHashes) {
  const std::string dir = "/usr/share/ca-certificates/mozilla";
  if (!fs::exists(dir)) GTEST_SKIP() << dir << " not present (ca-certificates not installed)";
  int checked = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() != ".crt") continue;
    SCOPED_TRACE(e.path().string());
    auto cert = LoadOne(e.path());
    ASSERT_TRUE(cert);
    const std::string oracle =
        RunCommand("openssl x509 -noout -hash -subject_hash_old -fingerprint -sha256 -in '" + e.path().string() + "'");
    std::istringstream in(oracle);
    std::string hash, old_hash, fp;
    std::getline(in, hash);
    std::getline(in, old_hash);
    std::getline(in, fp);
    ASSERT_FALSE(fp.empty()) << "openssl printed: " << oracle;
    fp = fp.substr(fp.find('=') + 1);
    EXPECT_EQ(HashHex(cert->SubjectHash()), hash);
    EXPECT_EQ(HashHex(cert->SubjectHashOld()), old_hash);
    EXPECT_EQ(der::HexColon(der::Input(cert->sha256().data(), 32)), fp);
    ++checked;
  }
  EXPECT_GT(checked, 100);
}

// Every certificate in x509-limbo parses or fails with a typed error, and
// the ones we refuse all belong to cases whose expected result is FAILURE.
TEST(Limbo, EveryCertificateParsesOrIsRejectedWithATypedError) {
  std::ifstream f(std::string(TR_SHARED_DATA) + "/x509-limbo/limbo.json");
  ASSERT_TRUE(f.good());
  const auto limbo = nlohmann::json::parse(f);
  int parsed = 0, rejected = 0;
  for (const auto& tc : limbo["testcases"]) {
    std::vector<std::string> pems;
    for (const auto& c : tc["trusted_certs"]) pems.push_back(c);
    for (const auto& c : tc["untrusted_intermediates"]) pems.push_back(c);
    pems.push_back(tc["peer_certificate"]);
    for (const auto& pem : pems) {
      auto certs = LoadCertificatesFromBytes(pem, tc["id"]);
      if (certs.ok()) {
        ++parsed;
        continue;
      }
      ++rejected;
      EXPECT_EQ(tc["expected_result"], "FAILURE") << tc["id"] << ": " << certs.error().ToString();
      EXPECT_FALSE(certs.error().message.empty());
    }
  }
  EXPECT_GT(parsed, 400);
  EXPECT_GT(rejected, 5);  // the suite has deliberately malformed certificates
}

TEST(Parse, TruncatedAndTrailingAndEmpty) {
  auto bytes = ReadFile(kAmazon + "AmazonRootCA3.cer");
  ASSERT_TRUE(bytes.ok());
  const std::string& der = *bytes;
  for (size_t cut : {size_t{1}, size_t{10}, der.size() / 2, der.size() - 1}) {
    auto r = Certificate::Parse(der::Input(std::string_view(der).substr(0, cut)));
    ASSERT_FALSE(r.ok()) << cut;
    EXPECT_EQ(r.error().kind, ErrorKind::kTruncated) << cut << ": " << r.error().ToString();
  }
  auto trailing = Certificate::Parse(der::Input(der + std::string(1, '\0')));
  ASSERT_FALSE(trailing.ok());
  EXPECT_EQ(trailing.error().kind, ErrorKind::kTrailingData);
  EXPECT_EQ(trailing.error().offset, der.size());
  EXPECT_FALSE(Certificate::Parse(der::Input()).ok());
}

TEST(Parse, EveryFlippedByteIsHandled) {
  // Mutate each byte of a real certificate; none may crash, and a change in
  // the outer headers must be rejected.
  auto bytes = ReadFile(kAmazon + "e2m01.cer");
  ASSERT_TRUE(bytes.ok());
  int rejected = 0;
  for (size_t i = 0; i < bytes->size(); ++i) {
    std::string m = *bytes;
    m[i] = static_cast<char>(m[i] ^ 0x41);
    auto r = Certificate::Parse(der::Input(m));
    if (!r.ok()) {
      ++rejected;
      EXPECT_FALSE(r.error().message.empty());
    }
    if (i == 0) {
      EXPECT_FALSE(r.ok());
    }
  }
  EXPECT_GT(rejected, 50);
}

TEST(Pem, TextAroundBlocksAndMultipleBlocks) {
  auto a = ReadFile(kAmazon + "AmazonRootCA1.cer");
  auto b = ReadFile(kAmazon + "AmazonRootCA4.cer");
  const std::string text = "Bag Attributes\nsubject=...\n" + EncodePem("CERTIFICATE", der::Input(*a)) +
                           "junk between\n" + EncodePem("CERTIFICATE", der::Input(*b)) + "trailer\n";
  auto certs = LoadCertificatesFromBytes(text, "bundle.pem");
  ASSERT_TRUE(certs.ok()) << certs.error().ToString();
  ASSERT_EQ(certs->size(), 2u);
  EXPECT_EQ((*certs)[0].cert->DisplayName(), "Amazon Root CA 1");
  EXPECT_EQ((*certs)[1].cert->DisplayName(), "Amazon Root CA 4");
}

TEST(Pem, ErrorsNameTheSource) {
  auto empty = LoadCertificatesFromBytes("", "empty.pem");
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.error().message.find("empty.pem"), std::string::npos);
  auto junk = LoadCertificatesFromBytes("hello world", "junk.txt");
  ASSERT_FALSE(junk.ok());
  EXPECT_EQ(junk.error().kind, ErrorKind::kNotCertificate);
  auto a = ReadFile(kAmazon + "AmazonRootCA1.cer");
  std::string pem = EncodePem("CERTIFICATE", der::Input(*a));
  auto truncated = LoadCertificatesFromBytes(pem.substr(0, pem.size() / 2), "cut.pem");
  ASSERT_FALSE(truncated.ok());
  EXPECT_NE(truncated.error().message.find("cut.pem"), std::string::npos);
  pem[100] = '!';
  auto badb64 = LoadCertificatesFromBytes(pem, "bad64.pem");
  ASSERT_FALSE(badb64.ok());
  EXPECT_EQ(badb64.error().kind, ErrorKind::kFormat);
  auto missing = LoadCertificatesFromFile("/nonexistent/x.pem");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, ErrorKind::kIo);
}

TEST(Base64, RoundTripAllLengths) {
  std::string data;
  for (int n = 0; n < 40; ++n) {
    auto enc = Base64Encode(der::Input(data));
    auto dec = Base64Decode(enc);
    ASSERT_TRUE(dec.ok());
    EXPECT_EQ(std::string(dec->begin(), dec->end()), data);
    data.push_back(static_cast<char>(n * 37));
  }
  EXPECT_FALSE(Base64Decode("A").ok());
  EXPECT_FALSE(Base64Decode("AB=C").ok());
}

TEST(Time, X509AndRfc3339) {
  const uint8_t utc[] = "491231235959Z";
  auto t = ParseX509Time(der::kUtcTime, der::Input(utc, 13));
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(FormatRfc3339(*t), "2049-12-31T23:59:59Z");
  const uint8_t utc50[] = "500101000000Z";
  EXPECT_EQ(FormatRfc3339(*ParseX509Time(der::kUtcTime, der::Input(utc50, 13))), "1950-01-01T00:00:00Z");
  const uint8_t gen[] = "99991231235959Z";
  EXPECT_EQ(FormatRfc3339(*ParseX509Time(der::kGeneralizedTime, der::Input(gen, 15))), "9999-12-31T23:59:59Z");
  const uint8_t feb29[] = "230229000000Z";  // 2023 is not a leap year
  EXPECT_FALSE(ParseX509Time(der::kUtcTime, der::Input(feb29, 13)).ok());
  const uint8_t frac[] = "20250101000000.5Z";
  EXPECT_FALSE(ParseX509Time(der::kGeneralizedTime, der::Input(frac, 17)).ok());
  EXPECT_EQ(*ParseRfc3339("2025-03-01T00:00:00Z"), 1740787200);
  EXPECT_EQ(*ParseRfc3339("2025-03-01"), 1740787200);
  EXPECT_EQ(*ParseRfc3339("2025-03-01T01:00:00+01:00"), 1740787200);
  EXPECT_FALSE(ParseRfc3339("yesterday").ok());
  EXPECT_FALSE(ParseRfc3339("2025-13-01").ok());
}

TEST(Names, Rfc4514AndNormalisation) {
  auto sfs = LoadOne(kAmazon + "SFSRootCAG2.cer");
  ASSERT_TRUE(sfs);
  EXPECT_EQ(sfs->parsed().subject.ToRfc4514(),
            "CN=Starfield Services Root Certificate Authority - G2,O=Starfield Technologies\\, Inc.,"
            "L=Scottsdale,ST=Arizona,C=US");
  // The cross-sign's issuer is the same name as the root's subject.
  auto cross = LoadOne(kAmazon + "rootca2.cer");
  EXPECT_EQ(cross->NormalizedIssuer(), sfs->NormalizedSubject());
  auto root2 = LoadOne(kAmazon + "AmazonRootCA2.cer");
  EXPECT_EQ(cross->NormalizedSubject(), root2->NormalizedSubject());
  EXPECT_EQ(cross->spki_sha256(), root2->spki_sha256());
}

}  // namespace
}  // namespace trustready
