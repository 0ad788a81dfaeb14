// Complaint analysis (ISO 10002 8.3, ISO 9001 9.1.3) and the export of the
// complaint list as CSV and XLSX (docs/API.md "Complaints (issue 3)"). Both
// take the list filters of complaint_filter.h.
#include <malloc.h>

#include <chrono>

#include "analytics/complaint_analysis.h"
#include "core/business_calendar.h"
#include "http/complaints/analysis_params.h"
#include "http/complaints/complaint_export_stream.h"
#include "http/complaints/complaint_filter.h"
#include "http/handler_util.h"
#include "http/openapi_schema.h"
#include "http/problem.h"
#include "http/routes.h"
#include "http/work_slots.h"

namespace hearken::http {
namespace {

std::optional<Id> CurrentUser(const RequestContext& ctx) {
  if (!ctx.principal) return std::nullopt;
  return ctx.principal->user.id;
}

// The id of every category path, to key the groups of a level above a
// complaint's own category.
Result<std::map<std::string, Id>> CategoryIdsByPath(Store& store) {
  auto categories = store.complaint_admin().ListCategories();
  if (!categories.ok()) return categories.error();
  std::map<std::string, Id> ids;
  for (const ComplaintCategory& category : *categories) ids.emplace(category.path, category.id);
  return ids;
}

// One 422 naming every bad parameter of both readers, the analysis's first.
Error BadParameters(const Error& analysis, const Error& filter) {
  std::vector<FieldError> fields = analysis.fields;
  fields.insert(fields.end(), filter.fields.begin(), filter.fields.end());
  return FieldsError(std::move(fields)).error();
}

HttpResponse Analysis(Services& s, RequestContext& ctx) {
  auto options = ParseAnalysisOptions(ctx.request);
  auto filter = ParseComplaintFilter(ctx.request, CurrentUser(ctx), s.store);
  if (!filter.ok() && (options.ok() || filter.error().code != ErrorCode::kInvalidArgument))
    return ErrorResponse(filter.error());
  if (!options.ok()) return ErrorResponse(filter.ok() ? options.error() : BadParameters(options.error(), filter.error()));
  options->from = filter->received_from;
  options->to = filter->received_to;
  options->now = s.clock.Now();  // the period holding it is still running
  auto category_ids = CategoryIdsByPath(s.store);
  if (!category_ids.ok()) return ErrorResponse(category_ids.error());
  options->category_ids_by_path = std::move(*category_ids);
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
  auto analysis = analytics::AnalyseComplaints(*facts, *volumes, *calendar, settings->sla, *options);
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

// The analysis answer's shape (docs/API.md "Analysis answer"), the parts a
// client reads most; the figures' objects are left open.
Json AnalysisSchema() {
  using namespace schema;
  const Json number = {{"type", "number"}};
  const Json other_groups = {{"type", "integer"}, {"description", "on the \"Other\" entry only: how many groups it sums"}};
  const Json count = Obj({{"key", {{"nullable", true}, {"description", "the group's id or text; null for none and Other"}}},
                          {"label", Str()}, {"count", Int()}, {"other_groups", other_groups}},
                         {"key", "label", "count"});
  const Json pareto = Obj({{"label", Str()}, {"count", Int()}, {"share", number}, {"cumulative_share", number},
                           {"other_groups", other_groups}},
                          {"label", "count", "share", "cumulative_share"});
  const Json baseline = Obj({{"from", Str()}, {"to", Str()}, {"periods", Int()}}, {"from", "to", "periods"});
  Json c_chart = Obj({{"center", number}, {"ucl", number}, {"lcl", number}, {"baseline", baseline},
                      {"points", ArrayOf(Obj({{"period", Str()}, {"value", number}, {"out_of_control", Bool()},
                                              {"used_for_limits", Bool()}}))}});
  c_chart["nullable"] = true;
  Json u_chart = Obj({{"center", number}, {"unit", Str()}, {"baseline", baseline},
                      {"points", ArrayOf(Obj({{"period", Str()}, {"count", Int()}, {"volume", number},
                                              {"value", number}, {"ucl", number}, {"lcl", number},
                                              {"out_of_control", Bool()}, {"used_for_limits", Bool()}}))}});
  u_chart["nullable"] = true;
  Json answer = Obj({{"period", Str()},
                     {"total", Int()},
                     {"category_level", Int()},
                     {"category_depth", Int()},
                     {"category_groups", Int()},
                     {"top", NInt()},
                     {"by_category", ArrayOf(count)},
                     {"by_product", ArrayOf(count)},
                     {"by_segment", ArrayOf(count)},
                     {"by_channel", ArrayOf(count)},
                     {"by_period", ArrayOf(Obj({{"period", Str()}, {"count", Int()}}))},
                     {"pareto", ArrayOf(pareto)},
                     {"pareto_top_level", ArrayOf(pareto)},
                     {"c_chart", c_chart},
                     {"u_chart", u_chart},
                     {"u_chart_note", Str()}});
  answer["description"] = "docs/API.md \"Analysis answer\"";
  return answer;
}

}  // namespace

void AddComplaintAnalysisRoutes(Router& router, Services& s) {
  const RouteAdapter h(s);
  std::vector<std::string> query = AnalysisParams();
  for (const auto& name : ComplaintFilterParams()) query.push_back(name);
  router.AddSchema("ComplaintAnalysis", AnalysisSchema());
  router.Add({.method = "GET", .path = "/api/v1/complaints/analysis", .roles = AllRoles(), .tag = "complaints",
              .summary = "Counts (categories at a level, top N and Other), Pareto, times, SLA shares, reopen rate, "
                         "satisfaction, c- and u-chart with their baseline",
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
