// Inputs and outputs of verification for front ends (`verify`, `check`):
// loading an untrusted pool from files/directories, and the JSON form of a
// VerifyResult (docs/schemas/verify.schema.json, one "stores" entry).
#ifndef TRUSTREADY_VERIFY_REPORT_H_
#define TRUSTREADY_VERIFY_REPORT_H_

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "trustready/verify/verify.h"

namespace trustready {

// Certificates from a PEM bundle, a DER file, or a directory (every regular
// file in it that holds certificates; files holding none are skipped, a
// corrupt one is an error naming it).
Result<std::vector<CertificatePtr>> LoadCertificatePool(const std::string& path);

// {"store", "trusted", "paths": [{"valid", "certificates": [sha256...],
//  "names": [...], "anchor_source", "errors": [{"code", "certificate",
//  "message"}]}], "error": {"code", "certificate", "message"} | null}
nlohmann::json VerifyResultToJson(const VerifyResult& result, const std::string& store_name);

nlohmann::json VerifyErrorToJson(const VerifyError& error);

}  // namespace trustready

#endif  // TRUSTREADY_VERIFY_REPORT_H_
