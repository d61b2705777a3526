// The list importers (issue 15) on broken input: every prefix and many
// single-byte changes of the fixtures (tests/data/importer: CCADB CSV and a
// real excerpt of CCADB's Microsoft report, Apple HTML/Markdown and two real
// Apple pages, authroot.stl in CMS and PKCS#7 form) give a result or an error naming the input, never a crash (`make
// test` runs this under ASan+UBSan); the unbroken fixtures import, and a
// prefix that cuts a row is an error, not a shorter snapshot.
#include <gtest/gtest.h>

#include <string>

#include "test_paths.h"
#include "trustready/base/file_io.h"
#include "trustready/importer/import_authroot.h"
#include "trustready/importer/import_lists.h"
#include "trustready/importer/importer.h"

namespace trustready {
namespace {

const std::string kDir = std::string(TR_SOURCE_DIR) + "/tests/data/importer/";

ImportOptions Options() {
  ImportOptions o;
  o.version = "t";
  o.date = "2026-01-01";
  o.source = "t";
  return o;
}

std::string Read(const std::string& rel) {
  auto b = ReadFile(kDir + rel);
  EXPECT_TRUE(b.ok()) << rel;
  return b.ok() ? *b : "";
}

template <typename F>
void Torture(const std::string& bytes, const std::string& name, F parse) {
  ASSERT_FALSE(bytes.empty());
  const size_t step = std::max<size_t>(1, bytes.size() / 600);
  for (size_t n = 0; n < bytes.size(); n += step) {
    auto r = parse(std::string_view(bytes).substr(0, n));
    if (!r.ok()) {
      EXPECT_NE(r.error().message.find(name), std::string::npos) << r.error().message;
    }
  }
  std::string flipped = bytes;
  for (size_t i = 0; i < bytes.size(); i += step) {
    for (uint8_t x : {0x01, 0x80, 0xff}) {
      flipped[i] = static_cast<char>(bytes[i] ^ x);
      auto r = parse(flipped);
      if (!r.ok()) {
      EXPECT_NE(r.error().message.find(name), std::string::npos) << r.error().message;
    }
      flipped[i] = bytes[i];
    }
  }
}

TEST(ImportLists, CcadbCsvBrokenAnyWayIsAnErrorNamingTheFile) {
  const std::string csv = Read("ccadb/IncludedCACertificateReportPEMCSV.csv");
  auto whole = ImportCcadbCsv(csv, "report.csv", Options());
  ASSERT_TRUE(whole.ok()) << whole.error().message;
  EXPECT_EQ(whole->trusted.size(), 4u);
  Torture(csv, "report.csv", [](std::string_view t) { return ImportCcadbCsv(t, "report.csv", Options()); });
  // Cut inside the last row's quoted PEM: an error, not three roots.
  auto cut = ImportCcadbCsv(std::string_view(csv).substr(0, csv.size() - 200), "report.csv", Options());
  EXPECT_FALSE(cut.ok());
}

// CCADB's Microsoft report, a real excerpt of 2019
// (tests/data/importer/ccadb-microsoft-real/README.md).
TEST(ImportLists, CcadbMicrosoftReportBrokenAnyWayIsAnErrorNamingTheFile) {
  const std::string csv = Read("ccadb-microsoft-real/IncludedCACertificateReportForMSFTCSV-excerpt.csv");
  auto whole = ImportCcadbCsv(csv, "msft.csv", Options());
  ASSERT_TRUE(whole.ok()) << whole.error().message;
  EXPECT_EQ(whole->platform, "windows");
  EXPECT_EQ(whole->trusted.size(), 29u);
  EXPECT_EQ(whole->blocked.size(), 9u);
  Torture(csv, "msft.csv", [](std::string_view t) { return ImportCcadbCsv(t, "msft.csv", Options()); });
  // Cut inside the last record: an error, not 44 rows.
  auto cut = ImportCcadbCsv(std::string_view(csv).substr(0, csv.size() - 40), "msft.csv", Options());
  EXPECT_FALSE(cut.ok());
}

TEST(ImportLists, AppleListBrokenAnyWayIsAnErrorNamingTheFile) {
  for (const char* f : {"apple/trusted-roots.html", "apple/trusted-roots.md"}) {
    SCOPED_TRACE(f);
    const std::string page = Read(f);
    auto whole = ImportAppleList(page, "list", Options());
    ASSERT_TRUE(whole.ok()) << whole.error().message;
    EXPECT_EQ(whole->trusted.size(), 3u);
    EXPECT_EQ(whole->blocked.size(), 1u);
    Torture(page, "list", [](std::string_view t) { return ImportAppleList(t, "list", Options()); });
  }
}

// Apple's real pages (HT208127, HT209501; tests/data/importer/apple/README.md):
// the rows import, and every prefix that ends before the page's last
// </table> (a cut row, a cut between two sections) is an error, never the
// rows before the cut passed off as the whole list.
TEST(ImportLists, AppleRealPagesCutAnywhereBeforeTheEndAreAnError) {
  struct Page {
    const char* file;
    size_t trusted, blocked;
  };
  for (const Page& p : {Page{"apple/macos-high-sierra-HT208127.html", 14, 5}, Page{"apple/ios-12.1.3-HT209501.html", 7, 5}}) {
    SCOPED_TRACE(p.file);
    const std::string page = Read(p.file);
    auto whole = ImportAppleList(page, "page.html", Options());
    ASSERT_TRUE(whole.ok()) << whole.error().message;
    EXPECT_EQ(whole->trusted.size(), p.trusted);
    EXPECT_EQ(whole->blocked.size(), p.blocked);
    const size_t first = page.find("<table"), last = page.rfind("</table>");
    ASSERT_NE(first, std::string::npos);
    size_t cuts = 0;
    for (size_t n = first; n <= last; n += 5, ++cuts) {
      auto r = ImportAppleList(std::string_view(page).substr(0, n), "page.html", Options());
      ASSERT_FALSE(r.ok()) << "a prefix of " << n << " bytes imported";
      EXPECT_NE(r.error().message.find("page.html"), std::string::npos) << r.error().message;
    }
    EXPECT_GT(cuts, 1000u);
    Torture(page, "page.html", [](std::string_view t) { return ImportAppleList(t, "page.html", Options()); });
  }
}

TEST(ImportLists, AuthrootStlBrokenAnyWayIsAnErrorNamingTheFile) {
  for (const auto& [f, n] : {std::pair<const char*, size_t>{"microsoft/authroot.stl", 5},
                             {"microsoft/authroot-pkcs7.stl", 5},
                             {"microsoft-real-entries/authroot.stl", 6}}) {
    SCOPED_TRACE(f);
    const std::string stl = Read(f);
    auto whole = ParseAuthrootStl(stl, "a.stl");
    ASSERT_TRUE(whole.ok()) << whole.error().message;
    ASSERT_EQ(whole->size(), n);
    Torture(stl, "a.stl", [](std::string_view t) { return ParseAuthrootStl(t, "a.stl"); });
  }
}

}  // namespace
}  // namespace trustready
