// Helpers shared inside store/ (not public API).
#ifndef TRUSTREADY_STORE_STORE_INTERNAL_H_
#define TRUSTREADY_STORE_STORE_INTERNAL_H_

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "trustready/store/store_formats.h"

namespace trustready {

// Whether a PKCS#12 file holds private keys (which a rewrite would lose).
Result<bool> Pkcs12HasKeys(der::Input bytes, const std::string& source,
                           const KeystoreReadOptions& options);

}  // namespace trustready

#endif  // TRUSTREADY_STORE_STORE_INTERNAL_H_
