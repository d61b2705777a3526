// `verify` as one call. See include/trustready/check/verify_stores.h.
#include "trustready/check/verify_stores.h"

#include "trustready/check/lifetime.h"

#include "trustready/verify/client_behavior.h"
#include "trustready/verify/hostname.h"
#include "trustready/x509/crl.h"
#include "trustready/x509/pem.h"

namespace trustready {

std::vector<std::string> VerifyReport::PlatformStores() const {
  std::vector<std::string> out;
  for (const StoreVerification& s : stores)
    if (s.platform) out.push_back(s.store);
  return out;
}

Result<VerifyReport> VerifyAgainstStores(const VerifyRequest& request) {
  VerifyReport report;
  // Inputs first: every bad input is an error before any verdict.
  auto leaf_certs = LoadCertificatesFromFile(request.leaf_file);
  if (!leaf_certs.ok()) return leaf_certs.error();
  report.leaf = leaf_certs->front();
  report.untrusted.assign(leaf_certs->begin() + 1, leaf_certs->end());
  for (const std::string& u : request.untrusted) {
    auto pool = LoadCertificatePool(u);
    if (!pool.ok()) return pool.error();
    report.untrusted.insert(report.untrusted.end(), pool->begin(), pool->end());
  }
  VerifyOptions options;
  options.target_is_ca = request.target_is_ca;
  options.purpose = request.purpose;
  options.policy = request.policy;
  options.require_revocation_status = request.require_revocation_status;
  report.purpose = request.purpose;
  report.host = request.host;
  if (!request.host.empty()) {
    auto h = ParseHostName(request.host);
    if (!h.ok()) return NamedBy(h.error(), "--host");
    options.host = *h;
  }
  report.time = options.time = request.time == 0 ? Now() : request.time;
  for (const std::string& f : request.crl_files) {
    auto crls = LoadCrlsFromFile(f);
    if (!crls.ok()) return crls.error();
    options.crls.insert(options.crls.end(), crls->begin(), crls->end());
  }
  StoreSelectRequest select = request.stores;
  if (select.specs.empty()) select.specs.push_back({"system", std::nullopt});
  auto selection = SelectStores(select);
  if (!selection.ok()) return NamedBy(selection.error(), "--store");
  for (const SelectedStore& s : selection->stores) {
    if (!s.readable()) {
      Error e = s.error;  // kind, detail id and severity kept
      e.message = "--store " + s.name + ": " + s.error.ToString() + "; " + s.fix;
      e.offset = Error::npos;
      return e;
    }
  }

  SignatureCache cache;  // shared across stores: each signature once per run
  report.trusted = true;
  for (SelectedStore& s : selection->stores) {
    const TrustStore& store = *s.store;
    StoreVerification v;
    v.store = store.name().empty() ? store.source() : store.name();
    v.platform = store.format() == StoreFormat::kPlatform;
    // A platform snapshot is a client: its behaviour applies to its verdict.
    v.behavior = ClientBehaviorOf(store);
    VerifyOptions o = options;
    o.client = v.behavior;
    v.result = VerifyChain(report.leaf, report.untrusted, store, o, &cache);
    // As in check: the clients known to reject an overlong TLS leaf do so
    // however valid its path.
    const bool leaf_is_ca = report.leaf->parsed().basic_constraints && report.leaf->parsed().basic_constraints->is_ca;
    if (v.result.trusted && v.platform && !leaf_is_ca && request.purpose == VerifyPurpose::kServerAuth &&
        !request.target_is_ca) {
      v.lifetime_rejected = ClientLifetimeRejection(store.name().substr(0, store.name().find(':')), *report.leaf);
    }
    report.trusted &= v.trusted();
    report.stores.push_back(std::move(v));
  }
  return report;
}

}  // namespace trustready
