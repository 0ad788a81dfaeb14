// Demo complaints for `hearken demo seed`: the CFPB sample imported as the
// organisation's complaint history (categories from its taxonomy, the 2025
// monthly series for the c-chart, order volumes for the u-chart), complaint
// settings on the demo organisation's calendar, and a handful of live cases
// from demo customers at every stage of handling — received, acknowledged,
// assessed, under investigation with five whys, waiting on the complainant,
// responded, closed with a rating — plus a corrective action linking two.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "store/store.h"

namespace hearken {

struct DemoComplaintSummary {
  std::int64_t imported = 0;  // from the CFPB sample
  std::int64_t live = 0;      // cases at the stages above
  std::int64_t corrective_actions = 0;
};

// `customers` are demo customers the live cases come from (may be empty).
// Errors: NotFound (CSV missing), InvalidArgument (CSV malformed), any Store error.
Result<DemoComplaintSummary> SeedDemoComplaints(Store& store, const Clock& clock, const std::string& cfpb_csv_path,
                                                const std::vector<Customer>& customers);

}  // namespace hearken
