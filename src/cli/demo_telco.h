// IBM's Telco churn sample (demo/ibm_telco_customer_churn.csv, Apache-2.0,
// see demo/NOTICE.md) as the demo reads it: the columns that make a demo
// customer and shape their complaints.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace hearken {

// One row of the Telco churn CSV, the columns the demo uses.
struct TelcoCustomer {
  std::string customer_id;  // e.g. "7590-VHVEG"
  bool senior_citizen = false;
  int tenure_months = 0;
  bool phone_service = false;
  std::string internet_service;  // "DSL", "Fiber optic", "No"
  bool tech_support = false;
  bool streaming_tv = false;
  bool streaming_movies = false;
  std::string contract;          // "Month-to-month", "One year", "Two year"
  bool paperless_billing = false;
  std::string payment_method;
  bool churned = false;
};

// Parses the CSV text (header row first, 21 columns, no quoting). Errors:
// InvalidArgument naming the line and column of the first bad row.
Result<std::vector<TelcoCustomer>> ParseTelcoChurnCsv(const std::string& text);

}  // namespace hearken
