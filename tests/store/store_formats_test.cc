// Store format readers and writers against real data: Debian's bundle and
// Java cacerts on this machine, the Amazon PKI, and a certdata.txt fixture
// generated from it (tests/data/store/make_certdata.py).
#include "trustready/store/certdata_store.h"
#include "trustready/store/directory_store.h"
#include "trustready/store/hashed_dir.h"
#include "trustready/store/jks_store.h"
#include "trustready/store/pem_store.h"
#include "trustready/store/pkcs12_store.h"
#include "trustready/store/store_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "trustready/x509/pem.h"
#include "test_paths.h"

namespace trustready {
namespace {

const std::string kShared = TR_SHARED_DATA;
const std::string kDebianBundle = "/etc/ssl/certs/ca-certificates.crt";
const std::string kJavaCacerts = "/etc/ssl/certs/java/cacerts";

bool Exists(const std::string& p) { return ::access(p.c_str(), R_OK) == 0; }

std::string Slurp(const std::string& p) {
  auto r = ReadFile(p);
  EXPECT_TRUE(r.ok()) << p;
  return r.ok() ? *r : "";
}

CertificatePtr Amazon(const std::string& name) {
  auto r = LoadCertificatesFromFile(kShared + "/amazon-trust-services/" + name);
  EXPECT_TRUE(r.ok()) << name;
  return r.ok() ? r->at(0) : nullptr;
}

std::string TempDir() {
  std::string t = (std::filesystem::temp_directory_path() / "tr-store-XXXXXX").string();
  char* d = ::mkdtemp(t.data());
  EXPECT_NE(d, nullptr);
  return t;
}

// A store exercising every trust shape the model has.
TrustStore MixedStore() {
  TrustStore s("mixed", StoreFormat::kUnknown, "test");
  TrustAnchor a{Amazon("AmazonRootCA1.cer"), {}, "root1"};
  TrustAnchor b{Amazon("AmazonRootCA2.cer"), {}, "root2"};
  b.trust.purposes = static_cast<uint8_t>(Purpose::kServerAuth);
  TrustAnchor c{Amazon("AmazonRootCA3.cer"), {}, "root3"};
  c.trust.purposes = static_cast<uint8_t>(Purpose::kEmailProtection) |
                     static_cast<uint8_t>(Purpose::kCodeSigning);
  TrustAnchor d{Amazon("AmazonRootCA4.cer"), {}, "root4"};
  d.trust.distrusted = true;
  d.trust.purposes = static_cast<uint8_t>(Purpose::kServerAuth);
  for (auto* x : {&a, &b, &c, &d}) s.Add(*x);
  return s;
}

// Same certificates (in any order) with the same trust.
void ExpectSameAnchors(const TrustStore& want, const TrustStore& got, bool compare_trust = true) {
  ASSERT_EQ(want.size(), got.size());
  for (const TrustAnchor& a : want.anchors()) {
    const TrustAnchor* b = got.FindBySha256(a.cert->sha256());
    ASSERT_NE(b, nullptr) << a.cert->DisplayName();
    if (compare_trust) {
      EXPECT_EQ(a.trust, b->trust) << a.cert->DisplayName();
    }
  }
}

TEST(PemStore, DebianBundleHasOneAnchorPerCertificate) {
  if (!Exists(kDebianBundle)) GTEST_SKIP() << "no Debian bundle";
  std::string text = Slurp(kDebianBundle);
  size_t blocks = 0;
  for (size_t p = text.find("-----BEGIN CERTIFICATE-----"); p != std::string::npos;
       p = text.find("-----BEGIN CERTIFICATE-----", p + 1)) {
    ++blocks;
  }
  auto store = ReadPemStore(text, kDebianBundle);
  ASSERT_TRUE(store.ok()) << store.error().ToString();
  EXPECT_GT(blocks, 100u);
  EXPECT_EQ(store->size(), blocks);
  EXPECT_EQ(store->format(), StoreFormat::kPem);
  for (const auto& a : store->anchors()) EXPECT_EQ(a.trust.purposes, kAllPurposes);
}

TEST(PemStore, TrustedCertificateRoundTrip) {
  TrustStore s = MixedStore();
  PemWriteOptions o;
  o.comments = true;
  std::string text = WritePemStore(s, o);
  // Root 1 (all purposes) stays a plain CERTIFICATE; the others need trust.
  EXPECT_NE(text.find("-----BEGIN CERTIFICATE-----"), std::string::npos);
  EXPECT_NE(text.find("-----BEGIN TRUSTED CERTIFICATE-----"), std::string::npos);
  auto back = ReadPemStore(text, "roundtrip.pem");
  ASSERT_TRUE(back.ok()) << back.error().ToString();
  ExpectSameAnchors(s, *back);
  EXPECT_EQ(back->FindBySha256(Amazon("AmazonRootCA2.cer")->sha256())->source, "root2");

  o.trust = PemWriteOptions::Trust::kAlways;
  auto always = ReadPemStore(WritePemStore(s, o), "always.pem");
  ASSERT_TRUE(always.ok());
  ExpectSameAnchors(s, *always);
}

TEST(PemStore, CertAuxRejectsMalformedTrust) {
  std::vector<uint8_t> aux = EncodeOpenSslCertAux({}, "x");
  ASSERT_TRUE(ParseOpenSslCertAux(der::Input(aux.data(), aux.size())).ok());
  for (size_t n = 1; n < aux.size(); ++n) {
    EXPECT_FALSE(ParseOpenSslCertAux(der::Input(aux.data(), n)).ok()) << n;
  }
  aux.push_back(0);
  EXPECT_FALSE(ParseOpenSslCertAux(der::Input(aux.data(), aux.size())).ok());
}

TEST(JksStore, JavaCacertsVerifiesWithChangeit) {
  if (!Exists(kJavaCacerts)) GTEST_SKIP() << "no Debian Java cacerts";
  std::string bytes = Slurp(kJavaCacerts);
  der::Input in{std::string_view(bytes)};
  auto unchecked = ReadJksStore(in, kJavaCacerts);
  ASSERT_TRUE(unchecked.ok()) << unchecked.error().ToString();
  auto checked = ReadJksStore(in, kJavaCacerts, {"changeit", true});
  ASSERT_TRUE(checked.ok()) << checked.error().ToString();
  EXPECT_EQ(checked->size(), unchecked->size());
  EXPECT_GT(checked->size(), 100u);
  auto wrong = ReadJksStore(in, kJavaCacerts, {"changeme", true});
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().kind, ErrorKind::kBadPassword);
  EXPECT_NE(wrong.error().message.find(kJavaCacerts), std::string::npos);
}

TEST(JksStore, RoundTripAndEveryTruncationFails) {
  TrustStore s = MixedStore();
  auto bytes = WriteJksStore(s, "secret");
  ASSERT_TRUE(bytes.ok());
  der::Input in(bytes->data(), bytes->size());
  auto back = ReadJksStore(in, "t.jks", {"secret", true});
  ASSERT_TRUE(back.ok()) << back.error().ToString();
  // JKS keeps presence only: the distrusted entry is not written and every
  // entry is trusted for everything.
  EXPECT_EQ(back->size(), 3u);
  for (const auto& a : back->anchors()) EXPECT_EQ(a.trust, TrustAttributes{});
  EXPECT_EQ(back->FindBySha256(Amazon("AmazonRootCA4.cer")->sha256()), nullptr);
  for (size_t n = 0; n < bytes->size(); ++n) {
    auto r = ReadJksStore(der::Input(bytes->data(), n), "t.jks");
    ASSERT_FALSE(r.ok()) << "prefix " << n;
    EXPECT_NE(r.error().message.find("t.jks"), std::string::npos);
  }
  // With the password, any single flipped byte is caught.
  for (size_t i = 0; i < bytes->size(); i += 7) {
    std::vector<uint8_t> bad = *bytes;
    bad[i] ^= 0x01;
    EXPECT_FALSE(ReadJksStore(der::Input(bad.data(), bad.size()), "t.jks", {"secret", true}).ok()) << i;
  }
}

TEST(JksStore, NonAsciiPasswordDigest) {
  TrustStore s = MixedStore();
  auto bytes = WriteJksStore(s, "p\xc3\xa4ss\xe2\x82\xac");  // "päss€"
  ASSERT_TRUE(bytes.ok());
  der::Input in(bytes->data(), bytes->size());
  EXPECT_TRUE(ReadJksStore(in, "t.jks", {"p\xc3\xa4ss\xe2\x82\xac", true}).ok());
  EXPECT_FALSE(ReadJksStore(in, "t.jks", {"pass", true}).ok());
}

TEST(Pkcs12Store, RoundTripKeepsPurposes) {
  TrustStore s = MixedStore();
  auto bytes = WritePkcs12Store(s, "pw");
  ASSERT_TRUE(bytes.ok()) << bytes.error().ToString();
  der::Input in(bytes->data(), bytes->size());
  auto back = ReadPkcs12Store(in, "t.p12", {"pw", true});
  ASSERT_TRUE(back.ok()) << back.error().ToString();
  ASSERT_EQ(back->size(), 3u);  // the distrusted anchor cannot be written
  for (const auto& a : s.anchors()) {
    if (a.trust.distrusted) continue;
    const TrustAnchor* b = back->FindBySha256(a.cert->sha256());
    ASSERT_NE(b, nullptr);
    EXPECT_EQ(b->trust.purposes, a.trust.purposes) << a.cert->DisplayName();
    EXPECT_EQ(b->source, a.source);
  }
  auto wrong = ReadPkcs12Store(in, "t.p12", {"nope", true});
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().kind, ErrorKind::kBadPassword);
  auto none = ReadPkcs12Store(in, "t.p12");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().kind, ErrorKind::kBadPassword);
  for (size_t n = 0; n < bytes->size(); n += 13) {
    EXPECT_FALSE(ReadPkcs12Store(der::Input(bytes->data(), n), "t.p12", {"pw", true}).ok()) << n;
  }
}

