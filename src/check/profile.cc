// Migration profiles: reading data/profiles/<name>/profile.json and building
// a profile from a chain file. See include/trustready/check/profile.h.
#include "trustready/check/profile.h"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "trustready/x509/pem.h"
#include "trustready/store/store_open.h"

namespace trustready {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

Error ProfileError(const std::string& where, const std::string& what) {
  return MakeError(ErrorKind::kFormat, where + ": " + what);
}

bool IsDirectory(const std::string& p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// One certificate from `dir`/`rel`; the file must hold exactly one.
Result<CertificatePtr> LoadOne(const std::string& dir, const std::string& rel,
                               std::string* abs_out) {
  if (rel.empty() || rel.front() == '/' || rel.find("..") != std::string::npos) {
    return MakeError(ErrorKind::kFormat, "file '" + rel + "' must be a relative path inside the profile");
  }
  std::string abs = dir + "/" + rel;
  auto certs = LoadCertificatesFromFile(abs);
  if (!certs.ok()) return certs.error();
  if (certs->size() != 1) {
    return MakeError(ErrorKind::kFormat, abs + ": holds " + std::to_string(certs->size()) +
                                             " certificates, a profile file must hold exactly one");
  }
  if (abs_out != nullptr) *abs_out = abs;
  return certs->front();
}

std::string Str(const json& j, const char* key, const std::string& def = "") {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return def;
  if (!it->is_string()) throw std::invalid_argument(std::string("'") + key + "' must be a string");
  return it->get<std::string>();
}

std::vector<std::string> StrList(const json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end()) return out;
  if (!it->is_array()) throw std::invalid_argument(std::string("'") + key + "' must be an array");
  for (const auto& v : *it) {
    if (!v.is_string()) throw std::invalid_argument(std::string("'") + key + "' must hold strings");
    out.push_back(v.get<std::string>());
  }
  return out;
}

bool IsCa(const Certificate& c) {
  return c->basic_constraints.has_value() && c->basic_constraints->is_ca;
}

std::string Slug(const std::string& s) {
  std::string out;
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalnum(c)) {
      out.push_back(static_cast<char>(std::tolower(c)));
    } else if (!out.empty() && out.back() != '-') {
      out.push_back('-');
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "ca" : out;
}

// Remediation for profiles built from a chain: the same store kinds as the
// built-in profiles, without anything specific to one CA.
std::map<std::string, std::vector<std::string>> DefaultRemediation() {
  // Every line but the "or ..." advice is a command that works when pasted
  // (tests/check/fixes_pasted.sh runs each against a copy of the store).
  // "tree:KIND": the same store inside another system's file tree (--root,
  // --image): Dockerfile lines for that system, paths as seen inside it, the
  // root files COPYed from the build context, no sudo.
  // keytool refuses an alias the keystore already has ("Certificate not
  // imported, alias <x> already exists"): {root_alias} is one the store does
  // not hold (readiness.cc, KeystoreAlias), and the import runs only when
  // that alias is still absent, so that the line pasted twice succeeds.
  auto keytool_import = [](const std::string& file, const std::string& type) {
    const std::string opts = " -keystore {store_path}" + type + " -storepass {store_password}";
    return "{keytool} -list -alias {root_alias}" + opts + " >/dev/null 2>&1 || {keytool} -importcert -noprompt -alias {root_alias} -file " +
           file + opts;
  };
  const std::string context = "# COPY sources: put {root_files} into the build context";
  return {
      {"debian-system",
       {"sudo cp {root_file} /usr/local/share/ca-certificates/{root_alias}.crt", "sudo update-ca-certificates"}},
      {"rhel-system",
       {"sudo cp {root_file} /etc/pki/ca-trust/source/anchors/{root_alias}.pem", "sudo update-ca-trust extract"}},
      {"suse-system", {"sudo cp {root_file} /etc/pki/trust/anchors/{root_alias}.pem", "sudo update-ca-certificates"}},
      {"pem", {"trustready store add {store_path} {root_file}"}},
      {"der",
       {"trustready store add {store_path} {root_file}"}},
      {"directory", {"trustready store add {store_path} {root_file}"}},
      {"jks", {keytool_import("{root_file}", ""), "or upgrade the Java runtime: {first_ready_java}"}},
      {"pkcs12",
       {keytool_import("{root_file}", " -storetype PKCS12"), "or upgrade the Java runtime: {first_ready_java}"}},
      // NODE_EXTRA_CA_CERTS names one file, added to whatever node reads.
      {"node",
       {"cat {root_files} > \"$HOME/.node-extra-ca-certs.pem\"",
        "export NODE_EXTRA_CA_CERTS=\"$HOME/.node-extra-ca-certs.pem\"",
        "or upgrade Node.js to a release whose bundled roots hold them"}},
      {"node-extra", {"cat {root_files} >> {node_extra_ca_certs}"}},
      {"certifi",
       {"trustready store add {store_path} {root_file}",
        "or python3 -m pip install --upgrade certifi (a new certifi replaces the file, and the roots added to it)"}},
      {"nss", {"certutil -A -d sql:{store_path} -n '{root_name}' -t 'C,,' -i {root_file}"}},
      {"platform", {"or upgrade the platform: {first_ready}"}},
      {"any", {"or add {root_name} ({root_file}) to this client's trust store"}},
      {"tree:debian-system",
       {context, "COPY {root_base} /usr/local/share/ca-certificates/{root_alias}.crt", "RUN update-ca-certificates"}},
      {"tree:rhel-system",
       {context, "COPY {root_base} /etc/pki/ca-trust/source/anchors/{root_alias}.pem", "RUN update-ca-trust extract"}},
      {"tree:suse-system",
       {context, "COPY {root_base} /etc/pki/trust/anchors/{root_alias}.pem", "RUN update-ca-certificates"}},
      {"tree:pem", {context, "COPY {root_base} /tmp/{root_base}", "RUN cat /tmp/{root_base} >> {store_path}"}},
      {"tree:der", {"or the DER file {store_path} holds one certificate: point its client at a PEM bundle"}},
      {"tree:certifi", {context, "COPY {root_base} /tmp/{root_base}", "RUN cat /tmp/{root_base} >> {store_path}"}},
      // OpenSSL's CApath lookup reads HASH.0 as it is: no tool needed.
      {"tree:directory", {context, "COPY {root_base} {store_path}/{root_hash}.0"}},
      {"tree:jks",
       {context, "COPY {root_base} /tmp/{root_base}", "RUN " + keytool_import("/tmp/{root_base}", ""),
        "or upgrade the image's Java runtime: {first_ready_java}"}},
      {"tree:pkcs12",
       {context, "COPY {root_base} /tmp/{root_base}",
        "RUN " + keytool_import("/tmp/{root_base}", " -storetype PKCS12"),
        "or upgrade the image's Java runtime: {first_ready_java}"}},
      {"tree:nss",
       {context, "COPY {root_base} /tmp/{root_base}",
        "RUN certutil -A -d sql:{store_path} -n '{root_name}' -t 'C,,' -i /tmp/{root_base}"}},
      {"tree:any", {"or add {root_name} to this client's trust store inside the image"}},
  };
}

Result<MigrationProfile> ParseProfileJson(const std::string& path, const std::string& dir) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.error();
  json j;
  try {
    j = json::parse(*text);
  } catch (const json::exception& e) {
    return ProfileError(path, std::string("not JSON: ") + e.what());
  }
  if (!j.is_object()) return ProfileError(path, "must be a JSON object");
  MigrationProfile p;
  p.dir = dir;
  p.manifest_path = path;
  try {
    p.name = Str(j, "name", fs::path(dir).filename().string());
    p.title = Str(j, "title", p.name);
    p.status = Str(j, "status", "current");
    if (p.status != "current" && p.status != "historical")
      return MakeError(ErrorKind::kFormat, p.manifest_path + ": \"status\" must be \"current\" or \"historical\"");
    p.as_of = Str(j, "as_of", "");
    p.source = Str(j, "source", "");
    p.description = Str(j, "description");
    p.references = StrList(j, "references");
    p.alternatives = StrList(j, "alternatives");
    if (!j.contains("roots") || !j["roots"].is_array() || j["roots"].empty()) {
      return ProfileError(path, "'roots' must be a non-empty array");
    }
    std::set<std::string> ids;
    for (const json& r : j["roots"]) {
      ProfileRoot root;
      root.id = Str(r, "id");
      if (root.id.empty()) return ProfileError(path, "a root has no 'id'");
      if (!ids.insert(root.id).second) return ProfileError(path, "root id '" + root.id + "' repeated");
      auto cert = LoadOne(dir, Str(r, "file"), &root.file);
      if (!cert.ok()) return ProfileError(path, "root '" + root.id + "': " + cert.error().message);
      root.cert = *cert;
      root.name = Str(r, "name", root.cert->DisplayName());
      root.alias = Str(r, "alias", root.id);
      root.note = Str(r, "note");
      p.roots.push_back(std::move(root));
    }
    if (j.contains("cross_certificates")) {
      if (!j["cross_certificates"].is_array()) return ProfileError(path, "'cross_certificates' must be an array");
      for (const json& c : j["cross_certificates"]) {
        ProfileCrossCertificate cross;
        auto cert = LoadOne(dir, Str(c, "file"), &cross.file);
        if (!cert.ok()) return ProfileError(path, "cross-certificate: " + cert.error().message);
        cross.cert = *cert;
        cross.presented_by_servers = c.value("presented_by_servers", false);
        p.cross_certificates.push_back(std::move(cross));
      }
    }
    if (!j.contains("hierarchies") || !j["hierarchies"].is_array() || j["hierarchies"].empty()) {
      return ProfileError(path, "'hierarchies' must be a non-empty array");
    }
    for (const json& h : j["hierarchies"]) {
      ProfileHierarchy hier;
      hier.id = Str(h, "id");
      if (hier.id.empty()) return ProfileError(path, "a hierarchy has no 'id'");
      hier.title = Str(h, "title", hier.id);
      hier.root_id = Str(h, "root");
      if (p.FindRoot(hier.root_id) == nullptr) {
        return ProfileError(path, "hierarchy '" + hier.id + "': root '" + hier.root_id + "' is not in 'roots'");
      }
      hier.required = h.value("required", true);
      for (const std::string& f : StrList(h, "issuing_cas")) {
        std::string abs;
        auto cert = LoadOne(dir, f, &abs);
        if (!cert.ok()) return ProfileError(path, "hierarchy '" + hier.id + "': " + cert.error().message);
        if (!IsCa(**cert)) return ProfileError(path, abs + ": not a CA certificate (an issuing CA must be one)");
        hier.files.push_back(abs);
        hier.issuing_cas.push_back(*cert);
      }
      if (hier.issuing_cas.empty()) return ProfileError(path, "hierarchy '" + hier.id + "' has no issuing_cas");
      p.hierarchies.push_back(std::move(hier));
    }
    p.remediation = DefaultRemediation();
    if (j.contains("remediation")) {
      if (!j["remediation"].is_object()) return ProfileError(path, "'remediation' must be an object");
      for (const auto& [kind, lines] : j["remediation"].items()) {
        p.remediation[kind] = StrList(j["remediation"], kind.c_str());
      }
    }
  } catch (const std::exception& e) {
    return ProfileError(path, e.what());
  }
  return p;
}

}  // namespace

