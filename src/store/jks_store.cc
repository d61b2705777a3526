// Java KeyStore (JKS) and JCEKS, read and (JKS) written without Java.
//
// The format (sun.security.provider.JavaKeyStore, engineLoad/engineStore),
// all integers big-endian:
//   u32 magic      0xFEEDFEED (JKS) or 0xCECECECE (JCEKS)
//   u32 version    1 or 2 (2 adds a certificate type string before each cert)
//   u32 count
//   count x entry:
//     u32 tag      1 = PrivateKeyEntry, 2 = TrustedCertEntry, 3 = SecretKey (JCEKS)
//     UTF alias    u16 length + modified UTF-8 (DataOutput.writeUTF)
//     u64 date     milliseconds since the epoch
//     tag 1: u32 len + EncryptedPrivateKeyInfo, u32 chain length, then certs
//     tag 2: one cert
//     cert: [version 2: UTF type, "X.509"] u32 len + DER
//   20 bytes       SHA-1(password as UTF-16BE || "Mighty Aphrodite" || all
//                  preceding bytes)
//
// What Java trusts from a keystore (sun.security.validator.TrustStoreUtil):
// every trusted-cert entry and the first certificate of each key entry's
// chain. We read exactly those. JCEKS secret-key entries are serialized Java
// objects with no length prefix; a JCEKS holding one is refused
// (kUnsupported) rather than guessed at.
#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <set>
#include <string>

#include "store/store_internal.h"
#include "trustready/store/jks_store.h"

namespace trustready {

namespace {

constexpr uint32_t kJksMagic = 0xFEEDFEED;
constexpr uint32_t kJceksMagic = 0xCECECECE;
constexpr size_t kDigestSize = 20;
constexpr char kWhitener[] = "Mighty Aphrodite";

class Reader {
 public:
  Reader(der::Input in, const std::string& source) : in_(in), source_(source) {}
  size_t pos() const { return pos_; }
  size_t remaining() const { return in_.size() - pos_; }

  Status Need(size_t n, std::string_view what) {
    if (remaining() < n) {
      return MakeError(ErrorKind::kTruncated, "jks.truncated",
                       source_ + ": keystore truncated in " + std::string(what), pos_);
    }
    return {};
  }
  Result<uint32_t> U32(std::string_view what) {
    if (Status s = Need(4, what); !s.ok()) return s.error();
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v = (v << 8) | in_[pos_++];
    return v;
  }
  Result<uint16_t> U16(std::string_view what) {
    if (Status s = Need(2, what); !s.ok()) return s.error();
    uint16_t v = static_cast<uint16_t>((in_[pos_] << 8) | in_[pos_ + 1]);
    pos_ += 2;
    return v;
  }
  Result<der::Input> Bytes(size_t n, std::string_view what) {
    if (Status s = Need(n, what); !s.ok()) return s.error();
    der::Input v = in_.Sub(pos_, n);
    pos_ += n;
    return v;
  }
  // DataInput.readUTF: modified UTF-8 is kept as bytes (it differs from
  // UTF-8 only for NUL and supplementary characters, which aliases and the
  // type string "X.509" do not use in practice).
  Result<std::string> Utf(std::string_view what) {
    auto len = U16(what);
    if (!len.ok()) return len.error();
    auto b = Bytes(*len, what);
    if (!b.ok()) return b.error();
    return b->AsString();
  }

 private:
  der::Input in_;
  const std::string& source_;
  size_t pos_ = 0;
};

std::array<uint8_t, kDigestSize> KeystoreDigest(std::string_view password, der::Input data) {
  std::vector<uint8_t> pw;
  // Java chars are UTF-16 code units; passwords are overwhelmingly ASCII.
  // Decode UTF-8 to code points and encode as UTF-16BE so that non-ASCII
  // passwords match what keytool computes.
  for (size_t i = 0; i < password.size();) {
    uint32_t cp = static_cast<uint8_t>(password[i]);
    size_t n = 1;
    if (cp >= 0xf0 && i + 3 < password.size()) {
      cp = ((cp & 0x07) << 18) | ((password[i + 1] & 0x3f) << 12) |
           ((password[i + 2] & 0x3f) << 6) | (password[i + 3] & 0x3f);
      n = 4;
    } else if (cp >= 0xe0 && i + 2 < password.size()) {
      cp = ((cp & 0x0f) << 12) | ((password[i + 1] & 0x3f) << 6) | (password[i + 2] & 0x3f);
      n = 3;
    } else if (cp >= 0xc0 && i + 1 < password.size()) {
      cp = ((cp & 0x1f) << 6) | (password[i + 1] & 0x3f);
      n = 2;
    }
    i += n;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      uint16_t hi = static_cast<uint16_t>(0xd800 + (cp >> 10));
      uint16_t lo = static_cast<uint16_t>(0xdc00 + (cp & 0x3ff));
      for (uint16_t u : {hi, lo}) {
        pw.push_back(static_cast<uint8_t>(u >> 8));
        pw.push_back(static_cast<uint8_t>(u & 0xff));
      }
    } else {
      pw.push_back(static_cast<uint8_t>(cp >> 8));
      pw.push_back(static_cast<uint8_t>(cp & 0xff));
    }
  }
  std::array<uint8_t, kDigestSize> out{};
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha1(), nullptr);
  EVP_DigestUpdate(ctx, pw.data(), pw.size());
  EVP_DigestUpdate(ctx, kWhitener, sizeof(kWhitener) - 1);
  EVP_DigestUpdate(ctx, data.data(), data.size());
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx, out.data(), &len);
  EVP_MD_CTX_free(ctx);
  return out;
}

