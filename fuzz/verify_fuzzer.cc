// libFuzzer: path building and validation over hostile certificate sets
// (loops, cross-signs, name and key identifier collisions, broken
// extensions), which must finish within the builder's budgets and never
// crash. Input: one option byte, then DER certificates back to back; the
// first is the target, the last 1-3 the store's anchors, the rest the
// untrusted pool. Seeds (fuzz/run-smoke.sh): real ATS chains and the
// cross-signed paths through Starfield.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "trustready/x509/certificate.h"
#include "trustready/der/parser.h"
#include "trustready/verify/verify.h"
#include "trustready/report/verify_report.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace trustready;
  if (size < 2) return 0;
  const uint8_t flags = data[0];
  der::Parser p(der::Input(data + 1, size - 1));
  std::vector<CertificatePtr> certs;
  while (p.HasMore() && certs.size() < 24) {
    auto e = p.ReadAny();
    if (!e.ok()) break;
    auto c = Certificate::Parse(e->encoded);
    if (c.ok()) certs.push_back(*c);
  }
  if (certs.empty()) return 0;
  const size_t anchors = std::min<size_t>(1 + flags % 3, certs.size());
  TrustStore store("fuzz", StoreFormat::kPem, "fuzz");
  for (size_t i = certs.size() - anchors; i < certs.size(); ++i) {
    TrustAttributes trust;
    trust.distrusted = (flags & 0x80) != 0 && i == certs.size() - 1;
    store.Add({certs[i], trust, "fuzz"});
  }
  std::vector<CertificatePtr> pool(certs.begin() + 1, certs.end() - static_cast<std::ptrdiff_t>(anchors) +
                                                          (anchors == certs.size() ? 1 : 0));
  VerifyOptions o;
  o.time = 1740787200;  // 2025-03-01T00:00:00Z
  if (flags & 0x08) o.target_is_ca = true;
  if (flags & 0x10) o.host = *ParseHostName("valid.rootca1.demo.amazontrust.com");
  if (flags & 0x20) o.purpose = VerifyPurpose::kClientAuth;
  if (flags & 0x40) o.strict_anchors = true;
  o.client.first_path_only = (flags & 0x04) != 0;
  SignatureCache cache;
  VerifyResult r = VerifyChain(certs.front(), pool, store, o, (flags & 0x01) ? &cache : nullptr);
  (void)VerifyResultToJson(r, "fuzz").dump();
  return 0;
}