const ProfileRoot* MigrationProfile::FindRoot(const std::string& id) const {
  for (const ProfileRoot& r : roots) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

std::vector<CertificatePtr> MigrationProfile::Pool() const {
  std::vector<CertificatePtr> out;
  for (const auto& h : hierarchies) out.insert(out.end(), h.issuing_cas.begin(), h.issuing_cas.end());
  for (const auto& c : cross_certificates) out.push_back(c.cert);
  return out;
}

std::vector<std::string> ListProfiles() {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(DataDir() + "/profiles", ec)) {
    if (e.is_directory(ec) && fs::exists(e.path() / "profile.json", ec)) {
      out.push_back(e.path().filename().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

Result<MigrationProfile> LoadProfile(const std::string& name_or_path) {
  if (name_or_path.empty()) return MakeError(ErrorKind::kInvalidArgument, "empty profile name");
  std::string dir, file;
  const bool looks_like_path = name_or_path.find('/') != std::string::npos ||
                               name_or_path.find('.') != std::string::npos;
  if (looks_like_path || IsDirectory(name_or_path)) {
    if (IsDirectory(name_or_path)) {
      dir = name_or_path;
      file = dir + "/profile.json";
    } else {
      file = name_or_path;
      dir = fs::path(name_or_path).parent_path().string();
      if (dir.empty()) dir = ".";
    }
  } else {
    dir = DataDir() + "/profiles/" + name_or_path;
    file = dir + "/profile.json";
    if (!IsDirectory(dir)) {
      std::string known;
      for (const auto& n : ListProfiles()) known += (known.empty() ? "" : ", ") + n;
      return MakeError(ErrorKind::kInvalidArgument,
                       "no profile named '" + name_or_path + "' (built in: " + known + ")");
    }
  }
  return ParseProfileJson(file, dir);
}

Result<MigrationProfile> CreateProfileFromChain(const ProfileFromChainOptions& o) {
  if (o.out_dir.empty()) return MakeError(ErrorKind::kInvalidArgument, "no output directory");
  std::vector<CertificatePtr> all;
  std::set<std::string> seen;
  auto add_file = [&](const std::string& f) -> Status {
    auto certs = LoadCertificatesFromFile(f);
    if (!certs.ok()) return certs.error();
    for (auto& c : *certs) {
      if (seen.insert(c->Sha256Hex()).second) all.push_back(c);
    }
    return {};
  };
  if (Status s = add_file(o.chain_file); !s.ok()) return s.error();
  for (const auto& f : o.extra_roots) {
    if (Status s = add_file(f); !s.ok()) return s.error();
  }
  std::vector<CertificatePtr> roots, crosses, issuing;
  for (const auto& c : all) {
    if (!IsCa(*c)) continue;  // leaves: reissued often, not part of a profile
    if (c->IsSelfIssued()) roots.push_back(c);
  }
  for (const auto& c : all) {
    if (!IsCa(*c) || c->IsSelfIssued()) continue;
    bool is_cross = false;
    for (const auto& r : roots) {
      is_cross |= r->NormalizedSubject() == c->NormalizedSubject() || r->spki_sha256() == c->spki_sha256();
    }
    (is_cross ? crosses : issuing).push_back(c);
  }
  if (issuing.empty()) {
    return MakeError(ErrorKind::kInvalidArgument,
                     o.chain_file + ": no issuing CA certificate (a CA that is neither a root nor a cross-certificate)");
  }
  // The root each issuing CA chains to, by names, within the inputs.
  auto root_of = [&](const CertificatePtr& ca) -> CertificatePtr {
    CertificatePtr cur = ca;
    for (int depth = 0; depth < 10; ++depth) {
      for (const auto& r : roots) {
        if (r->NormalizedSubject() == cur->NormalizedIssuer()) return r;
      }
      CertificatePtr next;
      for (const auto& c : issuing) {
        if (c != cur && c->NormalizedSubject() == cur->NormalizedIssuer()) next = c;
      }
      for (const auto& c : crosses) {
        if (c->NormalizedSubject() == cur->NormalizedIssuer()) next = c;
      }
      if (!next) return nullptr;
      cur = next;
    }
    return nullptr;
  };
  // Resolve everything before writing anything: a failure leaves no
  // half-written profile behind.
  std::vector<CertificatePtr> issuing_roots;
  for (const auto& ca : issuing) {
    CertificatePtr root = root_of(ca);
    if (!root) {
      return MakeError(ErrorKind::kInvalidArgument,
                       o.chain_file + ": the root of '" + ca->DisplayName() +
                           "' is not in the input; pass it with --root FILE");
    }
    issuing_roots.push_back(root);
  }
  std::error_code ec;
  if (fs::exists(o.out_dir, ec) && !fs::is_empty(o.out_dir, ec) && !o.force) {
    return MakeError(ErrorKind::kInvalidArgument, o.out_dir + ": exists and is not empty (use --force)");
  }
  fs::create_directories(o.out_dir + "/roots", ec);
  fs::create_directories(o.out_dir + "/cross", ec);
  fs::create_directories(o.out_dir + "/issuing", ec);
  if (ec) return MakeError(ErrorKind::kIo, o.out_dir + ": " + ec.message());

  json j;
  j["name"] = o.name.empty() ? fs::path(o.out_dir).filename().string() : o.name;
  j["title"] = o.title.empty() ? "Profile built from " + fs::path(o.chain_file).filename().string() : o.title;
  j["description"] = "Built by `trustready profiles create` from " + o.chain_file + ".";
  j["roots"] = json::array();
  j["cross_certificates"] = json::array();
  j["hierarchies"] = json::array();
  std::map<std::string, std::string> root_ids;  // sha256 -> id
  std::set<std::string> used_ids;
  auto write_pem = [&](const std::string& rel, const CertificatePtr& c) -> Status {
    return WriteFileAtomic(o.out_dir + "/" + rel, EncodePem("CERTIFICATE", c->der()));
  };
  for (const auto& r : roots) {
    std::string id = Slug(r->DisplayName());
    while (!used_ids.insert(id).second) id += "-" + r->Sha256Hex().substr(0, 6);
    root_ids[r->Sha256Hex()] = id;
    std::string rel = "roots/" + id + ".pem";
    if (Status s = write_pem(rel, r); !s.ok()) return s.error();
    j["roots"].push_back({{"id", id}, {"file", rel}, {"alias", id}});
  }
  for (const auto& c : crosses) {
    std::string rel = "cross/" + Slug(c->DisplayName()) + "-" + c->Sha256Hex().substr(0, 8) + ".pem";
    if (Status s = write_pem(rel, c); !s.ok()) return s.error();
    j["cross_certificates"].push_back({{"file", rel}, {"presented_by_servers", true}});
  }
  std::map<std::string, json> hier;  // root id -> hierarchy
  for (size_t i = 0; i < issuing.size(); ++i) {
    const CertificatePtr& ca = issuing[i];
    const CertificatePtr& root = issuing_roots[i];
    const std::string& rid = root_ids[root->Sha256Hex()];
    std::string rel = "issuing/" + Slug(ca->DisplayName()) + "-" + ca->Sha256Hex().substr(0, 8) + ".pem";
    if (Status s = write_pem(rel, ca); !s.ok()) return s.error();
    json& h = hier[rid];
    if (h.is_null()) {
      h = {{"id", rid}, {"title", root->DisplayName() + " (" + root->KeyDescription() + ")"},
           {"root", rid}, {"required", true}, {"issuing_cas", json::array()}};
    }
    h["issuing_cas"].push_back(rel);
  }
  for (auto& [id, h] : hier) j["hierarchies"].push_back(h);
  j["alternatives"] = {
      "Serve the endpoint under a name of your own with a certificate from a CA this client already trusts."};
  if (Status s = WriteFileAtomic(o.out_dir + "/profile.json", j.dump(2) + "\n"); !s.ok()) return s.error();
  return LoadProfile(o.out_dir);
}

Status CheckServableProfile(const std::string& name) {
  if (name == "demo") return {};
  auto migration = LoadProfile(name);
  if (migration.ok()) {
    return MakeError(ErrorKind::kInvalidArgument,
                     "--profile " + name + ": a migration profile (" + migration->title +
                         ") holds the CA's certificates but not its keys, so serve cannot present its chains; "
                         "use --profile demo, or --config FILE with certificates and keys you own");
  }
  return MakeError(ErrorKind::kInvalidArgument, "--profile " + name +
                                                    ": unknown; serve knows the built-in 'demo' profile "
                                                    "(use --config FILE to serve your own certificates)");
}

}  // namespace trustready
