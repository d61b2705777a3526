// The test site's event loop (Boost.Asio + OpenSSL through asio::ssl).
//
// One io_context, `threads` threads, a strand per connection (its socket,
// TLS stream and timer all use it). Each connection has one timer: it is
// set for every phase (first byte + handshake, request head, keep-alive
// idle, write, lingering close) and closes the socket when it fires, which
// completes the pending operation with an error; nothing waits without a
// deadline. The handshake and request-head deadlines are absolute: bytes
// dribbled in one at a time do not move them (a client that sends one byte
// every 2 s is closed at the deadline, as nginx does).
//
// Slots are bounded globally (max_connections) and per client address
// (max_connections_per_ip). When either bound is reached, the new
// connection takes the slot of the connection that has waited longest on
// its client (handshake, request head or keep-alive idle; never one being
// answered): a flood of slow connections cannot keep real clients out, it
// only shortens its own connections' lives.
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <sys/resource.h>

#include <atomic>
// <utility> before Boost 1.74's asio: its awaitable.hpp uses std::exchange
// without including it (fixed upstream in later releases).
#include <utility>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "serve/dashboard.h"
#include "serve/http_request.h"
#include "serve/site.h"
#include "serve/test_image.h"
#include "trustready/x509/certificate.h"
#include "trustready/x509/time.h"
#include "trustready/pki/demo_pki.h"
#include "trustready/x509/pem.h"
#include "trustready/serve/serve.h"

namespace trustready {

namespace {

namespace asio = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;
using boost::system::error_code;
using serve::HttpParseState;
using serve::HttpRequest;
using serve::Site;
using serve::SiteVariant;

struct Resource {
  std::string content_type;
  std::string body;
};

struct VariantRuntime {
  SiteVariant spec;
  std::string host;  // <name>.<domain>
  std::unique_ptr<ssl::context> ctx;
  std::unique_ptr<tcp::acceptor> acceptor;
  uint16_t port = 0;
};

std::string NowRfc3339Millis() {
  auto now = std::chrono::system_clock::now();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  std::string s = FormatRfc3339(ms / 1000);  // "...Z"
  char frac[8];
  std::snprintf(frac, sizeof frac, ".%03d", static_cast<int>(ms % 1000));
  s.insert(s.size() - 1, frac);
  return s;
}

std::string Bracketed(const std::string& host) {
  return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

const char* StatusText(int status) {
  switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 413: return "Content Too Large";
    case 431: return "Request Header Fields Too Large";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Error";
  }
}

class Server;

using Clock = std::chrono::steady_clock;

int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(Server& server, tcp::socket socket, VariantRuntime* fixed);
  ~Connection();
  void Start();
  // Closes the connection from another thread (posted to its strand): the
  // slot is needed for a new connection.
  void Evict(const std::string& why);

  const std::string& ip() const { return ip_; }
  // Since when the connection has been waiting on its client (0: busy
  // answering, or closed). Read by the accept path under the registry lock.
  int64_t waiting_since() const { return waiting_since_.load(std::memory_order_relaxed); }
  std::atomic<bool> evicting{false};

 private:
  tcp::socket& Socket() { return tls_ ? tls_->next_layer() : socket_; }
  void Wait() { waiting_since_.store(NowNs(), std::memory_order_relaxed); }
  void Busy() { waiting_since_.store(0, std::memory_order_relaxed); }
  void Arm(std::chrono::milliseconds d, const char* phase);
  void ArmAt(Clock::time_point deadline, const char* phase);
  void Linger();
  void OnLingerRead(const error_code& ec);
  void OnTimeout();
  void OnPeek(const error_code& ec, size_t n);
  void OnHandshake(const error_code& ec);
  void ReadRequest();
  void OnRead(const error_code& ec, size_t n);
  void Process();
  void Respond(const HttpRequest* req, int status, const Resource& r, bool keep_alive,
               const std::string& extra_headers = "");
  void OnWritten(const error_code& ec);
  void Close();
  void Fault(const std::string& kind, const std::string& error);
  ServeConnection Base() const;

