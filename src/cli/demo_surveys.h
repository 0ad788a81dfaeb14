// The demo's survey (part of `hearken demo seed`): a relationship survey of
// the telecom customers — NPS, CSAT, CES and three driver ratings, in
// English and Spanish — with a year of answers drawn so that the segments
// differ as a telecom's would (month-to-month customers recommend least,
// two-year ones most) and a visible dip in the months of the network
// outage the complaint history also carries. Deterministic: the same
// customers give the same answers. Answers are imported with their own
// dates (AnswerChannel::kImport), checked against the definition first
// (core/survey), and committed in groups.
#pragma once

#include <cstdint>
#include <vector>

#include "cli/demo_history.h"
#include "core/clock.h"
#include "core/result.h"
#include "store/store.h"

namespace hearken {

struct DemoSurveySummary {
  Id survey_id = 0;
  std::int64_t answers = 0;
};

// Creates the survey and its answers from `customers` (about one in twelve
// answers, spread over the past 365 days; lower in the months of `dips`).
// Errors: any Store error; Internal when the built-in definition or an
// answer does not validate.
Result<DemoSurveySummary> SeedDemoSurvey(Store& store, const Clock& clock, const std::vector<DemoCustomer>& customers,
                                         const std::vector<DemoSpecialCause>& dips);

}  // namespace hearken
