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
constexpr const char* kPathSeparator = " / ";

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

// Counts grouped by key, sorted by count descending then label ascending.
class Counter {
 public:
  void Add(const CountKey& key, const std::string& label) {
    auto [it, inserted] = entries_.try_emplace(key, CountEntry{key, label, 0});
    ++it->second.count;
  }
  std::vector<CountEntry> Sorted() const {
    std::vector<CountEntry> out;
    out.reserve(entries_.size());
    for (const auto& [key, entry] : entries_) out.push_back(entry);
    std::stable_sort(out.begin(), out.end(), [](const CountEntry& a, const CountEntry& b) {
      if (a.count != b.count) return a.count > b.count;
      return a.label < b.label;
    });
    return out;
  }

 private:
  std::map<CountKey, CountEntry> entries_;
};

std::vector<ParetoEntry> Pareto(const std::map<std::string, std::int64_t>& counts, std::int64_t total) {
  std::vector<ParetoEntry> out;
  for (const auto& [label, count] : counts) out.push_back({label, count, 0, 0});
  std::stable_sort(out.begin(), out.end(), [](const ParetoEntry& a, const ParetoEntry& b) {
    if (a.count != b.count) return a.count > b.count;
    return a.label < b.label;
  });
  std::int64_t running = 0;
  for (auto& e : out) {
    running += e.count;
    e.share = total > 0 ? static_cast<double>(e.count) / static_cast<double>(total) : 0;
    e.cumulative_share = total > 0 ? static_cast<double>(running) / static_cast<double>(total) : 0;
  }
  return out;
}

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

std::string TopLevel(const std::string& path) {
  auto pos = path.find(kPathSeparator);
  return pos == std::string::npos ? path : path.substr(0, pos);
}

Json OrNull(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

Json ToJson(const CountKey& key) {
  if (const auto* id = std::get_if<std::int64_t>(&key)) return *id;
  if (const auto* text = std::get_if<std::string>(&key)) return *text;
  return nullptr;
}

Json ToJson(const std::vector<CountEntry>& entries) {
  Json out = Json::array();
  for (const auto& e : entries) out.push_back({{"key", ToJson(e.key)}, {"label", e.label}, {"count", e.count}});
  return out;
}

Json ToJson(const std::vector<ParetoEntry>& entries) {
  Json out = Json::array();
  for (const auto& e : entries)
    out.push_back(
        {{"label", e.label}, {"count", e.count}, {"share", e.share}, {"cumulative_share", e.cumulative_share}});
  return out;
}

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

Result<ComplaintAnalysis> AnalyseComplaints(const std::vector<ComplaintFact>& facts,
                                            const std::vector<PeriodVolume>& volumes,
                                            const BusinessCalendar& calendar, const SlaPolicy& policy,
                                            const ComplaintAnalysisOptions& options) {
  if (options.from && options.to && *options.from >= *options.to)
    return Error::InvalidField("to", "must be after from");
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
  Counter by_category, by_product, by_segment, by_channel;
  std::map<std::string, std::int64_t> pareto, pareto_top;
  std::vector<double> ack_hours, resolve_hours;
  std::int64_t ack_n = 0, ack_within = 0, resolve_n = 0, resolve_within = 0;
  std::int64_t rating_sum = 0;
  for (const ComplaintFact* f : in_range) {
    auto it = slot.find(IndexOf(f->received_at, period, zone));
    if (it != slot.end()) ++a.by_period[it->second].count;

    const std::string category_label = f->category_path.empty() ? kUncategorised : f->category_path;
    by_category.Add(f->category_id ? CountKey{*f->category_id} : CountKey{}, category_label);
    ++pareto[category_label];
    ++pareto_top[f->category_path.empty() ? std::string(kUncategorised) : TopLevel(f->category_path)];
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
  a.by_category = by_category.Sorted();
  a.by_product = by_product.Sorted();
  a.by_segment = by_segment.Sorted();
  a.by_channel = by_channel.Sorted();
  a.pareto = Pareto(pareto, a.total);
  a.pareto_top_level = Pareto(pareto_top, a.total);
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
  if (a.by_period.empty()) {
    a.u_chart_note = "no period to chart";
    return a;
  }
  std::vector<std::int64_t> counts;
  counts.reserve(a.by_period.size());
  for (const auto& p : a.by_period) counts.push_back(p.count);
  auto c = ComputeCChart(counts, options.chart);
  if (!c.ok()) return c.error();
  CChartResult cc{c->centre, c->ucl, c->lcl, {}};
  for (std::size_t i = 0; i < c->points.size(); ++i)
    cc.points.push_back({a.by_period[i].period, c->points[i].value, c->points[i].out_of_control});
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
  auto u = ComputeUChart(counts, period_volumes, options.chart);
  if (!u.ok()) return u.error();
  UChartResult uc{u->centre, units.size() == 1 ? *units.begin() : std::string(), {}};
  for (std::size_t i = 0; i < u->points.size(); ++i)
    uc.points.push_back({a.by_period[i].period, counts[i], period_volumes[i], u->points[i].value, u->points[i].ucl,
                         u->points[i].lcl, u->points[i].out_of_control});
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
      points.push_back({{"period", p.period}, {"value", p.value}, {"out_of_control", p.out_of_control}});
    c_chart = {{"center", a.c_chart->center}, {"ucl", a.c_chart->ucl}, {"lcl", a.c_chart->lcl},
               {"points", std::move(points)}};
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
                        {"out_of_control", p.out_of_control}});
    u_chart = {{"center", a.u_chart->center}, {"unit", a.u_chart->unit}, {"points", std::move(points)}};
  }
  Json distribution = Json::array();
  for (auto n : a.satisfaction.distribution) distribution.push_back(n);
  return {
      {"period", std::string(ToString(a.period))},
      {"total", a.total},
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
