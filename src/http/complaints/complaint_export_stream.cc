#include "http/complaints/complaint_export_stream.h"

#include <malloc.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <memory>

#include <spdlog/spdlog.h>

#include "http/problem.h"
#include "report/complaint_export.h"
#include "report/table_export.h"
#include "store/complaint_scan_range.h"

namespace hearken::http {
namespace {

constexpr size_t kFilePiece = 1 << 20;  // XLSX bytes per streamed piece

// What every page of an export needs: the scan and the names for ids.
struct ExportPages {
  ExportPages(Store& store, const ComplaintFilter& filter, int page_size)
      : scan(store.complaints(), filter, page_size) {}
  ComplaintScanRange scan;
  ComplaintScanRange::iterator at;
  int page_size = kExportPageSize;
  std::map<Id, std::string> category_paths;
  std::map<Id, std::string> user_names;
  bool started = false;

  // The next page of rows (none at the end). Errors: the store's.
  Result<Table> Next() {
    if (!started) {
      at = scan.begin();
      started = true;
    }
    std::vector<Complaint> batch;
    while (at != scan.end() && static_cast<int>(batch.size()) < page_size) {
      batch.push_back(*at);
      ++at;
    }
    if (!scan.status().ok()) return scan.status().error();
    return ComplaintExportTable(batch, category_paths, user_names);
  }
};

Result<std::shared_ptr<ExportPages>> OpenPages(Store& store, const ComplaintFilter& filter, int page_size) {
  auto pages = std::make_shared<ExportPages>(store, filter, page_size);
  pages->page_size = page_size;
  auto categories = store.complaint_admin().ListCategories();
  if (!categories.ok()) return categories.error();
  for (const auto& category : *categories)
    pages->category_paths[category.id] = category.path.empty() ? category.name : category.path;
  auto users = UserDisplayNames(store);
  if (!users.ok()) return users.error();
  pages->user_names = std::move(*users);
  return pages;
}

std::string FileName(TimePoint today, ExportFormat format) {
  const auto ymd = std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(today));
  char name[64];
  std::snprintf(name, sizeof name, "complaints-%04d-%02u-%02u.%s", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                format == ExportFormat::kCsv ? "csv" : "xlsx");
  return name;
}

// The XLSX workbook built in its temporary file, then read out in pieces;
// the file goes when the source does.
Result<BodySource> XlsxSource(ExportPages& pages) {
  auto writer = XlsxStreamWriter::Create("Complaints", ComplaintExportColumns());
  if (!writer.ok()) return writer.error();
  for (;;) {
    auto rows = pages.Next();
    if (!rows.ok()) return rows.error();
    if (rows->rows.empty()) break;
    if (Status s = (*writer)->AddRows(*rows); !s.ok()) return s.error();
  }
  if (Status s = (*writer)->Finish(); !s.ok()) return s.error();
  malloc_trim(0);
  return XlsxFileBody(std::move(*writer));
}

}  // namespace

Result<BodySource> FileBody(std::shared_ptr<void> owner, const std::string& path) {
  struct File {
    std::shared_ptr<void> owner;
    std::ifstream in;
  };
  auto file = std::make_shared<File>();
  file->owner = std::move(owner);
  file->in.open(path, std::ios::binary);
  if (!file->in) return Error::Internal("cannot read the export's temporary file");
  return BodySource([file](std::string& piece) {
    piece.resize(kFilePiece);
    file->in.read(piece.data(), static_cast<std::streamsize>(piece.size()));
    piece.resize(static_cast<size_t>(file->in.gcount()));
    if (file->in.bad()) return BodyPiece::kFailed;
    return file->in.eof() ? BodyPiece::kLast : BodyPiece::kMore;
  });
}

Result<BodySource> XlsxFileBody(std::unique_ptr<XlsxStreamWriter> writer) {
  const std::string path = writer->path();
  return FileBody(std::shared_ptr<XlsxStreamWriter>(std::move(writer)), path);
}

Result<std::map<Id, std::string>> UserDisplayNames(Store& store) {
  std::map<Id, std::string> names;
  ListOptions options;
  options.limit = 500;
  while (true) {
    auto page = store.users().ListUsers(options);
    if (!page.ok()) return page.error();
    for (const User& user : page->items) names[user.id] = user.display_name.empty() ? user.email : user.display_name;
    if (page->items.empty() || options.offset + static_cast<std::int64_t>(page->items.size()) >= page->total) break;
    options.offset += static_cast<int>(page->items.size());
  }
  return names;
}

Result<BodySource> ComplaintCsvSource(Store& store, const ComplaintFilter& filter, std::string& first,
                                      int page_size) {
  auto pages = OpenPages(store, filter, page_size);
  if (!pages.ok()) return pages.error();
  auto header = CsvHeader(ComplaintExportColumns());
  if (!header.ok()) return header.error();
  first = std::move(*header);
  auto rows = (*pages)->Next();
  if (!rows.ok()) return rows.error();
  if (Status s = AppendCsvRows(*rows, first); !s.ok()) return s.error();
  const bool more = static_cast<int>(rows->rows.size()) == page_size;
  return BodySource([pages = *pages, more = bool{more}](std::string& piece) mutable {
    if (!more) return BodyPiece::kLast;
    auto rows = pages->Next();
    if (!rows.ok()) {
      spdlog::error("complaint export: a page failed: {}", rows.error().message);
      return BodyPiece::kFailed;
    }
    if (Status s = AppendCsvRows(*rows, piece); !s.ok()) {
      spdlog::error("complaint export: a page failed: {}", s.error().message);
      return BodyPiece::kFailed;
    }
    more = static_cast<int>(rows->rows.size()) == pages->page_size;
    if (!more) malloc_trim(0);  // the export is done: hand freed memory back (see src/app/main.cc)
    return more ? BodyPiece::kMore : BodyPiece::kLast;
  });
}

HttpResponse ComplaintExportResponse(Store& store, const ComplaintFilter& filter, ExportFormat format,
                                     TimePoint today, int page_size) {
  HttpResponse response;
  if (format == ExportFormat::kCsv) {
    auto source = ComplaintCsvSource(store, filter, response.body, page_size);
    if (!source.ok()) return ErrorResponse(source.error());
    response.stream = std::move(*source);
  } else {
    auto pages = OpenPages(store, filter, page_size);
    if (!pages.ok()) return ErrorResponse(pages.error());
    auto source = XlsxSource(**pages);
    if (!source.ok()) return ErrorResponse(source.error());
    response.stream = std::move(*source);
  }
  response.status = 200;
  response.SetHeader("Content-Type", format == ExportFormat::kCsv
                                         ? "text/csv; charset=utf-8"
                                         : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  response.SetHeader("Content-Disposition", "attachment; filename=\"" + FileName(today, format) + "\"");
  return response;
}

}  // namespace hearken::http
