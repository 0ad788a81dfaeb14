// The organisation's business calendar and the SLA arithmetic on it.
//
// A calendar is an IANA time zone, working hours for each weekday (a day may
// have none) and a list of holiday dates. Working hours are local clock times,
// so 09:00-17:00 stays 09:00-17:00 local across a daylight-saving change.
// On that basis this module counts business time between instants, adds
// business time or business days to an instant, and evaluates an SLA target
// (due time, the warning point at 75 %, breach) with pauses — intervals during
// which the clock does not run, such as waiting on the complainant.
//
// Meaning of the two units:
//   business minutes: the clock runs only inside working hours (and outside
//     pauses); the result of adding is the earliest instant at which that much
//     business time has passed (Mon 16:00 + 60 min = Mon 17:00).
//   business days: "N business days after S" is the same local clock time on
//     the N-th working day after S, where S is first moved to the next opening
//     when it lies outside working hours (Fri 15:00 + 1 day = Mon 15:00;
//     Sat 11:00 + 1 day = Tue 09:00). When that day's hours are shorter, the
//     time is clamped into them (Thu 15:00 + 1 day = Fri 13:00 when Friday
//     closes at 13:00).
//
// Everything here is pure arithmetic: no clock is read, times are UTC instants.
#pragma once

#include <array>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/result.h"

namespace hearken {

// Working hours of one weekday as local times since midnight:
// 0 <= open < close <= 24:00.
struct DayHours {
  std::chrono::minutes open{9 * 60};
  std::chrono::minutes close{17 * 60};
  bool operator==(const DayHours&) const = default;
};

// Index into CalendarSettings::week: ISO order, Monday first.
inline constexpr std::array<const char*, 7> kWeekdayNames = {"monday",   "tuesday", "wednesday", "thursday",
                                                              "friday",   "saturday", "sunday"};

// Monday to Friday with the given hours, Saturday and Sunday without.
std::array<std::optional<DayHours>, 7> WorkWeek(DayHours hours = {});

struct CalendarSettings {
  std::string time_zone = "UTC";  // IANA name, e.g. "Europe/Berlin"
  std::array<std::optional<DayHours>, 7> week = WorkWeek();  // [0] Monday .. [6] Sunday; nullopt: closed
  std::vector<std::chrono::year_month_day> holidays;         // local dates without working hours
  bool operator==(const CalendarSettings&) const = default;
};

inline constexpr size_t kMaxHolidays = 1000;

// Errors: InvalidArgument naming every faulty field: "time_zone" (unknown
// zone), "week/<day>/open" and "week/<day>/close" (outside 00:00..24:00 or
// open not before close), "week" (no working hours on any day),
// "holidays/<i>" (not a valid date), "holidays" (more than kMaxHolidays).
Status ValidateCalendarSettings(const CalendarSettings& settings);

// An interval [from, to) during which an SLA clock does not run. An open end
// (to == nullopt) means the clock is still paused.
struct SlaPause {
  TimePoint from{};
  std::optional<TimePoint> to;
  bool operator==(const SlaPause&) const = default;
};

// A validated calendar, ready for arithmetic. Cheap to copy (the time zone is
// a pointer into the process-wide tz database).
class BusinessCalendar {
 public:
  // Errors: those of ValidateCalendarSettings.
  static Result<BusinessCalendar> Create(CalendarSettings settings);
  // The same, remembering the last few calendars made (by their settings):
  // for callers that need one per request or per write, the same settings
  // give a copy of the calendar already built, not a new one.
  static Result<BusinessCalendar> CreateCached(const CalendarSettings& settings);

  const CalendarSettings& settings() const { return settings_; }

  // The local date of `t` in the calendar's time zone (a complaint's
  // reference year, an analysis period).
  std::chrono::year_month_day LocalDate(TimePoint t) const;

  // The instant local day `day` begins in the calendar's time zone (a date a
  // person gave as a bound: "received from 2025-12-01"); where a clock change
  // skips midnight, the instant of the change.
  TimePoint StartOfLocalDay(std::chrono::year_month_day day) const;

  // True when `t` lies inside working hours on a working day.
  bool IsWorkingTime(TimePoint t) const;

  // `t` itself when it is working time, otherwise the next opening.
  TimePoint NextWorkingTime(TimePoint t) const;

  // Business time in [a, b), zero when b <= a. Pauses, when given, do not
  // count (overlapping pauses count once).
  std::chrono::microseconds BusinessDuration(TimePoint a, TimePoint b,
                                             const std::vector<SlaPause>& pauses = {}) const;
  // The same, truncated to whole minutes.
  std::chrono::minutes BusinessTimeBetween(TimePoint a, TimePoint b,
                                           const std::vector<SlaPause>& pauses = {}) const;

