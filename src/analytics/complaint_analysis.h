// The analysis of many complaints (issue 3, ISO 10002 8.3 and ISO 9001 9.1.3):
// counts by category, product, segment, channel and period; the Pareto of
// categories; time to acknowledge and to resolve; the share handled within
// the SLA; the reopen rate; satisfaction with the handling; and the c-chart
// (and, when a volume per period is known, the u-chart) of complaints per
// period. Pure arithmetic over facts (complaint_facts.h, read from the
// store there); no I/O and no clock. `ToJson` gives the "Analysis
// answer" of docs/API.md.
//
// Readable with many groups (issue 7; breakdown.h). Categories count at one
// level of the tree (category_level, 1 = top level): a complaint filed on a
// deeper node counts under its ancestor at that level, one filed on a
// shallower node under its own. by_category, pareto, pareto_top_level,
// by_product and by_segment keep the `top` largest groups and sum the rest
// into one "Other" entry, last; by_channel (a handful) is never cut.
//
// Baseline. The c- and u-chart limits come from the baseline periods
// [baseline_from, baseline_to] of the range (by default every period); the
// other periods are judged against those limits without setting them.
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
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analytics/breakdown.h"
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

// Groups kept by default before the rest become "Other".
inline constexpr std::size_t kDefaultTopGroups = 10;

struct ComplaintAnalysisOptions {
  AnalysisPeriod period = AnalysisPeriod::kMonth;
  std::optional<TimePoint> from;  // received_at >= from
  std::optional<TimePoint> to;    // received_at < to
  // The level of the category tree that by_category and pareto count at.
  int category_level = 1;
  // The id of each category path (ComplaintAdminStore::ListCategories), to
  // key a group above a complaint's own category by its node; a path
  // missing here is keyed by null.
  std::map<std::string, Id> category_ids_by_path;
  // Groups kept in the cut lists before "Other"; nullopt keeps every group.
  std::optional<std::size_t> top = kDefaultTopGroups;
  // The first and last baseline period, keys of `period` ("2025-01",
  // "2025-W03"); nullopt: the first / last period of the range. Either one
  // given replaces chart.trial_start, trial_size and excluded.
  std::optional<std::string> baseline_from;
  std::optional<std::string> baseline_to;
  // When the analysis is made: the period holding `now` (and any after it)
  // is not over, so its count so far sets no limits (the baseline ends
  // before it) and is never out of control; its points say `partial`.
  std::optional<TimePoint> now;
  // Trial phase, exclusions and width of the c- and u-chart limits; by
  // default all periods set 3-sigma limits.
  ControlChartOptions chart;
};

struct PeriodCount {
  std::string period;  // "2025-01" or "2025-W03"
  std::int64_t count = 0;
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

// The periods whose points set a chart's limits: the trial phase from the
// first to the last of its periods, and how many of them set the limits.
struct Baseline {
  std::string from;
  std::string to;
  std::int64_t periods = 0;
};

struct CChartPoint {
  std::string period;
  double value = 0;
  bool out_of_control = false;
  bool used_for_limits = false;  // a baseline period
  bool partial = false;          // the period holding options.now, or later: never out of control
};

struct CChartResult {
  double center = 0;
  double ucl = 0;
  double lcl = 0;
  Baseline baseline;
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
  bool used_for_limits = false;  // a baseline period
  bool partial = false;          // as CChartPoint::partial
};

struct UChartResult {
  double center = 0;
  std::string unit;  // the volumes' unit when they all share one, else empty
  Baseline baseline;
  std::vector<UChartPoint> points;
};

struct ComplaintAnalysis {
  AnalysisPeriod period = AnalysisPeriod::kMonth;
  std::int64_t total = 0;
  int category_level = 1;            // as asked
  int category_depth = 0;            // the deepest category among the complaints
  std::int64_t category_groups = 0;  // groups at category_level before the cut
  std::optional<std::size_t> top;    // as asked; nullopt: every group
  // Each sorted by count descending, then label ascending; the cut ones
  // (see the top of this file) end with "Other" when groups were left out.
  std::vector<CountEntry> by_category;  // key: the node's id; label: its path or "(uncategorised)"
  std::vector<CountEntry> by_product;   // key: product text; "(no product)" when empty
  std::vector<CountEntry> by_segment;   // key: segment id; label: its name or "(no segment)"
  std::vector<CountEntry> by_channel;   // key and label: the channel's name
  std::vector<PeriodCount> by_period;   // every period of the range, in time order
  std::vector<ParetoEntry> pareto;            // category paths at category_level
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
// the range spans more than kMaxAnalysisPeriods periods; InvalidArgument
// "category_level" below 1, "top" of 0; InvalidArgument "baseline_from" /
// "baseline_to" when one is not a period of the range, "baseline_to" when it
// is before baseline_from; the InvalidArgument of ComputeCChart /
// ComputeUChart when options.chart does not fit the range (e.g.
// "trial_size"); Internal when the calendar's time zone is unknown.
Result<ComplaintAnalysis> AnalyseComplaints(const std::vector<ComplaintFact>& facts,
                                            const std::vector<PeriodVolume>& volumes,
                                            const BusinessCalendar& calendar, const SlaPolicy& policy,
                                            const ComplaintAnalysisOptions& options = {});

// The period key of `t` in the time zone `time_zone` ("2025-01" or
// "2025-W03"). Errors: Internal when the zone is unknown.
Result<std::string> PeriodOf(TimePoint t, AnalysisPeriod period, const std::string& time_zone);

// True when `key` is written as a period of `period`: "YYYY-MM" (month
// 01..12) or "YYYY-Www" (week 01..53). Whether that week exists in that
// year is not checked (AnalyseComplaints finds it in the range or not).
bool IsPeriodKey(std::string_view key, AnalysisPeriod period);

// The JSON of docs/API.md ("Analysis answer"): snake_case keys, absent values
// as null; within_sla as {acknowledge, resolve}; plus "period",
// "category_level", "category_depth", "category_groups", "top" (null for
// every group), "pareto_top_level", "u_chart_note", each chart's
// "baseline" {from, to, periods} and each point's "used_for_limits".
nlohmann::json ToJson(const ComplaintAnalysis& analysis);

}  // namespace hearken::analytics
