// `trustready profiles list [--json]`, `profiles show P [--json]`,
// `profiles create --from CHAIN [--root FILE]... --out DIR [--name N]
//  [--title T] [--force] [--json]`.
#include <iostream>

#include "cli/cli.h"
#include "trustready/report/check_report.h"
#include "trustready/check/profile.h"

namespace trustready::cli {
namespace {

struct ProfilesArgs {
  std::string profile;
  bool json = false;
  // create
  std::string from;
  std::vector<std::string> roots;
  std::string out;
  std::string name;
  std::string title;
  bool force = false;
};

void PrintProfile(const MigrationProfile& p) {
  std::cout << Bold(p.name) << ": " << p.title << "\n";
  if (!p.description.empty()) std::cout << "  " << p.description << "\n";
  std::cout << "  roots:\n";
  for (const auto& r : p.roots) {
    std::cout << "    " << r.name << Dim("  " + r.cert->KeyDescription() + "  until " +
                                                       FormatDate(r.cert->parsed().not_after) + "  " +
                                                       r.cert->Sha256Hex().substr(0, 16))
              << (r.note.empty() ? "" : Dim("  (" + r.note + ")")) << "\n";
  }
  std::cout << "  hierarchies:\n";
  for (const auto& h : p.hierarchies) {
    std::string cas;
    for (const auto& c : h.issuing_cas) cas += (cas.empty() ? "" : ", ") + c->DisplayName();
    std::cout << "    " << h.title << (h.required ? "" : Dim(" (optional)")) << ": " << cas << "\n";
  }
  if (!p.cross_certificates.empty()) {
    std::cout << "  cross-certificates:\n";
    for (const auto& c : p.cross_certificates) {
      std::cout << "    " << c.cert->DisplayName() << Dim("  " + c.cert->Sha256Hex().substr(0, 16)) << "\n";
    }
  }
  std::cout << Dim("  " + p.manifest_path) << "\n";
}

void RunList(const ProfilesArgs& a) {
  nlohmann::json arr = nlohmann::json::array();
  for (const std::string& name : ListProfiles()) {
    MigrationProfile p = Unwrap(LoadProfile(name), "profile " + name);
    if (a.json) {
      arr.push_back(ProfileToJson(p));
    } else {
      size_t cas = 0;
      for (const auto& h : p.hierarchies) cas += h.issuing_cas.size();
      std::cout << Bold(p.name) << (p.status == "historical" ? Yellow(" [historical]") : "") << "  " << p.title
                << Dim("  (" + std::to_string(p.roots.size()) + " roots, " +
                                                          std::to_string(p.hierarchies.size()) + " hierarchies, " +
                                                          std::to_string(cas) + " issuing CAs)")
                << "\n";
    }
  }
  if (a.json) std::cout << arr.dump(2) << "\n";
}

void RunShow(const ProfilesArgs& a) {
  MigrationProfile p = Unwrap(LoadProfile(a.profile), a.profile);
  if (a.json) {
    std::cout << ProfileToJson(p).dump(2) << "\n";
  } else {
    PrintProfile(p);
  }
}

void RunCreate(const ProfilesArgs& a) {
  ProfileFromChainOptions o;
  o.chain_file = a.from;
  o.extra_roots = a.roots;
  o.out_dir = a.out;
  o.name = a.name;
  o.title = a.title;
  o.force = a.force;
  MigrationProfile p = Unwrap(CreateProfileFromChain(o), a.from);
  if (a.json) {
    std::cout << ProfileToJson(p).dump(2) << "\n";
  } else {
    PrintProfile(p);
    std::cout << "written to " << p.dir << "; use it with: trustready check --profile " << p.dir << "\n";
  }
}

}  // namespace

TRUSTREADY_REGISTER_COMMAND("profiles", [](CLI::App& app) {
  auto* grp = app.add_subcommand("profiles", "Migration profiles that `check` judges readiness against");
  grp->require_subcommand(1);
  {
    auto a = std::make_shared<ProfilesArgs>();
    auto* sub = grp->add_subcommand("list", "List the built-in profiles");
    sub->add_flag("--json", a->json, "JSON output (docs/schemas/profiles.schema.json)");
    sub->callback([a] { RunList(*a); });
  }
  {
    auto a = std::make_shared<ProfilesArgs>();
    auto* sub = grp->add_subcommand("show", "Show one profile: roots, hierarchies, cross-certificates");
    sub->add_option("PROFILE", a->profile, "built-in name, directory or profile.json")->required();
    sub->add_flag("--json", a->json, "JSON output (docs/schemas/profiles.schema.json, one item)");
    sub->callback([a] { RunShow(*a); });
  }
  {
    auto a = std::make_shared<ProfilesArgs>();
    auto* sub = grp->add_subcommand("create", "Build a profile from a chain file (issuing CAs, cross-signs, roots)");
    sub->add_option("--from", a->from, "chain file: PEM bundle or DER (leaves are ignored)")->required();
    sub->add_option("--root", a->roots, "file holding a root the chain leads to (repeatable)");
    sub->add_option("--out", a->out, "directory to write the profile into")->required();
    sub->add_option("--name", a->name, "profile name (default: the directory name)");
    sub->add_option("--title", a->title, "one-line title");
    sub->add_flag("--force", a->force, "write into a non-empty directory");
    sub->add_flag("--json", a->json, "JSON output");
    sub->callback([a] { RunCreate(*a); });
  }
});

}  // namespace trustready::cli
