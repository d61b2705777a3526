// The registry of Error detail ids outside the parsers (error_detail.h).
#include "trustready/base/error_detail.h"

#include <cerrno>
#include <cstring>

namespace trustready {

// Grouped by family; each line one failure some reader or probe reports.
// Adding a failure adds a line here and in tests/base/error_detail_test.cc.
const std::vector<ErrorDetailInfo>& ErrorDetailIds() {
  using K = ErrorKind;
  static const std::vector<ErrorDetailInfo> kIds = {
      // Files (base/file_io.cc and the readers that stat or list)
      {"io.not_found", K::kIo},          // ENOENT, ENOTDIR
      {"io.permission_denied", K::kIo},  // EACCES, EPERM
      {"io.is_directory", K::kIo},       // a folder where a file is read
      {"io.not_regular_file", K::kIo},   // a device, a FIFO
      {"io.too_large", K::kIo},          // over kMaxReadBytes (or the caller's cap)
      {"io.empty", K::kIo},              // a store or certificate file of 0 bytes
      {"io.os_error", K::kIo},           // any other errno (EIO, ELOOP, ...)
      // Which file is a store (store_file.cc, store_select.cc, directory_store.cc)
      {"store.format_unknown", K::kFormat},     // not a certificate, PEM, keystore or certdata.txt
      {"store.container_image", K::kFormat},    // an image archive or layout, not a store
      {"store.chain_not_store", K::kFormat},    // a --store holding a server chain
      {"store.directory_no_certificate", K::kNotCertificate},
      {"store.none_found", K::kIo},             // no system store discovered
      {"store.name_unknown", K::kIo},           // a discovery name this machine lacks
      // Java keystores (jks_store.cc)
      {"jks.truncated", K::kTruncated},
      {"jks.bad_magic", K::kFormat},
      {"jks.version_unsupported", K::kFormat},
      {"jks.certificate_type_unsupported", K::kUnsupported},
      {"jks.secret_key_entry", K::kUnsupported},
      {"jks.entry_tag_unknown", K::kFormat},
      {"jks.trailing_data", K::kTrailingData},
      {"jks.password_wrong", K::kBadPassword},  // the integrity digest does not match
      // PKCS#12 (pkcs12_store.cc)
      {"pkcs12.invalid", K::kFormat},
      {"pkcs12.trailing_data", K::kTrailingData},
      {"pkcs12.password_wrong", K::kBadPassword},    // MAC mismatch
      {"pkcs12.password_missing", K::kBadPassword},  // MAC needs a password, none given
      {"pkcs12.auth_safe_malformed", K::kFormat},
      {"pkcs12.contents_password_wrong", K::kBadPassword},
      {"pkcs12.contents_encrypted", K::kFormat},     // encrypted contents, no password given
      {"pkcs12.safe_contents_malformed", K::kFormat},
      {"pkcs12.cert_bag_malformed", K::kFormat},
      {"pkcs12.cert_encode_failed", K::kFormat},
      // NSS certdata.txt (certdata_store.cc)
      {"certdata.syntax", K::kFormat},
      {"certdata.begindata_missing", K::kFormat},
      {"certdata.attribute_invalid", K::kFormat},
      {"certdata.trust_without_issuer_serial", K::kFormat},
      {"certdata.certificate_without_value", K::kFormat},
      {"certdata.no_certificate", K::kNotCertificate},
      // NSS databases (store_discovery.cc)
      {"nss.no_trusted_ca", K::kNotCertificate},
      // Programs run to list a store: node, certutil (run_program.cc)
      {"program.not_found", K::kIo},  // exit status 127
      {"program.failed", K::kIo},     // another non-zero status or a signal
      {"program.timeout", K::kIo},
      {"program.output_too_large", K::kIo},
      {"program.spawn_failed", K::kIo},  // pipe or fork failed
      // Stores a client reads (client_store.cc)
      {"client_store.unlisted", K::kUnsupported},     // a part nothing can list (a provider)
      {"client_store.broken", K::kInvalidArgument},   // the client's configuration is broken
      {"client_store.node_in_tree", K::kUnsupported}, // Node's compiled-in roots in a file tree
      {"client_store.platform_missing", K::kInvalidArgument},
      {"client_data.behavior_missing", K::kInvalidArgument},
      {"client_data.unknown_distrust_policy", K::kInvalidArgument},
      // Endpoints (tls_probe.cc): one per ProbeStatus of a failed probe
      {"network.dns_nxdomain", K::kNetwork},
      {"network.dns_error", K::kNetwork},
      {"network.dns_timeout", K::kNetwork},
      {"network.refused", K::kNetwork},
      {"network.unreachable", K::kNetwork},
      {"network.connect_timeout", K::kNetwork},
      {"network.handshake_timeout", K::kNetwork},
      {"network.reset", K::kNetwork},
      {"network.closed", K::kNetwork},
      {"network.not_tls", K::kNetwork},
      {"network.tls_alert", K::kNetwork},
      {"network.tls_error", K::kNetwork},
      {"network.invalid_server_name", K::kNetwork},
      {"network.no_certificate", K::kNetwork},
      {"network.http_error", K::kNetwork},
      {"network.deadline", K::kNetwork},  // not probed (or not checked): the deadline came first
  };
  return kIds;
}

std::string_view IoDetailOf(int err) {
  switch (err) {
    case ENOENT:
    case ENOTDIR: return "io.not_found";
    case EACCES:
    case EPERM: return "io.permission_denied";
    case EISDIR: return "io.is_directory";
    default: return "io.os_error";
  }
}

Error IoError(const std::string& what, int err) {
  return MakeError(ErrorKind::kIo, IoDetailOf(err), what + ": " + std::strerror(err));
}

}  // namespace trustready
