// What a client will do with an endpoint: see
// include/trustready/check/client_predict.h.
#include "trustready/check/client_predict.h"

#include <chrono>
#include <sstream>

#include "trustready/check/check.h"
#include "trustready/client/client.h"
#include "trustready/x509/time.h"

namespace trustready {

Result<std::vector<ClientPrediction>> PredictClients(const std::string& target, const ClientResolution& resolution,
                                                     const ClientCatalog& catalog, const PredictOptions& options) {
  std::vector<ClientPrediction> out;
  std::vector<CheckedStore> stores;
  std::vector<size_t> index;  // out[index[i]] is judged by stores[i]
  for (const ResolvedStore& rs : resolution.stores) {
    Result<TrustStore> opened = OpenResolvedStore(rs, options.open);
    for (const ClientUse& use : rs.used_by) {
      ClientPrediction p;
      p.use = use;
      p.store = rs.description;
      p.store_id = rs.id;
      if (!opened.ok()) {
        p.unknown = opened.error().ToString();
        p.unknown_error = opened.error();
        out.push_back(std::move(p));
        continue;
      }
      auto behavior = BehaviorForUse(catalog, use, rs);
      if (!behavior.ok()) {
        p.unknown = behavior.error().ToString();
        p.unknown_error = behavior.error();
        out.push_back(std::move(p));
        continue;
      }
      CheckedStore cs;
      cs.store = *opened;
      cs.store.set_name(use.client + " " + use.instance);
      cs.kind = StoreKind::kClient;
      cs.behavior = *behavior;
      stores.push_back(std::move(cs));
      index.push_back(out.size());
      out.push_back(std::move(p));
    }
  }
  if (stores.empty()) return out;
  TargetCheckOptions topt;
  topt.check.time = options.time;
  topt.host = options.host;
  bool any_aia = false;
  for (const auto& s : stores) any_aia |= s.behavior.fetch_aia;
  topt.fetch_aia = any_aia;
  auto ms = std::chrono::milliseconds(static_cast<int64_t>(options.timeout_seconds * 1000));
  topt.probe.connect_timeout = topt.probe.handshake_timeout = topt.probe.read_timeout = ms;
  topt.aia.timeout = ms;
  MigrationProfile none;
  std::istringstream no_stdin;
  auto input = ReadTarget(target, no_stdin);
  if (!input.ok()) return input.error();
  auto checked = CheckTarget(*input, none, stores, topt);
  if (checked.status == TargetStatus::kError) {
    // The target's kind, detail id and severity stay (network.refused, ...).
    Error e = checked.failure;
    e.offset = Error::npos;
    e.message = target + ": " + checked.error;
    return e;
  }
  for (size_t i = 0; i < stores.size(); ++i) {
    const TargetStoreVerdict& v = checked.stores[i];
    ClientPrediction& p = out[index[i]];
    p.trusted = v.trusted;
    p.error = v.result.most_specific;
    if (!v.trusted && stores[i].behavior.fetch_aia && v.trusted_with_aia) {
      p.trusted = true;
      p.via_aia = true;
    } else if (!v.trusted && stores[i].behavior.fetch_aia && v.with_aia) {
      p.error = v.with_aia->most_specific;
    }
  }
  return out;
}

bool AllPredictionsTrusted(const std::vector<ClientPrediction>& predictions) {
  if (predictions.empty()) return false;
  for (const ClientPrediction& p : predictions) {
    if (!p.trusted || !p.unknown.empty()) return false;
  }
  return true;
}

Result<std::vector<ClientPrediction>> PredictClientsFor(const ClientVerifyRequest& r) {
  const std::string& client = r.query.client;
  if (client.empty()) return MakeError(ErrorKind::kInvalidArgument, "clients verify: give --client NAME (see `trustready clients list`)");
  if (!(r.timeout_seconds > 0 && r.timeout_seconds <= 600)) {
    return MakeError(ErrorKind::kInvalidArgument, "--timeout: must be between 0 and 600 seconds");
  }
  auto resolution = ResolveClientQuery(r.query);
  if (!resolution.ok()) return resolution.error();  // names the option
  auto catalog = LoadClientCatalog();
  if (!catalog.ok()) return NamedBy(catalog.error(), "client data");
  PredictOptions po;
  po.host = r.host;
  po.timeout_seconds = r.timeout_seconds;
  if (!r.at.empty()) {
    auto at = ParseRfc3339(r.at);
    if (!at.ok()) return NamedBy(at.error(), "--at");
    po.time = *at;
  }
  po.open.skip_unlisted = true;  // see OpenResolvedOptions
  auto predictions = PredictClients(r.target, *resolution, *catalog, po);
  if (!predictions.ok()) return NamedBy(predictions.error(), r.target);
  return predictions;
}

}  // namespace trustready
