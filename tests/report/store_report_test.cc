// report/store_report: every store document against its schema, the text
// forms, and the export summary that WriteStoreFile returns.
#include "trustready/report/store_report.h"

#include <fstream>

#include "report_test_util.h"
#include "trustready/store/jks_store.h"
#include "trustready/store/store_edit.h"
#include "trustready/store/store_file.h"

namespace trustready {
namespace {

using report_test::Amazon;
using report_test::HasEscape;
using report_test::Violations;

// Four Amazon roots: one plain, one distrusted, one limited to server auth,
// one with a server distrust-after date.
TrustStore Sample(const std::string& name) {
  TrustStore s(name, StoreFormat::kPem, "/tmp/" + name + ".pem");
  s.Add({Amazon("AmazonRootCA1.cer"), {}, "r1"});
  TrustAttributes distrusted;
  distrusted.distrusted = true;
  s.Add({Amazon("AmazonRootCA2.cer"), distrusted, "r2"});
  TrustAttributes server_only;
  server_only.purposes = static_cast<uint8_t>(Purpose::kServerAuth);
  s.Add({Amazon("AmazonRootCA3.cer"), server_only, "r3"});
  TrustAttributes dated;
  dated.server_distrust_after = *ParseRfc3339("2030-01-01T00:00:00Z");
  s.Add({Amazon("AmazonRootCA4.cer"), dated, "r4"});
  return s;
}

TEST(StoreReport, ShowFollowsItsSchema) {
  TrustStore s = Sample("sample");
  const std::string doc = StoreToJson(s);
  EXPECT_EQ(Violations(doc, "store-show.schema.json"), "");
  auto j = nlohmann::json::parse(doc);
  EXPECT_EQ(j["format"], "pem");
  ASSERT_EQ(j["anchors"].size(), 4u);
  EXPECT_EQ(j["anchors"][1]["trust"]["distrusted"], true);
  EXPECT_EQ(j["anchors"][3]["trust"]["server_distrust_after"], "2030-01-01T00:00:00Z");
}

TEST(StoreReport, ShowTextMarksExpiredAndDistrustedOnlyInColour) {
  TrustStore s = Sample("sample");
  const UnixTime after_all = *ParseRfc3339("2100-01-01T00:00:00Z");
  const std::string plain = StoreToText(s, after_all, {});
  EXPECT_FALSE(HasEscape(plain));
  EXPECT_NE(plain.find("sample (pem, 4 anchors)"), std::string::npos) << plain;
  EXPECT_NE(plain.find(Amazon("AmazonRootCA1.cer")->Sha256Hex()), std::string::npos);
  const std::string coloured = StoreToText(s, after_all, {.color = true});
  EXPECT_NE(coloured.find("\x1b[31m"), std::string::npos);  // expired at 2100: red
  // Same rows: one line per anchor plus two headers.
  EXPECT_EQ(std::count(plain.begin(), plain.end(), '\n'), 6);
  EXPECT_EQ(std::count(coloured.begin(), coloured.end(), '\n'), 6);
}

TEST(StoreReport, DiffFollowsItsSchemaAndCountsChanges) {
  TrustStore a = Sample("a");
  TrustStore b("b", StoreFormat::kJks, "/tmp/b.jks");
  b.Add({Amazon("AmazonRootCA1.cer"), {}, "r1"});
  b.Add({Amazon("AmazonRootCA3.cer"), {}, "r3"});  // purposes widened: a trust change
  b.Add({Amazon("SFSRootCAG2.cer"), {}, "sfs"});
  StoreDiff d = DiffStores(a, b);
  EXPECT_FALSE(d.same());
  const std::string doc = StoreDiffToJson(a, b, d);
  EXPECT_EQ(Violations(doc, "store-diff.schema.json"), "");
  auto j = nlohmann::json::parse(doc);
  EXPECT_EQ(j["only_in_a"].size(), 2u);
  EXPECT_EQ(j["only_in_b"].size(), 1u);
  EXPECT_EQ(j["trust_changed"].size(), 1u);
  const std::string text = StoreDiffToText(a, b, d, {});
  EXPECT_EQ(text.rfind("a (4 anchors) vs b (3 anchors): 2 only in A, 1 only in B, 1 trust changed\n", 0), 0u) << text;
  EXPECT_TRUE(DiffStores(a, a).same());
}

TEST(StoreReport, AuditFollowsItsSchemaAndSaysFailOnErrors) {
  TrustStore s = Sample("audited");
  StoreAuditOptions o;
  o.now = *ParseRfc3339("2100-01-01T00:00:00Z");  // every root expired: errors
  auto findings = AuditStore(s, o);
  ASSERT_FALSE(AuditPassed(findings));
  const std::string doc = StoreAuditToJson(s, findings);
  EXPECT_EQ(Violations(doc, "store-audit.schema.json"), "");
  EXPECT_EQ(nlohmann::json::parse(doc)["ok"], false);
  const std::string text = StoreAuditToText(s, findings, {});
  EXPECT_NE(text.find("FAIL audited: 4 anchors"), std::string::npos) << text;

  TrustStore clean("clean", StoreFormat::kPem, "x");
  auto none = AuditStore(clean, o);
  EXPECT_TRUE(AuditPassed(none));
  EXPECT_EQ(Violations(StoreAuditToJson(clean, none), "store-audit.schema.json"), "");
  EXPECT_EQ(StoreAuditToText(clean, none, {}), "OK clean: 0 anchors, no findings\n");
}

TEST(StoreReport, ListFollowsItsSchemaWithAndWithoutRoot) {
  StoreListing l;
  ListedStore ok;
  ok.store.name = "system";
  ok.store.kind = StoreFormat::kPem;
  ok.store.location = "/etc/ssl/certs/ca-certificates.crt";
  ok.store.description = "Debian/Ubuntu system bundle";
  ok.anchors = 140;
  ListedStore broken;
  broken.store.name = "java";
  broken.store.kind = StoreFormat::kJks;
  broken.store.location = "/etc/ssl/certs/java/cacerts";
  broken.error = "bad password";
  l.stores = {ok, broken};
  const std::string doc = StoreListToJson(l);
  EXPECT_EQ(Violations(doc, "store-list.schema.json"), "");
  auto j = nlohmann::json::parse(doc);
  EXPECT_TRUE(j["root"].is_null());
  EXPECT_EQ(j["stores"][0]["format"], "pem");
  EXPECT_EQ(j["stores"][1]["anchors"], nullptr);
  EXPECT_EQ(j["stores"][1]["error"], "bad password");
  EXPECT_EQ(j["stores"][0]["detail"], nullptr);
  EXPECT_EQ(j["stores"][0]["error_kind"], nullptr);
  l.root = "/srv/image";
  EXPECT_EQ(Violations(StoreListToJson(l), "store-list.schema.json"), "");
  const std::string text = StoreListToText(l, {});
  EXPECT_NE(text.find("\njava             jks           -  /etc/ssl/certs/java/cacerts  (bad password)\n"),
            std::string::npos)
      << text;
}

// A tree whose Java cacerts is cut short and whose bundle is empty: each
// listed with the reader's error, its kind and detail id.
TEST(StoreReport, ListNamesEachUnreadableStoresDetailId) {
  report_test::TempDir dir("list-detail");
  std::filesystem::create_directories(dir.path / "etc/ssl/certs/java");
  TrustStore s("jks", StoreFormat::kJks, "");
  s.Add({Amazon("AmazonRootCA1.cer"), {}, "root1"});
  auto jks = WriteJksStore(s, "changeit");
  ASSERT_TRUE(jks.ok());
  std::ofstream(dir / "etc/ssl/certs/java/cacerts", std::ios::binary)
      .write(reinterpret_cast<const char*>(jks->data()), static_cast<std::streamsize>(jks->size() / 2));
  std::ofstream(dir / "etc/ssl/certs/ca-certificates.crt");  // empty
  auto l = ListStores({.root = dir.path.string()});
  ASSERT_TRUE(l.ok()) << l.error().ToString();
  const std::string doc = StoreListToJson(*l);
  EXPECT_EQ(Violations(doc, "store-list.schema.json"), "");
  std::map<std::string, nlohmann::json> by_name;
  const nlohmann::json parsed = nlohmann::json::parse(doc);
  for (const auto& e : parsed["stores"]) by_name[e["name"].get<std::string>()] = e;
  ASSERT_TRUE(by_name.count("java") && by_name.count("system")) << doc;
  EXPECT_EQ(by_name["java"]["detail"], "jks.truncated");
  EXPECT_EQ(by_name["java"]["error_kind"], "TRUNCATED");
  EXPECT_EQ(by_name["java"]["severity"], "error");
  EXPECT_NE(by_name["java"]["error"].get<std::string>().find("keystore truncated"), std::string::npos);
  EXPECT_EQ(by_name["system"]["detail"], "io.empty");
  EXPECT_EQ(by_name["system"]["error_kind"], "IO");
}

TEST(StoreReport, ListingThisMachineFollowsItsSchema) {
  auto l = ListStores();
  ASSERT_TRUE(l.ok());
  EXPECT_EQ(Violations(StoreListToJson(*l), "store-list.schema.json"), "");
  EXPECT_FALSE(ListStores({.root = "/nonexistent-root-dir"}).ok());
}

// What WriteStoreFile reports is what the written file holds.
TEST(StoreReport, ExportSummaryMatchesTheWrittenStore) {
  report_test::TempDir dir("export");
  TrustStore s = Sample("sample");
  struct Case {
    StoreFormat format;
    const char* file;
    size_t written, dropped, widened, dates;
  };
  for (const Case& c : {Case{StoreFormat::kPem, "s.pem", 4, 0, 0, 1}, Case{StoreFormat::kJks, "s.jks", 3, 1, 1, 1},
                        Case{StoreFormat::kPkcs12, "s.p12", 3, 1, 0, 1},
                        Case{StoreFormat::kDirectory, "hashed", 3, 1, 1, 1}}) {
    SCOPED_TRACE(c.file);
    auto w = WriteStoreFile(s, c.format, dir / c.file, "changeit");
    ASSERT_TRUE(w.ok()) << w.error().ToString();
    EXPECT_EQ(w->written, c.written);
    EXPECT_EQ(w->distrusted_dropped, c.dropped);
    EXPECT_EQ(w->purposes_widened, c.widened);
    EXPECT_EQ(w->dates_dropped, c.dates);
    auto back = ReadStoreFile(dir / c.file, {"changeit", true});
    ASSERT_TRUE(back.ok()) << back.error().ToString();
    EXPECT_EQ(back->size(), c.written);
    const std::string line = StoreExportToText(s, *w, "OUT");
    EXPECT_EQ(line, "exported " + std::to_string(c.written) + " anchors from sample to OUT (" +
                        std::string(ExportFormatName(c.format)) + ")\n");
    const std::string doc = StoreExportToJson(s, *w, "OUT");
    EXPECT_EQ(Violations(doc, "store-export.schema.json"), "");
    const auto j = nlohmann::json::parse(doc);
    EXPECT_EQ(j["written"], back->size());
    EXPECT_EQ(j["format"], ExportFormatName(c.format));
    EXPECT_EQ(j["distrusted_dropped"], c.dropped);
    EXPECT_EQ(j["purposes_widened"], c.widened);
    EXPECT_EQ(j["dates_dropped"], c.dates);
    const std::string notes = StoreExportNotes(*w);
    EXPECT_EQ(notes.find("distrusted entries left out") != std::string::npos, c.dropped > 0) << notes;
    EXPECT_EQ(notes.find("limited purposes") != std::string::npos, c.widened > 0) << notes;
  }
  EXPECT_FALSE(WriteStoreFile(s, StoreFormat::kDer, dir / "s.der", "").ok());
}

TEST(StoreReport, EditText) {
  StoreEditResult r;
  r.path = "/tmp/x.pem";
  r.format = "pem";
  r.before = 1;
  r.after = 2;
  r.added = {Amazon("AmazonRootCA1.cer")};
  r.already_present = {Amazon("AmazonRootCA2.cer")};
  r.backup = "/tmp/x.pem.bak";
  const std::string t = StoreEditToText(r, false, {});
  EXPECT_EQ(t.rfind("+ " + r.added[0]->Sha256Hex(), 0), 0u) << t;
  EXPECT_NE(t.find("(already present)"), std::string::npos);
  EXPECT_NE(t.find("/tmp/x.pem (pem): 1 -> 2 anchors, backup /tmp/x.pem.bak\n"), std::string::npos) << t;
}

// `store add --json` and `store remove --json` on a real PEM store: what
// AddToStore/RemoveFromStore did, against store-edit.schema.json; the checker
// rejects a fingerprint that is not one.
TEST(StoreReport, EditJsonFollowsItsSchema) {
  report_test::TempDir dir("edit");
  TrustStore one("one", StoreFormat::kPem, "one.pem");
  one.Add({Amazon("AmazonRootCA1.cer"), {}, "r1"});
  const std::string path = dir / "one.pem";
  ASSERT_TRUE(WriteStoreFile(one, StoreFormat::kPem, path, "").ok());
  const std::string a = std::string(TR_SHARED_DATA) + "/amazon-trust-services/";
  auto added = AddToStore(path, {a + "AmazonRootCA2.cer", a + "AmazonRootCA1.cer"});
  ASSERT_TRUE(added.ok()) << added.error().ToString();
  std::string doc = StoreEditToJson(*added, false);
  EXPECT_EQ(Violations(doc, "store-edit.schema.json"), "");
  auto j = nlohmann::json::parse(doc);
  EXPECT_EQ(j["action"], "add");
  EXPECT_EQ(j["before"], 1);
  EXPECT_EQ(j["after"], 2);
  ASSERT_EQ(j["added"].size(), 1u);
  EXPECT_EQ(j["added"][0]["sha256"], Amazon("AmazonRootCA2.cer")->Sha256Hex());
  EXPECT_EQ(j["already_present"].size(), 1u);
  auto removed = RemoveFromStore(path, {*ParseSha256Hex(Amazon("AmazonRootCA2.cer")->Sha256Hex())});
  ASSERT_TRUE(removed.ok()) << removed.error().ToString();
  doc = StoreEditToJson(*removed, true);
  EXPECT_EQ(Violations(doc, "store-edit.schema.json"), "");
  j = nlohmann::json::parse(doc);
  EXPECT_EQ(j["action"], "remove");
  EXPECT_EQ(j["after"], 1);
  EXPECT_EQ(j["removed"].size(), 1u);
  EXPECT_EQ(j["backup"].is_string(), !removed->backup.empty());
  j["removed"][0]["sha256"] = "AmazonRootCA2";
  EXPECT_NE(Violations(j.dump(), "store-edit.schema.json"), "");
}

}  // namespace
}  // namespace trustready