  Server& server_;
  tcp::socket socket_;
  std::unique_ptr<ssl::stream<tcp::socket>> tls_;
  asio::steady_timer timer_;
  uint64_t timer_generation_ = 0;
  VariantRuntime* fixed_;
  VariantRuntime* variant_ = nullptr;
  std::string phase_;
  bool timed_out_ = false;
  bool closed_ = false;
  std::string remote_;
  std::string ip_;
  std::atomic<int64_t> waiting_since_{0};
  Clock::time_point accepted_ = Clock::now();
  // The request head being read must be complete by this time (absolute:
  // set once per request, never pushed back by further reads).
  Clock::time_point head_deadline_{};
  bool head_started_ = false;
  std::string sni_;
  std::string tls_version_;
  std::array<unsigned char, 1> peek_{};
  std::array<char, 16384> read_buffer_{};
  std::string in_;
  std::string out_;
  // The request being answered, for the access log.
  std::string method_;
  std::string path_;
  int status_ = 0;
  size_t body_bytes_ = 0;
  size_t linger_budget_ = 0;
  bool keep_alive_ = false;
  size_t requests_ = 0;
  std::chrono::steady_clock::time_point request_start_;
};

class Server {
 public:
  Server(const ServeOptions& options, const ServeEvents& events)
      : options_(options), events_(events) {}
  ~Server() {
    // Acceptors and the strand use the io_context: they go first. Then the
    // io_context, whose pending handlers own the connections and their TLS
    // streams, which need the SSL contexts destroyed after it.
    main_acceptor_.reset();
    for (auto& v : variants_) v->acceptor.reset();
    accept_strand_.reset();
    io_.reset();
  }
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  Status Setup();
  void Run();

  // Stamps the event's time and hands it over, one at a time.
  template <typename Event>
  void Log(Event e) {
    e.time = NowRfc3339Millis();
    std::lock_guard<std::mutex> lock(log_mu_);
    if (events_.on_event) events_.on_event(ServeEvent(std::move(e)));
  }
  const ServeOptions& options() const { return options_; }
  const Resource* Find(const std::string& path) const {
    auto it = resources_.find(path);
    return it == resources_.end() ? nullptr : &it->second;
  }
  VariantRuntime* ByCtx(SSL_CTX* ctx) {
    for (auto& v : variants_) {
      if (v->ctx->native_handle() == ctx) return v.get();
    }
    return variants_.front().get();  // the main context serves the first variant
  }
  VariantRuntime* ByHost(std::string_view host) {
    for (auto& v : variants_) {
      if (v->host == host) return v.get();
    }
    return nullptr;
  }
  ssl::context& MainContext() { return *main_ctx_; }
  std::atomic<size_t> active{0};
  std::atomic<bool> stopping{false};

  // The connection registry (for the per-address bound and eviction).
  void Register(Connection* c, std::weak_ptr<Connection> w);
  void Unregister(Connection* c);
  // Makes room for a new connection from `ip`: true when it may be served
  // (under both bounds, or a waiting connection was evicted for it).
  bool Admit(const std::string& ip, std::string* refusal);

 private:
  Result<std::unique_ptr<ssl::context>> MakeContext(const SiteVariant& v, bool sni_switch);
  Status Bind(tcp::acceptor* a, const std::string& host, uint16_t port);
  void Accept(tcp::acceptor* a, VariantRuntime* fixed);
  static int OnServerName(SSL* ssl, int* alert, void* arg);

  ServeOptions options_;
  ServeEvents events_;
  std::mutex log_mu_;
  Site site_;
  std::string listen_host_;
  std::string public_host_;
  uint16_t main_port_ = 0;
  std::map<std::string, Resource> resources_;
  std::vector<std::unique_ptr<VariantRuntime>> variants_;
  std::unique_ptr<ssl::context> main_ctx_;
  std::unique_ptr<tcp::acceptor> main_acceptor_;
  ServeStarted started_;
  std::mutex conns_mu_;
  std::map<Connection*, std::weak_ptr<Connection>> conns_;
  std::map<std::string, size_t> per_ip_;
  // Declared last: destroyed first, so pending handlers (connections and
  // their TLS streams) go before the contexts and counters they use.
  std::unique_ptr<asio::io_context> io_ = std::make_unique<asio::io_context>();
  std::unique_ptr<asio::strand<asio::io_context::executor_type>> accept_strand_;

