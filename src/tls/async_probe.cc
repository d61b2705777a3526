// AsyncProber: see include/trustready/tls/async_probe.h.
//
// Each job is a Task owned by shared_ptrs held by its pending handlers. A
// task lives on one loop at a time (its "home" loop while resolving, then
// the loop owning its address), so its fields need no locks; the only
// shared state is the resolver pool, the in-flight counter and counters.
#include "trustready/tls/async_probe.h"

#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <sys/socket.h>

#include <atomic>
#include <cctype>
#include <cerrno>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <thread>
#include <unordered_map>
// <utility> before Boost 1.74's asio (its awaitable.hpp uses std::exchange).
#include <utility>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>

namespace trustready {

namespace asio = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

std::string_view StartTlsName(StartTls s) {
  switch (s) {
    case StartTls::kSmtp: return "smtp";
    case StartTls::kImap: return "imap";
    case StartTls::kPop3: return "pop3";
    case StartTls::kFtp: return "ftp";
    case StartTls::kPostgres: return "postgres";
    case StartTls::kNone: break;
  }
  return "";
}

std::optional<StartTls> ParseStartTls(std::string_view name) {
  for (StartTls s : {StartTls::kSmtp, StartTls::kImap, StartTls::kPop3, StartTls::kFtp, StartTls::kPostgres}) {
    if (name == StartTlsName(s)) return s;
  }
  return std::nullopt;
}

uint16_t StartTlsDefaultPort(StartTls s) {
  switch (s) {
    case StartTls::kSmtp: return 25;
    case StartTls::kImap: return 143;
    case StartTls::kPop3: return 110;
    case StartTls::kFtp: return 21;
    case StartTls::kPostgres: return 5432;
    case StartTls::kNone: break;
  }
  return 443;
}

std::string_view ProbeStatusName(ProbeStatus s) {
  switch (s) {
    case ProbeStatus::kOk: return "ok";
    case ProbeStatus::kDnsNxdomain: return "dns_nxdomain";
    case ProbeStatus::kDnsError: return "dns_error";
    case ProbeStatus::kDnsTimeout: return "dns_timeout";
    case ProbeStatus::kRefused: return "refused";
    case ProbeStatus::kUnreachable: return "unreachable";
    case ProbeStatus::kConnectTimeout: return "connect_timeout";
    case ProbeStatus::kHandshakeTimeout: return "handshake_timeout";
    case ProbeStatus::kReset: return "reset";
    case ProbeStatus::kClosed: return "closed";
    case ProbeStatus::kNotTls: return "not_tls";
    case ProbeStatus::kTlsAlert: return "tls_alert";
    case ProbeStatus::kTlsError: return "tls_error";
    case ProbeStatus::kNoCertificate: return "no_certificate";
    case ProbeStatus::kHttpError: return "http_error";
  }
  return "tls_error";
}

std::string_view ProbeStatusDetailId(ProbeStatus s) {
  switch (s) {
    case ProbeStatus::kOk: return "";
    case ProbeStatus::kDnsNxdomain: return "network.dns_nxdomain";
    case ProbeStatus::kDnsError: return "network.dns_error";
    case ProbeStatus::kDnsTimeout: return "network.dns_timeout";
    case ProbeStatus::kRefused: return "network.refused";
    case ProbeStatus::kUnreachable: return "network.unreachable";
    case ProbeStatus::kConnectTimeout: return "network.connect_timeout";
    case ProbeStatus::kHandshakeTimeout: return "network.handshake_timeout";
    case ProbeStatus::kReset: return "network.reset";
    case ProbeStatus::kClosed: return "network.closed";
    case ProbeStatus::kNotTls: return "network.not_tls";
    case ProbeStatus::kTlsAlert: return "network.tls_alert";
    case ProbeStatus::kTlsError: return "network.tls_error";
    case ProbeStatus::kNoCertificate: return "network.no_certificate";
    case ProbeStatus::kHttpError: return "network.http_error";
  }
  return "network.tls_error";
}

bool ProbeStatusRetryable(ProbeStatus s) {
  return s == ProbeStatus::kConnectTimeout || s == ProbeStatus::kHandshakeTimeout || s == ProbeStatus::kReset;
}

namespace {

// --- Resolver pool ----------------------------------------------------------

struct DnsAnswer {
  ProbeStatus status = ProbeStatus::kOk;
  std::string error;
  std::string detail;                  // gai_strerror's text; empty: no address
  std::vector<std::string> addresses;  // numeric, in getaddrinfo's order
};

// Shared with the (possibly detached) resolver threads, so that a lookup
// stuck in getaddrinfo past Finish() touches nothing freed.
struct Resolver {
  std::mutex mu;
  std::condition_variable cv;
  std::deque<std::string> queue;
  bool stop = false;
  bool use_cache = true;
  struct Entry {
    bool done = false;
    DnsAnswer answer;
    std::vector<std::function<void(const DnsAnswer&)>> waiters;
  };
  std::unordered_map<std::string, Entry> entries;
  // Waiters post to loops; once the engine closes the gate, none runs.
  std::mutex gate;
  bool closed = false;

