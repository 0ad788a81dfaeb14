#include "core/survey/contact_rules.h"

#include <gtest/gtest.h>

#include "core/time_format.h"

namespace hearken::survey {
namespace {

TimePoint At(const char* text) { return *ParseTimestamp(text); }

Customer Consenting() {
  Customer c;
  c.id = 7;
  c.email = "ann@example.org";
  c.consent_survey = true;
  return c;
}

TEST(ContactRulesTest, ACustomerInvitedWithinTheDaysIsRefusedWithTheDate) {
  ContactRules rules;  // 30 days
  const TimePoint now = At("2026-03-31T12:00:00Z");
  EXPECT_EQ(ContactRefusal(Consenting(), At("2026-03-02T12:00:01Z"), now, rules),
            "invited on 2026-03-02, within 30 days");
  EXPECT_EQ(ContactRefusal(Consenting(), At("2026-03-01T12:00:00Z"), now, rules), "");
  EXPECT_EQ(ContactRefusal(Consenting(), std::nullopt, now, rules), "");
  rules.min_days_between = 0;
  EXPECT_EQ(ContactRefusal(Consenting(), now, now, rules), "");
}

TEST(ContactRulesTest, WithdrawnConsentOrNoAddressIsRefused) {
  Customer c = Consenting();
  c.consent_survey = false;
  EXPECT_EQ(ContactRefusal(c, std::nullopt, At("2026-03-31T12:00:00Z"), {}), "no consent to surveys");
  c = Consenting();
  c.email.clear();
  EXPECT_EQ(ContactRefusal(c, std::nullopt, At("2026-03-31T12:00:00Z"), {}), "no e-mail address");
}

TEST(ContactRulesTest, SamplingDecidesTheSameForTheSameEventAndKeepsItsShare) {
  int in = 0;
  for (int i = 0; i < 10000; ++i) {
    const std::string event = "delivery-" + std::to_string(i);
    const bool first = SampledIn(3, event, 20);
    EXPECT_EQ(first, SampledIn(3, event, 20)) << event;
    in += first ? 1 : 0;
  }
  EXPECT_NEAR(in, 2000, 150);  // 20 % of 10,000, within about 4 standard deviations
  EXPECT_TRUE(SampledIn(3, "x", 100));
  // Another survey draws its own sample.
  int same = 0;
  for (int i = 0; i < 1000; ++i)
    same += SampledIn(3, std::to_string(i), 50) == SampledIn(4, std::to_string(i), 50) ? 1 : 0;
  EXPECT_LT(same, 600);
}

TEST(ContactRulesTest, QuietHoursAcrossMidnightEndAtTheLocalMorningInTheOrganisationsZone) {
  ContactRules rules;  // 21:00-08:00
  const std::string berlin = "Europe/Berlin";  // UTC+1 in winter
  // 22:30 local on 14 January: quiet, sent at 08:00 local the next day.
  EXPECT_TRUE(*InQuietHours(At("2026-01-14T21:30:00Z"), rules, berlin));
  EXPECT_EQ(FormatTimestamp(*NextSendTime(At("2026-01-14T21:30:00Z"), rules, berlin)), "2026-01-15T07:00:00.000000Z");
  // 03:00 local: quiet, sent at 08:00 local the same day.
  EXPECT_EQ(FormatTimestamp(*NextSendTime(At("2026-01-15T02:00:00Z"), rules, berlin)), "2026-01-15T07:00:00.000000Z");
  // 20:59 local is not quiet (UTC says 19:59); 08:00 local exactly is not either.
  EXPECT_FALSE(*InQuietHours(At("2026-01-14T19:59:00Z"), rules, berlin));
  EXPECT_EQ(*NextSendTime(At("2026-01-15T07:00:00Z"), rules, berlin), At("2026-01-15T07:00:00Z"));
  // 21:30 UTC would be quiet in UTC too, but 06:30 in Tokyo is quiet there and 12:00 UTC is 21:00 there.
  EXPECT_TRUE(*InQuietHours(At("2026-01-14T12:00:00Z"), rules, "Asia/Tokyo"));
  EXPECT_FALSE(*InQuietHours(At("2026-01-14T11:59:00Z"), rules, "Asia/Tokyo"));
  // Summer time: 08:00 in Berlin is 06:00 UTC.
  EXPECT_EQ(FormatTimestamp(*NextSendTime(At("2026-07-01T20:00:00Z"), rules, berlin)), "2026-07-02T06:00:00.000000Z");
}

TEST(ContactRulesTest, QuietHoursWithinOneDayAndNoneWhenStartEqualsEnd) {
  ContactRules rules;
  rules.quiet_start_minute = 12 * 60;
  rules.quiet_end_minute = 14 * 60;
  EXPECT_EQ(FormatTimestamp(*NextSendTime(At("2026-01-14T12:30:00Z"), rules, "UTC")), "2026-01-14T14:00:00.000000Z");
  EXPECT_EQ(*NextSendTime(At("2026-01-14T14:00:00Z"), rules, "UTC"), At("2026-01-14T14:00:00Z"));
  rules.quiet_end_minute = rules.quiet_start_minute;
  EXPECT_FALSE(*InQuietHours(At("2026-01-14T12:30:00Z"), rules, "UTC"));
}

TEST(ContactRulesTest, AnUnknownZoneAndBadTimesAreRefusedNamingTheField) {
  EXPECT_EQ(NextSendTime(At("2026-01-14T12:30:00Z"), {}, "Mars/Olympus").error().fields.at(0).field, "time_zone");
  ContactRules bad;
  bad.min_days_between = -1;
  bad.quiet_end_minute = 1440;
  Status s = ValidateContactRules(bad);
  ASSERT_FALSE(s.ok());
  ASSERT_EQ(s.error().fields.size(), 2u);
  EXPECT_EQ(s.error().fields[0].field, "min_days_between");
  EXPECT_EQ(s.error().fields[1].field, "quiet_end");
  EXPECT_EQ(ParseMinute("21:30"), 21 * 60 + 30);
  EXPECT_FALSE(ParseMinute("24:00"));
  EXPECT_EQ(MinuteText(8 * 60 + 5), "08:05");
}

}  // namespace
}  // namespace hearken::survey
