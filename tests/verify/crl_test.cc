// CRL parsing against the real Amazon CRLs, with `openssl crl` as oracle.
#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <string>

#include "trustready/x509/crl.h"
#include "trustready/x509/pem.h"
#include "test_paths.h"

namespace trustready {
namespace {

const std::string kDir = std::string(TR_SHARED_DATA) + "/amazon-trust-services/";
const char* const kCrls[] = {"r2m01", "r2m02", "r2m03", "r2m04", "r4m01", "r4m02", "r4m03", "r4m04",
                             "e2m01", "e2m02", "e2m03", "e2m04", "e3m01", "e3m02", "e3m03", "e3m04",
                             "rootca1", "rootca2", "rootca3", "rootca4"};

std::string RunCommand(const std::string& cmd) {
  std::string out;
  std::unique_ptr<FILE, int (*)(FILE*)> p(popen(cmd.c_str(), "r"), pclose);
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), p.get())) > 0) out.append(buf, n);
  return out;
}

TEST(Crl, AmazonCrlsMatchOpenssl) {
  for (const char* name : kCrls) {
    SCOPED_TRACE(name);
    const std::string path = kDir + name + ".crl";
    auto crls = LoadCrlsFromFile(path);
    ASSERT_TRUE(crls.ok()) << crls.error().ToString();
    ASSERT_EQ(crls->size(), 1u);
    const ParsedCrl& c = (*crls)[0]->parsed();
    const std::string text = RunCommand("openssl crl -inform DER -in '" + path + "' -noout -text");
    ASSERT_FALSE(text.empty());
    // Revoked entries: openssl prints one "Serial Number:" per entry.
    size_t count = 0;
    for (size_t pos = 0; (pos = text.find("Serial Number:", pos)) != std::string::npos; ++pos) ++count;
    EXPECT_EQ(c.revoked.size(), count);
    EXPECT_EQ(c.version, 2);
    EXPECT_TRUE(c.crl_number.has_value());
    EXPECT_TRUE(c.authority_key_id.has_value());
    EXPECT_FALSE(c.HasUnhandledCriticalExtension());
    // Issuer as openssl prints it (RFC 2253 order).
    const std::string issuer = RunCommand("openssl crl -inform DER -in '" + path + "' -noout -issuer -nameopt RFC2253");
    EXPECT_EQ("issuer=" + c.issuer.ToRfc4514() + "\n", issuer);
    // thisUpdate
    const std::string last = RunCommand("openssl crl -inform DER -in '" + path + "' -noout -lastupdate -dateopt iso_8601");
    std::string ts = FormatRfc3339(c.this_update);  // 2025-01-01T00:00:00Z
    ts[10] = ' ';
    EXPECT_NE(last.find(ts), std::string::npos) << last << " vs " << ts;
  }
}

TEST(Crl, PemFormIsAcceptedToo) {
  auto der = ReadFile(kDir + "r2m01.crl");
  ASSERT_TRUE(der.ok());
  std::string pem = EncodePem("X509 CRL", der::Input(*der));
  auto crls = LoadCrlsFromBytes("junk before\n" + pem + pem, "two.pem");
  ASSERT_TRUE(crls.ok()) << crls.error().ToString();
  EXPECT_EQ(crls->size(), 2u);
}

TEST(Crl, BrokenInputsAreErrorsNamingTheInput) {
  auto der = ReadFile(kDir + "r2m01.crl");
  ASSERT_TRUE(der.ok());
  const std::string& d = *der;
  for (size_t cut : {size_t{0}, size_t{1}, size_t{10}, d.size() / 2, d.size() - 1}) {
    auto r = LoadCrlsFromBytes(d.substr(0, cut), "cut.crl");
    ASSERT_FALSE(r.ok()) << cut;
    EXPECT_EQ(r.error().message.rfind("cut.crl", 0), 0u) << r.error().message;
  }
  EXPECT_FALSE(LoadCrlsFromBytes(d + std::string("\0", 1), "trailing.crl").ok());
  // A certificate is not a CRL.
  auto cert = ReadFile(kDir + "r2m01.cer");
  ASSERT_TRUE(cert.ok());
  EXPECT_FALSE(LoadCrlsFromBytes(*cert, "cert.cer").ok());
  EXPECT_FALSE(LoadCrlsFromFile("/nonexistent/x.crl").ok());
  // Flip each byte of the outer header and of the version: never a crash.
  for (size_t i = 0; i < 16 && i < d.size(); ++i) {
    std::string m = d;
    m[i] = static_cast<char>(m[i] ^ 0xff);
    (void)LoadCrlsFromBytes(m, "mutated.crl");
  }
}

TEST(Crl, FindSerial) {
  auto crls = LoadCrlsFromFile(kDir + "r2m02.crl");
  ASSERT_TRUE(crls.ok());
  const ParsedCrl& c = (*crls)[0]->parsed();
  ASSERT_FALSE(c.revoked.empty());
  EXPECT_EQ(c.FindSerial(c.revoked[0].serial), &c.revoked[0]);
  const uint8_t other[] = {0x01};
  EXPECT_EQ(c.FindSerial(der::Input(other)), nullptr);
}

}  // namespace
}  // namespace trustready
