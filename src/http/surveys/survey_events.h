// Transactional survey triggers (issue 8): an event about a customer (a
// closed complaint, a delivery posted through the API) schedules an
// invitation to every open transactional survey whose trigger it is, after
// the survey's delay, for the survey's sampling share of events (decided
// from the event id, so a retried event gets the same decision), under the
// contact rules. Shared by POST /api/v1/survey-events and the complaint
// routes (a complaint reaching closed is the event "complaint_closed").
#pragma once

#include <string>

#include "core/complaint.h"
#include "core/json_codec.h"
#include "core/result.h"
#include "http/handler_util.h"

namespace hearken::http {

struct SurveyEvent {
  std::string name;      // "complaint_closed", "delivery", ...
  Id customer_id = 0;
  std::string event_id;  // the caller's id of the event: one invitation per survey and event
  TimePoint occurred_at{};
};

// {"scheduled": [{survey_id, invitation_id, due_at}], "skipped": [{survey_id,
// reason}]}; mails due now are sent at once. Errors: those of the store.
Result<Json> ScheduleSurveyEvent(Services& s, const WriteContext& ctx, const SurveyEvent& event);

// For a complaint that has just been closed (not as a duplicate) and names
// a customer: the event "complaint_closed" with the id
// "complaint-<id>-<closure time>" (a reopened and closed again complaint is
// a new event), occurring at its closure, as the system.
// Failures are logged; the closure stands.
void ScheduleComplaintClosedSurveys(Services& s, const Complaint& complaint);

}  // namespace hearken::http
