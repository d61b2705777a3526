// A console reporter that also keeps each benchmark's time per iteration,
// so that a bench's main() can print ratios against its OpenSSL peer
// measured in the same run.
#ifndef TRUSTREADY_BENCH_COLLECTING_REPORTER_H_
#define TRUSTREADY_BENCH_COLLECTING_REPORTER_H_

#include <benchmark/benchmark.h>

#include <map>
#include <set>
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
    // With --benchmark_repetitions the median of the repetitions is kept
    // (robust against another process taking the CPU for one of them);
    // without, the single run.
    for (const Run& r : runs) {
      if (r.error_occurred) continue;
      const double t = clock_ == Clock::kCpu ? r.GetAdjustedCPUTime() : r.GetAdjustedRealTime();
      const std::string name = r.run_name.str();
      if (r.run_type == Run::RT_Aggregate && r.aggregate_name == "median") {
        times_[name] = t;
        medians_.insert(name);
      } else if (r.run_type == Run::RT_Iteration && r.iterations > 0 && !medians_.count(name)) {
        times_[name] = t;  // in the run's time unit
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
  std::set<std::string> medians_;
};

}  // namespace trustready

#endif  // TRUSTREADY_BENCH_COLLECTING_REPORTER_H_
