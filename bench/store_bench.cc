// Loading trust stores: trustready against OpenSSL, same files, same run.
//
//   BM_TrustreadBundle   ReadStoreFile on Debian's PEM bundle: PEM decode,
//                        full strict parse of every certificate, SHA-256 of
//                        DER and SPKI, subject/SPKI indexes
//   BM_OpenSslBundle     X509_STORE_load_file on the same bundle (PEM
//                        decode, d2i_X509 with its cached hashes, store
//                        insert with duplicate check)
//   BM_TrustreadJks      ReadJksStore on Java's cacerts with digest check
//   BM_OpenSslSameCerts  OpenSSL d2i_X509 + X509_STORE_add_cert of the DER
//                        certificates the JKS holds (OpenSSL has no JKS
//                        reader; this is its cost for the same certificates)
// The summary prints OpenSSL time / trustready time (> 1: trustready faster).
#include <benchmark/benchmark.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

#include "collecting_reporter.h"
#include "trustready/x509/pem.h"
#include "trustready/store/jks_store.h"
#include "trustready/store/pem_store.h"

namespace trustready {
namespace {

const char* Bundle() {
  const char* env = std::getenv("TR_BENCH_BUNDLE");
  return env ? env : "/etc/ssl/certs/ca-certificates.crt";
}
const char* Cacerts() {
  const char* env = std::getenv("TR_BENCH_CACERTS");
  return env ? env : "/etc/ssl/certs/java/cacerts";
}

struct Fixture {
  std::string bundle_bytes;
  std::string jks_bytes;
  std::vector<std::vector<uint8_t>> jks_ders;
  size_t bundle_anchors = 0;
};
const Fixture& F() {
  static Fixture f = [] {
    Fixture x;
    auto b = ReadFile(Bundle());
    if (!b.ok()) {
      std::fprintf(stderr, "store_bench: %s\n", b.error().ToString().c_str());
      std::exit(2);
    }
    x.bundle_bytes = *b;
    auto s = ReadPemStore(x.bundle_bytes, Bundle());
    if (!s.ok()) {
      std::fprintf(stderr, "store_bench: %s\n", s.error().ToString().c_str());
      std::exit(2);
    }
    x.bundle_anchors = s->size();
    if (auto j = ReadFile(Cacerts()); j.ok()) {
      x.jks_bytes = *j;
      auto js = ReadJksStore(der::Input(std::string_view(x.jks_bytes)), Cacerts(), {"changeit", true});
      if (js.ok()) {
        for (const auto& a : js->anchors()) x.jks_ders.push_back(a.cert->der().ToVector());
      } else {
        std::fprintf(stderr, "store_bench: %s (JKS benchmarks skipped)\n", js.error().ToString().c_str());
        x.jks_bytes.clear();
      }
    }
    return x;
  }();
  return f;
}

void BM_TrustreadBundle(benchmark::State& state) {
  const Fixture& f = F();
  for (auto _ : state) {
    // Reading the file is part of both sides' cost.
    auto bytes = ReadFile(Bundle());
    auto s = ReadPemStore(*bytes, Bundle());
    if (!s.ok() || s->size() != f.bundle_anchors) state.SkipWithError("bundle did not load");
    benchmark::DoNotOptimize(s);
  }
  state.counters["anchors"] = static_cast<double>(f.bundle_anchors);
}

void BM_OpenSslBundle(benchmark::State& state) {
  const Fixture& f = F();
  for (auto _ : state) {
    X509_STORE* st = X509_STORE_new();
    if (X509_STORE_load_file(st, Bundle()) != 1) state.SkipWithError("X509_STORE_load_file failed");
    STACK_OF(X509_OBJECT)* objs = X509_STORE_get0_objects(st);
    if (static_cast<size_t>(sk_X509_OBJECT_num(objs)) != f.bundle_anchors) {
      state.SkipWithError("OpenSSL loaded a different number of certificates");
    }
    X509_STORE_free(st);
  }
}

void BM_TrustreadJks(benchmark::State& state) {
  const Fixture& f = F();
  if (f.jks_bytes.empty()) {
    state.SkipWithError("no Java cacerts");
    return;
  }
  for (auto _ : state) {
    auto bytes = ReadFile(Cacerts());
    auto s = ReadJksStore(der::Input(std::string_view(*bytes)), Cacerts(), {"changeit", true});
    if (!s.ok()) state.SkipWithError("JKS did not load");
    benchmark::DoNotOptimize(s);
  }
  state.counters["anchors"] = static_cast<double>(f.jks_ders.size());
}

void BM_OpenSslSameCerts(benchmark::State& state) {
  const Fixture& f = F();
  if (f.jks_ders.empty()) {
    state.SkipWithError("no Java cacerts");
    return;
  }
  for (auto _ : state) {
    X509_STORE* st = X509_STORE_new();
    for (const auto& d : f.jks_ders) {
      const unsigned char* p = d.data();
      X509* x = d2i_X509(nullptr, &p, static_cast<long>(d.size()));
      X509_STORE_add_cert(st, x);
      X509_free(x);
    }
    X509_STORE_free(st);
  }
}

BENCHMARK(BM_TrustreadBundle)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_OpenSslBundle)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_TrustreadJks)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_OpenSslSameCerts)->Unit(benchmark::kMicrosecond);


}  // namespace
}  // namespace trustready

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  const auto& f = trustready::F();
  trustready::CollectingReporter reporter(trustready::CollectingReporter::Clock::kReal);
  benchmark::RunSpecifiedBenchmarks(&reporter);
  std::printf("\nstore_bench summary (us per load; ratio = OpenSSL / trustready, >1 = trustready faster)\n");
  std::printf("%-34s %8s %12s %12s %8s\n", "store", "certs", "openssl", "trustready", "ratio");
  const double ob = reporter.Get("BM_OpenSslBundle"), tb = reporter.Get("BM_TrustreadBundle");
  if (ob > 0 && tb > 0) {
    std::printf("%-34s %8zu %12.1f %12.1f %7.2fx\n", trustready::Bundle(), f.bundle_anchors, ob, tb, ob / tb);
  }
  const double oj = reporter.Get("BM_OpenSslSameCerts"), tj = reporter.Get("BM_TrustreadJks");
  if (oj > 0 && tj > 0) {
    std::printf("%-34s %8zu %12.1f %12.1f %7.2fx\n", trustready::Cacerts(), f.jks_ders.size(), oj, tj, oj / tj);
  }
  benchmark::Shutdown();
  return 0;
}
