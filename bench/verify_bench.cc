// Path validation throughput: trustready's VerifyChain against OpenSSL's
// X509_verify_cert on the same chains, store and time, in the same run.
//
//   cold:  VerifyChain without a SignatureCache (every signature verified)
//          vs X509_verify_cert with a fresh X509_STORE_CTX; both on
//          certificates parsed beforehand, whose objects keep their
//          decoded public keys (OpenSSL's X509 since d2i_X509, ours since
//          the first use of Certificate::PublicKey)
//   warm:  VerifyChain with a SignatureCache shared across iterations (what
//          `check` gets when many stores judge the same chain) vs the same
//          OpenSSL call (OpenSSL has no such cache)
//   from DER: a chain as it arrives in a handshake: the leaf and the pool
//          parsed from DER bytes, then verified, on both sides (the store is
//          loaded once on both sides); this is "cold" for a real client
//   floor: the signature checks a cold verification cannot avoid (leaf by
//          intermediate, intermediate by root), each through EVP with the
//          issuer's key as the certificate keeps it decoded, i.e. the least
//          a cold verification can cost
//
// Chains: the four Amazon Trust Services demo leaves (RSA 2048, RSA 4096,
// ECDSA P-256, ECDSA P-384 issuing CAs) at 2025-03-01, the sixteen
// intermediates as the untrusted pool, the four Amazon roots plus
// Starfield Services G2 as the store, host name checked.
//
// After the Google Benchmark table, a summary prints per chain: trustready
// cold and warm time, OpenSSL's, the ratios (OpenSSL time / ours: > 1 means
// we are faster) and cold / floor; then the cold ratio measured in
// alternating pairs (PairedColdRatio), the figure to quote on a shared
// machine. With --benchmark_repetitions the table uses medians.
#include <benchmark/benchmark.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "collecting_reporter.h"
#include "trustready/x509/pem.h"
#include "trustready/verify/verify.h"

namespace trustready {
namespace {

const std::string kDir = std::string(TR_SHARED_DATA) + "/amazon-trust-services/";
const char* const kFamilies[] = {"r2m", "r4m", "e2m", "e3m"};
const char* const kChainNames[] = {"rootca1 (RSA 2048)", "rootca2 (RSA 4096)", "rootca3 (P-256)",
                                   "rootca4 (P-384)"};

CertificatePtr Load(const std::string& name) {
  auto c = LoadCertificatesFromFile(kDir + name);
  if (!c.ok()) {
    std::fprintf(stderr, "verify_bench: %s\n", c.error().ToString().c_str());
    std::exit(2);
  }
  return c->front();
}

X509* ToX509(const Certificate& c) {
  const unsigned char* p = c.der().data();
  return d2i_X509(nullptr, &p, static_cast<long>(c.der().size()));
}

struct Fixture {
  TrustStore store{"amazon", StoreFormat::kPem, kDir};
  std::vector<CertificatePtr> pool;
  CertificatePtr leaves[4];
  std::string hosts[4];
  VerifyOptions options[4];
  // The certificates each valid path is made of, for the floor.
  std::vector<std::pair<CertificatePtr, CertificatePtr>> edges[4];

  X509_STORE* x_store = nullptr;
  STACK_OF(X509)* x_untrusted = nullptr;
  X509* x_leaves[4] = {};
  UnixTime time = 0;

