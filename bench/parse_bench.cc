// Certificate parsing throughput: trustready's Certificate::Parse against
// OpenSSL's d2i_X509 on the same DER bytes, in the same run.
//
// Input: every root of Debian's Mozilla store (/usr/share/ca-certificates/
// mozilla/*.crt, or the directory in TR_BENCH_MOZILLA), PEM-decoded once
// before timing. One iteration parses every root once.
//
//   BM_TrustreadParse   Certificate::Parse: copy of the DER into the
//                       certificate, strict parse of every field and known
//                       extension, SHA-256 of the DER and of the SPKI,
//                       normalised subject and issuer names
//   BM_OpenSslD2i       d2i_X509 + X509_free (OpenSSL 3 decodes the ASN.1
//                       template and, on load, caches extensions and the
//                       SHA-1 of the certificate)
//
// The summary prints certificates per second on both sides and the ratio
// (OpenSSL time / trustready time: > 1 means trustready is faster).
#include <benchmark/benchmark.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "collecting_reporter.h"
#include "trustready/x509/pem.h"

namespace trustready {
namespace {

std::string MozillaDir() {
  const char* env = std::getenv("TR_BENCH_MOZILLA");
  return env ? env : "/usr/share/ca-certificates/mozilla";
}

struct Fixture {
  std::vector<std::vector<uint8_t>> ders;
  size_t bytes = 0;

  Fixture() {
    std::error_code ec;
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::directory_iterator(MozillaDir(), ec)) {
      if (e.path().extension() == ".crt") files.push_back(e.path().string());
    }
    if (ec || files.empty()) {
      std::fprintf(stderr, "parse_bench: no *.crt in %s\n", MozillaDir().c_str());
      std::exit(2);
    }
    std::sort(files.begin(), files.end());
    for (const std::string& f : files) {
      auto text = ReadFile(f);
      if (!text.ok()) {
        std::fprintf(stderr, "parse_bench: %s\n", text.error().ToString().c_str());
        std::exit(2);
      }
      auto blocks = ParsePem(*text);
      if (!blocks.ok() || blocks->empty()) {
        std::fprintf(stderr, "parse_bench: %s: no PEM certificate\n", f.c_str());
        std::exit(2);
      }
      for (auto& b : *blocks) {
        if (b.label != "CERTIFICATE") continue;
        // Both parsers must accept every input, or the comparison is unfair.
        if (!Certificate::Parse(der::Input(b.data.data(), b.data.size())).ok()) {
          std::fprintf(stderr, "parse_bench: trustready refuses %s\n", f.c_str());
          std::exit(2);
        }
        const unsigned char* p = b.data.data();
        X509* x = d2i_X509(nullptr, &p, static_cast<long>(b.data.size()));
        if (!x) {
          std::fprintf(stderr, "parse_bench: OpenSSL refuses %s\n", f.c_str());
          std::exit(2);
        }
        X509_free(x);
        bytes += b.data.size();
        ders.push_back(std::move(b.data));
      }
    }
  }
};

const Fixture& F() {
  static Fixture f;
  return f;
}

void BM_TrustreadParse(benchmark::State& state) {
  const Fixture& f = F();
  for (auto _ : state) {
    for (const auto& d : f.ders) {
      auto c = Certificate::Parse(der::Input(d.data(), d.size()));
      if (!c.ok()) state.SkipWithError("parse failed");
      benchmark::DoNotOptimize(c);
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * f.ders.size()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * f.bytes));
}

void BM_OpenSslD2i(benchmark::State& state) {
  const Fixture& f = F();
  for (auto _ : state) {
    for (const auto& d : f.ders) {
      const unsigned char* p = d.data();
      X509* x = d2i_X509(nullptr, &p, static_cast<long>(d.size()));
      if (!x) state.SkipWithError("d2i_X509 failed");
      benchmark::DoNotOptimize(x);
      X509_free(x);
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * f.ders.size()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * f.bytes));
}

BENCHMARK(BM_TrustreadParse)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_OpenSslD2i)->Unit(benchmark::kMicrosecond);


}  // namespace
}  // namespace trustready

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  const auto& f = trustready::F();
  trustready::CollectingReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  const double t = reporter.Get("BM_TrustreadParse"), o = reporter.Get("BM_OpenSslD2i");
  std::printf("\nparse_bench summary (CPU us to parse all certificates once; ratio = OpenSSL / trustready, >1 = trustready faster)\n");
  std::printf("%-34s %8s %12s %12s %8s\n", "input", "certs", "openssl", "trustready", "ratio");
  if (t > 0 && o > 0) {
    std::printf("%-34s %8zu %12.1f %12.1f %7.2fx\n", trustready::MozillaDir().c_str(), f.ders.size(), o,
                t, o / t);
    const double n = static_cast<double>(f.ders.size());
    std::printf("certificates/s: openssl %.0f, trustready %.0f\n", n * 1e6 / o, n * 1e6 / t);
  }
  benchmark::Shutdown();
  return 0;
}
