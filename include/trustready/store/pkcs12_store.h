// PKCS#12 (RFC 7292) through OpenSSL, with Oracle's trusted-key-usage
// attribute so that Java trusts the entries: reading and writing. Writing
// keeps purposes (as the trusted-key-usage OIDs) but not distrust-after or
// explicit distrust (distrusted entries are not written).
//
// Readers never throw; hostile input yields an Error whose message names
// the input (`source`). Stores returned own their certificates
// (CertificatePtr); nothing aliases the input bytes after return.
#ifndef TRUSTREADY_STORE_PKCS12_STORE_H_
#define TRUSTREADY_STORE_PKCS12_STORE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "trustready/base/result.h"
#include "trustready/der/parser.h"
#include "trustready/store/keystore_options.h"
#include "trustready/store/trust_store.h"

namespace trustready {

Result<TrustStore> ReadPkcs12Store(der::Input bytes, const std::string& source,
                                   const KeystoreReadOptions& options = {});

Result<std::vector<uint8_t>> WritePkcs12Store(const TrustStore& store, std::string_view password);

}  // namespace trustready

#endif  // TRUSTREADY_STORE_PKCS12_STORE_H_
