// Helpers shared inside store/ (not public API).
#ifndef TRUSTREADY_STORE_STORE_INTERNAL_H_
#define TRUSTREADY_STORE_STORE_INTERNAL_H_

#include <string>

#include "trustready/base/result.h"
#include "trustready/der/parser.h"
#include "trustready/store/keystore_options.h"

namespace trustready {

// Whether a PKCS#12 file holds private keys (which a rewrite would lose).
Result<bool> Pkcs12HasKeys(der::Input bytes, const std::string& source,
                           const KeystoreReadOptions& options);

}  // namespace trustready

#endif  // TRUSTREADY_STORE_STORE_INTERNAL_H_