TEST(CertdataStore, TrustBitsAndDistrustAfter) {
  std::string path = std::string(TR_TEST_DATA) + "/store/certdata.txt";
  auto store = ReadCertdataStore(Slurp(path), path);
  ASSERT_TRUE(store.ok()) << store.error().ToString();
  ASSERT_EQ(store->size(), 5u);
  const uint8_t server = static_cast<uint8_t>(Purpose::kServerAuth);
  const uint8_t email = static_cast<uint8_t>(Purpose::kEmailProtection);

  auto* r1 = store->FindBySha256(Amazon("AmazonRootCA1.cer")->sha256());
  ASSERT_NE(r1, nullptr);
  EXPECT_EQ(r1->trust.purposes, server | email);
  EXPECT_FALSE(r1->trust.distrusted);
  EXPECT_EQ(r1->source, "Amazon Root CA 1");

  auto* r2 = store->FindBySha256(Amazon("AmazonRootCA2.cer")->sha256());
  ASSERT_NE(r2, nullptr);
  EXPECT_EQ(r2->trust.purposes, server);
  ASSERT_TRUE(r2->trust.server_distrust_after.has_value());
  EXPECT_EQ(*r2->trust.server_distrust_after, *ParseRfc3339("2020-01-01T00:00:00Z"));
  EXPECT_FALSE(r2->trust.email_distrust_after.has_value());

  auto* r3 = store->FindBySha256(Amazon("AmazonRootCA3.cer")->sha256());
  ASSERT_NE(r3, nullptr);
  EXPECT_TRUE(r3->trust.distrusted);
  EXPECT_FALSE(r3->trust.Trusts(Purpose::kServerAuth));

  auto* r4 = store->FindBySha256(Amazon("AmazonRootCA4.cer")->sha256());
  ASSERT_NE(r4, nullptr);
  EXPECT_EQ(r4->trust.purposes, 0);
  EXPECT_FALSE(r4->trust.distrusted);

  auto* sfs = store->FindBySha256(Amazon("SFSRootCAG2.cer")->sha256());
  ASSERT_NE(sfs, nullptr);
  EXPECT_EQ(sfs->trust.purposes, email);
  ASSERT_TRUE(sfs->trust.email_distrust_after.has_value());
  EXPECT_EQ(*sfs->trust.email_distrust_after, *ParseRfc3339("2021-06-30T00:00:00Z"));
}

