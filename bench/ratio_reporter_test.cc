// RunMedians (ratio_reporter.h): the ratios printed after a benchmark run are
// of medians, with and without --benchmark_report_aggregates_only, and
// whatever time unit each run is reported in.
#include "ratio_reporter.h"

#include <gtest/gtest.h>

namespace hearken {
namespace {

using Run = benchmark::BenchmarkReporter::Run;

Run Iteration(const std::string& name, double millis, int repetition) {
  Run run;
  run.run_name.function_name = name;
  run.run_type = Run::RT_Iteration;
  run.iterations = 10;
  run.time_unit = benchmark::kMillisecond;
  run.real_accumulated_time = millis * 10 / 1000.0;  // seconds over all iterations
  run.repetition_index = repetition;
  return run;
}

Run Aggregate(const std::string& name, const std::string& aggregate, double value,
              benchmark::TimeUnit unit = benchmark::kMillisecond) {
  Run run;
  run.run_name.function_name = name;
  run.run_type = Run::RT_Aggregate;
  run.aggregate_name = aggregate;
  run.aggregate_unit = aggregate == "cv" ? benchmark::kPercentage : benchmark::kTime;
  run.iterations = 3;  // Google Benchmark reports aggregates over the repetitions
  run.time_unit = unit;
  run.real_accumulated_time = value * 3 / benchmark::GetTimeUnitMultiplier(unit);
  return run;
}

TEST(RatioReporter, RepetitionsGiveTheRatioOfTheirMedians) {
  RunMedians medians;
  // Repetitions only (as a reporter sees them before the aggregates).
  for (auto [i, ms] : {std::pair{0, 1.0}, {1, 2.0}, {2, 9.0}}) medians.Add(Iteration("File/sqlite", ms, i));
  for (auto [i, ms] : {std::pair{0, 4.0}, {1, 1.0}, {2, 5.0}}) medians.Add(Iteration("File/postgres", ms, i));
  ASSERT_TRUE(medians.Ratio("File").has_value());
  EXPECT_DOUBLE_EQ(*medians.Ratio("File"), 2.0);  // 4 ms / 2 ms, not the last (5/9) nor the mean
}

TEST(RatioReporter, TheMedianAggregateWinsOverRepetitionsAndOtherAggregates) {
  RunMedians medians;
  for (const char* store : {"sqlite", "postgres"}) {
    const std::string name = std::string("Search/") + store;
    const bool pg = std::string(store) == "postgres";
    medians.Add(Iteration(name, 100, 0));
    medians.Add(Aggregate(name, "mean", pg ? 50 : 40));
    medians.Add(Aggregate(name, "median", pg ? 30 : 10));
    medians.Add(Aggregate(name, "stddev", pg ? 1 : 7));
    medians.Add(Aggregate(name, "cv", pg ? 0.01 : 0.5));
  }
  ASSERT_TRUE(medians.Ratio("Search").has_value());
  EXPECT_DOUBLE_EQ(*medians.Ratio("Search"), 3.0);
}

TEST(RatioReporter, AggregatesOnlyAndMixedUnits) {
  RunMedians medians;  // --benchmark_report_aggregates_only: no repetitions at all
  medians.Add(Aggregate("Analysis/sqlite", "cv", 0.2));
  medians.Add(Aggregate("Analysis/sqlite", "median", 2, benchmark::kMillisecond));
  medians.Add(Aggregate("Analysis/postgres", "cv", 0.1));
  medians.Add(Aggregate("Analysis/postgres", "median", 5000, benchmark::kMicrosecond));
  ASSERT_TRUE(medians.Ratio("Analysis").has_value());
  EXPECT_DOUBLE_EQ(*medians.Ratio("Analysis"), 2.5);
}

TEST(RatioReporter, NamesAreMatchedUpToTheirSlash) {
  RunMedians medians;
  medians.Add(Iteration("File16/sqlite/real_time/threads:16", 1, 0));
  medians.Add(Iteration("File16/postgres/real_time/threads:16", 3, 0));
  medians.Add(Iteration("File/sqlite", 2, 0));
  EXPECT_FALSE(medians.Ratio("File").has_value());  // File/postgres did not run
  ASSERT_TRUE(medians.Ratio("File16").has_value());
  EXPECT_DOUBLE_EQ(*medians.Ratio("File16"), 3.0);
}

TEST(RatioReporter, FailedRunsAreLeftOut) {
  RunMedians medians;
  ::hearken::Run failed = Iteration("List/sqlite", 1, 0);
  failed.error_occurred = true;
  medians.Add(failed);
  medians.Add(Iteration("List/postgres", 1, 0));
  EXPECT_FALSE(medians.Ratio("List").has_value());
}

}  // namespace
}  // namespace hearken
