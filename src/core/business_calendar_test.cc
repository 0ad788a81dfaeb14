#include "core/business_calendar.h"

#include <gtest/gtest.h>

#include <cstdint>

#include "core/time_format.h"

namespace hearken {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using namespace std::chrono_literals;

TimePoint At(const char* text) {
  auto t = ParseTimestamp(text);
  EXPECT_TRUE(t.ok()) << text;
  return *t;
}

BusinessCalendar Calendar(const char* zone, std::vector<std::chrono::year_month_day> holidays = {}) {
  CalendarSettings s;
  s.time_zone = zone;
  s.holidays = std::move(holidays);
  auto c = BusinessCalendar::Create(s);
  EXPECT_TRUE(c.ok()) << c.error().message;
  return *c;
}

std::vector<std::string> Fields(const Status& s) {
  std::vector<std::string> out;
  for (const auto& f : s.error().fields) out.push_back(f.field);
  return out;
}

// Prints instants readably when an expectation fails.
#define EXPECT_AT(actual, text) EXPECT_EQ(FormatTimestamp(actual), FormatTimestamp(At(text)))

// ---- Settings ------------------------------------------------------------------

TEST(BusinessCalendarTest, DefaultSettingsAreMondayToFridayNineToFiveAndValid) {
  CalendarSettings s;
  EXPECT_EQ(s.week[0], (DayHours{9h, 17h}));
  EXPECT_EQ(s.week[4], (DayHours{9h, 17h}));
  EXPECT_FALSE(s.week[5].has_value());
  EXPECT_FALSE(s.week[6].has_value());
  EXPECT_TRUE(ValidateCalendarSettings(s).ok());
}

TEST(BusinessCalendarTest, ValidationNamesEveryFaultyField) {
  CalendarSettings s;
  s.time_zone = "Mars/Olympus_Mons";
  s.week[0] = DayHours{17h, 9h};
  s.week[1] = DayHours{9h, 25h};
  s.week[2] = DayHours{-1h, 12h};
  s.holidays = {std::chrono::year_month_day{std::chrono::year{2026}, std::chrono::February, std::chrono::day{30}}};
  Status st = ValidateCalendarSettings(s);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(Fields(st), (std::vector<std::string>{"time_zone", "week/monday/close", "week/tuesday/close",
                                                  "week/wednesday/open", "holidays/0"}));
  auto created = BusinessCalendar::Create(s);
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().code, ErrorCode::kInvalidArgument);
}

TEST(BusinessCalendarTest, ACalendarWithoutWorkingHoursOnAnyDayIsInvalid) {
  CalendarSettings s;
  s.week = {};
  Status st = ValidateCalendarSettings(s);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(Fields(st), std::vector<std::string>{"week"});
}

TEST(BusinessCalendarTest, ADayMayRunToMidnight) {
  CalendarSettings s;
  s.week[5] = DayHours{0h, 24h};
  EXPECT_TRUE(ValidateCalendarSettings(s).ok());
}

// ---- Adding business time -------------------------------------------------------------

TEST(BusinessCalendarTest, AddBusinessTimeWithinOneDay) {
  auto cal = Calendar("Europe/Berlin");
  EXPECT_AT(cal.AddBusinessTime(At("2026-11-23T10:00:00+01:00"), minutes(120)), "2026-11-23T12:00:00+01:00");
}

TEST(BusinessCalendarTest, AddBusinessTimeEndsAtClosingWhenTheBudgetRunsOutThere) {
  auto cal = Calendar("Europe/Berlin");
  EXPECT_AT(cal.AddBusinessTime(At("2026-11-23T16:00:00+01:00"), minutes(60)), "2026-11-23T17:00:00+01:00");
}

TEST(BusinessCalendarTest, AddBusinessTimeSkipsTheWeekend) {
  auto cal = Calendar("Europe/Berlin");
  EXPECT_AT(cal.AddBusinessTime(At("2026-11-27T16:00:00+01:00"), minutes(120)), "2026-11-30T10:00:00+01:00");
}

