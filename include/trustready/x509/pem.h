// PEM (RFC 7468) reading and writing, and loading certificates from files.
#ifndef TRUSTREADY_PEM_H_
#define TRUSTREADY_PEM_H_

#include <string>
#include <string_view>
#include <vector>

#include "trustready/x509/certificate.h"
#include "trustready/base/file_io.h"  // ReadFile, WriteFileAtomic (were declared here)
#include "trustready/base/result.h"

namespace trustready {

struct PemBlock {
  std::string label;          // "CERTIFICATE", "TRUSTED CERTIFICATE", "X509 CRL"...
  std::vector<uint8_t> data;  // base64-decoded contents
  size_t offset = 0;          // byte offset of the BEGIN line in the text
};

// Finds every "-----BEGIN X-----" ... "-----END X-----" block in `text`.
// Text outside blocks is ignored (as OpenSSL and certigo do). A block with
// a mismatched END label, bad base64, or no END line is an error. Headers
// (Proc-Type etc.) inside a block are refused.
Result<std::vector<PemBlock>> ParsePem(std::string_view text);

// Lowercase-free, 64-column PEM text of one block.
std::string EncodePem(std::string_view label, der::Input der);

// Base64 (RFC 4648) without line breaks.
std::string Base64Encode(der::Input data);
Result<std::vector<uint8_t>> Base64Decode(std::string_view text);

// Certificates from bytes that are PEM (CERTIFICATE / TRUSTED CERTIFICATE /
// X509 CERTIFICATE blocks) or a single DER certificate. `source` names the
// input in error messages. An input with no certificate is an error.
struct LoadedCertificate {
  CertificatePtr cert;
  std::string label;  // PEM label, or "DER"
  // For TRUSTED CERTIFICATE: the bytes after the certificate (X509_CERT_AUX).
  std::vector<uint8_t> aux;
};
Result<std::vector<LoadedCertificate>> LoadCertificatesFromBytes(
    std::string_view bytes, const std::string& source);
Result<std::vector<CertificatePtr>> LoadCertificatesFromFile(const std::string& path);
// A PEM bundle, a DER file, or a directory: every regular file in it that
// holds certificates (files holding none are skipped, a corrupt one is an
// error naming it).
Result<std::vector<CertificatePtr>> LoadCertificatePool(const std::string& path);

}  // namespace trustready

#endif  // TRUSTREADY_PEM_H_
