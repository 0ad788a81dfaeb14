// Complaint analysis (ISO 10002 8.3, ISO 9001 9.1.3) and the export of the
// complaint list as CSV and XLSX (docs/API.md "Complaints (issue 3)"). Both
// take the list filters of complaint_filter.h.
#include <chrono>
#include <cstdio>
#include <map>

#include "analytics/complaint_analysis.h"
#include "core/business_calendar.h"
#include "http/complaints/complaint_filter.h"
#include "http/problem.h"
#include "http/routes.h"
#include "report/complaint_export.h"
#include "report/table_export.h"

namespace hearken::http {
namespace {

std::optional<Id> CurrentUser(const RequestContext& ctx) {
  if (!ctx.principal) return std::nullopt;
  return ctx.principal->user.id;
}

HttpResponse Analysis(Services& s, RequestContext& ctx) {
  analytics::ComplaintAnalysisOptions options;
  if (auto it = ctx.request.query.find("period"); it != ctx.request.query.end() && !it->second.empty()) {
    auto period = analytics::ParseAnalysisPeriod(it->second);
    if (!period) return ErrorResponse(Error::InvalidField("period", "must be month or week"));
    options.period = *period;
  }
  auto filter = ParseComplaintFilter(ctx.request, CurrentUser(ctx));
  if (!filter.ok()) return ErrorResponse(filter.error());
  options.from = filter->received_from;
  options.to = filter->received_to;
  auto settings = s.store.complaint_admin().GetComplaintSettings();
  if (!settings.ok()) return ErrorResponse(settings.error());
  auto calendar = BusinessCalendar::Create(settings->calendar);
  if (!calendar.ok()) return ErrorResponse(calendar.error());
  auto facts = analytics::LoadComplaintFacts(s.store, *filter);
  if (!facts.ok()) return ErrorResponse(facts.error());
  auto volumes = s.store.complaint_admin().ListPeriodVolumes();
  if (!volumes.ok()) return ErrorResponse(volumes.error());
  auto analysis = analytics::AnalyseComplaints(*facts, *volumes, *calendar, settings->sla, options);
  if (!analysis.ok()) return ErrorResponse(analysis.error());
  return JsonResponse(200, analytics::ToJson(*analysis));
}

// Every complaint matching the filter, oldest first, read page by page.
Result<std::vector<Complaint>> AllComplaints(Store& store, const ComplaintFilter& filter) {
  std::vector<Complaint> all;
  ListOptions options;
  options.limit = 500;
  options.sort = "received_at";
  options.direction = SortDirection::kAscending;
  while (true) {
    auto page = store.complaints().ListComplaints(filter, options);
    if (!page.ok()) return page.error();
    for (auto& complaint : page->items) all.push_back(std::move(complaint));
    if (page->items.empty() || static_cast<std::int64_t>(all.size()) >= page->total) break;
    options.offset += static_cast<int>(page->items.size());
  }
  return all;
}

// Display names (the e-mail when there is none) of every user, for the
// assignee column.
Result<std::map<Id, std::string>> UserNames(Store& store) {
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

enum class ExportFormat { kCsv, kXlsx };

HttpResponse Export(Services& s, RequestContext& ctx, ExportFormat format) {
  auto filter = ParseComplaintFilter(ctx.request, CurrentUser(ctx));
  if (!filter.ok()) return ErrorResponse(filter.error());
  auto complaints = AllComplaints(s.store, *filter);
  if (!complaints.ok()) return ErrorResponse(complaints.error());
  auto categories = s.store.complaint_admin().ListCategories();
  if (!categories.ok()) return ErrorResponse(categories.error());
  auto users = UserNames(s.store);
  if (!users.ok()) return ErrorResponse(users.error());
  Table table = ComplaintExportTable(*complaints, *categories, *users);
  auto bytes = format == ExportFormat::kCsv ? WriteCsv(table) : WriteXlsx(table, "Complaints");
  if (!bytes.ok()) return ErrorResponse(bytes.error());
  const auto today = std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(s.clock.Now()));
  char name[64];
  std::snprintf(name, sizeof name, "complaints-%04d-%02u-%02u.%s", static_cast<int>(today.year()),
                static_cast<unsigned>(today.month()), static_cast<unsigned>(today.day()),
                format == ExportFormat::kCsv ? "csv" : "xlsx");
  HttpResponse response;
  response.status = 200;
  response.SetHeader("Content-Type", format == ExportFormat::kCsv
                                         ? "text/csv; charset=utf-8"
                                         : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  response.SetHeader("Content-Disposition", "attachment; filename=\"" + std::string(name) + "\"");
  response.body = std::move(*bytes);
  return response;
}

HttpResponse ExportCsv(Services& s, RequestContext& ctx) { return Export(s, ctx, ExportFormat::kCsv); }
HttpResponse ExportXlsx(Services& s, RequestContext& ctx) { return Export(s, ctx, ExportFormat::kXlsx); }

}  // namespace

void AddComplaintAnalysisRoutes(Router& router, Services& s) {
  const RouteAdapter h(s);
  std::vector<std::string> query = {"period"};
  for (const auto& name : ComplaintFilterParams()) query.push_back(name);
  router.AddSchema("ComplaintAnalysis", {{"type", "object"},
                                         {"description", "docs/API.md \"Analysis answer\""}});
  router.Add({.method = "GET", .path = "/api/v1/complaints/analysis", .roles = AllRoles(), .tag = "complaints",
              .summary = "Counts, Pareto, times, SLA shares, reopen rate, satisfaction, c- and u-chart",
              .response_schema = "ComplaintAnalysis", .query = query, .handler = h(Analysis)});
  std::vector<std::string> filters = ComplaintFilterParams();
  router.Add({.method = "GET", .path = "/api/v1/complaints/export.csv", .roles = QualityRoles(),
              .tag = "complaints", .summary = "The matching complaints as CSV (attachment)", .query = filters,
              .handler = h(ExportCsv)});
  router.Add({.method = "GET", .path = "/api/v1/complaints/export.xlsx", .roles = QualityRoles(),
              .tag = "complaints", .summary = "The matching complaints as an XLSX workbook (attachment)",
              .query = filters, .handler = h(ExportXlsx)});
}

}  // namespace hearken::http
