// `trustready clients list [--env FILE | --pid PID] [--client NAME]
//  [--root DIR] [--json]`: which trust store each TLS client uses here, and
// why. `trustready clients verify TARGET --client NAME ...`: what that
// client will do with an endpoint (its store, its behaviour).
// Logic lives in src/client/, the outputs in report/clients_report.
#include <iostream>

#include "cli/cli.h"
#include "cli/commands_clients.h"
#include "trustready/check/client_predict.h"
#include "trustready/client/client.h"
#include "trustready/report/clients_report.h"

namespace trustready::cli {

void RunClientsList(const ClientsListArgs& a) {
  const std::string& client = a.query.client;
  auto r = ResolveClientQuery(a.query);
  if (!r.ok()) Fail(r.error().ToString());  // names the option
  std::cout << (a.json ? ClientResolutionToJson(*r, client) : ClientResolutionToText(*r, client, TextStyle{UseColor()}));
}

void RunClientsVerify(const ClientsVerifyArgs& a) {
  auto predictions = PredictClientsFor(a.request);
  if (!predictions.ok()) Fail(predictions.error().ToString());  // names the option or the target
  const std::string& client = a.request.query.client;
  std::cout << (a.json ? ClientPredictionsToJson(a.request.target, client, *predictions)
                       : ClientPredictionsToText(client, *predictions, TextStyle{UseColor()}));
  SetExitCode(AllPredictionsTrusted(*predictions) ? kExitOk : kExitNo);
}

}  // namespace trustready::cli
