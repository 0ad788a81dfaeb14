// Export of a list the UI shows (customers, corrective actions, the audit
// trail; issue 7) as CSV or XLSX, for every role that may read the list:
// the rows come page by page from `next_page` (offset paging in a stable
// order), the CSV is streamed as each page is read, the XLSX is built in a
// temporary file and streamed from there — memory stays flat at any size.
// String cells are made inert (report/table_export.h), so a name such as
// "=HYPERLINK(...)" never runs as a formula. The complaint export has its own
// keyset scan (complaints/complaint_export_stream.h).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "http/complaints/complaint_export_stream.h"
#include "http/http_types.h"
#include "report/table.h"

namespace hearken::http {

// The rows at `offset` (at most `limit`, the columns given to the export);
// fewer than `limit` ends the export. Errors: the store's.
using ExportPageSource = std::function<Result<Table>(int offset, int limit)>;

struct ListExport {
  std::string file_stem;             // "customers" → customers-2026-12-07.csv
  std::string sheet;                 // the XLSX sheet's name
  std::vector<std::string> columns;  // the header row
  ExportPageSource next_page;
};

// Rows per page: the largest page the store's lists give.
inline constexpr int kListExportPageSize = 500;

// 200 with the attachment and a streamed body, or the problem of the first
// page. A page that fails later cuts the streamed body off.
HttpResponse ListExportResponse(const ListExport& list, ExportFormat format, TimePoint today,
                                int page_size = kListExportPageSize);

}  // namespace hearken::http
