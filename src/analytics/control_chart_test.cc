#include "analytics/control_chart.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#ifndef HEARKEN_ANALYTICS_TESTDATA
#error "HEARKEN_ANALYTICS_TESTDATA must name src/analytics/testdata"
#endif

namespace hearken::analytics {
namespace {

// The circuit-board series of testdata/c_chart_circuit_boards.csv (see its
// NOTICE): counts in sample order and how many leading samples are trial.
struct Series {
  std::vector<std::int64_t> counts;
  std::size_t trial = 0;
};

Series LoadCircuitBoards() {
  std::ifstream in(std::string(HEARKEN_ANALYTICS_TESTDATA) + "/c_chart_circuit_boards.csv");
  EXPECT_TRUE(in.good()) << "cannot open the circuit-board fixture";
  Series series;
  std::string line;
  std::getline(in, line);  // header: sample,nonconformities,inspection_units,trial
  EXPECT_EQ(line, "sample,nonconformities,inspection_units,trial");
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::stringstream fields(line);
    std::string sample, count, units, trial;
    std::getline(fields, sample, ',');
    std::getline(fields, count, ',');
    std::getline(fields, units, ',');
    std::getline(fields, trial, ',');
    series.counts.push_back(std::stoll(count));
    if (trial == "true") ++series.trial;
  }
  return series;
}

TEST(CChartTest, CircuitBoardTrialLimitsMatchMontgomery) {
  Series series = LoadCircuitBoards();
  ASSERT_EQ(series.counts.size(), 46u);
  ASSERT_EQ(series.trial, 26u);
  ControlChartOptions options;
  options.trial_size = series.trial;
  auto chart = ComputeCChart(series.counts, options);
  ASSERT_TRUE(chart.ok()) << chart.error().message;
  // Reference: c̄ = 19.846, UCL = 33.21, LCL = 6.48.
  EXPECT_NEAR(chart->centre, 19.846, 0.0005);
  EXPECT_NEAR(chart->ucl, 33.21, 0.005);
  EXPECT_NEAR(chart->lcl, 6.48, 0.005);
  EXPECT_EQ(chart->passes, 1);
  EXPECT_TRUE(chart->dropped.empty());
  // Units 6 (x = 5) and 20 (x = 39), 1-based, fall outside.
  EXPECT_EQ(chart->OutOfControl(), (std::vector<std::size_t>{5, 19}));
  EXPECT_EQ(chart->points[5].value, 5);
  EXPECT_EQ(chart->points[19].value, 39);
}

TEST(CChartTest, DroppingOutOfControlTrialPointsReproducesRevisedLimits) {
  Series series = LoadCircuitBoards();
  ControlChartOptions options;
  options.trial_size = series.trial;
  options.revision = TrialRevision::kDropOnce;
  auto chart = ComputeCChart(series.counts, options);
  ASSERT_TRUE(chart.ok()) << chart.error().message;
  // Reference after dropping units 6 and 20: c̄ = 19.667, UCL = 32.97, LCL = 6.36.
  EXPECT_NEAR(chart->centre, 19.667, 0.0005);
  EXPECT_NEAR(chart->ucl, 32.97, 0.005);
  EXPECT_NEAR(chart->lcl, 6.36, 0.005);
  EXPECT_EQ(chart->passes, 2);
  EXPECT_EQ(chart->dropped, (std::vector<std::size_t>{5, 19}));
  EXPECT_FALSE(chart->points[5].used_for_limits);
  EXPECT_TRUE(chart->points[5].in_trial);
  EXPECT_TRUE(chart->points[6].used_for_limits);
  // The dropped points stay plotted and stay flagged; no later unit (27..46)
  // falls outside the revised limits.
  EXPECT_EQ(chart->OutOfControl(), (std::vector<std::size_t>{5, 19}));
  for (std::size_t i = series.trial; i < chart->points.size(); ++i) {
    EXPECT_FALSE(chart->points[i].in_trial);
    EXPECT_FALSE(chart->points[i].used_for_limits);
  }
}

TEST(CChartTest, RevisingUntilStableStopsWhenNoTrialPointIsOutside) {
  Series series = LoadCircuitBoards();
  ControlChartOptions options;
  options.trial_size = series.trial;
  options.revision = TrialRevision::kUntilStable;
  auto chart = ComputeCChart(series.counts, options);
  ASSERT_TRUE(chart.ok()) << chart.error().message;
  // The revised limits already hold every remaining trial point, so the
  // third pass is not needed: same figures as one revision.
  EXPECT_EQ(chart->passes, 2);
  EXPECT_NEAR(chart->centre, 19.667, 0.0005);
  EXPECT_EQ(chart->dropped, (std::vector<std::size_t>{5, 19}));
}

TEST(CChartTest, ExplicitExclusionsAreLeftOutOfTheLimits) {
  Series series = LoadCircuitBoards();
  ControlChartOptions options;
  options.trial_size = series.trial;
  options.excluded = {19, 5};
  auto chart = ComputeCChart(series.counts, options);
  ASSERT_TRUE(chart.ok()) << chart.error().message;
  EXPECT_NEAR(chart->centre, 19.667, 0.0005);
  EXPECT_EQ(chart->dropped, (std::vector<std::size_t>{5, 19}));
}

TEST(CChartTest, WithoutTrialSizeEveryPointSetsTheLimits) {
  // Counts 4, 9, 5: c̄ = 18 / 3 = 6, √6 = 2.449490, UCL = 6 + 7.348469 =
  // 13.348469, LCL = max(0, 6 − 7.348469) = 0.
  std::vector<std::int64_t> counts = {4, 9, 5};
  auto chart = ComputeCChart(counts);
  ASSERT_TRUE(chart.ok());
  EXPECT_DOUBLE_EQ(chart->centre, 6.0);
  EXPECT_NEAR(chart->ucl, 13.348469, 1e-6);
  EXPECT_EQ(chart->lcl, 0.0);
  for (const ChartPoint& point : chart->points) {
    EXPECT_TRUE(point.used_for_limits);
    EXPECT_FALSE(point.out_of_control);
  }
}

TEST(CChartTest, TrialStartLeavesEarlierPointsOutOfTheLimitsButJudgesThem) {
  // Trial points 1..4 (2, 4, 6, 4): c̄ = 16 / 4 = 4, UCL = 4 + 3·2 = 10,
  // LCL = max(0, 4 − 6) = 0. Point 0 (50) is before the trial and point 5
  // (12) after it; both are judged, neither sets the limits.
  std::vector<std::int64_t> counts = {50, 2, 4, 6, 4, 12};
  ControlChartOptions options;
  options.trial_start = 1;
  options.trial_size = 4;
  auto chart = ComputeCChart(counts, options);
  ASSERT_TRUE(chart.ok()) << chart.error().message;
  EXPECT_DOUBLE_EQ(chart->centre, 4.0);
  EXPECT_DOUBLE_EQ(chart->ucl, 10.0);
  EXPECT_EQ(chart->lcl, 0.0);
  EXPECT_EQ(chart->OutOfControl(), (std::vector<std::size_t>{0, 5}));
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const bool trial = i >= 1 && i <= 4;
    EXPECT_EQ(chart->points[i].in_trial, trial) << i;
    EXPECT_EQ(chart->points[i].used_for_limits, trial) << i;
  }
  EXPECT_TRUE(chart->dropped.empty());

