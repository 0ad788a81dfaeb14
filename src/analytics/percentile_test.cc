#include "analytics/percentile.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace hearken::analytics {
namespace {

// Expected values are worked by hand with type 7: h = (n − 1)·p on the
// sorted values x[0..n-1], quantile = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).

TEST(PercentileTest, OddCountMedianIsTheMiddleValueWhateverTheOrder) {
  // Sorted 15, 20, 35, 40, 50; h = 4 · 0.5 = 2 → x[2] = 35.
  std::vector<double> values = {40, 15, 50, 20, 35};
  EXPECT_DOUBLE_EQ(*Median(values), 35.0);
}

TEST(PercentileTest, NinetiethPercentileInterpolatesBetweenClosestRanks) {
  // Sorted 15, 20, 35, 40, 50; h = 4 · 0.9 = 3.6 → 40 + 0.6 · (50 − 40) = 46.
  std::vector<double> values = {40, 15, 50, 20, 35};
  EXPECT_NEAR(*Percentile90(values), 46.0, 1e-12);
}

TEST(PercentileTest, EvenCountMedianIsTheMeanOfTheMiddlePair) {
  // 1, 2, 3, 4: h = 3 · 0.5 = 1.5 → 2 + 0.5 · 1 = 2.5.
  // 90th: h = 3 · 0.9 = 2.7 → 3 + 0.7 · 1 = 3.7.
  std::vector<double> values = {4, 3, 2, 1};
  EXPECT_DOUBLE_EQ(*Median(values), 2.5);
  EXPECT_NEAR(*Percentile90(values), 3.7, 1e-12);
}

TEST(PercentileTest, HoursToAcknowledgeExample) {
  // Sorted 0.5, 1, 2, 3.5, 8, 26 (n = 6).
  // Median: h = 5 · 0.5 = 2.5 → 2 + 0.5 · (3.5 − 2) = 2.75.
  // 90th:   h = 5 · 0.9 = 4.5 → 8 + 0.5 · (26 − 8) = 17.
  std::vector<double> values = {0.5, 2, 3.5, 8, 26, 1};
  EXPECT_NEAR(*Median(values), 2.75, 1e-12);
  EXPECT_NEAR(*Percentile90(values), 17.0, 1e-12);
}

TEST(PercentileTest, OneToTenGivesNinePointOneAtTheNinetieth) {
  // 1..10: h = 9 · 0.9 = 8.1 → x[8] + 0.1 · (x[9] − x[8]) = 9 + 0.1 = 9.1;
  // median h = 4.5 → 5 + 0.5 = 5.5.
  std::vector<double> values = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  EXPECT_NEAR(*Percentile90(values), 9.1, 1e-12);
  EXPECT_DOUBLE_EQ(*Median(values), 5.5);
}

TEST(PercentileTest, EndsOfTheRangeAreMinimumAndMaximum) {
  std::vector<double> values = {7, -3, 12};
  EXPECT_DOUBLE_EQ(*Percentile(values, 0.0), -3.0);
  EXPECT_DOUBLE_EQ(*Percentile(values, 1.0), 12.0);
}

TEST(PercentileTest, SingleValueIsEveryQuantile) {
  std::vector<double> values = {7};
  EXPECT_DOUBLE_EQ(*Percentile(values, 0.0), 7.0);
  EXPECT_DOUBLE_EQ(*Median(values), 7.0);
  EXPECT_DOUBLE_EQ(*Percentile90(values), 7.0);
}

TEST(PercentileTest, EmptyInputIsRejected) {
  auto result = Median({});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(result.error().fields[0].field, "values");
}

TEST(PercentileTest, NonFiniteValueIsRejectedByIndex) {
  std::vector<double> values = {1, NAN, 3};
  auto result = Median(values);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().fields[0].field, "values/1");
}

TEST(PercentileTest, ProbabilityOutsideUnitIntervalIsRejected) {
  std::vector<double> values = {1, 2, 3};
  EXPECT_EQ(Percentile(values, 1.5).error().fields[0].field, "p");
  EXPECT_EQ(Percentile(values, -0.1).error().fields[0].field, "p");
  EXPECT_EQ(Percentile(values, NAN).error().fields[0].field, "p");
}

}  // namespace
}  // namespace hearken::analytics
