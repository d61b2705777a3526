// report/{clients,data,fleet}_report: each document against its schema in
// docs/schemas, and the text forms (no escapes without colour; the verdict
// lines the shell suites look for).
#include <fstream>

#include "report_test_util.h"
#include "trustready/client/client.h"
#include "trustready/store/jks_store.h"
#include "trustready/report/clients_report.h"
#include "trustready/report/data_report.h"
#include "trustready/report/fleet_report.h"

namespace trustready {
namespace {

using report_test::HasEscape;
using report_test::Violations;

ClientResolution SampleResolution() {
  ClientResolution r;
  r.environment.origin = "--env env.txt";
  ResolvedStore s;
  s.id = "pem:/etc/ssl/certs/ca-certificates.crt";
  s.description = "OpenSSL default paths";
  StorePart file;
  file.kind = StorePartKind::kPem;
  file.location = "/etc/ssl/certs/ca-certificates.crt";
  file.role = "CAfile";
  StorePart dir;
  dir.kind = StorePartKind::kDirectory;
  dir.location = "/usr/lib/ssl/certs";
  dir.role = "CApath";
  dir.missing = true;
  s.parts = {file, dir};
  s.used_by.push_back({"curl", "default", "/usr/bin/curl (7.88.1)", "openssl-3", ""});
  r.stores.push_back(s);
  ResolvedStore java;
  java.id = "keystore:/missing.jks";
  java.description = "javax.net.ssl.trustStore";
  StorePart ks;
  ks.kind = StorePartKind::kKeystore;
  ks.location = "/missing.jks";
  ks.role = "trustStore";
  ks.missing = true;
  ks.password_given = true;
  ks.store_type = "PKCS12";
  java.parts = {ks};
  java.broken = "the trustStore file does not exist";
  java.used_by.push_back({"java", "JAVA_TOOL_OPTIONS", "/usr/lib/jvm/java-17", "java", ""});
  r.stores.push_back(java);
  r.notes = {"python3 did not answer"};
  return r;
}

TEST(ClientsReport, ListFollowsItsSchema) {
  const ClientResolution r = SampleResolution();
  EXPECT_EQ(Violations(ClientResolutionToJson(r, ""), "clients.schema.json"), "");
  EXPECT_EQ(Violations(ClientResolutionToJson(r, "java"), "clients.schema.json"), "");
  auto j = nlohmann::json::parse(ClientResolutionToJson(r, ""));
  EXPECT_TRUE(j["client"].is_null());
  EXPECT_TRUE(j["environment"]["root"].is_null());
  EXPECT_EQ(j["stores"][1]["broken"], "the trustStore file does not exist");
  EXPECT_EQ(j["stores"][1]["parts"][0]["store_type"], "PKCS12");
  EXPECT_TRUE(j["stores"][0]["parts"][0]["store_type"].is_null());

  const std::string text = ClientResolutionToText(r, "", {});
  EXPECT_FALSE(HasEscape(text));
  EXPECT_EQ(text.rfind("environment: --env env.txt\n\n", 0), 0u) << text;
  EXPECT_NE(text.find("  CApath: /usr/lib/ssl/certs (directory) missing\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  BROKEN: the trustStore file does not exist\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  used by curl (default)  /usr/bin/curl (7.88.1)\n"), std::string::npos) << text;
  EXPECT_NE(text.find("note: python3 did not answer\n"), std::string::npos);
  EXPECT_TRUE(HasEscape(ClientResolutionToText(r, "", {.color = true})));
  EXPECT_EQ(ClientResolutionToText(ClientResolution{}, "node", {}),
            "environment: this process\n\nno client found for node\n");
}

TEST(ClientsReport, VerifyFollowsItsSchemaAndUnknownIsNotTrusted) {
  ClientPrediction ok;
  ok.use = {"curl", "default", "/usr/bin/curl", "openssl-3", ""};
  ok.store = "OpenSSL default paths";
  ok.trusted = true;
  ClientPrediction no = ok;
  no.trusted = false;
  no.error = {VerifyErrorCode::kUnknownIssuer, 0, "no issuer"};
  ClientPrediction unknown = ok;
  unknown.trusted = false;
  unknown.unknown = "Chromium's compiled-in list cannot be read";

  EXPECT_TRUE(AllPredictionsTrusted({ok}));
  EXPECT_FALSE(AllPredictionsTrusted({}));
  EXPECT_FALSE(AllPredictionsTrusted({ok, no}));
  EXPECT_FALSE(AllPredictionsTrusted({ok, unknown}));

  const std::string doc = ClientPredictionsToJson("https://example.com", "curl", {ok, no, unknown});
  EXPECT_EQ(Violations(doc, "clients-verify.schema.json"), "");
  auto j = nlohmann::json::parse(doc);
  EXPECT_EQ(j["trusted"], false);
  EXPECT_EQ(j["predictions"][0]["state"], "trusted");
  EXPECT_EQ(j["predictions"][1]["state"], "not_trusted");
  EXPECT_EQ(j["predictions"][1]["error"]["code"], "UNKNOWN_ISSUER");
  EXPECT_EQ(j["predictions"][2]["state"], "unknown");
  EXPECT_TRUE(j["predictions"][2]["error"].is_null());
  EXPECT_EQ(nlohmann::json::parse(ClientPredictionsToJson("h:443", "curl", {ok}))["trusted"], true);
  // A hand-made reason has no Error behind it; the not-trusted one's
  // verify error has its severity.
  EXPECT_EQ(j["predictions"][1]["error"]["severity"], "error");
  EXPECT_TRUE(j["predictions"][0]["unknown_error"].is_null());

  const std::string text = ClientPredictionsToText("curl", {ok, no, unknown}, {});
  EXPECT_FALSE(HasEscape(text));
  EXPECT_NE(text.find("curl /usr/bin/curl: trusted  store: OpenSSL default paths (default)\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find(": NOT trusted UNKNOWN_ISSUER: no issuer"), std::string::npos) << text;
  EXPECT_NE(text.find(": UNKNOWN (Chromium's compiled-in list cannot be read)"), std::string::npos) << text;
  EXPECT_EQ(ClientPredictionsToText("java", {}, {}), "no java found\n");
}

// A store a client reads that cannot be opened (a bundle cut in its first
// certificate, a keystore under another password): what PredictClients
// records from OpenResolvedStore, rendered with the reader's detail id.
TEST(ClientsReport, VerifyNamesTheDetailIdOfAStoreThatCannotBeOpened) {
  report_test::TempDir dir("clients-detail");
  {
    std::ofstream(dir / "cut.pem") << "-----BEGIN CERTIFICATE-----\nMIIDQTCCAimgAwIBAgITBmyf\n";
    TrustStore s("jks", StoreFormat::kJks, "");
    s.Add({report_test::Amazon("AmazonRootCA1.cer"), {}, "root1"});
    auto jks = WriteJksStore(s, "s3cret-pw");
    ASSERT_TRUE(jks.ok());
    std::ofstream(dir / "ks.jks", std::ios::binary).write(reinterpret_cast<const char*>(jks->data()), static_cast<std::streamsize>(jks->size()));
  }
  auto predict = [](const ResolvedStore& rs) {
    ClientPrediction p;
    p.use = {"openssl", "default", "/usr/bin/openssl", "openssl-3", ""};
    p.store = rs.description;
    auto opened = OpenResolvedStore(rs);
    EXPECT_FALSE(opened.ok());
    if (!opened.ok()) {
      p.unknown = opened.error().ToString();
      p.unknown_error = opened.error();
    }
    return p;
  };
  ResolvedStore pem;
  pem.description = "SSL_CERT_FILE";
  pem.parts = {{StorePartKind::kPem, dir / "cut.pem", "CAfile"}};
  ResolvedStore java;
  java.description = "javax.net.ssl.trustStore";
  StorePart ks{StorePartKind::kKeystore, dir / "ks.jks", "trustStore"};
  ks.password = "not-it";
  ks.password_given = true;
  java.parts = {ks};
  const std::string doc = ClientPredictionsToJson("https://example.com", "openssl", {predict(pem), predict(java)});
  EXPECT_EQ(Violations(doc, "clients-verify.schema.json"), "");
  auto j = nlohmann::json::parse(doc);
  EXPECT_EQ(j["predictions"][0]["state"], "unknown");
  EXPECT_EQ(j["predictions"][0]["unknown_error"]["detail"], "pem.end_missing") << j["predictions"][0].dump();
  EXPECT_EQ(j["predictions"][0]["unknown_error"]["kind"], "FORMAT");
  EXPECT_EQ(j["predictions"][1]["unknown_error"]["detail"], "jks.password_wrong") << j["predictions"][1].dump();
  EXPECT_EQ(j["predictions"][1]["unknown_error"]["kind"], "BAD_PASSWORD");
  EXPECT_EQ(j["predictions"][1]["unknown_error"]["severity"], "error");
  EXPECT_NE(j["predictions"][1]["unknown"].get<std::string>().find("keystore password was incorrect"), std::string::npos);
}

TEST(DataReport, StatusFollowsItsSchemaAndCountsStaleAndUndated) {
  DataStatus st;
  st.data_dir = "/usr/share/trustready/data";
  st.now = "2026-12-06";
  st.sources.push_back({"platforms/android", "platform", "2026-11-01", "aosp@abc", "Apache-2.0", 12, 35});
  st.sources.push_back({"catalog/entrust", "catalog", "2026-01-01", "https://example", "", 0, 339});
  st.sources.push_back({"profiles/demo", "profile", "", "", "", 0, std::nullopt});
  const DataAgeCounts c = CountDataAge(st, 120);
  EXPECT_EQ(c.stale, 1u);
  EXPECT_EQ(c.undated, 1u);
  EXPECT_FALSE(c.current());
  EXPECT_TRUE(CountDataAge(DataStatus{}, 120).current());

  const std::string doc = DataStatusToJson(st, 120);
  EXPECT_EQ(Violations(doc, "data-status.schema.json"), "");
  auto j = nlohmann::json::parse(doc);
  EXPECT_EQ(j["stale"], 1);
  EXPECT_EQ(j["undated"], 1);
  EXPECT_EQ(j["sources"][0]["snapshots"], 12);
  EXPECT_FALSE(j["sources"][1].contains("snapshots"));
  EXPECT_EQ(j["sources"][2]["stale"], true);
  EXPECT_TRUE(j["sources"][2]["date"].is_null());

  const std::string text = DataStatusToText(st, 120, {});
  EXPECT_FALSE(HasEscape(text));
  EXPECT_EQ(text.rfind("SOURCE             DATE         DAYS  FROM\n", 0), 0u) << text;
  EXPECT_NE(text.find("platforms/android  2026-11-01     35  aosp@abc (Apache-2.0)\n"), std::string::npos) << text;
  EXPECT_NE(text.find("profiles/demo      unknown         ?  \n"), std::string::npos) << text;
  EXPECT_NE(text.find("3 sources in /usr/share/trustready/data; 1 older than 120 days, 1 undated (as of 2026-12-06)"),
            std::string::npos)
      << text;
  EXPECT_TRUE(HasEscape(DataStatusToText(st, 120, {.color = true})));
}

TEST(FleetReport, ScanMergeDiffFollowTheirSchemas) {
  fleet::ScanSummary s;
  s.run_id = "abc-2026120607";
  s.scan_id = "abc-2026120607-0";
  s.targets = 3;
  s.ok = 2;
  s.trusted = 2;
  s.statuses = {{"ok", 2}, {"refused", 1}};
  s.handshakes = 2;
  s.seconds = 0.5;
  s.chains = 1;
  EXPECT_EQ(Violations(FleetScanSummaryToJson(s), "fleet-scan-summary.schema.json"), "");
  const std::string text = FleetScanSummaryToText(s, {.stores = 1, .out_db = "r.db"}, {});
  EXPECT_FALSE(HasEscape(text));
  EXPECT_EQ(text,
            "fleet scan abc-2026120607-0: 3 targets, 2 reached, 2 trusted by all 1 store\n"
            "  statuses: ok 2, refused 1\n"
            "  2 handshakes in 0.50 s (4/s), 0 us CPU per handshake, 1 distinct chains\n"
            "  results: r.db\n");

  fleet::MergeSummary m;
  m.run_id = "abc";
  m.shard_count = 3;
  m.present = {0, 2};
  m.missing = {1};
  m.observations = 10;
  EXPECT_EQ(Violations(FleetMergeToJson(m), "fleet-merge.schema.json"), "");
  EXPECT_EQ(FleetMergeToText(m, "all.db", {}),
            "merged run abc: 2 of 3 shards, 10 observations in all.db\nmissing: shard 1 of 3\n");
  EXPECT_EQ(FleetMergeMissingLine(m), "trustready: fleet merge: missing shard 1 of 3;\n");
  m.missing.clear();
  EXPECT_EQ(FleetMergeMissingLine(m), "");

  fleet::DiffReport d;
  d.from_run = "r1";
  d.to_run = "r2";
  d.entries.push_back({"a|443|a|-|-", "a:443", "newly_untrusted", "UNKNOWN_ISSUER", true});
  EXPECT_EQ(Violations(FleetDiffToJson(d), "fleet-diff.schema.json"), "");
  EXPECT_EQ(FleetDiffToText(d, {}),
            "fleet diff r1 -> r2: 1 change\n  newly_untrusted  a:443  UNKNOWN_ISSUER\nVerdict: REGRESSION\n");
  d.entries.clear();
  EXPECT_EQ(FleetDiffToText(d, {}), "fleet diff r1 -> r2: 0 changes\nVerdict: no regression\n");

  // Image targets are counted on a line of their own, not as endpoints.
  s.targets = 5;
  s.ok = 4;
  s.trusted = 3;
  s.images = 2;
  s.images_judged = 2;
  s.images_ready = 1;
  s.statuses = {{"ok", 4}, {"refused", 1}};
  EXPECT_EQ(Violations(FleetScanSummaryToJson(s), "fleet-scan-summary.schema.json"), "");
  EXPECT_EQ(FleetScanSummaryToText(s, {.stores = 1, .out_db = "r.db"}, {}),
            "fleet scan abc-2026120607-0: 5 targets (2 images), 2 reached, 2 trusted by all 1 store\n"
            "  statuses: ok 4, refused 1\n"
            "  images: 1 of 2 ready (every store found in the image, as `check --root`)\n"
            "  2 handshakes in 0.50 s (4/s), 0 us CPU per handshake, 1 distinct chains\n"
            "  results: r.db\n");
  d.entries.push_back({"image:/img", "image=/img", "newly_not_ready", "java (not_ready)", true});
  EXPECT_EQ(Violations(FleetDiffToJson(d), "fleet-diff.schema.json"), "");
}

TEST(FleetReport, TargetLineAndScanRecord) {
  auto t = fleet::ParseListLine("Example.COM:8443 sni=www.example.com owner=web");
  ASSERT_TRUE(t.ok()) << t.error().ToString();
  ASSERT_TRUE(t->has_value());
  const std::string line = FleetTargetToJsonLine(**t, 4);
  ASSERT_EQ(line.back(), '\n');
  auto j = nlohmann::json::parse(line);
  EXPECT_EQ(j["host"], "example.com");
  EXPECT_EQ(j["port"], 8443);
  EXPECT_EQ(j["sni"], "www.example.com");
  EXPECT_TRUE(j["address"].is_null());
  EXPECT_EQ(j["labels"]["owner"], "web");
  EXPECT_EQ(j["shard"], fleet::ShardOf((*t)->Key(), 4));
  EXPECT_TRUE(j["image"].is_null());
  EXPECT_EQ(Violations(line, "fleet-target.schema.json"), "");
  // An image target: no endpoint, its path as the image.
  auto img = fleet::ParseListLine("image=" + ::testing::TempDir() + " owner=web");
  ASSERT_TRUE(img.ok() && img->has_value());
  auto ij = nlohmann::json::parse(FleetTargetToJsonLine(**img, 1));
  EXPECT_EQ(ij["image"], ::testing::TempDir());
  EXPECT_EQ(ij["port"], 0);
  EXPECT_EQ(Violations(ij.dump(), "fleet-target.schema.json"), "");
  EXPECT_EQ(FleetScanRecordJson({.profile = "p", .stores = {"system"}, .http = false, .aia = true,
                                 .handshake_timeout_s = 5, .retries = 1}),
            R"({"aia":true,"handshake_timeout_s":5.0,"http":false,"profile":"p","retries":1,"stores":["system"]})");
  // The record of a `fleet scan` request: what the run row keeps of it.
  fleet::ScanRequest r;
  r.profile = "lets-encrypt";
  r.stores = {"system", "android:14"};
  r.http = true;
  r.no_aia = true;
  r.probe.handshake_timeout = 2.5;
  r.probe.retries = 3;
  EXPECT_EQ(FleetScanRequestRecordJson(r),
            R"({"aia":false,"handshake_timeout_s":2.5,"http":true,"profile":"lets-encrypt","retries":3,)"
            R"("stores":["system","android:14"]})");
}

}  // namespace
}  // namespace trustready
