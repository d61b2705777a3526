// Every error `check --json` carries as a string also carries the Error's
// kind, stable detail id and severity (base/error_detail.h): the stores
// judged UNKNOWN (selected or found by client resolution), the top-level
// `unknown` list, and `targets[].error`. Real failures, not hand-made
// structs: a truncated PEM bundle, a cut JKS, an empty bundle, a JKS under
// another password, a port on 127.0.0.1 nobody listens on, a deadline that
// comes first. Each document is held against docs/schemas/check.schema.json.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "report_test_util.h"
#include "trustready/check/check.h"
#include "trustready/report/check_report.h"
#include "trustready/store/jks_store.h"

namespace trustready {
namespace {

using report_test::Amazon;
using report_test::TempDir;
using report_test::Violations;

const char kSchema[] = "check.schema.json";

std::string Write(const std::string& path, std::string_view bytes) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return path;
}

std::string JksBytes(const std::string& password) {
  TrustStore s("jks", StoreFormat::kJks, "");
  s.Add({Amazon("AmazonRootCA1.cer"), {}, "root1"});
  auto bytes = WriteJksStore(s, password);
  EXPECT_TRUE(bytes.ok());
  return std::string(bytes->begin(), bytes->end());
}

CheckRequest BaseRequest() {
  CheckRequest r;
  r.time = *ParseRfc3339("2025-03-01T00:00:00Z");
  r.fetch_aia = false;
  return r;
}

// The entry of `stores` named `name`, or null.
const nlohmann::json* StoreNamed(const nlohmann::json& j, const std::string& name) {
  for (const auto& s : j["stores"]) {
    if (s["store"] == name) return &s;
  }
  return nullptr;
}

// Each `unknown` entry repeats its store's error fields.
void ExpectUnknownListMatchesStores(const nlohmann::json& j) {
  for (const auto& u : j["unknown"]) {
    const nlohmann::json* s = StoreNamed(j, u["store"]);
    ASSERT_NE(s, nullptr) << u.dump();
    EXPECT_EQ(u["reason"], (*s)["error"]);
    EXPECT_EQ(u["error_kind"], (*s)["error_kind"]);
    EXPECT_EQ(u.value("detail", ""), s->value("detail", ""));
    EXPECT_EQ(u["severity"], (*s)["severity"]);
  }
}

// The stores of a file tree that cannot be read: each with its reader's id.
TEST(CheckErrorDetail, UnreadableStoresOfATreeCarryTheirIdsInBothLists) {
  TempDir dir("detail-tree");
  const std::string jks = JksBytes("changeit");
  // A bundle cut in its first certificate (no END line), a keystore cut
  // in half.
  Write(dir / "tree/etc/ssl/certs/ca-certificates.crt", "-----BEGIN CERTIFICATE-----\nMIIDQTCCAimgAwIBAgITBmyf\n");
  Write(dir / "tree/etc/ssl/certs/java/cacerts", jks.substr(0, jks.size() / 2));
  CheckRequest r = BaseRequest();
  r.stores.root = dir / "tree";
  auto report = check::Run(r);
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  const nlohmann::json j = CheckReportToJson(*report);
  EXPECT_EQ(Violations(CheckReportToJsonText(*report), kSchema), "");
  const nlohmann::json* system = StoreNamed(j, "system");
  const nlohmann::json* java = StoreNamed(j, "java");
  ASSERT_TRUE(system && java) << j["stores"].dump();
  EXPECT_EQ((*system)["state"], "unknown");
  EXPECT_EQ((*system)["detail"], "pem.end_missing");
  EXPECT_EQ((*system)["error_kind"], "FORMAT");
  EXPECT_EQ((*system)["severity"], "error");
  EXPECT_EQ((*java)["detail"], "jks.truncated") << java->dump();
  EXPECT_EQ((*java)["error_kind"], "TRUNCATED");
  ASSERT_GE(j["unknown"].size(), 2u);
  ExpectUnknownListMatchesStores(j);

  // An empty bundle: the file reader's id.
  Write(dir / "tree/etc/ssl/certs/ca-certificates.crt", "");
  auto empty = check::Run(r);
  ASSERT_TRUE(empty.ok());
  const nlohmann::json e = CheckReportToJson(*empty);
  EXPECT_EQ(Violations(CheckReportToJsonText(*empty), kSchema), "");
  ASSERT_NE(StoreNamed(e, "system"), nullptr);
  EXPECT_EQ((*StoreNamed(e, "system"))["detail"], "io.empty");
  EXPECT_EQ((*StoreNamed(e, "system"))["error_kind"], "IO");
  ExpectUnknownListMatchesStores(e);
}

// A keystore under another password: jks.password_wrong, BAD_PASSWORD, in
// the store's entry and in `unknown`.
TEST(CheckErrorDetail, AKeystoreUnderAnotherPasswordIsJksPasswordWrong) {
  TempDir dir("detail-jks");
  const std::string ks = Write(dir / "ks.jks", JksBytes("s3cret-pw"));
  CheckRequest r = BaseRequest();
  r.stores.specs.push_back({ks, std::string("not-it")});
  auto report = check::Run(r);
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  ASSERT_EQ(report->stores.size(), 1u);
  EXPECT_EQ(report->stores[0].unknown_error.kind, ErrorKind::kBadPassword);
  const nlohmann::json j = CheckReportToJson(*report);
  EXPECT_EQ(Violations(CheckReportToJsonText(*report), kSchema), "");
  ASSERT_EQ(j["unknown"].size(), 1u);
  EXPECT_EQ(j["unknown"][0]["detail"], "jks.password_wrong");
  EXPECT_EQ(j["unknown"][0]["error_kind"], "BAD_PASSWORD");
  EXPECT_EQ(j["unknown"][0]["severity"], "error");
  EXPECT_EQ(j["stores"][0]["detail"], "jks.password_wrong");
  ExpectUnknownListMatchesStores(j);
  // The strings are what they were: the reader's message and the fix.
  EXPECT_NE(j["unknown"][0]["reason"].get<std::string>().find("keystore password was incorrect"), std::string::npos);
  EXPECT_NE(j["unknown"][0]["fix"].get<std::string>().find("--password"), std::string::npos);
}

// Client resolution: the store OpenSSL really reads (SSL_CERT_FILE) is a
// truncated bundle; the client store judged UNKNOWN carries the id.
TEST(CheckErrorDetail, AClientStoreJudgedUnknownCarriesItsId) {
  TempDir dir("detail-client");
  const std::string bundle = Write(dir / "cut.pem", "-----BEGIN CERTIFICATE-----\nMIIDQTCCAimgAwIBAgITBmyf\n");
  ClientEnvironment env;
  env.origin = "--env FILE";
  env.vars["SSL_CERT_FILE"] = bundle;
  env.vars["SSL_CERT_DIR"] = dir / "no-such-dir";
  env.run_programs = false;
  CheckRequest r = BaseRequest();
  r.clients = env;
  r.client = "openssl";
  auto report = check::Run(r);
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  const StoreReadiness* client = nullptr;
  for (const StoreReadiness& s : report->stores) {
    if (!s.used_by.empty()) client = &s;
  }
  ASSERT_NE(client, nullptr);
  EXPECT_EQ(client->state, StoreState::kUnknown);
  EXPECT_EQ(client->unknown_error.detail, "pem.end_missing") << client->unknown_reason;
  const nlohmann::json j = CheckReportToJson(*report);
  EXPECT_EQ(Violations(CheckReportToJsonText(*report), kSchema), "");
  const nlohmann::json* s = StoreNamed(j, client->store);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ((*s)["detail"], "pem.end_missing");
  EXPECT_EQ((*s)["error_kind"], "FORMAT");
  EXPECT_EQ((*s)["used_by"][0]["client"], "openssl");
  ExpectUnknownListMatchesStores(j);
}

// A port on 127.0.0.1 that is bound but not listening refuses connections.
struct ClosedPort {
  int fd = -1;
  int port = 0;
  ClosedPort() {
    fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) return;
    socklen_t n = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &n);
    port = ntohs(a.sin_port);
  }
  ~ClosedPort() { ::close(fd); }
};

