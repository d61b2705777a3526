// In-place store edits (see store_edit.h for the guarantees).
#include "trustready/store/store_edit.h"

#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <set>

#include "store/store_internal.h"
#include "trustready/base/strings.h"
#include "trustready/x509/pem.h"
#include "trustready/store/directory_store.h"
#include "trustready/store/jks_store.h"
#include "trustready/store/pem_store.h"
#include "trustready/store/pkcs12_store.h"
#include "trustready/store/store_file.h"
#include "trustready/store/store_select.h"

namespace trustready {

namespace {

constexpr char kJavaDefaultPassword[] = "changeit";

std::string_view AsChars(const std::vector<uint8_t>& v) {
  return {reinterpret_cast<const char*>(v.data()), v.size()};
}

// Reads the store and settles the keystore password to use.
struct Opened {
  std::string path;        // real path (edits replace the file, not a link to it)
  std::string bytes;       // file contents (empty for directories)
  StoreFormat format = StoreFormat::kUnknown;
  TrustStore store;
  KeystoreReadOptions password;
  int mode = 0644;
};

Result<Opened> OpenForEdit(const std::string& path_in, const StoreEditOptions& options, bool for_add = false) {
  Opened o;
  char buf[PATH_MAX];
  if (!::realpath(path_in.c_str(), buf)) {
    return MakeError(ErrorKind::kIo, path_in + ": " + std::strerror(errno));
  }
  o.path = buf;
  struct stat st;
  if (::stat(o.path.c_str(), &st) != 0) return MakeError(ErrorKind::kIo, path_in + ": " + std::strerror(errno));
  o.mode = static_cast<int>(st.st_mode & 07777);
  if (S_ISDIR(st.st_mode)) {
    auto s = ReadDirectoryStore(o.path);
    if (!s.ok()) return s.error();
    o.format = StoreFormat::kDirectory;
    o.store = std::move(s).value();
    return o;
  }
  auto bytes = ReadFile(o.path);
  if (!bytes.ok()) return bytes.error();
  if (bytes->empty()) return MakeError(ErrorKind::kIo, path_in + ": empty file");
  o.bytes = std::move(bytes).value();
  o.format = SniffStoreFormat(o.bytes);
  const der::Input in{std::string_view(o.bytes)};
  switch (o.format) {
    case StoreFormat::kPem: {
      auto s = ReadPemStore(o.bytes, path_in);
      if (!s.ok()) return s.error();
      o.store = std::move(s).value();
      return o;
    }
    case StoreFormat::kJks:
    case StoreFormat::kPkcs12: {
      auto read = [&](const KeystoreReadOptions& k) {
        return o.format == StoreFormat::kJks ? ReadJksStore(in, path_in, k) : ReadPkcs12Store(in, path_in, k);
      };
      if (options.password_given) {
        o.password = {options.password, true};
        auto s = read(o.password);
        if (!s.ok()) return s.error();
        o.store = std::move(s).value();
        return o;
      }
      o.password = {kJavaDefaultPassword, true};
      auto s = read(o.password);
      if (s.ok()) {
        o.store = std::move(s).value();
        return o;
      }
      if (s.error().kind != ErrorKind::kBadPassword) return s.error();
      // PKCS#12 files made with an empty password are common too.
      if (o.format == StoreFormat::kPkcs12) {
        o.password = {"", true};
        auto e = read(o.password);
        if (e.ok()) {
          o.store = std::move(e).value();
          return o;
        }
      }
      return MakeError(ErrorKind::kBadPassword,
                       path_in + ": keystore password needed to update its integrity check; give --password");
    }
    case StoreFormat::kDer:
      // One DER certificate cannot hold a second: adding rewrites the file
      // as a PEM bundle (AddToStore; the DER original is the backup).
      if (for_add) {
        auto s = ReadDerStore(in, path_in);
        if (!s.ok()) return s.error();
        o.store = std::move(s).value();
        return o;
      }
      [[fallthrough]];
    case StoreFormat::kCertdata:
      return MakeError(ErrorKind::kUnsupported,
                       path_in + ": " + std::string(StoreFormatName(o.format)) +
                           " stores cannot be edited in place; export to pem, jks or pkcs12");
    default:
      break;
  }
  return MakeError(ErrorKind::kFormat, path_in + ": not a certificate, PEM bundle, keystore or certdata.txt");
}

Result<TrustStore> ReadBack(const Opened& o, const std::string& bytes) {
  const der::Input in{std::string_view(bytes)};
  switch (o.format) {
    case StoreFormat::kPem: return ReadPemStore(bytes, o.path);
    case StoreFormat::kJks: return ReadJksStore(in, o.path, o.password);
    case StoreFormat::kPkcs12: return ReadPkcs12Store(in, o.path, o.password);
    default: break;
  }
  return MakeError(ErrorKind::kUnsupported, o.path + ": cannot read back");
}

// Saves the store's current contents where no backup is overwritten:
// PATH.bak the first time (so the original is always there), then PATH.bak.1,
// PATH.bak.2, ... for each later edit.
Result<std::string> WriteBackup(const Opened& o) {
  WriteFileOptions wo;
  wo.mode = o.mode;
  wo.exact_mode = true;
  wo.no_replace = true;
  for (int n = 0; n < 10000; ++n) {
    std::string name = o.path + ".bak" + (n == 0 ? "" : "." + std::to_string(n));
    struct stat st;
    if (::lstat(name.c_str(), &st) == 0) continue;
    Status s = WriteFileAtomic(name, o.bytes, wo);
    if (s.ok()) return name;
    if (::lstat(name.c_str(), &st) == 0) continue;  // appeared meanwhile
    return s.error();
  }
  return MakeError(ErrorKind::kIo, o.path + ": 10000 backups already; remove some");
}

// Backup, then the new contents; both atomic, the store keeping its mode.
Status Commit(const Opened& o, const std::string& contents, const StoreEditOptions& options,
              StoreEditResult* result) {
  if (options.backup) {
    auto backup = WriteBackup(o);
    if (!backup.ok()) return backup.error();
    result->backup = std::move(backup).value();
  }
  WriteFileOptions wo;
  wo.mode = o.mode;
  wo.exact_mode = true;
  return WriteFileAtomic(o.path, contents, wo);
}

// The byte span of each PEM block in `text`: [offset, end of its END line].
std::vector<std::pair<size_t, size_t>> PemSpans(std::string_view text,
                                                const std::vector<PemBlock>& blocks) {
  std::vector<std::pair<size_t, size_t>> spans;
  for (const PemBlock& b : blocks) {
    size_t end = text.find("-----END ", b.offset);
    size_t stop = end == std::string_view::npos ? text.size() : text.find('\n', end);
    stop = stop == std::string_view::npos ? text.size() : stop + 1;
    spans.push_back({b.offset, stop});
  }
  return spans;
}

std::vector<std::string> ListDir(const std::string& dir) {
  std::vector<std::string> names;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (dirent* e = ::readdir(d)) {
      std::string n = e->d_name;
      if (n != "." && n != "..") names.push_back(n);
    }
    ::closedir(d);
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Index of "xxxxxxxx.N" names by hash.
std::map<std::string, std::set<int>> HashLinks(const std::vector<std::string>& names) {
  std::map<std::string, std::set<int>> out;
  for (const auto& n : names) {
    if (n.size() < 10 || n[8] != '.') continue;
    bool ok = std::all_of(n.begin(), n.begin() + 8, [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); }) &&
              std::all_of(n.begin() + 9, n.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    if (ok) out[n.substr(0, 8)].insert(std::stoi(n.substr(9)));
  }
  return out;
}

Result<StoreEditResult> AddToDirectory(Opened& o, std::vector<CertificatePtr> certs,
                                       StoreEditResult result) {
  auto names = ListDir(o.path);
  auto links = HashLinks(names);
  std::set<std::string> taken(names.begin(), names.end());
  for (const CertificatePtr& c : certs) {
    std::string stem = FileStem(c->DisplayName(), c->Sha256Hex().substr(0, 16));
    std::string file = stem + ".pem";
    for (int n = 2; taken.count(file); ++n) file = stem + "_" + std::to_string(n) + ".pem";
    taken.insert(file);
    if (Status s = WriteFileAtomic(o.path + "/" + file, EncodePem("CERTIFICATE", c->der())); !s.ok()) {
      return s.error();
    }
    char hash[9];
    std::snprintf(hash, sizeof(hash), "%08x", c->SubjectHash());
    int n = 0;
    while (links[hash].count(n)) ++n;
    links[hash].insert(n);
    std::string link = std::string(hash) + "." + std::to_string(n);
    std::string tmp = o.path + "/." + link + ".tmp";
    ::unlink(tmp.c_str());
    if (::symlink(file.c_str(), tmp.c_str()) != 0 || ::rename(tmp.c_str(), (o.path + "/" + link).c_str()) != 0) {
      return MakeError(ErrorKind::kIo, o.path + "/" + link + ": " + std::strerror(errno));
    }
  }
  auto after = ReadDirectoryStore(o.path);
  if (!after.ok()) return after.error();
  result.after = after->size();
  return result;
}

Result<StoreEditResult> RemoveFromDirectory(Opened& o, const std::set<Sha256>& remove,
                                            StoreEditResult result) {
  auto names = ListDir(o.path);
  // Which entries hold a removed certificate (each file read through links).
  std::vector<std::string> doomed;
  for (const auto& n : names) {
    std::string full = o.path + "/" + n;
    struct stat st;
    if (::stat(full.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    auto bytes = ReadFile(full);
    if (!bytes.ok() || bytes->empty()) continue;
    auto certs = LoadCertificatesFromBytes(*bytes, full);
    if (!certs.ok()) continue;
    for (const auto& lc : *certs) {
      if (remove.count(lc.cert->sha256())) {
        doomed.push_back(n);
        break;
      }
    }
  }
  std::string bak = o.path + ".bak";
  ::mkdir(bak.c_str(), 0755);
  struct stat bak_st;
  if (::lstat(bak.c_str(), &bak_st) != 0 || !S_ISDIR(bak_st.st_mode)) {
    return MakeError(ErrorKind::kIo, bak + ": not a directory (a link or a file is in the way)");
  }
  for (const auto& n : doomed) {
    std::string full = o.path + "/" + n;
    struct stat st;
    if (::lstat(full.c_str(), &st) == 0 && !S_ISLNK(st.st_mode)) {
      auto bytes = ReadFile(full);
      if (bytes.ok()) {
        // A file removed before keeps its first backup: numbered after it.
        WriteFileOptions wo;
        wo.no_replace = true;
        std::string dest = bak + "/" + n;
        for (int k = 1; ::lstat(dest.c_str(), &st) == 0 && k < 10000; ++k) dest = bak + "/" + n + "." + std::to_string(k);
        if (Status s = WriteFileAtomic(dest, *bytes, wo); !s.ok()) return s.error();
      }
    }
  }
  result.backup = bak;
  for (const auto& n : doomed) ::unlink((o.path + "/" + n).c_str());
  // Close the gaps: OpenSSL's by_dir lookup tries hash.0, hash.1, ... and
  // stops at the first missing number.
  for (auto& [hash, nums] : HashLinks(ListDir(o.path))) {
    int want = 0;
    for (int n : nums) {
      if (n != want) {
        std::string from = o.path + "/" + hash + "." + std::to_string(n);
        std::string to = o.path + "/" + hash + "." + std::to_string(want);
        if (::rename(from.c_str(), to.c_str()) != 0) {
          return MakeError(ErrorKind::kIo, from + ": " + std::strerror(errno));
        }
      }
      ++want;
    }
  }
  auto after = ReadDirectoryStore(o.path);
  result.after = after.ok() ? after->size() : 0;
  return result;
}

}  // namespace

Result<Sha256> ParseSha256Hex(std::string_view text) {
  std::string hex;
  for (char c : text) {
    if (c == ':') continue;
    hex += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  Sha256 out{};
  if (hex.size() != 64) {
    return MakeError(ErrorKind::kInvalidArgument, std::string(text) + ": not a SHA-256 (64 hex digits)");
  }
  for (size_t i = 0; i < 32; ++i) {
    int v = 0;
    for (size_t k = 0; k < 2; ++k) {
      char c = hex[2 * i + k];
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (d < 0) return MakeError(ErrorKind::kInvalidArgument, std::string(text) + ": not a SHA-256 (64 hex digits)");
      v = v * 16 + d;
    }
    out[i] = static_cast<uint8_t>(v);
  }
  return out;
}

Result<StoreEditResult> AddToStore(const std::string& path, const std::vector<std::string>& cert_files,
                                   const StoreEditOptions& options) {
  if (cert_files.empty()) return MakeError(ErrorKind::kInvalidArgument, "no certificate to add");
  auto opened = OpenForEdit(path, options, /*for_add=*/true);
  if (!opened.ok()) return opened.error();
  Opened& o = *opened;
  StoreEditResult result;
  result.path = o.path;
  result.format = std::string(StoreFormatName(o.format));
  result.before = o.store.size();

  // Every certificate is loaded before anything is written.
  std::vector<CertificatePtr> to_add;
  std::set<Sha256> seen;
  for (const auto& f : cert_files) {
    auto certs = LoadCertificatesFromFile(f);
    if (!certs.ok()) return certs.error();
    for (const auto& c : *certs) {
      if (o.store.FindBySha256(c->sha256()) || !seen.insert(c->sha256()).second) {
        result.already_present.push_back(c);
      } else {
        to_add.push_back(c);
      }
    }
  }
  result.added = to_add;
  if (to_add.empty()) {
    result.after = result.before;
    return result;
  }
  if (o.format == StoreFormat::kDirectory) return AddToDirectory(o, to_add, std::move(result));

  std::string contents;
  if (o.format == StoreFormat::kDer) {
    // The DER certificate first, as PEM, then the new ones.
    for (const auto& a : o.store.anchors()) {
      std::string name = a.cert->DisplayName();
      std::replace(name.begin(), name.end(), '\n', ' ');
      contents += "# " + name + "\n" + EncodePem("CERTIFICATE", a.cert->der());
    }
    for (const auto& c : to_add) {
      std::string name = c->DisplayName();
      std::replace(name.begin(), name.end(), '\n', ' ');
      contents += "# " + name + "\n" + EncodePem("CERTIFICATE", c->der());
    }
    o.format = StoreFormat::kPem;  // read back as what it now is
    result.format = "pem, converted from der";
  } else if (o.format == StoreFormat::kPem) {
    contents = o.bytes;
    if (!contents.empty() && contents.back() != '\n') contents += '\n';
    for (const auto& c : to_add) {
      std::string name = c->DisplayName();
      std::replace(name.begin(), name.end(), '\n', ' ');
      contents += "# " + name + "\n" + EncodePem("CERTIFICATE", c->der());
    }
  } else if (o.format == StoreFormat::kJks) {
    std::vector<TrustAnchor> anchors;
    for (const auto& c : to_add) anchors.push_back({c, {}, ""});
    auto bytes = EditJksStore(der::Input(std::string_view(o.bytes)), path, o.password.password,
                              anchors, {});
    if (!bytes.ok()) return bytes.error();
    contents = std::string(AsChars(*bytes));
  } else if (o.format == StoreFormat::kPkcs12) {
    auto keys = Pkcs12HasKeys(der::Input(std::string_view(o.bytes)), path, o.password);
    if (!keys.ok()) return keys.error();
    if (*keys) {
      return MakeError(ErrorKind::kUnsupported,
                       path + ": PKCS#12 file holds private keys; refusing to rewrite it");
    }
    TrustStore next = o.store;
    for (const auto& c : to_add) next.Add({c, {}, ""});
    auto bytes = WritePkcs12Store(next, o.password.password);
    if (!bytes.ok()) return bytes.error();
    contents = std::string(AsChars(*bytes));
  }
  auto back = ReadBack(o, contents);
  if (!back.ok()) return back.error();
  if (back->size() != o.store.size() + to_add.size()) {
    return MakeError(ErrorKind::kFormat, path + ": internal error: rewritten store does not read back");
  }
  if (Status s = Commit(o, contents, options, &result); !s.ok()) return s.error();
  result.after = back->size();
  return result;
}

Result<StoreEditResult> RemoveFromStore(const std::string& path, const std::vector<Sha256>& sha256s,
                                        const StoreEditOptions& options) {
  if (sha256s.empty()) return MakeError(ErrorKind::kInvalidArgument, "no certificate to remove");
  auto opened = OpenForEdit(path, options);
  if (!opened.ok()) return opened.error();
  Opened& o = *opened;
  StoreEditResult result;
  result.path = o.path;
  result.format = std::string(StoreFormatName(o.format));
  result.before = o.store.size();
  std::set<Sha256> remove;
  for (const Sha256& h : sha256s) {
    const TrustAnchor* a = o.store.FindBySha256(h);
    if (!a) {
      return MakeError(ErrorKind::kInvalidArgument,
                       path + ": no certificate with SHA-256 " + der::Hex(der::Input(h.data(), h.size())));
    }
    if (remove.insert(h).second) result.removed.push_back(a->cert);
  }
  if (o.format == StoreFormat::kDirectory) return RemoveFromDirectory(o, remove, std::move(result));

  std::string contents;
  if (o.format == StoreFormat::kPem) {
    auto blocks = ParsePem(o.bytes);
    if (!blocks.ok()) return blocks.error();
    auto spans = PemSpans(o.bytes, *blocks);
    size_t at = 0;
    for (size_t i = 0; i < blocks->size(); ++i) {
      const PemBlock& b = (*blocks)[i];
      bool drop = false;
      if (b.label == "CERTIFICATE" || b.label == "TRUSTED CERTIFICATE" || b.label == "X509 CERTIFICATE") {
        std::string text(o.bytes.substr(spans[i].first, spans[i].second - spans[i].first));
        auto certs = LoadCertificatesFromBytes(text, path);
        drop = certs.ok() && !certs->empty() && remove.count(certs->front().cert->sha256());
      }
      if (drop) {
        // Take the "# name" comment line directly above the block with it
        // (the form `store add` and `store export` write).
        size_t begin = spans[i].first;
        if (begin >= 2 && o.bytes[begin - 1] == '\n') {
          size_t nl = o.bytes.rfind('\n', begin - 2);
          size_t prev = nl == std::string::npos ? 0 : nl + 1;
          if (prev >= at && o.bytes[prev] == '#') begin = prev;
        }
        contents.append(o.bytes, at, begin - at);
        at = spans[i].second;
      }
    }
    contents.append(o.bytes, at, std::string::npos);
  } else if (o.format == StoreFormat::kJks) {
    auto bytes = EditJksStore(der::Input(std::string_view(o.bytes)), path, o.password.password, {}, remove);
    if (!bytes.ok()) return bytes.error();
    contents = std::string(AsChars(*bytes));
  } else if (o.format == StoreFormat::kPkcs12) {
    auto keys = Pkcs12HasKeys(der::Input(std::string_view(o.bytes)), path, o.password);
    if (!keys.ok()) return keys.error();
    if (*keys) {
      return MakeError(ErrorKind::kUnsupported,
                       path + ": PKCS#12 file holds private keys; refusing to rewrite it");
    }
    TrustStore next = o.store;
    for (const Sha256& h : remove) next.Remove(h);
    auto bytes = WritePkcs12Store(next, o.password.password);
    if (!bytes.ok()) return bytes.error();
    contents = std::string(AsChars(*bytes));
  }
  if (contents.find_first_not_of(" \t\r\n") == std::string::npos && o.format == StoreFormat::kPem) {
    return MakeError(ErrorKind::kInvalidArgument,
                     path + ": removing every certificate would leave an empty bundle");
  }
  auto back = ReadBack(o, contents);
  if (!back.ok()) return back.error();
  if (back->size() + remove.size() != o.store.size()) {
    return MakeError(ErrorKind::kFormat, path + ": internal error: rewritten store does not read back");
  }
  if (Status s = Commit(o, contents, options, &result); !s.ok()) return s.error();
  result.after = back->size();
  return result;
}

Result<StoreEditResult> EditStore(const std::string& spec, StoreEdit edit, const std::vector<std::string>& items,
                                  const StoreEditOptions& options) {
  auto path = EditableStorePath(spec);
  if (!path.ok()) return NamedBy(path.error(), spec);
  Result<StoreEditResult> r = StoreEditResult{};
  if (edit == StoreEdit::kRemove) {
    std::vector<Sha256> hashes;
    for (const auto& h : items) {
      auto sha = ParseSha256Hex(h);
      if (!sha.ok()) return NamedBy(sha.error(), "SHA256");
      hashes.push_back(*sha);
    }
    r = RemoveFromStore(*path, hashes, options);
  } else {
    r = AddToStore(*path, items, options);
  }
  if (!r.ok()) return NamedBy(r.error(), spec);
  return r;
}

}  // namespace trustready
