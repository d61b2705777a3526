// report/serve_report: serve's typed events (serve/serve.h) as the JSON
// lines of docs/schemas/serve.schema.json and as the text lines
// tests/serve/*.sh read. Each event kind is rendered and validated; the text
// forms are pinned byte for byte (they were the output before the events
// were typed).
#include "report_test_util.h"
#include "trustready/report/serve_report.h"

namespace trustready {
namespace {

using report_test::HasEscape;
using report_test::Violations;

ServeConnection Tls() {
  return {.remote = "127.0.0.1:40000",
          .listener = "main",
          .variant = "good",
          .sni = "good.trustready.test",
          .tls = "TLSv1.3"};
}
ServeConnection Plain() { return {.remote = "[::1]:40001", .listener = "main"}; }

ServeStarted Started() {
  ServeStarted s;
  s.listen = "127.0.0.1:8443";
  s.sni_port = 8443;
  s.http_url = s.dashboard = "http://127.0.0.1:8443/";
  s.domain = "trustready.test";
  s.pki_reused = true;
  s.endpoints.push_back({.variant = "good",
                         .url = "https://127.0.0.1:8444/test.jpg",
                         .port = 8444,
                         .host = "good.trustready.test",
                         .sni_url = "https://good.trustready.test:8443/test.jpg",
                         .expected_new_root = "pass",
                         .expected_legacy_root = "fail",
                         .expected_browser = "pass",
                         .description = "the new chain",
                         .note = ""});
  s.ca_files = {{"new_root", "/pki/new-root.pem"}, {"legacy_root", "/pki/legacy-root.pem"}};
  s.ca_file_sets = {{"new_roots", {"/pki/a.pem", "/pki/b.pem"}}};
  return s;
}

std::vector<ServeEvent> EveryEvent() {
  return {ServeRequestEvent{.time = "2026-01-02T03:04:05.678Z", .connection = Tls(), .method = "GET",
                            .path = "/test.jpg", .status = 200, .bytes = 1234, .duration_ms = 1.5},
          ServeRequestEvent{.time = "t", .connection = Plain(), .method = "GET", .path = "/certs/x.cer",
                            .status = 404, .bytes = 0, .duration_ms = 0.25, .error = "Broken pipe"},
          ServeFaultEvent{.time = "t", .kind = "handshake_timeout", .error = "no progress", .connection = Tls()},
          ServeFaultEvent{.time = "t", .kind = "accept_failed", .error = "Too many open files"},
          ServeFaultEvent{.time = "t", .kind = "connection_limit", .error = "full", .remote = "10.0.0.1:5"},
          ServeCloseEvent{.time = "t", .connection = Tls(), .reason = "idle_timeout", .requests = 3},
          ServeStoppingEvent{.time = "t", .signal = "SIGTERM", .open_connections = 2},
          ServeStoppedEvent{.time = "t", .open_connections = 0}};
}

TEST(ServeReport, StartedLineFollowsTheSchema) {
  const std::string line = ServeStartedToJsonLine(Started());
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_EQ(Violations(line, "serve.schema.json"), "");
  auto j = nlohmann::json::parse(line);
  EXPECT_EQ(j["event"], "started");
  EXPECT_EQ(j["sni_port"], 8443);
  EXPECT_EQ(j["ca_files"]["new_root"], "/pki/new-root.pem");
  EXPECT_EQ(j["ca_files"]["new_roots"], nlohmann::json({"/pki/a.pem", "/pki/b.pem"}));
  EXPECT_EQ(j["endpoints"][0]["expected_browser"], "pass");
}

TEST(ServeReport, EveryEventLineFollowsTheSchema) {
  for (const ServeEvent& e : EveryEvent()) {
    const std::string line = ServeEventToJsonLine(e);
    EXPECT_EQ(line.find('\n'), std::string::npos);
    EXPECT_EQ(Violations(line, "serve.schema.json"), "") << line;
  }
  // The validator does reject a line that breaks the contract.
  ServeFaultEvent bad{.time = "t", .kind = "no_such_kind", .error = "x"};
  EXPECT_NE(Violations(ServeEventToJsonLine(bad), "serve.schema.json"), "");
}

TEST(ServeReport, JsonLinesKeepAbsentAndNullApart) {
  const auto all = EveryEvent();
  // A plain-HTTP request: variant, sni and tls are null, not absent.
  auto plain = nlohmann::json::parse(ServeEventToJsonLine(all[1]));
  EXPECT_TRUE(plain["variant"].is_null() && plain["sni"].is_null() && plain["tls"].is_null());
  EXPECT_EQ(plain["error"], "Broken pipe");
  EXPECT_EQ(plain["listener"], "main");
  EXPECT_FALSE(nlohmann::json::parse(ServeEventToJsonLine(all[0])).contains("error"));
  // The listener's own fault has no connection at all; a refused one only
  // its remote address.
  auto accept = nlohmann::json::parse(ServeEventToJsonLine(all[3]));
  EXPECT_FALSE(accept.contains("remote") || accept.contains("listener") || accept.contains("variant"));
  auto refused = nlohmann::json::parse(ServeEventToJsonLine(all[4]));
  EXPECT_EQ(refused["remote"], "10.0.0.1:5");
  EXPECT_FALSE(refused.contains("listener"));
  // Keys in alphabetical order, as every serve --json line has had them.
  EXPECT_EQ(ServeEventToJsonLine(all[7]), R"({"event":"stopped","open_connections":0,"time":"t"})");
}

TEST(ServeReport, TextLines) {
  const auto all = EveryEvent();
  const TextStyle plain{false};
  EXPECT_EQ(ServeEventToText(all[0], plain),
            "2026-01-02T03:04:05.678Z 127.0.0.1:40000 good GET /test.jpg 200 1234 TLSv1.3");
  EXPECT_EQ(ServeEventToText(all[1], plain), "t [::1]:40001 - GET /certs/x.cer 404 0 plain");
  EXPECT_EQ(ServeEventToText(all[2], plain), "t fault handshake_timeout 127.0.0.1:40000 good: no progress");
  EXPECT_EQ(ServeEventToText(all[3], plain), "t fault accept_failed - -: Too many open files");
  EXPECT_EQ(ServeEventToText(all[4], plain), "t fault connection_limit 10.0.0.1:5 -: full");
  EXPECT_EQ(ServeEventToText(all[5], plain), "t 127.0.0.1:40000 closed: idle_timeout");
  EXPECT_EQ(ServeEventToText(all[6], plain), "t stopping (SIGTERM)");
  EXPECT_EQ(ServeEventToText(all[7], plain), "t stopped");
  for (const ServeEvent& e : all) EXPECT_FALSE(HasEscape(ServeEventToText(e, plain)));
  EXPECT_TRUE(HasEscape(ServeEventToText(all[2], TextStyle{true})));  // the fault is yellow
  // --no-access-log drops requests only.
  EXPECT_TRUE(IsServeAccessEvent(all[0]));
  for (size_t i = 2; i < all.size(); ++i) EXPECT_FALSE(IsServeAccessEvent(all[i]));
}

TEST(ServeReport, Banner) {
  EXPECT_EQ(ServeStartedToText(Started(), TextStyle{false}),
            "trustready serve: dashboard http://127.0.0.1:8443/\n"
            "SNI listener port 8443 (host names *.trustready.test)\n\n"
            "  good                https://127.0.0.1:8444/test.jpg  new root: pass, legacy root: fail\n"
            "\nCA files:\n"
            "  legacy_root: /pki/legacy-root.pem\n"
            "  new_root: /pki/new-root.pem\n\n");
}

}  // namespace
}  // namespace trustready
