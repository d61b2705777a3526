// `trustready profiles ...` outputs (docs/schemas/profiles.schema.json: an
// array of profiles; `show` and `create` print one item).
#ifndef TRUSTREADY_REPORT_PROFILE_REPORT_H_
#define TRUSTREADY_REPORT_PROFILE_REPORT_H_

#include <string>
#include <vector>

#include "trustready/check/profile.h"
#include "trustready/report/text_style.h"

namespace trustready {

std::string ProfilesToJson(const std::vector<MigrationProfile>& profiles);
// One line per profile: name, title, counts.
std::string ProfilesToText(const std::vector<MigrationProfile>& profiles, const TextStyle& style);

std::string ProfileDocument(const MigrationProfile& profile);  // one item, as JSON
std::string ProfileToText(const MigrationProfile& profile, const TextStyle& style);

}  // namespace trustready

#endif  // TRUSTREADY_REPORT_PROFILE_REPORT_H_
