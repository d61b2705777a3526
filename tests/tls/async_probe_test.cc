// The asynchronous probe engine (fleet scan's) against local servers, with
// the synchronous ProbeEndpoint as the oracle for the captured chain, plus
// the typed failures (refused, handshake timeout with its retry) and many
// jobs through a small concurrency window.
#include <gtest/gtest.h>

#include <fstream>
#include <mutex>

#include "tls/local_servers.h"
#include "trustready/tls/async_probe.h"
#include "trustready/tls/tls_probe.h"

namespace trustready {
namespace {

using testing::ChildProcess;
using testing::FreePort;
using testing::ReadAll;
using testing::SilentListener;
using testing::TempDir;
using testing::WaitForPort;

class AsyncProbeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    ok_ = testing::MakeTestHierarchy(dir_->path());
    std::ofstream(*dir_ / "chain.pem") << ReadAll(*dir_ / "ica.pem");
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override { ASSERT_TRUE(ok_) << "openssl could not make test certificates"; }

  // Runs jobs through an engine, returns results by job id.
  std::vector<AsyncProbeResult> RunJobs(std::vector<AsyncProbeJob> jobs, AsyncProbeOptions o) {
    std::vector<AsyncProbeResult> out(jobs.size());
    std::mutex mu;
    {
      AsyncProber prober(o, [&](AsyncProbeResult r) {
        std::lock_guard lock(mu);
        out[r.id] = std::move(r);
      });
      for (size_t i = 0; i < jobs.size(); ++i) {
        jobs[i].id = i;
        prober.Submit(jobs[i]);
      }
      prober.Finish();
    }
    return out;
  }
  static TempDir* dir_;
  static bool ok_;
};
TempDir* AsyncProbeTest::dir_ = nullptr;
bool AsyncProbeTest::ok_ = false;

AsyncProbeOptions Quick() {
  AsyncProbeOptions o;
  o.threads = 2;
  o.per_ip_concurrency = 0;
  o.per_ip_rate = 0;
  o.connect_timeout = std::chrono::milliseconds(3000);
  o.handshake_timeout = std::chrono::milliseconds(600);
  o.read_timeout = std::chrono::milliseconds(3000);
  o.retry_backoff = std::chrono::milliseconds(50);
  return o;
}

TEST_F(AsyncProbeTest, SameChainAsTheSynchronousProbeAndManyJobs) {
  const int port = FreePort();
  ChildProcess server({"openssl", "s_server", "-accept", std::to_string(port), "-cert", *dir_ / "leaf.pem", "-key",
                       *dir_ / "leaf.key", "-cert_chain", *dir_ / "chain.pem", "-www", "-quiet"});
  ASSERT_TRUE(WaitForPort(port));
  ProbeOptions po;
  po.send_http_request = false;
  auto sync = ProbeEndpoint("127.0.0.1:" + std::to_string(port), po);
  ASSERT_TRUE(sync.ok()) << sync.error().message;

  std::vector<AsyncProbeJob> jobs(40);
  for (auto& j : jobs) {
    j.host = "127.0.0.1";
    j.port = static_cast<uint16_t>(port);
  }
  jobs[0].http = true;
  AsyncProbeOptions o = Quick();
  o.concurrency = 4;  // s_server answers one connection at a time
  o.handshake_timeout = std::chrono::milliseconds(5000);
  auto results = RunJobs(jobs, o);
  for (const auto& r : results) {
    ASSERT_EQ(r.status, ProbeStatus::kOk) << r.error;
    EXPECT_EQ(r.chain, sync->chain);
    EXPECT_EQ(r.address, "127.0.0.1");
    EXPECT_FALSE(r.tls_version.empty());
  }
  EXPECT_EQ(results[0].http_status, 200);
}

TEST_F(AsyncProbeTest, TypedFailuresAndRetries) {
  const int refused = FreePort();
  SilentListener silent;
  std::vector<AsyncProbeJob> jobs(3);
  jobs[0].host = "127.0.0.1";
  jobs[0].port = static_cast<uint16_t>(refused);
  jobs[1].host = "127.0.0.1";
  jobs[1].port = static_cast<uint16_t>(silent.port());
  jobs[2].host = "name.example";
  jobs[2].address = "not-an-address";
  auto results = RunJobs(jobs, Quick());
  EXPECT_EQ(results[0].status, ProbeStatus::kRefused) << results[0].error;
  EXPECT_EQ(results[0].attempts, 1) << "refused is not retried";
  EXPECT_EQ(results[1].status, ProbeStatus::kHandshakeTimeout) << results[1].error;
  EXPECT_EQ(results[1].attempts, 2) << "one retry after a timeout";
  EXPECT_GE(results[1].elapsed_ms, 1200);
  EXPECT_EQ(results[2].status, ProbeStatus::kDnsError);
  EXPECT_EQ(ProbeStatusName(ProbeStatus::kHandshakeTimeout), "handshake_timeout");
}

TEST_F(AsyncProbeTest, PerAddressRateSpacesConnections) {
  const int refused = FreePort();
  std::vector<AsyncProbeJob> jobs(6);
  for (auto& j : jobs) {
    j.host = "127.0.0.1";
    j.port = static_cast<uint16_t>(refused);
  }
  AsyncProbeOptions o = Quick();
  o.per_ip_rate = 10;  // 6 connections: >= 0.5 s
  o.per_ip_concurrency = 1;
  auto start = std::chrono::steady_clock::now();
  auto results = RunJobs(jobs, o);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  for (const auto& r : results) EXPECT_EQ(r.status, ProbeStatus::kRefused);
  EXPECT_GE(ms, 450);
}

}  // namespace
}  // namespace trustready