  static DnsAnswer Lookup(const std::string& host) {
    DnsAnswer a;
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* res = nullptr;
    int rc = ::getaddrinfo(host.c_str(), nullptr, &hints, &res);
    if (rc != 0) {
      a.status = (rc == EAI_NONAME
#ifdef EAI_NODATA
                  || rc == EAI_NODATA
#endif
                  )
                     ? ProbeStatus::kDnsNxdomain
                     : ProbeStatus::kDnsError;
      a.detail = ::gai_strerror(rc);
      a.error = host + ": " + a.detail;
      return a;
    }
    for (addrinfo* p = res; p != nullptr; p = p->ai_next) {
      char buf[NI_MAXHOST];
      if (::getnameinfo(p->ai_addr, p->ai_addrlen, buf, sizeof buf, nullptr, 0, NI_NUMERICHOST) != 0) continue;
      std::string addr = buf;
      bool seen = false;
      for (const auto& x : a.addresses) seen |= x == addr;
      if (!seen) a.addresses.push_back(addr);
    }
    ::freeaddrinfo(res);
    if (a.addresses.empty()) {
      a.status = ProbeStatus::kDnsNxdomain;
      a.error = host + ": no address";
    }
    return a;
  }

  static void Work(std::shared_ptr<Resolver> self) {
    for (;;) {
      std::string host;
      {
        std::unique_lock lock(self->mu);
        self->cv.wait(lock, [&] { return self->stop || !self->queue.empty(); });
        if (self->queue.empty()) return;
        host = std::move(self->queue.front());
        self->queue.pop_front();
      }
      DnsAnswer answer = Lookup(host);
      std::vector<std::function<void(const DnsAnswer&)>> waiters;
      {
        std::lock_guard lock(self->mu);
        Entry& e = self->entries[host];
        e.done = true;
        e.answer = answer;
        waiters.swap(e.waiters);
        if (!self->use_cache) self->entries.erase(host);
      }
      std::lock_guard gate(self->gate);
      if (self->closed) continue;
      for (auto& w : waiters) w(answer);
    }
  }

