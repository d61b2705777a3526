#include "tls/socket.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace trustready::tls_internal {

UniqueFd::~UniqueFd() {
  if (fd_ >= 0) ::close(fd_);
}
UniqueFd& UniqueFd::operator=(UniqueFd&& o) noexcept {
  if (this != &o) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = o.fd_;
    o.fd_ = -1;
  }
  return *this;
}

WaitResult WaitFd(int fd, short events, Clock::time_point deadline) {
  for (;;) {
    // Rounded up: truncating left up to 1 ms before the deadline, and the
    // callers' "now >= deadline" checks then missed it (a flaky
    // AiaTest.StalledFetchesShareOneDeadline: 7 of 8 fetches ended in that
    // last millisecond without naming the deadline).
    const auto now = Clock::now();
    if (now >= deadline) return WaitResult::kTimeout;
    auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - now);
    pollfd p{fd, events, 0};
    int rc = ::poll(&p, 1, static_cast<int>(std::min<int64_t>(left.count(), 60000)));
    if (rc < 0) {
      if (errno == EINTR) continue;
      return WaitResult::kError;
    }
    if (rc == 0) continue;  // re-check the deadline
    return WaitResult::kReady;  // POLLERR/POLLHUP are left to the caller's read/connect
  }
}

bool IsIpLiteral(const std::string& host) {
  in6_addr a6;
  in_addr a4;
  return inet_pton(AF_INET, host.c_str(), &a4) == 1 ||
         inet_pton(AF_INET6, host.c_str(), &a6) == 1;
}

std::string DescribeDuration(std::chrono::milliseconds d) {
  if (d.count() % 1000 == 0) return std::to_string(d.count() / 1000) + " s";
  return std::to_string(d.count()) + " ms";
}

namespace {

struct Address {
  sockaddr_storage storage{};
  socklen_t len = 0;
  std::string text;
};

std::string NumericAddress(const sockaddr* sa, socklen_t len) {
  char host[NI_MAXHOST] = {0};
  if (getnameinfo(sa, len, host, sizeof host, nullptr, 0, NI_NUMERICHOST) != 0) {
    return "?";
  }
  return host;
}

std::vector<Address> FromAddrinfo(const addrinfo* res) {
  std::vector<Address> out;
  for (const addrinfo* ai = res; ai != nullptr; ai = ai->ai_next) {
    if (ai->ai_family != AF_INET && ai->ai_family != AF_INET6) continue;
    if (ai->ai_addrlen > sizeof(sockaddr_storage)) continue;
    Address a;
    std::memcpy(&a.storage, ai->ai_addr, ai->ai_addrlen);
    a.len = ai->ai_addrlen;
    a.text = NumericAddress(ai->ai_addr, ai->ai_addrlen);
    bool dup = false;
    for (const auto& b : out) dup = dup || b.text == a.text;
    if (!dup) out.push_back(std::move(a));
  }
  return out;
}

// getaddrinfo has no timeout; it runs on a detached thread that owns its
// state through a shared_ptr, so abandoning it at the deadline is safe.
Result<std::vector<Address>> Resolve(const std::string& host, uint16_t port,
                                     Clock::time_point deadline,
                                     std::string_view what) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_protocol = IPPROTO_TCP;
  const std::string service = std::to_string(port);
  if (IsIpLiteral(host)) {
    hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
    addrinfo* res = nullptr;
    int rc = getaddrinfo(host.c_str(), service.c_str(), &hints, &res);
    if (rc != 0) {
      return MakeError(ErrorKind::kNetwork, std::string(what) + ": bad address: " +
                                                gai_strerror(rc));
    }
    auto out = FromAddrinfo(res);
    freeaddrinfo(res);
    return out;
  }
  hints.ai_flags = AI_NUMERICSERV | AI_ADDRCONFIG;

  struct State {
    std::mutex mu;
    std::condition_variable cv;
    bool done = false;
    bool abandoned = false;
    int rc = 0;
    std::vector<Address> addresses;
  };
  auto state = std::make_shared<State>();
  std::thread([state, host, service, hints] {
    addrinfo* res = nullptr;
    int rc = getaddrinfo(host.c_str(), service.c_str(), &hints, &res);
    std::vector<Address> addresses;
    if (rc == 0) addresses = FromAddrinfo(res);
    if (res != nullptr) freeaddrinfo(res);
    std::lock_guard<std::mutex> lock(state->mu);
    state->rc = rc;
    state->addresses = std::move(addresses);
    state->done = true;
    state->cv.notify_all();
  }).detach();

  std::unique_lock<std::mutex> lock(state->mu);
  if (!state->cv.wait_until(lock, deadline, [&] { return state->done; })) {
    state->abandoned = true;
    return MakeError(ErrorKind::kNetwork,
                     std::string(what) + ": timed out resolving " + host);
  }
  if (state->rc != 0) {
    return MakeError(ErrorKind::kNetwork, std::string(what) + ": cannot resolve " +
                                              host + ": " + gai_strerror(state->rc));
  }
  if (state->addresses.empty()) {
    return MakeError(ErrorKind::kNetwork,
                     std::string(what) + ": " + host + " has no IPv4/IPv6 address");
  }
  return std::move(state->addresses);
}

}  // namespace

Result<Connected> ConnectTcp(const std::string& host, uint16_t port,
                             Clock::time_point deadline, std::string_view what) {
  auto addresses = Resolve(host, port, deadline, what);
  if (!addresses.ok()) return addresses.error();

  std::string failures;
  const size_t n = addresses->size();
  for (size_t i = 0; i < n; ++i) {
    const Address& a = (*addresses)[i];
    auto now = Clock::now();
    if (now >= deadline) break;
    auto share = (deadline - now) / static_cast<int>(n - i);
    auto attempt_deadline = now + share;

    UniqueFd fd(::socket(a.storage.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
                         IPPROTO_TCP));
    std::string why;
    if (!fd.valid()) {
      why = std::strerror(errno);
    } else {
      int rc = ::connect(fd.get(), reinterpret_cast<const sockaddr*>(&a.storage), a.len);
      if (rc != 0 && errno != EINPROGRESS) {
        why = std::strerror(errno);
      } else if (rc != 0) {
        WaitResult w = WaitFd(fd.get(), POLLOUT, attempt_deadline);
        if (w == WaitResult::kTimeout) {
          why = "timed out";
        } else {
          int err = 0;
          socklen_t len = sizeof err;
          if (w == WaitResult::kError ||
              getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &err, &len) != 0) {
            err = errno;
          }
          if (err != 0) why = std::strerror(err);
        }
      }
    }
    if (why.empty()) {
      int one = 1;
      setsockopt(fd.get(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      return Connected{std::move(fd), a.text};
    }
    if (!failures.empty()) failures += "; ";
    failures += a.text + ": " + why;
  }
  if (failures.empty()) failures = "timed out";
  return MakeError(ErrorKind::kNetwork,
                   std::string(what) + ": cannot connect (" + failures + ")");
}

}  // namespace trustready::tls_internal
