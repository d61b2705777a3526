// Bounded TCP plumbing shared by the TLS probe and the AIA fetcher:
// deadline-driven name resolution and connect on non-blocking sockets.
// Internal to src/tls (not a public header).
#ifndef TRUSTREADY_TLS_SOCKET_H_
#define TRUSTREADY_TLS_SOCKET_H_

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "trustready/base/result.h"

namespace trustready::tls_internal {

using Clock = std::chrono::steady_clock;

// Owns a file descriptor.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  ~UniqueFd();
  UniqueFd(UniqueFd&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
  UniqueFd& operator=(UniqueFd&& o) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

enum class WaitResult { kReady, kTimeout, kError };
// poll(2) for `events` on fd until `deadline`, retrying on EINTR.
WaitResult WaitFd(int fd, short events, Clock::time_point deadline);

struct Connected {
  UniqueFd fd;        // non-blocking, TCP_NODELAY
  std::string address;  // numeric address of the peer
};

// Resolves `host` (numeric literals without DNS) and connects to each
// address in turn until one answers, all within `deadline`. Each address
// gets an equal share of the time left so that one black-holed address
// cannot starve the others. `what` names the target in errors.
Result<Connected> ConnectTcp(const std::string& host, uint16_t port,
                             Clock::time_point deadline, std::string_view what);

// True when `host` is an IPv4 or IPv6 literal.
bool IsIpLiteral(const std::string& host);

// Milliseconds as "10 s" / "250 ms" for messages.
std::string DescribeDuration(std::chrono::milliseconds d);

}  // namespace trustready::tls_internal

#endif  // TRUSTREADY_TLS_SOCKET_H_
