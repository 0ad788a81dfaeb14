// The contact rules of survey invitations (issue 8, "Distribution"): across
// all surveys a customer is invited at most once in `min_days_between`
// days; a customer who withdrew consent to surveys (or has no address) is
// never invited; a transactional survey invites only its sampling share of
// events, decided from the event's id so that a retried event gets the same
// decision; and no invitation mail goes out in the quiet hours, which are
// local clock times in the organisation's time zone (start after end: the
// quiet period crosses midnight, 21:00-08:00). Pure functions; the store
// applies them inside its writes with the time of the write.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/entities.h"
#include "core/result.h"

namespace hearken::survey {

inline constexpr int kMaxDaysBetweenInvitations = 3650;

struct ContactRules {
  int min_days_between = 30;        // 0: no limit
  int quiet_start_minute = 21 * 60;  // minutes after local midnight, 0..1439
  int quiet_end_minute = 8 * 60;     // equal to the start: no quiet hours
  TimePoint updated_at{};
  bool operator==(const ContactRules&) const = default;
};

// Errors: InvalidArgument naming "min_days_between" (0..3650),
// "quiet_start" and "quiet_end" (a minute of the day), every one at once.
Status ValidateContactRules(const ContactRules& rules);

// "HH:MM" of a minute of the day, and back (nullopt for anything else).
std::string MinuteText(int minute_of_day);
std::optional<int> ParseMinute(std::string_view text);

// Why `customer` may not be invited at `now`, or "" when they may:
// "no e-mail address", "no consent to surveys", or "invited on <date>,
// within <N> days" when `last_invited_at` (their latest invitation to any
// survey) is less than min_days_between days before now.
std::string ContactRefusal(const Customer& customer, std::optional<TimePoint> last_invited_at, TimePoint now,
                           const ContactRules& rules);

// Whether the event `event_id` of a transactional survey is in its sample
// of `sampling_percent` (1..100): the same answer for the same survey and
// event every time (a keyed digest of both, not a random draw).
bool SampledIn(Id survey_id, std::string_view event_id, int sampling_percent);

// True when `t` lies in the quiet hours in `time_zone` (an IANA name).
// Errors: InvalidArgument "time_zone" (unknown zone).
Result<bool> InQuietHours(TimePoint t, const ContactRules& rules, const std::string& time_zone);

// `t` itself when it lies outside the quiet hours, otherwise the instant the
// quiet period around it ends (its local end time, on the next day when the
// period crosses midnight; where a clock change skips that time, the change).
// Errors: InvalidArgument "time_zone".
Result<TimePoint> NextSendTime(TimePoint t, const ContactRules& rules, const std::string& time_zone);

}  // namespace hearken::survey
