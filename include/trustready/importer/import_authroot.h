// Microsoft's authroot.stl (the Windows root program's CTL) with the root
// certificate files it names (importer.h: the kinds).
#ifndef TRUSTREADY_IMPORTER_IMPORT_AUTHROOT_H_
#define TRUSTREADY_IMPORTER_IMPORT_AUTHROOT_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trustready/base/result.h"
#include "trustready/importer/importer.h"
#include "trustready/x509/time.h"

namespace trustready {

// One root of authroot.stl: its SHA-1 and the properties the import reads
// (EKUs as dotted OIDs; FILETIMEs as Unix times).
struct AuthrootSubject {
  std::array<uint8_t, 20> sha1{};
  std::optional<std::vector<std::string>> eku, disallowed_eku, not_before_eku;
  std::optional<UnixTime> disabled, not_before;
};
// The PKCS#7 CTL of authroot.stl's bytes; errors name `name`.
Result<std::vector<AuthrootSubject>> ParseAuthrootStl(std::string_view bytes, const std::string& name);
// Microsoft's authroot.stl and its certificate files (import_authroot.cc).
Result<ImportedSnapshot> ImportMicrosoftAuthroot(const std::string& stl_path, const std::string& certs_dir,
                                                 const ImportOptions& options);

}  // namespace trustready

#endif  // TRUSTREADY_IMPORTER_IMPORT_AUTHROOT_H_
