// Importers of the published lists that are not a store file: CCADB's CSV
// report and Apple's list of trusted roots (importer.h: the kinds).
#ifndef TRUSTREADY_IMPORTER_IMPORT_LISTS_H_
#define TRUSTREADY_IMPORTER_IMPORT_LISTS_H_

#include <string>
#include <string_view>

#include "trustready/base/result.h"
#include "trustready/importer/importer.h"

namespace trustready {

// CCADB's IncludedCACertificateReportPEMCSV (RFC 4180 CSV; import_lists.cc).
Result<ImportedSnapshot> ImportCcadbCsv(std::string_view text, const std::string& path, const ImportOptions& options);
// Apple's published list of trusted root certificates (import_lists.cc).
Result<ImportedSnapshot> ImportAppleList(std::string_view text, const std::string& path, const ImportOptions& options);

}  // namespace trustready

#endif  // TRUSTREADY_IMPORTER_IMPORT_LISTS_H_
