#include <gtest/gtest.h>

#include "core/complaint.h"
#include "core/time_format.h"

namespace hearken {
namespace {

using namespace std::chrono_literals;
using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

TimePoint At(const char* text) {
  auto t = ParseTimestamp(text);
  EXPECT_TRUE(t.ok()) << text;
  return *t;
}

#define EXPECT_AT(actual, text) EXPECT_EQ(FormatTimestamp(actual), FormatTimestamp(At(text)))

BusinessCalendar Calendar(const char* zone = "UTC", std::vector<year_month_day> holidays = {}) {
  CalendarSettings s;
  s.time_zone = zone;
  s.holidays = std::move(holidays);
  auto c = BusinessCalendar::Create(s);
  EXPECT_TRUE(c.ok()) << c.error().message;
  return *c;
}

// A complaint received at `received`, both clocks running from then.
Complaint Received(const char* received) {
  Complaint c;
  c.received_at = c.ack_started_at = c.resolve_started_at = At(received);
  return c;
}

const SlaPolicy kPolicy = DefaultComplaintSettings().sla;

// 2026-11-30 is a Monday.

TEST(EvaluateComplaintSla, UnassessedComplaintUsesUnassessedTargets) {
  Complaint c = Received("2026-11-30T10:00:00Z");
  ComplaintSlaView v = EvaluateComplaintSla(Calendar(), kPolicy, c, At("2026-11-30T12:00:00Z"));
  ASSERT_TRUE(v.acknowledge && v.resolve);
  EXPECT_AT(v.acknowledge->due, "2026-12-01T10:00:00Z");  // 1 business day
  EXPECT_AT(v.resolve->due, "2026-12-14T10:00:00Z");      // 10 business days
  EXPECT_FALSE(v.acknowledge->stopped);
  EXPECT_FALSE(v.acknowledge->breached);
  EXPECT_EQ(v.acknowledge->elapsed, 120min);
  EXPECT_EQ(v.acknowledge->budget, 8h);
}

TEST(EvaluateComplaintSla, SeverityOneUsesBusinessHoursForAcknowledgement) {
  Complaint c = Received("2026-11-30T15:00:00Z");
  c.severity = 1;
  ComplaintSlaView v = EvaluateComplaintSla(Calendar(), kPolicy, c, At("2026-11-30T15:00:00Z"));
  EXPECT_AT(v.acknowledge->due, "2026-12-01T11:00:00Z");  // 2 h Monday + 2 h Tuesday
  EXPECT_AT(v.resolve->due, "2026-12-02T15:00:00Z");      // 2 business days
  c.severity = 2;
  v = EvaluateComplaintSla(Calendar(), kPolicy, c, At("2026-11-30T15:00:00Z"));
  EXPECT_AT(v.resolve->due, "2026-12-07T15:00:00Z");  // 5 business days
}

TEST(EvaluateComplaintSla, WarnsThenBreaches) {
  Complaint c = Received("2026-11-30T09:00:00Z");
  auto ack = [&](const char* now) { return *EvaluateComplaintSla(Calendar(), kPolicy, c, At(now)).acknowledge; };
  EXPECT_FALSE(ack("2026-11-30T14:00:00Z").warning);  // 5 of 8 h
  EXPECT_TRUE(ack("2026-11-30T15:00:00Z").warning);   // 6 of 8 h = 75 %
  EXPECT_AT(ack("2026-11-30T15:00:00Z").warn_at, "2026-11-30T15:00:00Z");
  SlaStatus late = ack("2026-12-01T09:30:00Z");
  EXPECT_TRUE(late.breached);
  EXPECT_FALSE(late.warning);
  EXPECT_GT(late.fraction_elapsed, 1.0);
}

TEST(EvaluateComplaintSla, AStoppedClockIsJudgedAtItsStop) {
  Complaint c = Received("2026-11-30T09:00:00Z");
  c.ack_stopped_at = At("2026-11-30T11:00:00Z");
  ComplaintSlaView v = EvaluateComplaintSla(Calendar(), kPolicy, c, At("2026-12-20T09:00:00Z"));
  EXPECT_TRUE(v.acknowledge->stopped);
  EXPECT_FALSE(v.acknowledge->breached);
  EXPECT_EQ(v.acknowledge->elapsed, 2h);
  c.ack_stopped_at = At("2026-12-02T09:00:00Z");
  v = EvaluateComplaintSla(Calendar(), kPolicy, c, At("2026-12-20T09:00:00Z"));
  EXPECT_TRUE(v.acknowledge->stopped);
  EXPECT_TRUE(v.acknowledge->breached);
}

TEST(EvaluateComplaintSla, AWeekendDoesNotCount) {
  Complaint c = Received("2026-12-04T15:00:00Z");  // Friday
  ComplaintSlaView v = EvaluateComplaintSla(Calendar(), kPolicy, c, At("2026-12-05T12:00:00Z"));
  EXPECT_AT(v.acknowledge->due, "2026-12-07T15:00:00Z");  // Monday
  EXPECT_EQ(v.acknowledge->elapsed, 2h);                  // nothing on Saturday
  // Received on Saturday: counted from Monday's opening.
  c = Received("2026-12-05T11:00:00Z");
  v = EvaluateComplaintSla(Calendar(), kPolicy, c, At("2026-12-05T12:00:00Z"));
  EXPECT_AT(v.acknowledge->due, "2026-12-08T09:00:00Z");
}

TEST(EvaluateComplaintSla, AHolidayDoesNotCount) {
  BusinessCalendar cal = Calendar("UTC", {year_month_day{year(2026), month(12), day(25)}});
  Complaint c = Received("2026-12-24T11:00:00Z");  // Thursday before Christmas (Friday)
  ComplaintSlaView v = EvaluateComplaintSla(cal, kPolicy, c, At("2026-12-24T11:00:00Z"));
  EXPECT_AT(v.acknowledge->due, "2026-12-28T11:00:00Z");  // Monday
  c.severity = 1;
  v = EvaluateComplaintSla(cal, kPolicy, c, At("2026-12-24T11:00:00Z"));
  EXPECT_AT(v.acknowledge->due, "2026-12-24T15:00:00Z");
  EXPECT_AT(v.resolve->due, "2026-12-29T11:00:00Z");  // Mon, Tue
}

TEST(EvaluateComplaintSla, WorkingHoursStayLocalAcrossDaylightSavingChanges) {
  BusinessCalendar berlin = Calendar("Europe/Berlin");
  // Friday 27 March 2026, 10:00 CET; clocks go forward on Sunday 29 March.
  Complaint c = Received("2026-03-27T09:00:00Z");
  ComplaintSlaView v = EvaluateComplaintSla(berlin, kPolicy, c, At("2026-03-27T09:00:00Z"));
  EXPECT_AT(v.acknowledge->due, "2026-03-30T08:00:00Z");  // Monday 10:00 CEST
  c.severity = 1;  // 4 business hours: Friday 10:00-14:00 local
  v = EvaluateComplaintSla(berlin, kPolicy, c, At("2026-03-27T09:00:00Z"));
  EXPECT_AT(v.acknowledge->due, "2026-03-27T13:00:00Z");
  // Friday 23 October 2026, 16:00 CEST; clocks go back on Sunday 25 October.
  c = Received("2026-10-23T14:00:00Z");
  c.severity = 1;
  v = EvaluateComplaintSla(berlin, kPolicy, c, At("2026-10-26T08:00:00Z"));
  EXPECT_AT(v.acknowledge->due, "2026-10-26T11:00:00Z");  // 1 h Friday + 3 h Monday (12:00 CET)
  EXPECT_EQ(v.acknowledge->elapsed, 1h);                  // Monday 09:00 CET is 08:00 UTC
  EXPECT_AT(v.resolve->due, "2026-10-27T15:00:00Z");      // Tuesday 16:00 CET
}

TEST(EvaluateComplaintSla, APauseMovesTheResolveDueTimeOnly) {
  Complaint c = Received("2026-11-30T09:00:00Z");
  // Waiting on the complainant for a whole working day (Tuesday).
  c.resolve_pauses = {{At("2026-12-01T09:00:00Z"), At("2026-12-02T09:00:00Z")}};
  ComplaintSlaView v = EvaluateComplaintSla(Calendar(), kPolicy, c, At("2026-12-03T09:00:00Z"));
  EXPECT_AT(v.acknowledge->due, "2026-12-01T09:00:00Z");
  EXPECT_AT(v.resolve->due, "2026-12-14T17:00:00Z");  // 8 business hours later
  EXPECT_EQ(v.resolve->elapsed, 16h);                 // Monday and Wednesday
  EXPECT_FALSE(v.resolve->paused);
}

TEST(EvaluateComplaintSla, AnOpenPauseReportsPaused) {
  Complaint c = Received("2026-11-30T09:00:00Z");
  c.resolve_pauses = {{At("2026-12-01T09:00:00Z"), std::nullopt}};
  ComplaintSlaView v = EvaluateComplaintSla(Calendar(), kPolicy, c, At("2026-12-01T13:00:00Z"));
  EXPECT_TRUE(v.resolve->paused);
  EXPECT_EQ(v.resolve->elapsed, 8h);
  EXPECT_AT(v.resolve->due, "2026-12-14T13:00:00Z");  // if resumed now
}

// ---- ComputeDueTimes ------------------------------------------------------------------

TEST(ComputeDueTimes, GivesBothDueTimesWhileTheClocksRun) {
  Complaint c = Received("2026-11-30T10:00:00Z");
  DueTimes d = ComputeDueTimes(Calendar(), kPolicy, c, At("2026-11-30T10:00:00Z"));
  ASSERT_TRUE(d.ack_due_at && d.resolve_due_at);
  EXPECT_AT(*d.ack_due_at, "2026-12-01T10:00:00Z");
  EXPECT_AT(*d.resolve_due_at, "2026-12-14T10:00:00Z");
}

TEST(ComputeDueTimes, NoDueTimeForAStoppedClock) {
  Complaint c = Received("2026-11-30T10:00:00Z");
  c.ack_stopped_at = At("2026-11-30T11:00:00Z");
  DueTimes d = ComputeDueTimes(Calendar(), kPolicy, c, At("2026-11-30T11:00:00Z"));
  EXPECT_FALSE(d.ack_due_at);
  EXPECT_TRUE(d.resolve_due_at);
  c.resolve_stopped_at = At("2026-12-03T11:00:00Z");
  d = ComputeDueTimes(Calendar(), kPolicy, c, At("2026-12-03T11:00:00Z"));
  EXPECT_FALSE(d.ack_due_at);
  EXPECT_FALSE(d.resolve_due_at);
}

TEST(ComputeDueTimes, NoResolveDueTimeWhilePausedAndALaterOneAfterResuming) {
  Complaint c = Received("2026-11-30T09:00:00Z");
  c.ack_stopped_at = At("2026-11-30T10:00:00Z");
  c.resolve_pauses = {{At("2026-12-01T09:00:00Z"), std::nullopt}};
  DueTimes d = ComputeDueTimes(Calendar(), kPolicy, c, At("2026-12-01T12:00:00Z"));
  EXPECT_FALSE(d.resolve_due_at);
  c.resolve_pauses[0].to = At("2026-12-02T09:00:00Z");
  d = ComputeDueTimes(Calendar(), kPolicy, c, At("2026-12-02T09:00:00Z"));
  ASSERT_TRUE(d.resolve_due_at);
  EXPECT_AT(*d.resolve_due_at, "2026-12-14T17:00:00Z");
}

TEST(ComputeDueTimes, ARestartedClockCountsFromItsNewStart) {
  Complaint c = Received("2026-11-30T09:00:00Z");
  c.ack_stopped_at = At("2026-11-30T10:00:00Z");
  c.severity = 2;
  c.resolve_started_at = At("2026-12-07T09:00:00Z");  // reopened a week later
  DueTimes d = ComputeDueTimes(Calendar(), kPolicy, c, At("2026-12-07T09:00:00Z"));
  ASSERT_TRUE(d.resolve_due_at);
  EXPECT_AT(*d.resolve_due_at, "2026-12-14T09:00:00Z");  // 5 business days
}

}  // namespace
}  // namespace hearken
