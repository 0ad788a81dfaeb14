// JSON form of the complaint records (complaint.h), as the API returns them
// and as the audit trail and the settings row store them. Same conventions as
// json_codec.h: snake_case keys, times as FormatTimestamp strings, absent
// optionals null, enumerations by their text names. The status-token hash of
// a complaint is never part of its JSON.
//
// Decoding: only the settings have a decoder here, because the store keeps
// them as JSON text and the HTTP PUT takes the same shape.
#pragma once

#include "core/complaint.h"
#include "core/json_codec.h"

namespace hearken {

// Every field of docs/API.md "Complaints" except category_path, sla and
// allowed_next, which the HTTP layer adds; intake fields are flattened into
// the record (intake, channel, summary, ...). Never status_token_hash.
Json ToJson(const Complaint& v);
// {id, complaint_id, kind, subject, body, author_id, author, created_at}.
Json ToJson(const ComplaintMessage& v);
Json ToJson(const Attachment& v);
Json ToJson(const ComplaintCategory& v);
// due_date as "YYYY-MM-DD" or null.
Json ToJson(const CorrectiveAction& v);
Json ToJson(const HandlingRating& v);
Json ToJson(const PeriodVolume& v);
// {due, warn_at, budget_minutes, elapsed_minutes, fraction_elapsed, paused,
// stopped, warning, breached}.
Json ToJson(const SlaStatus& v);
// {acknowledge, resolve}, each null or ToJson(SlaStatus).
Json ToJson(const ComplaintSlaView& v);

// The settings shape (ComplaintSettingsFromJson reads the same):
// {calendar: {time_zone, week: {monday: {open: "09:00", close: "17:00"} | null,
//   ... sunday}, holidays: ["2026-12-25", ...]},
//  sla: {unassessed: {acknowledge: {amount, unit: "business_days" |
//   "business_hours"}, resolve: {...}}, severity: {"1": {...}, .. "4": {...}},
//   warn_at_percent},
//  closure: {no_reply_days}, mail_from, mail_from_name, public_base_url,
//  templates: {acknowledgement: {subject, body}, decision: {...}, closure: {...}},
//  updated_at}
// Times of day are "HH:MM" ("24:00" allowed as a closing time).
Json ToJson(const ComplaintSettings& v);
// The canned responses as [{name, subject, body}] (also GET /api/v1/canned-responses).
Json CannedResponsesJson(const std::vector<CannedResponse>& responses);

// Reads the settings shape above. Strict: unknown fields and wrong types are
// InvalidArgument naming each of them by path ("calendar/week/monday/open",
// "sla/severity/5", "templates/closure/subject"). Every key must be present
// except updated_at (ignored when the caller sets it, e.g. the HTTP PUT; the
// store reads it back). The values are NOT validated beyond their form: call
// ValidateComplaintSettings for the rules. A trailing "/" of public_base_url
// is removed.
Result<ComplaintSettings> ComplaintSettingsFromJson(const Json& json);

// "YYYY-MM-DD" of a date, and the reverse (nullopt for anything else).
std::string FormatIsoDate(std::chrono::year_month_day date);
std::optional<std::chrono::year_month_day> ParseIsoDate(std::string_view text);

}  // namespace hearken
