// The console reporter of the store benchmarks: prints Google Benchmark's
// table as usual, keeps each benchmark's real time per iteration, and
// afterwards prints the PostgreSQL/SQLite time ratio of each benchmark
// registered as "<Name>/sqlite" and "<Name>/postgres".
//
// With --benchmark_repetitions the ratio is of the medians: the "median"
// aggregate when Google Benchmark reports one (always with
// --benchmark_report_aggregates_only), otherwise the median of the
// repetitions seen. Times are compared in seconds, whatever each run's unit.
#pragma once

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <initializer_list>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hearken {

// The median real time per iteration (in seconds) of each benchmark, from
// the runs Google Benchmark reports, keyed by the name without the
// aggregate suffix ("File/sqlite", "File16/sqlite/real_time/threads:16").
class RunMedians {
 public:
  void Add(const benchmark::BenchmarkReporter::Run& run) {
    if (run.error_occurred) return;
    const std::string name = run.run_name.str();
    const double seconds = run.GetAdjustedRealTime() / benchmark::GetTimeUnitMultiplier(run.time_unit);
    if (run.run_type == benchmark::BenchmarkReporter::Run::RT_Aggregate) {
      if (run.aggregate_name == "median") medians_[name] = seconds;
      return;
    }
    repetitions_[name].push_back(seconds);
  }

  // The median of the first benchmark whose name starts with `prefix`.
  std::optional<double> Median(const std::string& prefix) const {
    for (const auto& [name, median] : medians_)
      if (name.rfind(prefix, 0) == 0) return median;
    for (const auto& [name, times] : repetitions_) {
      if (name.rfind(prefix, 0) != 0 || times.empty()) continue;
      std::vector<double> sorted = times;
      std::sort(sorted.begin(), sorted.end());
      const size_t n = sorted.size();
      return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
    return std::nullopt;
  }

  // PostgreSQL median / SQLite median of "<name>/…", when both ran.
  std::optional<double> Ratio(const std::string& name) const {
    auto s = Median(name + "/sqlite");
    auto p = Median(name + "/postgres");
    if (!s || !p || *s <= 0) return std::nullopt;
    return *p / *s;
  }

 private:
  std::map<std::string, double> medians_;
  std::map<std::string, std::vector<double>> repetitions_;
};

// Keeps each run's real time per iteration so that ratios can be printed.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const auto& run : runs) medians_.Add(run);
    ConsoleReporter::ReportRuns(runs);
  }
  void PrintRatios(std::initializer_list<const char*> names) const {
    std::cout << "\nPostgreSQL / SQLite time per operation (medians):\n";
    for (const char* name : names)
      if (auto ratio = medians_.Ratio(name)) std::printf("  %-14s %8.2fx\n", name, *ratio);
  }
  const RunMedians& medians() const { return medians_; }

 private:
  RunMedians medians_;
};

}  // namespace hearken