  friend class Connection;
};

// ---------------------------------------------------------------------------
// Connection

Connection::Connection(Server& server, tcp::socket socket, VariantRuntime* fixed)
    : server_(server),
      socket_(std::move(socket)),
      timer_(socket_.get_executor()),
      fixed_(fixed) {
  ++server_.active;
  error_code ec;
  auto ep = socket_.remote_endpoint(ec);
  if (!ec) {
    ip_ = ep.address().to_string();
    remote_ = Bracketed(ip_) + ":" + std::to_string(ep.port());
  }
}

Connection::~Connection() {
  server_.Unregister(this);
  --server_.active;
}

void Connection::Evict(const std::string& why) {
  asio::post(timer_.get_executor(), [self = shared_from_this(), why] {
    if (self->closed_) return;
    self->timed_out_ = true;  // pending handlers see a closed connection
    self->Fault("evicted", why);
    self->Close();
  });
}

ServeConnection Connection::Base() const {
  ServeConnection c;
  c.remote = remote_;
  c.listener = fixed_ != nullptr ? "variant-port" : "main";
  if (variant_ != nullptr) {
    c.variant = variant_->spec.name;
  } else if (fixed_ != nullptr) {
    c.variant = fixed_->spec.name;
  }
  if (!sni_.empty()) c.sni = sni_;
  if (!tls_version_.empty()) c.tls = tls_version_;
  return c;
}

void Connection::Fault(const std::string& kind, const std::string& error) {
  server_.Log(ServeFaultEvent{.kind = kind, .error = error, .connection = Base()});
}

void Connection::Arm(std::chrono::milliseconds d, const char* phase) {
  ArmAt(Clock::now() + d, phase);
}

void Connection::ArmAt(Clock::time_point deadline, const char* phase) {
  phase_ = phase;
  timer_.expires_at(deadline);
  const uint64_t generation = ++timer_generation_;
  timer_.async_wait([self = shared_from_this(), generation](const error_code& ec) {
    if (ec || generation != self->timer_generation_ || self->closed_) return;
    self->OnTimeout();
  });
}

void Connection::OnTimeout() {
  timed_out_ = true;
  if (phase_ == "linger") {
    Close();
    return;
  }
  if (phase_ == "idle") {
    server_.Log(ServeCloseEvent{.connection = Base(), .reason = "idle_timeout", .requests = requests_});
  } else {
    Fault(phase_ + "_timeout", "no progress within the " + phase_ + " timeout");
  }
  Close();
}

void Connection::Close() {
  if (closed_) return;
  closed_ = true;
  Busy();
  ++timer_generation_;
  timer_.cancel();
  error_code ec;
  Socket().shutdown(tcp::socket::shutdown_both, ec);
  Socket().close(ec);
}

void Connection::Start() {
  server_.Register(this, weak_from_this());
  Wait();
  ArmAt(accepted_ + server_.options().handshake_timeout, "handshake");
  socket_.async_receive(asio::buffer(peek_), tcp::socket::message_peek,
                        [self = shared_from_this()](const error_code& ec, size_t n) {
                          self->OnPeek(ec, n);
                        });
}

void Connection::OnPeek(const error_code& ec, size_t n) {
  if (timed_out_ || closed_) return;
  if (ec || n == 0) {
    Fault("no_data", ec ? ec.message() : "closed before sending anything");
    Close();
    return;
  }
  if (peek_[0] == 0x16) {  // TLS handshake record (RFC 8446 5.1)
    ssl::context& ctx = fixed_ != nullptr ? *fixed_->ctx : server_.MainContext();
    tls_ = std::make_unique<ssl::stream<tcp::socket>>(std::move(socket_), ctx);
    tls_->async_handshake(ssl::stream_base::server,
                          [self = shared_from_this()](const error_code& e) { self->OnHandshake(e); });
    return;
  }
  variant_ = fixed_;
  // Plain HTTP: the first request head is due within the request timeout
  // of the connection's start.
  head_started_ = true;
  head_deadline_ = accepted_ + server_.options().request_timeout;
  ReadRequest();
}

void Connection::OnHandshake(const error_code& ec) {
  if (timed_out_ || closed_) return;
  SSL* ssl = tls_->native_handle();
  if (const char* name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name)) sni_ = name;
  variant_ = fixed_ != nullptr ? fixed_ : server_.ByCtx(SSL_get_SSL_CTX(ssl));
  if (ec) {
    // Clients that refuse our chain end here too (an alert such as
    // "tlsv1 alert unknown ca"): for a test site that is an outcome, and it
    // is logged as one.
    Fault("tls_handshake_failed", ec.message());
    Close();
    return;
  }
  tls_version_ = SSL_get_version(ssl);
  head_started_ = true;
  head_deadline_ = Clock::now() + server_.options().request_timeout;
  ReadRequest();
}

void Connection::ReadRequest() {
  Wait();
  if (requests_ == 0 || !in_.empty()) {
    if (!head_started_) {  // the first bytes of a keep-alive request
      head_started_ = true;
      head_deadline_ = Clock::now() + server_.options().request_timeout;
    }
    ArmAt(head_deadline_, "request");
  } else {
    Arm(server_.options().idle_timeout, "idle");
  }
  auto handler = [self = shared_from_this()](const error_code& ec, size_t n) { self->OnRead(ec, n); };
  if (tls_) {
    tls_->async_read_some(asio::buffer(read_buffer_), handler);
  } else {
    socket_.async_read_some(asio::buffer(read_buffer_), handler);
  }
}

