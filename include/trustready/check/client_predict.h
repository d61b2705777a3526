// What a client will do with an endpoint: the presented chain judged with
// the client's own store and behaviour. Client resolution (src/client) says
// which store each client reads and how it behaves; this is check's endpoint
// judgement (CheckTarget) over it, one CheckedStore per client use, so it
// lives in check, above client (check -> client, never client -> check).
#ifndef TRUSTREADY_CHECK_CLIENT_PREDICT_H_
#define TRUSTREADY_CHECK_CLIENT_PREDICT_H_

#include <string>
#include <vector>

#include "trustready/base/result.h"
#include "trustready/client/client.h"
#include "trustready/verify/verify.h"

namespace trustready {

struct ClientPrediction {
  ClientUse use;
  std::string store;  // the resolved store's description
  std::string store_id;
  bool trusted = false;
  // The verdict needed the intermediates fetched from AIA (a client that
  // fetches them: Chromium).
  bool via_aia = false;
  VerifyError error;  // most specific, when not trusted
  // The store could not be opened: no prediction (the reason).
  std::string unknown;
  // That failure itself (kind, detail id, severity); `unknown` is its
  // ToString().
  Error unknown_error;
};

struct PredictOptions {
  UnixTime time = 0;  // 0: now
  // Host name to check; empty: the target's host.
  std::string host;
  double timeout_seconds = 10;
  OpenResolvedOptions open;
};

// Connects to `target` (https://host:port/..., host:port) once and judges
// the presented chain with every client use of `resolution` (restricted to
// one client by ResolveOptions::client when resolving), each with its own
// store and behaviour; clients that fetch AIA get the fetched issuers too.
Result<std::vector<ClientPrediction>> PredictClients(const std::string& target, const ClientResolution& resolution,
                                                     const ClientCatalog& catalog, const PredictOptions& options);

// The answer of `clients verify`: yes only when some use was predicted and
// every one is trusted; an UNKNOWN prediction (a store that could not be
// opened) is not a yes.
bool AllPredictionsTrusted(const std::vector<ClientPrediction>& predictions);

// `clients verify` as one call: the client (required) resolved in its
// environment, the client data, then PredictClients with a compiled-in
// list that cannot be read (Chromium's) left out, so "trusted" stays sound.
// Checked in this order, each error naming its option: "clients verify:
// give --client NAME ...", "--timeout: ...", the environment, "--client
// NAME: ...", "client data: ...", "--at: ...", then the target's own.
struct ClientVerifyRequest {
  ClientQuery query;
  std::string target;  // https://host[:port][/path] or host:port
  std::string host;    // empty: the target's host
  std::string at;      // RFC 3339; empty: now
  double timeout_seconds = 10;  // each network phase; 0 < t <= 600
};
Result<std::vector<ClientPrediction>> PredictClientsFor(const ClientVerifyRequest& request);

}  // namespace trustready

#endif  // TRUSTREADY_CHECK_CLIENT_PREDICT_H_
