// trustready store list|show|diff|audit|export|add|remove
#include <iostream>

#include "cli/cli.h"
#include "cli/commands_store.h"
#include "trustready/report/store_report.h"
#include "trustready/store/store_edit.h"
#include "trustready/store/store_open.h"
#include "trustready/store/store_select.h"

namespace trustready::cli {
namespace {

TrustStore Open(const std::string& spec, const std::string& password, bool given) {
  return Unwrap(OpenStore(spec, {password, given}), spec);
}

void RunEdit(const StoreArgs& a, StoreEdit edit) {
  auto r = EditStore(a.spec, edit, a.items, {a.password, a.password_given});
  if (!r.ok()) Fail(r.error().ToString());  // names STORE or SHA256
  const bool removing = edit == StoreEdit::kRemove;
  std::cout << (a.json ? StoreEditToJson(*r, removing) : StoreEditToText(*r, removing, {UseColor()}));
}

}  // namespace

void RunStoreList(const StoreArgs& a) {
  auto listing = Unwrap(ListStores({.root = a.root}), "--root");
  std::cout << (a.json ? StoreListToJson(listing) : StoreListToText(listing, {UseColor()}));
}

void RunStoreShow(const StoreArgs& a) {
  TrustStore s = Open(a.spec, a.password, a.password_given);
  std::cout << (a.json ? StoreToJson(s) : StoreToText(s, Now(), {UseColor()}));
}

void RunStoreDiff(const StoreArgs& a) {
  TrustStore x = Open(a.spec, a.password, a.password_given);
  TrustStore y = Open(a.other, a.password, a.password_given);
  StoreDiff d = DiffStores(x, y);
  std::cout << (a.json ? StoreDiffToJson(x, y, d) : StoreDiffToText(x, y, d, {UseColor()}));
  SetExitCode(d.same() ? kExitOk : kExitNo);
}

void RunStoreAudit(const StoreArgs& a) {
  TrustStore s = Open(a.spec, a.password, a.password_given);
  auto findings = AuditStore(s, {.soon_days = a.soon_days});
  std::cout << (a.json ? StoreAuditToJson(s, findings) : StoreAuditToText(s, findings, {UseColor()}));
  SetExitCode(AuditPassed(findings) ? kExitOk : kExitNo);
}

void RunStoreExport(const StoreArgs& a) {
  TrustStore s = Open(a.spec, a.in_password, a.in_password_given);
  // --format is one of ParseExportFormatName's names (the spec's member=).
  auto written = Unwrap(WriteStoreFile(s, ParseExportFormatName(a.format), a.out, a.password_given ? a.password : "changeit"), a.out);
  std::cout << (a.json ? StoreExportToJson(s, written, a.out) : StoreExportToText(s, written, a.out));
  std::cerr << StoreExportNotes(written);
}

// STORE CERT...: certificate files; STORE SHA256...: SHA-256s.
void RunStoreAdd(const StoreArgs& a) { RunEdit(a, StoreEdit::kAdd); }
void RunStoreRemove(const StoreArgs& a) { RunEdit(a, StoreEdit::kRemove); }

}  // namespace trustready::cli
