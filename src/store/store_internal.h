// Helpers shared inside store/ (not public API).
#ifndef TRUSTREADY_STORE_STORE_INTERNAL_H_
#define TRUSTREADY_STORE_STORE_INTERNAL_H_

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "trustready/store_formats.h"

namespace trustready {

// Rewrites a JKS keystore with `remove` (trusted-cert entries by SHA-256)
// taken out and `add` appended, keeping every other entry's bytes (aliases,
// dates, key entries) as they were. The password must verify the existing
// digest; the new digest is computed with it.
Result<std::vector<uint8_t>> EditJksStore(der::Input bytes, const std::string& source,
                                          std::string_view password,
                                          const std::vector<TrustAnchor>& add,
                                          const std::set<Sha256>& remove);

// Whether a PKCS#12 file holds private keys (which a rewrite would lose).
Result<bool> Pkcs12HasKeys(der::Input bytes, const std::string& source,
                           const KeystoreReadOptions& options);

}  // namespace trustready

#endif  // TRUSTREADY_STORE_STORE_INTERNAL_H_
