// X.509 times (RFC 5280 4.1.2.5) and RFC 3339 text.
#include <chrono>
#include <cstdio>

#include "trustready/x509/time.h"

namespace trustready {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
// days_from_civil algorithm).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void CivilFromDays(int64_t z, int64_t* y, unsigned* m, unsigned* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int64_t>(yoe) + era * 400 + (*m <= 2);
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

bool Digits(const uint8_t* p, size_t n, int* out) {
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    if (p[i] < '0' || p[i] > '9') return false;
    v = v * 10 + (p[i] - '0');
  }
  *out = v;
  return true;
}

Result<UnixTime> FromFields(int year, int month, int day, int hour, int minute, int second) {
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month) || hour > 23 ||
      minute > 59 || second > 59) {
    return MakeError(ErrorKind::kBadTime, "x509.time_field_out_of_range", "time has an out-of-range field");
  }
  return DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 +
         hour * 3600 + minute * 60 + second;
}

}  // namespace

Result<UnixTime> ParseX509Time(der::Tag tag, der::Input v) {
  int year = 0, month, day, hour, minute, second;
  const uint8_t* p = v.data();
  if (tag == der::kUtcTime) {
    // YYMMDDHHMMSSZ; RFC 5280 requires seconds and Z.
    if (v.size() != 13 || p[12] != 'Z') {
      return MakeError(ErrorKind::kBadTime, "x509.utc_time_format", "UTCTime must be YYMMDDHHMMSSZ");
    }
    if (!Digits(p, 2, &year)) return MakeError(ErrorKind::kBadTime, "x509.time_not_digits", "UTCTime year not digits");
    year += year >= 50 ? 1900 : 2000;
    p += 2;
  } else if (tag == der::kGeneralizedTime) {
    // YYYYMMDDHHMMSSZ, no fractional seconds (RFC 5280 4.1.2.5.2).
    if (v.size() != 15 || p[14] != 'Z') {
      return MakeError(ErrorKind::kBadTime, "x509.generalized_time_format", "GeneralizedTime must be YYYYMMDDHHMMSSZ");
    }
    if (!Digits(p, 4, &year)) return MakeError(ErrorKind::kBadTime, "x509.time_not_digits", "GeneralizedTime year not digits");
    p += 4;
  } else {
    return MakeError(ErrorKind::kBadTag, "x509.time_wrong_tag", "time must be UTCTime or GeneralizedTime");
  }
  if (!Digits(p, 2, &month) || !Digits(p + 2, 2, &day) || !Digits(p + 4, 2, &hour) ||
      !Digits(p + 6, 2, &minute) || !Digits(p + 8, 2, &second)) {
    return MakeError(ErrorKind::kBadTime, "x509.time_not_digits", "time field is not digits");
  }
  return FromFields(year, month, day, hour, minute, second);
}

std::string FormatRfc3339(UnixTime t) {
  int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  int64_t secs = t - days * 86400;
  int64_t y;
  unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02dZ", static_cast<long long>(y), m, d,
                static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                static_cast<int>(secs % 60));
  return buf;
}

std::string FormatDate(UnixTime t) { return FormatRfc3339(t).substr(0, 10); }

Result<UnixTime> ParseRfc3339(std::string_view s) {
  auto bad = [&] {
    return MakeError(ErrorKind::kInvalidArgument,
                     "invalid time '" + std::string(s) + "' (want RFC 3339, e.g. 2025-03-01T00:00:00Z)");
  };
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int year, month, day, hour = 0, minute = 0, second = 0;
  if (s.size() < 10 || s[4] != '-' || s[7] != '-' || !Digits(p, 4, &year) ||
      !Digits(p + 5, 2, &month) || !Digits(p + 8, 2, &day)) {
    return bad();
  }
  size_t i = 10;
  int64_t offset = 0;
  if (i < s.size()) {
    if ((s[i] != 'T' && s[i] != 't' && s[i] != ' ') || s.size() < i + 9 || s[i + 3] != ':' ||
        s[i + 6] != ':' || !Digits(p + i + 1, 2, &hour) || !Digits(p + i + 4, 2, &minute) ||
        !Digits(p + i + 7, 2, &second)) {
      return bad();
    }
    i += 9;
    if (i < s.size() && s[i] == '.') {
      ++i;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    }
    if (i == s.size()) return bad();
    if (s[i] == 'Z' || s[i] == 'z') {
      ++i;
    } else if (s[i] == '+' || s[i] == '-') {
      int oh, om;
      if (s.size() != i + 6 || s[i + 3] != ':' || !Digits(p + i + 1, 2, &oh) ||
          !Digits(p + i + 4, 2, &om)) {
        return bad();
      }
      offset = (s[i] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
      i += 6;
    } else {
      return bad();
    }
    if (i != s.size()) return bad();
  }
  auto t = FromFields(year, month, day, hour, minute, second);
  if (!t.ok()) return bad();
  return *t - offset;
}

UnixTime Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace trustready
