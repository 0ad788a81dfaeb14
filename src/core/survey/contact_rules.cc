#include "core/survey/contact_rules.h"

#include <date/tz.h>
#include <sodium.h>

#include <cstdio>

#include "core/time_format.h"

namespace hearken::survey {
namespace {

constexpr int kMinutesPerDay = 24 * 60;

bool IsMinuteOfDay(int minute) { return minute >= 0 && minute < kMinutesPerDay; }

Result<const date::time_zone*> Zone(const std::string& name) {
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return Error::InvalidField("time_zone", "is not a known time zone");
  }
}

// The local minute of the day of `t` and the local day it falls on.
struct LocalMinute {
  date::local_days day;
  int minute = 0;
};

LocalMinute LocalOf(TimePoint t, const date::time_zone* zone) {
  const auto local = zone->to_local(std::chrono::time_point_cast<std::chrono::seconds>(t));
  const auto day = date::floor<date::days>(local);
  return {day, static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(local - day).count())};
}

bool Quiet(int minute, const ContactRules& rules) {
  const int start = rules.quiet_start_minute;
  const int end = rules.quiet_end_minute;
  if (start == end) return false;
  if (start < end) return minute >= start && minute < end;
  return minute >= start || minute < end;  // across midnight
}

}  // namespace

Status ValidateContactRules(const ContactRules& rules) {
  std::vector<FieldError> fields;
  if (rules.min_days_between < 0 || rules.min_days_between > kMaxDaysBetweenInvitations)
    fields.push_back({"min_days_between", "must be from 0 to 3650"});
  if (!IsMinuteOfDay(rules.quiet_start_minute)) fields.push_back({"quiet_start", "must be a time from 00:00 to 23:59"});
  if (!IsMinuteOfDay(rules.quiet_end_minute)) fields.push_back({"quiet_end", "must be a time from 00:00 to 23:59"});
  if (fields.empty()) return Status::Ok();
  std::string summary;
  for (const FieldError& f : fields) summary += (summary.empty() ? "" : "; ") + f.field + ": " + f.message;
  return Error::InvalidArgument(std::move(summary), std::move(fields));
}

std::string MinuteText(int minute_of_day) {
  char text[8];
  std::snprintf(text, sizeof text, "%02d:%02d", (minute_of_day / 60) % 100, minute_of_day % 60);
  return text;
}

std::optional<int> ParseMinute(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  for (size_t i : {0u, 1u, 3u, 4u})
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  const int hours = (text[0] - '0') * 10 + (text[1] - '0');
  const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (hours > 23 || minutes > 59) return std::nullopt;
  return hours * 60 + minutes;
}

std::string ContactRefusal(const Customer& customer, std::optional<TimePoint> last_invited_at, TimePoint now,
                           const ContactRules& rules) {
  if (customer.email.empty()) return "no e-mail address";
  if (!customer.consent_survey) return "no consent to surveys";
  if (last_invited_at && rules.min_days_between > 0 &&
      now - *last_invited_at < std::chrono::hours(24) * rules.min_days_between)
    return "invited on " + FormatTimestamp(*last_invited_at).substr(0, 10) + ", within " +
           std::to_string(rules.min_days_between) + " days";
  return "";
}

bool SampledIn(Id survey_id, std::string_view event_id, int sampling_percent) {
  if (sampling_percent >= 100) return true;
  if (sampling_percent <= 0) return false;
  // BLAKE2b of "survey id NUL event id": uniform, stable across runs and builds.
  std::string message = std::to_string(survey_id);
  message.push_back('\0');
  message += event_id;
  unsigned char digest[8];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                     nullptr, 0);
  std::uint64_t value = 0;
  for (unsigned char byte : digest) value = (value << 8) | byte;
  return static_cast<int>(value % 100) < sampling_percent;
}

Result<bool> InQuietHours(TimePoint t, const ContactRules& rules, const std::string& time_zone) {
  auto zone = Zone(time_zone);
  if (!zone.ok()) return zone.error();
  return Quiet(LocalOf(t, *zone).minute, rules);
}

Result<TimePoint> NextSendTime(TimePoint t, const ContactRules& rules, const std::string& time_zone) {
  auto zone = Zone(time_zone);
  if (!zone.ok()) return zone.error();
  const LocalMinute local = LocalOf(t, *zone);
  if (!Quiet(local.minute, rules)) return t;
  // The end lies on the same local day, unless the period crosses midnight
  // and `t` is before midnight.
  date::local_days end_day = local.day;
  if (rules.quiet_start_minute > rules.quiet_end_minute && local.minute >= rules.quiet_start_minute)
    end_day += date::days(1);
  const auto end_local = end_day + std::chrono::minutes(rules.quiet_end_minute);
  const auto end = (*zone)->to_sys(end_local, date::choose::earliest);
  return std::chrono::time_point_cast<TimePoint::duration>(end);
}

}  // namespace hearken::survey
