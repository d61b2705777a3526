// Owning handles for the OpenSSL objects src/pki builds certificates with,
// and its one-line OpenSSL error. Internal to src/pki.
#ifndef TRUSTREADY_PKI_OPENSSL_HANDLES_H_
#define TRUSTREADY_PKI_OPENSSL_HANDLES_H_

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <string>

#include "trustready/base/result.h"

namespace trustready::pki_internal {

struct PkeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;

// "OpenSSL: WHAT: <the oldest queued error>" (kUnsupported); the queue is
// cleared.
inline Error SslError(const std::string& what) {
  char buf[256] = "unknown error";
  if (unsigned long e = ERR_get_error(); e != 0) ERR_error_string_n(e, buf, sizeof buf);
  ERR_clear_error();
  return MakeError(ErrorKind::kUnsupported, "OpenSSL: " + what + ": " + buf);
}

}  // namespace trustready::pki_internal

#endif  // TRUSTREADY_PKI_OPENSSL_HANDLES_H_
