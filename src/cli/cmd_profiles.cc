// `trustready profiles list [--json]`, `profiles show P [--json]`,
// `profiles create --from CHAIN [--root FILE]... --out DIR [--name N]
//  [--title T] [--force] [--json]`.
#include <iostream>

#include "cli/cli.h"
#include "cli/commands_profiles.h"
#include "trustready/report/profile_report.h"

namespace trustready::cli {

void RunProfilesList(const ProfilesListArgs& a) {
  std::vector<MigrationProfile> profiles;
  for (const std::string& name : ListProfiles()) profiles.push_back(Unwrap(LoadProfile(name), "profile " + name));
  std::cout << (a.json ? ProfilesToJson(profiles) : ProfilesToText(profiles, {UseColor()}));
}

void RunProfilesShow(const ProfilesShowArgs& a) {
  MigrationProfile p = Unwrap(LoadProfile(a.profile), a.profile);
  std::cout << (a.json ? ProfileDocument(p) : ProfileToText(p, {UseColor()}));
}

void RunProfilesCreate(const ProfilesCreateArgs& a) {
  MigrationProfile p = Unwrap(CreateProfileFromChain(a.create), a.create.chain_file);
  std::cout << (a.json ? ProfileDocument(p) : ProfileToText(p, {UseColor()}));
  if (!a.json) std::cout << "written to " << p.dir << "; use it with: trustready check --profile " << p.dir << "\n";
}

}  // namespace trustready::cli
