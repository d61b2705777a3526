// consumer LEAF STORE [INTERMEDIATE...]: is LEAF trusted by STORE (a PEM
// bundle, a Java keystore, a platform snapshot such as android:7.0)? Prints
// the path found, or the most specific reason it failed. Exit 0 trusted, 1
// not, 2 bad input.
#include <cstdio>
#include <string>
#include <vector>

#include "trustready/store/store_open.h"
#include "trustready/verify/verify.h"
#include "trustready/x509/pem.h"

int main(int argc, char** argv) {
  using namespace trustready;
  if (argc < 3) {
    std::fprintf(stderr, "usage: consumer LEAF STORE [INTERMEDIATE...]\n");
    return 2;
  }
  auto leaf = LoadCertificatesFromFile(argv[1]);
  auto store = OpenStore(argv[2]);
  if (!leaf.ok() || leaf.value().empty() || !store.ok()) {
    std::fprintf(stderr, "consumer: %s\n",
                 !leaf.ok() ? leaf.error().ToString().c_str()
                 : !store.ok() ? store.error().ToString().c_str() : "no certificate in the leaf file");
    return 2;
  }
  std::vector<CertificatePtr> untrusted(leaf.value().begin() + 1, leaf.value().end());
  for (int i = 3; i < argc; ++i) {
    auto more = LoadCertificatesFromFile(argv[i]);
    if (!more.ok()) return 2;
    untrusted.insert(untrusted.end(), more.value().begin(), more.value().end());
  }
  VerifyOptions options;
  options.target_is_ca = leaf.value()[0]->parsed().basic_constraints.has_value() &&
                         leaf.value()[0]->parsed().basic_constraints->is_ca;
  VerifyResult result = VerifyChain(leaf.value()[0], untrusted, store.value(), options);
  if (result.trusted) {
    std::printf("trusted by %s (%zu paths, %d signature checks)\n", argv[2], result.paths.size(),
                result.signature_checks);
    return 0;
  }
  std::printf("NOT trusted by %s: %s: %s\n", argv[2],
              std::string(VerifyErrorCodeName(result.most_specific.code)).c_str(),
              result.most_specific.message.c_str());
  return 1;
}
