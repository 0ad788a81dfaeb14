// The complaint list as a plain Table (table.h) for the CSV and XLSX export
// (GET /api/v1/complaints/export.csv and .xlsx, docs/API.md). One row per
// complaint, in the order given. Text from complainants (summary, product,
// decision, ...) is put into string cells as it is; WriteCsv and WriteXlsx
// make every string cell inert (NeutraliseFormula), so "=HYPERLINK(...)" in a
// summary never runs as a formula in a spreadsheet.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/complaint.h"
#include "report/table.h"

namespace hearken {

// The export's column names, in order: reference, received_at, state,
// channel, intake, summary, product, category, severity, priority, site,
// assignee, acknowledged_at, responded_at, closed_at, cause_category,
// root_cause, decision, remedies, reopen_count.
const std::vector<std::string>& ComplaintExportColumns();

// One row per complaint. Times are TimePoint cells (empty when not reached);
// severity and reopen_count are integers (severity empty before assessment);
// enumerations are their text names; remedies are their names joined by "; ".
// category is the path from `category_paths` (by category_id; "category <id>"
// when the id is missing from the map, empty when uncategorised); assignee is
// the name from `user_names` ("user <id>" when missing, empty when
// unassigned). Never fails.
Table ComplaintExportTable(const std::vector<Complaint>& complaints, const std::map<Id, std::string>& category_paths,
                           const std::map<Id, std::string>& user_names);

// The same with the category paths taken from the taxonomy as the store lists
// it (Store::ListCategories), for callers that hold the list.
Table ComplaintExportTable(const std::vector<Complaint>& complaints, const std::vector<ComplaintCategory>& categories,
                           const std::map<Id, std::string>& user_names = {});

}  // namespace hearken
