// `trustready data status [--json]`: every source of the shipped data with
// its date, source and licence; and the data-age note other commands print
// (NoteDataDate) with the global `--max-data-age DAYS`.
#include <iostream>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/commands_data.h"
#include "trustready/importer/data_status.h"
#include "trustready/importer/importer.h"
#include "trustready/report/data_report.h"
#include "trustready/x509/pem.h"

namespace trustready::cli {
namespace {

// "data: <platform> root store data as of DATE"; nothing without a platform.
void NotePlatformDate(const DataDate& d) {
  if (!d.platform.empty()) NoteDataDate(d.platform + " root store data", d.date, d.source);
}

}  // namespace

void RunDataStatus(const DataStatusArgs& a) {
  auto st = Unwrap(LoadDataStatus(), "data status");
  const int max_age = MaxDataAgeDays();
  std::cout << (a.json ? DataStatusToJson(st, max_age) : DataStatusToText(st, max_age, TextStyle{UseColor()}));
  // Exit 1 when some source is older than the limit or has no date: the
  // data cannot be called current.
  SetExitCode(CountDataAge(st, max_age).current() ? kExitOk : kExitNo);
}

void RunDataImport(const DataImportArgs& a) {
  auto run = ImportAgainstShippedData(a.request);
  if (!run.ok()) Fail(run.error().ToString());  // names the kind, the path or data/platforms
  const std::string json = ImportedSnapshotToJson(run->snapshot);
  if (a.out.empty() || a.out == "-") {
    std::cout << json;
  } else if (auto st = WriteFileAtomic(a.out, json); !st.ok()) {
    Fail(a.out, st.error());
  }
  std::cerr << ImportedSnapshotToText(run->snapshot, run->missing);
}

int MaxDataAgeDays() { return Globals().max_data_age; }

void NoteDataDate(const std::string& what, const std::string& date, const std::string& source) {
  std::cerr << DataAgeNoteToText(what, {date, "", source}, MaxDataAgeDays(), Now());
}

void NotePlatformDataDate(const PlatformData& data, const std::vector<const PlatformSnapshot*>& used) {
  NotePlatformDate(DataDateOf(data, used));
}

void NotePlatformStoresDate(const std::vector<std::string>& names) { NotePlatformDate(DataDateOfStores(names)); }

}  // namespace trustready::cli
