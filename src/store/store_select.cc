// Store selection: what --store/--root/--password name. See
// include/trustready/store/store_select.h.
#include "trustready/store/store_select.h"
#include "trustready/store/store_file.h"

#include <sys/stat.h>

#include <filesystem>

#include "trustready/store/store_open.h"

namespace trustready {
namespace {

constexpr char kPasswordMark[] = "#password=";

bool Exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

// How to get a store that exists but could not be read judged after all.
std::string FixFor(const SelectedStore& s, const Error& e) {
  if (e.kind == ErrorKind::kBadPassword) {
    return "give the keystore's password: --store '" + s.name + "#password=PASSWORD' (or --store " + s.name +
           " --password PASSWORD)";
  }
  if (s.kind == StoreFormat::kNode) return "make `node -e \"require('tls').rootCertificates\"` run, or judge a PEM export of its roots";
  if (s.kind == StoreFormat::kNss) return "make `certutil -L -d sql:" + s.location + "` list the database (package libnss3-tools)";
  return "make " + s.location + " readable, or see `trustready store show " + s.name + "`";
}

// Opens `d`; a failure is recorded on the result (UNKNOWN for callers).
SelectedStore OpenSelected(const DiscoveredStore& d, const std::optional<std::string>& password) {
  SelectedStore out;
  out.name = d.name;
  out.location = d.location;
  out.kind = d.kind;
  out.discovered = d;
  out.password = password;
  StoreOpenOptions options;
  if (password) options = {*password, true};
  auto store = OpenDiscoveredStore(d, options);
  if (store.ok()) {
    out.store = std::move(store).value();
  } else {
    out.error = store.error();
    if (out.error.kind == ErrorKind::kBadPassword && password) {
      out.error.message += " (the password given does not open it)";
    }
    out.fix = FixFor(out, out.error);
  }
  return out;
}

}  // namespace

StoreSpec ParseStoreSpec(const std::string& text) {
  StoreSpec out{text, std::nullopt};
  if (size_t at = text.rfind(kPasswordMark); at != std::string::npos) {
    out.spec = text.substr(0, at);
    out.password = text.substr(at + sizeof(kPasswordMark) - 1);
  }
  return out;
}

void AddStoreArgument(StoreSelectRequest& request, bool is_password, const std::string& value) {
  if (!is_password) {
    request.specs.push_back(ParseStoreSpec(value));
  } else if (!request.specs.empty() && !request.specs.back().password) {
    request.specs.back().password = value;
  } else {
    request.password = value;
  }
}

Result<StoreSelection> SelectStores(const StoreSelectRequest& request) {
  StoreSelection out;
  out.root = request.root;
  DiscoveryOptions discovery;
  if (!request.root.empty()) {
    auto root = CheckDiscoveryRoot(request.root);
    if (!root.ok()) return root.error();
    discovery.root = *root;
    discovery.env = request.env;
  }
  out.where = request.root.empty() ? "on this machine" : "in " + request.root;

  if (request.specs.empty()) {
    std::vector<DiscoveredStore> found = DiscoverStores(discovery);
    if (found.empty()) {
      return MakeError(ErrorKind::kIo, "store.none_found", "no trust store found " + out.where + " (use --store FILE)");
    }
    for (const DiscoveredStore& d : found) out.stores.push_back(OpenSelected(d, request.password));
    return out;
  }

  for (const StoreSpec& given : request.specs) {
    StoreSpec s = given.password ? given : ParseStoreSpec(given.spec);
    const std::optional<std::string> password = s.password ? s.password : request.password;
    if (s.spec.empty()) return MakeError(ErrorKind::kInvalidArgument, "empty store name");
    if (IsDiscoveryName(s.spec)) {
      auto d = FindDiscoveredStore(s.spec, discovery);
      if (!d) {
        return MakeError(ErrorKind::kIo, "store.name_unknown",
                         s.spec + ": no such store " + out.where + " (see `trustready store list`)");
      }
      out.stores.push_back(OpenSelected(*d, password));
      continue;
    }
    if (IsPlatformSpec(s.spec)) {
      auto stores = OpenPlatformStores(s.spec);
      if (!stores.ok()) return stores.error();
      for (TrustStore& t : *stores) {
        SelectedStore sel;
        sel.name = t.name();
        sel.location = t.name();
        sel.kind = StoreFormat::kPlatform;
        sel.store = std::move(t);
        out.stores.push_back(std::move(sel));
      }
      continue;
    }
    // A path: inside the tree when one is given, else on this machine.
    DiscoveredStore d;
    if (!request.root.empty()) {
      auto at = StoreAtPathInRoot(discovery.root, s.spec);
      if (!at.ok()) return at.error();
      d = std::move(at).value();
    } else {
      // certutil's spelling of a database, "sql:DIR", names DIR.
      const std::string path = s.spec.rfind("sql:", 0) == 0 ? s.spec.substr(4) : s.spec;
      if (!Exists(path)) return MakeError(ErrorKind::kIo, "io.not_found", s.spec + ": no such file or directory");
      // A folder holding cert9.db is an NSS database, not a CApath.
      const bool nss = std::filesystem::is_regular_file(path + "/cert9.db");
      d = DiscoveredStore{s.spec, nss ? StoreFormat::kNss : StoreFormat::kUnknown, path, nss ? "NSS database" : "", "", "", path};
    }
    d.default_password = "changeit";
    SelectedStore sel = OpenSelected(d, password);
    // What the user named is not a store at all (junk, empty, not a
    // certificate): bad input, not an unknown store.
    if (!sel.readable() && sel.error.kind != ErrorKind::kBadPassword) return sel.error;
    if (sel.readable()) {
      if (std::string chain = DescribeChain(*sel.store); !chain.empty()) {
        return MakeError(ErrorKind::kFormat, "store.chain_not_store", s.spec + ": " + chain +
                                                 ", not a trust store (check it as a target: `trustready check " +
                                                 s.spec + "`)");
      }
    }
    sel.discovered.reset();
    if (!request.root.empty()) sel.discovered = d;
    out.stores.push_back(std::move(sel));
  }
  return out;
}

Result<std::string> EditableStorePath(const std::string& spec) {
  if (IsDiscoveryName(spec)) {
    auto d = FindDiscoveredStore(spec);
    if (!d) return MakeError(ErrorKind::kIo, "store.name_unknown", spec + ": no such store on this machine (see `trustready store list`)");
    if (d->kind == StoreFormat::kNode || d->kind == StoreFormat::kNss) {
      return MakeError(ErrorKind::kInvalidArgument, spec + ": this store cannot be edited");
    }
    return d->location;
  }
  if (IsPlatformSpec(spec)) return MakeError(ErrorKind::kInvalidArgument, spec + ": platform snapshots are read-only");
  return spec;
}

}  // namespace trustready
