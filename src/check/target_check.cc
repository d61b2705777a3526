// Endpoint readiness: a live https:// target or a chain file, judged
// against every store like `verify`, with AIA fetching modelled for the
// clients that do it. See include/trustready/check/check.h.
#include <sys/stat.h>

#include <algorithm>
#include <iterator>
#include <set>

#include "trustready/check/check.h"
#include "trustready/verify/hostname.h"
#include "trustready/x509/cert_fields.h"
#include "trustready/x509/pem.h"
#include "trustready/x509/oids.h"

namespace trustready {
namespace {

bool IsRegularFile(const std::string& p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

// Certificates fetched from AIA caIssuers for certificates of `chain` whose
// issuer is not among the known ones, level by level (at most three levels,
// at most eight fetches: a hostile AIA graph must not keep us busy).
void FetchMissingIssuers(const std::vector<CertificatePtr>& chain, const AiaFetchLimits& limits,
                         std::vector<CertificatePtr>* fetched, std::vector<std::string>* notes) {
  std::set<std::string> have_subjects, have_sha;
  for (const auto& c : chain) {
    have_subjects.insert(c->NormalizedSubject());
    have_sha.insert(c->Sha256Hex());
  }
  std::set<std::string> tried;
  std::vector<CertificatePtr> frontier = chain;
  int fetches = 0;
  for (int level = 0; level < 3 && !frontier.empty(); ++level) {
    std::vector<CertificatePtr> next;
    for (const auto& c : frontier) {
      if (c->IsSelfIssued() || have_subjects.count(c->NormalizedIssuer()) != 0) continue;
      for (const std::string& url : AiaUris(c->parsed(), oid::kAdCaIssuers)) {
        if (url.rfind("http://", 0) != 0 || !tried.insert(url).second) continue;
        if (++fetches > 8) return;
        auto got = FetchAiaCertificates(url, limits);
        if (!got.ok()) {
          notes->push_back("AIA " + url + ": " + got.error().message);
          continue;
        }
        for (auto& der : *got) {
          auto cert = Certificate::Parse(std::move(der));
          if (!cert.ok()) {
            notes->push_back("AIA " + url + ": not a certificate: " + cert.error().ToString());
            continue;
          }
          if (!have_sha.insert((*cert)->Sha256Hex()).second) continue;
          have_subjects.insert((*cert)->NormalizedSubject());
          fetched->push_back(*cert);
          next.push_back(*cert);
        }
      }
    }
    frontier = std::move(next);
  }
}

}  // namespace

std::string_view TargetStatusName(TargetStatus status) {
  switch (status) {
    case TargetStatus::kTrusted: return "trusted";
    case TargetStatus::kNotTrusted: return "not_trusted";
    case TargetStatus::kUnknown: return "unknown";
    case TargetStatus::kError: break;
  }
  return "error";
}

namespace {

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A target without a scheme that reads as a file name rather than a host:
// "./x", "/x", "~/x", "dir/chain", "chain.pem". ("host:443/path" is an
// endpoint: its first segment holds a port.)
bool LooksLikePath(const std::string& t) {
  if (t.find("://") != std::string::npos) return false;
  if (t[0] == '/' || t[0] == '.' || t[0] == '~') return true;
  for (const char* ext : {".pem", ".crt", ".cer", ".der", ".p7b", ".p7c", ".chain", ".txt", ".cert"}) {
    if (EndsWith(t, ext)) return true;
  }
  const size_t slash = t.find('/');
  return slash != std::string::npos && t.substr(0, slash).find(':') == std::string::npos;
}

}  // namespace

// A target file holds what a server sends: a leaf, then its issuers. A file
// that starts with a CA certificate followed by certificates that did not
// issue it (a PEM bundle such as ca-certificates.crt) is a trust store, and
// judging it as a chain would call it "trusted" because one of its roots is
// in the store. Named as what it is instead.
Status RefuseBundle(const std::string& name, const std::vector<CertificatePtr>& chain) {
  if (chain.size() < 2) return {};
  const Certificate& first = *chain[0];
  const bool ca = first->basic_constraints && first->basic_constraints->is_ca;
  if (!ca) return {};
  if (!first.IsSelfIssued() && chain[1]->NormalizedSubject() == first.NormalizedIssuer()) return {};
  return MakeError(ErrorKind::kFormat,
                   name + ": a bundle of " + std::to_string(chain.size()) + " CA certificates (a trust store, starting with " +
                       first.DisplayName() + "), not a server's chain (judge it as a store: " +
                       (name == "-" ? std::string("save it to a file and give it as --store FILE)")
                                    : "`trustready check --store " + name + "`)"));
}

Result<TargetInput> ReadTarget(const std::string& target, std::istream& stdin_stream) {
  TargetInput out;
  out.target = target;
  if (target.empty()) return MakeError(ErrorKind::kInvalidArgument, "empty target");
  if (target == "-") {
    std::string bytes((std::istreambuf_iterator<char>(stdin_stream)), std::istreambuf_iterator<char>());
    if (bytes.empty()) return MakeError(ErrorKind::kIo, "-: nothing on standard input (expected a PEM or DER chain)");
    auto certs = LoadCertificatesFromBytes(bytes, "standard input");
    if (!certs.ok()) return certs.error();
    for (auto& c : *certs) out.chain.push_back(c.cert);
    if (Status b = RefuseBundle("-", out.chain); !b.ok()) return b.error();
    return out;
  }
  if (IsRegularFile(target)) {
    auto certs = LoadCertificatesFromFile(target);
    if (!certs.ok()) return certs.error();
    out.chain = *certs;
    if (Status b = RefuseBundle(target, out.chain); !b.ok()) return b.error();
    return out;
  }
  if (LooksLikePath(target)) {
    struct stat st;
    if (::stat(target.c_str(), &st) != 0) return MakeError(ErrorKind::kIo, target + ": no such file");
    return MakeError(ErrorKind::kIo, target + ": not a regular file (expected a chain file)");
  }
  auto parsed = ParseEndpointTarget(target);
  if (!parsed.ok()) {
    return MakeError(ErrorKind::kInvalidArgument,
                     "'" + target + "' is neither a chain file nor an endpoint: " + parsed.error().message);
  }
  out.endpoint = *parsed;
  return out;
}

TargetCheck CheckTarget(const TargetInput& input, const MigrationProfile& profile,
                        const std::vector<CheckedStore>& stores, const TargetCheckOptions& options) {
  TargetCheck out;
  out.target = input.target;
  auto failed = [&out](Error why) {
    TargetCheck e;
    e.target = out.target;
    e.live = out.live;
    e.status = TargetStatus::kError;
    e.error = why.message;
    e.failure = std::move(why);
    return e;
  };
  std::string host = options.host;
  if (!input.endpoint) {
    out.chain = input.chain;
  } else {
    const EndpointTarget& parsed = *input.endpoint;
    out.live = true;
    auto probe = ProbeEndpoint(parsed, options.probe);
    if (!probe.ok()) return failed(probe.error());
    // A client that connects with a chosen SNI name checks the certificate
    // against that name.
    if (host.empty()) host = options.probe.server_name.empty() ? parsed.host : options.probe.server_name;
    for (size_t i = 0; i < probe->chain.size(); ++i) {
      auto cert = Certificate::Parse(probe->chain[i]);
      if (!cert.ok()) {
        // The parser's kind and detail id (x509.*, der.*) stay.
        return failed(MakeError(cert.error().kind, cert.error().detail,
                                parsed.Authority() + ": presented certificate #" + std::to_string(i) +
                                    " does not parse: " + cert.error().ToString()));
      }
      out.chain.push_back(*cert);
    }
    if (out.chain.empty()) {
      return failed(MakeError(ErrorKind::kNetwork, "network.no_certificate", parsed.Authority() + ": presented no certificate"));
    }
    out.probe = std::move(probe).value();
  }

  // Does the chain use the migration's CAs?
  for (const auto& h : profile.hierarchies) {
    for (const auto& ca : h.issuing_cas) {
      for (size_t i = 0; i < out.chain.size(); ++i) {
        const auto& c = out.chain[i];
        if (c->sha256() == ca->sha256() ||
            (i == 0 && c->NormalizedIssuer() == ca->NormalizedSubject() && c->parsed().authority_key_id &&
             c->parsed().authority_key_id->key_identifier && ca->parsed().subject_key_id &&
             *c->parsed().authority_key_id->key_identifier == *ca->parsed().subject_key_id)) {
          out.serves_profile = true;
          std::string m = ca->DisplayName() + " (" + h.title + ")";
          if (std::find(out.profile_matches.begin(), out.profile_matches.end(), m) == out.profile_matches.end()) {
            out.profile_matches.push_back(m);
          }
        }
      }
    }
  }

  VerifyOptions vo;
  vo.time = options.check.time == 0 ? Now() : options.check.time;
  vo.purpose = VerifyPurpose::kServerAuth;
  vo.crls = options.crls;
  if (!host.empty()) {
    auto h = ParseHostName(host);
    if (!h.ok()) return failed(MakeError(h.error().kind, h.error().detail, "host '" + host + "': " + h.error().message));
    vo.host = *h;
  }
  const CertificatePtr& leaf = out.chain.front();
  std::vector<CertificatePtr> untrusted(out.chain.begin() + 1, out.chain.end());
  bool any_untrusted = false;
  for (const CheckedStore& cs : stores) {
    TargetStoreVerdict v;
    v.store = cs.store.name().empty() ? cs.store.source() : cs.store.name();
    VerifyOptions o = vo;
    o.client = cs.behavior;
    v.result = VerifyChain(leaf, untrusted, cs.store, o, options.check.cache);
    v.trusted = v.result.trusted;
    if (!options.check.pins.empty()) v.pins_ok = v.trusted && PathHoldsPin(v.result.ValidPath()->certificates, options.check.pins);
    any_untrusted |= !v.trusted;
    out.stores.push_back(std::move(v));
  }
  if (any_untrusted && options.fetch_aia) {
    FetchMissingIssuers(out.chain, options.aia, &out.aia_fetched, &out.aia_notes);
    if (!out.aia_fetched.empty()) {
      std::vector<CertificatePtr> pool = untrusted;
      pool.insert(pool.end(), out.aia_fetched.begin(), out.aia_fetched.end());
      for (size_t i = 0; i < stores.size(); ++i) {
        TargetStoreVerdict& v = out.stores[i];
        if (v.trusted) continue;
        VerifyOptions o = vo;
        o.client = stores[i].behavior;
        v.with_aia = VerifyChain(leaf, pool, stores[i].store, o, options.check.cache);
        v.trusted_with_aia = v.with_aia->trusted;
      }
    }
  }
  // Lifetime: the clients known to enforce it reject the leaf however
  // valid its path (only platform snapshots of those clients; a private
  // root or another client's store is unaffected).
  std::vector<CertificatePtr> roots;
  for (size_t i = 0; i < stores.size(); ++i) {
    TargetStoreVerdict& v = out.stores[i];
    const VerifyResult* r = v.trusted ? &v.result : v.trusted_with_aia ? &*v.with_aia : nullptr;
    if (r == nullptr) continue;
    roots.push_back(r->ValidPath()->certificates.back());
    const TrustStore& ts = stores[i].store;
    if (ts.format() != StoreFormat::kPlatform || (leaf->parsed().basic_constraints && leaf->parsed().basic_constraints->is_ca)) continue;
    const std::string platform = ts.name().substr(0, ts.name().find(':'));
    std::string why = ClientLifetimeRejection(platform, *leaf);
    if (why.empty()) continue;
    v.lifetime_rejected = std::move(why);
    v.trusted = v.trusted_with_aia = false;
  }
  if (roots.empty() && out.chain.back()->IsSelfIssued()) roots.push_back(out.chain.back());
  // The TLS lifetime limits are about subscriber certificates: a chain
  // file that starts with a CA certificate gets none.
  const bool leaf_is_ca = leaf->parsed().basic_constraints && leaf->parsed().basic_constraints->is_ca;
  auto platforms = LoadPlatformData();
  if (!leaf_is_ca) out.lifetime = AssessLeafLifetime(*leaf, roots, platforms.ok() ? platforms->get() : nullptr);
  if (options.server_auth_only) {
    std::vector<CertificatePtr> judged = out.chain;
    if (!roots.empty() && std::none_of(judged.begin(), judged.end(),
                                       [&](const CertificatePtr& c) { return c->sha256() == roots.front()->sha256(); })) {
      judged.push_back(roots.front());
    }
    out.server_auth = CheckServerAuthOnly(judged);
  }
  out.trusted = !out.stores.empty();
  for (const auto& v : out.stores) out.trusted &= v.trusted && v.pins_ok.value_or(true);
  out.status = out.trusted ? TargetStatus::kTrusted : TargetStatus::kNotTrusted;
  return out;
}

}  // namespace trustready
