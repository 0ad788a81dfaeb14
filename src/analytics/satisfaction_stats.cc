// NPS, Wilson and t intervals (see satisfaction_stats.h for the sources).
#include "analytics/satisfaction_stats.h"

#include <algorithm>
#include <cmath>

#include <boost/math/distributions/students_t.hpp>

namespace hearken::analytics {

namespace {

Interval ClipPoints(double low, double high) { return {std::max(-100.0, low), std::min(100.0, high)}; }

// NPS and its standard error (points) from the two shares and n.
std::pair<double, double> NpsAndError(double promoters, double detractors, double n) {
  const double p_plus = promoters / n;
  const double p_minus = detractors / n;
  const double difference = p_plus - p_minus;
  const double variance = p_plus + p_minus - difference * difference;
  return {100.0 * difference, 100.0 * std::sqrt(std::max(0.0, variance) / n)};
}

}  // namespace

NpsEstimate NpsFromCounts(std::int64_t promoters, std::int64_t passives, std::int64_t detractors) {
  NpsEstimate e;
  e.promoters = promoters;
  e.passives = passives;
  e.detractors = detractors;
  e.n = promoters + passives + detractors;
  if (e.n <= 0) return e;
  const double n = static_cast<double>(e.n);
  auto [score, se] = NpsAndError(static_cast<double>(promoters), static_cast<double>(detractors), n);
  e.score = score;
  e.standard_error = se;
  e.wald = ClipPoints(score - kZ95 * se, score + kZ95 * se);
  auto [adj_score, adj_se] =
      NpsAndError(static_cast<double>(promoters) + 0.75, static_cast<double>(detractors) + 0.75, n + 3.0);
  e.adjusted_wald = ClipPoints(adj_score - kZ95 * adj_se, adj_score + kZ95 * adj_se);
  return e;
}

NpsEstimate NpsFromScores(std::span<const int> scores) {
  std::int64_t promoters = 0, passives = 0, detractors = 0;
  for (int s : scores) {
    if (s < 0 || s > 10) continue;
    if (s >= 9) ++promoters;
    else if (s >= 7) ++passives;
    else ++detractors;
  }
  return NpsFromCounts(promoters, passives, detractors);
}

ProportionEstimate WilsonProportion(std::int64_t successes, std::int64_t n, double z) {
  ProportionEstimate e;
  e.successes = successes;
  e.n = n;
  if (n <= 0) {
    e.wilson = {0, 1};
    return e;
  }
  const double nn = static_cast<double>(n);
  const double p = static_cast<double>(successes) / nn;
  e.share = p;
  const double z2 = z * z;
  const double centre = (p + z2 / (2 * nn)) / (1 + z2 / nn);
  const double half = z / (1 + z2 / nn) * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn));
  e.wilson = {std::max(0.0, centre - half), std::min(1.0, centre + half)};
  return e;
}

MeanEstimate MeanWithTInterval(std::span<const double> values) {
  MeanEstimate e;
  e.n = static_cast<std::int64_t>(values.size());
  if (values.empty()) return e;
  double sum = 0;
  for (double v : values) sum += v;
  e.mean = sum / static_cast<double>(values.size());
  if (values.size() < 2) return e;
  double squares = 0;
  for (double v : values) squares += (v - e.mean) * (v - e.mean);
  e.standard_deviation = std::sqrt(squares / static_cast<double>(values.size() - 1));
  const boost::math::students_t t(static_cast<double>(values.size() - 1));
  const double half =
      boost::math::quantile(t, 0.975) * e.standard_deviation / std::sqrt(static_cast<double>(values.size()));
  e.t95 = Interval{e.mean - half, e.mean + half};
  return e;
}

}  // namespace hearken::analytics
