// Saved views (docs/API.md "Saved views"): named list filters that a member
// of staff keeps for themselves or shares. Everyone signed in sees their own
// and the shared ones; only the owner changes or deletes a view (an admin
// may too, to tidy shared ones). A view's query is checked as the list
// would read it, so a saved view never opens on an error.
#include "core/time_format.h"
#include "http/complaints/complaint_filter.h"
#include "http/json_input.h"
#include "http/openapi_schema.h"
#include "http/problem.h"
#include "http/routes.h"

namespace hearken::http {
namespace {

using namespace schema;

const std::vector<std::string> kComplaintSortFields = {"received_at", "updated_at", "reference",     "severity",
                                                       "state",       "ack_due_at", "resolve_due_at"};

Json ViewJson(const SavedView& v, Id viewer) {
  return {{"id", v.id},
          {"list", v.list},
          {"name", v.name},
          {"query", v.query},
          {"shared", v.shared},
          {"owner_id", v.owner_id},
          {"owner_name", v.owner_name},
          {"mine", v.owner_id == viewer},
          {"created_at", FormatTimestamp(v.created_at)},
          {"updated_at", FormatTimestamp(v.updated_at)}};
}

// Refuses a query the list would refuse (a bad filter value or sort),
// naming "query" with the list's own message.
Status CheckQuery(Services& s, RequestContext& ctx, const std::string& query) {
  if (!query.empty() && query.front() == '?') return Error::InvalidField("query", "must not start with '?'");
  HttpRequest probe;
  probe.method = "GET";
  probe.target = "/api/v1/complaints?" + query;
  SplitTarget(probe.target, &probe.path, &probe.query);
  auto filter = ParseComplaintFilter(probe, ctx.principal->user.id, s.store);
  if (!filter.ok()) return Error::InvalidField("query", filter.error().message);
  probe.query.erase("limit");
  probe.query.erase("offset");
  auto options = ParseListOptions(probe, kComplaintSortFields);
  if (!options.ok()) return Error::InvalidField("query", options.error().message);
  return Status::Ok();
}

// Reads {name, query, shared} (and `list` when creating) into `view`.
Status ReadView(Services& s, RequestContext& ctx, const Json& object, bool creating, SavedView* view) {
  ObjectReader reader(object);
  reader.Require("name");
  reader.Require("query");
  if (creating) reader.String("list", &view->list);
  reader.String("name", &view->name);
  reader.String("query", &view->query);
  reader.Bool("shared", &view->shared);
  if (Status st = reader.Finish(); !st.ok()) return st;
  if (Status st = ValidateSavedView(*view); !st.ok()) return st;
  return CheckQuery(s, ctx, view->query);
}

// The view `id` when the caller may change it: its owner or an admin.
Result<SavedView> ChangeableView(Services& s, RequestContext& ctx, Id id) {
  auto view = s.store.saved_views().GetSavedView(id);
  if (!view.ok()) return view.error();
  const auto& user = ctx.principal->user;
  if (view->owner_id != user.id && !(view->shared && user.role == Role::kAdmin)) {
    // Another person's private view is not there for the caller at all.
    if (!view->shared) return Error::NotFound("no such saved view: " + std::to_string(id));
    return Error::PermissionDenied("only the owner of a shared view (or an admin) changes it");
  }
  return view;
}

HttpResponse ListViews(Services& s, RequestContext& ctx) {
  QueryReader q(ctx.request);
  std::string list = q.Text("list");
  if (list.empty()) list = "complaints";
  if (Status st = q.Finish(); !st.ok()) return ErrorResponse(st.error());
  auto views = s.store.saved_views().ListSavedViews(list, ctx.principal->user.id);
  if (!views.ok()) return ErrorResponse(views.error());
  Json items = Json::array();
  for (const auto& v : *views) items.push_back(ViewJson(v, ctx.principal->user.id));
  return JsonResponse(200, {{"items", items}});
}

HttpResponse CreateView(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  SavedView view;
  view.list = "complaints";
  view.owner_id = ctx.principal->user.id;
  if (Status st = ReadView(s, ctx, *body.object, true, &view); !st.ok()) return ErrorResponse(st.error());
  auto saved = s.store.saved_views().CreateSavedView(ctx.write, view);
  if (!saved.ok()) return ErrorResponse(saved.error());
  return CreatedResponse("/api/v1/saved-views/" + std::to_string(saved->id), ViewJson(*saved, view.owner_id));
}

HttpResponse UpdateView(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  auto current = ChangeableView(s, ctx, ctx.PathId("id"));
  if (!current.ok()) return ErrorResponse(current.error());
  SavedView view = *current;
  if (Status st = ReadView(s, ctx, *body.object, false, &view); !st.ok()) return ErrorResponse(st.error());
  auto saved = s.store.saved_views().UpdateSavedView(ctx.write, view);
  if (!saved.ok()) return ErrorResponse(saved.error());
  return JsonResponse(200, ViewJson(*saved, ctx.principal->user.id));
}

HttpResponse DeleteView(Services& s, RequestContext& ctx) {
  auto current = ChangeableView(s, ctx, ctx.PathId("id"));
  if (!current.ok()) return ErrorResponse(current.error());
  if (Status st = s.store.saved_views().DeleteSavedView(ctx.write, current->id); !st.ok())
    return ErrorResponse(st.error());
  return NoContent();
}

}  // namespace

void AddSavedViewRoutes(Router& router, Services& s) {
  const RouteAdapter h(s);
  const std::string tag = "saved views";
  router.AddSchema("SavedView", Obj({{"id", IdT()}, {"list", Str()}, {"name", Str()}, {"query", Str()},
                                     {"shared", Bool()}, {"owner_id", IdT()}, {"owner_name", Str()},
                                     {"mine", Bool()}, {"created_at", Time()}, {"updated_at", Time()}}));
  router.AddSchema("SavedViewList", Obj({{"items", ArrayOf(Ref("SavedView"))}}));
  router.AddSchema("SavedViewInput", Obj({{"list", {{"type", "string"}, {"enum", {"complaints"}}}}, {"name", Str()},
                                          {"query", Str()}, {"shared", Bool()}},
                                         {"name", "query"}, true));
  router.Add({.method = "GET", .path = "/api/v1/saved-views", .roles = AllRoles(), .tag = tag,
              .summary = "Your saved views of a list and the shared ones, by name", .response_schema = "SavedViewList",
              .query = {"list"}, .handler = h(ListViews)});
  router.Add({.method = "POST", .path = "/api/v1/saved-views", .roles = AllRoles(), .tag = tag,
              .summary = "Save a named set of list filters (the list's query string), private or shared",
              .request_schema = "SavedViewInput", .response_schema = "SavedView", .success_status = 201,
              .handler = h(CreateView)});
  router.Add({.method = "PUT", .path = "/api/v1/saved-views/{id}", .roles = AllRoles(), .tag = tag,
              .summary = "Rename, re-filter or (un)share your view", .request_schema = "SavedViewInput",
              .response_schema = "SavedView", .handler = h(UpdateView)});
  router.Add({.method = "DELETE", .path = "/api/v1/saved-views/{id}", .roles = AllRoles(), .tag = tag,
              .summary = "Delete your view (an admin may delete a shared one)", .response_schema = "-",
              .success_status = 204, .handler = h(DeleteView)});
}

}  // namespace hearken::http