  // Calls `done` (from some thread) with the answer for `host`.
  void Resolve(const std::string& host, std::function<void(const DnsAnswer&)> done) {
    std::unique_lock lock(mu);
    auto it = entries.find(host);
    if (it != entries.end() && it->second.done) {
      DnsAnswer a = it->second.answer;
      lock.unlock();
      done(a);
      return;
    }
    bool first = it == entries.end();
    entries[host].waiters.push_back(std::move(done));
    if (first) {
      queue.push_back(host);
      cv.notify_one();
    }
  }
};

// --- Loops and per-address state --------------------------------------------

struct Task;

struct AddressState {
  int active = 0;
  Clock::time_point next_start{};
  std::deque<std::shared_ptr<Task>> waiting;
};

struct Loop {
  asio::io_context ioc{1};
  std::unordered_map<std::string, AddressState> addresses;  // touched only on this loop
};

// One connection: the socket, and OpenSSL driven directly on its fd
// (SSL_set_fd) with the loop waiting for readiness in between. Asio's
// ssl::stream would add a BIO pair, four 17 kB buffers per connection and a
// copy of every record; on a loopback handshake that was measurable.
struct Conn {
  tcp::socket socket;
  SSL* ssl = nullptr;
  explicit Conn(asio::io_context& ioc) : socket(ioc) {}
  ~Conn() {
    if (ssl != nullptr) SSL_free(ssl);  // the fd is the socket's (BIO_NOCLOSE)
  }
};

// An SSL_* failure as an error_code, the way Asio's ssl::stream reports it,
// except that the SSL error is the last one queued (the most specific, as
// check's messages have always named it).
boost::system::error_code SslFailure(int ssl_error, int sys_errno) {
  unsigned long last = 0;
  while (unsigned long e = ERR_get_error()) last = e;
  if (ssl_error == SSL_ERROR_ZERO_RETURN) return asio::error::eof;
  if (ssl_error == SSL_ERROR_SYSCALL && last == 0) {
    if (sys_errno != 0) return {sys_errno, boost::system::system_category()};
    return ssl::error::stream_truncated;
  }
  if (last == 0) return ssl::error::unspecified_system_error;
  return {static_cast<int>(last), asio::error::get_ssl_category()};
}

// One STARTTLS step: what to send (nothing: read the greeting), and how to
// read the reply: kMore (incomplete), kYes (go on), kNo (the server said no).
enum class Reply { kMore, kYes, kNo };
struct StartTlsStep {
  std::string send;
  Reply (*judge)(const std::string& buffer);
};

// The complete lines of `b` ("...\r\n" or "...\n"), without the line end.
std::vector<std::string> Lines(const std::string& b) {
  std::vector<std::string> out;
  size_t at = 0;
  for (size_t nl; (nl = b.find('\n', at)) != std::string::npos; at = nl + 1) {
    std::string l = b.substr(at, nl - at);
    if (!l.empty() && l.back() == '\r') l.pop_back();
    out.push_back(std::move(l));
  }
  return out;
}
// SMTP and FTP replies: "DDD-text" lines go on, "DDD text" ends the reply.
template <int kCode>
Reply CodeReply(const std::string& b) {
  for (const std::string& l : Lines(b)) {
    if (l.size() >= 3 && (l.size() == 3 || l[3] == ' ')) {
      return l.compare(0, 3, std::to_string(kCode)) == 0 ? Reply::kYes : Reply::kNo;
    }
  }
  return Reply::kMore;
}
Reply ImapGreeting(const std::string& b) {
  auto lines = Lines(b);
  if (lines.empty()) return Reply::kMore;
  return lines.front().rfind("* OK", 0) == 0 ? Reply::kYes : Reply::kNo;
}
Reply ImapTagged(const std::string& b) {
  for (const std::string& l : Lines(b)) {
    if (l.rfind("a001 ", 0) == 0) return l.rfind("a001 OK", 0) == 0 ? Reply::kYes : Reply::kNo;
  }
  return Reply::kMore;  // untagged lines first
}
Reply Pop3Ok(const std::string& b) {
  auto lines = Lines(b);
  if (lines.empty()) return Reply::kMore;
  return lines.front().rfind("+OK", 0) == 0 ? Reply::kYes : Reply::kNo;
}
Reply PostgresSsl(const std::string& b) {
  if (b.empty()) return Reply::kMore;
  return b == "S" ? Reply::kYes : Reply::kNo;
}

std::vector<StartTlsStep> StartTlsSteps(StartTls s) {
  switch (s) {
    case StartTls::kSmtp:
      return {{"", CodeReply<220>}, {"EHLO trustready.invalid\r\n", CodeReply<250>}, {"STARTTLS\r\n", CodeReply<220>}};
    case StartTls::kFtp: return {{"", CodeReply<220>}, {"AUTH TLS\r\n", CodeReply<234>}};
    case StartTls::kImap: return {{"", ImapGreeting}, {"a001 STARTTLS\r\n", ImapTagged}};
    case StartTls::kPop3: return {{"", Pop3Ok}, {"STLS\r\n", Pop3Ok}};
    case StartTls::kPostgres:
      // SSLRequest: Int32 length 8, Int32 80877103 (PostgreSQL protocol 53.2.9).
      return {{std::string("\x00\x00\x00\x08\x04\xd2\x16\x2f", 8), PostgresSsl}};
    case StartTls::kNone: break;
  }
  return {};
}

struct Task {
  AsyncProbeJob job;
  Clock::time_point started;
  AsyncProbeResult result;
  std::vector<std::string> addresses;
  size_t address_index = 0;
  Loop* home = nullptr;     // the loop running the task now
  bool dns_settled = false;
  std::unique_ptr<asio::steady_timer> timer;
  std::unique_ptr<Conn> conn;
  bool timed_out = false;
  bool capped = false;  // the armed phase ends at the job's deadline, not its timeout
  uint64_t phase = 0;  // a deadline fires only for the phase that armed it
  std::string http_buffer;
  std::string request;
  std::string plain, plain_out;  // STARTTLS: the reply being read, the line sent
};

// A phase's end: its own timeout, or one of the job's bounds if sooner.
Clock::time_point PhaseEnd(const Task& t, Clock::duration timeout,
                           std::optional<Clock::time_point> bound, bool* capped) {
  auto end = Clock::now() + timeout;
  if (bound && *bound < end) end = *bound;
  *capped = t.job.deadline && *t.job.deadline <= end;
  if (*capped) end = *t.job.deadline;
  return end;
}

// "HTTP/1.1 200 OK": HTTP-version SP status-code SP [reason-phrase]
// (RFC 9112 4). HTTP/1.0 and HTTP/1.1, a missing reason accepted.
bool ParseStatusLine(std::string_view line, int* status) {
  if (line.size() < 12) return false;
  if (line.substr(0, 7) != "HTTP/1." || (line[7] != '0' && line[7] != '1')) return false;
  if (line[8] != ' ') return false;
  int code = 0;
  for (size_t i = 9; i < 12; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(line[i]))) return false;
    code = code * 10 + (line[i] - '0');
  }
  if (line.size() > 12 && line[12] != ' ') return false;
  if (code < 100) return false;
  *status = code;
  return true;
}

}  // namespace