void Connection::OnRead(const error_code& ec, size_t n) {
  if (timed_out_ || closed_) return;
  if (ec) {
    // eof / stream_truncated after a complete exchange is a normal close.
    if (!in_.empty()) Fault("incomplete_request", ec.message());
    Close();
    return;
  }
  in_.append(read_buffer_.data(), n);
  Process();
}

void Connection::Process() {
  HttpRequest req;
  serve::HttpParseLimits limits;
  limits.max_header_bytes = server_.options().max_header_bytes;
  auto parsed = serve::ParseHttpRequest(in_, limits, &req);
  if (parsed.state == HttpParseState::kIncomplete) {
    ReadRequest();
    return;
  }
  request_start_ = std::chrono::steady_clock::now();
  head_started_ = false;
  Busy();
  if (parsed.state == HttpParseState::kBad) {
    Fault("bad_request", parsed.reason);
    Respond(nullptr, parsed.status, {"text/plain; charset=utf-8", parsed.reason + "\n"}, false);
    return;
  }
  in_.erase(0, parsed.consumed);
  const bool keep_alive = req.keep_alive && !server_.stopping;
  if (req.method != "GET" && req.method != "HEAD") {
    Respond(&req, 405, {"text/plain; charset=utf-8", "only GET and HEAD\n"}, false,
            "Allow: GET, HEAD\r\n");
    return;
  }
  if (req.has_body) {
    Respond(&req, 413, {"text/plain; charset=utf-8", "request bodies are not accepted\n"}, false);
    return;
  }
  if (req.path == "/health") {
    nlohmann::json h = {{"status", "ok"},
                        {"variant", variant_ != nullptr ? nlohmann::json(variant_->spec.name)
                                                        : nlohmann::json(nullptr)},
                        {"tls", tls_ != nullptr}};
    Respond(&req, 200, {"application/json", h.dump() + "\n"}, keep_alive);
    return;
  }
  if (const Resource* r = server_.Find(req.path)) {
    Respond(&req, 200, *r, keep_alive);
    return;
  }
  Respond(&req, 404, {"text/plain; charset=utf-8", "not found\n"}, keep_alive);
}

void Connection::Respond(const HttpRequest* req, int status, const Resource& r, bool keep_alive,
                         const std::string& extra_headers) {
  const bool head = req != nullptr && req->method == "HEAD";
  method_ = req != nullptr ? req->method : "";
  path_ = req != nullptr ? req->path : "";
  status_ = status;
  body_bytes_ = head ? 0 : r.body.size();
  keep_alive_ = keep_alive;
  out_.clear();
  out_ += "HTTP/1.1 " + std::to_string(status) + " " + StatusText(status) + "\r\n";
  out_ += "Server: trustready\r\n";
  out_ += "Content-Type: " + r.content_type + "\r\n";
  out_ += "Content-Length: " + std::to_string(r.body.size()) + "\r\n";
  // The dashboard loads images across ports; results must never be cached
  // (a cached image would hide what the TLS handshake decided).
  out_ += "Cache-Control: no-store\r\nAccess-Control-Allow-Origin: *\r\n";
  out_ += extra_headers;
  out_ += keep_alive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
  if (!head) out_ += r.body;
  Arm(server_.options().request_timeout, "write");
  auto handler = [self = shared_from_this()](const error_code& ec, size_t) { self->OnWritten(ec); };
  if (tls_) {
    asio::async_write(*tls_, asio::buffer(out_), handler);
  } else {
    asio::async_write(socket_, asio::buffer(out_), handler);
  }
}

void Connection::OnWritten(const error_code& ec) {
  if (timed_out_ || closed_) return;
  ++requests_;
  if (!method_.empty()) {
    ServeRequestEvent r{.connection = Base(), .method = method_, .path = path_, .status = status_,
                        .bytes = body_bytes_};
    r.duration_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - request_start_).count();
    if (ec) r.error = ec.message();
    server_.Log(std::move(r));
  }
  if (ec || !keep_alive_ || server_.stopping) {
    if (ec) {
      Close();
      return;
    }
    if (tls_) {
      // Send our close_notify (RFC 8446 6.1) without waiting for the
      // peer's, as nginx does: marking the peer's as received makes
      // SSL_shutdown complete once ours is written. Bounded all the same.
      SSL_set_shutdown(tls_->native_handle(), SSL_RECEIVED_SHUTDOWN);
      Arm(std::chrono::milliseconds(1000), "shutdown");
      tls_->async_shutdown([self = shared_from_this()](const error_code& e) {
        if (e || self->timed_out_ || self->closed_) {
          self->Close();
        } else {
          self->Linger();
        }
      });
      return;
    }
    Linger();
    return;
  }
  if (!in_.empty()) {
    Process();  // pipelined request already buffered
  } else {
    ReadRequest();
  }
}

