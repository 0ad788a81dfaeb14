// The complaint export (GET /api/v1/complaints/export.csv and .xlsx) in
// constant memory: the matching complaints are read in keyset pages by id
// (ComplaintScanRange), so that rows are neither skipped nor repeated while
// complaints arrive, and each page becomes rows at once. The CSV is streamed
// to the socket page by page (HttpResponse::stream); the XLSX is built row by
// row in a temporary file (XlsxStreamWriter) and streamed from there. Rows
// are in id order (the order of filing).
#pragma once

#include <map>
#include <memory>
#include <string>

#include "core/clock.h"
#include "http/http_types.h"
#include "report/table_export.h"
#include "store/store.h"

namespace hearken::http {

enum class ExportFormat { kCsv, kXlsx };

// Rows per page read from the store (and per streamed CSV piece).
inline constexpr int kExportPageSize = 1000;

// The export's response: 200 with the attachment headers and a streamed
// body, or a problem when the first page (or the taxonomy and user names)
// cannot be read. `today` names the file. A page that fails later cuts the
// streamed body off (the client sees an incomplete transfer).
HttpResponse ComplaintExportResponse(Store& store, const ComplaintFilter& filter, ExportFormat format,
                                     TimePoint today, int page_size = kExportPageSize);

// The finished workbook of `writer` as a body read from its temporary file
// in pieces; the file goes when the source does. Shared by every XLSX export.
Result<BodySource> XlsxFileBody(std::unique_ptr<XlsxStreamWriter> writer);

// The finished file at `path` as a body read in pieces; `owner` (which
// removes the file when it goes) lives as long as the source. Errors:
// Internal when the file cannot be opened.
Result<BodySource> FileBody(std::shared_ptr<void> owner, const std::string& path);

// Display names (the e-mail when there is none) of every user, by id: the
// assignee and owner columns of the exports.
Result<std::map<Id, std::string>> UserDisplayNames(Store& store);

// The CSV body source alone, for tests that pull pieces themselves:
// `first` gets the header and the first page. Errors: the store's.
Result<BodySource> ComplaintCsvSource(Store& store, const ComplaintFilter& filter, std::string& first,
                                      int page_size = kExportPageSize);

}  // namespace hearken::http
