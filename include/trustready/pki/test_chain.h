// A root -> issuing CA -> leaf chain made in memory, with the fields the
// lifetime and server-auth-only checks look at chosen by the caller (the
// leaf's validity, each certificate's extendedKeyUsage). For tests: keys
// are fresh ECDSA P-256 keys (OpenSSL), signatures SHA-256; nothing is
// written to disk.
#ifndef TRUSTREADY_PKI_TEST_CHAIN_H_
#define TRUSTREADY_PKI_TEST_CHAIN_H_

#include <string>

#include "trustready/base/result.h"
#include "trustready/x509/certificate.h"
#include "trustready/x509/time.h"

namespace trustready {

struct TestChainSpec {
  UnixTime leaf_not_before = 0;
  UnixTime leaf_not_after = 0;
  // OpenSSL extendedKeyUsage config values ("serverAuth",
  // "serverAuth,clientAuth"); empty: no extendedKeyUsage extension.
  std::string leaf_eku = "serverAuth";
  std::string ca_eku;    // the issuing CA's
  std::string root_eku;  // the root's
  UnixTime ca_not_before = 1577836800;  // 2020-01-01
  UnixTime ca_not_after = 2208988800;   // 2040-01-01
  std::string host = "leaf.example.com";
  std::string name = "trustready test";  // O of every certificate, CN prefix of the CAs
};

struct TestChain {
  CertificatePtr root, ca, leaf;
  std::string chain_pem;  // leaf, then the issuing CA (what a server sends)
  std::string root_pem;
};

Result<TestChain> MakeTestChain(const TestChainSpec& spec);

}  // namespace trustready

#endif  // TRUSTREADY_PKI_TEST_CHAIN_H_
