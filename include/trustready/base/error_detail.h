// The registry of Error detail ids outside the certificate parsers: files,
// store formats, programs run to list a store, the network, client stores.
// result.h says what a detail id is; der.*, x509.*, pem.* and crl.* ids
// are pinned by the parsers' own table tests (tests/der, tests/x509) and
// verify's by VerifyDetailIds() (verify.h).
//
// Each id names one distinct failure and is part of the JSON contract
// (`check --json`'s unknown stores and targets, `store list --json`, ...):
// never rename or reuse one; a new failure adds a row.
// tests/base/error_detail_test.cc pins the table and checks that every id
// literal of a registered family in src/ is registered, used, and used
// with its kind.
#ifndef TRUSTREADY_BASE_ERROR_DETAIL_H_
#define TRUSTREADY_BASE_ERROR_DETAIL_H_

#include <string_view>
#include <vector>

#include "trustready/base/result.h"

namespace trustready {

struct ErrorDetailInfo {
  std::string_view id;
  ErrorKind kind;  // the coarse kind every Error with this id has
};
const std::vector<ErrorDetailInfo>& ErrorDetailIds();

// The io.* id of an errno value (ENOENT -> io.not_found, EACCES ->
// io.permission_denied, ...; anything else io.os_error).
std::string_view IoDetailOf(int err);

// A kIo Error "<what>: strerror(err)" with the id of `err`.
Error IoError(const std::string& what, int err);

}  // namespace trustready

#endif  // TRUSTREADY_BASE_ERROR_DETAIL_H_