// A lingering close (nginx's lingering_close): send our FIN, then read and
// drop what the client is still sending until it closes, 1 MiB or 2 s.
// Closing with unread bytes in the receive buffer makes the kernel send a
// reset, which can destroy the response before the client reads it (a 431
// for an oversized head arriving as "connection reset").
void Connection::Linger() {
  error_code ignored;
  Socket().shutdown(tcp::socket::shutdown_send, ignored);
  Wait();
  Arm(std::chrono::milliseconds(2000), "linger");
  linger_budget_ = 1 << 20;
  Socket().async_read_some(asio::buffer(read_buffer_), [self = shared_from_this()](const error_code& ec, size_t n) {
    self->linger_budget_ -= std::min(self->linger_budget_, n);
    self->OnLingerRead(ec);
  });
}

void Connection::OnLingerRead(const error_code& ec) {
  if (timed_out_ || closed_) return;
  if (ec || linger_budget_ == 0) {
    Close();
    return;
  }
  Socket().async_read_some(asio::buffer(read_buffer_), [self = shared_from_this()](const error_code& e, size_t n) {
    self->linger_budget_ -= std::min(self->linger_budget_, n);
    self->OnLingerRead(e);
  });
}

// ---------------------------------------------------------------------------
// Server

void Server::Register(Connection* c, std::weak_ptr<Connection> w) {
  std::lock_guard<std::mutex> lock(conns_mu_);
  conns_.emplace(c, std::move(w));
  ++per_ip_[c->ip()];
}

void Server::Unregister(Connection* c) {
  std::lock_guard<std::mutex> lock(conns_mu_);
  if (conns_.erase(c) == 0) return;
  auto it = per_ip_.find(c->ip());
  if (it != per_ip_.end() && --it->second == 0) per_ip_.erase(it);
}

bool Server::Admit(const std::string& ip, std::string* refusal) {
  std::shared_ptr<Connection> victim;
  std::string why;
  {
    std::lock_guard<std::mutex> lock(conns_mu_);
    // Connections already being evicted still hold their slots until their
    // strands close them; they do not count against the new one.
    size_t total = 0;
    size_t from_ip = 0;
    for (const auto& [c, w] : conns_) {
      if (c->evicting.load()) continue;
      ++total;
      if (c->ip() == ip) ++from_ip;
    }
    const size_t per_ip_limit = options_.max_connections_per_ip;
    const bool ip_full = per_ip_limit > 0 && from_ip >= per_ip_limit;
    const bool all_full = total >= options_.max_connections;
    if (!ip_full && !all_full) return true;
    // The longest-waiting connection: of this address when its bound is the
    // one reached, of anyone otherwise.
    Connection* oldest = nullptr;
    for (const auto& [c, w] : conns_) {
      if (c->evicting.load()) continue;
      const int64_t since = c->waiting_since();
      if (since == 0 || (ip_full && c->ip() != ip)) continue;
      if (oldest == nullptr || since < oldest->waiting_since()) oldest = c;
    }
    if (oldest != nullptr) victim = conns_[oldest].lock();
    if (!victim) {
      *refusal = ip_full ? "over " + std::to_string(per_ip_limit) + " connections from " + ip +
                               ", none waiting; closed"
                         : "over " + std::to_string(options_.max_connections) +
                               " connections, none waiting; closed";
      return false;
    }
    victim->evicting = true;
    why = ip_full ? "oldest waiting of " + std::to_string(per_ip_limit) + " connections from " + ip +
                        ", its slot given to a new one"
                  : "oldest waiting of " + std::to_string(options_.max_connections) +
                        " connections, its slot given to a new one";
  }
  victim->Evict(why);
  return true;
}

int Server::OnServerName(SSL* ssl, int* /*alert*/, void* arg) {
  auto* server = static_cast<Server*>(arg);
  const char* name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
  if (name == nullptr) return SSL_TLSEXT_ERR_OK;
  std::string host = name;
  for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (VariantRuntime* v = server->ByHost(host)) SSL_set_SSL_CTX(ssl, v->ctx->native_handle());
  // Unknown names get the default variant, as a web server's default host.
  return SSL_TLSEXT_ERR_OK;
}

