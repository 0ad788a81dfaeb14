// `hearken demo seed`: fills an empty register with a demo organisation —
// segments with needs and expectations, real customers drawn from IBM's Telco
// churn sample (demo/ibm_telco_customer_churn.csv, Apache-2.0, see
// demo/NOTICE.md), requirements with reviews, and communications — so a
// newcomer sees a working system at once. Everything goes through the Store
// and is audited like any other change.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "store/store.h"

namespace hearken {

// One row of the Telco churn CSV, the columns the demo uses.
struct TelcoCustomer {
  std::string customer_id;  // e.g. "7590-VHVEG"
  bool senior_citizen = false;
  int tenure_months = 0;
  std::string internet_service;  // "DSL", "Fiber optic", "No"
  std::string contract;          // "Month-to-month", "One year", "Two year"
  bool paperless_billing = false;
  std::string payment_method;
  bool churned = false;
};

// Parses the CSV text (header row first, 21 columns, no quoting). Errors:
// InvalidArgument naming the line and column of the first bad row.
Result<std::vector<TelcoCustomer>> ParseTelcoChurnCsv(const std::string& text);

struct DemoSeedOptions {
  std::string churn_csv_path;
  std::int64_t max_customers = 0;  // 0: all 7,043
  std::string cfpb_csv_path;       // demo complaints (demo_complaints.h); empty: none
};

struct DemoSeedSummary {
  std::int64_t segments = 0;
  std::int64_t customers = 0;
  std::int64_t requirements = 0;
  std::int64_t communications = 0;
  std::int64_t complaints = 0;  // imported and live (demo_complaints.h)
  bool already_seeded = false;  // the register had customers; nothing was written
};

// Seeds the demo organisation unless customers exist already. Errors:
// NotFound (CSV missing), InvalidArgument (CSV malformed), any Store error.
Result<DemoSeedSummary> SeedDemo(Store& store, const Clock& clock, const DemoSeedOptions& options);

}  // namespace hearken
