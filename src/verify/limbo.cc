// x509-limbo runner: maps each test case onto VerifyOptions.
//
// Mapping: validation_kind SERVER -> purpose server with the
// expected_peer_name as host (DNS or IP); CLIENT -> purpose client, no host
// (x509-limbo's CLIENT peer names are e-mail addresses, which only name
// constraints look at); extended_key_usage / key_usage -> required on the
// leaf; max_chain_depth -> max intermediates; crls -> CRLs;
// validation_time (floored to the second) or now. Anchors are held to the
// certificate profile (strict_anchors), which is what the suite tests.
#include "trustready/verify/limbo.h"

#include <nlohmann/json.hpp>

#include "trustready/x509/pem.h"
#include "trustready/verify/verify.h"
#include "trustready/x509/oids.h"

namespace trustready {
namespace {

using nlohmann::json;

Result<std::vector<CertificatePtr>> ParseCerts(const std::string& pem, const std::string& what) {
  auto loaded = LoadCertificatesFromBytes(pem, what);
  if (!loaded.ok()) return loaded.error();
  std::vector<CertificatePtr> out;
  for (auto& l : *loaded) out.push_back(l.cert);
  return out;
}

Result<UnixTime> ParseLimboTime(std::string text) {
  // "2024-03-01T00:00:00.999+00:00": drop the fraction (floor), RFC 5280
  // times have whole seconds.
  size_t dot = text.find('.');
  if (dot != std::string::npos) {
    size_t end = dot + 1;
    while (end < text.size() && isdigit(static_cast<unsigned char>(text[end]))) ++end;
    text.erase(dot, end - dot);
  }
  return ParseRfc3339(text);
}

std::optional<der::Input> EkuOid(const std::string& name) {
  if (name == "serverAuth") return oid::kEkuServerAuth;
  if (name == "clientAuth") return oid::kEkuClientAuth;
  if (name == "codeSigning") return oid::kEkuCodeSigning;
  if (name == "emailProtection") return oid::kEkuEmailProtection;
  if (name == "timeStamping") return oid::kEkuTimeStamping;
  if (name == "OCSPSigning") return oid::kEkuOcspSigning;
  if (name == "anyExtendedKeyUsage") return oid::kAnyEku;
  return std::nullopt;
}

std::optional<KeyUsageBit> KeyUsageByName(const std::string& name) {
  static const std::pair<const char*, KeyUsageBit> kBits[] = {
      {"digitalSignature", kDigitalSignature}, {"contentCommitment", kNonRepudiation},
      {"keyEncipherment", kKeyEncipherment},   {"dataEncipherment", kDataEncipherment},
      {"keyAgreement", kKeyAgreement},         {"keyCertSign", kKeyCertSign},
      {"cRLSign", kCrlSign},                   {"encipherOnly", kEncipherOnly},
      {"decipherOnly", kDecipherOnly}};
  for (const auto& [n, b] : kBits) {
    if (name == n) return b;
  }
  return std::nullopt;
}

LimboCaseResult RunCase(const json& tc) {
  LimboCaseResult r;
  r.id = tc.value("id", "");
  r.expected = tc.value("expected_result", "");
  auto fail = [&r](std::string why) {
    r.actual = "FAILURE";
    r.context = std::move(why);
    return r;
  };
  auto skip = [&r](std::string why) {
    r.actual = "SKIPPED";
    r.context = std::move(why);
    return r;
  };

  // Unparsable anchors are no anchors and unparsable intermediates are as
  // if not sent; what was dropped is added to the context of a FAILURE.
  std::string dropped;
  TrustStore store("limbo", StoreFormat::kPem, r.id);
  for (const auto& pem : tc.at("trusted_certs")) {
    auto certs = ParseCerts(pem.get<std::string>(), "trusted certificate");
    if (!certs.ok()) {
      dropped += "; unparsable " + certs.error().ToString();
      continue;
    }
    for (const auto& c : *certs) store.Add(TrustAnchor{c, {}, "limbo"});
  }
  std::vector<CertificatePtr> untrusted;
  for (const auto& pem : tc.at("untrusted_intermediates")) {
    auto certs = ParseCerts(pem.get<std::string>(), "intermediate");
    if (!certs.ok()) {
      dropped += "; unparsable " + certs.error().ToString();
      continue;
    }
    for (const auto& c : *certs) untrusted.push_back(c);
  }
  auto leaf = ParseCerts(tc.at("peer_certificate").get<std::string>(), "peer certificate");
  if (!leaf.ok()) return fail("peer certificate: " + leaf.error().ToString());

  VerifyOptions options;
  options.strict_anchors = true;
  const std::string kind = tc.value("validation_kind", "SERVER");
  if (kind == "SERVER") {
    options.purpose = VerifyPurpose::kServerAuth;
    if (tc.contains("expected_peer_name") && !tc["expected_peer_name"].is_null()) {
      const json& pn = tc["expected_peer_name"];
      const std::string pkind = pn.value("kind", "");
      if (pkind != "DNS" && pkind != "IP") return skip("peer name kind " + pkind + " not supported");
      auto host = ParseHostName(pn.value("value", ""));
      if (!host.ok()) return fail("peer name: " + host.error().message);
      if ((pkind == "IP") != (host->kind == HostName::Kind::kIp)) {
        return fail("peer name '" + pn.value("value", "") + "' is not a valid " + pkind + " name");
      }
      options.host = *host;
    }
  } else if (kind == "CLIENT") {
    options.purpose = VerifyPurpose::kClientAuth;
  } else {
    return skip("validation kind " + kind + " not supported");
  }
  if (tc.contains("validation_time") && !tc["validation_time"].is_null()) {
    auto t = ParseLimboTime(tc["validation_time"].get<std::string>());
    if (!t.ok()) return skip("validation_time: " + t.error().message);
    options.time = *t;
  }
  for (const auto& e : tc.value("extended_key_usage", json::array())) {
    auto o = EkuOid(e.get<std::string>());
    if (!o) return skip("unknown EKU " + e.get<std::string>());
    options.required_ekus.push_back(o->ToVector());
  }
  for (const auto& k : tc.value("key_usage", json::array())) {
    auto b = KeyUsageByName(k.get<std::string>());
    if (!b) return skip("unknown key usage " + k.get<std::string>());
    options.required_key_usages.push_back(*b);
  }
  if (tc.contains("max_chain_depth") && !tc["max_chain_depth"].is_null()) {
    options.max_intermediates = tc["max_chain_depth"].get<int>();
  }
  for (const auto& pem : tc.value("crls", json::array())) {
    auto crls = LoadCrlsFromBytes(pem.get<std::string>(), "CRL");
    if (!crls.ok()) return fail("CRL: " + crls.error().message);
    for (auto& c : *crls) options.crls.push_back(c);
  }

  VerifyResult v = VerifyChain(leaf->front(), untrusted, store, options);
  if (v.trusted) {
    r.actual = "SUCCESS";
    const VerifiedPath* p = v.ValidPath();
    r.context = "valid path of " + std::to_string(p->certificates.size()) + " certificates";
  } else {
    r.actual = "FAILURE";
    r.context = std::string(VerifyErrorCodeName(v.most_specific.code)) + ": " + v.most_specific.message +
                dropped;
  }
  return r;
}

}  // namespace

Result<LimboRun> RunLimbo(std::string_view suite_json) {
  json doc = json::parse(suite_json, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("testcases") ||
      !doc["testcases"].is_array()) {
    return MakeError(ErrorKind::kFormat, "not an x509-limbo suite (no \"testcases\" array)");
  }
  LimboRun run;
  for (const json& tc : doc["testcases"]) {
    LimboCaseResult r;
    try {
      r = RunCase(tc);
    } catch (const json::exception& e) {
      return MakeError(ErrorKind::kFormat, "test case " + tc.value("id", std::string("?")) +
                                               ": malformed (" + e.what() + ")");
    }
    if (r.actual == "SKIPPED") {
      ++run.skipped;
    } else if (r.actual == r.expected) {
      ++run.matched;
    } else {
      ++run.mismatched;
    }
    run.results.push_back(std::move(r));
  }
  return run;
}

}  // namespace trustready
