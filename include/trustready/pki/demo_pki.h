// A complete test PKI shaped like a CA migration, for tests and for the
// `serve` test site: a legacy root, four new roots (RSA 2048, RSA 4096,
// ECDSA P-256, ECDSA P-384) cross-signed by the legacy root, issuing CAs,
// and leaves for the good and the bad cases (expired, not yet valid, wrong
// host, untrusted root, revoked with its CRL, SHA-1 signed issuing CA).
//
// Keys are generated and certificates signed with OpenSSL (EVP); this file
// only decides what goes into each certificate. The result is written under
// one directory with a manifest.json describing every file; a directory
// that already holds a complete PKI for the same base URL and domain is
// reused as is; when only the base URL or domain changed, the roots and
// their keys are kept and everything below them re-issued, so roots that
// users installed stay valid across runs.
//
// Layout under the output directory:
//   certs/<id>.pem  certs/<id>.cer (DER, what AIA URLs point to)
//   keys/<id>.key   (PKCS#8 PEM, mode 0600)
//   crl/<ca id>.crl (DER, what CRL DP URLs point to)  crl/<ca id>.crl.pem
//   crl/all.crl.pem (every CRL, for clients that check the whole chain)
//   manifest.json
#ifndef TRUSTREADY_DEMO_PKI_H_
#define TRUSTREADY_DEMO_PKI_H_

#include <cstdint>
#include <string>
#include <vector>

#include "trustready/x509/time.h"
#include "trustready/base/result.h"

namespace trustready {

struct DemoPkiOptions {
  std::string out_dir;
  // Where the site publishing the CA certificates and CRLs lives: AIA
  // caIssuers URLs are <base_url>certs/<id>.cer, CRL DPs <base_url>crl/<id>.crl.
  std::string base_url = "http://127.0.0.1:8080/";
  // Leaves carry *.<domain> besides localhost, 127.0.0.1 and ::1.
  std::string domain = "trustready.test";
  // Validity is computed around this instant (0: now).
  UnixTime now = 0;
  // Regenerate even if the directory holds a complete PKI.
  bool force = false;
};

// One certificate of the demo PKI.
struct DemoPkiEntry {
  std::string id;          // "new-root-rsa2048", "leaf-expired", ...
  // "legacy-root", "new-root", "untrusted-root", "cross-certificate",
  // "issuing-ca", "leaf".
  std::string role;
  // What the certificate is for in tests: "valid", "expired",
  // "not-yet-valid", "wrong-host", "revoked", "untrusted", "weak-signature".
  std::string test_case = "valid";
  std::string hierarchy;   // "rsa2048", "rsa4096", "ec256", "ec384", "legacy", "untrusted"
  std::string file;        // certs/<id>.pem, relative to the PKI directory
  std::string der_file;    // certs/<id>.cer
  std::string key_file;    // keys/<key owner>.key (cross-certs share their root's key)
  std::string issuer_id;   // id of the issuing certificate (itself for roots)
  std::string subject;     // RFC 4514
  std::string issuer;      // RFC 4514
  std::string serial;      // hex
  std::string sha256;      // hex of the DER
  std::string key_type;    // "RSA 2048", "ECDSA P-256"
  std::string signature_algorithm;  // "sha256WithRSAEncryption", ...
  std::string not_before;  // RFC 3339
  std::string not_after;
  std::vector<std::string> dns_names;
  std::vector<std::string> ip_addresses;
};

struct DemoPkiCrl {
  std::string issuer_id;
  std::string file;      // crl/<issuer id>.crl (DER)
  std::string pem_file;  // crl/<issuer id>.crl.pem
  std::vector<std::string> revoked_serials;  // hex
};

struct DemoPki {
  std::string dir;
  std::string base_url;
  std::string domain;
  bool reused = false;  // an existing complete PKI was kept
  std::vector<DemoPkiEntry> entries;
  std::vector<DemoPkiCrl> crls;

  const DemoPkiEntry* Find(const std::string& id) const;
  // Absolute path of an entry's PEM certificate / key; empty if unknown.
  std::string CertPath(const std::string& id) const;
  std::string KeyPath(const std::string& id) const;
  // The chain a server would send for `leaf_id`: the leaf, then each issuer
  // up to (not including) the self-signed root, following issuer_id.
  std::vector<std::string> ChainIds(const std::string& leaf_id) const;
};

// Creates (or reuses) the demo PKI in options.out_dir.
Result<DemoPki> CreateDemoPki(const DemoPkiOptions& options);

// Reads manifest.json of an existing demo PKI and checks that every file it
// names exists and that each certificate still hashes to its recorded
// SHA-256. Errors name the file.
Result<DemoPki> LoadDemoPki(const std::string& dir);

// The manifest as JSON text (what manifest.json holds).
std::string DemoPkiManifestJson(const DemoPki& pki);

}  // namespace trustready

#endif  // TRUSTREADY_DEMO_PKI_H_
