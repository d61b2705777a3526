// `trustready profiles list [--json]`, `profiles show P [--json]`,
// `profiles create --from CHAIN [--root FILE]... --out DIR [--name N]
//  [--title T] [--force] [--json]`.
#include <iostream>

#include "cli/cli.h"
#include "trustready/report/profile_report.h"

namespace trustready::cli {
namespace {

struct ProfilesArgs {
  std::string profile;
  bool json = false;
  ProfileFromChainOptions create;
};

void RunList(const ProfilesArgs& a) {
  std::vector<MigrationProfile> profiles;
  for (const std::string& name : ListProfiles()) profiles.push_back(Unwrap(LoadProfile(name), "profile " + name));
  std::cout << (a.json ? ProfilesToJson(profiles) : ProfilesToText(profiles, {UseColor()}));
}

void RunShow(const ProfilesArgs& a) {
  MigrationProfile p = Unwrap(LoadProfile(a.profile), a.profile);
  std::cout << (a.json ? ProfileDocument(p) : ProfileToText(p, {UseColor()}));
}

void RunCreate(const ProfilesArgs& a) {
  MigrationProfile p = Unwrap(CreateProfileFromChain(a.create), a.create.chain_file);
  std::cout << (a.json ? ProfileDocument(p) : ProfileToText(p, {UseColor()}));
  if (!a.json) std::cout << "written to " << p.dir << "; use it with: trustready check --profile " << p.dir << "\n";
}

}  // namespace

static void RegisterProfiles(CLI::App& app) {
  auto* grp = app.add_subcommand("profiles", "Migration profiles that `check` judges readiness against");
  grp->require_subcommand(1);
  auto add = [&](const char* name, const char* help, const char* json_help, void (*run)(const ProfilesArgs&)) {
    auto [sub, a] = AddCommand<ProfilesArgs>(grp, name, help, run);
    sub->add_flag("--json", a->json, json_help);
    return std::make_pair(sub, a);
  };
  add("list", "List the built-in profiles", "JSON output (docs/schemas/profiles.schema.json)", RunList);
  {
    auto [sub, a] = add("show", "Show one profile: roots, hierarchies, cross-certificates",
                        "JSON output (docs/schemas/profiles.schema.json, one item)", RunShow);
    sub->add_option("PROFILE", a->profile, "built-in name, directory or profile.json")->required();
  }
  {
    auto [sub, a] = add("create", "Build a profile from a chain file (issuing CAs, cross-signs, roots)", "JSON output",
                        RunCreate);
    sub->add_option("--from", a->create.chain_file, "chain file: PEM bundle or DER (leaves are ignored)")->required();
    sub->add_option("--root", a->create.extra_roots, "file holding a root the chain leads to (repeatable)");
    sub->add_option("--out", a->create.out_dir, "directory to write the profile into")->required();
    sub->add_option("--name", a->create.name, "profile name (default: the directory name)");
    sub->add_option("--title", a->create.title, "one-line title");
    sub->add_flag("--force", a->create.force, "write into a non-empty directory");
  }
}
TRUSTREADY_REGISTER_COMMAND("profiles", RegisterProfiles);

}  // namespace trustready::cli
