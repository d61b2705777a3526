// ProbeEndpoint and FetchAiaIssuer against servers started here on loopback:
// openssl s_server, python3 scripts and in-process sockets. openssl's CLI is
// the oracle for what the server sends.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>

#include "tls/local_servers.h"
#include "trustready/tls/aia_fetch.h"
#include "trustready/tls/tls_probe.h"

namespace trustready {
namespace {

using testing::ChildProcess;
using testing::FreePort;
using testing::ReadAll;
using testing::TempDir;
using testing::WaitForPort;

std::vector<uint8_t> Bytes(const std::string& s) { return {s.begin(), s.end()}; }

TEST(ParseEndpointTarget, Forms) {
  struct Case {
    const char* text;
    const char* host;
    int port;
    const char* path;
    bool ip;
  };
  const Case cases[] = {
      {"https://example.com", "example.com", 443, "/", false},
      {"https://Example.COM:8443/test.jpg", "example.com", 8443, "/test.jpg", false},
      {"HTTPS://example.com/a?b=c#frag", "example.com", 443, "/a?b=c", false},
      {"example.com:4433", "example.com", 4433, "/", false},
      {"example.com", "example.com", 443, "/", false},
      {"127.0.0.1:8443", "127.0.0.1", 8443, "/", true},
      {"[::1]:8443", "::1", 8443, "/", true},
      {"https://[::1]/x", "::1", 443, "/x", true},
      {"::1", "::1", 443, "/", true},
      {"  localhost:1/p  ", "localhost", 1, "/p", false},
  };
  for (const auto& c : cases) {
    auto t = ParseEndpointTarget(c.text);
    ASSERT_TRUE(t.ok()) << c.text << ": " << t.error().message;
    EXPECT_EQ(t->host, c.host) << c.text;
    EXPECT_EQ(t->port, c.port) << c.text;
    EXPECT_EQ(t->path, c.path) << c.text;
    EXPECT_EQ(t->host_is_ip, c.ip) << c.text;
  }
  EXPECT_EQ(ParseEndpointTarget("[::1]:8443")->Authority(), "[::1]:8443");
  EXPECT_EQ(ParseEndpointTarget("h:1/x")->Url(), "https://h:1/x");
}

TEST(ParseEndpointTarget, Rejects) {
  for (const char* bad : {"", "   ", "http://example.com", "ftp://x", "host:0", "host:65536",
                          "host:12a", "host:", "[::1", "[::1]x", "[example.com]:1",
                          "user@host", "a:b:c", "ho st", "https://:443/", "ex\x01mple"}) {
    auto t = ParseEndpointTarget(bad);
    ASSERT_FALSE(t.ok()) << "accepted '" << bad << "'";
    EXPECT_EQ(t.error().kind, ErrorKind::kInvalidArgument);
    EXPECT_NE(t.error().message.find(bad), std::string::npos) << t.error().message;
  }
}

class ProbeTest : public ::testing::Test {
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
  static TempDir* dir_;
  static bool ok_;
};
TempDir* ProbeTest::dir_ = nullptr;
bool ProbeTest::ok_ = false;

ProbeOptions Quick() {
  ProbeOptions o;
  o.connect_timeout = std::chrono::milliseconds(3000);
  o.handshake_timeout = std::chrono::milliseconds(700);
  o.read_timeout = std::chrono::milliseconds(700);
  return o;
}

TEST_F(ProbeTest, CapturesChainInOrderAndStatus) {
  const int port = FreePort();
  ChildProcess server({"openssl", "s_server", "-accept", std::to_string(port), "-cert",
                       *dir_ / "leaf.pem", "-key", *dir_ / "leaf.key", "-cert_chain",
                       *dir_ / "chain.pem", "-www", "-quiet"});
  ASSERT_TRUE(WaitForPort(port));
  ProbeOptions o = Quick();
  o.handshake_timeout = o.read_timeout = std::chrono::milliseconds(5000);
  auto probe = ProbeEndpoint("https://127.0.0.1:" + std::to_string(port) + "/", o);
  ASSERT_TRUE(probe.ok()) << probe.error().message;
  ASSERT_EQ(probe->chain.size(), 2u);
  EXPECT_EQ(probe->chain[0], Bytes(ReadAll(*dir_ / "leaf.der")));
  EXPECT_EQ(probe->chain[1], Bytes(ReadAll(*dir_ / "ica.der")));
  EXPECT_EQ(probe->http_status, 200);  // s_server -www answers "HTTP/1.0 200 ok"
  EXPECT_EQ(probe->status_line.substr(0, 12), "HTTP/1.0 200");
  EXPECT_EQ(probe->peer_address, "127.0.0.1");
  EXPECT_TRUE(probe->sni.empty()) << "no SNI for IP literals (RFC 6066 3)";
  EXPECT_FALSE(probe->tls_version.empty());
}

TEST_F(ProbeTest, SendsSniForNames) {
  // s_server answers with -cert2 when the client's SNI equals -servername.
  const int port = FreePort();
  ChildProcess server({"openssl", "s_server", "-accept", std::to_string(port), "-cert",
                       *dir_ / "other.pem", "-key", *dir_ / "other.key", "-servername",
                       "localhost", "-cert2", *dir_ / "leaf.pem", "-key2", *dir_ / "leaf.key",
                       "-www", "-quiet"});
  ASSERT_TRUE(WaitForPort(port));
  ProbeOptions o = Quick();
  o.handshake_timeout = o.read_timeout = std::chrono::milliseconds(5000);
  o.send_http_request = false;
  auto by_name = ProbeEndpoint("localhost:" + std::to_string(port), o);
  ASSERT_TRUE(by_name.ok()) << by_name.error().message;
  EXPECT_EQ(by_name->sni, "localhost");
  EXPECT_EQ(by_name->chain.at(0), Bytes(ReadAll(*dir_ / "leaf.der")));
  EXPECT_FALSE(by_name->http_requested);
  auto by_ip = ProbeEndpoint("127.0.0.1:" + std::to_string(port), o);
  ASSERT_TRUE(by_ip.ok()) << by_ip.error().message;
  EXPECT_EQ(by_ip->chain.at(0), Bytes(ReadAll(*dir_ / "other.der")));
}

TEST_F(ProbeTest, Ipv6Literal) {
  const int port = FreePort(/*ipv6=*/true);
  if (port == 0) GTEST_SKIP() << "no IPv6 loopback on this machine";
  ChildProcess server({"openssl", "s_server", "-6", "-accept", "[::1]:" + std::to_string(port),
                       "-cert", *dir_ / "leaf.pem", "-key", *dir_ / "leaf.key", "-www",
                       "-quiet"});
  ASSERT_TRUE(WaitForPort(port, true));
  ProbeOptions o = Quick();
  o.handshake_timeout = o.read_timeout = std::chrono::milliseconds(5000);
  auto probe = ProbeEndpoint("https://[::1]:" + std::to_string(port) + "/x", o);
  ASSERT_TRUE(probe.ok()) << probe.error().message;
  EXPECT_EQ(probe->peer_address, "::1");
  EXPECT_EQ(probe->http_status, 200);
}

TEST_F(ProbeTest, ClosedPortIsRefused) {
  const int port = FreePort();
  auto probe = ProbeEndpoint("127.0.0.1:" + std::to_string(port), Quick());
  ASSERT_FALSE(probe.ok());
  EXPECT_EQ(probe.error().kind, ErrorKind::kNetwork);
  EXPECT_NE(probe.error().message.find("127.0.0.1:" + std::to_string(port)), std::string::npos);
  EXPECT_NE(probe.error().message.find("refused"), std::string::npos) << probe.error().message;
}

TEST_F(ProbeTest, SilentServerTimesOutInHandshake) {
  testing::SilentListener silent;
  auto probe = ProbeEndpoint("127.0.0.1:" + std::to_string(silent.port()), Quick());
  ASSERT_FALSE(probe.ok());
  EXPECT_EQ(probe.error().kind, ErrorKind::kNetwork);
  EXPECT_NE(probe.error().message.find("handshake timed out"), std::string::npos)
      << probe.error().message;
}

TEST_F(ProbeTest, JunkInsteadOfTls) {
  const int port = FreePort();
  std::ofstream(*dir_ / "junk.py")
      << "import socket,sys\n"
         "s=socket.socket(); s.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1)\n"
         "s.bind(('127.0.0.1',int(sys.argv[1]))); s.listen(8)\n"
         "while True:\n"
         "  c,_=s.accept()\n"
         "  try:\n"
         "    c.sendall(b'SSH-2.0-OpenSSH_9.2 this is not TLS\\r\\n'*8)\n"
         "  except OSError: pass\n"
         "  c.close()\n";
  ChildProcess server({"python3", *dir_ / "junk.py", std::to_string(port)});
  ASSERT_TRUE(WaitForPort(port));
  auto probe = ProbeEndpoint("127.0.0.1:" + std::to_string(port), Quick());
  ASSERT_FALSE(probe.ok());
  EXPECT_EQ(probe.error().kind, ErrorKind::kNetwork);
  EXPECT_NE(probe.error().message.find("TLS handshake failed"), std::string::npos)
      << probe.error().message;
}

TEST_F(ProbeTest, JunkHttpAfterTls) {
  const int port = FreePort();
  std::ofstream(*dir_ / "tlsjunk.py")
      << "import socket,ssl,sys\n"
         "ctx=ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)\n"
         "ctx.load_cert_chain(sys.argv[2], sys.argv[3])\n"
         "s=socket.socket(); s.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1)\n"
         "s.bind(('127.0.0.1',int(sys.argv[1]))); s.listen(8)\n"
         "while True:\n"
         "  c,_=s.accept()\n"
         "  try:\n"
         "    t=ctx.wrap_socket(c,server_side=True); t.recv(4096)\n"
         "    t.sendall(b'220 smtp.example ESMTP ready\\r\\n'); t.close()\n"
         "  except Exception: c.close()\n";
  ChildProcess server(
      {"python3", *dir_ / "tlsjunk.py", std::to_string(port), *dir_ / "leaf.pem", *dir_ / "leaf.key"});
  ASSERT_TRUE(WaitForPort(port));
  ProbeOptions o = Quick();
  o.handshake_timeout = o.read_timeout = std::chrono::milliseconds(5000);
  auto probe = ProbeEndpoint("127.0.0.1:" + std::to_string(port), o);
  // The handshake succeeded: the chain is captured and the HTTP problem is
  // reported beside it (issue 17 item 7), not instead of it.
  ASSERT_TRUE(probe.ok()) << probe.error().message;
  EXPECT_EQ(probe->chain.size(), 1u);
  EXPECT_EQ(probe->http_status, 0);
  EXPECT_NE(probe->http_error.find("junk HTTP response"), std::string::npos) << probe->http_error;
  EXPECT_NE(probe->http_error.find("220 smtp"), std::string::npos) << probe->http_error;
}

TEST_F(ProbeTest, TlsServerThatNeverAnswersHttp) {
  // Completes the handshake, reads the request, then says nothing.
  const int port = FreePort();
  std::ofstream(*dir_ / "tlsmute.py")
      << "import socket,ssl,sys,time\n"
         "ctx=ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)\n"
         "ctx.load_cert_chain(sys.argv[2], sys.argv[3])\n"
         "s=socket.socket(); s.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1)\n"
         "s.bind(('127.0.0.1',int(sys.argv[1]))); s.listen(8)\n"
         "held=[]\n"
         "while True:\n"
         "  c,_=s.accept()\n"
         "  try:\n"
         "    t=ctx.wrap_socket(c,server_side=True); t.recv(4096); held.append(t)\n"
         "  except Exception: c.close()\n";
  ChildProcess server(
      {"python3", *dir_ / "tlsmute.py", std::to_string(port), *dir_ / "leaf.pem", *dir_ / "leaf.key"});
  ASSERT_TRUE(WaitForPort(port));
  ProbeOptions o = Quick();
  o.handshake_timeout = std::chrono::milliseconds(5000);
  auto probe = ProbeEndpoint("127.0.0.1:" + std::to_string(port), o);
  ASSERT_TRUE(probe.ok()) << probe.error().message;
  EXPECT_FALSE(probe->chain.empty());
  EXPECT_NE(probe->http_error.find("no HTTP response within 700 ms"), std::string::npos)
      << probe->http_error;
  EXPECT_FALSE(probe->deadline_hit);

  // The probe's deadline ends the HTTP wait before the read timeout.
  o.read_timeout = std::chrono::milliseconds(10000);
  o.deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(1500);
  const auto t0 = std::chrono::steady_clock::now();
  auto capped = ProbeEndpoint("127.0.0.1:" + std::to_string(port), o);
  const auto took = std::chrono::steady_clock::now() - t0;
  ASSERT_TRUE(capped.ok()) << capped.error().message;
  EXPECT_TRUE(capped->deadline_hit);
  EXPECT_NE(capped->http_error.find("deadline"), std::string::npos) << capped->http_error;
  EXPECT_LT(took, std::chrono::milliseconds(4000));
}

TEST_F(ProbeTest, DeadlineEndsAStalledHandshake) {
  testing::SilentListener silent;
  ProbeOptions o;
  o.connect_timeout = o.handshake_timeout = o.read_timeout = std::chrono::milliseconds(10000);
  o.deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(400);
  const auto t0 = std::chrono::steady_clock::now();
  auto probe = ProbeEndpoint("127.0.0.1:" + std::to_string(silent.port()), o);
  const auto took = std::chrono::steady_clock::now() - t0;
  ASSERT_FALSE(probe.ok());
  EXPECT_NE(probe.error().message.find("stopped by the deadline"), std::string::npos) << probe.error().message;
  EXPECT_LT(took, std::chrono::milliseconds(3000));
  // Past the deadline: not even a connection.
  auto late = ProbeEndpoint("127.0.0.1:" + std::to_string(silent.port()), o);
  ASSERT_FALSE(late.ok());
  EXPECT_NE(late.error().message.find("deadline"), std::string::npos) << late.error().message;
}

class AiaTest : public ProbeTest {};

TEST_F(AiaTest, FetchesDerPemAndPkcs7) {
  const std::string web = *dir_ / "web";
  std::filesystem::create_directories(web);
  std::filesystem::copy_file(*dir_ / "ica.der", web + "/ica.cer");
  std::filesystem::copy_file(*dir_ / "ica.pem", web + "/ica.pem");
  ASSERT_EQ(testing::Run("openssl crl2pkcs7 -nocrl -certfile " + *dir_ / "ica.pem" +
                         " -outform DER -out " + web + "/ica.p7c"),
            0);
  std::ofstream(web + "/big.cer") << std::string(100 * 1024, 'A');
  std::ofstream(web + "/junk.cer") << "not a certificate";
  const int port = FreePort();
  ChildProcess server({"python3", "-m", "http.server", "--bind", "127.0.0.1", "--directory",
                       web, std::to_string(port)});
  ASSERT_TRUE(WaitForPort(port));
  const std::string base = "http://127.0.0.1:" + std::to_string(port) + "/";
  const auto ica = Bytes(ReadAll(*dir_ / "ica.der"));
  for (const char* name : {"ica.cer", "ica.pem", "ica.p7c"}) {
    auto der = FetchAiaIssuer(base + name);
    ASSERT_TRUE(der.ok()) << name << ": " << der.error().message;
    EXPECT_EQ(*der, ica) << name;
  }
  auto big = FetchAiaIssuer(base + "big.cer");
  ASSERT_FALSE(big.ok());
  EXPECT_NE(big.error().message.find("exceeds the limit"), std::string::npos) << big.error().message;
  auto missing = FetchAiaIssuer(base + "missing.cer");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("HTTP status 404"), std::string::npos)
      << missing.error().message;
  auto junk = FetchAiaIssuer(base + "junk.cer");
  ASSERT_FALSE(junk.ok());
  EXPECT_EQ(junk.error().kind, ErrorKind::kNotCertificate);
}

TEST_F(AiaTest, BoundedAndPlainHttpOnly) {
  testing::SilentListener silent;
  AiaFetchLimits limits;
  limits.timeout = std::chrono::milliseconds(500);
  auto r = FetchAiaIssuer("http://127.0.0.1:" + std::to_string(silent.port()) + "/ca.cer", limits);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kNetwork);
  EXPECT_NE(r.error().message.find("timed out"), std::string::npos) << r.error().message;

