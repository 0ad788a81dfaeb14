#include "http/list_export.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <memory>

#include "http/problem.h"
#include "report/table_export.h"

namespace hearken::http {
namespace {

std::string FileName(const std::string& stem, TimePoint today, ExportFormat format) {
  const auto ymd = std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(today));
  char date[16];
  std::snprintf(date, sizeof date, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return stem + "-" + date + (format == ExportFormat::kCsv ? ".csv" : ".xlsx");
}

// A page with the export's columns (the sources give rows only).
Result<Table> PageAt(const ExportPageSource& next_page, const std::vector<std::string>& columns, int offset,
                     int limit) {
  auto rows = next_page(offset, limit);
  if (rows.ok()) rows->columns = columns;
  return rows;
}

Result<BodySource> CsvSource(const ListExport& list, int page_size, std::string& first) {
  auto header = CsvHeader(list.columns);
  if (!header.ok()) return header.error();
  first = std::move(*header);
  auto rows = PageAt(list.next_page, list.columns, 0, page_size);
  if (!rows.ok()) return rows.error();
  if (Status s = AppendCsvRows(*rows, first); !s.ok()) return s.error();
  struct State {
    ExportPageSource next_page;
    std::vector<std::string> columns;
    int offset = 0;
    bool more = false;
    std::string what;
  };
  auto state = std::make_shared<State>();
  state->next_page = list.next_page;
  state->columns = list.columns;
  state->offset = static_cast<int>(rows->rows.size());
  state->more = static_cast<int>(rows->rows.size()) == page_size;
  state->what = list.file_stem;
  return BodySource([state, page_size](std::string& piece) {
    if (!state->more) return BodyPiece::kLast;
    auto rows = PageAt(state->next_page, state->columns, state->offset, page_size);
    if (!rows.ok() || !AppendCsvRows(*rows, piece).ok()) {
      spdlog::error("{} export: a page failed at row {}", state->what, state->offset);
      return BodyPiece::kFailed;
    }
    state->offset += static_cast<int>(rows->rows.size());
    state->more = static_cast<int>(rows->rows.size()) == page_size;
    return state->more ? BodyPiece::kMore : BodyPiece::kLast;
  });
}

Result<BodySource> XlsxSource(const ListExport& list, int page_size) {
  auto writer = XlsxStreamWriter::Create(list.sheet, list.columns);
  if (!writer.ok()) return writer.error();
  for (int offset = 0;;) {
    auto rows = PageAt(list.next_page, list.columns, offset, page_size);
    if (!rows.ok()) return rows.error();
    if (Status s = (*writer)->AddRows(*rows); !s.ok()) return s.error();
    offset += static_cast<int>(rows->rows.size());
    if (static_cast<int>(rows->rows.size()) < page_size) break;
  }
  if (Status s = (*writer)->Finish(); !s.ok()) return s.error();
  return XlsxFileBody(std::move(*writer));
}

}  // namespace

HttpResponse ListExportResponse(const ListExport& list, ExportFormat format, TimePoint today, int page_size) {
  HttpResponse response;
  auto source = format == ExportFormat::kCsv ? CsvSource(list, page_size, response.body) : XlsxSource(list, page_size);
  if (!source.ok()) return ErrorResponse(source.error());
  response.stream = std::move(*source);
  response.status = 200;
  response.SetHeader("Content-Type", format == ExportFormat::kCsv
                                         ? "text/csv; charset=utf-8"
                                         : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  response.SetHeader("Content-Disposition", "attachment; filename=\"" + FileName(list.file_stem, today, format) + "\"");
  return response;
}

}  // namespace hearken::http
