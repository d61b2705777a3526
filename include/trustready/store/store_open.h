// Opening a trust store by the name a user types: a discovered store's short
// name ("system", "java", "certifi", ...), a platform snapshot
// ("android:8.1.0_r7", "apple:latest", "mozilla:all"), or a path (PEM bundle,
// DER file, directory, JKS, PKCS#12, certdata.txt), optionally "PATH:PASSWORD"
// is NOT supported (passwords come from StoreOpenOptions).
//
// Implemented in src/store/ (store_open.cc). Platform snapshots are resolved
// through OpenPlatformStores (src/store/platform_stores.cc, data from
// data/platforms/).
#ifndef TRUSTREADY_STORE_OPEN_H_
#define TRUSTREADY_STORE_OPEN_H_

#include <string>
#include <vector>

#include "trustready/base/data_dir.h"
#include "trustready/base/result.h"
#include "trustready/store/trust_store.h"

namespace trustready {

struct StoreOpenOptions {
  // Keystore password (JKS/PKCS#12). Empty: JKS is read without checking
  // the integrity digest; Java's default "changeit" is tried for
  // discovered Java stores.
  std::string password;
  bool password_given = false;
};

// One store; "android:all"-style specs are an error here (use OpenStores).
Result<TrustStore> OpenStore(const std::string& spec, const StoreOpenOptions& options = {});
// A spec that may expand to several stores ("android:all", "apple:latest").
Result<std::vector<TrustStore>> OpenStores(const std::string& spec,
                                           const StoreOpenOptions& options = {});

// Platform snapshots from data/platforms/: "PLATFORM:VERSION",
// "PLATFORM:latest", "PLATFORM:all". Each returned store is named
// "PLATFORM:VERSION" so that results say which snapshot judged them.
// Client behaviours of the platform (anchor expiry, AIA fetching, ...) are
// set on the anchors' TrustAttributes where they are per-anchor.
Result<std::vector<TrustStore>> OpenPlatformStores(const std::string& spec);
bool IsPlatformSpec(const std::string& spec);

}  // namespace trustready

#endif  // TRUSTREADY_STORE_OPEN_H_
