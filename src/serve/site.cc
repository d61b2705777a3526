#include "serve/site.h"

#include <filesystem>

#include "trustready/x509/pem.h"

namespace trustready::serve {

Site DemoSite(const DemoPki& pki, const std::string& domain) {
  Site site;
  site.domain = domain;
  auto add = [&](std::string name, std::string description, const std::string& leaf,
                 std::vector<std::string> extra, std::string new_root, std::string legacy_root,
                 std::string browser = "", std::string note = "") {
    SiteVariant v;
    v.name = std::move(name);
    v.description = std::move(description);
    v.expected_new_root = std::move(new_root);
    v.expected_legacy_root = std::move(legacy_root);
    v.expected_browser = browser.empty() ? v.expected_new_root : browser;
    v.note = std::move(note);
    v.chain_files.push_back(pki.CertPath(leaf));
    for (const auto& id : extra) v.chain_files.push_back(pki.CertPath(id));
    v.key_file = pki.KeyPath(leaf);
    site.variants.push_back(std::move(v));
  };
  add("new-chain", "leaf and issuing CA under the new root", "leaf-rsa2048", {"ica-rsa2048"},
      "pass", "fail");
  add("cross-signed", "as new-chain, plus the new root cross-signed by the legacy root",
      "leaf-rsa2048", {"ica-rsa2048", "cross-rsa2048"}, "pass", "pass");
  add("legacy", "leaf and issuing CA under the legacy root", "leaf-legacy", {"ica-legacy"}, "fail",
      "pass");
  add("expired", "leaf expired 30 days ago", "leaf-expired", {"ica-rsa2048"}, "fail", "fail");
  add("not-yet-valid", "leaf valid from 30 days from now", "leaf-not-yet-valid", {"ica-rsa2048"},
      "fail", "fail");
  add("wrong-host", "leaf for wrong-host.invalid only", "leaf-wrong-host", {"ica-rsa2048"}, "fail",
      "fail");
  add("untrusted-root", "chain to a root no client trusts", "leaf-untrusted", {"ica-untrusted"},
      "fail", "fail");
  add("revoked", "leaf on its issuer's CRL (published here)", "leaf-revoked", {"ica-rsa2048"},
      "fail", "fail", "pass",
      "only clients that check the CRL fail; browsers and curl do not by default");
  add("incomplete-chain", "leaf only, issuing CA not sent (AIA points here)", "leaf-rsa2048", {},
      "fail", "fail", "pass", "clients that fetch the AIA issuer (browsers) recover");
  add("sha1-intermediate", "issuing CA signed with SHA-1", "leaf-sha1", {"ica-sha1"}, "fail",
      "fail", "", "Java accepts SHA-1 below a root a user added (its 'SHA1 jdkCA' rule spares non-JDK anchors)");
  add("rsa1024-intermediate", "issuing CA with a 1024-bit RSA key", "leaf-rsa1024-ica", {"ica-rsa1024"}, "fail",
      "fail", "pass", "OpenSSL-based clients at security level 2 (curl, Python) refuse it; Chromium, Java, GnuTLS (wget) and Node.js accept RSA-1024");
  add("expired-root", "chain to a private root that expired 30 days ago (trust it to test)", "leaf-expired-root",
      {"ica-expired-root"}, "fail", "fail", "",
      "for clients trusting that root: OpenSSL-based clients, Node.js and GnuTLS refuse the expired anchor; Java does not check an anchor's validity");

  site.ca_files = {{"new_root", pki.CertPath("new-root-rsa2048")},
                   {"legacy_root", pki.CertPath("legacy-root")},
                   {"untrusted_root", pki.CertPath("untrusted-root")},
                   {"expired_root", pki.CertPath("expired-root")},
                   {"new_roots",
                    {pki.CertPath("new-root-rsa2048"), pki.CertPath("new-root-rsa4096"),
                     pki.CertPath("new-root-ec256"), pki.CertPath("new-root-ec384")}},
                   {"crl_bundle", pki.dir + "/crl/all.crl.pem"},
                   {"pki_dir", pki.dir},
                   {"manifest", pki.dir + "/manifest.json"}};
  for (const auto& e : pki.entries) {
    site.published.emplace_back("/certs/" + e.id + ".cer", pki.dir + "/" + e.der_file);
    site.published.emplace_back("/certs/" + e.id + ".pem", pki.dir + "/" + e.file);
  }
  for (const auto& c : pki.crls) {
    site.published.emplace_back("/crl/" + c.issuer_id + ".crl", pki.dir + "/" + c.file);
    site.published.emplace_back("/crl/" + c.issuer_id + ".crl.pem", pki.dir + "/" + c.pem_file);
  }
  return site;
}

Result<Site> SiteFromConfig(const std::string& path) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.error();
  auto bad = [&](const std::string& why) { return MakeError(ErrorKind::kFormat, path + ": " + why); };
  nlohmann::json j = nlohmann::json::parse(*text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return bad("not a JSON object");
  const std::filesystem::path base = std::filesystem::path(path).parent_path();
  auto resolve = [&](const std::string& p) {
    std::filesystem::path fp(p);
    return (fp.is_absolute() ? fp : base / fp).string();
  };
  Site site;
  site.domain = j.contains("domain") && j["domain"].is_string() ? j["domain"].get<std::string>()
                                                                 : "trustready.test";
  if (!j.contains("variants") || !j["variants"].is_array() || j["variants"].empty()) {
    return bad("'variants' must be a non-empty array");
  }
  for (const auto& v : j["variants"]) {
    if (!v.is_object()) return bad("a variant is not an object");
    SiteVariant sv;
    auto str = [&](const char* k) {
      return v.contains(k) && v[k].is_string() ? v[k].get<std::string>() : std::string();
    };
    sv.name = str("name");
    sv.description = str("description");
    sv.expected_new_root = str("expected_new_root");
    sv.expected_legacy_root = str("expected_legacy_root");
    sv.note = str("note");
    if (sv.name.empty() || sv.name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") !=
                               std::string::npos) {
      return bad("variant name '" + sv.name + "' must be lower-case letters, digits and '-'");
    }
    for (const auto* e : {&sv.expected_new_root, &sv.expected_legacy_root}) {
      if (*e != "pass" && *e != "fail") {
        return bad("variant '" + sv.name + "': expected_* must be \"pass\" or \"fail\"");
      }
    }
    sv.expected_browser = str("expected_browser").empty() ? sv.expected_new_root : str("expected_browser");
    if (str("chain").empty() || str("key").empty()) {
      return bad("variant '" + sv.name + "' needs \"chain\" and \"key\"");
    }
    sv.chain_files.push_back(resolve(str("chain")));
    sv.key_file = resolve(str("key"));
    site.variants.push_back(std::move(sv));
  }
  if (j.contains("ca_files") && j["ca_files"].is_object()) {
    for (auto& [k, v] : j["ca_files"].items()) {
      if (v.is_string()) site.ca_files[k] = resolve(v.get<std::string>());
    }
  }
  if (j.contains("publish") && j["publish"].is_object()) {
    for (auto& [k, v] : j["publish"].items()) {
      if (!v.is_string() || k.empty() || k[0] != '/') return bad("publish: '" + k + "' must map a /path to a file");
      site.published.emplace_back(k, resolve(v.get<std::string>()));
    }
  }
  return site;
}

}  // namespace trustready::serve
