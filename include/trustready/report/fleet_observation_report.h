// A fleet observation as JSON: the `trustready.fleet.observation/1` object
// (docs/schemas/fleet-observation.schema.json), one line each of `fleet scan
// --jsonl` and `fleet export`; and the JSONL file sink a scan streams them
// to.
#ifndef TRUSTREADY_REPORT_FLEET_OBSERVATION_REPORT_H_
#define TRUSTREADY_REPORT_FLEET_OBSERVATION_REPORT_H_

#include <cstdio>
#include <string>

#include "trustready/fleet/observation.h"

namespace trustready {

// One observation: compact JSON and a newline.
std::string FleetObservationToJsonLine(const fleet::ObservationRecord& r);

// `fleet scan --jsonl PATH`: writes each observation as a line to PATH ("-":
// standard output), flushed as it comes. Open's error names the option
// ("--jsonl PATH: cannot write").
class FleetObservationJsonlFile final : public fleet::ObservationSink {
 public:
  explicit FleetObservationJsonlFile(std::string path) : path_(std::move(path)) {}
  ~FleetObservationJsonlFile() override { Close(); }
  Status Open() override;
  void Write(const fleet::ObservationRecord& r) override;
  void Close() override;

 private:
  std::string path_;
  std::FILE* file_ = nullptr;
  bool own_ = false;
};

}  // namespace trustready

#endif  // TRUSTREADY_REPORT_FLEET_OBSERVATION_REPORT_H_
