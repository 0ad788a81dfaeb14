// The console reporter of the store benchmarks: prints Google Benchmark's
// table as usual, keeps each run's real time per iteration, and afterwards
// prints the PostgreSQL/SQLite time ratio of each benchmark registered as
// "<Name>/sqlite" and "<Name>/postgres".
#pragma once

#include <benchmark/benchmark.h>

#include <cstdio>
#include <initializer_list>
#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace hearken {

// Keeps each run's real time per iteration so that ratios can be printed.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const auto& run : runs) times_[run.benchmark_name()] = run.GetAdjustedRealTime();
    ConsoleReporter::ReportRuns(runs);
  }
  void PrintRatios(std::initializer_list<const char*> names) const {
    std::cout << "\nPostgreSQL / SQLite time per operation:\n";
    for (const char* name : names) {
      auto find = [this](const std::string& prefix) {
        for (auto it = times_.begin(); it != times_.end(); ++it)
          if (it->first.rfind(prefix, 0) == 0) return it;
        return times_.end();
      };
      auto s = find(std::string(name) + "/sqlite");
      auto p = find(std::string(name) + "/postgres");
      if (s == times_.end() || p == times_.end() || s->second <= 0) continue;
      std::printf("  %-14s %8.2fx\n", name, p->second / s->second);
    }
  }

 private:
  std::map<std::string, double> times_;
};

}  // namespace hearken
