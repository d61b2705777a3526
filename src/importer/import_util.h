// Helpers the importers share (importer.cc defines them): fingerprints as
// hex, errors naming the file and line, the required options, and the
// deterministic order of a snapshot.
#ifndef TRUSTREADY_IMPORTER_IMPORT_UTIL_H_
#define TRUSTREADY_IMPORTER_IMPORT_UTIL_H_

#include <optional>
#include <string>
#include <string_view>

#include "trustready/importer/importer.h"

namespace trustready::import_detail {

std::string Hex(const Sha256& h);
// 64 hex digits (either case) -> bytes; nullopt otherwise.
std::optional<Sha256> ParseHex(std::string_view hex);
// "PATH:LINE: what" (no line when 0), ErrorKind::kFormat.
Error ImportError(const std::string& path, size_t line, const std::string& what);
Status CheckOptions(const ImportOptions& o, bool version_required);
// Sorts and de-duplicates trusted and blocked, sorts anchors.
void Finish(ImportedSnapshot* s);

}  // namespace trustready::import_detail

#endif  // TRUSTREADY_IMPORTER_IMPORT_UTIL_H_