  Fixture() {
    time = *ParseRfc3339("2025-03-01T00:00:00Z");
    x_store = X509_STORE_new();
    for (const char* root : {"AmazonRootCA1.cer", "AmazonRootCA2.cer", "AmazonRootCA3.cer",
                             "AmazonRootCA4.cer", "SFSRootCAG2.cer"}) {
      CertificatePtr c = Load(root);
      store.Add(TrustAnchor{c, {}, root});
      X509* x = ToX509(*c);
      X509_STORE_add_cert(x_store, x);
      X509_free(x);
    }
    x_untrusted = sk_X509_new_null();
    for (const char* f : kFamilies) {
      for (int i = 1; i <= 4; ++i) {
        CertificatePtr c = Load(std::string(f) + "0" + std::to_string(i) + ".cer");
        pool.push_back(c);
        sk_X509_push(x_untrusted, ToX509(*c));
      }
    }
    for (int n = 0; n < 4; ++n) {
      hosts[n] = "valid.rootca" + std::to_string(n + 1) + ".demo.amazontrust.com";
      leaves[n] = Load(hosts[n] + ".cer");
      x_leaves[n] = ToX509(*leaves[n]);
      options[n].time = time;
      options[n].host = *ParseHostName(hosts[n]);
      VerifyResult r = VerifyChain(leaves[n], pool, store, options[n]);
      if (!r.trusted) {
        std::fprintf(stderr, "verify_bench: %s does not verify: %s\n", hosts[n].c_str(),
                     r.most_specific.message.c_str());
        std::exit(2);
      }
      const auto& certs = r.ValidPath()->certificates;
      for (size_t i = 0; i + 1 < certs.size(); ++i) edges[n].push_back({certs[i], certs[i + 1]});
      if (!OpenSslVerify(n)) {
        std::fprintf(stderr, "verify_bench: OpenSSL does not verify %s\n", hosts[n].c_str());
        std::exit(2);
      }
    }
  }

  bool OpenSslVerify(int n) const {
    X509_STORE_CTX* ctx = X509_STORE_CTX_new();
    X509_STORE_CTX_init(ctx, x_store, x_leaves[n], x_untrusted);
    X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx);
    X509_VERIFY_PARAM_set_time(param, static_cast<time_t>(time));
    X509_VERIFY_PARAM_set1_host(param, hosts[n].c_str(), hosts[n].size());
    X509_STORE_CTX_set_purpose(ctx, X509_PURPOSE_SSL_SERVER);
    const bool ok = X509_verify_cert(ctx) == 1;
    X509_STORE_CTX_free(ctx);
    return ok;
  }
};

Fixture& F() {
  static Fixture f;
  return f;
}

void BM_TrustreadCold(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  Fixture& f = F();
  for (auto _ : state) {
    VerifyResult r = VerifyChain(f.leaves[n], f.pool, f.store, f.options[n], nullptr);
    benchmark::DoNotOptimize(r.trusted);
  }
  state.SetLabel(kChainNames[n]);
}

void BM_TrustreadWarm(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  Fixture& f = F();
  SignatureCache cache;
  VerifyChain(f.leaves[n], f.pool, f.store, f.options[n], &cache);
  for (auto _ : state) {
    VerifyResult r = VerifyChain(f.leaves[n], f.pool, f.store, f.options[n], &cache);
    benchmark::DoNotOptimize(r.trusted);
  }
  state.SetLabel(kChainNames[n]);
}

void BM_OpenSsl(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  Fixture& f = F();
  for (auto _ : state) benchmark::DoNotOptimize(f.OpenSslVerify(n));
  state.SetLabel(kChainNames[n]);
}

void BM_TrustreadFromDer(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  Fixture& f = F();
  for (auto _ : state) {
    auto leaf = Certificate::Parse(f.leaves[n]->der());
    std::vector<CertificatePtr> pool;
    pool.reserve(f.pool.size());
    for (const CertificatePtr& c : f.pool) pool.push_back(*Certificate::Parse(c->der()));
    VerifyResult r = VerifyChain(*leaf, pool, f.store, f.options[n], nullptr);
    benchmark::DoNotOptimize(r.trusted);
  }
  state.SetLabel(kChainNames[n]);
}

void BM_OpenSslFromDer(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  Fixture& f = F();
  for (auto _ : state) {
    X509* leaf = ToX509(*f.leaves[n]);
    STACK_OF(X509)* pool = sk_X509_new_null();
    for (const CertificatePtr& c : f.pool) sk_X509_push(pool, ToX509(*c));
    X509_STORE_CTX* ctx = X509_STORE_CTX_new();
    X509_STORE_CTX_init(ctx, f.x_store, leaf, pool);
    X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx);
    X509_VERIFY_PARAM_set_time(param, static_cast<time_t>(f.time));
    X509_VERIFY_PARAM_set1_host(param, f.hosts[n].c_str(), f.hosts[n].size());
    X509_STORE_CTX_set_purpose(ctx, X509_PURPOSE_SSL_SERVER);
    benchmark::DoNotOptimize(X509_verify_cert(ctx));
    X509_STORE_CTX_free(ctx);
    sk_X509_pop_free(pool, X509_free);
    X509_free(leaf);
  }
  state.SetLabel(kChainNames[n]);
}

