// The analysis of many complaints (issue 3, ISO 10002 8.3 and ISO 9001 9.1.3):
// counts by category, product, segment, channel and period; the Pareto of
// categories; time to acknowledge and to resolve; the share handled within
// the SLA; the reopen rate; satisfaction with the handling; and the c-chart
// (and, when a volume per period is known, the u-chart) of complaints per
// period. Pure arithmetic over facts (complaint_facts.h, read from the
// store there); no I/O and no clock. `ToJson` gives the "Analysis
// answer" of docs/API.md.
//
// Periods. Each complaint falls into the calendar month ("2025-01") or ISO
// week ("2025-W03", Monday to Sunday, the week-numbering year) of its
// received_at in the business calendar's time zone. Every period from the
// first to the last appears in by_period and on the charts, with zero counts
// where nothing was received, so the charts have no gaps. The range is the
// periods of `from` and of the instant just before `to` when given, otherwise
// those of the earliest and latest complaint; complaints received outside
// [from, to) are left out of every figure.
//
// Durations are business hours (BusinessCalendar::BusinessDuration):
//   time to acknowledge = received_at .. acknowledged_at (acknowledged ones);
//   time to resolve     = received_at .. responded_at, or closed_at when there
//                         is no response time (resolved ones);
// summarised by the median and the 90th percentile (percentile.h, type 7).
//
// Within SLA. Compares each duration with the target for the complaint's
// severity (SlaPolicy::For; unassessed targets without a severity):
//   business days:  within when AddBusinessDays(received_at, n) >= milestone;
//   business hours: within when the business time to the milestone <= n h.
// n counts complaints whose clock stopped because the milestone was reached
// (acknowledged; responded or closed). A clock that stopped because the
// complaint was withdrawn is moot and not counted. Simplification: pauses
// (waiting on the complainant) and restarts of the resolve clock after a
// reopening or a rejected response are ignored here — the time is counted
// from receipt to the latest response — so the resolve share is a
// conservative (lower) figure for such cases; the live SLA view of one case
// (complaint.h EvaluateComplaintSla) does count pauses.
//
// Reopen rate = complaints with reopen_count > 0 / complaints ever closed
// (closed_at set or reopen_count > 0). Satisfaction = the handling ratings
// 1..5 (other values are ignored).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "analytics/control_chart.h"
#include "core/business_calendar.h"
#include "core/clock.h"
#include "core/result.h"
#include "analytics/complaint_facts.h"

