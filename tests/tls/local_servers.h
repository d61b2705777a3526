// Helpers for network tests: loopback servers the tests start themselves
// (openssl s_server, python3 scripts, in-process sockets), temp dirs, and
// certificates made with the openssl command-line tool.
#ifndef TRUSTREADY_TESTS_TLS_LOCAL_SERVERS_H_
#define TRUSTREADY_TESTS_TLS_LOCAL_SERVERS_H_

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace trustready::testing {

// A fresh directory under TMPDIR, removed at the end.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "trtest.XXXXXX").string();
    std::vector<char> buf(tmpl.begin(), tmpl.end());
    buf.push_back('\0');
    path_ = ::mkdtemp(buf.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

inline int Run(const std::string& command) {
  int rc = std::system((command + " >/dev/null 2>&1").c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

inline std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A TCP port on 127.0.0.1 (or ::1) that was free a moment ago.
inline int FreePort(bool ipv6 = false) {
  int fd = ::socket(ipv6 ? AF_INET6 : AF_INET, SOCK_STREAM, 0);
  int port = 0;
  if (ipv6) {
    sockaddr_in6 a{};
    a.sin6_family = AF_INET6;
    a.sin6_addr = in6addr_loopback;
    socklen_t len = sizeof a;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0) {
      port = ntohs(a.sin6_port);
    }
  } else {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0) {
      port = ntohs(a.sin_port);
    }
  }
  ::close(fd);
  return port;
}

// True once something accepts TCP connections on host:port (up to ~10 s).
inline bool WaitForPort(int port, bool ipv6 = false) {
  for (int i = 0; i < 200; ++i) {
    int fd = ::socket(ipv6 ? AF_INET6 : AF_INET, SOCK_STREAM, 0);
    int rc;
    if (ipv6) {
      sockaddr_in6 a{};
      a.sin6_family = AF_INET6;
      a.sin6_addr = in6addr_loopback;
      a.sin6_port = htons(static_cast<uint16_t>(port));
      rc = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    } else {
      sockaddr_in a{};
      a.sin_family = AF_INET;
      a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      a.sin_port = htons(static_cast<uint16_t>(port));
      rc = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    }
    ::close(fd);
    if (rc == 0) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

// A child process, killed (by its own pid) and reaped on destruction.
class ChildProcess {
 public:
  explicit ChildProcess(const std::vector<std::string>& argv) {
    pid_ = ::fork();
    if (pid_ == 0) {
      ::setpgid(0, 0);
      std::FILE* null = std::fopen("/dev/null", "r+");
      if (null != nullptr) {
        ::dup2(fileno(null), 0);
        ::dup2(fileno(null), 1);
        ::dup2(fileno(null), 2);
      }
      std::vector<char*> args;
      for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
      args.push_back(nullptr);
      ::execvp(args[0], args.data());
      ::_exit(127);
    }
  }
  ~ChildProcess() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      for (int i = 0; i < 100; ++i) {
        if (::waitpid(pid_, &status, WNOHANG) == pid_) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
    }
  }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  bool started() const { return pid_ > 0; }

 private:
  pid_t pid_ = -1;
};

// A listening socket on 127.0.0.1 that never accepts: the kernel completes
// TCP handshakes into the backlog, and nothing is ever sent.
class SilentListener {
 public:
  SilentListener() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    ::listen(fd_, 16);
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
  }
  ~SilentListener() { ::close(fd_); }
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

// Makes a small CA hierarchy with the openssl CLI in `dir`: root.pem,
// ica.pem (signed by root), leaf.pem/leaf.key (signed by ica, SAN
// DNS:localhost, IP:127.0.0.1, IP:::1), other.pem/other.key (self-signed,
// CN=other), and .der copies of each certificate. Returns false on failure.
inline bool MakeTestHierarchy(const std::string& dir) {
  const std::string d = dir + "/";
  std::ofstream(d + "ext.cnf") << "[ca]\nbasicConstraints=critical,CA:TRUE\n"
                                  "keyUsage=critical,keyCertSign,cRLSign\n"
                                  "[leaf]\nbasicConstraints=CA:FALSE\n"
                                  "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\n";
  const std::vector<std::string> cmds = {
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout " + d +
          "root.key -out " + d + "root.pem -subj /CN=Test-Root -days 30 -addext "
          "basicConstraints=critical,CA:TRUE",
      "openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout " + d +
          "ica.key -out " + d + "ica.csr -subj /CN=Test-ICA",
      "openssl x509 -req -in " + d + "ica.csr -CA " + d + "root.pem -CAkey " + d +
          "root.key -CAcreateserial -out " + d + "ica.pem -days 30 -extfile " + d +
          "ext.cnf -extensions ca",
      "openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout " + d +
          "leaf.key -out " + d + "leaf.csr -subj /CN=localhost",
      "openssl x509 -req -in " + d + "leaf.csr -CA " + d + "ica.pem -CAkey " + d +
          "ica.key -CAcreateserial -out " + d + "leaf.pem -days 30 -extfile " + d +
          "ext.cnf -extensions leaf",
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout " + d +
          "other.key -out " + d + "other.pem -subj /CN=other -days 30",
  };
  for (const auto& c : cmds) {
    if (Run(c) != 0) return false;
  }
  for (const std::string name : {"root", "ica", "leaf", "other"}) {
    if (Run("openssl x509 -in " + d + name + ".pem -outform DER -out " + d + name + ".der") != 0) {
      return false;
    }
  }
  return true;
}

}  // namespace trustready::testing

#endif  // TRUSTREADY_TESTS_TLS_LOCAL_SERVERS_H_
