// Shewhart control charts for counts of events per period (ISO 9001 9.1.3):
// the c-chart for complaints (or nonconformities) per period when the
// opportunity is about constant, and the u-chart when a volume per period
// (orders, deliveries, inspection units) is known. Pure arithmetic on
// in-memory series; no I/O.
//
// Method (Montgomery, Introduction to Statistical Quality Control, ch. 7):
//   c-chart: centre c̄ = mean count of the limit-setting points,
//            UCL = c̄ + k·√c̄, LCL = max(0, c̄ − k·√c̄), k = 3 by default.
//   u-chart: ū = Σc / Σn over the limit-setting points; for point i,
//            uᵢ = cᵢ / nᵢ, UCLᵢ = ū + k·√(ū/nᵢ), LCLᵢ = max(0, ū − k·√(ū/nᵢ)).
// The limit-setting points are the trial phase (`trial_size` points from
// `trial_start`, or all of them from there; by default every point), less
// any points excluded explicitly or by the revision step. Every point, trial or not, is then judged against the final
// limits: it is out of control when it lies strictly above UCL or strictly
// below LCL (a point on a limit is in control).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/result.h"

namespace hearken::analytics {

// What to do with trial points that fall outside the trial limits.
enum class TrialRevision {
  kNone,         // keep every trial point; limits come from one pass
  kDropOnce,     // drop the trial points outside the first limits, recompute once
                 // (the textbook step when those points have assignable causes)
  kUntilStable,  // repeat the drop-and-recompute step until no remaining
                 // trial point is outside the limits
};

struct ControlChartOptions {
  // Index (0-based) of the first point of the trial phase; the points before
  // it are judged against the limits but do not set them (a baseline that
  // begins after the first period).
  std::size_t trial_start = 0;
  // Number of points of the trial phase from trial_start; 0 means every
  // point to the end.
  std::size_t trial_size = 0;
  // Indices (0-based, of the series, inside the trial phase) to leave out of
  // the limits from the start, e.g. periods with a known assignable cause.
  std::vector<std::size_t> excluded;
  TrialRevision revision = TrialRevision::kNone;
  // Width of the limits in standard deviations; must be positive.
  double sigma_multiple = 3.0;
};

// One plotted point with the limits that apply to it (the same for every
// point of a c-chart; per point on a u-chart).
struct ChartPoint {
  double value = 0;  // c-chart: the count; u-chart: count / volume
  double centre = 0;
  double ucl = 0;
  double lcl = 0;
  bool in_trial = false;         // in the trial phase
  bool used_for_limits = false;  // in the trial and neither excluded nor dropped
  bool out_of_control = false;   // value > ucl or value < lcl
};

struct ControlChart {
  // Centre line (c̄ or ū). For a c-chart, ucl and lcl are the chart's limits;
  // for a u-chart they are the limits for a period of unit volume (n = 1) and
  // each point carries its own.
  double centre = 0;
  double ucl = 0;
  double lcl = 0;
  std::vector<ChartPoint> points;
  // Trial indices left out of the final limits: the explicitly excluded ones
  // and those dropped by the revision step, in ascending order.
  std::vector<std::size_t> dropped;
  // How many times the limits were computed (1 without revision).
  int passes = 0;
  // Indices of points outside the final limits, ascending.
  std::vector<std::size_t> OutOfControl() const;
};

// c-chart of `counts` (events per period, in time order).
// Errors: InvalidArgument naming the field when counts is empty ("counts"),
// a count is negative ("counts/<i>"), trial_start is not a point
// ("trial_start"), the trial runs past the last point ("trial_size"), an
// excluded index is outside the trial ("excluded/<j>"), or
// sigma_multiple is not positive ("sigma_multiple"); FailedPrecondition when
// exclusion or revision leaves no point to set the limits from.
Result<ControlChart> ComputeCChart(std::span<const std::int64_t> counts, const ControlChartOptions& options = {});

// u-chart of `counts` with `volumes` (the opportunity per period, e.g. orders
// shipped), both in time order and of equal length.
// Errors: as ComputeCChart, and InvalidArgument when the lengths differ
// ("volumes") or a volume is zero, negative or not finite ("volumes/<i>");
// FailedPrecondition as for ComputeCChart.
Result<ControlChart> ComputeUChart(std::span<const std::int64_t> counts, std::span<const double> volumes,
                                   const ControlChartOptions& options = {});

}  // namespace hearken::analytics
