// The satisfaction scores of a survey with their uncertainty: the Net
// Promoter Score, proportions (CSAT top-two-box and any other share) and
// means (CSAT, CES), each with a 95 % interval, so a score from 12 answers
// never reads as firmly as one from 1,200.
//
// Sources:
// - NPS: Reichheld, "The One Number You Need to Grow" (HBR 2003): promoters
//   score 9–10, detractors 0–6, NPS = 100·(p₊ − p₋). Its variance as the
//   difference of two proportions of one multinomial sample,
//   p₊ + p₋ − (p₊ − p₋)², standard error √(variance/n) (Rocks, "Confidence
//   intervals for the Net Promoter Score", MeasuringU 2016). The Wald
//   interval is NPS ± z·SE; the adjusted-Wald interval first adds 3/4 of a
//   promoter, 3/4 of a detractor and 3/2 of a passive (n + 3), which keeps its
//   coverage near 95 % in small samples (Sauro & Lewis, "Quantifying the
//   User Experience", 2nd ed., ch. 5).
// - Proportions: Wilson, "Probable inference, the law of succession, and
//   statistical inference", JASA 22 (1927): the score interval.
// - Means: Student's t interval, mean ± t(0.975, n − 1)·s/√n, with the sample
//   standard deviation s (n − 1 in the denominator); t from Boost.Math.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

namespace hearken::analytics {

inline constexpr double kZ95 = 1.959963984540054;  // the 0.975 quantile of the standard normal

struct Interval {
  double low = 0;
  double high = 0;
};

struct NpsEstimate {
  std::int64_t n = 0;
  std::int64_t promoters = 0, passives = 0, detractors = 0;
  double score = 0;           // −100 .. 100
  double standard_error = 0;  // in points
  Interval wald;              // clipped to [−100, 100]
  Interval adjusted_wald;     // clipped to [−100, 100]
};

// The NPS of the given counts. With n = 0 the estimate has n 0 and zeros.
NpsEstimate NpsFromCounts(std::int64_t promoters, std::int64_t passives, std::int64_t detractors);
// The NPS of 0–10 scores; values outside 0..10 are ignored.
NpsEstimate NpsFromScores(std::span<const int> scores);

struct ProportionEstimate {
  std::int64_t successes = 0;
  std::int64_t n = 0;
  double share = 0;  // successes / n (0 when n = 0)
  Interval wilson;   // [0, 1]; [0, 1] itself when n = 0
};

// The share successes/n with its Wilson score interval at z.
// Precondition: 0 <= successes <= n.
ProportionEstimate WilsonProportion(std::int64_t successes, std::int64_t n, double z = kZ95);

struct MeanEstimate {
  std::int64_t n = 0;
  double mean = 0;
  double standard_deviation = 0;  // sample (n − 1); 0 when n < 2
  // The 95 % t interval; absent when n < 2 (no spread to judge from).
  std::optional<Interval> t95;
};

MeanEstimate MeanWithTInterval(std::span<const double> values);

}  // namespace hearken::analytics
