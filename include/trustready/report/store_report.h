// `trustready store ...` outputs. JSON documents follow
// docs/schemas/store-{list,show,diff,audit}.schema.json; text forms are what
// a person reads. Each function returns the whole output (ending in "\n").
#ifndef TRUSTREADY_REPORT_STORE_REPORT_H_
#define TRUSTREADY_REPORT_STORE_REPORT_H_

#include <string>
#include <vector>

#include "trustready/report/text_style.h"
#include "trustready/store/store_audit.h"
#include "trustready/store/store_discovery.h"
#include "trustready/store/store_edit.h"
#include "trustready/store/store_file.h"

namespace trustready {

std::string StoreListToJson(const StoreListing& listing);
std::string StoreListToText(const StoreListing& listing, const TextStyle& style);

// One row per anchor; expired anchors (at `now`) and distrusted entries
// are marked.
std::string StoreToJson(const TrustStore& store);
std::string StoreToText(const TrustStore& store, UnixTime now, const TextStyle& style);

std::string StoreDiffToJson(const TrustStore& a, const TrustStore& b, const StoreDiff& diff);
std::string StoreDiffToText(const TrustStore& a, const TrustStore& b, const StoreDiff& diff,
                            const TextStyle& style);

std::string StoreAuditToJson(const TrustStore& store, const std::vector<StoreAuditFinding>& findings);
std::string StoreAuditToText(const TrustStore& store, const std::vector<StoreAuditFinding>& findings,
                             const TextStyle& style);

// The `--format` name of a writable format: pem, hashed-dir, jks, pkcs12.
std::string_view ExportFormatName(StoreFormat format);
// "exported N anchors from S to OUT (FORMAT)\n".
std::string StoreExportToText(const TrustStore& store, const StoreWriteSummary& written, const std::string& out);
// "note: ..." lines: what the written format could not carry (stderr).
std::string StoreExportNotes(const StoreWriteSummary& written);

// `store export --json` (docs/schemas/store-export.schema.json): what was
// written where, and what the format could not carry.
std::string StoreExportToJson(const TrustStore& store, const StoreWriteSummary& written, const std::string& out);

// `store add` / `store remove`: one line per certificate, then a summary.
std::string StoreEditToText(const StoreEditResult& result, bool removing, const TextStyle& style);
// The same as JSON (docs/schemas/store-edit.schema.json).
std::string StoreEditToJson(const StoreEditResult& result, bool removing);

}  // namespace trustready

#endif  // TRUSTREADY_REPORT_STORE_REPORT_H_
