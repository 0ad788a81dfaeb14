// Reference values computed outside the project (issue 9, "Statistics"; the
// t interval with R: t.test(c(1, 2, 3, 4, 5, 6, 7))$conf.int).
#include "analytics/satisfaction_stats.h"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

namespace hearken::analytics {
namespace {

TEST(SatisfactionStatsTest, NpsOfTheReferenceScoresWithItsWaldInterval) {
  const std::vector<int> scores = {10, 9, 9, 8, 7, 6, 5, 3, 2, 0};
  const NpsEstimate e = NpsFromScores(scores);
  EXPECT_EQ(e.n, 10);
  EXPECT_EQ(e.promoters, 3);
  EXPECT_EQ(e.passives, 2);
  EXPECT_EQ(e.detractors, 5);
  EXPECT_NEAR(e.score, -20.0, 1e-9);
  EXPECT_NEAR(e.standard_error, 27.568, 0.0005);
  EXPECT_NEAR(e.wald.low, -74.03, 0.005);
  EXPECT_NEAR(e.wald.high, 34.03, 0.005);
}

TEST(SatisfactionStatsTest, AdjustedWaldAddsThreeQuarterPromoterAndDetractor) {
  // (3.75 − 5.75) / 13 = −15.385; variance 9.5/13 − (2/13)² = 0.707101; SE √(0.707101/13).
  const NpsEstimate e = NpsFromCounts(3, 2, 5);
  const double se = 100.0 * std::sqrt((9.5 / 13 - (2.0 / 13) * (2.0 / 13)) / 13);
  EXPECT_NEAR(e.adjusted_wald.low, -15.3846 - kZ95 * se, 0.001);
  EXPECT_NEAR(e.adjusted_wald.high, -15.3846 + kZ95 * se, 0.001);
}

TEST(SatisfactionStatsTest, NpsIntervalsStayWithinTheScale) {
  const NpsEstimate all_promoters = NpsFromCounts(4, 0, 0);
  EXPECT_DOUBLE_EQ(all_promoters.score, 100.0);
  EXPECT_LE(all_promoters.adjusted_wald.high, 100.0);
  EXPECT_LT(all_promoters.adjusted_wald.low, 100.0);  // four answers are not certainty
  EXPECT_EQ(NpsFromCounts(0, 0, 0).n, 0);
}

TEST(SatisfactionStatsTest, WilsonIntervalOfTheReferenceProportion) {
  const ProportionEstimate e = WilsonProportion(45, 60);
  EXPECT_NEAR(e.share, 0.75, 1e-12);
  EXPECT_NEAR(e.wilson.low, 0.6277, 0.00005);
  EXPECT_NEAR(e.wilson.high, 0.8422, 0.00005);
}

TEST(SatisfactionStatsTest, WilsonIntervalAtTheEdgesStaysInsideZeroToOne) {
  EXPECT_DOUBLE_EQ(WilsonProportion(0, 10).wilson.low, 0.0);
  EXPECT_GT(WilsonProportion(0, 10).wilson.high, 0.0);
  EXPECT_DOUBLE_EQ(WilsonProportion(10, 10).wilson.high, 1.0);
  EXPECT_DOUBLE_EQ(WilsonProportion(0, 0).wilson.high, 1.0);
}

TEST(SatisfactionStatsTest, MeanWithStudentTInterval) {
  const std::vector<double> values = {1, 2, 3, 4, 5, 6, 7};
  const MeanEstimate e = MeanWithTInterval(values);
  EXPECT_DOUBLE_EQ(e.mean, 4.0);
  EXPECT_NEAR(e.standard_deviation, 2.160247, 1e-6);
  ASSERT_TRUE(e.t95.has_value());
  EXPECT_NEAR(e.t95->low, 2.002105, 1e-5);  // R: 2.002105 5.997895
  EXPECT_NEAR(e.t95->high, 5.997895, 1e-5);
  EXPECT_FALSE(MeanWithTInterval(std::vector<double>{3}).t95.has_value());
}

}  // namespace
}  // namespace hearken::analytics
