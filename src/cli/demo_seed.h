// `hearken demo seed`: fills an empty register with a demo organisation —
// segments with needs and expectations, real customers drawn from IBM's Telco
// churn sample (demo/ibm_telco_customer_churn.csv, Apache-2.0, see
// demo/NOTICE.md), requirements with reviews, communications, and two years
// of complaints that fit a telecom company (demo_complaints.h) and a year of
// answers to a relationship survey (demo_surveys.h) — so a
// newcomer sees a working system at once. Everything goes through the Store
// and is audited like any other change.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cli/demo_history.h"
#include "cli/demo_telco.h"
#include "core/clock.h"
#include "core/result.h"
#include "store/store.h"

namespace hearken {

// Whether the demo gets complaints: the generated history with live cases
// and a corrective action (demo_complaints.h), or none.
enum class DemoComplaints { kHistory, kNone };

struct DemoSeedOptions {
  std::string churn_csv_path;
  std::int64_t max_customers = 0;  // 0: all 7,043
  DemoComplaints complaints = DemoComplaints::kHistory;
};

struct DemoSeedSummary {
  std::int64_t segments = 0;
  std::int64_t customers = 0;
  std::int64_t requirements = 0;
  std::int64_t communications = 0;
  std::int64_t complaints = 0;  // history and live cases (demo_complaints.h)
  std::int64_t survey_answers = 0;  // of the relationship survey (demo_surveys.h)
  // The months the history puts above the c-chart's limit, and why (demo_history.h).
  std::vector<DemoSpecialCause> special_causes;
  bool already_seeded = false;  // the register had customers; nothing was written
};

// Seeds the demo organisation unless customers exist already. Errors:
// NotFound (CSV missing), InvalidArgument (CSV malformed), any Store error.
Result<DemoSeedSummary> SeedDemo(Store& store, const Clock& clock, const DemoSeedOptions& options);

}  // namespace hearken
