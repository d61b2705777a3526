// Certificate rendering (text and JSON).
#include "trustready/report/cert_report.h"

#include <cstdio>

#include "trustready/x509/cert_fields.h"
#include "trustready/x509/oids.h"

namespace trustready {

std::string HashHex(uint32_t hash) {
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", hash);
  return buf;
}

namespace {
std::vector<std::string> EkuNames(const ParsedCertificate& c) {
  std::vector<std::string> out;
  if (!c.extended_key_usage) return out;
  for (const auto& o : *c.extended_key_usage) out.push_back(EkuName(o));
  return out;
}
std::string SerialHex(der::Input serial) {
  // Drop the sign-padding zero octet, as openssl -serial does.
  if (serial.size() > 1 && serial[0] == 0) serial = serial.Sub(1, serial.size() - 1);
  return der::Hex(serial);
}
}  // namespace

nlohmann::json CertificateToJson(const Certificate& cert) {
  const ParsedCertificate& c = cert.parsed();
  const auto sha1 = cert.Sha1();
  nlohmann::json j;
  j["subject"] = c.subject.ToRfc4514();
  j["issuer"] = c.issuer.ToRfc4514();
  j["name"] = cert.DisplayName();
  j["version"] = c.version;
  j["serial"] = SerialHex(c.serial);
  j["not_before"] = FormatRfc3339(c.not_before);
  j["not_after"] = FormatRfc3339(c.not_after);
  j["key"] = cert.KeyDescription();
  j["signature_algorithm"] = std::string(SignatureAlgorithmName(c.signature_algorithm.signature));
  j["sha256"] = cert.Sha256Hex();
  j["sha1"] = der::Hex(der::Input(sha1.data(), sha1.size()));
  j["spki_sha256"] = der::Hex(der::Input(cert.spki_sha256().data(), 32));
  j["subject_hash"] = HashHex(cert.SubjectHash());
  j["subject_hash_old"] = HashHex(cert.SubjectHashOld());
  j["self_issued"] = cert.IsSelfIssued();
  j["is_ca"] = c.basic_constraints && c.basic_constraints->is_ca;
  j["path_len"] = c.basic_constraints && c.basic_constraints->path_len
                      ? nlohmann::json(*c.basic_constraints->path_len)
                      : nlohmann::json(nullptr);
  j["key_usage"] = KeyUsageNames(c);
  j["extended_key_usage"] = EkuNames(c);
  j["san_dns"] = SanDnsNames(c);
  j["san_ip"] = SanIpAddresses(c);
  j["subject_key_id"] = c.subject_key_id ? nlohmann::json(der::Hex(*c.subject_key_id)) : nlohmann::json(nullptr);
  j["authority_key_id"] = c.authority_key_id && c.authority_key_id->key_identifier
                              ? nlohmann::json(der::Hex(*c.authority_key_id->key_identifier))
                              : nlohmann::json(nullptr);
  j["ca_issuers"] = AiaUris(c, oid::kAdCaIssuers);
  j["ocsp"] = AiaUris(c, oid::kAdOcsp);
  j["crl_distribution_points"] = CrlUris(c);
  j["sct_count"] = c.scts ? c.scts->size() : 0;
  nlohmann::json scts = nlohmann::json::array();
  if (c.scts) {
    for (const auto& s : *c.scts) {
      scts.push_back({{"log_id", der::Hex(s.log_id)},
                      {"timestamp", FormatRfc3339(static_cast<UnixTime>(s.timestamp_ms / 1000))}});
    }
  }
  j["scts"] = scts;
  nlohmann::json unknown = nlohmann::json::array();
  for (const auto& e : c.extensions) {
    if (!e.understood) unknown.push_back({{"oid", der::OidToString(e.oid)}, {"critical", e.critical}});
  }
  j["unknown_extensions"] = unknown;
  return j;
}

std::string CertificateToText(const Certificate& cert, const TextStyle& style) {
  const ParsedCertificate& c = cert.parsed();
  auto bold = [&](const std::string& s) { return style.color ? "\x1b[1m" + s + "\x1b[0m" : s; };
  auto join = [](const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
    return s;
  };
  std::string out;
  auto line = [&](const std::string& k, const std::string& v) {
    if (v.empty()) return;
    out += "  " + k + std::string(k.size() < 14 ? 14 - k.size() : 1, ' ') + v + "\n";
  };
  out += bold(cert.DisplayName()) + "\n";
  line("subject", c.subject.ToRfc4514());
  line("issuer", c.issuer.ToRfc4514() + (cert.IsSelfIssued() ? " (self-issued)" : ""));
  line("validity", FormatRfc3339(c.not_before) + " .. " + FormatRfc3339(c.not_after));
  line("serial", SerialHex(c.serial));
  line("key", cert.KeyDescription());
  line("signature", std::string(SignatureAlgorithmName(c.signature_algorithm.signature)));
  line("sha256", der::HexColon(der::Input(cert.sha256().data(), 32)));
  const auto sha1 = cert.Sha1();
  line("sha1", der::HexColon(der::Input(sha1.data(), sha1.size())));
  line("spki sha256", der::Hex(der::Input(cert.spki_sha256().data(), 32)));
  line("hash", HashHex(cert.SubjectHash()) + ".0 (old: " + HashHex(cert.SubjectHashOld()) + ".0)");
  if (c.basic_constraints) {
    std::string bc = c.basic_constraints->is_ca ? "CA" : "not a CA";
    if (c.basic_constraints->path_len) bc += ", path length " + std::to_string(*c.basic_constraints->path_len);
    line("constraints", bc);
  }
  line("key usage", join(KeyUsageNames(c)));
  std::vector<std::string> ekus;
  if (c.extended_key_usage) for (const auto& o : *c.extended_key_usage) ekus.push_back(EkuName(o));
  line("ext key usage", join(ekus));
  std::vector<std::string> sans = SanDnsNames(c);
  for (auto& ip : SanIpAddresses(c)) sans.push_back(ip);
  line("SANs", join(sans));
  if (c.name_constraints) line("name constr.", "present" + std::string(c.extensions.empty() ? "" : ""));
  line("CA issuers", join(AiaUris(c, oid::kAdCaIssuers)));
  line("OCSP", join(AiaUris(c, oid::kAdOcsp)));
  line("CRL", join(CrlUris(c)));
  if (c.scts) line("SCTs", std::to_string(c.scts->size()));
  return out;
}

}  // namespace trustready
