// The query string of the complaint list, the analysis and the export turned
// into one ComplaintFilter (docs/API.md "Complaints (issue 3)", list filters),
// so that the three routes read the same parameters the same way.
#pragma once

#include <optional>
#include <string>

#include "core/business_calendar.h"
#include "core/complaint.h"
#include "core/entities.h"
#include "core/result.h"
#include "http/http_types.h"
#include "store/store.h"

namespace hearken::http {

// Reads the list filters from `request`'s query:
//   queue      mine | unassigned | overdue | open | all (no queue; mine needs
//              `current_user`)
//   state      a state name; repeatable (state=a&state=b) or a comma list
//   category_id, segment_id, customer_id   positive ids
//   severity   1..4
//   site       exact text
//   channel, intake                          enum names
//   from, to   received_at bounds: "YYYY-MM-DD" or an RFC 3339 time; `from`
//              is inclusive, `to` exclusive — except that a date-only `to`
//              includes that whole day. A date is a day of `calendar`'s time
//              zone (UTC without one): in Los Angeles, to=2026-12-01 means
//              before 2026-12-02T08:00Z
//   q          full-text search (<= 500 bytes)
// Unknown parameters are ignored (paging, sort and route-specific ones live
// beside these). Errors: InvalidArgument naming every bad parameter at once
// (e.g. "state", "from", "queue"); `from` after `to` is named "to".
Result<ComplaintFilter> ParseComplaintFilter(const HttpRequest& request, std::optional<Id> current_user,
                                             const BusinessCalendar* calendar = nullptr);

// The same, with dates as days of the organisation's time zone (the
// complaint settings' calendar, as the analysis periods and the reference
// years are). Errors: also those of reading the settings.
Result<ComplaintFilter> ParseComplaintFilter(const HttpRequest& request, std::optional<Id> current_user,
                                             Store& store);

// The organisation's business calendar (the complaint settings' calendar):
// its zone decides what a date means ("today", a date bound, the day a
// complaint happened). Errors: those of reading the settings.
Result<BusinessCalendar> OrganisationCalendar(Store& store);

// Refuses a complaint that happened after today in the organisation's zone,
// naming `field` (the public form says occurred_on, as the API does).
Status CheckOccurredOnNotInFuture(const ComplaintIntakeFields& fields, const BusinessCalendar& calendar,
                                  TimePoint now, const std::string& field = "occurred_on");

// The query parameter names ParseComplaintFilter reads, for route docs.
const std::vector<std::string>& ComplaintFilterParams();

}  // namespace hearken::http