  // Without a size the trial runs to the end: (2 + 4 + 6 + 4 + 12) / 5 = 5.6.
  options.trial_size = 0;
  auto to_end = ComputeCChart(counts, options);
  ASSERT_TRUE(to_end.ok());
  EXPECT_NEAR(to_end->centre, 5.6, 1e-12);
  EXPECT_FALSE(to_end->points[0].in_trial);
  EXPECT_TRUE(to_end->points[5].used_for_limits);
}

TEST(CChartTest, RevisionAndExclusionsStayInsideALaterTrial) {
  // Trial 2..6 = 5, 5, 40, 5, 5; dropping the 40 once leaves c̄ = 5.
  std::vector<std::int64_t> counts = {90, 90, 5, 5, 40, 5, 5};
  ControlChartOptions options;
  options.trial_start = 2;
  options.revision = TrialRevision::kDropOnce;
  auto revised = ComputeCChart(counts, options);
  ASSERT_TRUE(revised.ok()) << revised.error().message;
  EXPECT_DOUBLE_EQ(revised->centre, 5.0);
  EXPECT_EQ(revised->dropped, (std::vector<std::size_t>{4}));
  options.revision = TrialRevision::kNone;
  options.excluded = {4};
  auto excluded = ComputeCChart(counts, options);
  ASSERT_TRUE(excluded.ok());
  EXPECT_DOUBLE_EQ(excluded->centre, 5.0);
}