TEST(BusinessCalendarTest, StartOutsideHoursCountsFromTheNextOpening) {
  auto cal = Calendar("Europe/Berlin");
  EXPECT_AT(cal.AddBusinessTime(At("2026-11-28T12:00:00+01:00"), minutes(60)), "2026-11-30T10:00:00+01:00");
  EXPECT_AT(cal.AddBusinessTime(At("2026-12-01T07:00:00+01:00"), minutes(60)), "2026-12-01T10:00:00+01:00");
  EXPECT_AT(cal.AddBusinessTime(At("2026-12-01T18:00:00+01:00"), minutes(60)), "2026-12-02T10:00:00+01:00");
  EXPECT_AT(cal.NextWorkingTime(At("2026-12-01T17:00:00+01:00")), "2026-12-02T09:00:00+01:00");
  EXPECT_TRUE(cal.IsWorkingTime(At("2026-12-01T09:00:00+01:00")));
  EXPECT_FALSE(cal.IsWorkingTime(At("2026-12-01T17:00:00+01:00")));
  EXPECT_FALSE(cal.IsWorkingTime(At("2026-11-28T12:00:00+01:00")));
}

TEST(BusinessCalendarTest, ZeroBusinessTimeLeavesTheStartAlone) {
  auto cal = Calendar("Europe/Berlin");
  EXPECT_AT(cal.AddBusinessTime(At("2026-11-28T12:00:00+01:00"), minutes(0)), "2026-11-28T12:00:00+01:00");
}

TEST(BusinessCalendarTest, HolidaysHaveNoWorkingHours) {
  using namespace std::chrono;
  auto cal = Calendar("Europe/Berlin", {2026y / December / 25, 2026y / December / 26});
  EXPECT_FALSE(cal.IsWorkingTime(At("2026-12-25T10:00:00+01:00")));
  EXPECT_AT(cal.AddBusinessTime(At("2026-12-24T16:00:00+01:00"), std::chrono::minutes(120)),
            "2026-12-28T10:00:00+01:00");
  EXPECT_AT(cal.AddBusinessDays(At("2026-12-24T10:00:00+01:00"), 1), "2026-12-28T10:00:00+01:00");
  EXPECT_EQ(cal.BusinessTimeBetween(At("2026-12-24T09:00:00+01:00"), At("2026-12-29T09:00:00+01:00")),
            std::chrono::hours(16));
}

// ---- Business days --------------------------------------------------------------------

TEST(BusinessCalendarTest, OneBusinessDayIsTheSameClockTimeOnTheNextWorkingDay) {
  auto cal = Calendar("Europe/Berlin");
  EXPECT_AT(cal.AddBusinessDays(At("2026-11-23T10:30:00+01:00"), 1), "2026-11-24T10:30:00+01:00");
  EXPECT_AT(cal.AddBusinessDays(At("2026-11-27T15:00:00+01:00"), 1), "2026-11-30T15:00:00+01:00");
  EXPECT_AT(cal.AddBusinessDays(At("2026-11-23T10:00:00+01:00"), 10), "2026-12-07T10:00:00+01:00");
  EXPECT_AT(cal.AddBusinessDays(At("2026-11-23T10:00:00+01:00"), 0), "2026-11-23T10:00:00+01:00");
}

TEST(BusinessCalendarTest, BusinessDaysFromOutsideHoursCountFromTheNextOpening) {
  auto cal = Calendar("Europe/Berlin");
  EXPECT_AT(cal.AddBusinessDays(At("2026-11-28T11:00:00+01:00"), 1), "2026-12-01T09:00:00+01:00");  // Saturday
  EXPECT_AT(cal.AddBusinessDays(At("2026-11-23T17:00:00+01:00"), 1), "2026-11-25T09:00:00+01:00");  // at closing
  EXPECT_AT(cal.AddBusinessDays(At("2026-11-23T07:00:00+01:00"), 1), "2026-11-24T09:00:00+01:00");  // early
}

TEST(BusinessCalendarTest, BusinessDaysAreClampedIntoAShorterDay) {
  CalendarSettings s;
  s.time_zone = "Europe/Berlin";
  s.week[0] = DayHours{10h, 17h};  // Monday opens late
  s.week[4] = DayHours{9h, 13h};   // Friday closes early
  auto cal = *BusinessCalendar::Create(s);
  EXPECT_AT(cal.AddBusinessDays(At("2026-11-26T15:00:00+01:00"), 1), "2026-11-27T13:00:00+01:00");
  EXPECT_AT(cal.AddBusinessDays(At("2026-11-27T09:30:00+01:00"), 1), "2026-11-30T10:00:00+01:00");
}