TEST(CheckErrorDetail, ATargetThatRefusesTheConnectionIsNetworkRefused) {
  ClosedPort closed;
  ASSERT_NE(closed.port, 0);
  CheckRequest r = BaseRequest();
  r.stores.specs.push_back({std::string(TR_SHARED_DATA) + "/amazon-trust-services/AmazonRootCA1.cer", std::nullopt});
  r.targets.push_back("https://127.0.0.1:" + std::to_string(closed.port) + "/");
  r.timeout = std::chrono::seconds(5);
  auto report = check::Run(r);
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  ASSERT_EQ(report->targets.size(), 1u);
  const TargetCheck& t = report->targets[0];
  EXPECT_EQ(t.status, TargetStatus::kError);
  EXPECT_EQ(t.failure.kind, ErrorKind::kNetwork);
  EXPECT_EQ(t.failure.detail, "network.refused") << t.error;
  const nlohmann::json j = CheckReportToJson(*report);
  EXPECT_EQ(Violations(CheckReportToJsonText(*report), kSchema), "");
  const nlohmann::json& jt = j["targets"][0];
  // "error" is the string it always was; the fields beside it are new.
  EXPECT_EQ(jt["error"], "127.0.0.1:" + std::to_string(closed.port) + ": cannot connect (127.0.0.1: Connection refused)");
  EXPECT_EQ(jt["error_kind"], "NETWORK");
  EXPECT_EQ(jt["detail"], "network.refused");
  EXPECT_EQ(jt["severity"], "error");
  // The schema ties them to status error: a trusted target has none.
  nlohmann::json forged = j;
  forged["targets"][0]["status"] = "trusted";
  forged["targets"][0]["error"] = nullptr;
  forged["targets"][0]["chain"] = nlohmann::json::array({{{"name", "x"}, {"sha256", std::string(64, 'a')}, {"not_after", "2030-01-01T00:00:00Z"}}});
  EXPECT_NE(Violations(forged.dump(), kSchema), "");
  for (const char* k : {"error_kind", "detail", "severity"}) forged["targets"][0][k] = nullptr;
  EXPECT_EQ(Violations(forged.dump(), kSchema), "") << "the forged trusted target is otherwise valid";
}