  // The earliest instant at which `amount` of business time has run since
  // `start`, skipping non-working time and pauses (an open-ended pause is
  // taken as lasting for ever; the result is then TimePoint::max()).
  // A zero or negative amount returns `start` unchanged. Any coarser duration
  // (std::chrono::minutes, hours) converts implicitly.
  TimePoint AddBusinessTime(TimePoint start, std::chrono::microseconds amount,
                            const std::vector<SlaPause>& pauses = {}) const;

  // N business days after `start` as defined in the header comment (no
  // pauses). days <= 0 returns NextWorkingTime(start).
  TimePoint AddBusinessDays(TimePoint start, int days) const;

 private:
  struct Impl;
  explicit BusinessCalendar(std::shared_ptr<const Impl> impl, CalendarSettings settings)
      : impl_(std::move(impl)), settings_(std::move(settings)) {}
  std::shared_ptr<const Impl> impl_;
  CalendarSettings settings_;
};

// ---- SLA policy and evaluation ---------------------------------------------------

enum class SlaUnit { kBusinessDays, kBusinessHours };

// One target, e.g. 1 business day or 4 business hours.
struct SlaTarget {
  int amount = 1;
  SlaUnit unit = SlaUnit::kBusinessDays;
  bool operator==(const SlaTarget&) const = default;
};

// The two targets of a complaint.
struct SlaTargets {
  SlaTarget acknowledge{1, SlaUnit::kBusinessDays};
  SlaTarget resolve{10, SlaUnit::kBusinessDays};
  bool operator==(const SlaTargets&) const = default;
};

inline constexpr int kMinSeverity = 1;  // the most severe
inline constexpr int kMaxSeverity = 4;

// Targets per severity, and for complaints not yet assessed (no severity).
struct SlaPolicy {
  SlaTargets unassessed;
  std::array<SlaTargets, kMaxSeverity> by_severity;  // [0] severity 1 .. [3] severity 4
  int warn_at_percent = 75;                          // warn the assignee when this share has run

  // The targets for `severity` (1..4); unassessed for nullopt or out of range.
  const SlaTargets& For(std::optional<int> severity) const;
  bool operator==(const SlaPolicy&) const = default;
};

// Errors: InvalidArgument naming every faulty field: "unassessed/acknowledge",
// "severity/<n>/resolve", ... (amount 1..365 business days or 1..2000
// business hours), "warn_at_percent" (1..99).
Status ValidateSlaPolicy(const SlaPolicy& policy);

std::string_view ToString(SlaUnit v);
std::optional<SlaUnit> ParseSlaUnit(std::string_view s);

// Where one SLA clock stands at an instant.
struct SlaStatus {
  TimePoint due{};      // the target, moved later by the business time lost to pauses
  TimePoint warn_at{};  // when warn_at_percent of the budget has run
  std::chrono::minutes budget{0};   // business time the target allows from the start
  std::chrono::minutes elapsed{0};  // business time the clock has run (pauses excluded)
  double fraction_elapsed = 0;      // elapsed / budget (may exceed 1)
  bool paused = false;              // an open-ended pause is in force
  bool stopped = false;             // the clock was stopped (target met or moot)
  bool warning = false;             // warn_at reached, not breached
  bool breached = false;            // the clock ran (or stopped) after `due`
};

// Evaluates one SLA clock started at `start` with `target`, given its pauses,
// at `now`; `stopped_at` is when the clock stopped, if it did (evaluation then
// happens at that instant). An open-ended pause is counted up to the
// evaluation instant, so `due` is the due time if the clock resumed then.
// Pauses before `start` or after the evaluation instant are ignored, as are
// pauses whose end is not after their start.
//
// The due time without pauses is the target itself (for days: the same local
// clock time N working days on); each pause moves it later by the business
// time it took away, to the earliest instant at which the whole budget has
// run (so it may land on a closing time: Mon 09:00 + 10 days with 16 business
// hours paused is due Tue 17:00 of the second week, not Wed 09:00).
// `breached` compares the evaluation instant with `due`; `fraction_elapsed`
// compares business time, so a clock may be at 100 % between a closing and
// the next opening without being breached.
SlaStatus EvaluateSla(const BusinessCalendar& calendar, SlaTarget target, TimePoint start,
                      const std::vector<SlaPause>& pauses, TimePoint now, int warn_at_percent = 75,
                      std::optional<TimePoint> stopped_at = std::nullopt);

}  // namespace hearken