struct AsyncProber::Impl {
  AsyncProbeOptions options;
  Callback on_result;
  std::vector<std::unique_ptr<Loop>> loops;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
  std::vector<std::thread> threads;
  std::shared_ptr<Resolver> resolver = std::make_shared<Resolver>();
  std::vector<std::thread> resolver_threads;
  ssl::context ctx{ssl::context::tls_client};
  std::mutex flight_mu;
  std::condition_variable flight_cv;
  size_t in_flight = 0;
  std::atomic<uint64_t> handshakes{0}, attempts{0};
  std::atomic<uint64_t> next_home{0};
  bool finished = false;

  Impl(const AsyncProbeOptions& o, Callback cb) : options(o), on_result(std::move(cb)) {
    if (options.threads <= 0) options.threads = std::max(1u, std::thread::hardware_concurrency());
    if (options.concurrency == 0) options.concurrency = 1;
    if (options.resolver_threads <= 0) options.resolver_threads = 1;
    resolver->use_cache = options.dns_cache;
    SSL_CTX* c = ctx.native_handle();
    // As ProbeEndpoint: see what is sent, old servers included.
    SSL_CTX_set_verify(c, SSL_VERIFY_NONE, nullptr);
    // Under SSL_VERIFY_NONE OpenSSL still runs X509_verify_cert on the
    // chain and ignores the result (about 3% of a loopback handshake here);
    // this callback stands in for it. The chain is judged by verify/.
    SSL_CTX_set_cert_verify_callback(c, [](X509_STORE_CTX*, void*) { return 1; }, nullptr);
    SSL_CTX_set_security_level(c, 0);
    SSL_CTX_set_min_proto_version(c, TLS1_VERSION);
    // A resumed handshake would carry no certificate.
    SSL_CTX_set_session_cache_mode(c, SSL_SESS_CACHE_OFF);
    SSL_CTX_set_options(c, SSL_OP_NO_TICKET);
    static const unsigned char kAlpn[] = {8, 'h', 't', 't', 'p', '/', '1', '.', '1'};
    SSL_CTX_set_alpn_protos(c, kAlpn, sizeof kAlpn);
    for (int i = 0; i < options.threads; ++i) {
      loops.push_back(std::make_unique<Loop>());
      guards.push_back(asio::make_work_guard(loops.back()->ioc));
    }
    for (auto& l : loops) {
      Loop* lp = l.get();
      threads.emplace_back([lp] {
        // OpenSSL writes to the sockets with plain write(2): a peer that
        // has gone raises SIGPIPE in the writing thread, which would end the
        // process. Blocked in these threads (they run every SSL call), the
        // write fails with EPIPE instead (a reset), and the caller's own
        // signal handling is left alone.
        sigset_t pipe;
        sigemptyset(&pipe);
        sigaddset(&pipe, SIGPIPE);
        pthread_sigmask(SIG_BLOCK, &pipe, nullptr);
        lp->ioc.run();
      });
    }
    for (int i = 0; i < options.resolver_threads; ++i) {
      resolver_threads.emplace_back(&Resolver::Work, resolver);
    }
  }

  Loop* LoopFor(const std::string& address) {
    return loops[std::hash<std::string>{}(address) % loops.size()].get();
  }

  void Submit(AsyncProbeJob job) {
    {
      std::unique_lock lock(flight_mu);
      flight_cv.wait(lock, [&] { return in_flight < options.concurrency; });
      ++in_flight;
    }
    auto t = std::make_shared<Task>();
    t->job = std::move(job);
    t->started = Clock::now();
    t->result.id = t->job.id;
    t->home = loops[next_home++ % loops.size()].get();
    boost::system::error_code ec;
    std::string literal = t->job.address.empty() ? t->job.host : t->job.address;
    asio::ip::make_address(literal, ec);
    if (!ec) {
      t->addresses.push_back(literal);
      t->dns_settled = true;
      Dispatch(t);
      return;
    }
    if (!t->job.address.empty()) {
      t->result.status = ProbeStatus::kDnsError;
      t->result.error = "address=" + t->job.address + ": not a numeric address";
      Deliver(t);
      return;
    }
    asio::post(t->home->ioc, [this, t] {
      t->timer = std::make_unique<asio::steady_timer>(
          t->home->ioc, PhaseEnd(*t, options.dns_timeout, t->job.connect_deadline, &t->capped));
      t->timer->async_wait([this, t](const boost::system::error_code& e) {
        if (e || t->dns_settled) return;
        t->dns_settled = true;
        t->result.status = ProbeStatus::kDnsTimeout;
        t->result.error = t->job.host + ": name resolution timed out";
        t->result.deadline_hit = t->capped;
        Deliver(t);
      });
      resolver->Resolve(t->job.host, [this, t](const DnsAnswer& a) {
        asio::post(t->home->ioc, [this, t, a] {
          if (t->dns_settled) return;
          t->dns_settled = true;
          t->timer->cancel();
          if (a.status != ProbeStatus::kOk) {
            t->result.status = a.status;
            t->result.error = a.error;
            t->result.detail = a.detail;
            Deliver(t);
            return;
          }
          t->addresses = a.addresses;
          Dispatch(t);
        });
      });
    });
  }

