#include "analytics/control_chart.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace hearken::analytics {
namespace {

struct Limits {
  double ucl = 0;
  double lcl = 0;
};

// Limits for a period of volume `n` around centre `centre`.
Limits LimitsFor(double centre, double n, double k) {
  double half_width = k * std::sqrt(centre / n);
  return {centre + half_width, std::max(0.0, centre - half_width)};
}

bool Outside(double value, const Limits& limits) { return value > limits.ucl || value < limits.lcl; }

// The points [begin, end) of the trial phase of a series of `points` (valid options).
struct TrialRange {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool Contains(std::size_t i) const { return i >= begin && i < end; }
};

TrialRange TrialOf(std::size_t points, const ControlChartOptions& options) {
  std::size_t begin = options.trial_start;
  return {begin, options.trial_size == 0 ? points : begin + options.trial_size};
}

Status ValidateCommon(std::span<const std::int64_t> counts, const ControlChartOptions& options) {
  if (counts.empty()) return Error::InvalidField("counts", "at least one period is needed");
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (counts[i] < 0) {
      return Error::InvalidField("counts/" + std::to_string(i),
                                 "a count cannot be negative (got " + std::to_string(counts[i]) + ")");
    }
  }
  if (options.trial_start >= counts.size()) {
    return Error::InvalidField("trial_start", "the trial phase starts at point " +
                                                  std::to_string(options.trial_start) + ", after the series (" +
                                                  std::to_string(counts.size()) + " points)");
  }
  if (options.trial_size > counts.size() - options.trial_start) {
    return Error::InvalidField("trial_size", "the trial phase (" + std::to_string(options.trial_size) +
                                                 " points from point " + std::to_string(options.trial_start) +
                                                 ") is longer than the series (" + std::to_string(counts.size()) +
                                                 " points)");
  }
  if (!(options.sigma_multiple > 0) || !std::isfinite(options.sigma_multiple)) {
    return Error::InvalidField("sigma_multiple", "must be a positive number");
  }
  const TrialRange trial = TrialOf(counts.size(), options);
  for (std::size_t j = 0; j < options.excluded.size(); ++j) {
    if (options.excluded[j] < trial.begin || options.excluded[j] >= trial.end) {
      return Error::InvalidField("excluded/" + std::to_string(j),
                                 "index " + std::to_string(options.excluded[j]) + " is outside the trial phase (" +
                                     std::to_string(trial.begin) + ".." + std::to_string(trial.end - 1) + ")");
    }
  }
  return Status::Ok();
}

// The shared computation: a c-chart is a u-chart whose every volume is 1.
Result<ControlChart> Compute(std::span<const std::int64_t> counts, std::span<const double> volumes,
                             const ControlChartOptions& options) {
  const TrialRange trial = TrialOf(counts.size(), options);
  const double k = options.sigma_multiple;
  std::vector<bool> used(counts.size(), false);  // sets the limits
  for (std::size_t i = trial.begin; i < trial.end; ++i) used[i] = true;
  for (std::size_t index : options.excluded) used[index] = false;

  int max_passes = 1;
  if (options.revision == TrialRevision::kDropOnce) max_passes = 2;
  // Each further pass drops at least one point, so trial + 1 passes suffice.
  if (options.revision == TrialRevision::kUntilStable) max_passes = static_cast<int>(trial.end - trial.begin) + 1;

  ControlChart chart;
  double centre = 0;
  for (;;) {
    double sum_counts = 0;
    double sum_volumes = 0;
    for (std::size_t i = trial.begin; i < trial.end; ++i) {
      if (!used[i]) continue;
      sum_counts += static_cast<double>(counts[i]);
      sum_volumes += volumes[i];
    }
    if (sum_volumes == 0) {
      return Error::FailedPrecondition("no trial point is left to set the control limits from");
    }
    centre = sum_counts / sum_volumes;
    ++chart.passes;
    if (chart.passes >= max_passes) break;
    bool dropped_any = false;
    for (std::size_t i = trial.begin; i < trial.end; ++i) {
      if (!used[i]) continue;
      double value = static_cast<double>(counts[i]) / volumes[i];
      if (Outside(value, LimitsFor(centre, volumes[i], k))) {
        used[i] = false;
        dropped_any = true;
      }
    }
    if (!dropped_any) break;
  }

  Limits unit = LimitsFor(centre, 1.0, k);
  chart.centre = centre;
  chart.ucl = unit.ucl;
  chart.lcl = unit.lcl;
  chart.points.reserve(counts.size());
  for (std::size_t i = 0; i < counts.size(); ++i) {
    ChartPoint point;
    point.value = static_cast<double>(counts[i]) / volumes[i];
    Limits limits = LimitsFor(centre, volumes[i], k);
    point.centre = centre;
    point.ucl = limits.ucl;
    point.lcl = limits.lcl;
    point.in_trial = trial.Contains(i);
    point.used_for_limits = used[i];
    point.out_of_control = Outside(point.value, limits);
    if (point.in_trial && !used[i]) chart.dropped.push_back(i);
    chart.points.push_back(point);
  }
  return chart;
}

}  // namespace

std::vector<std::size_t> ControlChart::OutOfControl() const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (points[i].out_of_control) out.push_back(i);
  }
  return out;
}

Result<ControlChart> ComputeCChart(std::span<const std::int64_t> counts, const ControlChartOptions& options) {
  if (Status status = ValidateCommon(counts, options); !status.ok()) return status.error();
  std::vector<double> unit_volumes(counts.size(), 1.0);
  return Compute(counts, unit_volumes, options);
}

Result<ControlChart> ComputeUChart(std::span<const std::int64_t> counts, std::span<const double> volumes,
                                   const ControlChartOptions& options) {
  if (Status status = ValidateCommon(counts, options); !status.ok()) return status.error();
  if (volumes.size() != counts.size()) {
    return Error::InvalidField("volumes", "there are " + std::to_string(counts.size()) + " counts but " +
                                              std::to_string(volumes.size()) + " volumes");
  }
  for (std::size_t i = 0; i < volumes.size(); ++i) {
    if (!(volumes[i] > 0) || !std::isfinite(volumes[i])) {
      return Error::InvalidField("volumes/" + std::to_string(i), "a volume must be a positive finite number");
    }
  }
  return Compute(counts, volumes, options);
}

}  // namespace hearken::analytics
