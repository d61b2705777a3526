// Time in certificates: seconds since the epoch (UnixTime), the X.509
// UTCTime / GeneralizedTime encodings (RFC 5280 4.1.2.5) and RFC 3339 text.
#ifndef TRUSTREADY_X509_TIME_H_
#define TRUSTREADY_X509_TIME_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "trustready/base/result.h"
#include "trustready/der/parser.h"

namespace trustready {

// Seconds since 1970-01-01T00:00:00Z. Covers years 0000..9999.
using UnixTime = int64_t;

// "2038-01-17T00:00:00Z"
std::string FormatRfc3339(UnixTime t);
// "2038-01-17"
std::string FormatDate(UnixTime t);
// Accepts "YYYY-MM-DD", "YYYY-MM-DDTHH:MM:SSZ" and "+HH:MM" offsets.
Result<UnixTime> ParseRfc3339(std::string_view text);
UnixTime Now();

// UTCTime / GeneralizedTime contents per RFC 5280 4.1.2.5: UTCTime is
// YYMMDDHHMMSSZ (YY >= 50 means 19YY), GeneralizedTime YYYYMMDDHHMMSSZ, both
// with seconds and 'Z' and no fraction.
Result<UnixTime> ParseX509Time(der::Tag tag, der::Input value);

}  // namespace trustready

#endif  // TRUSTREADY_X509_TIME_H_