  // Moves the task to the loop owning its current address, where it waits
  // for a per-address slot.
  void Dispatch(const std::shared_ptr<Task>& t) {
    Loop* loop = LoopFor(t->addresses[t->address_index]);
    asio::post(loop->ioc, [this, t, loop] {
      t->home = loop;
      AddressState& st = loop->addresses[t->addresses[t->address_index]];
      if (options.per_ip_concurrency > 0 && st.active >= options.per_ip_concurrency) {
        st.waiting.push_back(t);
        return;
      }
      Start(t, st);
    });
  }

  // Takes a slot of the address and starts an attempt, spaced by the rate.
  void Start(const std::shared_ptr<Task>& t, AddressState& st) {
    ++st.active;
    auto now = Clock::now();
    auto at = now;
    if (options.per_ip_rate > 0) {
      at = std::max(now, st.next_start);
      st.next_start = at + std::chrono::duration_cast<Clock::duration>(
                               std::chrono::duration<double>(1.0 / options.per_ip_rate));
    }
    if (at <= now) {
      Connect(t);
      return;
    }
    t->timer = std::make_unique<asio::steady_timer>(t->home->ioc, at);
    t->timer->async_wait([this, t](const boost::system::error_code&) { Connect(t); });
  }

  void ReleaseSlot(const std::shared_ptr<Task>& t) {
    const std::string& addr = t->addresses[t->address_index];
    auto it = t->home->addresses.find(addr);
    if (it == t->home->addresses.end()) return;
    AddressState& st = it->second;
    --st.active;
    if (!st.waiting.empty()) {
      auto next = st.waiting.front();
      st.waiting.pop_front();
      Start(next, st);
    } else if (st.active == 0 && st.next_start <= Clock::now()) {
      t->home->addresses.erase(it);  // keep the map as small as what is in flight
    }
  }

  void Arm(const std::shared_ptr<Task>& t, Clock::duration d,
           std::optional<Clock::time_point> bound = std::nullopt) {
    t->timed_out = false;
    const uint64_t phase = ++t->phase;
    t->timer = std::make_unique<asio::steady_timer>(t->home->ioc, PhaseEnd(*t, d, bound, &t->capped));
    t->timer->async_wait([t, phase](const boost::system::error_code& e) {
      if (e || phase != t->phase) return;
      t->timed_out = true;
      boost::system::error_code ignored;
      if (t->conn) t->conn->socket.close(ignored);
    });
  }

  // The plaintext STARTTLS exchange, one step at a time, inside the
  // handshake timeout; then the TLS handshake as for any target.
  void StartTlsStepAt(const std::shared_ptr<Task>& t, size_t step) {
    const auto steps = StartTlsSteps(t->job.starttls);
    if (step == steps.size()) return BeginTls(t);
    t->plain.clear();
    auto read_reply = [this, t, step] { ReadStartTlsReply(t, step); };
    if (steps[step].send.empty()) return read_reply();
    t->plain_out = steps[step].send;
    asio::async_write(t->conn->socket, asio::buffer(t->plain_out),
                      [this, t, read_reply](const boost::system::error_code& e, size_t) {
                        if (e) return StartTlsFailed(t, e);
                        read_reply();
                      });
  }

  void ReadStartTlsReply(const std::shared_ptr<Task>& t, size_t step) {
    const size_t have = t->plain.size();
    if (have > 65536) return EndStartTls(t, "STARTTLS: the server's reply is too long");
    t->plain.resize(have + 4096);
    t->conn->socket.async_read_some(asio::buffer(&t->plain[have], 4096),
                                    [this, t, step, have](const boost::system::error_code& e, size_t n) {
      t->plain.resize(have + n);
      if (e) return StartTlsFailed(t, e);
      switch (StartTlsSteps(t->job.starttls)[step].judge(t->plain)) {
        case Reply::kMore: return ReadStartTlsReply(t, step);
        case Reply::kYes: return StartTlsStepAt(t, step + 1);
        case Reply::kNo: {
          std::string said = t->plain.substr(0, t->plain.find('\n'));
          while (!said.empty() && (said.back() == '\r' || said.back() == '\n')) said.pop_back();
          for (char& ch : said) {
            if (static_cast<unsigned char>(ch) < 0x20 || static_cast<unsigned char>(ch) > 0x7e) ch = '?';
          }
          if (said.size() > 120) said = said.substr(0, 120) + "...";
          return EndStartTls(t, "STARTTLS (" + std::string(StartTlsName(t->job.starttls)) +
                                    "): the server did not agree: " + (said.empty() ? "(no text)" : said));
        }
      }
    });
  }

