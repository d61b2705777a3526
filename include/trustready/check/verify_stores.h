// `trustready verify` as one library call: a certificate (and the untrusted
// certificates beside it) judged against each selected store, each store
// judged as the client it stands for (ClientBehaviorOf: a platform
// snapshot's anchor-expiry / first-path-only behaviour). Front ends render
// the VerifyReport with report/verify_report.h.
//
// It lives in check/ (not verify/) because it selects stores (discovery,
// programs, files): the verify engine itself stays offline.
#ifndef TRUSTREADY_CHECK_VERIFY_STORES_H_
#define TRUSTREADY_CHECK_VERIFY_STORES_H_

#include <string>
#include <vector>

#include "trustready/base/result.h"
#include "trustready/store/store_select.h"
#include "trustready/verify/verify.h"

namespace trustready {

struct VerifyRequest {
  // The certificate to judge: the first one of this file (PEM or DER); the
  // file's further certificates join the untrusted pool.
  std::string leaf_file;
  std::vector<std::string> untrusted;  // PEM bundles, DER files, directories
  StoreSelectRequest stores;           // no specs: the "system" store
  std::string host;                    // DNS name or IP; empty: not checked
  UnixTime time = 0;                   // 0: now
  VerifyPurpose purpose = VerifyPurpose::kServerAuth;
  std::vector<std::string> crl_files;  // DER or PEM
  bool target_is_ca = false;           // judge the certificate as a CA
  PolicyOptions policy;                // RFC 5280 6.1.1 (c), (e), (f), (g) inputs
  // Fail a path whose revocation status the CRLs given cannot determine.
  bool require_revocation_status = false;
};

struct StoreVerification {
  std::string store;        // name (or source when unnamed)
  bool platform = false;    // a platform snapshot (data/platforms)
  ClientBehavior behavior;  // what the store's client does (ClientBehaviorOf)
  VerifyResult result;
  // The store's client rejects the leaf for its lifetime although a path
  // validates (check/lifetime.h: Chrome and Apple snapshots, server auth,
  // a non-CA leaf); the store then does not trust it. Empty otherwise.
  std::string lifetime_rejected;
  bool trusted() const { return result.trusted && lifetime_rejected.empty(); }
};

struct VerifyReport {
  CertificatePtr leaf;
  std::vector<CertificatePtr> untrusted;
  UnixTime time = 0;
  std::string host;  // as given
  VerifyPurpose purpose = VerifyPurpose::kServerAuth;
  std::vector<StoreVerification> stores;
  bool trusted = false;  // every store has a valid path
  // The platform snapshot stores among `stores` (the answer's data date is
  // theirs: `--max-data-age`).
  std::vector<std::string> PlatformStores() const;
};

// Bad input (a missing or broken file, a bad host name, a store spec that
// names nothing, a store that cannot be read: its reason and fix) is an
// Error naming it, before anything is judged.
Result<VerifyReport> VerifyAgainstStores(const VerifyRequest& request);

}  // namespace trustready

#endif  // TRUSTREADY_CHECK_VERIFY_STORES_H_
