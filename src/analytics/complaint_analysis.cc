#include "analytics/complaint_analysis.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <date/date.h>
#include <date/iso_week.h>
#include <date/tz.h>
#include <exception>
#include <map>
#include <set>

#include "analytics/percentile.h"
#include "core/entities.h"

namespace hearken::analytics {
namespace {

using Json = nlohmann::json;

constexpr const char* kUncategorised = "(uncategorised)";
constexpr const char* kNoProduct = "(no product)";
constexpr const char* kNoSegment = "(no segment)";

// A period as an ordinal: months since year 0 (month), or the day number of
// the week's Monday (week). Consecutive periods differ by 1 (month) or 7 (week).
using PeriodIndex = std::int64_t;

PeriodIndex Step(AnalysisPeriod period) { return period == AnalysisPeriod::kMonth ? 1 : 7; }

PeriodIndex IndexOf(TimePoint t, AnalysisPeriod period, const date::time_zone* zone) {
  auto local = zone->to_local(t);
  auto day = date::floor<date::days>(local);
  if (period == AnalysisPeriod::kMonth) {
    date::year_month_day ymd{day};
    return static_cast<PeriodIndex>(static_cast<int>(ymd.year())) * 12 +
           static_cast<PeriodIndex>(static_cast<unsigned>(ymd.month())) - 1;
  }
  unsigned iso = date::weekday{day}.iso_encoding();  // 1 = Monday
  return day.time_since_epoch().count() - static_cast<PeriodIndex>(iso - 1);
}

std::string KeyOf(PeriodIndex index, AnalysisPeriod period) {
  char buf[64];
  if (period == AnalysisPeriod::kMonth) {
    PeriodIndex year = index >= 0 ? index / 12 : (index - 11) / 12;
    PeriodIndex month = index - year * 12 + 1;
    std::snprintf(buf, sizeof buf, "%04lld-%02lld", static_cast<long long>(year), static_cast<long long>(month));
    return buf;
  }
  iso_week::year_weeknum_weekday ywd{date::sys_days{date::days{index}}};
  std::snprintf(buf, sizeof buf, "%04d-W%02u", static_cast<int>(ywd.year()), static_cast<unsigned>(ywd.weeknum()));
  return buf;
}

Result<const date::time_zone*> Zone(const std::string& name) {
  try {
    return date::locate_zone(name);
  } catch (const std::exception& e) {
    return Error::Internal("unknown time zone \"" + name + "\": " + e.what());
  }
}

double Hours(std::chrono::microseconds d) { return static_cast<double>(d.count()) / 3.6e9; }

DurationSummary Summarise(const std::vector<double>& hours) {
  DurationSummary s;
  s.n = static_cast<std::int64_t>(hours.size());
  if (hours.empty()) return s;
  auto median = Median(hours);
  auto p90 = Percentile90(hours);
  if (median.ok()) s.median_hours = *median;
  if (p90.ok()) s.p90_hours = *p90;
  return s;
}

// True when `milestone` met `target` counted from `start` (see the header).
bool Within(const BusinessCalendar& calendar, SlaTarget target, TimePoint start, TimePoint milestone) {
  if (target.unit == SlaUnit::kBusinessDays) return calendar.AddBusinessDays(start, target.amount) >= milestone;
  return calendar.BusinessDuration(start, milestone) <= std::chrono::hours(target.amount);
}

SlaShare Share(std::int64_t n, std::int64_t within) {
  SlaShare s{n, within, std::nullopt};
  if (n > 0) s.share = static_cast<double>(within) / static_cast<double>(n);
  return s;
}

// The group of `f` at `level` of the category tree: its node there (or its
// own, when shallower), keyed by that node's id.
std::pair<CountKey, std::string> CategoryGroup(const ComplaintFact& f, int level,
                                               const std::map<std::string, Id>& ids_by_path) {
  if (f.category_path.empty()) return {f.category_id ? CountKey{*f.category_id} : CountKey{}, kUncategorised};
  std::string label = CategoryAtLevel(f.category_path, level);
  if (label.size() == f.category_path.size()) return {f.category_id ? CountKey{*f.category_id} : CountKey{}, label};
  auto it = ids_by_path.find(label);
  return {it != ids_by_path.end() ? CountKey{it->second} : CountKey{}, std::move(label)};
}

// The position of period `key` (of field `field`) among `keys`.
Result<std::size_t> PositionOf(const std::vector<std::string>& keys, const std::string& key, const char* field) {
  auto it = std::find(keys.begin(), keys.end(), key);
  if (it == keys.end()) {
    std::string range = keys.empty() ? "there is no period" : "the periods are " + keys.front() + " to " + keys.back();
    return Error::InvalidField(field, key + " is not a period of the analysed range (" + range + ")");
  }
  return static_cast<std::size_t>(it - keys.begin());
}

// options.chart with the baseline as its trial phase, or unchanged without
// one; either way ending before the period still running (`running`), whose
// count so far would pull the limits down.
Result<ControlChartOptions> ChartOptions(const std::vector<std::string>& keys, const ComplaintAnalysisOptions& options,
                                         std::optional<std::size_t> running) {
  ControlChartOptions chart = options.chart;
  const bool baseline = options.baseline_from || options.baseline_to;
  if (!baseline && !running) return chart;
  std::size_t begin = baseline ? 0 : chart.trial_start;
  std::size_t end = keys.empty() ? 0 : keys.size() - 1;
  if (!baseline && chart.trial_size > 0) end = begin + chart.trial_size - 1;
  if (options.baseline_from) {
    auto at = PositionOf(keys, *options.baseline_from, "baseline_from");
    if (!at.ok()) return at.error();
    begin = *at;
  }
  if (options.baseline_to) {
    auto at = PositionOf(keys, *options.baseline_to, "baseline_to");
    if (!at.ok()) return at.error();
    end = *at;
  }
  if (end < begin) return Error::InvalidField("baseline_to", "must not be before baseline_from");
  if (running && *running > begin && end >= *running) end = *running - 1;
  chart.trial_start = begin;
  chart.trial_size = end - begin + 1;
  if (baseline) chart.excluded.clear();  // indices of another trial phase
  return chart;
}

// The index of the period holding `now` among `keys` (that period and any
// after it are not over yet), or nullopt when the range ended before now.
std::optional<std::size_t> RunningPeriod(const std::vector<std::string>& keys, const ComplaintAnalysisOptions& options,
                                         const std::string& time_zone) {
  if (!options.now || keys.empty()) return std::nullopt;
  auto key = PeriodOf(*options.now, options.period, time_zone);
  if (!key.ok()) return std::nullopt;
  auto it = std::find(keys.begin(), keys.end(), *key);
  if (it != keys.end()) return static_cast<std::size_t>(it - keys.begin());
  return *key < keys.front() ? std::optional<std::size_t>(0) : std::nullopt;  // the whole range is still to come
}

// The first and last trial period and how many points set the limits.
Baseline BaselineOf(const ControlChart& chart, const std::vector<PeriodCount>& periods) {
  Baseline b;
  for (std::size_t i = 0; i < chart.points.size(); ++i) {
    if (!chart.points[i].in_trial) continue;
    if (b.from.empty()) b.from = periods[i].period;
    b.to = periods[i].period;
    if (chart.points[i].used_for_limits) ++b.periods;
  }
  return b;
}

Json ToJson(const Baseline& b) { return {{"from", b.from}, {"to", b.to}, {"periods", b.periods}}; }

Json OrNull(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

Json ToJson(const DurationSummary& d) {
  return {{"n", d.n}, {"median_hours", OrNull(d.median_hours)}, {"p90_hours", OrNull(d.p90_hours)}};
}

Json ToJson(const SlaShare& s) { return {{"n", s.n}, {"within", s.within}, {"share", OrNull(s.share)}}; }

}  // namespace

std::string_view ToString(AnalysisPeriod v) { return v == AnalysisPeriod::kMonth ? "month" : "week"; }

std::optional<AnalysisPeriod> ParseAnalysisPeriod(std::string_view s) {
  if (s == "month") return AnalysisPeriod::kMonth;
  if (s == "week") return AnalysisPeriod::kWeek;
  return std::nullopt;
}

Result<std::string> PeriodOf(TimePoint t, AnalysisPeriod period, const std::string& time_zone) {
  auto zone = Zone(time_zone);
  if (!zone.ok()) return zone.error();
  return KeyOf(IndexOf(t, period, *zone), period);
}

bool IsPeriodKey(std::string_view key, AnalysisPeriod period) {
  auto digits = [key](std::size_t at, std::size_t n) {
    for (std::size_t i = at; i < at + n; ++i)
      if (key[i] < '0' || key[i] > '9') return false;
    return true;
  };
  auto number = [key](std::size_t at) { return (key[at] - '0') * 10 + (key[at + 1] - '0'); };
  if (period == AnalysisPeriod::kMonth)
    return key.size() == 7 && digits(0, 4) && key[4] == '-' && digits(5, 2) && number(5) >= 1 && number(5) <= 12;
  return key.size() == 8 && digits(0, 4) && key[4] == '-' && key[5] == 'W' && digits(6, 2) && number(6) >= 1 &&
         number(6) <= 53;
}

Result<ComplaintAnalysis> AnalyseComplaints(const std::vector<ComplaintFact>& facts,
                                            const std::vector<PeriodVolume>& volumes,
                                            const BusinessCalendar& calendar, const SlaPolicy& policy,
                                            const ComplaintAnalysisOptions& options) {
  if (options.from && options.to && *options.from >= *options.to)
    return Error::InvalidField("to", "must be after from");
  if (options.category_level < 1) return Error::InvalidField("category_level", "must be 1 (the top level) or more");
  if (options.top && *options.top < 1) return Error::InvalidField("top", "must keep at least one group");
  auto zone_result = Zone(calendar.settings().time_zone);
  if (!zone_result.ok()) return zone_result.error();
  const date::time_zone* zone = *zone_result;
  const AnalysisPeriod period = options.period;

  // The complaints inside [from, to).
  std::vector<const ComplaintFact*> in_range;
  in_range.reserve(facts.size());
  for (const auto& f : facts) {
    if (options.from && f.received_at < *options.from) continue;
    if (options.to && f.received_at >= *options.to) continue;
    in_range.push_back(&f);
  }

  ComplaintAnalysis a;
  a.period = period;
  a.total = static_cast<std::int64_t>(in_range.size());
  a.category_level = options.category_level;
  a.top = options.top;

  // ---- The range of periods ----
  std::optional<PeriodIndex> first, last;
  if (options.from) first = IndexOf(*options.from, period, zone);
  if (options.to) last = IndexOf(*options.to - std::chrono::microseconds(1), period, zone);
  if (!in_range.empty()) {
    auto [lo, hi] = std::minmax_element(in_range.begin(), in_range.end(),
                                        [](const ComplaintFact* x, const ComplaintFact* y) {
                                          return x->received_at < y->received_at;
                                        });
    if (!first) first = IndexOf((*lo)->received_at, period, zone);
    if (!last) last = IndexOf((*hi)->received_at, period, zone);
  } else if (first && !last) {
    last = first;
  } else if (last && !first) {
    first = last;
  }
  std::vector<std::string> period_keys;
  std::map<PeriodIndex, std::size_t> slot;  // period index -> position in by_period
  if (first && last && *first <= *last) {
    std::int64_t span = (*last - *first) / Step(period) + 1;
    if (span > static_cast<std::int64_t>(kMaxAnalysisPeriods))
      return Error::InvalidField("from", "the range spans " + std::to_string(span) + " periods, more than " +
                                             std::to_string(kMaxAnalysisPeriods));
    for (PeriodIndex p = *first; p <= *last; p += Step(period)) {
      slot[p] = period_keys.size();
      period_keys.push_back(KeyOf(p, period));
      a.by_period.push_back({period_keys.back(), 0});
    }
  }

  // ---- Counts, durations, SLA, reopenings, ratings ----
  GroupCounter by_category, by_product, by_segment, by_channel;
  std::map<std::string, std::int64_t> pareto, pareto_top;
  std::vector<double> ack_hours, resolve_hours;
  std::int64_t ack_n = 0, ack_within = 0, resolve_n = 0, resolve_within = 0;
  std::int64_t rating_sum = 0;
  for (const ComplaintFact* f : in_range) {
    auto it = slot.find(IndexOf(f->received_at, period, zone));
    if (it != slot.end()) ++a.by_period[it->second].count;

    auto [category_key, category_label] = CategoryGroup(*f, options.category_level, options.category_ids_by_path);
    by_category.Add(category_key, category_label);
    ++pareto[category_label];
    ++pareto_top[f->category_path.empty() ? std::string(kUncategorised) : CategoryAtLevel(f->category_path, 1)];
    a.category_depth = std::max(a.category_depth, CategoryDepth(f->category_path));
    by_product.Add(f->product.empty() ? CountKey{} : CountKey{f->product},
                   f->product.empty() ? kNoProduct : f->product);
    by_segment.Add(f->segment_id ? CountKey{*f->segment_id} : CountKey{},
                   f->segment_name.empty() ? (f->segment_id ? "segment " + std::to_string(*f->segment_id)
                                                            : std::string(kNoSegment))
                                           : f->segment_name);
    std::string channel(ToString(f->channel));
    by_channel.Add(CountKey{channel}, channel);

    const SlaTargets& targets = policy.For(f->severity);
    if (f->acknowledged_at) {
      ack_hours.push_back(Hours(calendar.BusinessDuration(f->received_at, *f->acknowledged_at)));
      ++ack_n;
      if (Within(calendar, targets.acknowledge, f->received_at, *f->acknowledged_at)) ++ack_within;
    }
    // A withdrawn complaint without a response was never resolved (moot clock).
    std::optional<TimePoint> resolved = f->responded_at;
    if (!resolved && f->state != ComplaintState::kWithdrawn) resolved = f->closed_at;
    if (resolved) {
      resolve_hours.push_back(Hours(calendar.BusinessDuration(f->received_at, *resolved)));
      ++resolve_n;
      if (Within(calendar, targets.resolve, f->received_at, *resolved)) ++resolve_within;
    }

    if (f->closed_at || f->reopen_count > 0) ++a.reopen_rate.closed;
    if (f->reopen_count > 0) ++a.reopen_rate.reopened;

    if (f->rating && *f->rating >= 1 && *f->rating <= 5) {
      ++a.satisfaction.n;
      ++a.satisfaction.distribution[static_cast<std::size_t>(*f->rating - 1)];
      rating_sum += *f->rating;
    }
  }
  a.category_groups = static_cast<std::int64_t>(by_category.size());
  a.by_category = KeepTop(by_category.Sorted(), options.top);
  a.by_product = KeepTop(by_product.Sorted(), options.top);
  a.by_segment = KeepTop(by_segment.Sorted(), options.top);
  a.by_channel = by_channel.Sorted();
  a.pareto = ParetoOf(pareto, a.total, options.top);
  a.pareto_top_level = ParetoOf(pareto_top, a.total, options.top);
  a.time_to_acknowledge = Summarise(ack_hours);
  a.time_to_resolve = Summarise(resolve_hours);
  a.within_sla_acknowledge = Share(ack_n, ack_within);
  a.within_sla_resolve = Share(resolve_n, resolve_within);
  if (a.reopen_rate.closed > 0)
    a.reopen_rate.rate =
        static_cast<double>(a.reopen_rate.reopened) / static_cast<double>(a.reopen_rate.closed);
  if (a.satisfaction.n > 0)
    a.satisfaction.mean = static_cast<double>(rating_sum) / static_cast<double>(a.satisfaction.n);

  // ---- Charts ----
  const std::optional<std::size_t> running = RunningPeriod(period_keys, options, calendar.settings().time_zone);
  auto chart_options = ChartOptions(period_keys, options, running);
  if (!chart_options.ok()) return chart_options.error();
  if (a.by_period.empty()) {
    a.u_chart_note = "no period to chart";
    return a;
  }
  std::vector<std::int64_t> counts;
  counts.reserve(a.by_period.size());
  for (const auto& p : a.by_period) counts.push_back(p.count);
  auto c = ComputeCChart(counts, *chart_options);
  if (!c.ok()) return c.error();
  CChartResult cc{c->centre, c->ucl, c->lcl, BaselineOf(*c, a.by_period), {}};
  const auto partial = [&](std::size_t i) { return running && i >= *running; };
  for (std::size_t i = 0; i < c->points.size(); ++i)
    cc.points.push_back({a.by_period[i].period, c->points[i].value, c->points[i].out_of_control && !partial(i),
                         c->points[i].used_for_limits, partial(i)});
  a.c_chart = std::move(cc);

  std::map<std::string, const PeriodVolume*> volume_of;
  for (const auto& v : volumes)
    if (v.volume > 0) volume_of[v.period] = &v;
  std::vector<double> period_volumes;
  std::vector<std::string> missing;
  std::set<std::string> units;
  for (const auto& p : a.by_period) {
    auto it = volume_of.find(p.period);
    if (it == volume_of.end()) {
      missing.push_back(p.period);
    } else {
      period_volumes.push_back(it->second->volume);
      units.insert(it->second->unit);
    }
  }
  if (!missing.empty()) {
    constexpr std::size_t kListed = 12;
    std::string note = "no volume for ";
    for (std::size_t i = 0; i < missing.size() && i < kListed; ++i) note += (i ? ", " : "") + missing[i];
    if (missing.size() > kListed) note += " and " + std::to_string(missing.size() - kListed) + " more";
    a.u_chart_note = std::move(note);
    return a;
  }
  auto u = ComputeUChart(counts, period_volumes, *chart_options);
  if (!u.ok()) return u.error();
  UChartResult uc{u->centre, units.size() == 1 ? *units.begin() : std::string(), BaselineOf(*u, a.by_period), {}};
  for (std::size_t i = 0; i < u->points.size(); ++i)
    uc.points.push_back({a.by_period[i].period, counts[i], period_volumes[i], u->points[i].value, u->points[i].ucl,
                         u->points[i].lcl, u->points[i].out_of_control && !partial(i), u->points[i].used_for_limits,
                         partial(i)});
  a.u_chart = std::move(uc);
  return a;
}

nlohmann::json ToJson(const ComplaintAnalysis& a) {
  Json by_period = Json::array();
  for (const auto& p : a.by_period) by_period.push_back({{"period", p.period}, {"count", p.count}});
  Json c_chart = nullptr;
  if (a.c_chart) {
    Json points = Json::array();
    for (const auto& p : a.c_chart->points)
      points.push_back({{"period", p.period},
                        {"value", p.value},
                        {"out_of_control", p.out_of_control},
                        {"used_for_limits", p.used_for_limits},
                        {"partial", p.partial}});
    c_chart = {{"center", a.c_chart->center}, {"ucl", a.c_chart->ucl}, {"lcl", a.c_chart->lcl},
               {"baseline", ToJson(a.c_chart->baseline)}, {"points", std::move(points)}};
  }
  Json u_chart = nullptr;
  if (a.u_chart) {
    Json points = Json::array();
    for (const auto& p : a.u_chart->points)
      points.push_back({{"period", p.period},
                        {"count", p.count},
                        {"volume", p.volume},
                        {"value", p.value},
                        {"ucl", p.ucl},
                        {"lcl", p.lcl},
                        {"out_of_control", p.out_of_control},
                        {"used_for_limits", p.used_for_limits},
                        {"partial", p.partial}});
    u_chart = {{"center", a.u_chart->center},
               {"unit", a.u_chart->unit},
               {"baseline", ToJson(a.u_chart->baseline)},
               {"points", std::move(points)}};
  }
  Json distribution = Json::array();
  for (auto n : a.satisfaction.distribution) distribution.push_back(n);
  return {
      {"period", std::string(ToString(a.period))},
      {"total", a.total},
      {"category_level", a.category_level},
      {"category_depth", a.category_depth},
      {"category_groups", a.category_groups},
      {"top", a.top ? Json(*a.top) : Json(nullptr)},
      {"by_category", ToJson(a.by_category)},
      {"by_product", ToJson(a.by_product)},
      {"by_segment", ToJson(a.by_segment)},
      {"by_channel", ToJson(a.by_channel)},
      {"by_period", std::move(by_period)},
      {"pareto", ToJson(a.pareto)},
      {"pareto_top_level", ToJson(a.pareto_top_level)},
      {"time_to_acknowledge", ToJson(a.time_to_acknowledge)},
      {"time_to_resolve", ToJson(a.time_to_resolve)},
      {"within_sla", {{"acknowledge", ToJson(a.within_sla_acknowledge)}, {"resolve", ToJson(a.within_sla_resolve)}}},
      {"reopen_rate",
       {{"closed", a.reopen_rate.closed}, {"reopened", a.reopen_rate.reopened}, {"rate", OrNull(a.reopen_rate.rate)}}},
      {"satisfaction",
       {{"n", a.satisfaction.n}, {"mean", OrNull(a.satisfaction.mean)}, {"distribution", std::move(distribution)}}},
      {"c_chart", std::move(c_chart)},
      {"u_chart", std::move(u_chart)},
      {"u_chart_note", a.u_chart_note},
  };
}

}  // namespace hearken::analytics