Result<std::unique_ptr<ssl::context>> Server::MakeContext(const SiteVariant& v, bool sni_switch) {
  auto ctx = std::make_unique<ssl::context>(ssl::context::tls_server);
  SSL_CTX* c = ctx->native_handle();
  ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                   ssl::context::no_sslv3 | ssl::context::single_dh_use);
  // The site serves chains clients must judge for themselves, including a
  // SHA-1 signed intermediate that OpenSSL's default security level refuses
  // to even load; level 0 lets us present it. Clients keep their own levels.
  SSL_CTX_set_security_level(c, 0);
  SSL_CTX_set_min_proto_version(c, TLS1_2_VERSION);
  // Send exactly the configured chain: never complete it from a store (the
  // incomplete-chain variant depends on it).
  SSL_CTX_set_mode(c, SSL_MODE_NO_AUTO_CHAIN | SSL_MODE_RELEASE_BUFFERS);
  SSL_CTX_set_session_cache_mode(c, SSL_SESS_CACHE_SERVER);
  SSL_CTX_set_session_id_context(c, reinterpret_cast<const unsigned char*>(v.name.data()),
                                 static_cast<unsigned>(std::min<size_t>(v.name.size(), 32)));

  std::vector<CertificatePtr> chain;
  for (const auto& f : v.chain_files) {
    auto certs = LoadCertificatesFromFile(f);
    if (!certs.ok()) return certs.error();
    for (auto& c2 : *certs) chain.push_back(c2);
  }
  if (chain.empty()) return MakeError(ErrorKind::kNotCertificate, v.name + ": empty chain");
  for (size_t i = 0; i < chain.size(); ++i) {
    const unsigned char* p = chain[i]->der().data();
    X509* x = d2i_X509(nullptr, &p, static_cast<long>(chain[i]->der().size()));
    if (x == nullptr) return MakeError(ErrorKind::kNotCertificate, v.chain_files[0] + ": OpenSSL cannot read it");
    int ok = i == 0 ? SSL_CTX_use_certificate(c, x) : SSL_CTX_add1_chain_cert(c, x);
    X509_free(x);
    if (ok != 1) {
      return MakeError(ErrorKind::kUnsupported, v.name + ": OpenSSL refused certificate " +
                                                    std::to_string(i) + " of the chain");
    }
  }
  if (SSL_CTX_use_PrivateKey_file(c, v.key_file.c_str(), SSL_FILETYPE_PEM) != 1 ||
      SSL_CTX_check_private_key(c) != 1) {
    return MakeError(ErrorKind::kFormat, v.key_file + ": not the private key of " + v.name + "'s leaf");
  }
  if (sni_switch) {
    SSL_CTX_set_tlsext_servername_callback(c, &Server::OnServerName);
    SSL_CTX_set_tlsext_servername_arg(c, this);
  }
  return ctx;
}

Status Server::Bind(tcp::acceptor* a, const std::string& host, uint16_t port) {
  error_code ec;
  auto address = asio::ip::make_address(host, ec);
  if (ec) return MakeError(ErrorKind::kInvalidArgument, "'" + host + "' is not an IP address");
  tcp::endpoint ep(address, port);
  a->open(ep.protocol(), ec);
  if (!ec) a->set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) a->bind(ep, ec);
  if (!ec) a->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return MakeError(ErrorKind::kNetwork,
                     "cannot listen on " + Bracketed(host) + ":" + std::to_string(port) + ": " + ec.message());
  }
  return {};
}

