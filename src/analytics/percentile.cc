#include "analytics/percentile.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace hearken::analytics {

Result<double> Percentile(std::span<const double> values, double p) {
  if (values.empty()) return Error::InvalidField("values", "at least one value is needed");
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) {
      return Error::InvalidField("values/" + std::to_string(i), "must be a finite number");
    }
  }
  if (!(p >= 0.0 && p <= 1.0)) return Error::InvalidField("p", "must lie in [0, 1]");

  std::vector<double> sorted(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end());
  double h = static_cast<double>(sorted.size() - 1) * p;
  auto lower = static_cast<std::size_t>(std::floor(h));
  if (lower + 1 >= sorted.size()) return sorted.back();
  double fraction = h - static_cast<double>(lower);
  return sorted[lower] + fraction * (sorted[lower + 1] - sorted[lower]);
}

Result<double> Median(std::span<const double> values) { return Percentile(values, 0.5); }

Result<double> Percentile90(std::span<const double> values) { return Percentile(values, 0.9); }

}  // namespace hearken::analytics
