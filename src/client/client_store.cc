// Opening a resolved store: every part read and merged into one store, as
// the client itself merges its CAfile and CApath (or its bundled roots and
// NODE_EXTRA_CA_CERTS).
#include <sstream>

#include "client/client_internal.h"
#include "trustready/client/client.h"
#include "trustready/store/store_discovery.h"
#include "trustready/store/store_open.h"
#include "trustready/store/pem_store.h"
#include "trustready/store/run_program.h"

namespace trustready {

std::string_view StorePartKindName(StorePartKind kind) {
  switch (kind) {
    case StorePartKind::kPem: return "pem";
    case StorePartKind::kDirectory: return "directory";
    case StorePartKind::kKeystore: return "keystore";
    case StorePartKind::kNodeBundled: return "node-bundled";
    case StorePartKind::kNss: return "nss";
    case StorePartKind::kPlatform: return "platform";
    case StorePartKind::kUnlisted: return "unlisted";
  }
  return "pem";
}

namespace {

const char kNodeScript[] = "process.stdout.write(require('tls').rootCertificates.join('\\n'))";

Result<TrustStore> OpenPart(const StorePart& part, const std::string& root, const OpenResolvedOptions& options) {
  if (part.kind == StorePartKind::kUnlisted) {
    return MakeError(ErrorKind::kUnsupported, "client_store.unlisted", part.location + ": " + part.role + " cannot be listed");
  }
  if (part.kind == StorePartKind::kPlatform) {
    auto stores = OpenPlatformStores(part.location);
    if (!stores.ok()) return stores.error();
    if (stores->empty()) return MakeError(ErrorKind::kInvalidArgument, "client_store.platform_missing", part.location + ": no such platform snapshot");
    return std::move(stores->front());
  }
  if (part.kind == StorePartKind::kNodeBundled) {
    if (!root.empty()) {
      return MakeError(ErrorKind::kUnsupported, "client_store.node_in_tree", part.location +
                                                    ": Node.js's bundled roots are compiled into the binary and "
                                                    "nothing is run inside a file tree");
    }
    auto out = RunProgram({part.location, "-e", kNodeScript}, options.program_timeout_seconds);
    if (!out.ok()) return MakeError(ErrorKind::kIo, out.error().detail, part.location + ": " + out.error().message);
    auto pem = ReadPemStore(*out, part.location + " (tls.rootCertificates)");
    if (!pem.ok()) return pem.error();
    return pem;
  }
  DiscoveredStore d;
  d.name = part.location;
  d.location = part.location;
  d.root = root;
  d.kind = part.kind == StorePartKind::kDirectory  ? StoreFormat::kDirectory
           : part.kind == StorePartKind::kNss      ? StoreFormat::kNss
           : part.kind == StorePartKind::kKeystore ? StoreFormat::kJks
                                     : StoreFormat::kPem;
  StoreOpenOptions o;
  if (part.kind == StorePartKind::kKeystore) {
    if (part.password_given) {
      o.password = part.password;
      o.password_given = true;
    } else {
      // Java without trustStorePassword: the JDK's default "changeit",
      // then the store read without its integrity check.
      d.default_password = "changeit";
    }
  }
  return OpenDiscoveredStore(d, o);
}

}  // namespace

Result<TrustStore> OpenResolvedStore(const ResolvedStore& store, const OpenResolvedOptions& options) {
  if (!store.broken.empty()) return MakeError(ErrorKind::kInvalidArgument, "client_store.broken", store.broken);
  std::string source;
  for (const auto& p : store.parts) source += (source.empty() ? "" : " + ") + p.location;
  TrustStore merged(store.description, store.parts.size() == 1 ? ParseStoreFormatName(StorePartKindName(store.parts[0].kind)) : StoreFormat::kUnknown,
                    source);
  for (const StorePart& part : store.parts) {
    // What does not exist contributes nothing: OpenSSL ignores a missing
    // default file or directory; requests or Java with a missing file fail
    // every connection, which an empty store models.
    if (part.missing) continue;
    if (part.kind == StorePartKind::kUnlisted && options.skip_unlisted) continue;
    auto s = OpenPart(part, store.root, options);
    if (!s.ok()) {
      // An existing file or directory without certificates is an empty
      // CAfile/CApath to OpenSSL, not an error.
      if (s.error().kind == ErrorKind::kNotCertificate && (part.kind == StorePartKind::kDirectory || part.kind == StorePartKind::kPem)) continue;
      Error e = s.error();
      if (e.message.find(part.location) == std::string::npos) e.message = part.location + ": " + e.message;
      return e;
    }
    for (const auto& a : s->anchors()) merged.Add(a);
    // A keystore part's aliases: the fix's keytool line must not reuse one
    // (more names than the fixed file holds only narrows the choice).
    for (const auto& alias : s->entry_aliases()) merged.AddEntryAlias(alias);
  }
  return merged;
}

}  // namespace trustready
