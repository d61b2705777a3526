// The verify suite's generator (see verify_cases.h). Each case is a short
// list of certificate specs, issuers first; what differs from the plain
// root -> intermediate -> leaf hierarchy is said in the spec.
#include "trustready/pki/verify_cases.h"

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "pki/openssl_handles.h"
#include "trustready/x509/pem.h"

namespace trustready {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

using pki_internal::PkeyPtr;
using pki_internal::SslError;
using pki_internal::X509Ptr;

// Validity: 2025-01-01 to 2030-01-01 unless a case says otherwise; cases
// are judged at 2026-06-01.
constexpr int64_t k2025 = 1735689600;
constexpr int64_t k2026 = 1767225600;
constexpr int64_t k2027 = 1798761600;
constexpr int64_t k2030 = 1893456000;
constexpr const char* kTime = "2026-06-01T00:00:00Z";

struct Spec {
  std::string id;         // subject CN; also how later specs name it
  std::string key;        // key file stem under keys/
  std::string issuer;     // id of the issuer; == id: self-signed
  std::string sign_with;  // key that signs, when not the issuer's (a wrong signature)
  bool ca = true;
  bool basic_constraints = true;  // false: no basicConstraints at all
  int path_len = -1;
  std::string key_usage;  // OpenSSL conf value; "" = the default for a CA/leaf
  std::string eku;        // "" = serverAuth on leaves, none on CAs
  std::string name_constraints;
  bool unknown_critical = false;
  bool sha1 = false;
  int64_t not_before = k2025, not_after = k2030;
  std::string san = "DNS:leaf.example.com";
};

struct Case {
  std::string name, description;
  std::vector<Spec> certs;           // issuers first
  std::vector<std::string> chain;    // ids: target first
  std::vector<std::string> trust;    // ids of anchors
  std::vector<std::string> errors;   // expected from the path builder
  std::optional<std::vector<std::string>> path_errors;
  std::string note;
  bool builder_only = false;
  std::string host = "leaf.example.com";
};

Spec Root(const std::string& id = "root") { return {.id = id, .key = id, .issuer = id}; }
Spec Ica(const std::string& id = "ica", const std::string& issuer = "root") {
  return {.id = id, .key = id, .issuer = issuer};
}
Spec Leaf(const std::string& issuer = "ica") {
  return {.id = "leaf", .key = "leaf", .issuer = issuer, .ca = false};
}

// A case over root -> ica -> leaf, with `edit` applied to the spec named.
Case Simple(std::string name, std::string description, const std::string& which,
            const std::function<void(Spec&)>& edit, std::vector<std::string> errors) {
  Case c{std::move(name), std::move(description), {Root(), Ica(), Leaf()}, {"leaf", "ica"}, {"root"},
         std::move(errors)};
  for (auto& s : c.certs) {
    if (s.id == which) edit(s);
  }
  return c;
}

std::vector<Case> Cases() {
  std::vector<Case> v;
  auto none = [](Spec&) {};
  v.push_back(Simple("valid", "root -> intermediate -> leaf, all in order", "leaf", none, {}));
  v.push_back(Simple("leaf-expired", "the leaf's notAfter is before the validation time (RFC 5280 6.1.3 (a)(2))",
                     "leaf", [](Spec& s) { s.not_after = k2026; }, {"EXPIRED"}));
  v.push_back(Simple("leaf-not-yet-valid", "the leaf's notBefore is after the validation time", "leaf",
                     [](Spec& s) { s.not_before = k2027; }, {"NOT_YET_VALID"}));
  v.push_back(Simple("intermediate-expired", "the intermediate's notAfter is before the validation time", "ica",
                     [](Spec& s) { s.not_after = k2026; }, {"EXPIRED"}));
  v.push_back(Simple("root-expired", "the anchor's own notAfter has passed (enforced by default)", "root",
                     [](Spec& s) { s.not_after = k2026; }, {"EXPIRED"}));
  v.push_back(Simple("intermediate-no-basic-constraints",
                     "the intermediate has no basicConstraints: not a CA (RFC 5280 6.1.4 (k))", "ica",
                     [](Spec& s) { s.basic_constraints = false; }, {"NOT_A_CA"}));
  v.push_back(Simple("intermediate-ca-false", "the intermediate says cA FALSE (RFC 5280 6.1.4 (k))", "ica",
                     [](Spec& s) { s.path_len = -2; }, {"NOT_A_CA"}));
  {
    Case c{"pathlen-exceeded", "root -> ica (pathLen 0) -> ica2 -> leaf: one CA too many (RFC 5280 6.1.4 (l))",
           {Root(), Ica(), Ica("ica2", "ica"), Leaf("ica2")}, {"leaf", "ica2", "ica"}, {"root"},
           {"PATH_LENGTH_EXCEEDED"}};
    c.certs[1].path_len = 0;
    v.push_back(c);
  }
  v.push_back(Simple("pathlen-zero-ok", "an intermediate with pathLen 0 issuing the leaf directly", "ica",
                     [](Spec& s) { s.path_len = 0; }, {}));
  v.push_back(Simple("intermediate-no-keycertsign",
                     "the intermediate's keyUsage lacks keyCertSign (RFC 5280 6.1.4 (n))", "ica",
                     [](Spec& s) { s.key_usage = "critical,digitalSignature,cRLSign"; }, {"KEY_USAGE"}));
  v.push_back(Simple("leaf-eku-client-only", "the leaf's extKeyUsage is clientAuth only; judged for serverAuth",
                     "leaf", [](Spec& s) { s.eku = "clientAuth"; }, {"EXTENDED_KEY_USAGE"}));
  v.push_back(Simple("name-constraints-permitted", "the intermediate permits example.com; the leaf is in it", "ica",
                     [](Spec& s) { s.name_constraints = "critical,permitted;DNS:example.com"; }, {}));
  v.push_back(Simple("name-constraints-not-permitted",
                     "the intermediate permits only example.org; the leaf is leaf.example.com (RFC 5280 4.2.1.10)",
                     "ica", [](Spec& s) { s.name_constraints = "critical,permitted;DNS:example.org"; },
                     {"NAME_CONSTRAINTS"}));
  v.push_back(Simple("name-constraints-excluded", "the intermediate excludes example.com; the leaf is under it",
                     "ica", [](Spec& s) { s.name_constraints = "critical,excluded;DNS:example.com"; },
                     {"NAME_CONSTRAINTS"}));
  v.push_back(Simple("leaf-unknown-critical-extension",
                     "the leaf carries a critical extension nobody knows (RFC 5280 4.2)", "leaf",
                     [](Spec& s) { s.unknown_critical = true; }, {"UNHANDLED_CRITICAL_EXTENSION"}));
  v.push_back(Simple("intermediate-unknown-critical-extension",
                     "the intermediate carries a critical extension nobody knows", "ica",
                     [](Spec& s) { s.unknown_critical = true; }, {"UNHANDLED_CRITICAL_EXTENSION"}));
  {
    Case c = Simple("wrong-signature", "the leaf names the intermediate as issuer but another key signed it",
                    "leaf", [](Spec& s) { s.sign_with = "other"; }, {"BAD_SIGNATURE"});
    c.path_errors = std::vector<std::string>{};
    c.note = "ValidatePath leaves signatures to the builder, which checks each link before it extends a path";
    v.push_back(c);
  }
  v.push_back(Simple("leaf-sha1-signature", "the intermediate signed the leaf with SHA-1 (CA/B Forum BR 7.1.3.2)",
                     "leaf", [](Spec& s) { s.sha1 = true; }, {"WEAK_SIGNATURE"}));
  {
    Case c = Simple("hostname-mismatch", "the leaf is for leaf.example.com; the client asked for other.example.com",
                    "leaf", none, {"HOSTNAME_MISMATCH"});
    c.host = "other.example.com";
    v.push_back(c);
  }
  {
    Case c{"untrusted-root", "the chain leads to a root that is not an anchor",
           {Root(), Ica(), Leaf(), Root("other-root")}, {"leaf", "ica"}, {"other-root"}, {"UNKNOWN_ISSUER"}};
    c.builder_only = true;
    c.note = "no path reaches an anchor, so there is no single path to validate";
    v.push_back(c);
  }
  {
    Case c{"self-signed-leaf", "a self-signed end-entity certificate that is not an anchor",
           {Root(), {.id = "leaf", .key = "leaf", .issuer = "leaf", .ca = false}}, {"leaf"}, {"root"},
           {"UNKNOWN_ISSUER"}};
    c.builder_only = true;
    c.note = "no path reaches an anchor";
    v.push_back(c);
  }
  {
    // A and B certify each other (same names and keys as the real ones
    // would), the leaf is under A, and nothing reaches the anchor: the
    // builder must stop (loops are cut), not run until its budget ends.
    Case c{"loop",
           "two intermediates that certify each other and no way out to the anchor",
           {Root(), Ica("ica-a", "ica-b"), Ica("ica-b", "ica-a"), Leaf("ica-a")},
           {"leaf", "ica-a", "ica-b"},
           {"root"},
           {"UNKNOWN_ISSUER"}};
    c.builder_only = true;
    c.note = "no path reaches an anchor";
    v.push_back(c);
  }
  {
    Case c{"longer-valid-chain", "root -> ica -> ica2 -> leaf with no path length limits",
           {Root(), Ica(), Ica("ica2", "ica"), Leaf("ica2")}, {"leaf", "ica2", "ica"}, {"root"}, {}};
    v.push_back(c);
  }
  return v;
}

Result<PkeyPtr> LoadOrMakeKey(const std::string& dir, const std::string& name) {
  const std::string path = dir + "/" + name + ".pem";
  if (FILE* f = std::fopen(path.c_str(), "r")) {
    EVP_PKEY* k = PEM_read_PrivateKey(f, nullptr, nullptr, nullptr);
    std::fclose(f);
    if (k == nullptr) return SslError("reading " + path);
    return PkeyPtr(k);
  }
  EVP_PKEY* k = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(2048));
  if (k == nullptr) return SslError("RSA key generation");
  PkeyPtr key(k);
  std::error_code ec;
  fs::create_directories(dir, ec);
  FILE* f = std::fopen(path.c_str(), "w");
  if (f == nullptr) return MakeError(ErrorKind::kIo, path + ": cannot write");
  const int ok = PEM_write_PrivateKey(f, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  std::fclose(f);
  if (ok != 1) return SslError("writing " + path);
  return key;
}

Status AddExt(X509* x, X509V3_CTX* ctx, const char* name, const std::string& value) {
  X509_EXTENSION* e = X509V3_EXT_conf(nullptr, ctx, name, value.c_str());
  if (e == nullptr) return SslError(std::string(name) + "=" + value);
  const int ok = X509_add_ext(x, e, -1);
  X509_EXTENSION_free(e);
  if (ok != 1) return SslError("adding " + std::string(name));
  return {};
}

// The certificate of `s`, unsigned.
Result<X509Ptr> Build(const Spec& s, long serial, const std::map<std::string, PkeyPtr>& keys,
                      const std::map<std::string, X509*>& built) {
  const bool self_signed = s.issuer == s.id;
  X509* issuer = self_signed ? nullptr : built.at(s.issuer);
  X509Ptr x(X509_new());
  if (!x || X509_set_version(x.get(), X509_VERSION_3) != 1) return SslError("X509_new");
  ASN1_INTEGER_set(X509_get_serialNumber(x.get()), serial);
  ASN1_TIME_set(X509_getm_notBefore(x.get()), static_cast<time_t>(s.not_before));
  ASN1_TIME_set(X509_getm_notAfter(x.get()), static_cast<time_t>(s.not_after));
  X509_NAME* name = X509_NAME_new();
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("trustready verify suite"),
                             -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(s.id.c_str()), -1, -1, 0);
  X509_set_subject_name(x.get(), name);
  X509_NAME_free(name);
  X509_set_issuer_name(x.get(), self_signed ? X509_get_subject_name(x.get()) : X509_get_subject_name(issuer));
  if (X509_set_pubkey(x.get(), keys.at(s.key).get()) != 1) return SslError("public key");
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, self_signed ? x.get() : issuer, x.get(), nullptr, nullptr, 0);
  std::vector<std::pair<const char*, std::string>> ext;
  if (s.basic_constraints) {
    if (s.ca && s.path_len == -2) {
      ext.emplace_back("basicConstraints", "critical,CA:FALSE");
    } else if (s.ca) {
      ext.emplace_back("basicConstraints",
                       s.path_len >= 0 ? "critical,CA:TRUE,pathlen:" + std::to_string(s.path_len) : "critical,CA:TRUE");
    } else {
      ext.emplace_back("basicConstraints", "critical,CA:FALSE");
    }
  }
  ext.emplace_back("keyUsage", !s.key_usage.empty() ? s.key_usage
                               : s.ca             ? "critical,keyCertSign,cRLSign"
                                                  : "critical,digitalSignature,keyEncipherment");
  if (!s.ca || !s.eku.empty()) ext.emplace_back("extendedKeyUsage", s.eku.empty() ? "serverAuth" : s.eku);
  if (!s.ca && !s.san.empty()) ext.emplace_back("subjectAltName", s.san);
  if (!s.name_constraints.empty()) ext.emplace_back("nameConstraints", s.name_constraints);
  ext.emplace_back("subjectKeyIdentifier", "hash");
  if (!self_signed) ext.emplace_back("authorityKeyIdentifier", "keyid:always");
  // 1.3.6.1.4.1.55738.666.1: an arbitrary private-arc OID no verifier knows.
  if (s.unknown_critical) ext.emplace_back("1.3.6.1.4.1.55738.666.1", "critical,DER:05:00");
  for (const auto& [n, value] : ext) {
    if (auto st = AddExt(x.get(), &ctx, n, value); !st.ok()) return st.error();
  }
  return x;
}