TEST(CertdataStore, BrokenInputsAreErrorsWithLineNumbers) {
  std::string path = std::string(TR_TEST_DATA) + "/store/certdata.txt";
  std::string text = Slurp(path);
  // Cut inside a MULTILINE_OCTAL value: no END.
  size_t cut = text.find("CKA_VALUE MULTILINE_OCTAL") + 200;
  auto r = ReadCertdataStore(text.substr(0, cut), "cut.txt");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("cut.txt:"), std::string::npos) << r.error().message;
  // A bad octal escape.
  std::string bad = text;
  bad.replace(bad.find("\\060"), 4, "\\08x");
  EXPECT_FALSE(ReadCertdataStore(bad, "bad.txt").ok());
  // An unreadable distrust-after date must not be dropped silently.
  std::string date = text;
  size_t d = date.find("CKA_NSS_SERVER_DISTRUST_AFTER MULTILINE_OCTAL");
  ASSERT_NE(d, std::string::npos);
  size_t v = date.find('\n', d) + 1;
  date.replace(v, 4, "\\101");
  EXPECT_FALSE(ReadCertdataStore(date, "date.txt").ok());
  EXPECT_FALSE(ReadCertdataStore("BEGINDATA\n", "empty.txt").ok());
  EXPECT_FALSE(ReadCertdataStore("# nothing\n", "none.txt").ok());
}