  void StartTlsFailed(const std::shared_ptr<Task>& t, const boost::system::error_code& e) {
    t->timer->cancel();
    if (t->timed_out) return EndAttempt(t, ProbeStatus::kHandshakeTimeout, "STARTTLS timed out");
    t->result.detail = e.message();
    if (e == asio::error::eof) return EndAttempt(t, ProbeStatus::kClosed, "connection closed during STARTTLS");
    return EndAttempt(t, ProbeStatus::kReset, "STARTTLS: " + e.message());
  }

  void EndStartTls(const std::shared_ptr<Task>& t, std::string why) {
    t->timer->cancel();
    t->result.detail = why;
    EndAttempt(t, ProbeStatus::kNotTls, std::move(why));
  }

  void Connect(const std::shared_ptr<Task>& t) {
    ++attempts;
    ++t->result.attempts;
    const std::string& addr = t->addresses[t->address_index];
    t->result.address = addr;
    boost::system::error_code ec;
    tcp::endpoint ep(asio::ip::make_address(addr, ec), t->job.port);
    t->conn = std::make_unique<Conn>(t->home->ioc);
    // With a connect deadline, each address left gets an equal share of it.
    std::optional<Clock::time_point> share;
    if (t->job.connect_deadline) {
      auto left = *t->job.connect_deadline - Clock::now();
      share = Clock::now() + left / static_cast<int>(t->addresses.size() - t->address_index);
    }
    Arm(t, options.connect_timeout, share);
    t->conn->socket.async_connect(ep, [this, t](const boost::system::error_code& e) {
      if (e) {
        t->timer->cancel();
        const std::string why = t->timed_out ? "timed out" : e.message();
        if (!t->result.connect_failures.empty()) t->result.connect_failures += "; ";
        t->result.connect_failures += t->result.address + ": " + why;
        t->result.detail = why;
        if (t->timed_out) return EndAttempt(t, ProbeStatus::kConnectTimeout, "connect timed out");
        ProbeStatus s = ProbeStatus::kTlsError;
        if (e == asio::error::connection_refused) {
          s = ProbeStatus::kRefused;
        } else if (e == asio::error::network_unreachable || e == asio::error::host_unreachable) {
          s = ProbeStatus::kUnreachable;
        } else if (e == asio::error::timed_out) {
          s = ProbeStatus::kConnectTimeout;
        } else {
          s = ProbeStatus::kUnreachable;
        }
        return EndAttempt(t, s, "connect: " + e.message());
      }
      t->timer->cancel();
      Conn& c = *t->conn;
      boost::system::error_code ignored;
      c.socket.non_blocking(true, ignored);
      c.socket.set_option(tcp::no_delay(true), ignored);
      if (t->job.starttls != StartTls::kNone) {
        Arm(t, options.handshake_timeout);
        return StartTlsStepAt(t, 0);
      }
      BeginTls(t);
    });
  }

  void BeginTls(const std::shared_ptr<Task>& t) {
    {
      Conn& c = *t->conn;
      if (t->job.starttls == StartTls::kNone) Arm(t, options.handshake_timeout);
      c.ssl = SSL_new(ctx.native_handle());
      if (c.ssl == nullptr || SSL_set_fd(c.ssl, c.socket.native_handle()) != 1) {
        t->result.detail = "cannot create a TLS session";
        return EndAttempt(t, ProbeStatus::kTlsError, t->result.detail);
      }
      SSL_set_connect_state(c.ssl);
      if (!t->job.sni.empty() && SSL_set_tlsext_host_name(c.ssl, t->job.sni.c_str()) != 1) {
        t->result.detail = "invalid server name '" + t->job.sni + "'";
        return EndAttempt(t, ProbeStatus::kTlsError, t->result.detail);
      }
      Drive(t, [](SSL* s) { return SSL_connect(s); }, [this, t](const boost::system::error_code& he, size_t) {
        t->timer->cancel();
        if (he) return HandshakeFailed(t, he);
        Handshaken(t);
      });
    }
  }