TEST(BusinessCalendarTest, WorkingDaysCanIncludeTheWeekend) {
  CalendarSettings s;
  s.time_zone = "UTC";
  s.week[5] = DayHours{10h, 14h};
  auto cal = *BusinessCalendar::Create(s);
  EXPECT_AT(cal.AddBusinessTime(At("2026-11-27T16:00:00Z"), hours(3)), "2026-11-28T12:00:00Z");
  EXPECT_AT(cal.AddBusinessDays(At("2026-11-27T16:00:00Z"), 1), "2026-11-28T14:00:00Z");
}

// ---- Business time between instants ----------------------------------------------

TEST(BusinessCalendarTest, BusinessTimeBetweenCountsOnlyWorkingHours) {
  auto cal = Calendar("Europe/Berlin");
  EXPECT_EQ(cal.BusinessTimeBetween(At("2026-11-27T16:00:00+01:00"), At("2026-11-30T10:00:00+01:00")), minutes(120));
  EXPECT_EQ(cal.BusinessTimeBetween(At("2026-11-23T00:00:00+01:00"), At("2026-11-30T00:00:00+01:00")), hours(40));
  EXPECT_EQ(cal.BusinessTimeBetween(At("2026-11-28T08:00:00+01:00"), At("2026-11-29T20:00:00+01:00")), minutes(0));
  EXPECT_EQ(cal.BusinessTimeBetween(At("2026-11-30T10:00:00+01:00"), At("2026-11-27T16:00:00+01:00")), minutes(0));
}

// ---- Daylight-saving changes --------------------------------------------------------

TEST(BusinessCalendarTest, BerlinSpringForwardKeepsNineToFiveLocal) {
  auto cal = Calendar("Europe/Berlin");
  // Friday 10:00 CET (09:00 UTC) + 1 business day = Monday 10:00 CEST (08:00 UTC).
  TimePoint friday = At("2026-03-27T10:00:00+01:00");
  EXPECT_AT(cal.AddBusinessDays(friday, 1), "2026-03-30T08:00:00Z");
  EXPECT_EQ(cal.BusinessTimeBetween(friday, At("2026-03-30T08:00:00Z")), hours(8));
  EXPECT_AT(cal.AddBusinessTime(At("2026-03-27T16:00:00+01:00"), minutes(120)), "2026-03-30T10:00:00+02:00");
  EXPECT_TRUE(cal.IsWorkingTime(At("2026-03-30T07:00:00Z")));   // 09:00 CEST
  EXPECT_FALSE(cal.IsWorkingTime(At("2026-03-30T06:30:00Z")));  // 08:30 CEST
  EXPECT_AT(cal.AddBusinessDays(At("2026-03-23T09:00:00+01:00"), 10), "2026-04-06T09:00:00+02:00");
}

TEST(BusinessCalendarTest, BerlinFallBackKeepsNineToFiveLocal) {
  auto cal = Calendar("Europe/Berlin");
  // Friday 10:00 CEST (08:00 UTC) + 1 business day = Monday 10:00 CET (09:00 UTC).
  EXPECT_AT(cal.AddBusinessDays(At("2026-10-23T10:00:00+02:00"), 1), "2026-10-26T09:00:00Z");
  EXPECT_EQ(cal.BusinessTimeBetween(At("2026-10-23T09:00:00+02:00"), At("2026-10-27T09:00:00+01:00")), hours(16));
  EXPECT_AT(cal.NextWorkingTime(At("2026-10-24T12:00:00Z")), "2026-10-26T08:00:00Z");
}

TEST(BusinessCalendarTest, NewYorkDaylightSavingChangesKeepNineToFiveLocal) {
  auto cal = Calendar("America/New_York");
  EXPECT_AT(cal.AddBusinessDays(At("2026-03-06T10:00:00-05:00"), 1), "2026-03-09T14:00:00Z");
  EXPECT_AT(cal.AddBusinessTime(At("2026-10-30T16:00:00-04:00"), minutes(120)), "2026-11-02T10:00:00-05:00");
  EXPECT_EQ(cal.BusinessTimeBetween(At("2026-03-06T09:00:00-05:00"), At("2026-03-10T09:00:00-04:00")), hours(16));
}

