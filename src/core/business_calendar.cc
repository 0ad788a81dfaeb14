#include "core/business_calendar.h"

#include <algorithm>
#include <mutex>
#include <date/tz.h>

#include "core/validation.h"

namespace hearken {
namespace {

using std::chrono::microseconds;
using std::chrono::minutes;

// Local dates are handled as day numbers since 1970-01-01 (local).
using DayNumber = long;

// Walks never go further than this many local days; a validated calendar
// always finds a working day much sooner (at most kMaxHolidays + 7 days).
constexpr DayNumber kMaxWalkDays = 4000;

constexpr TimePoint kForever = TimePoint::max();

DayNumber ToDayNumber(const std::chrono::year_month_day& ymd) {
  return static_cast<DayNumber>(std::chrono::sys_days{ymd}.time_since_epoch().count());
}

// Sorted, disjoint [from, to) intervals; an open end becomes kForever.
using Intervals = std::vector<std::pair<TimePoint, TimePoint>>;

Intervals MergePauses(const std::vector<SlaPause>& pauses) {
  Intervals in;
  for (const SlaPause& p : pauses) {
    TimePoint to = p.to.value_or(kForever);
    if (p.from < to) in.emplace_back(p.from, to);
  }
  std::sort(in.begin(), in.end());
  Intervals out;
  for (const auto& iv : in) {
    if (!out.empty() && iv.first <= out.back().second)
      out.back().second = std::max(out.back().second, iv.second);
    else
      out.push_back(iv);
  }
  return out;
}

}  // namespace

std::array<std::optional<DayHours>, 7> WorkWeek(DayHours hours) {
  return {hours, hours, hours, hours, hours, std::nullopt, std::nullopt};
}

Status ValidateCalendarSettings(const CalendarSettings& s) {
  std::vector<FieldError> problems;
  if (!IsKnownTimeZone(s.time_zone))
    problems.push_back({"time_zone", "must be an IANA time zone such as Europe/Berlin"});
  bool any_hours = false;
  for (size_t i = 0; i < s.week.size(); ++i) {
    if (!s.week[i]) continue;
    const DayHours& h = *s.week[i];
    std::string prefix = std::string("week/") + kWeekdayNames[i];
    bool ok = true;
    if (h.open < minutes(0) || h.open >= minutes(24 * 60)) {
      problems.push_back({prefix + "/open", "must be a time from 00:00 to 23:59"});
      ok = false;
    }
    if (h.close <= minutes(0) || h.close > minutes(24 * 60)) {
      problems.push_back({prefix + "/close", "must be a time from 00:01 to 24:00"});
      ok = false;
    }
    if (ok && h.close <= h.open) {
      problems.push_back({prefix + "/close", "must be later than the opening time"});
      ok = false;
    }
    any_hours = any_hours || ok;
  }
  if (!any_hours) problems.push_back({"week", "at least one weekday must have working hours"});
  if (s.holidays.size() > kMaxHolidays)
    problems.push_back({"holidays", "at most " + std::to_string(kMaxHolidays) + " dates"});
  for (size_t i = 0; i < s.holidays.size(); ++i)
    if (!s.holidays[i].ok()) problems.push_back({"holidays/" + std::to_string(i), "must be a valid date"});
  if (problems.empty()) return Status::Ok();
  std::string summary = "calendar: ";
  for (size_t i = 0; i < problems.size(); ++i)
    summary += (i ? "; " : "") + problems[i].field + " " + problems[i].message;
  return Error::InvalidArgument(std::move(summary), std::move(problems));
}

// ---- The calendar ------------------------------------------------------------------

struct BusinessCalendar::Impl {
  const date::time_zone* zone = nullptr;
  std::array<std::optional<DayHours>, 7> week;
  std::vector<DayNumber> holidays;  // sorted

  DayNumber DayOf(TimePoint t) const {
    auto local = zone->to_local(t);
    return static_cast<DayNumber>(date::floor<date::days>(local).time_since_epoch().count());
  }

  // Local time-of-day of `t` (since local midnight).
  microseconds TimeOfDay(TimePoint t) const {
    auto local = zone->to_local(t);
    return std::chrono::duration_cast<microseconds>(local - date::floor<date::days>(local));
  }

  // The instant of local clock time `tod` on local day `day`. A time skipped
  // by a daylight-saving change maps to the instant of the change; a repeated
  // time to its first occurrence.
  TimePoint ToUtc(DayNumber day, microseconds tod) const {
    date::local_time<microseconds> local = date::local_days{date::days{day}} + tod;
    return std::chrono::time_point_cast<microseconds>(zone->to_sys(local, date::choose::earliest));
  }

  const std::optional<DayHours>& HoursOf(DayNumber day) const {
    static const std::optional<DayHours> kClosed;
    if (std::binary_search(holidays.begin(), holidays.end(), day)) return kClosed;
    unsigned iso = date::weekday{date::local_days{date::days{day}}}.iso_encoding();  // 1 = Monday
    return week[iso - 1];
  }

