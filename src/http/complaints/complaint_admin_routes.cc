// Complaint administration: the category taxonomy, corrective actions (ISO
// 9001 10.2), the complaint settings (calendar, SLA, closure, mail
// templates), the period volumes that turn counts into rates for the u-chart,
// and the CFPB CSV import (docs/API.md "Complaints (issue 3)").
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <sstream>

#include "core/complaint.h"
#include "core/complaint_json.h"
#include "core/validation.h"
#include "http/json_input.h"
#include "http/complaints/complaint_export_stream.h"
#include "http/list_export.h"
#include "http/openapi_schema.h"
#include "http/problem.h"
#include "http/routes.h"
#include "ingest/cfpb_import.h"

namespace hearken::http {
namespace {

constexpr size_t kMaxLinkedComplaints = 500;
// The CSV body of an import (docs/API.md: up to 50 MiB).
constexpr size_t kMaxImportBodyBytes = 50u << 20;

template <typename T>
Json ItemsJson(const std::vector<T>& list) {
  Json items = Json::array();
  for (const auto& item : list) items.push_back(ToJson(item));
  const auto total = static_cast<std::int64_t>(items.size());
  return {{"items", std::move(items)}, {"total", total}, {"limit", total}, {"offset", 0}};
}

// ---- Categories -----------------------------------------------------------------

HttpResponse ListCategories(Services& s, RequestContext&) {
  auto list = s.store.complaint_admin().ListCategories();
  if (!list.ok()) return ErrorResponse(list.error());
  return JsonResponse(200, ItemsJson(*list));
}

HttpResponse CreateCategory(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  ComplaintCategory category;
  ObjectReader reader(*body.object);
  reader.Require("name");
  reader.String("name", &category.name);
  reader.OptionalId("parent_id", &category.parent_id);
  reader.Bool("active", &category.active);
  if (Status st = reader.Finish(); !st.ok()) return ErrorResponse(st.error());
  if (Status st = ValidateCategoryName(category.name); !st.ok()) return ErrorResponse(st.error());
  auto created = s.store.complaint_admin().CreateCategory(ctx.write, category);
  if (!created.ok()) return ErrorResponse(created.error());
  return CreatedResponse("/api/v1/complaint-categories/" + std::to_string(created->id), ToJson(*created));
}

// Renames or (de)activates; a category keeps its parent (the path of every
// complaint filed under it would otherwise change meaning).
HttpResponse PatchCategory(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  auto category = s.store.complaint_admin().GetCategory(ctx.PathId("id"));
  if (!category.ok()) return ErrorResponse(category.error());
  ObjectReader reader(*body.object);
  reader.String("name", &category->name);
  reader.Bool("active", &category->active);
  if (Status st = reader.Finish(); !st.ok()) return ErrorResponse(st.error());
  if (Status st = ValidateCategoryName(category->name); !st.ok()) return ErrorResponse(st.error());
  auto updated = s.store.complaint_admin().UpdateCategory(ctx.write, *category);
  if (!updated.ok()) return ErrorResponse(updated.error());
  return JsonResponse(200, ToJson(*updated));
}

// ---- Corrective actions -----------------------------------------------------------

// Reads the fields of a corrective action present in `object` into `action`
// (absent fields keep their value, so the same reader serves POST and PATCH).
Status ReadCorrectiveAction(const Json& object, CorrectiveAction* action) {
  Json rest = object;
  std::vector<FieldError> errors;
  if (auto it = rest.find("due_date"); it != rest.end()) {
    if (it->is_null()) {
      action->due_date.reset();
    } else if (auto date = it->is_string() ? ParseIsoDate(it->get<std::string>()) : std::nullopt) {
      action->due_date = date;
    } else {
      errors.push_back({"due_date", "must be a date YYYY-MM-DD or null"});
    }
    rest.erase(it);
  }
  if (auto it = rest.find("complaint_ids"); it != rest.end()) {
    std::vector<Id> ids;
    if (!it->is_array() || it->size() > kMaxLinkedComplaints) {
      errors.push_back({"complaint_ids", "must be an array of at most 500 complaint ids"});
    } else {
      for (size_t i = 0; i < it->size(); ++i) {
        const Json& v = (*it)[i];
        if (!v.is_number_integer() || v.get<std::int64_t>() <= 0 ||
            (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))) {
          errors.push_back({"complaint_ids/" + std::to_string(i), "must be a positive id"});
          continue;
        }
        ids.push_back(v.get<Id>());
      }
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    if (errors.empty()) action->complaint_ids = std::move(ids);
    rest.erase(it);
  }
  ObjectReader reader(rest);
  reader.String("title", &action->title);
  reader.String("description", &action->description);
  reader.OptionalId("owner_id", &action->owner_id);
  reader.Enum("status", &action->status, &ParseActionStatus);
  Status st = reader.Finish();
  if (!st.ok()) errors.insert(errors.end(), st.error().fields.begin(), st.error().fields.end());
  if (!errors.empty()) {
    std::string message = "invalid fields:";
    for (const auto& e : errors) message += " " + e.field + " " + e.message + ";";
    message.pop_back();
    return Error::InvalidArgument(std::move(message), std::move(errors));
  }
  return ValidateCorrectiveAction(*action);
}

HttpResponse ListCorrectiveActions(Services& s, RequestContext& ctx) {
  auto options = ParseListOptions(ctx.request, {"created_at", "updated_at", "due_date", "status", "title"});
  if (!options.ok()) return ErrorResponse(options.error());
  QueryReader q(ctx.request);
  std::optional<Id> complaint_id = q.OptionalId("complaint_id");
  std::optional<ActionStatus> status = q.OptionalEnum("status", &ParseActionStatus);
  if (Status st = q.Finish(); !st.ok()) return ErrorResponse(st.error());
  auto page = s.store.corrective_actions().ListCorrectiveActions(complaint_id, status, *options);
  if (!page.ok()) return ErrorResponse(page.error());
  return JsonResponse(200, PageJson(*page, *options));
}

// The canned responses of the complaint settings, for the handlers who
// write to complainants (the rest of the settings is for quality managers).
HttpResponse ListCannedResponses(Services& s, RequestContext&) {
  auto settings = s.store.complaint_admin().GetComplaintSettings();
  if (!settings.ok()) return ErrorResponse(settings.error());
  return JsonResponse(200, {{"items", CannedResponsesJson(settings->canned_responses)}});
}

// The matching corrective actions, in the order they were raised, with the
// owner's name and the linked complaints' ids.
HttpResponse ExportCorrectiveActions(Services& s, RequestContext& ctx, ExportFormat format) {
  QueryReader q(ctx.request);
  std::optional<Id> complaint_id = q.OptionalId("complaint_id");
  std::optional<ActionStatus> status = q.OptionalEnum("status", &ParseActionStatus);
  if (Status st = q.Finish(); !st.ok()) return ErrorResponse(st.error());
  auto names = UserDisplayNames(s.store);
  if (!names.ok()) return ErrorResponse(names.error());
  std::map<Id, std::string> owners = std::move(*names);
  Store* store = &s.store;  // outlives the streamed body (the server's)
  ListExport list{"corrective-actions", "Corrective actions",
                  {"id", "title", "description", "status", "owner", "due_date", "complaint_ids", "created_by",
                   "created_at", "updated_at"},
                  [store, complaint_id, status, owners](int offset, int limit) -> Result<Table> {
                    ListOptions options{.limit = limit, .offset = offset, .sort = "created_at"};
                    auto page = store->corrective_actions().ListCorrectiveActions(complaint_id, status, options);
                    if (!page.ok()) return page.error();
                    Table table;
                    for (const CorrectiveAction& a : page->items) {
                      std::string ids;
                      for (Id id : a.complaint_ids) ids += (ids.empty() ? "" : "; ") + std::to_string(id);
                      auto owner = a.owner_id ? owners.find(*a.owner_id) : owners.end();
                      table.rows.push_back({a.id, a.title, a.description, std::string(ToString(a.status)),
                                            owner == owners.end() ? Cell{} : Cell{owner->second},
                                            a.due_date ? Cell{FormatIsoDate(*a.due_date)} : Cell{}, ids, a.created_by,
                                            a.created_at, a.updated_at});
                    }
                    return table;
                  }};
  return ListExportResponse(list, format, s.clock.Now());
}

HttpResponse ExportActionsCsv(Services& s, RequestContext& ctx) {
  return ExportCorrectiveActions(s, ctx, ExportFormat::kCsv);
}
HttpResponse ExportActionsXlsx(Services& s, RequestContext& ctx) {
  return ExportCorrectiveActions(s, ctx, ExportFormat::kXlsx);
}

HttpResponse CreateCorrectiveAction(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  if (!body.object->contains("title"))
    return ErrorResponse(Error::InvalidField("title", "is required"));
  CorrectiveAction action;
  if (Status st = ReadCorrectiveAction(*body.object, &action); !st.ok()) return ErrorResponse(st.error());
  action.created_by = ctx.write.actor.label;
  auto created = s.store.corrective_actions().CreateCorrectiveAction(ctx.write, action);
  if (!created.ok()) return ErrorResponse(created.error());
  return CreatedResponse("/api/v1/corrective-actions/" + std::to_string(created->id), ToJson(*created));
}

HttpResponse GetCorrectiveAction(Services& s, RequestContext& ctx) {
  auto action = s.store.corrective_actions().GetCorrectiveAction(ctx.PathId("id"));
  if (!action.ok()) return ErrorResponse(action.error());
  return JsonResponse(200, ToJson(*action));
}

HttpResponse PatchCorrectiveAction(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  auto action = s.store.corrective_actions().GetCorrectiveAction(ctx.PathId("id"));
  if (!action.ok()) return ErrorResponse(action.error());
  if (Status st = ReadCorrectiveAction(*body.object, &*action); !st.ok()) return ErrorResponse(st.error());
  auto updated = s.store.corrective_actions().UpdateCorrectiveAction(ctx.write, *action);
  if (!updated.ok()) return ErrorResponse(updated.error());
  return JsonResponse(200, ToJson(*updated));
}

// ---- Settings ---------------------------------------------------------------------

HttpResponse GetSettings(Services& s, RequestContext&) {
  auto settings = s.store.complaint_admin().GetComplaintSettings();
  if (!settings.ok()) return ErrorResponse(settings.error());
  return JsonResponse(200, ToJson(*settings));
}

HttpResponse PutSettings(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  auto settings = ComplaintSettingsFromJson(*body.object);
  if (!settings.ok()) return ErrorResponse(settings.error());
  if (Status st = ValidateComplaintSettings(*settings); !st.ok()) return ErrorResponse(st.error());
  auto updated = s.store.complaint_admin().UpdateComplaintSettings(ctx.write, *settings);
  if (!updated.ok()) return ErrorResponse(updated.error());
  return JsonResponse(200, ToJson(*updated));
}

// ---- Period volumes ---------------------------------------------------------------

HttpResponse ListVolumes(Services& s, RequestContext&) {
  auto list = s.store.complaint_admin().ListPeriodVolumes();
  if (!list.ok()) return ErrorResponse(list.error());
  return JsonResponse(200, ItemsJson(*list));
}

HttpResponse PutVolume(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  PeriodVolume volume;
  volume.period = ctx.PathText("period");
  ObjectReader reader(*body.object);
  reader.Require("volume");
  reader.Require("unit");
  if (const auto it = body.object->find("volume"); it != body.object->end() && !it->is_number())
    reader.AddError("volume", "must be a number");
  else if (it != body.object->end())
    volume.volume = it->get<double>();
  reader.String("unit", &volume.unit);
  if (Status st = reader.Finish(); !st.ok()) return ErrorResponse(st.error());
  if (Status st = ValidatePeriodVolume(volume); !st.ok()) return ErrorResponse(st.error());
  auto stored = s.store.complaint_admin().SetPeriodVolume(ctx.write, volume);
  if (!stored.ok()) return ErrorResponse(stored.error());
  return JsonResponse(200, ToJson(*stored));
}

HttpResponse DeleteVolume(Services& s, RequestContext& ctx) {
  if (Status st = s.store.complaint_admin().DeletePeriodVolume(ctx.write, ctx.PathText("period")); !st.ok())
    return ErrorResponse(st.error());
  return NoContent();
}

// ---- Import -----------------------------------------------------------------------

HttpResponse Import(Services& s, RequestContext& ctx) {
  auto format = ctx.request.query.find("format");
  if (format == ctx.request.query.end() || format->second != "cfpb")
    return ErrorResponse(Error::InvalidField("format", "must be cfpb"));
  if (ctx.request.body.empty()) return Problem(400, "the body must be the CSV file");
  std::istringstream csv(ctx.request.body);
  auto report = ingest::ImportCfpbCsv(s.store, ctx.write, csv);
  if (!report.ok()) return ErrorResponse(report.error());
  return JsonResponse(200, {{"created", report->created},
                            {"skipped_duplicates", report->skipped_duplicates},
                            {"categories_created", report->categories_created}});
}

// ---- OpenAPI schemas ----------------------------------------------------------------

using namespace schema;

void AddSchemas(Router& router) {
  router.AddSchema("ComplaintCategory", Obj({{"id", IdT()}, {"parent_id", NId()}, {"name", Str()},
                                             {"path", Str()}, {"active", {{"type", "boolean"}}},
                                             {"created_at", Time()}}));
  router.AddSchema("ComplaintCategoryList", PageOf("ComplaintCategory"));
  router.AddSchema("ComplaintCategoryInput",
                   Obj({{"name", Str()}, {"parent_id", NId()}, {"active", {{"type", "boolean"}}}}, {"name"},
                       true));
  router.AddSchema("ComplaintCategoryPatch", Obj({{"name", Str()}, {"active", {{"type", "boolean"}}}}, {}, true));
  Json date = {{"type", "string"}, {"format", "date"}, {"nullable", true}};
  Json ids = {{"type", "array"}, {"items", IdT()}, {"maxItems", kMaxLinkedComplaints}};
  router.AddSchema("CorrectiveActionInput",
                   Obj({{"title", Str()}, {"description", Str()}, {"owner_id", NId()}, {"due_date", date},
                        {"status", EnumT<ActionStatus>()}, {"complaint_ids", ids}},
                       {}, true));
  router.AddSchema("CorrectiveAction",
                   Obj({{"id", IdT()}, {"title", Str()}, {"description", Str()}, {"owner_id", NId()},
                        {"due_date", date}, {"status", EnumT<ActionStatus>()}, {"complaint_ids", ids},
                        {"created_by", Str()}, {"created_at", Time()}, {"updated_at", Time()}}));
  router.AddSchema("CorrectiveActionPage", PageOf("CorrectiveAction"));
  // The nested settings shape is documented in core/complaint_json.h.
  Json object = {{"type", "object"}};
  Json canned = Obj({{"name", Str()}, {"subject", Str()}, {"body", Str()}}, {"name", "body"}, true);
  router.AddSchema("CannedResponses", Obj({{"items", ArrayOf(canned)}}));
  router.AddSchema("ComplaintSettings",
                   Obj({{"calendar", object}, {"sla", object}, {"closure", object}, {"mail_from", Str()},
                        {"mail_from_name", Str()}, {"public_base_url", Str()}, {"templates", object},
                        {"canned_responses", ArrayOf(canned)}, {"updated_at", Time()}},
                       {"calendar", "sla", "closure", "mail_from", "mail_from_name", "public_base_url",
                        "templates"}));
  Json volume = {{"type", "number"}, {"exclusiveMinimum", true}, {"minimum", 0}};
  router.AddSchema("PeriodVolume", Obj({{"period", Str()}, {"volume", volume}, {"unit", Str()}}));
  router.AddSchema("PeriodVolumeList", PageOf("PeriodVolume"));
  router.AddSchema("PeriodVolumeInput", Obj({{"volume", volume}, {"unit", Str()}}, {"volume", "unit"}, true));
  Json integer = {{"type", "integer"}};
  router.AddSchema("ImportReport", Obj({{"created", integer}, {"skipped_duplicates", integer},
                                        {"categories_created", integer}}));
}

}  // namespace

void AddComplaintAdminRoutes(Router& router, Services& s) {
  const RouteAdapter h(s);
  AddSchemas(router);
  router.Add({.method = "GET", .path = "/api/v1/complaint-categories", .roles = AllRoles(), .tag = "complaints",
              .summary = "The category taxonomy, ordered by path", .response_schema = "ComplaintCategoryList",
              .handler = h(ListCategories)});
  router.Add({.method = "POST", .path = "/api/v1/complaint-categories", .roles = QualityRoles(),
              .tag = "complaints", .summary = "Add a category (under parent_id, or at the top)",
              .request_schema = "ComplaintCategoryInput", .response_schema = "ComplaintCategory",
              .success_status = 201, .handler = h(CreateCategory)});
  router.Add({.method = "PATCH", .path = "/api/v1/complaint-categories/{id}", .roles = QualityRoles(),
              .tag = "complaints", .summary = "Rename or (de)activate a category (the parent stays)",
              .request_schema = "ComplaintCategoryPatch", .response_schema = "ComplaintCategory",
              .handler = h(PatchCategory)});
  router.Add({.method = "GET", .path = "/api/v1/corrective-actions", .roles = AllRoles(), .tag = "complaints",
              .summary = "Corrective actions, newest first", .response_schema = "CorrectiveActionPage",
              .query = {"limit", "offset", "sort", "complaint_id", "status"}, .handler = h(ListCorrectiveActions)});
  router.Add({.method = "GET", .path = "/api/v1/corrective-actions/export.csv", .roles = AllRoles(),
              .tag = "corrective-actions", .summary = "The matching corrective actions as CSV (attachment)",
              .query = {"complaint_id", "status"}, .handler = h(ExportActionsCsv)});
  router.Add({.method = "GET", .path = "/api/v1/corrective-actions/export.xlsx", .roles = AllRoles(),
              .tag = "corrective-actions", .summary = "The matching corrective actions as an XLSX workbook (attachment)",
              .query = {"complaint_id", "status"}, .handler = h(ExportActionsXlsx)});
  router.Add({.method = "POST", .path = "/api/v1/corrective-actions", .roles = WriterRoles(), .tag = "complaints",
              .summary = "Raise a corrective action linked to complaints", .request_schema = "CorrectiveActionInput",
              .response_schema = "CorrectiveAction", .success_status = 201, .handler = h(CreateCorrectiveAction)});
  router.Add({.method = "GET", .path = "/api/v1/corrective-actions/{id}", .roles = AllRoles(), .tag = "complaints",
              .summary = "One corrective action", .response_schema = "CorrectiveAction",
              .handler = h(GetCorrectiveAction)});
  router.Add({.method = "PATCH", .path = "/api/v1/corrective-actions/{id}", .roles = WriterRoles(),
              .tag = "complaints", .summary = "Change a corrective action (fields given replace the stored ones)",
              .request_schema = "CorrectiveActionInput", .response_schema = "CorrectiveAction",
              .handler = h(PatchCorrectiveAction)});
  router.Add({.method = "GET", .path = "/api/v1/canned-responses", .roles = AllRoles(), .tag = "complaints",
              .summary = "The canned responses handlers insert into messages (edited in the complaint settings)",
              .response_schema = "CannedResponses", .handler = h(ListCannedResponses)});
  router.Add({.method = "GET", .path = "/api/v1/complaint-settings", .roles = QualityRoles(), .tag = "complaints",
              .summary = "Complaint settings: calendar, SLA, closure, mail", .response_schema = "ComplaintSettings",
              .handler = h(GetSettings)});
  router.Add({.method = "PUT", .path = "/api/v1/complaint-settings", .roles = AdminRoles(), .tag = "complaints",
              .summary = "Replace the complaint settings", .request_schema = "ComplaintSettings",
              .response_schema = "ComplaintSettings", .handler = h(PutSettings)});
  router.Add({.method = "GET", .path = "/api/v1/period-volumes", .roles = AllRoles(), .tag = "complaints",
              .summary = "Volumes per period (for complaint rates)", .response_schema = "PeriodVolumeList",
              .handler = h(ListVolumes)});
  router.Add({.method = "PUT", .path = "/api/v1/period-volumes/{period}", .roles = QualityRoles(),
              .tag = "complaints", .summary = "Set the volume of a period (2026-01 or 2026-W03)",
              .request_schema = "PeriodVolumeInput", .response_schema = "PeriodVolume", .handler = h(PutVolume)});
  router.Add({.method = "DELETE", .path = "/api/v1/period-volumes/{period}", .roles = QualityRoles(),
              .tag = "complaints", .summary = "Remove the volume of a period", .success_status = 204,
              .handler = h(DeleteVolume)});
  router.Add({.method = "POST", .path = "/api/v1/complaints/import", .roles = QualityRoles(), .tag = "complaints",
              .summary = "Import complaints from a CSV file (format=cfpb); existing Complaint IDs are skipped",
              .response_schema = "ImportReport", .query = {"format"}, .handler = h(Import),
              .max_body_bytes = kMaxImportBodyBytes});
}

}  // namespace hearken::http