void PutU32(std::vector<uint8_t>* out, uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) out->push_back(static_cast<uint8_t>(v >> s));
}
void PutU64(std::vector<uint8_t>* out, uint64_t v) {
  for (int s = 56; s >= 0; s -= 8) out->push_back(static_cast<uint8_t>(v >> s));
}
void PutUtf(std::vector<uint8_t>* out, std::string_view s) {
  out->push_back(static_cast<uint8_t>(s.size() >> 8));
  out->push_back(static_cast<uint8_t>(s.size() & 0xff));
  out->insert(out->end(), s.begin(), s.end());
}

}  // namespace

namespace {

struct JksEntry {
  uint32_t tag = 0;
  std::string alias;
  size_t begin = 0, end = 0;  // byte span of the whole entry
  CertificatePtr cert;        // the trusted cert, or a key entry's first cert
};
struct JksFile {
  bool jceks = false;
  uint32_t version = 2;
  std::vector<JksEntry> entries;
  size_t body_len = 0;  // bytes covered by the digest
};

Result<JksFile> ParseJks(der::Input bytes, const std::string& source,
                         const KeystoreReadOptions& options) {
  Reader r(bytes, source);
  JksFile file;
  auto magic = r.U32("magic");
  if (!magic.ok()) return magic.error();
  if (*magic != kJksMagic && *magic != kJceksMagic) {
    return MakeError(ErrorKind::kFormat, "jks.bad_magic", source + ": not a JKS/JCEKS keystore (bad magic)", 0);
  }
  file.jceks = *magic == kJceksMagic;
  auto version = r.U32("version");
  if (!version.ok()) return version.error();
  if (*version != 1 && *version != 2) {
    return MakeError(ErrorKind::kFormat, "jks.version_unsupported",
                     source + ": unsupported keystore version " + std::to_string(*version), 4);
  }
  file.version = *version;
  auto count = r.U32("entry count");
  if (!count.ok()) return count.error();

  auto read_cert = [&](const std::string& alias) -> Result<CertificatePtr> {
    if (*version == 2) {
      auto type = r.Utf("certificate type");
      if (!type.ok()) return type.error();
      if (*type != "X.509") {
        return MakeError(ErrorKind::kUnsupported, "jks.certificate_type_unsupported",
                         source + ": entry \"" + alias + "\": certificate type " + *type, r.pos());
      }
    }
    auto len = r.U32("certificate length");
    if (!len.ok()) return len.error();
    size_t at = r.pos();
    auto der = r.Bytes(*len, "certificate");
    if (!der.ok()) return der.error();
    auto cert = Certificate::Parse(*der);
    if (!cert.ok()) {
      return MakeError(cert.error().kind, cert.error().detail,
                       source + ": entry \"" + alias + "\": bad certificate: " + cert.error().message,
                       at);
    }
    return *cert;
  };

  // No reserve(count): the count is untrusted; entries are only created
  // for bytes that are really there.
  for (uint32_t i = 0; i < *count; ++i) {
    JksEntry e;
    e.begin = r.pos();
    auto tag = r.U32("entry tag");
    if (!tag.ok()) return tag.error();
    e.tag = *tag;
    auto alias = r.Utf("alias");
    if (!alias.ok()) return alias.error();
    e.alias = *alias;
    auto date = r.Bytes(8, "entry date");
    if (!date.ok()) return date.error();
    if (*tag == 1) {
      auto key_len = r.U32("private key length");
      if (!key_len.ok()) return key_len.error();
      auto key = r.Bytes(*key_len, "private key");
      if (!key.ok()) return key.error();
      auto chain_len = r.U32("chain length");
      if (!chain_len.ok()) return chain_len.error();
      for (uint32_t c = 0; c < *chain_len; ++c) {
        auto cert = read_cert(*alias);
        if (!cert.ok()) return cert.error();
        if (c == 0) e.cert = *cert;
      }
    } else if (*tag == 2) {
      auto cert = read_cert(*alias);
      if (!cert.ok()) return cert.error();
      e.cert = *cert;
    } else if (*tag == 3 && file.jceks) {
      return MakeError(ErrorKind::kUnsupported, "jks.secret_key_entry",
                       source + ": JCEKS secret-key entry \"" + *alias + "\" is not supported",
                       r.pos());
    } else {
      return MakeError(ErrorKind::kFormat, "jks.entry_tag_unknown",
                       source + ": unknown keystore entry tag " + std::to_string(*tag), r.pos());
    }
    e.end = r.pos();
    file.entries.push_back(std::move(e));
  }
  file.body_len = r.pos();
  auto digest = r.Bytes(kDigestSize, "integrity digest");
  if (!digest.ok()) return digest.error();
  if (r.remaining() != 0) {
    return MakeError(ErrorKind::kTrailingData, "jks.trailing_data",
                     source + ": " + std::to_string(r.remaining()) +
                         " bytes after the keystore digest",
                     r.pos());
  }
  if (options.password_given) {
    auto want = KeystoreDigest(options.password, bytes.Sub(0, file.body_len));
    if (std::memcmp(want.data(), digest->data(), kDigestSize) != 0) {
      return MakeError(ErrorKind::kBadPassword, "jks.password_wrong",
                       source + ": keystore password was incorrect (integrity digest mismatch)");
    }
  }
  return file;
}

void PutTrustedEntry(std::vector<uint8_t>* out, uint32_t version, const std::string& alias,
                     uint64_t date_ms, der::Input der) {
  PutU32(out, 2);
  PutUtf(out, alias);
  PutU64(out, date_ms);
  if (version == 2) PutUtf(out, "X.509");
  PutU32(out, static_cast<uint32_t>(der.size()));
  out->insert(out->end(), der.begin(), der.end());
}

std::string JksAlias(const TrustAnchor& a, std::set<std::string>* used) {
  // Java lowercases JKS aliases (JavaKeyStore.convertAlias); keep them
  // unique so that no entry overwrites another when Java loads the file.
  std::string base = a.source.find('/') == std::string::npos && !a.source.empty()
                         ? a.source
                         : a.cert->DisplayName();
  std::string alias;
  for (char c : base) alias += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (alias.empty()) alias = a.cert->Sha256Hex().substr(0, 16);
  if (alias.size() > 200) alias.resize(200);
  if (used->count(alias)) alias += " [" + a.cert->Sha256Hex().substr(0, 8) + "]";
  for (int n = 2; used->count(alias); ++n) alias = alias + "-" + std::to_string(n);
  used->insert(alias);
  return alias;
}

}  // namespace