TEST(BusinessCalendarTest, AnAllDayCalendarHasTwentyThreeAndTwentyFiveHourDaysAtTheChanges) {
  CalendarSettings s;
  s.time_zone = "Europe/Berlin";
  for (auto& day : s.week) day = DayHours{0h, 24h};
  auto cal = *BusinessCalendar::Create(s);
  EXPECT_EQ(cal.BusinessTimeBetween(At("2026-03-29T00:00:00+01:00"), At("2026-03-30T00:00:00+02:00")), hours(23));
  EXPECT_EQ(cal.BusinessTimeBetween(At("2026-10-25T00:00:00+02:00"), At("2026-10-26T00:00:00+01:00")), hours(25));
  // Real elapsed time across the change: 10 hours of work from Saturday 20:00 CET.
  EXPECT_AT(cal.AddBusinessTime(At("2026-03-28T20:00:00+01:00"), hours(10)), "2026-03-29T07:00:00+02:00");
}

// ---- Pauses --------------------------------------------------------------------------

TEST(BusinessCalendarTest, PausesDoNotCountAndOverlapsCountOnce) {
  auto cal = Calendar("UTC");
  TimePoint mon9 = At("2026-11-23T09:00:00Z");
  TimePoint mon17 = At("2026-11-23T17:00:00Z");
  std::vector<SlaPause> one{{At("2026-11-23T11:00:00Z"), At("2026-11-23T13:00:00Z")}};
  EXPECT_EQ(cal.BusinessTimeBetween(mon9, mon17, one), hours(6));
  std::vector<SlaPause> overlapping{{At("2026-11-23T12:00:00Z"), At("2026-11-23T14:00:00Z")},
                                    {At("2026-11-23T11:00:00Z"), At("2026-11-23T13:00:00Z")}};
  EXPECT_EQ(cal.BusinessTimeBetween(mon9, mon17, overlapping), hours(5));
}

TEST(BusinessCalendarTest, AddBusinessTimeSkipsPauses) {
  auto cal = Calendar("UTC");
  std::vector<SlaPause> lunch{{At("2026-11-23T11:00:00Z"), At("2026-11-23T13:00:00Z")}};
  EXPECT_AT(cal.AddBusinessTime(At("2026-11-23T09:00:00Z"), hours(8), lunch), "2026-11-24T11:00:00Z");
  // Starting inside a pause counts from its end.
  EXPECT_AT(cal.AddBusinessTime(At("2026-11-23T12:00:00Z"), hours(1), lunch), "2026-11-23T14:00:00Z");
  // A pause over the weekend only costs nothing.
  std::vector<SlaPause> weekend{{At("2026-11-27T17:00:00Z"), At("2026-11-30T09:00:00Z")}};
  EXPECT_AT(cal.AddBusinessTime(At("2026-11-27T16:00:00Z"), hours(2), weekend), "2026-11-30T10:00:00Z");
}

TEST(BusinessCalendarTest, AnOpenEndedPauseStopsTheClockForGood) {
  auto cal = Calendar("UTC");
  std::vector<SlaPause> open{{At("2026-11-23T12:00:00Z"), std::nullopt}};
  EXPECT_EQ(cal.AddBusinessTime(At("2026-11-23T09:00:00Z"), hours(4), open), TimePoint::max());
  EXPECT_AT(cal.AddBusinessTime(At("2026-11-23T09:00:00Z"), hours(2), open), "2026-11-23T11:00:00Z");
}

// ---- Consistency over a whole year --------------------------------------------------

