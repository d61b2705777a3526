// trustready pki demo --out DIR: writes (or reuses) the demo migration PKI.
#include <iostream>

#include "cli/cli.h"
#include "cli/commands_pki.h"
#include "trustready/pki/verify_cases.h"
#include "trustready/report/pki_report.h"

namespace trustready::cli {

void RunPkiDemo(const PkiDemoArgs& a) {
  auto pki = Unwrap(CreateDemoPki(a.pki), a.pki.out_dir);
  std::cout << (a.json ? DemoPkiToJson(pki) : DemoPkiToText(pki, {UseColor()}));
}

// The data-driven verify suite (tests/data/verify, include/trustready/pki/verify_cases.h).
void RunPkiVerifyCases(const PkiVerifyCasesArgs& a) {
  const auto names = Unwrap(WriteVerifyCases(a.out), a.out);
  std::cout << (a.json ? VerifyCasesToJson(a.out, names) : VerifyCasesToText(a.out, names));
}

}  // namespace trustready::cli