Result<TrustStore> ReadJksStore(der::Input bytes, const std::string& source,
                                const KeystoreReadOptions& options) {
  auto file = ParseJks(bytes, source, options);
  if (!file.ok()) return file.error();
  TrustStore store(source, file->jceks ? StoreFormat::kJceks : StoreFormat::kJks, source);
  for (const JksEntry& e : file->entries) {
    store.AddEntryAlias(e.alias);
    if (e.cert) store.Add({e.cert, {}, e.alias});
  }
  return store;
}

Result<std::vector<uint8_t>> EditJksStore(der::Input bytes, const std::string& source,
                                          std::string_view password,
                                          const std::vector<TrustAnchor>& add,
                                          const std::set<Sha256>& remove) {
  auto file = ParseJks(bytes, source, {std::string(password), true});
  if (!file.ok()) return file.error();
  std::vector<uint8_t> out(bytes.begin(), bytes.begin() + 8);
  PutU32(&out, 0);
  uint32_t count = 0;
  std::set<std::string> used;
  for (const JksEntry& e : file->entries) {
    // Key entries are never removed by certificate hash: that would throw
    // away a private key.
    if (e.tag == 2 && remove.count(e.cert->sha256())) continue;
    out.insert(out.end(), bytes.begin() + e.begin, bytes.begin() + e.end);
    used.insert(e.alias);
    ++count;
  }
  const uint64_t now_ms = static_cast<uint64_t>(Now()) * 1000;
  for (const TrustAnchor& a : add) {
    PutTrustedEntry(&out, file->version, JksAlias(a, &used), now_ms, a.cert->der());
    ++count;
  }
  for (int i = 0; i < 4; ++i) out[8 + i] = static_cast<uint8_t>(count >> (24 - 8 * i));
  auto digest = KeystoreDigest(password, der::Input(out.data(), out.size()));
  out.insert(out.end(), digest.begin(), digest.end());
  return out;
}

Result<std::vector<uint8_t>> WriteJksStore(const TrustStore& store, std::string_view password) {
  std::vector<uint8_t> out;
  PutU32(&out, kJksMagic);
  PutU32(&out, 2);
  PutU32(&out, 0);
  uint32_t count = 0;
  std::set<std::string> used;
  const uint64_t now_ms = static_cast<uint64_t>(Now()) * 1000;
  for (const TrustAnchor& a : store.anchors()) {
    // JKS has no way to say "distrusted" or "only for e-mail": an entry is
    // trusted for everything. Distrusted anchors are left out; limited
    // purposes are widened (see the table in store_file.h).
    if (a.trust.distrusted) continue;
    PutTrustedEntry(&out, 2, JksAlias(a, &used), now_ms, a.cert->der());
    ++count;
  }
  for (int i = 0; i < 4; ++i) out[8 + i] = static_cast<uint8_t>(count >> (24 - 8 * i));
  auto digest = KeystoreDigest(password, der::Input(out.data(), out.size()));
  out.insert(out.end(), digest.begin(), digest.end());
  return out;
}

}  // namespace trustready
