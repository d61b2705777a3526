// Small ASCII string helpers shared by every module (one copy each; the
// review of 2026-12 found eight Lower()s and two FileStem()s).
//
// ASCII only, on purpose: the inputs are protocol tokens (host names, hex
// fingerprints, HTTP header names, platform names), where locale-dependent
// case mapping would be a bug (Turkish dotless i).
#ifndef TRUSTREADY_BASE_STRINGS_H_
#define TRUSTREADY_BASE_STRINGS_H_

#include <string>
#include <string_view>
#include <vector>

namespace trustready {

// 'A'-'Z' to 'a'-'z'; every other byte unchanged.
std::string AsciiLower(std::string_view s);
bool StartsWith(std::string_view s, std::string_view prefix);
bool EndsWith(std::string_view s, std::string_view suffix);

// A file name stem from a display name, as Debian's update-ca-certificates
// names /etc/ssl/certs entries: runs of anything but [A-Za-z0-9._-] become
// one '_', no leading '.', no trailing '_' or '.', at most 100 bytes (well
// under NAME_MAX with a suffix). `fallback` when nothing is left.
std::string FileStem(std::string_view display_name, std::string_view fallback);

// Optimal string alignment distance: insertions, deletions, substitutions
// and transpositions of neighbours ("stroe" is one edit from "store"); the
// CLI's "did you mean" for a mistyped command.
size_t EditDistance(std::string_view a, std::string_view b);
// The first of `words` that `typed` (two letters or more) begins, else the
// first nearest one at most two edits away, else "".
std::string NearestWord(std::string_view typed, const std::vector<std::string>& words);

}  // namespace trustready

#endif  // TRUSTREADY_BASE_STRINGS_H_
