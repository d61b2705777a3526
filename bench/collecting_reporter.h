// A console reporter that also keeps each benchmark's time per iteration,
// so that a bench's main() can print ratios against its OpenSSL peer
// measured in the same run.
#ifndef TRUSTREADY_BENCH_COLLECTING_REPORTER_H_
#define TRUSTREADY_BENCH_COLLECTING_REPORTER_H_

#include <benchmark/benchmark.h>

#include <map>
#include <string>
#include <vector>

namespace trustready {

class CollectingReporter : public benchmark::ConsoleReporter {
 public:
  // CPU time by default: the machine is shared and wall time is noisy.
  // Benches whose work includes I/O ask for real time.
  enum class Clock { kCpu, kReal };
  explicit CollectingReporter(Clock clock = Clock::kCpu) : clock_(clock) {}

  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& r : runs) {
      if (r.run_type == Run::RT_Iteration && r.iterations > 0 && !r.error_occurred) {
        // In the run's time unit.
        times_[r.benchmark_name()] = clock_ == Clock::kCpu ? r.GetAdjustedCPUTime() : r.GetAdjustedRealTime();
      }
    }
    ConsoleReporter::ReportRuns(runs);
  }
  // 0 when the benchmark did not run (filtered out or failed).
  double Get(const std::string& name) const {
    auto it = times_.find(name);
    return it == times_.end() ? 0 : it->second;
  }

 private:
  Clock clock_;
  std::map<std::string, double> times_;
};

}  // namespace trustready

#endif  // TRUSTREADY_BENCH_COLLECTING_REPORTER_H_
