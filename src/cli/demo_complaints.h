// Demo complaints for `hearken demo seed`: the telecom category tree
// (demo_categories.h), complaint settings on the demo organisation's
// calendar, two years of complaint history from the demo customers
// (demo_history.h: imported in batches through ComplaintStore's import, the
// cases still open taken to their stage through the lifecycle), subscribers
// per month for the u-chart, and a handful of live cases at every stage of
// handling — received, acknowledged, assessed, under investigation with five
// whys, waiting on the complainant, responded, closed with a rating — plus a
// corrective action linking two.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cli/demo_history.h"
#include "core/clock.h"
#include "core/result.h"
#include "store/store.h"

namespace hearken {

struct DemoComplaintSummary {
  std::int64_t history = 0;  // generated, imported
  std::int64_t live = 0;     // cases at the stages above
  std::int64_t corrective_actions = 0;
  std::vector<DemoSpecialCause> special_causes;  // the months planned out of control
};

// `customers` are the demo customers the history and the live cases come
// from (none: only the live cases, without complainants).
// Errors: any Store error.
Result<DemoComplaintSummary> SeedDemoComplaints(Store& store, const Clock& clock,
                                                const std::vector<DemoCustomer>& customers);

}  // namespace hearken