TEST(BusinessCalendarTest, AddingAndMeasuringAgreeAcrossAYearWithTwoDaylightSavingChanges) {
  using namespace std::chrono;
  auto cal = Calendar("America/New_York", {2026y / July / 3, 2026y / November / 26});
  // Deterministic pseudo-random starts and amounts (no clock, no seed from time).
  std::uint64_t state = 42;
  auto next = [&state](std::uint64_t bound) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % bound;
  };
  const TimePoint year_start = At("2026-01-01T00:00:00Z");
  for (int i = 0; i < 500; ++i) {
    TimePoint start = year_start + minutes(next(365 * 24 * 60));
    microseconds amount = minutes(1 + next(5 * 8 * 60));
    TimePoint end = cal.AddBusinessTime(start, amount);
    ASSERT_EQ(cal.BusinessDuration(start, end), amount) << FormatTimestamp(start);
    int days = 1 + static_cast<int>(next(10));
    TimePoint due = cal.AddBusinessDays(start, days);
    ASSERT_EQ(cal.BusinessDuration(start, due), hours(8) * days) << FormatTimestamp(start);
    ASSERT_TRUE(cal.IsWorkingTime(due) || cal.IsWorkingTime(due - microseconds(1))) << FormatTimestamp(due);
  }
}

// ---- SLA policy and evaluation -----------------------------------------------------------

TEST(SlaPolicyTest, DefaultsAreOneDayToAcknowledgeAndTenToResolve) {
  SlaPolicy p;
  EXPECT_EQ(p.For(std::nullopt).acknowledge, (SlaTarget{1, SlaUnit::kBusinessDays}));
  EXPECT_EQ(p.For(2).resolve, (SlaTarget{10, SlaUnit::kBusinessDays}));
  EXPECT_EQ(p.warn_at_percent, 75);
  EXPECT_TRUE(ValidateSlaPolicy(p).ok());
  p.by_severity[0].acknowledge = {4, SlaUnit::kBusinessHours};
  EXPECT_EQ(p.For(1).acknowledge.unit, SlaUnit::kBusinessHours);
  EXPECT_EQ(p.For(9).acknowledge.unit, SlaUnit::kBusinessDays);  // out of range: unassessed
  EXPECT_EQ(ParseSlaUnit(ToString(SlaUnit::kBusinessHours)), SlaUnit::kBusinessHours);
  EXPECT_FALSE(ParseSlaUnit("weeks").has_value());
}

TEST(SlaPolicyTest, ValidationNamesEveryFaultyTarget) {
  SlaPolicy p;
  p.unassessed.acknowledge.amount = 0;
  p.by_severity[2].resolve = {2001, SlaUnit::kBusinessHours};
  p.warn_at_percent = 100;
  Status st = ValidateSlaPolicy(p);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(Fields(st), (std::vector<std::string>{"unassessed/acknowledge", "severity/3/resolve", "warn_at_percent"}));
}

TEST(SlaEvaluationTest, AcknowledgeTargetWarnsAtSeventyFivePercentAndBreachesAfterDue) {
  auto cal = Calendar("Europe/Berlin");
  TimePoint received = At("2026-11-23T10:00:00+01:00");
  SlaTarget one_day{1, SlaUnit::kBusinessDays};
  SlaStatus early = EvaluateSla(cal, one_day, received, {}, At("2026-11-23T15:00:00+01:00"));
  EXPECT_AT(early.due, "2026-11-24T10:00:00+01:00");
  EXPECT_AT(early.warn_at, "2026-11-23T16:00:00+01:00");
  EXPECT_EQ(early.budget, hours(8));
  EXPECT_EQ(early.elapsed, hours(5));
  EXPECT_DOUBLE_EQ(early.fraction_elapsed, 5.0 / 8.0);
  EXPECT_FALSE(early.warning);
  EXPECT_FALSE(early.breached);

  SlaStatus late_evening = EvaluateSla(cal, one_day, received, {}, At("2026-11-23T20:00:00+01:00"));
  EXPECT_TRUE(late_evening.warning);
  EXPECT_FALSE(late_evening.breached);
  EXPECT_EQ(late_evening.elapsed, hours(7));

  SlaStatus breached = EvaluateSla(cal, one_day, received, {}, At("2026-11-24T10:30:00+01:00"));
  EXPECT_TRUE(breached.breached);
  EXPECT_FALSE(breached.warning);
  EXPECT_GT(breached.fraction_elapsed, 1.0);
}