  // The working interval [open, close) of local day `day`, if it has one.
  std::optional<std::pair<TimePoint, TimePoint>> Interval(DayNumber day) const {
    const std::optional<DayHours>& h = HoursOf(day);
    if (!h) return std::nullopt;
    TimePoint open = ToUtc(day, h->open);
    TimePoint close = ToUtc(day, h->close);
    if (open >= close) return std::nullopt;  // hours entirely inside a skipped hour
    return std::make_pair(open, close);
  }
};

Result<BusinessCalendar> BusinessCalendar::Create(CalendarSettings settings) {
  if (Status s = ValidateCalendarSettings(settings); !s.ok()) return s.error();
  auto impl = std::make_shared<Impl>();
  try {
    impl->zone = date::locate_zone(settings.time_zone);
  } catch (const std::runtime_error&) {
    return Error::InvalidField("time_zone", "must be an IANA time zone such as Europe/Berlin");
  }
  impl->week = settings.week;
  for (const auto& ymd : settings.holidays) impl->holidays.push_back(ToDayNumber(ymd));
  std::sort(impl->holidays.begin(), impl->holidays.end());
  return BusinessCalendar(std::move(impl), std::move(settings));
}

std::chrono::year_month_day BusinessCalendar::LocalDate(TimePoint t) const {
  return std::chrono::year_month_day(std::chrono::sys_days(std::chrono::days(impl_->DayOf(t))));
}

TimePoint BusinessCalendar::StartOfLocalDay(std::chrono::year_month_day day) const {
  const auto number = std::chrono::sys_days(day).time_since_epoch().count();
  return impl_->ToUtc(static_cast<DayNumber>(number), microseconds(0));
}

Result<BusinessCalendar> BusinessCalendar::CreateCached(const CalendarSettings& settings) {
  static std::mutex mutex;
  static std::vector<BusinessCalendar> recent;  // newest last, at most kKept
  constexpr size_t kKept = 4;
  {
    std::lock_guard lock(mutex);
    for (const BusinessCalendar& c : recent)
      if (c.settings() == settings) return c;
  }
  auto made = Create(settings);
  if (!made.ok()) return made;
  std::lock_guard lock(mutex);
  if (recent.size() == kKept) recent.erase(recent.begin());
  recent.push_back(*made);
  return made;
}

bool BusinessCalendar::IsWorkingTime(TimePoint t) const {
  auto iv = impl_->Interval(impl_->DayOf(t));
  return iv && iv->first <= t && t < iv->second;
}

TimePoint BusinessCalendar::NextWorkingTime(TimePoint t) const {
  DayNumber first = impl_->DayOf(t);
  for (DayNumber d = first; d < first + kMaxWalkDays; ++d) {
    auto iv = impl_->Interval(d);
    if (iv && t < iv->second) return std::max(iv->first, t);
  }
  return kForever;
}

microseconds BusinessCalendar::BusinessDuration(TimePoint a, TimePoint b, const std::vector<SlaPause>& pauses) const {
  if (b <= a) return microseconds(0);
  // Working time in [from, to) without pauses.
  auto working = [this](TimePoint from, TimePoint to) {
    microseconds total(0);
    if (to <= from) return total;
    for (DayNumber d = impl_->DayOf(from), last = impl_->DayOf(to); d <= last; ++d) {
      auto iv = impl_->Interval(d);
      if (!iv) continue;
      TimePoint s = std::max(iv->first, from);
      TimePoint e = std::min(iv->second, to);
      if (s < e) total += e - s;
    }
    return total;
  };
  microseconds total = working(a, b);
  for (const auto& [from, to] : MergePauses(pauses)) total -= working(std::max(from, a), std::min(to, b));
  return total;
}

minutes BusinessCalendar::BusinessTimeBetween(TimePoint a, TimePoint b, const std::vector<SlaPause>& pauses) const {
  return std::chrono::duration_cast<minutes>(BusinessDuration(a, b, pauses));
}

TimePoint BusinessCalendar::AddBusinessTime(TimePoint start, microseconds amount,
                                            const std::vector<SlaPause>& pauses) const {
  if (amount <= microseconds(0)) return start;
  const Intervals merged = MergePauses(pauses);
  microseconds remaining = amount;
  DayNumber first = impl_->DayOf(start);
  for (DayNumber d = first; d < first + kMaxWalkDays; ++d) {
    auto iv = impl_->Interval(d);
    if (!iv || iv->second <= start) continue;
    TimePoint pos = std::max(iv->first, start);
    const TimePoint close = iv->second;
    // Run through [pos, close) minus the pauses.
    for (const auto& [from, to] : merged) {
      if (to <= pos || from >= close) continue;
      if (from > pos) {
        if (from - pos >= remaining) return pos + remaining;
        remaining -= from - pos;
      }
      if (to == kForever) return kForever;  // paused for good before the budget ran out
      pos = std::max(pos, to);
      if (pos >= close) break;
    }
    if (pos < close) {
      if (close - pos >= remaining) return pos + remaining;
      remaining -= close - pos;
    }
  }
  return kForever;
}

TimePoint BusinessCalendar::AddBusinessDays(TimePoint start, int days) const {
  TimePoint s = NextWorkingTime(start);
  if (days <= 0 || s == kForever) return s;
  DayNumber d = impl_->DayOf(s);
  const microseconds tod = impl_->TimeOfDay(s);
  int counted = 0;
  for (DayNumber limit = d + kMaxWalkDays; d < limit;) {
    ++d;
    if (!impl_->Interval(d)) continue;
    if (++counted < days) continue;
    const DayHours& h = *impl_->HoursOf(d);
    microseconds clamped = std::clamp(tod, microseconds(h.open), microseconds(h.close));
    return impl_->ToUtc(d, clamped);
  }
  return kForever;
}

// ---- SLA policy ----------------------------------------------------------------------

const SlaTargets& SlaPolicy::For(std::optional<int> severity) const {
  if (!severity || *severity < kMinSeverity || *severity > kMaxSeverity) return unassessed;
  return by_severity[*severity - kMinSeverity];
}

Status ValidateSlaPolicy(const SlaPolicy& policy) {
  std::vector<FieldError> problems;
  auto check = [&problems](const std::string& field, const SlaTarget& t) {
    int max = t.unit == SlaUnit::kBusinessDays ? 365 : 2000;
    if (t.amount < 1 || t.amount > max)
      problems.push_back({field, "must be from 1 to " + std::to_string(max) + " " +
                                     (t.unit == SlaUnit::kBusinessDays ? "business days" : "business hours")});
  };
  check("unassessed/acknowledge", policy.unassessed.acknowledge);
  check("unassessed/resolve", policy.unassessed.resolve);
  for (int s = kMinSeverity; s <= kMaxSeverity; ++s) {
    const SlaTargets& t = policy.by_severity[s - kMinSeverity];
    check("severity/" + std::to_string(s) + "/acknowledge", t.acknowledge);
    check("severity/" + std::to_string(s) + "/resolve", t.resolve);
  }
  if (policy.warn_at_percent < 1 || policy.warn_at_percent > 99)
    problems.push_back({"warn_at_percent", "must be from 1 to 99"});
  if (problems.empty()) return Status::Ok();
  std::string summary = "SLA policy: ";
  for (size_t i = 0; i < problems.size(); ++i)
    summary += (i ? "; " : "") + problems[i].field + " " + problems[i].message;
  return Error::InvalidArgument(std::move(summary), std::move(problems));
}

std::string_view ToString(SlaUnit v) {
  return v == SlaUnit::kBusinessDays ? "business_days" : "business_hours";
}

std::optional<SlaUnit> ParseSlaUnit(std::string_view s) {
  if (s == "business_days") return SlaUnit::kBusinessDays;
  if (s == "business_hours") return SlaUnit::kBusinessHours;
  return std::nullopt;
}

SlaStatus EvaluateSla(const BusinessCalendar& calendar, SlaTarget target, TimePoint start,
                      const std::vector<SlaPause>& pauses, TimePoint now, int warn_at_percent,
                      std::optional<TimePoint> stopped_at) {
  SlaStatus st;
  const TimePoint at = stopped_at ? std::max(*stopped_at, start) : now;
  st.stopped = stopped_at.has_value();

  // The pauses that matter: from the start up to the evaluation instant; an
  // open-ended one counts up to that instant.
  std::vector<SlaPause> clipped;
  for (const SlaPause& p : pauses) {
    if (p.from >= at) continue;
    SlaPause c{std::max(p.from, start), p.to.value_or(at)};
    if (!p.to && !st.stopped) st.paused = true;
    if (c.from < *c.to) clipped.push_back(c);
  }

  const int amount = std::max(target.amount, 1);
  const TimePoint undisturbed = target.unit == SlaUnit::kBusinessDays
                                    ? calendar.AddBusinessDays(start, amount)
                                    : calendar.AddBusinessTime(start, std::chrono::hours(amount));
  if (undisturbed == kForever) {  // only for a calendar whose hours all fall into skipped hours
    st.due = st.warn_at = kForever;
    return st;
  }
  const microseconds budget = calendar.BusinessDuration(start, undisturbed);
  const microseconds lost = budget - calendar.BusinessDuration(start, undisturbed, clipped);
  st.due = calendar.AddBusinessTime(undisturbed, lost, clipped);
  const microseconds elapsed = calendar.BusinessDuration(start, at, clipped);
  const int percent = std::clamp(warn_at_percent, 1, 99);
  st.warn_at = calendar.AddBusinessTime(start, budget * percent / 100, clipped);
  st.budget = std::chrono::duration_cast<minutes>(budget);
  st.elapsed = std::chrono::duration_cast<minutes>(elapsed);
  st.fraction_elapsed = budget.count() > 0 ? static_cast<double>(elapsed.count()) / budget.count() : 0.0;
  st.breached = at > st.due;
  st.warning = !st.breached && at >= st.warn_at;
  return st;
}

}  // namespace hearken