Status Server::Setup() {
  // Listen address: "ADDR:PORT", "[v6]:PORT".
  const std::string& l = options_.listen;
  std::string host;
  std::string port_text;
  if (!l.empty() && l[0] == '[') {
    size_t close = l.find(']');
    if (close == std::string::npos || close + 1 >= l.size() || l[close + 1] != ':') {
      return MakeError(ErrorKind::kInvalidArgument, "--listen '" + l + "': expected [ADDR]:PORT");
    }
    host = l.substr(1, close - 1);
    port_text = l.substr(close + 2);
  } else {
    size_t colon = l.rfind(':');
    if (colon == std::string::npos) {
      return MakeError(ErrorKind::kInvalidArgument, "--listen '" + l + "': expected ADDR:PORT");
    }
    host = l.substr(0, colon);
    port_text = l.substr(colon + 1);
  }
  if (port_text.empty() || port_text.size() > 5 ||
      port_text.find_first_not_of("0123456789") != std::string::npos || std::stoi(port_text) > 65535) {
    return MakeError(ErrorKind::kInvalidArgument, "--listen '" + l + "': bad port");
  }
  listen_host_ = host;
  accept_strand_ = std::make_unique<asio::strand<asio::io_context::executor_type>>(io_->get_executor());
  main_acceptor_ = std::make_unique<tcp::acceptor>(*accept_strand_);
  if (auto st = Bind(main_acceptor_.get(), host, static_cast<uint16_t>(std::stoi(port_text))); !st.ok()) {
    return st;
  }
  main_port_ = main_acceptor_->local_endpoint().port();
  public_host_ = options_.public_host;
  if (public_host_.empty()) {
    public_host_ = (host == "0.0.0.0") ? "127.0.0.1" : (host == "::" ? "::1" : host);
  }
  const std::string base_url = "http://" + Bracketed(public_host_) + ":" + std::to_string(main_port_) + "/";

  bool reused = false;
  if (!options_.config_file.empty()) {
    auto site = serve::SiteFromConfig(options_.config_file);
    if (!site.ok()) return site.error();
    site_ = std::move(site).value();
  } else {
    std::string state = options_.state_dir;
    if (state.empty()) {
      const char* xdg = std::getenv("XDG_STATE_HOME");
      const char* home = std::getenv("HOME");
      if (xdg != nullptr && *xdg != '\0') {
        state = std::string(xdg) + "/trustready/serve";
      } else if (home != nullptr && *home != '\0') {
        state = std::string(home) + "/.local/state/trustready/serve";
      } else {
        return MakeError(ErrorKind::kInvalidArgument, "no --state-dir and no HOME");
      }
    }
    DemoPkiOptions po;
    po.out_dir = state + "/pki";
    po.base_url = base_url;
    po.domain = options_.domain;
    auto pki = CreateDemoPki(po);
    if (!pki.ok()) return pki.error();
    reused = pki->reused;
    site_ = serve::DemoSite(*pki, options_.domain);
  }

  // Variant contexts and ports.
  const bool random_ports = options_.variant_port_base == 0 ||
                            (options_.variant_port_base < 0 && main_port_ == 0) ||
                            (options_.variant_port_base < 0 && std::stoi(port_text) == 0);
  int next_port = options_.variant_port_base > 0 ? options_.variant_port_base : main_port_ + 1;
  for (const auto& spec : site_.variants) {
    auto v = std::make_unique<VariantRuntime>();
    v->spec = spec;
    v->host = spec.name + "." + site_.domain;
    auto ctx = MakeContext(spec, false);
    if (!ctx.ok()) return ctx.error();
    v->ctx = std::move(ctx).value();
    v->acceptor = std::make_unique<tcp::acceptor>(*accept_strand_);
    const uint16_t want = random_ports ? 0 : static_cast<uint16_t>(next_port++);
    if (!random_ports && want == 0) return MakeError(ErrorKind::kInvalidArgument, "variant ports exceed 65535");
    if (auto st = Bind(v->acceptor.get(), host, want); !st.ok()) return st;
    v->port = v->acceptor->local_endpoint().port();
    variants_.push_back(std::move(v));
  }
  auto main_ctx = MakeContext(site_.variants.front(), true);
  if (!main_ctx.ok()) return main_ctx.error();
  main_ctx_ = std::move(main_ctx).value();

  // What is served.
  nlohmann::json dash_variants = nlohmann::json::array();
  const std::string url_host = Bracketed(public_host_);
  for (const auto& v : variants_) {
    const SiteVariant& s = v->spec;
    dash_variants.push_back({{"name", s.name},
                             {"description", s.description},
                             {"port", v->port},
                             {"host", v->host},
                             {"expected_new_root", s.expected_new_root},
                             {"expected_legacy_root", s.expected_legacy_root},
                             {"expected_browser", s.expected_browser},
                             {"note", s.note}});
    started_.endpoints.push_back({.variant = s.name,
                                  .url = "https://" + url_host + ":" + std::to_string(v->port) + "/test.jpg",
                                  .port = v->port,
                                  .host = v->host,
                                  .sni_url = "https://" + v->host + ":" + std::to_string(main_port_) + "/test.jpg",
                                  .expected_new_root = s.expected_new_root,
                                  .expected_legacy_root = s.expected_legacy_root,
                                  .expected_browser = s.expected_browser,
                                  .description = s.description,
                                  .note = s.note});
  }
  nlohmann::json dash_config = {{"domain", site_.domain}, {"sni_port", main_port_}, {"variants", dash_variants}};
  const std::string html = serve::DashboardHtml(dash_config);
  resources_["/"] = {"text/html; charset=utf-8", html};
  resources_["/index.html"] = {"text/html; charset=utf-8", html};
  resources_["/test.jpg"] = {"image/jpeg", std::string(serve::TestJpeg())};
  resources_["/variants.json"] = {"application/json", dash_config.dump(2) + "\n"};
  for (const auto& [path, file] : site_.published) {
    auto bytes = ReadFile(file);
    if (!bytes.ok()) return bytes.error();
    std::string type = "application/octet-stream";
    if (path.ends_with(".cer")) type = "application/pkix-cert";        // RFC 2585 4.1
    if (path.ends_with(".crl")) type = "application/pkix-crl";         // RFC 2585 4.2
    if (path.ends_with(".pem")) type = "application/x-pem-file";
    resources_[path] = {type, std::move(bytes).value()};
  }

  started_.listen = Bracketed(host) + ":" + std::to_string(main_port_);
  started_.sni_port = main_port_;
  started_.http_url = started_.dashboard = base_url;
  started_.domain = site_.domain;
  started_.pki_reused = reused;
  for (const auto& [role, v] : site_.ca_files.items()) {
    if (v.is_string()) started_.ca_files[role] = v.get<std::string>();
    if (v.is_array()) started_.ca_file_sets[role] = v.get<std::vector<std::string>>();
  }
  return {};
}