void BM_SignatureFloor(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  Fixture& f = F();
  for (auto _ : state) {
    for (const auto& [child, issuer] : f.edges[n]) {
      benchmark::DoNotOptimize(VerifySignedData(child->parsed().signature_algorithm, child->parsed().tbs,
                                                child->parsed().signature, *issuer));
    }
  }
  state.SetLabel(kChainNames[n]);
}

BENCHMARK(BM_TrustreadCold)->DenseRange(0, 3)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_TrustreadWarm)->DenseRange(0, 3)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_OpenSsl)->DenseRange(0, 3)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_TrustreadFromDer)->DenseRange(0, 3)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_OpenSslFromDer)->DenseRange(0, 3)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SignatureFloor)->DenseRange(0, 3)->Unit(benchmark::kMicrosecond);


// Thread CPU time in microseconds.
double CpuMicros() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

// The cold ratio measured in pairs: rounds that each time a batch of
// OpenSSL verifications and then a batch of ours, back to back, so that
// both sides of a round see the same machine (another process, a frequency
// change); the median of the per-round ratios. On a shared machine this
// is steadier than comparing two separately timed benchmarks.
double PairedColdRatio(int n, int rounds) {
  Fixture& f = F();
  std::vector<double> ratios;
  const int batch = n == 3 ? 20 : 100;
  for (int r = 0; r < rounds; ++r) {
    double t0 = CpuMicros();
    for (int i = 0; i < batch; ++i) benchmark::DoNotOptimize(f.OpenSslVerify(n));
    double t1 = CpuMicros();
    for (int i = 0; i < batch; ++i) {
      VerifyResult v = VerifyChain(f.leaves[n], f.pool, f.store, f.options[n], nullptr);
      benchmark::DoNotOptimize(v.trusted);
    }
    double t2 = CpuMicros();
    ratios.push_back((t1 - t0) / (t2 - t1));
  }
  std::sort(ratios.begin(), ratios.end());
  return ratios[ratios.size() / 2];
}

}  // namespace
}  // namespace trustready

int main(int argc, char** argv) {
  using trustready::CollectingReporter;
  benchmark::Initialize(&argc, argv);
  trustready::F();  // load and check the fixture before timing anything
  CollectingReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  std::printf("\nverify_bench summary (CPU us per verification; x = OpenSSL time / trustready time, >1 = faster)\n");
  std::printf("%-20s %9s %9s %9s %9s %9s %9s | %8s %8s %8s %10s\n", "chain", "openssl", "tr cold",
              "tr warm", "ossl DER", "tr DER", "floor", "cold x", "warm x", "DER x", "cold/floor");
  for (int n = 0; n < 4; ++n) {
    const std::string arg = "/" + std::to_string(n);
    const double o = reporter.Get("BM_OpenSsl" + arg);
    const double c = reporter.Get("BM_TrustreadCold" + arg);
    const double w = reporter.Get("BM_TrustreadWarm" + arg);
    const double od = reporter.Get("BM_OpenSslFromDer" + arg);
    const double td = reporter.Get("BM_TrustreadFromDer" + arg);
    const double fl = reporter.Get("BM_SignatureFloor" + arg);
    if (o == 0 || c == 0 || w == 0 || od == 0 || td == 0 || fl == 0) continue;  // filtered out
    std::printf("%-20s %9.1f %9.1f %9.1f %9.1f %9.1f %9.1f | %7.2fx %7.2fx %7.2fx %9.2fx\n",
                trustready::kChainNames[n], o, c, w, od, td, fl, o / c, o / w, od / td, c / fl);
  }
  std::printf("paired cold x (median of 21 alternating rounds, OpenSSL then trustready):");
  for (int n = 0; n < 4; ++n) std::printf(" %s %.2fx%s", trustready::kChainNames[n], trustready::PairedColdRatio(n, 21), n < 3 ? "," : "\n");
  std::printf("cold: both sides on pre-parsed certificates, no signature cache (each side's certificate\n"
              "      objects keep their decoded keys: OpenSSL's X509, trustready's Certificate::PublicKey)\n"
              "DER:  a chain as a handshake delivers it, parsed and verified, store loaded once\n");
  benchmark::Shutdown();
  return 0;
}