std::string Pem(X509* x) {
  BIO* b = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(b, x);
  char* data = nullptr;
  const long n = BIO_get_mem_data(b, &data);
  std::string out(data, static_cast<size_t>(n));
  BIO_free(b);
  return out;
}

}  // namespace

Result<std::vector<std::string>> WriteVerifyCases(const std::string& dir, const std::string& keys_dir_in) {
  const std::string keys_dir = keys_dir_in.empty() ? dir + "/keys" : keys_dir_in;
  std::vector<std::string> names;
  std::map<std::string, PkeyPtr> keys;
  for (const Case& c : Cases()) {
    std::map<std::string, X509Ptr> owned;
    std::map<std::string, X509*> built;
    long serial = 1;
    for (const Spec& s : c.certs) {
      for (const std::string& k : {s.key, s.sign_with}) {
        if (k.empty() || keys.count(k)) continue;
        auto key = LoadOrMakeKey(keys_dir, k);
        if (!key.ok()) return key.error();
        keys[k] = std::move(key).value();
      }
    }
    // Certificates that certify each other (the loop) name an issuer not
    // built yet: a self-signed stand-in with its name and key gives the
    // issuer name and authorityKeyIdentifier.
    for (const Spec& s : c.certs) {
      if (s.issuer != s.id && !built.count(s.issuer)) {
        // Forward reference: issue against a stand-in with the issuer's name.
        Spec stand_in = *std::find_if(c.certs.begin(), c.certs.end(), [&](const Spec& o) { return o.id == s.issuer; });
        stand_in.issuer = stand_in.id;
        auto x = Build(stand_in, 0, keys, built);
        if (!x.ok()) return x.error();
        built[s.issuer] = x->get();
        owned["stand-in:" + s.issuer] = std::move(x).value();
      }
      auto x = Build(s, serial++, keys, built);
      if (!x.ok()) return x.error();
      const bool self_signed = s.issuer == s.id;
      const std::string& signer_name =
          !s.sign_with.empty() ? s.sign_with
                               : self_signed ? s.key
                                             : std::find_if(c.certs.begin(), c.certs.end(), [&](const Spec& o) {
                                                 return o.id == s.issuer;
                                               })->key;
      if (X509_sign(x->get(), keys.at(signer_name).get(), s.sha1 ? EVP_sha1() : EVP_sha256()) <= 0) {
        return SslError("signing " + c.name + "/" + s.id);
      }
      built[s.id] = x->get();
      owned[s.id] = std::move(x).value();
    }
    std::string chain, trust;
    for (const auto& id : c.chain) chain += Pem(owned.at(id).get());
    for (const auto& id : c.trust) trust += Pem(owned.at(id).get());
    json j = {{"description", c.description}, {"time", kTime}, {"purpose", "serverAuth"},
              {"host", c.host},               {"errors", c.errors}};
    if (c.path_errors) j["path_errors"] = *c.path_errors;
    if (c.builder_only) j["builder_only"] = true;
    if (!c.note.empty()) j["note"] = c.note;
    const std::string out = dir + "/" + c.name;
    std::error_code ec;
    fs::create_directories(out, ec);
    if (ec) return MakeError(ErrorKind::kIo, out + ": " + ec.message());
    for (const auto& [file, text] : {std::pair<std::string, std::string>{"chain.pem", chain},
                                     {"trust.pem", trust},
                                     {"case.json", j.dump(2) + "\n"}}) {
      if (Status st = WriteFileAtomic(out + "/" + file, text); !st.ok()) return st.error();
    }
    names.push_back(c.name);
  }
  return names;
}

}  // namespace trustready