void Server::Accept(tcp::acceptor* a, VariantRuntime* fixed) {
  a->async_accept(asio::make_strand(*io_), [this, a, fixed](const error_code& ec, tcp::socket socket) {
    if (stopping || ec == asio::error::operation_aborted) return;
    if (ec) {
      // EMFILE and friends: say so, back off briefly instead of spinning.
      Log(ServeFaultEvent{.kind = "accept_failed", .error = ec.message()});
      auto t = std::make_shared<asio::steady_timer>(*accept_strand_, std::chrono::milliseconds(100));
      t->async_wait([this, a, fixed, t](const error_code&) {
        if (!stopping) Accept(a, fixed);
      });
      return;
    }
    error_code ignored;
    auto ep = socket.remote_endpoint(ignored);
    const std::string ip = ignored ? "" : ep.address().to_string();
    std::string refusal;
    if (ignored) {
      socket.close(ignored);  // already gone
    } else if (!Admit(ip, &refusal)) {
      Log(ServeFaultEvent{.kind = "connection_limit",
                          .error = refusal,
                          .remote = Bracketed(ip) + ":" + std::to_string(ep.port())});
      socket.close(ignored);
    } else {
      std::make_shared<Connection>(*this, std::move(socket), fixed)->Start();
    }
    Accept(a, fixed);
  });
}

void Server::Run() {
  if (events_.on_started) events_.on_started(started_);
  asio::post(*accept_strand_, [this] {
    Accept(main_acceptor_.get(), nullptr);
    for (auto& v : variants_) Accept(v->acceptor.get(), v.get());
  });

  asio::signal_set signals(*io_, SIGINT, SIGTERM);
  asio::steady_timer grace(*io_);
  auto deadline = std::make_shared<std::chrono::steady_clock::time_point>();
  std::function<void()> wait_drain;
  wait_drain = [&] {
    if (active.load() == 0 || std::chrono::steady_clock::now() >= *deadline) {
      Log(ServeStoppedEvent{.open_connections = active.load()});
      io_->stop();
      return;
    }
    grace.expires_after(std::chrono::milliseconds(50));
    grace.async_wait([&](const error_code&) { wait_drain(); });
  };
  signals.async_wait([&](const error_code& ec, int signo) {
    if (ec) return;
    stopping = true;
    Log(ServeStoppingEvent{.signal = signo == SIGINT ? "SIGINT" : "SIGTERM", .open_connections = active.load()});
    asio::post(*accept_strand_, [this] {
      error_code ignored;
      main_acceptor_->close(ignored);
      for (auto& v : variants_) v->acceptor->close(ignored);
    });
    // In-flight requests get up to two seconds to finish; idle keep-alive
    // connections are simply dropped at the end.
    *deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    wait_drain();
  });

  int threads = options_.threads > 0 ? options_.threads
                                     : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([this] { io_->run(); });
  io_->run();
  for (auto& t : pool) t.join();
}

void RaiseFileLimit() {
  // Each connection is a descriptor; the soft limit (often 1024) is below
  // what --max-connections allows, the hard limit usually is not.
  rlimit rl{};
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
  }
}

}  // namespace

Status RunServe(const ServeOptions& options, const ServeEvents& events) {
  RaiseFileLimit();
  std::signal(SIGPIPE, SIG_IGN);
  auto server = std::make_unique<Server>(options, events);
  if (auto st = server->Setup(); !st.ok()) return st;
  server->Run();
  return {};
}

}  // namespace trustready
