#include "verify/platform_constraints.h"

namespace trustready {

std::optional<std::string> CheckSctConstraint(const TrustAttributes& trust, const Certificate& leaf,
                                              bool target_is_ca, UnixTime time) {
  if (!trust.sct_not_after) return std::nullopt;
  const UnixTime limit = *trust.sct_not_after;
  const std::string when = FormatRfc3339(limit);
  if (target_is_ca) {
    if (time <= limit) return std::nullopt;
    return "certificates it issues now carry SCTs after " + when + ", the last this anchor is trusted for";
  }
  const auto& scts = leaf.parsed().scts;
  if (!scts || scts->empty())
    return "the leaf has no embedded SCT, and this anchor is trusted only for certificates with an SCT not after " +
           when;
  // Chrome: at least one SCT not after the limit. Timestamps are
  // milliseconds since the epoch (RFC 6962 3.2).
  UnixTime earliest = 0;
  bool first = true;
  for (const Sct& s : *scts) {
    const UnixTime t = static_cast<UnixTime>(s.timestamp_ms / 1000);
    if (first || t < earliest) earliest = t;
    first = false;
  }
  if (earliest <= limit) return std::nullopt;
  return "the leaf's earliest SCT (" + FormatRfc3339(earliest) + ") is after " + when +
         ", the last this anchor is trusted for";
}

}  // namespace trustready
