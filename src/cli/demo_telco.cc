// The Telco churn CSV reader (see demo_telco.h).
#include "cli/demo_telco.h"

#include <sstream>

namespace hearken {
namespace {

constexpr size_t kTelcoColumns = 21;

std::vector<std::string> SplitCsvLine(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  std::istringstream stream(line);
  while (std::getline(stream, cell, ',')) cells.push_back(cell);
  if (!line.empty() && line.back() == ',') cells.emplace_back();
  return cells;
}

}  // namespace

Result<std::vector<TelcoCustomer>> ParseTelcoChurnCsv(const std::string& text) {
  std::vector<TelcoCustomer> rows;
  std::istringstream stream(text);
  std::string line;
  int line_number = 0;
  while (std::getline(stream, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line_number == 1 || line.empty()) continue;
    auto cells = SplitCsvLine(line);
    auto bad = [&](const std::string& what) {
      return Error::InvalidArgument("churn CSV line " + std::to_string(line_number) + ": " + what);
    };
    if (cells.size() != kTelcoColumns) return bad("expected 21 columns, found " + std::to_string(cells.size()));
    TelcoCustomer row;
    row.customer_id = cells[0];
    if (row.customer_id.empty()) return bad("customerID is empty");
    row.senior_citizen = cells[2] == "1";
    try {
      row.tenure_months = std::stoi(cells[5]);
    } catch (const std::exception&) {
      return bad("tenure is not a number");
    }
    row.phone_service = cells[6] == "Yes";
    row.internet_service = cells[8];
    row.tech_support = cells[12] == "Yes";
    row.streaming_tv = cells[13] == "Yes";
    row.streaming_movies = cells[14] == "Yes";
    row.contract = cells[15];
    row.paperless_billing = cells[16] == "Yes";
    row.payment_method = cells[17];
    if (cells[20] != "Yes" && cells[20] != "No") return bad("Churn must be Yes or No");
    row.churned = cells[20] == "Yes";
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace hearken