namespace hearken::analytics {

enum class AnalysisPeriod { kMonth, kWeek };
std::string_view ToString(AnalysisPeriod v);                     // "month" | "week"
std::optional<AnalysisPeriod> ParseAnalysisPeriod(std::string_view s);

// A range wider than this many periods is refused (a typo such as
// from=0001-01-01 would otherwise build a chart of 24,000 months).
inline constexpr std::size_t kMaxAnalysisPeriods = 1200;

struct ComplaintAnalysisOptions {
  AnalysisPeriod period = AnalysisPeriod::kMonth;
  std::optional<TimePoint> from;  // received_at >= from
  std::optional<TimePoint> to;    // received_at < to
  // Trial phase, exclusions and width of the c- and u-chart limits; by
  // default all periods set 3-sigma limits.
  ControlChartOptions chart;
};

// The key of a count: a category or segment id, a text (product, channel),
// or none (uncategorised, no product, no segment).
using CountKey = std::variant<std::monostate, std::int64_t, std::string>;

struct CountEntry {
  CountKey key;
  std::string label;
  std::int64_t count = 0;
};

struct PeriodCount {
  std::string period;  // "2025-01" or "2025-W03"
  std::int64_t count = 0;
};

struct ParetoEntry {
  std::string label;
  std::int64_t count = 0;
  double share = 0;             // count / total
  double cumulative_share = 0;  // this and every larger one before it
};

struct DurationSummary {
  std::int64_t n = 0;
  std::optional<double> median_hours;  // nullopt when n == 0
  std::optional<double> p90_hours;
};

struct SlaShare {
  std::int64_t n = 0;
  std::int64_t within = 0;
  std::optional<double> share;  // within / n; nullopt when n == 0
};

struct ReopenRate {
  std::int64_t closed = 0;
  std::int64_t reopened = 0;
  std::optional<double> rate;
};

struct Satisfaction {
  std::int64_t n = 0;
  std::optional<double> mean;
  std::array<std::int64_t, 5> distribution{};  // [0] score 1 .. [4] score 5
};

struct CChartPoint {
  std::string period;
  double value = 0;
  bool out_of_control = false;
};

struct CChartResult {
  double center = 0;
  double ucl = 0;
  double lcl = 0;
  std::vector<CChartPoint> points;
};

struct UChartPoint {
  std::string period;
  std::int64_t count = 0;
  double volume = 0;
  double value = 0;  // count / volume
  double ucl = 0;
  double lcl = 0;
  bool out_of_control = false;
};

struct UChartResult {
  double center = 0;
  std::string unit;  // the volumes' unit when they all share one, else empty
  std::vector<UChartPoint> points;
};

struct ComplaintAnalysis {
  AnalysisPeriod period = AnalysisPeriod::kMonth;
  std::int64_t total = 0;
  // Each sorted by count descending, then label ascending.
  std::vector<CountEntry> by_category;  // key: category id; label: its path or "(uncategorised)"
  std::vector<CountEntry> by_product;   // key: product text; "(no product)" when empty
  std::vector<CountEntry> by_segment;   // key: segment id; label: its name or "(no segment)"
  std::vector<CountEntry> by_channel;   // key and label: the channel's name
  std::vector<PeriodCount> by_period;   // every period of the range, in time order
  std::vector<ParetoEntry> pareto;            // full category paths
  std::vector<ParetoEntry> pareto_top_level;  // first path segment (e.g. the CFPB product)
  DurationSummary time_to_acknowledge;
  DurationSummary time_to_resolve;
  SlaShare within_sla_acknowledge;
  SlaShare within_sla_resolve;
  ReopenRate reopen_rate;
  Satisfaction satisfaction;
  std::optional<CChartResult> c_chart;  // nullopt when the range has no period
  std::optional<UChartResult> u_chart;  // nullopt unless every period has a volume
  std::string u_chart_note;             // why u_chart is absent (e.g. "no volume for 2025-03")
};

// The analysis of `facts` (any order) with the volumes per period, the
// business calendar (time zone for periods, business hours) and the SLA
// policy. Volumes for periods outside the range or of the other period kind
// are ignored.
// Errors: InvalidArgument "to" when from >= to; InvalidArgument "from" when
// the range spans more than kMaxAnalysisPeriods periods; the InvalidArgument
// of ComputeCChart / ComputeUChart when options.chart does not fit the range
// (e.g. "trial_size"); Internal when the calendar's time zone is unknown.
Result<ComplaintAnalysis> AnalyseComplaints(const std::vector<ComplaintFact>& facts,
                                            const std::vector<PeriodVolume>& volumes,
                                            const BusinessCalendar& calendar, const SlaPolicy& policy,
                                            const ComplaintAnalysisOptions& options = {});

// The period key of `t` in the time zone `time_zone` ("2025-01" or
// "2025-W03"). Errors: Internal when the zone is unknown.
Result<std::string> PeriodOf(TimePoint t, AnalysisPeriod period, const std::string& time_zone);

// The JSON of docs/API.md ("Analysis answer"): snake_case keys, absent values
// as null; within_sla as {acknowledge, resolve}; plus "period",
// "pareto_top_level" and "u_chart_note".
nlohmann::json ToJson(const ComplaintAnalysis& analysis);

}  // namespace hearken::analytics