TEST(CChartTest, TrialStartPastTheSeriesOrTrialRunningPastItIsRejected) {
  std::vector<std::int64_t> counts = {3, 4, 5};
  ControlChartOptions options;
  options.trial_start = 3;
  auto past = ComputeCChart(counts, options);
  ASSERT_FALSE(past.ok());
  EXPECT_EQ(past.error().fields[0].field, "trial_start");
  options.trial_start = 1;
  options.trial_size = 3;
  auto long_trial = ComputeCChart(counts, options);
  ASSERT_FALSE(long_trial.ok());
  EXPECT_EQ(long_trial.error().fields[0].field, "trial_size");
  options.trial_size = 2;
  options.excluded = {0};  // before the trial
  auto before = ComputeCChart(counts, options);
  ASSERT_FALSE(before.ok());
  EXPECT_EQ(before.error().fields[0].field, "excluded/0");
}

TEST(CChartTest, PointOnTheLimitIsInControl) {
  // Counts 0 and 0 with 2-sigma: c̄ = 0, UCL = LCL = 0; the zeros lie on both
  // limits and are not flagged.
  std::vector<std::int64_t> counts = {0, 0};
  ControlChartOptions options;
  options.sigma_multiple = 2;
  auto chart = ComputeCChart(counts, options);
  ASSERT_TRUE(chart.ok());
  EXPECT_EQ(chart->centre, 0.0);
  EXPECT_TRUE(chart->OutOfControl().empty());
}

