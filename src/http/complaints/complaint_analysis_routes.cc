// Complaint analysis (ISO 10002 8.3, ISO 9001 9.1.3) and the export of the
// complaint list as CSV and XLSX (docs/API.md "Complaints (issue 3)"). Both
// take the list filters of complaint_filter.h.
#include <malloc.h>

#include <chrono>

#include "analytics/complaint_analysis.h"
#include "core/business_calendar.h"
#include "http/complaints/complaint_export_stream.h"
#include "http/complaints/complaint_filter.h"
#include "http/problem.h"
#include "http/routes.h"
#include "http/work_slots.h"

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
  auto filter = ParseComplaintFilter(ctx.request, CurrentUser(ctx), s.store);
  if (!filter.ok()) return ErrorResponse(filter.error());
  options.from = filter->received_from;
  options.to = filter->received_to;
  auto settings = s.store.complaint_admin().GetComplaintSettings();
  if (!settings.ok()) return ErrorResponse(settings.error());
  auto calendar = BusinessCalendar::CreateCached(settings->calendar);
  if (!calendar.ok()) return ErrorResponse(calendar.error());
  auto slot = s.analyses.TryAcquireFor(s.options.queue_deadline);
  if (!slot) return Unavailable(1);  // as many analyses as cores are running
  auto facts = analytics::LoadComplaintFacts(s.store, *filter);
  if (!facts.ok()) return ErrorResponse(facts.error());
  auto volumes = s.store.complaint_admin().ListPeriodVolumes();
  if (!volumes.ok()) return ErrorResponse(volumes.error());
  auto analysis = analytics::AnalyseComplaints(*facts, *volumes, *calendar, settings->sla, options);
  std::vector<analytics::ComplaintFact>().swap(*facts);  // every complaint's facts: freed before answering
  if (!analysis.ok()) return ErrorResponse(analysis.error());
  HttpResponse response = JsonResponse(200, analytics::ToJson(*analysis));
  malloc_trim(0);  // hand the facts' memory back to the system (see src/app/main.cc)
  return response;
}

HttpResponse Export(Services& s, RequestContext& ctx, ExportFormat format) {
  auto filter = ParseComplaintFilter(ctx.request, CurrentUser(ctx), s.store);
  if (!filter.ok()) return ErrorResponse(filter.error());
  return ComplaintExportResponse(s.store, *filter, format, s.clock.Now());
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
  router.Add({.method = "GET", .path = "/api/v1/complaints/export.csv", .roles = AllRoles(),
              .tag = "complaints", .summary = "The matching complaints as CSV (attachment)", .query = filters,
              .handler = h(ExportCsv)});
  router.Add({.method = "GET", .path = "/api/v1/complaints/export.xlsx", .roles = AllRoles(),
              .tag = "complaints", .summary = "The matching complaints as an XLSX workbook (attachment)",
              .query = filters, .handler = h(ExportXlsx)});
}

}  // namespace hearken::http
