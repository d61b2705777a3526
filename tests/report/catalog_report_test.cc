// report/catalog_report and report/platforms_report against their schemas,
// on the shipped data (data/catalog, data/platforms).
#include "trustready/report/catalog_report.h"

#include "report_test_util.h"
#include "trustready/report/platforms_report.h"

namespace trustready {
namespace {

using report_test::Amazon;
using report_test::Violations;

class CatalogReportTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto c = LoadCatalog();
    ASSERT_TRUE(c.ok()) << c.error().ToString();
    catalog_ = new Catalog(std::move(c).value());
    auto p = LoadPlatformData();
    ASSERT_TRUE(p.ok()) << p.error().ToString();
    platforms_ = new std::shared_ptr<const PlatformData>(*p);
  }
  static void TearDownTestSuite() {
    delete catalog_;
    delete platforms_;
  }
  static Catalog* catalog_;
  static std::shared_ptr<const PlatformData>* platforms_;
};
Catalog* CatalogReportTest::catalog_ = nullptr;
std::shared_ptr<const PlatformData>* CatalogReportTest::platforms_ = nullptr;

TEST_F(CatalogReportTest, ListFollowsItsSchema) {
  const std::string doc = CatalogToJson(*catalog_);
  EXPECT_EQ(Violations(doc, "catalog.schema.json"), "");
  auto j = nlohmann::json::parse(doc);
  ASSERT_EQ(j["operators"].size(), catalog_->operators.size());
  ASSERT_FALSE(catalog_->operators.empty());
  EXPECT_EQ(j["operators"][0]["legal_name"], catalog_->operators[0].legal_name);
  EXPECT_FALSE(catalog_->operators[0].legal_name.empty());
  const std::string md = CatalogToMarkdown(*catalog_);
  EXPECT_EQ(md.rfind("| Operator | Legal name | Headquarters | Roots |\n|---|---|---|---|\n", 0), 0u);
  EXPECT_EQ(static_cast<size_t>(std::count(md.begin(), md.end(), '\n')), catalog_->operators.size() + 2);
  const std::string text = CatalogToText(*catalog_, {});
  EXPECT_NE(text.find(catalog_->operators[0].id), std::string::npos);
}

TEST_F(CatalogReportTest, EveryOperatorFollowsTheShowSchema) {
  for (const auto& op : catalog_->operators) {
    SCOPED_TRACE(op.id);
    const std::string doc = OperatorToJson(op, **platforms_);
    EXPECT_EQ(Violations(doc, "catalog-show.schema.json"), "");
    EXPECT_EQ(nlohmann::json::parse(doc)["roots"].size(), op.roots.size());
    EXPECT_NE(OperatorToText(op, {}, Now()).find(op.name), std::string::npos);
  }
}

TEST_F(CatalogReportTest, WhichNamesTheRelation) {
  // A root itself, then a leaf through its intermediate, then nothing.
  auto root = Amazon("AmazonRootCA1.cer");
  auto found = CatalogWhich(*catalog_, std::vector<CertificatePtr>{root}, **platforms_);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->relation, CatalogRelation::kRoot);
  std::string doc = CatalogWhichToJson(*root, found);
  EXPECT_EQ(Violations(doc, "catalog-which.schema.json"), "");
  EXPECT_EQ(nlohmann::json::parse(doc)["relation"], "root");
  EXPECT_NE(CatalogWhichToText(*root, found).find("is the root"), std::string::npos);

  auto leaf = Amazon("valid.rootca1.demo.amazontrust.com.cer");
  auto chained = CatalogWhich(*catalog_, {leaf, Amazon("r2m03.cer")}, **platforms_);
  ASSERT_TRUE(chained);
  EXPECT_EQ(chained->relation, CatalogRelation::kChain);
  doc = CatalogWhichToJson(*leaf, chained);
  EXPECT_EQ(Violations(doc, "catalog-which.schema.json"), "");
  EXPECT_EQ(nlohmann::json::parse(doc)["relation"], "chain");
  EXPECT_GE(nlohmann::json::parse(doc)["path"].size(), 2u);

  Catalog empty;
  auto none = CatalogWhich(empty, std::vector<CertificatePtr>{root}, **platforms_);
  EXPECT_FALSE(none);
  doc = CatalogWhichToJson(*root, none);
  EXPECT_EQ(Violations(doc, "catalog-which.schema.json"), "");
  EXPECT_TRUE(nlohmann::json::parse(doc)["operator"].is_null());
  EXPECT_EQ(CatalogWhichToText(*root, none).rfind("no catalog operator: ", 0), 0u);
  EXPECT_EQ(CatalogRelationName(CatalogRelation::kSameKey), "same-key");
}

TEST_F(CatalogReportTest, LintText) {
  EXPECT_EQ(LintSummaryToText(*catalog_, {{"a/README.md", "x"}}, false), "catalog: 1 problem\n");
  EXPECT_EQ(LintIssuesToText({{"a/README.md", "x"}, {"b", "y"}}), "a/README.md: x\nb: y\n");
  EXPECT_NE(LintSummaryToText(*catalog_, {}, true).find("(rewritten)"), std::string::npos);
}

// `catalog lint --json` on the shipped catalog (LintCatalog itself: no
// problem) and with problems, against catalog-lint.schema.json.
TEST_F(CatalogReportTest, LintJsonFollowsItsSchema) {
  const auto issues = LintCatalog(*catalog_, **platforms_);
  std::string doc = LintToJson(*catalog_, issues, false);
  EXPECT_EQ(Violations(doc, "catalog-lint.schema.json"), "");
  auto j = nlohmann::json::parse(doc);
  EXPECT_EQ(j["ok"], issues.empty());
  EXPECT_EQ(j["operators"], catalog_->operators.size());
  EXPECT_GT(j["roots"].get<int>(), 0);
  doc = LintToJson(*catalog_, {{"a/README.md", "x"}, {"b/operator.json", "y"}}, true);
  EXPECT_EQ(Violations(doc, "catalog-lint.schema.json"), "");
  j = nlohmann::json::parse(doc);
  EXPECT_EQ(j["ok"], false);
  EXPECT_EQ(j["problems"][1]["path"], "b/operator.json");
  j["problems"][0].erase("message");
  EXPECT_NE(Violations(j.dump(), "catalog-lint.schema.json"), "");
}

TEST_F(CatalogReportTest, PlatformsFollowTheirSchema) {
  for (const char* select : {"all", "android:all", "apple:latest"}) {
    SCOPED_TRACE(select);
    auto snaps = SelectSnapshots(**platforms_, select);
    ASSERT_TRUE(snaps.ok());
    const std::string doc = PlatformsToJson(**platforms_, *snaps);
    EXPECT_EQ(Violations(doc, "platforms.schema.json"), "");
    EXPECT_EQ(nlohmann::json::parse(doc)["snapshots"].size(), snaps->size());
    const std::string text = PlatformsToText(**platforms_, *snaps, {});
    // Header, one row per snapshot, the count line.
    EXPECT_EQ(static_cast<size_t>(std::count(text.begin(), text.end(), '\n')), snaps->size() + 2);
  }
}

}  // namespace
}  // namespace trustready
