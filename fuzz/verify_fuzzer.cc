// libFuzzer: path building and validation over hostile certificate sets
// (loops, cross-signs, name and key identifier collisions, broken
// extensions), which must finish within the builder's budgets and never
// crash. Input: two option bytes, then DER certificates and CRLs back to
// back; the first certificate is the target, the last 1-3 the store's
// anchors, the rest the untrusted pool; every element that parses as a CRL
// is given to revocation checking (delta, indirect, signer-path recursion).
// The second option byte drives certificate policy processing (initial
// policy set, explicit policy, mapping and anyPolicy inhibition), the
// profile and require-revocation-status. Seeds (fuzz/run-smoke.sh): real
// ATS chains and CRLs, the cross-signed paths through Starfield, and NIST
// PKITS policy and CRL paths.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "trustready/x509/certificate.h"
#include "trustready/x509/crl.h"
#include "trustready/der/parser.h"
#include "trustready/verify/verify.h"
#include "trustready/report/verify_report.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace trustready;
  if (size < 3) return 0;
  const uint8_t flags = data[0];
  const uint8_t flags2 = data[1];
  der::Parser p(der::Input(data + 2, size - 2));
  std::vector<CertificatePtr> certs;
  std::vector<CrlPtr> crls;
  while (p.HasMore() && certs.size() < 24 && crls.size() < 8) {
    auto e = p.ReadAny();
    if (!e.ok()) break;
    auto c = Certificate::Parse(e->encoded);
    if (c.ok()) {
      certs.push_back(*c);
      continue;
    }
    auto crl = Crl::Parse(e->encoded.ToVector());
    if (crl.ok()) crls.push_back(*crl);
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
  o.crls = crls;
  // NIST-test-policy-1/2 and anyPolicy.
  static const std::vector<uint8_t> kPolicy1 = {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x02, 0x01, 0x30, 0x01};
  static const std::vector<uint8_t> kPolicy2 = {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x02, 0x01, 0x30, 0x02};
  if (flags2 & 0x01) o.policy.initial_policy_set.push_back(kPolicy1);
  if (flags2 & 0x02) o.policy.initial_policy_set.push_back(kPolicy2);
  o.policy.initial_explicit_policy = (flags2 & 0x04) != 0;
  o.policy.initial_policy_mapping_inhibit = (flags2 & 0x08) != 0;
  o.policy.initial_inhibit_any_policy = (flags2 & 0x10) != 0;
  o.require_revocation_status = (flags2 & 0x20) != 0;
  if (flags2 & 0x40) o.profile = VerifyProfile::kRfc5280;
  if (flags2 & 0x80) o.purpose = VerifyPurpose::kAny;
  SignatureCache cache;
  VerifyResult r = VerifyChain(certs.front(), pool, store, o, (flags & 0x01) ? &cache : nullptr);
  (void)VerifyResultToJson(r, "fuzz").dump();
  return 0;
}
