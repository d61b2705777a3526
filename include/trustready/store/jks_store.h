// Java KeyStore (0xFEEDFEED, versions 1 and 2): reading, writing, and
// editing in place. JKS has no trust settings: every entry is trusted for
// all purposes, and distrusted entries are not written.
//
// Readers never throw; hostile input yields an Error whose message names
// the input (`source`). Stores returned own their certificates
// (CertificatePtr); nothing aliases the input bytes after return.
#ifndef TRUSTREADY_STORE_JKS_STORE_H_
#define TRUSTREADY_STORE_JKS_STORE_H_

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "trustready/base/result.h"
#include "trustready/der/parser.h"
#include "trustready/store/keystore_options.h"
#include "trustready/store/trust_store.h"

namespace trustready {

Result<TrustStore> ReadJksStore(der::Input bytes, const std::string& source,
                                const KeystoreReadOptions& options = {});

Result<std::vector<uint8_t>> WriteJksStore(const TrustStore& store, std::string_view password);

// Rewrites a JKS keystore with `remove` (trusted-cert entries by SHA-256)
// taken out and `add` appended, keeping every other entry's bytes (aliases,
// dates, key entries) as they were: removing and adding nothing reproduces
// the input exactly. The password must verify the existing digest; the new
// digest is computed with it. (The building block of `store add/remove`.)
Result<std::vector<uint8_t>> EditJksStore(der::Input bytes, const std::string& source,
                                          std::string_view password,
                                          const std::vector<TrustAnchor>& add,
                                          const std::set<Sha256>& remove);

}  // namespace trustready

#endif  // TRUSTREADY_STORE_JKS_STORE_H_