TEST(CChartTest, EmptySeriesIsRejected) {
  auto chart = ComputeCChart({});
  ASSERT_FALSE(chart.ok());
  EXPECT_EQ(chart.error().code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(chart.error().fields.size(), 1u);
  EXPECT_EQ(chart.error().fields[0].field, "counts");
}

TEST(CChartTest, NegativeCountIsRejectedByIndex) {
  std::vector<std::int64_t> counts = {3, 4, -1, 2};
  auto chart = ComputeCChart(counts);
  ASSERT_FALSE(chart.ok());
  EXPECT_EQ(chart.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(chart.error().fields[0].field, "counts/2");
}

TEST(CChartTest, TrialLongerThanSeriesIsRejected) {
  std::vector<std::int64_t> counts = {3, 4};
  ControlChartOptions options;
  options.trial_size = 3;
  auto chart = ComputeCChart(counts, options);
  ASSERT_FALSE(chart.ok());
  EXPECT_EQ(chart.error().fields[0].field, "trial_size");
}

TEST(CChartTest, ExclusionOutsideTheTrialIsRejected) {
  std::vector<std::int64_t> counts = {3, 4, 5};
  ControlChartOptions options;
  options.trial_size = 2;
  options.excluded = {0, 2};
  auto chart = ComputeCChart(counts, options);
  ASSERT_FALSE(chart.ok());
  EXPECT_EQ(chart.error().fields[0].field, "excluded/1");
}

TEST(CChartTest, NonPositiveSigmaMultipleIsRejected) {
  std::vector<std::int64_t> counts = {3, 4, 5};
  ControlChartOptions options;
  options.sigma_multiple = 0;
  auto chart = ComputeCChart(counts, options);
  ASSERT_FALSE(chart.ok());
  EXPECT_EQ(chart.error().fields[0].field, "sigma_multiple");
}

TEST(CChartTest, ExcludingEveryTrialPointFailsThePrecondition) {
  std::vector<std::int64_t> counts = {3, 4, 5};
  ControlChartOptions options;
  options.trial_size = 2;
  options.excluded = {0, 1};
  auto chart = ComputeCChart(counts, options);
  ASSERT_FALSE(chart.ok());
  EXPECT_EQ(chart.error().code, ErrorCode::kFailedPrecondition);
}

TEST(CChartTest, RevisionThatDropsEveryPointFailsThePrecondition) {
  // Counts 0 and 100: c̄ = 50, limits 50 ± 3·√50 = 28.79 .. 71.21, so both
  // points are outside and nothing is left to recompute from.
  std::vector<std::int64_t> counts = {0, 100};
  ControlChartOptions options;
  options.revision = TrialRevision::kDropOnce;
  auto chart = ComputeCChart(counts, options);
  ASSERT_FALSE(chart.ok());
  EXPECT_EQ(chart.error().code, ErrorCode::kFailedPrecondition);
}

TEST(UChartTest, PerPointLimitsFollowTheVolume) {
  // Trial of three periods: counts 40, 90, 70 over volumes 20, 50, 30, so
  // ū = 200 / 100 = 2.
  //   period 0: u = 2.0,      √(2/20) = 0.316228 → 2.948683 / 1.051317
  //   period 1: u = 1.8,      √(2/50) = 0.2      → 2.6      / 1.4
  //   period 2: u = 2.333333, √(2/30) = 0.258199 → 2.774597 / 1.225403
  // Monitoring period 3: count 30 over 5, u = 6, √(2/5) = 0.632456 →
  //   3.897367 / 0.102633, so it is out of control.
  // Unit-volume limits: 2 ± 3·√2 = 6.242641 / 0 (clipped).
  std::vector<std::int64_t> counts = {40, 90, 70, 30};
  std::vector<double> volumes = {20, 50, 30, 5};
  ControlChartOptions options;
  options.trial_size = 3;
  auto chart = ComputeUChart(counts, volumes, options);
  ASSERT_TRUE(chart.ok()) << chart.error().message;
  EXPECT_DOUBLE_EQ(chart->centre, 2.0);
  EXPECT_NEAR(chart->ucl, 6.242641, 1e-6);
  EXPECT_EQ(chart->lcl, 0.0);
  const auto& p = chart->points;
  ASSERT_EQ(p.size(), 4u);
  EXPECT_DOUBLE_EQ(p[0].value, 2.0);
  EXPECT_NEAR(p[0].ucl, 2.948683, 1e-6);
  EXPECT_NEAR(p[0].lcl, 1.051317, 1e-6);
  EXPECT_DOUBLE_EQ(p[1].value, 1.8);
  EXPECT_NEAR(p[1].ucl, 2.6, 1e-9);
  EXPECT_NEAR(p[1].lcl, 1.4, 1e-9);
  EXPECT_NEAR(p[2].value, 2.333333, 1e-6);
  EXPECT_NEAR(p[2].ucl, 2.774597, 1e-6);
  EXPECT_NEAR(p[2].lcl, 1.225403, 1e-6);
  EXPECT_DOUBLE_EQ(p[3].value, 6.0);
  EXPECT_NEAR(p[3].ucl, 3.897367, 1e-6);
  EXPECT_NEAR(p[3].lcl, 0.102633, 1e-6);
  EXPECT_EQ(chart->OutOfControl(), (std::vector<std::size_t>{3}));
  EXPECT_FALSE(p[3].in_trial);
}

TEST(UChartTest, UnitVolumesGiveTheCChart) {
  Series series = LoadCircuitBoards();
  std::vector<double> volumes(series.counts.size(), 1.0);
  ControlChartOptions options;
  options.trial_size = series.trial;
  options.revision = TrialRevision::kDropOnce;
  auto u = ComputeUChart(series.counts, volumes, options);
  auto c = ComputeCChart(series.counts, options);
  ASSERT_TRUE(u.ok());
  ASSERT_TRUE(c.ok());
  EXPECT_DOUBLE_EQ(u->centre, c->centre);
  EXPECT_DOUBLE_EQ(u->ucl, c->ucl);
  EXPECT_DOUBLE_EQ(u->lcl, c->lcl);
  EXPECT_EQ(u->dropped, c->dropped);
  EXPECT_EQ(u->OutOfControl(), c->OutOfControl());
}

TEST(UChartTest, ZeroVolumeIsRejectedByIndex) {
  std::vector<std::int64_t> counts = {1, 2, 3};
  std::vector<double> volumes = {10, 0, 10};
  auto chart = ComputeUChart(counts, volumes);
  ASSERT_FALSE(chart.ok());
  EXPECT_EQ(chart.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(chart.error().fields[0].field, "volumes/1");
}

TEST(UChartTest, NegativeOrNonFiniteVolumeIsRejected) {
  std::vector<std::int64_t> counts = {1, 2};
  std::vector<double> negative = {10, -1};
  EXPECT_EQ(ComputeUChart(counts, negative).error().fields[0].field, "volumes/1");
  std::vector<double> infinite = {INFINITY, 1};
  EXPECT_EQ(ComputeUChart(counts, infinite).error().fields[0].field, "volumes/0");
}

TEST(UChartTest, MismatchedLengthsAreRejected) {
  std::vector<std::int64_t> counts = {1, 2, 3};
  std::vector<double> volumes = {10, 10};
  auto chart = ComputeUChart(counts, volumes);
  ASSERT_FALSE(chart.ok());
  EXPECT_EQ(chart.error().fields[0].field, "volumes");
}

TEST(UChartTest, NegativeCountIsRejectedByIndex) {
  std::vector<std::int64_t> counts = {-4, 2};
  std::vector<double> volumes = {10, 10};
  auto chart = ComputeUChart(counts, volumes);
  ASSERT_FALSE(chart.ok());
  EXPECT_EQ(chart.error().fields[0].field, "counts/0");
}

}  // namespace
}  // namespace hearken::analytics
