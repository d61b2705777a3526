// `trustready clients ...` outputs: `clients list` (which store each TLS
// client reads here, and why; docs/schemas/clients.schema.json) and
// `clients verify` (what each use of a client does with an endpoint;
// docs/schemas/clients-verify.schema.json).
#ifndef TRUSTREADY_REPORT_CLIENTS_REPORT_H_
#define TRUSTREADY_REPORT_CLIENTS_REPORT_H_

#include <string>
#include <vector>

#include "trustready/check/client_predict.h"
#include "trustready/client/client.h"
#include "trustready/report/text_style.h"

namespace trustready {

// `client`: the --client filter ("" for every client; JSON null).
std::string ClientResolutionToJson(const ClientResolution& resolution, const std::string& client);
// The environment line, then each store with its parts and users, then notes.
std::string ClientResolutionToText(const ClientResolution& resolution, const std::string& client,
                                   const TextStyle& style);

// `trusted` is AllPredictionsTrusted(predictions).
std::string ClientPredictionsToJson(const std::string& target, const std::string& client,
                                    const std::vector<ClientPrediction>& predictions);
// One line per use: trusted / NOT trusted (code: message) / UNKNOWN (why).
std::string ClientPredictionsToText(const std::string& client, const std::vector<ClientPrediction>& predictions,
                                    const TextStyle& style);

}  // namespace trustready

#endif  // TRUSTREADY_REPORT_CLIENTS_REPORT_H_