TEST(HashedDir, LayoutNumbersCollisionsInFileNameOrder) {
  // Root CA 1 and its cross-signed twin share a subject, hence a hash.
  TrustStore s;
  s.Add({Amazon("rootca1.cer"), {}, "cross"});
  s.Add({Amazon("AmazonRootCA1.cer"), {}, "self"});
  s.Add({Amazon("AmazonRootCA2.cer"), {}, "r2"});
  auto layout = HashedDirLayout(s);
  ASSERT_EQ(layout.size(), 3u);
  std::map<std::string, std::string> link_of;
  for (const auto& e : layout) link_of[e.file] = e.link;
  // Both twins are named "Amazon_Root_CA_1"; the second gets its hash suffix.
  int zeros = 0, ones = 0;
  for (const auto& e : layout) {
    if (e.anchor->cert->SubjectHash() == Amazon("AmazonRootCA1.cer")->SubjectHash()) {
      zeros += e.link.ends_with(".0");
      ones += e.link.ends_with(".1");
    }
  }
  EXPECT_EQ(zeros, 1);
  EXPECT_EQ(ones, 1);
  for (size_t i = 1; i < layout.size(); ++i) EXPECT_LT(layout[i - 1].file, layout[i].file);

  std::string dir = TempDir() + "/out";
  ASSERT_TRUE(WriteHashedDirStore(s, dir).ok());
  auto back = ReadDirectoryStore(dir);
  ASSERT_TRUE(back.ok()) << back.error().ToString();
  ExpectSameAnchors(s, *back);
  for (const auto& e : layout) {
    char target[256];
    ssize_t n = ::readlink((dir + "/" + e.link).c_str(), target, sizeof(target));
    ASSERT_GT(n, 0) << e.link;
    EXPECT_EQ(std::string(target, static_cast<size_t>(n)), e.file);
  }
  // A non-empty target is refused and left alone.
  EXPECT_FALSE(WriteHashedDirStore(s, dir).ok());
  std::filesystem::remove_all(std::filesystem::path(dir).parent_path());
}

TEST(StoreFile, SniffsEveryFormat) {
  TrustStore s = MixedStore();
  auto jks = WriteJksStore(s, "x");
  auto p12 = WritePkcs12Store(s, "x");
  ASSERT_TRUE(jks.ok() && p12.ok());
  auto chars = [](const std::vector<uint8_t>& v) {
    return std::string_view(reinterpret_cast<const char*>(v.data()), v.size());
  };
  EXPECT_EQ(SniffStoreFormat(chars(*jks)), StoreFormat::kJks);
  EXPECT_EQ(SniffStoreFormat(chars(*p12)), StoreFormat::kPkcs12);
  EXPECT_EQ(SniffStoreFormat(WritePemStore(s)), StoreFormat::kPem);
  EXPECT_EQ(SniffStoreFormat(Slurp(kShared + "/amazon-trust-services/AmazonRootCA1.cer")), StoreFormat::kDer);
  EXPECT_EQ(SniffStoreFormat(Slurp(std::string(TR_TEST_DATA) + "/store/certdata.txt")), StoreFormat::kCertdata);
  EXPECT_EQ(SniffStoreFormat("hello"), StoreFormat::kUnknown);
}

TEST(StoreFile, BadFilesNameTheInput) {
  std::string dir = TempDir();
  std::string empty = dir + "/empty.pem", junk = dir + "/junk.bin";
  std::ofstream(empty).close();
  std::ofstream(junk) << std::string("\x01\x02\x03 not a store");
  for (const std::string& p : {empty, junk, dir + "/missing.jks", dir}) {
    auto r = ReadStoreFile(p);
    ASSERT_FALSE(r.ok()) << p;
    EXPECT_NE(r.error().ToString().find(p), std::string::npos) << r.error().ToString();
    EXPECT_EQ(r.error().ToString().find('\n'), std::string::npos);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace trustready
