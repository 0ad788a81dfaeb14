// Sample quantiles for durations and other measurements, e.g. the median and
// 90th percentile of time to acknowledge or to resolve a complaint.
//
// Method: "linear interpolation between closest ranks", Hyndman & Fan type 7
// (the default of R's quantile(), NumPy's percentile() and spreadsheet
// PERCENTILE.INC). For the n values sorted ascending, x[0] .. x[n-1], and a
// probability p in [0, 1]: h = (n − 1)·p, and the quantile is
// x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]) (just x[n-1] when p = 1).
// The median is p = 0.5: the middle value, or the mean of the two middle ones.
#pragma once

#include <span>

#include "core/result.h"

namespace hearken::analytics {

// The type-7 quantile of `values` (any order) at probability `p`.
// Errors: InvalidArgument naming the field when values is empty ("values"),
// a value is NaN or infinite ("values/<i>"), or p is outside [0, 1] ("p").
Result<double> Percentile(std::span<const double> values, double p);

// Percentile(values, 0.5). Errors as Percentile.
Result<double> Median(std::span<const double> values);

// Percentile(values, 0.9). Errors as Percentile.
Result<double> Percentile90(std::span<const double> values);

}  // namespace hearken::analytics