// A port that accepts TCP (the kernel's backlog) and never speaks TLS: the
// first target runs into the check's deadline, the second is never
// started. Both errors say so, with their ids.
TEST(CheckErrorDetail, TargetsCutByTheDeadlineCarryTheirIds) {
  ClosedPort silent;
  ASSERT_NE(silent.port, 0);
  ASSERT_EQ(::listen(silent.fd, 8), 0);
  CheckRequest r = BaseRequest();
  r.stores.specs.push_back({std::string(TR_SHARED_DATA) + "/amazon-trust-services/AmazonRootCA1.cer", std::nullopt});
  r.targets.push_back("https://127.0.0.1:" + std::to_string(silent.port) + "/first");
  r.targets.push_back("https://127.0.0.1:" + std::to_string(silent.port) + "/second");
  r.deadline = std::chrono::milliseconds(300);
  auto report = check::Run(r);
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  ASSERT_EQ(report->targets.size(), 2u);
  const nlohmann::json j = CheckReportToJson(*report);
  EXPECT_EQ(Violations(CheckReportToJsonText(*report), kSchema), "");
  const nlohmann::json& first = j["targets"][0];
  EXPECT_EQ(first["status"], "error");
  EXPECT_EQ(first["error"], "127.0.0.1:" + std::to_string(silent.port) + ": TLS handshake stopped by the deadline");
  EXPECT_EQ(first["detail"], "network.handshake_timeout");
  const nlohmann::json& second = j["targets"][1];
  EXPECT_EQ(second["error"], r.targets[1] + ": not checked: the check's deadline was reached first");
  EXPECT_EQ(second["detail"], "network.deadline");
  EXPECT_EQ(second["error_kind"], "NETWORK");
}

}  // namespace
}  // namespace trustready
