// The data-driven verify suite (tests/data/verify/<case>/), written from a
// table of cases as BoringSSL's verify_certificate_chain_unittest data is
// written by its generate-chains.py:
//
//   <case>/chain.pem   the target first, then the certificates it is
//                      sent with (a server's intermediates)
//   <case>/trust.pem   the trust anchors
//   <case>/case.json   {"description", "time", "purpose", "host",
//                       "errors": [VerifyErrorCode names expected from the
//                       path builder; empty: trusted],
//                       "path_errors": [the same for the single-path
//                       validator, when it differs by design, with "note"],
//                       "builder_only": true when no single path exists}
//
// Reproducible byte for byte: keys are RSA 2048 read from <dir>/keys/ (made
// once and committed; generated only when missing), RSA PKCS#1 v1.5
// signatures are deterministic, serial numbers and validity periods are
// fixed. Rerunning over the committed folder changes nothing.
#ifndef TRUSTREADY_PKI_VERIFY_CASES_H_
#define TRUSTREADY_PKI_VERIFY_CASES_H_

#include <string>
#include <vector>

#include "trustready/base/result.h"

namespace trustready {

// Writes every case under `dir` (created if missing). `keys_dir`: where the
// keys are read from (and written to when missing); default <dir>/keys.
// Returns the case names written.
Result<std::vector<std::string>> WriteVerifyCases(const std::string& dir, const std::string& keys_dir = "");

}  // namespace trustready

#endif  // TRUSTREADY_PKI_VERIFY_CASES_H_
