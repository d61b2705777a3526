// `trustready data status [--json]`: every source of the shipped data with
// its date, source and licence; and the data-age note other commands print
// (NoteDataDate) with the global `--max-data-age DAYS`.
#include <iostream>

#include "cli/cli.h"
#include "trustready/importer/data_status.h"
#include "trustready/importer/importer.h"
#include "trustready/report/data_report.h"
#include "trustready/x509/pem.h"

namespace trustready::cli {
namespace {

int g_max_data_age = kDefaultMaxDataAgeDays;

// "data: <platform> root store data as of DATE"; nothing without a platform.
void NotePlatformDate(const DataDate& d) {
  if (!d.platform.empty()) NoteDataDate(d.platform + " root store data", d.date, d.source);
}

void RunStatus(bool json_out) {
  auto st = Unwrap(LoadDataStatus(), "data status");
  const int max_age = MaxDataAgeDays();
  std::cout << (json_out ? DataStatusToJson(st, max_age) : DataStatusToText(st, max_age, TextStyle{UseColor()}));
  // Exit 1 when some source is older than the limit or has no date: the
  // data cannot be called current.
  SetExitCode(CountDataAge(st, max_age).current() ? kExitOk : kExitNo);
}

struct ImportArgs {
  std::string kind, path, out;
  ImportOptions options;
};

void RunImport(const ImportArgs& a) {
  auto kind = ParseImportKind(a.kind);
  if (!kind) Fail("unknown import kind \"" + a.kind + "\" (known: chrome, mozilla, jdk, android, ccadb, apple, microsoft)");
  auto snap = Unwrap(ImportPlatformStore(*kind, a.path, a.options), a.path);
  // Every certificate must resolve against the shipped certificates, or the
  // snapshot could not be loaded; name the ones that do not.
  auto data = Unwrap(LoadPlatformData(), "data/platforms");
  size_t missing = 0;
  for (const auto& fp : snap.trusted) {
    if (!data->IndexOf(fp)) ++missing;
  }
  const std::string json = ImportedSnapshotToJson(snap);
  if (a.out.empty() || a.out == "-") {
    std::cout << json;
  } else if (auto st = WriteFileAtomic(a.out, json); !st.ok()) {
    Fail(a.out, st.error());
  }
  std::cerr << ImportedSnapshotToText(snap, missing);
}

// A global option: registered under "" so that every command has it.
static void RegisterGlobalOptions(CLI::App& app) {
  app.add_option("--max-data-age", g_max_data_age,
                 "Warn when the shipped data an answer uses is older than DAYS (default 120)")
      ->check(CLI::Range(0, 100000));
}
TRUSTREADY_REGISTER_COMMAND("", RegisterGlobalOptions);

static void RegisterData(CLI::App& app) {
  auto* data = app.add_subcommand("data", "The shipped data: its sources and their dates");
  data->require_subcommand(1);
  auto [status, json_out] =
      AddCommand<bool>(data, "status", "Every source of the shipped data with its date and licence", RunStatus);
  status->add_flag("--json", *json_out, "JSON output (docs/schemas/data-status.schema.json)");
  auto [import, ia] = AddCommand<ImportArgs>(
      data, "import", "Turn a published root store into a data/platforms/imported snapshot (JSON on stdout or --out)",
      RunImport);
  import->add_option("KIND", ia->kind, "chrome (root_store.textproto), mozilla (certdata.txt), jdk (cacerts or OpenJDK's cacerts folder), android (cacerts folder), ccadb (CCADB IncludedCACertificateReportPEMCSV), apple (Apple's published list of trusted roots, HTML or Markdown), microsoft (authroot.stl, with --certs)")
      ->required();
  import->add_option("PATH", ia->path, "the file or folder as its publisher ships it")->required();
  import->add_option("--version", ia->options.version, "version label (Chrome: default version_major)");
  import->add_option("--date", ia->options.date, "YYYY-MM-DD the source was published or fetched")->required();
  import->add_option("--source", ia->options.source, "where it came from, e.g. chromium@<commit>")->required();
  import->add_option("--out,-o", ia->out, "write here instead of stdout (atomically)");
  import->add_option("--certs", ia->options.certs_dir,
                     "microsoft: the folder of the root certificate files authroot.stl names (<SHA1>.crt)");
}
TRUSTREADY_REGISTER_COMMAND("data", RegisterData);

}  // namespace

int MaxDataAgeDays() { return g_max_data_age; }

void NoteDataDate(const std::string& what, const std::string& date, const std::string& source) {
  std::cerr << DataAgeNoteToText(what, {date, "", source}, MaxDataAgeDays(), Now());
}

void NotePlatformDataDate(const PlatformData& data, const std::vector<const PlatformSnapshot*>& used) {
  NotePlatformDate(DataDateOf(data, used));
}

void NotePlatformStoresDate(const std::vector<std::string>& names) { NotePlatformDate(DataDateOfStores(names)); }

}  // namespace trustready::cli
