// trustready store list|show|diff|audit|export|add|remove
#include <iostream>

#include "cli/cli.h"
#include "trustready/report/store_report.h"
#include "trustready/store/store_open.h"
#include "trustready/store/store_select.h"

namespace trustready::cli {
namespace {

struct StoreArgs {
  std::string spec, other, password, in_password, root, format, out;
  std::vector<std::string> items;  // add: certificate files; remove: SHA-256s
  bool password_given = false, in_password_given = false, json = false;
  int soon_days = 90;
  CLI::Option* password_opt = nullptr;  // given at all (an empty password is a password)
  CLI::Option* in_password_opt = nullptr;
};

TrustStore Open(const std::string& spec, const std::string& password, bool given) {
  return Unwrap(OpenStore(spec, {password, given}), spec);
}

void RunList(const StoreArgs& a) {
  auto listing = Unwrap(ListStores({.root = a.root}), "--root");
  std::cout << (a.json ? StoreListToJson(listing) : StoreListToText(listing, {UseColor()}));
}

void RunShow(const StoreArgs& a) {
  TrustStore s = Open(a.spec, a.password, a.password_given);
  std::cout << (a.json ? StoreToJson(s) : StoreToText(s, Now(), {UseColor()}));
}

void RunDiff(const StoreArgs& a) {
  TrustStore x = Open(a.spec, a.password, a.password_given);
  TrustStore y = Open(a.other, a.password, a.password_given);
  StoreDiff d = DiffStores(x, y);
  std::cout << (a.json ? StoreDiffToJson(x, y, d) : StoreDiffToText(x, y, d, {UseColor()}));
  SetExitCode(d.same() ? kExitOk : kExitNo);
}

void RunAudit(const StoreArgs& a) {
  TrustStore s = Open(a.spec, a.password, a.password_given);
  auto findings = AuditStore(s, {.soon_days = a.soon_days});
  std::cout << (a.json ? StoreAuditToJson(s, findings) : StoreAuditToText(s, findings, {UseColor()}));
  SetExitCode(AuditPassed(findings) ? kExitOk : kExitNo);
}

void RunExport(const StoreArgs& a) {
  TrustStore s = Open(a.spec, a.in_password, a.in_password_given);
  const StoreFormat f = a.format == "hashed-dir" ? StoreFormat::kDirectory
                        : a.format == "jks"      ? StoreFormat::kJks
                        : a.format == "pkcs12"   ? StoreFormat::kPkcs12
                                                 : StoreFormat::kPem;
  auto written = Unwrap(WriteStoreFile(s, f, a.out, a.password_given ? a.password : "changeit"), a.out);
  std::cout << StoreExportToText(s, written, a.out);
  std::cerr << StoreExportNotes(written);
}

void RunEdit(const StoreArgs& a, bool removing) {
  const std::string path = Unwrap(EditableStorePath(a.spec), a.spec);
  StoreEditOptions eo{a.password, a.password_given};
  StoreEditResult r;
  if (removing) {
    std::vector<Sha256> hashes;
    for (const auto& h : a.items) hashes.push_back(Unwrap(ParseSha256Hex(h), "SHA256"));
    r = Unwrap(RemoveFromStore(path, hashes, eo), a.spec);
  } else {
    r = Unwrap(AddToStore(path, a.items, eo), a.spec);
  }
  std::cout << StoreEditToText(r, removing, {UseColor()});
}

void AddPassword(CLI::App* sub, StoreArgs& a, const char* help) {
  a.password_opt = sub->add_option("--password", a.password, help);
}

}  // namespace

static void RegisterStore(CLI::App& app) {
  auto* store = app.add_subcommand("store", "Trust stores: list, show, diff, audit, export, add, remove");
  store->require_subcommand(1);
  auto add = [&](const char* name, const char* help, const char* schema, auto run) {
    auto [sub, a] = AddCommand<StoreArgs>(store, name, help, [run](StoreArgs& a) {
      a.password_given = a.password_opt != nullptr && a.password_opt->count() > 0;
      a.in_password_given = a.in_password_opt != nullptr && a.in_password_opt->count() > 0;
      run(a);
    });
    if (schema) sub->add_flag("--json", a->json, std::string("JSON (docs/schemas/") + schema + ")");
    return std::make_pair(sub, a);
  };
  {
    auto [sub, a] = add("list", "Trust stores found on this machine", "store-list.schema.json", RunList);
    sub->add_option("--root", a->root,
                    "list the stores of another system's file tree (an unpacked container image, a mounted disk)");
  }
  {
    auto [sub, a] = add("show", "One row per anchor of a store", "store-show.schema.json", RunShow);
    sub->add_option("STORE", a->spec, "short name (see `store list`), platform snapshot, or path")->required();
    AddPassword(sub, *a, "keystore password (JKS/PKCS#12)");
  }
  {
    auto [sub, a] = add("diff", "Anchors only in A, only in B, and trust changes", "store-diff.schema.json", RunDiff);
    sub->add_option("A", a->spec, "first store")->required();
    sub->add_option("B", a->other, "second store")->required();
    AddPassword(sub, *a, "keystore password for both stores");
  }
  {
    auto [sub, a] = add("audit", "Expired/expiring anchors, weak keys, non-CA anchors, duplicates, distrusted entries",
                        "store-audit.schema.json", RunAudit);
    sub->add_option("STORE", a->spec, "store")->required();
    AddPassword(sub, *a, "keystore password");
    sub->add_option("--soon-days", a->soon_days, "days counted as 'expiring soon' (default 90)");
  }
  {
    auto [sub, a] = add("export", "Write a store as PEM, hashed directory, JKS or PKCS#12", nullptr, RunExport);
    sub->add_option("STORE", a->spec, "store")->required();
    sub->add_option("--format", a->format, "pem|hashed-dir|jks|pkcs12")
        ->required()
        ->check(CLI::IsMember({"pem", "hashed-dir", "jks", "pkcs12"}));
    sub->add_option("--out", a->out, "output file (directory for hashed-dir; must not exist or be empty)")->required();
    AddPassword(sub, *a, "password of the written keystore (default: changeit, Java's default)");
    a->in_password_opt = sub->add_option("--in-password", a->in_password, "password of STORE when it is a keystore");
  }
  {
    auto [sub, a] = add("add", "Add certificates to a store in place (atomic, with backup)", nullptr,
                        [](const StoreArgs& a) { RunEdit(a, false); });
    sub->add_option("STORE", a->spec, "store file or directory")->required();
    sub->add_option("CERT", a->items, "certificate files (PEM or DER)")->required();
    AddPassword(sub, *a, "keystore password (default: try changeit)");
  }
  {
    auto [sub, a] = add("remove", "Remove certificates (by SHA-256) from a store in place", nullptr,
                        [](const StoreArgs& a) { RunEdit(a, true); });
    sub->add_option("STORE", a->spec, "store file or directory")->required();
    sub->add_option("SHA256", a->items, "SHA-256 fingerprints (hex, colons allowed)")->required();
    AddPassword(sub, *a, "keystore password (default: try changeit)");
  }
}
TRUSTREADY_REGISTER_COMMAND("store", RegisterStore);

}  // namespace trustready::cli
