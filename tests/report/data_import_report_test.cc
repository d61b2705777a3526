// `data import KIND PATH`'s snapshot document (report's ImportedSnapshotToJson)
// against docs/schemas/data-import.schema.json: every importer on a real
// source it reads (Chromium's textproto, version 17 and version 30 with its
// intermediate anchors; NSS certdata.txt; a JDK cacerts folder; a real CCADB
// CSV excerpt; Apple's list; Microsoft's authroot.stl with its certificate
// files), and every snapshot shipped in data/platforms/imported (what the
// loader reads). The checker can fail on it: a fingerprint in upper case.
#include <cctype>
#include <filesystem>

#include "report_test_util.h"
#include "trustready/base/file_io.h"
#include "trustready/importer/importer.h"
#include "trustready/report/data_report.h"

namespace trustready {
namespace {

using report_test::Violations;

const std::string kDir = std::string(TR_SOURCE_DIR) + "/tests/data/importer/";

struct Source {
  ImportKind kind;
  std::string path, certs_dir, version;
  std::string key;  // a key the document must have
};

TEST(DataImportReport, ImportedSnapshotsFollowTheirSchema) {
  const Source sources[] = {
      {ImportKind::kChrome, "chrome/root_store.textproto", "", "", "anchors"},
      {ImportKind::kChrome, "chrome/root_store_v30.textproto", "", "", "intermediate_anchors"},
      {ImportKind::kMozilla, "../store/certdata.txt", "", "t", "anchors"},
      {ImportKind::kJdk, "jdk-cacerts", "", "t", "trusted"},
      {ImportKind::kCcadb, "ccadb-real/IncludedCACertificateReportPEMCSV-excerpt.csv", "", "t", "trusted"},
      {ImportKind::kApple, "apple/trusted-roots.html", "", "t", "blocked"},
      {ImportKind::kMicrosoft, "microsoft/authroot.stl", "microsoft/certs", "t", "trusted"},
  };
  for (const Source& s : sources) {
    SCOPED_TRACE(s.path);
    ImportOptions o;
    o.version = s.version;
    o.date = "2026-01-01";
    o.source = "test";
    if (!s.certs_dir.empty()) o.certs_dir = kDir + s.certs_dir;
    auto snap = ImportPlatformStore(s.kind, kDir + s.path, o);
    ASSERT_TRUE(snap.ok()) << snap.error().ToString();
    ASSERT_FALSE(snap->trusted.empty());
    const std::string doc = ImportedSnapshotToJson(*snap);
    EXPECT_EQ(Violations(doc, "data-import.schema.json"), "") << doc.substr(0, 400);
    EXPECT_TRUE(nlohmann::json::parse(doc).contains(s.key)) << s.key;
  }
  int shipped = 0;
  for (const auto& e : std::filesystem::directory_iterator(std::string(TR_SOURCE_DIR) + "/data/platforms/imported")) {
    if (e.path().extension() != ".json") continue;
    SCOPED_TRACE(e.path().string());
    auto bytes = ReadFile(e.path().string());
    ASSERT_TRUE(bytes.ok());
    EXPECT_EQ(Violations(*bytes, "data-import.schema.json"), "");
    ++shipped;
  }
  EXPECT_GE(shipped, 6);
  // The checker can fail on this schema.
  ImportOptions o;
  o.date = "2026-01-01";
  o.source = "test";
  auto snap = ImportPlatformStore(ImportKind::kChrome, kDir + "chrome/root_store.textproto", o);
  ASSERT_TRUE(snap.ok());
  auto doc = nlohmann::json::parse(ImportedSnapshotToJson(*snap));
  std::string upper = doc["trusted"][0];
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  doc["trusted"][0] = upper;
  EXPECT_NE(Violations(doc.dump(), "data-import.schema.json"), "");
}

}  // namespace
}  // namespace trustready