TEST(SlaEvaluationTest, AComplaintFiledAtTheWeekendIsDueOneWorkingDayAfterMondaysOpening) {
  auto cal = Calendar("Europe/Berlin");
  SlaStatus st = EvaluateSla(cal, {1, SlaUnit::kBusinessDays}, At("2026-11-28T22:00:00+01:00"), {},
                             At("2026-11-30T08:00:00+01:00"));
  EXPECT_AT(st.due, "2026-12-01T09:00:00+01:00");
  EXPECT_EQ(st.elapsed, minutes(0));
  EXPECT_FALSE(st.warning);
}

TEST(SlaEvaluationTest, WaitingOnTheComplainantMovesTheDueTimeByThePausedBusinessTime) {
  auto cal = Calendar("Europe/Berlin");
  TimePoint received = At("2026-11-23T09:00:00+01:00");
  // Two business days waiting: Tuesday 09:00 to Thursday 09:00.
  std::vector<SlaPause> waited{{At("2026-11-24T09:00:00+01:00"), At("2026-11-26T09:00:00+01:00")}};
  SlaStatus st = EvaluateSla(cal, {10, SlaUnit::kBusinessDays}, received, waited, At("2026-11-26T12:00:00+01:00"));
  EXPECT_AT(st.due, "2026-12-08T17:00:00+01:00");  // Monday 7 Dec 09:00 plus 16 business hours
  EXPECT_EQ(st.elapsed, hours(8 + 3));
  EXPECT_EQ(st.budget, hours(80));
  EXPECT_FALSE(st.paused);
  EXPECT_FALSE(st.warning);
  // 75 % of 80 h = 60 h of running clock.
  EXPECT_AT(st.warn_at, "2026-12-04T13:00:00+01:00");
}

TEST(SlaEvaluationTest, WhileStillPausedTheDueTimeIsAsIfResumedNow) {
  auto cal = Calendar("UTC");
  TimePoint received = At("2026-11-23T09:00:00Z");
  std::vector<SlaPause> waiting{{At("2026-11-23T13:00:00Z"), std::nullopt}};
  SlaStatus st = EvaluateSla(cal, {1, SlaUnit::kBusinessDays}, received, waiting, At("2026-11-24T12:00:00Z"));
  EXPECT_TRUE(st.paused);
  EXPECT_EQ(st.elapsed, hours(4));
  EXPECT_AT(st.due, "2026-11-24T16:00:00Z");
  EXPECT_FALSE(st.breached);
  // Days later, still paused: not breached, nothing more elapsed.
  SlaStatus later = EvaluateSla(cal, {1, SlaUnit::kBusinessDays}, received, waiting, At("2026-12-02T12:00:00Z"));
  EXPECT_TRUE(later.paused);
  EXPECT_EQ(later.elapsed, hours(4));
  EXPECT_FALSE(later.breached);
}

TEST(SlaEvaluationTest, AStoppedClockIsJudgedAtItsStop) {
  auto cal = Calendar("UTC");
  TimePoint received = At("2026-11-23T09:00:00Z");
  TimePoint now = At("2026-12-20T09:00:00Z");
  SlaStatus met = EvaluateSla(cal, {1, SlaUnit::kBusinessDays}, received, {}, now, 75, At("2026-11-24T08:59:00Z"));
  EXPECT_TRUE(met.stopped);
  EXPECT_FALSE(met.breached);
  EXPECT_EQ(met.elapsed, hours(8));  // the whole budget used, yet before the due time
  SlaStatus late = EvaluateSla(cal, {1, SlaUnit::kBusinessDays}, received, {}, now, 75, At("2026-11-24T09:01:00Z"));
  EXPECT_TRUE(late.breached);
}

TEST(SlaEvaluationTest, HourTargetsCountBusinessHours) {
  auto cal = Calendar("UTC");
  SlaStatus st = EvaluateSla(cal, {4, SlaUnit::kBusinessHours}, At("2026-11-27T15:00:00Z"), {},
                             At("2026-11-27T16:00:00Z"), 50);
  EXPECT_AT(st.due, "2026-11-30T11:00:00Z");
  EXPECT_AT(st.warn_at, "2026-11-27T17:00:00Z");
  EXPECT_EQ(st.budget, hours(4));
}

}  // namespace
}  // namespace hearken
