// Mozilla NSS certdata.txt (read only).
//
// Readers never throw; hostile input yields an Error whose message names
// the input (`source`). Stores returned own their certificates
// (CertificatePtr); nothing aliases the input bytes after return.
#ifndef TRUSTREADY_STORE_CERTDATA_STORE_H_
#define TRUSTREADY_STORE_CERTDATA_STORE_H_

#include <string>
#include <string_view>

#include "trustready/base/result.h"
#include "trustready/store/trust_store.h"

namespace trustready {

Result<TrustStore> ReadCertdataStore(std::string_view text, const std::string& source);

}  // namespace trustready

#endif  // TRUSTREADY_STORE_CERTDATA_STORE_H_