  // Runs one SSL operation until it completes, waiting on the socket for
  // what OpenSSL wants in between; `op` is called again with the same
  // arguments (as SSL_write/SSL_read require). A phase timeout closes the
  // socket, which ends the wait with an error.
  template <typename Op, typename Done>
  void Drive(const std::shared_ptr<Task>& t, Op op, Done done) {
    Conn& c = *t->conn;
    ERR_clear_error();
    errno = 0;
    const int rc = op(c.ssl);
    const int sys_errno = errno;
    if (rc > 0) return done(boost::system::error_code(), static_cast<size_t>(rc));
    const int err = SSL_get_error(c.ssl, rc);
    if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) {
      c.socket.async_wait(err == SSL_ERROR_WANT_READ ? tcp::socket::wait_read : tcp::socket::wait_write,
                          [this, t, op, done](const boost::system::error_code& e) {
                            if (e) return done(e, 0);
                            Drive(t, op, done);
                          });
      return;
    }
    done(SslFailure(err, sys_errno), 0);
  }

  void HandshakeFailed(const std::shared_ptr<Task>& t, const boost::system::error_code& e) {
    if (t->timed_out) return EndAttempt(t, ProbeStatus::kHandshakeTimeout, "TLS handshake timed out");
    t->result.detail = e.message();
    if (e == asio::error::connection_reset || e == asio::error::broken_pipe) {
      return EndAttempt(t, ProbeStatus::kReset, "connection reset during the TLS handshake");
    }
    if (e == asio::error::eof || e == ssl::error::stream_truncated || e == ssl::error::unspecified_system_error ||
        (e.category() == asio::error::get_ssl_category() &&
         ERR_GET_REASON(static_cast<unsigned long>(e.value())) == SSL_R_UNEXPECTED_EOF_WHILE_READING)) {
      t->result.detail = "the server closed the connection";
      return EndAttempt(t, ProbeStatus::kClosed, "the server closed the connection during the TLS handshake");
    }
    if (e.category() == asio::error::get_ssl_category()) {
      int reason = ERR_GET_REASON(static_cast<unsigned long>(e.value()));
      if (reason >= SSL_AD_REASON_OFFSET && reason < SSL_AD_REASON_OFFSET + 256) {
        int alert = reason - SSL_AD_REASON_OFFSET;
        return EndAttempt(t, ProbeStatus::kTlsAlert,
                          std::string("TLS alert ") + SSL_alert_desc_string_long(alert) + " from the server");
      }
      if (reason == SSL_R_WRONG_VERSION_NUMBER || reason == SSL_R_PACKET_LENGTH_TOO_LONG ||
          reason == SSL_R_UNEXPECTED_RECORD ||
          reason == SSL_R_LENGTH_MISMATCH) {
        return EndAttempt(t, ProbeStatus::kNotTls, "not TLS: " + e.message());
      }
      return EndAttempt(t, ProbeStatus::kTlsError, e.message());
    }
    return EndAttempt(t, ProbeStatus::kTlsError, e.message());
  }

  void Handshaken(const std::shared_ptr<Task>& t) {
    SSL* s = t->conn->ssl;
    STACK_OF(X509)* sk = SSL_get_peer_cert_chain(s);
    t->result.chain.clear();
    for (int i = 0; sk != nullptr && i < sk_X509_num(sk); ++i) {
      unsigned char* der = nullptr;
      int n = i2d_X509(sk_X509_value(sk, i), &der);
      if (n > 0) t->result.chain.emplace_back(der, der + n);
      OPENSSL_free(der);
    }
    t->result.tls_version = SSL_get_version(s);
    t->result.cipher = SSL_get_cipher_name(s);
    ++handshakes;
    if (t->result.chain.empty()) {
      return EndAttempt(t, SSL_session_reused(s) ? ProbeStatus::kTlsError : ProbeStatus::kNoCertificate,
                        SSL_session_reused(s) ? "session resumed: no certificate" : "the server sent no certificate");
    }
    if (!t->job.http) return EndAttempt(t, ProbeStatus::kOk, "");
    std::string host = t->job.http_host;
    if (host.empty()) {
      boost::system::error_code ec;
      asio::ip::make_address(t->job.host, ec);
      const bool literal = !ec;
      host = t->job.host.find(':') != std::string::npos ? "[" + t->job.host + "]" : t->job.host;
      if (literal || t->job.port != 443) host += ":" + std::to_string(t->job.port);
    }
    t->request = "GET " + t->job.path + " HTTP/1.1\r\nHost: " + host +
                 "\r\nUser-Agent: trustready/" TRUSTREADY_VERSION "\r\nAccept: */*\r\nConnection: close\r\n\r\n";
    Arm(t, options.read_timeout);
    Drive(t, [t](SSL* s) { return SSL_write(s, t->request.data(), static_cast<int>(t->request.size())); },
          [this, t](const boost::system::error_code& e, size_t) {
      if (e) {
        t->timer->cancel();
        t->result.detail = e.message();
        t->result.http_failure = t->timed_out ? HttpFailure::kSendTimeout : HttpFailure::kSendError;
        return EndAttempt(t, ProbeStatus::kHttpError, t->timed_out ? "HTTP request timed out" : "HTTP request: " + e.message());
      }
      ReadStatusLine(t);
    });
  }

  // Reads until the first line end (the status line), at most
  // max_status_line bytes; the read timeout armed for the request covers it.
  void ReadStatusLine(const std::shared_ptr<Task>& t) {
    const size_t have = t->http_buffer.size();
    t->http_buffer.resize(have + 4096);
    Drive(t, [t, have](SSL* s) { return SSL_read(s, t->http_buffer.data() + have, 4096); },
        [this, t, have](const boost::system::error_code& e, size_t n) {
          t->http_buffer.resize(have + n);
          auto fail = [&](HttpFailure f, std::string error) {
            t->timer->cancel();
            t->result.http_failure = f;
            t->result.http_response = t->http_buffer;
            EndAttempt(t, ProbeStatus::kHttpError, std::move(error));
          };
          const size_t eol = t->http_buffer.find('\n');
          if (eol != std::string::npos) {
            std::string line = t->http_buffer.substr(0, eol);
            if (!line.empty() && line.back() == '\r') line.pop_back();
            int code = 0;
            if (!ParseStatusLine(line, &code)) {
              t->http_buffer = line;
              return fail(HttpFailure::kJunk, "not an HTTP status line");
            }
            t->timer->cancel();
            t->result.http_status = code;
            t->result.status_line = line;
            return EndAttempt(t, ProbeStatus::kOk, "");
          }
          if (e) {
            t->result.detail = e.message();
            if (t->timed_out) return fail(HttpFailure::kReadTimeout, "no HTTP status line in time");
            if (e == asio::error::eof || e == ssl::error::stream_truncated) {
              return fail(HttpFailure::kEof, "no HTTP status line: the server closed the connection");
            }
            return fail(HttpFailure::kReadError, "no HTTP status line: " + e.message());
          }
          if (t->http_buffer.size() > t->job.max_status_line) {
            return fail(HttpFailure::kTooLong, "no HTTP status line in the first " +
                                                   std::to_string(t->job.max_status_line) + " bytes");
          }
          ReadStatusLine(t);
        });
  }

  // One attempt is over: release the address, then retry, try the next
  // address, or deliver.
  void EndAttempt(const std::shared_ptr<Task>& t, ProbeStatus status, std::string error) {
    ++t->phase;
    boost::system::error_code ignored;
    if (t->conn) t->conn->socket.close(ignored);
    t->conn.reset();
    t->http_buffer.clear();
    ReleaseSlot(t);
    t->result.status = status;
    t->result.error = status == ProbeStatus::kOk ? "" : std::move(error);
    t->result.deadline_hit = t->timed_out && t->capped;
    if (status != ProbeStatus::kOk && status != ProbeStatus::kHttpError) t->result.chain.clear();
    const bool connect_failed = status == ProbeStatus::kRefused || status == ProbeStatus::kUnreachable ||
                                status == ProbeStatus::kConnectTimeout;
    if (connect_failed && t->address_index + 1 < t->addresses.size() &&
        !(t->job.connect_deadline && Clock::now() >= *t->job.connect_deadline)) {
      ++t->address_index;
      return Dispatch(t);
    }
    int retries_done = t->result.attempts - 1;
    if (ProbeStatusRetryable(status) && retries_done < options.retries && !t->result.deadline_hit) {
      static thread_local std::mt19937 rng{std::random_device{}()};
      double jitter = std::uniform_real_distribution<double>(0.8, 1.2)(rng);
      auto wait = std::chrono::milliseconds(
          static_cast<int64_t>(options.retry_backoff.count() * double(1 << retries_done) * jitter));
      t->timer = std::make_unique<asio::steady_timer>(t->home->ioc, wait);
      t->timer->async_wait([this, t](const boost::system::error_code&) { Dispatch(t); });
      return;
    }
    Deliver(t);
  }

  void Deliver(const std::shared_ptr<Task>& t) {
    t->result.elapsed_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t->started).count();
    t->timer.reset();
    on_result(std::move(t->result));
    std::lock_guard lock(flight_mu);
    --in_flight;
    flight_cv.notify_all();
  }

  void Finish() {
    if (finished) return;
    finished = true;
    {
      std::unique_lock lock(flight_mu);
      flight_cv.wait(lock, [&] { return in_flight == 0; });
    }
    {
      std::lock_guard gate(resolver->gate);
      resolver->closed = true;
    }
    {
      std::lock_guard lock(resolver->mu);
      resolver->stop = true;
      resolver->queue.clear();
    }
    resolver->cv.notify_all();
    // A thread inside getaddrinfo finishes on its own; it holds the resolver.
    for (auto& th : resolver_threads) th.detach();
    for (auto& g : guards) g.reset();
    for (auto& th : threads) th.join();
  }
};

AsyncProber::AsyncProber(const AsyncProbeOptions& options, Callback on_result)
    : impl_(std::make_unique<Impl>(options, std::move(on_result))) {}
AsyncProber::~AsyncProber() { impl_->Finish(); }
void AsyncProber::Submit(AsyncProbeJob job) { impl_->Submit(std::move(job)); }
void AsyncProber::Finish() { impl_->Finish(); }
uint64_t AsyncProber::handshakes() const { return impl_->handshakes; }
uint64_t AsyncProber::attempts() const { return impl_->attempts; }

}  // namespace trustready
