// Format detection and the file-level read/write entry points.
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "trustready/x509/pem.h"
#include "trustready/base/error_detail.h"
#include "trustready/store/certdata_store.h"
#include "trustready/store/directory_store.h"
#include "trustready/store/hashed_dir.h"
#include "trustready/store/jks_store.h"
#include "trustready/store/pem_store.h"
#include "trustready/store/pkcs12_store.h"
#include "trustready/store/store_file.h"

namespace trustready {

std::string_view StoreFormatName(StoreFormat format) {
  switch (format) {
    case StoreFormat::kPem: return "pem";
    case StoreFormat::kDer: return "der";
    case StoreFormat::kDirectory: return "directory";
    case StoreFormat::kJks: return "jks";
    case StoreFormat::kPkcs12: return "pkcs12";
    case StoreFormat::kCertdata: return "certdata";
    case StoreFormat::kJceks: return "jceks";
    case StoreFormat::kNss: return "nss";
    case StoreFormat::kNode: return "node";
    case StoreFormat::kPlatform: return "platform";
    case StoreFormat::kUnknown: break;
  }
  return "unknown";
}

std::string_view SniffArchive(std::string_view bytes) {
  auto starts = [&](std::string_view magic) { return bytes.substr(0, magic.size()) == magic; };
  // POSIX ustar and GNU tar put "ustar" at offset 257 of every header.
  if (bytes.size() >= 263 && bytes.substr(257, 5) == "ustar") return "a tar archive";
  if (starts("\x1f\x8b")) return "a gzip-compressed file";
  if (starts("PK\x03\x04") || starts("PK\x05\x06")) return "a zip archive";
  if (starts("BZh") && bytes.size() > 3 && bytes[3] >= '1' && bytes[3] <= '9') return "a bzip2-compressed file";
  if (starts(std::string_view("\xfd" "7zXZ\0", 6))) return "an xz-compressed file";
  if (starts("\x28\xb5\x2f\xfd")) return "a zstd-compressed file";
  return {};
}

StoreFormat ParseStoreFormatName(std::string_view name) {
  for (StoreFormat f : {StoreFormat::kPem, StoreFormat::kDer, StoreFormat::kDirectory, StoreFormat::kJks,
                        StoreFormat::kJceks, StoreFormat::kPkcs12, StoreFormat::kCertdata, StoreFormat::kNss,
                        StoreFormat::kNode, StoreFormat::kPlatform}) {
    if (StoreFormatName(f) == name) return f;
  }
  return StoreFormat::kUnknown;
}

StoreFormat SniffStoreFormat(std::string_view bytes) {
  // An archive that happens to hold PEM text (a `docker save` tarball) is
  // not a PEM bundle.
  if (!SniffArchive(bytes).empty()) return StoreFormat::kUnknown;
  if (bytes.size() >= 4) {
    uint32_t magic = 0;
    for (int i = 0; i < 4; ++i) magic = (magic << 8) | static_cast<uint8_t>(bytes[i]);
    if (magic == 0xFEEDFEED || magic == 0xCECECECE) return StoreFormat::kJks;
  }
  if (!bytes.empty() && static_cast<uint8_t>(bytes[0]) == der::kSequence) {
    // PFX ::= SEQUENCE { version INTEGER {v3(3)}, authSafe ContentInfo, ... }
    // (RFC 7292 4); a Certificate starts SEQUENCE { SEQUENCE ... }.
    der::Parser p{der::Input(bytes)};
    auto outer = p.ReadSequence("PFX");
    if (outer.ok()) {
      der::Tag tag = 0;
      if (outer->PeekTag(&tag) && tag == der::kInteger) return StoreFormat::kPkcs12;
      return StoreFormat::kDer;
    }
    // A truncated DER file still starts like one; let the reader say what
    // is wrong with it rather than "unknown format".
    if (bytes.size() > 4 && static_cast<uint8_t>(bytes[1]) >= 0x80 &&
        bytes.find("-----BEGIN") == std::string_view::npos) {
      size_t hdr = 2 + (static_cast<uint8_t>(bytes[1]) & 0x7f);
      if (hdr < bytes.size() && static_cast<uint8_t>(bytes[hdr]) == der::kInteger) {
        return StoreFormat::kPkcs12;
      }
      return StoreFormat::kDer;
    }
  }
  if (bytes.find("-----BEGIN") != std::string_view::npos) return StoreFormat::kPem;
  if (bytes.find("BEGINDATA") != std::string_view::npos ||
      bytes.find("CKA_CLASS") != std::string_view::npos) {
    return StoreFormat::kCertdata;
  }
  return StoreFormat::kUnknown;
}

Result<TrustStore> ReadStoreFile(const std::string& path, const KeystoreReadOptions& options) {
  struct stat st;
  if (path != "-" && stat(path.c_str(), &st) != 0) {
    return IoError(path, errno);
  }
  if (path != "-" && S_ISDIR(st.st_mode)) return ReadDirectoryStore(path);
  // Devices and FIFOs (/dev/zero, a named pipe nobody writes) would block
  // or never end; a store is a regular file.
  if (path != "-" && !S_ISREG(st.st_mode)) {
    return MakeError(ErrorKind::kIo, "io.not_regular_file", path + ": not a regular file");
  }
  auto bytes = ReadFile(path);
  if (!bytes.ok()) return bytes.error();
  if (bytes->empty()) return MakeError(ErrorKind::kIo, "io.empty", path + ": empty file");
  std::string_view b = *bytes;
  if (std::string_view what = SniffArchive(b); !what.empty()) {
    return MakeError(ErrorKind::kFormat, "store.container_image",
                     path + ": " + std::string(what) +
                         ", not a trust store (a container image? `trustready check --image " + path + "`)");
  }
  switch (SniffStoreFormat(b)) {
    case StoreFormat::kPem: return ReadPemStore(b, path);
    case StoreFormat::kDer: return ReadDerStore(der::Input(b), path);
    case StoreFormat::kJks: return ReadJksStore(der::Input(b), path, options);
    case StoreFormat::kPkcs12: return ReadPkcs12Store(der::Input(b), path, options);
    case StoreFormat::kCertdata: return ReadCertdataStore(b, path);
    default: break;  // directories are handled above; nothing else is sniffed
  }
  return MakeError(ErrorKind::kFormat, "store.format_unknown",
                   path + ": not a certificate, PEM bundle, keystore or certdata.txt");
}

std::string DescribeChain(const TrustStore& store) {
  if (store.format() != StoreFormat::kPem && store.format() != StoreFormat::kDer) return "";
  if (store.anchors().empty()) return "";
  // A chain file starts with an end-entity certificate (no cA flag, not
  // self-issued) followed, if at all, by its issuer. A trust store may hold
  // a self-signed leaf (pinned), never a server's leaf with its issuer.
  const Certificate& first = *store.anchors().front().cert;
  const auto& bc = first->basic_constraints;
  if ((bc && bc->is_ca) || first.IsSelfIssued()) return "";
  if (store.size() > 1 && store.anchors()[1].cert->NormalizedSubject() != first.NormalizedIssuer()) return "";
  return store.size() == 1 ? "an end-entity certificate (" + first.DisplayName() + ")"
                           : "a certificate chain (" + first.DisplayName() + " and " +
                                 std::to_string(store.size() - 1) + " issuer" + (store.size() == 2 ? "" : "s") + ")";
}

namespace {
Status WriteStoreBytes(const TrustStore& store, StoreFormat format, const std::string& path,
                       std::string_view password) {
  switch (format) {
    case StoreFormat::kPem:
      return WriteFileAtomic(path, WritePemStore(store));
    case StoreFormat::kJks: {
      auto bytes = WriteJksStore(store, password);
      if (!bytes.ok()) return bytes.error();
      return WriteFileAtomic(
          path, std::string_view(reinterpret_cast<const char*>(bytes->data()), bytes->size()));
    }
    case StoreFormat::kPkcs12: {
      auto bytes = WritePkcs12Store(store, password);
      if (!bytes.ok()) return bytes.error();
      return WriteFileAtomic(
          path, std::string_view(reinterpret_cast<const char*>(bytes->data()), bytes->size()));
    }
    case StoreFormat::kDirectory:
      return WriteHashedDirStore(store, path);
    default:
      break;
  }
  return MakeError(ErrorKind::kUnsupported,
                   path + ": cannot write format " + std::string(StoreFormatName(format)));
}
}  // namespace

StoreFormat ParseExportFormatName(std::string_view name) {
  if (name == "pem") return StoreFormat::kPem;
  if (name == "hashed-dir") return StoreFormat::kDirectory;
  if (name == "jks") return StoreFormat::kJks;
  if (name == "pkcs12") return StoreFormat::kPkcs12;
  return StoreFormat::kUnknown;
}

Result<StoreWriteSummary> WriteStoreFile(const TrustStore& store, StoreFormat format, const std::string& path,
                                         std::string_view password) {
  if (Status st = WriteStoreBytes(store, format, path, password); !st.ok()) return st.error();
  // What each writer could not carry (see the table at the top of
  // store_file.h): only PEM (TRUSTED CERTIFICATE) marks distrust and only
  // PEM and PKCS#12 (Java's trusted key usage attribute) carry purposes; no
  // format carries the NSS distrust-after dates.
  const bool keeps_distrust = format == StoreFormat::kPem;
  const bool keeps_purposes = format == StoreFormat::kPem || format == StoreFormat::kPkcs12;
  StoreWriteSummary out;
  out.format = format;
  for (const auto& a : store.anchors()) {
    if (a.trust.distrusted && !keeps_distrust) {
      ++out.distrusted_dropped;
      continue;
    }
    ++out.written;
    if (!keeps_purposes && !a.trust.distrusted && a.trust.purposes != kAllPurposes) ++out.purposes_widened;
    if (a.trust.server_distrust_after || a.trust.email_distrust_after) ++out.dates_dropped;
  }
  return out;
}

}  // namespace trustready