  auto https = FetchAiaIssuer("https://127.0.0.1/ca.cer");
  ASSERT_FALSE(https.ok());
  EXPECT_EQ(https.error().kind, ErrorKind::kInvalidArgument);

  auto refused = FetchAiaIssuer("http://127.0.0.1:" + std::to_string(FreePort()) + "/ca.cer");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("refused"), std::string::npos);
}

// Eight stalled fetches under one deadline take the deadline, not eight
// timeouts (issue 17 item 4: 24 s at --timeout 3).
TEST_F(AiaTest, StalledFetchesShareOneDeadline) {
  testing::SilentListener silent;
  AiaFetchLimits limits;
  limits.timeout = std::chrono::milliseconds(3000);
  limits.deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(1000);
  const auto t0 = std::chrono::steady_clock::now();
  int deadline_errors = 0;
  for (int i = 0; i < 8; ++i) {
    auto r = FetchAiaIssuer("http://127.0.0.1:" + std::to_string(silent.port()) + "/ca" + std::to_string(i) + ".cer",
                            limits);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::kNetwork);
    if (r.error().message.find("deadline") != std::string::npos) ++deadline_errors;
  }
  const auto took = std::chrono::steady_clock::now() - t0;
  EXPECT_EQ(deadline_errors, 8);
  EXPECT_LT(took, std::chrono::milliseconds(5000));  // 24 s without the deadline
}

}  // namespace
}  // namespace trustready
