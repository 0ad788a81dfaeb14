// Complaints handled several at once (docs/API.md "Bulk actions and merge"):
// assign or move the cases a handler selected in the list — all or none, in
// one transaction — and merge a duplicate into the case that carries on.
// After the commit each case gets what its single route gives it: the new
// assignee is told, the complainant gets the mail of the new state.
#include <spdlog/spdlog.h>

#include "core/validation.h"
#include "http/complaints/complaint_json_http.h"
#include "http/complaints/complaint_moves.h"
#include "http/json_input.h"
#include "http/openapi_schema.h"
#include "http/problem.h"
#include "http/routes.h"
#include "workflow/staff_notices.h"

namespace hearken::http {
namespace {

using namespace schema;

// {items: [Complaint...], count} with each case's notice when it has one.
HttpResponse PresentMany(Services& s, const std::vector<Complaint>& cases, const std::vector<Json>& notices) {
  ComplaintPresenter presenter(s.store, s.clock.Now());
  Json items = Json::array();
  for (size_t i = 0; i < cases.size(); ++i) {
    auto json = presenter.Present(cases[i]);
    if (!json.ok()) return ErrorResponse(json.error());
    if (i < notices.size() && !notices[i].is_null()) (*json)["notice"] = notices[i];
    items.push_back(std::move(*json));
  }
  return JsonResponse(200, {{"items", items}, {"count", cases.size()}});
}

HttpResponse BulkAssign(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  std::vector<Id> ids;
  std::optional<Id> assignee;
  ObjectReader reader(*body.object);
  reader.Require("ids");
  reader.Require("assignee_id");
  reader.IdList("ids", &ids, kMaxBulkComplaints);
  reader.OptionalId("assignee_id", &assignee);
  if (Status st = reader.Finish(); !st.ok()) return ErrorResponse(st.error());
  // Who had each case before, so that only a real change tells the assignee.
  std::map<Id, std::optional<Id>> before;
  for (Id id : ids)
    if (auto c = s.store.complaints().GetComplaint(id); c.ok()) before[id] = c->assignee_id;
  auto done = s.store.complaints().AssignComplaints(ctx.write, ids, assignee);
  if (!done.ok()) return ErrorResponse(done.error());
  if (assignee)
    for (const Complaint& c : *done)
      if (before[c.id] != assignee) (void)NotifyAssigned(s.store, c, *assignee, ctx.write.actor);
  return PresentMany(s, *done, {});
}

HttpResponse BulkTransition(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  std::vector<Id> ids;
  ComplaintMove move;
  ObjectReader reader(*body.object);
  reader.Require("ids");
  reader.Require("to");
  reader.IdList("ids", &ids, kMaxBulkComplaints);
  reader.Enum("to", &move.to, &ParseComplaintState);
  reader.String("reason", &move.reason);
  reader.OptionalEnum("closure", &move.closure, &ParseClosureKind);
  if (Status st = reader.Finish(); !st.ok()) return ErrorResponse(st.error());
  if (move.reason.empty()) move.reason = ctx.write.reason;
  auto done = s.store.complaints().TransitionComplaints(ctx.write, ids, move);
  if (!done.ok()) return ErrorResponse(done.error());
  std::vector<Json> notices;
  for (const Complaint& c : *done) notices.push_back(SendMoveNotice(s, c));
  return PresentMany(s, *done, notices);
}

HttpResponse Merge(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  std::string into_reference;
  std::optional<Id> into_id;
  std::string reason;
  ObjectReader reader(*body.object);
  reader.Require("reason");
  reader.String("into_reference", &into_reference);
  reader.OptionalId("into_id", &into_id);
  reader.String("reason", &reason);
  const bool by_reference = body.object->contains("into_reference");
  if (by_reference == body.object->contains("into_id"))
    reader.AddError("into_reference", "give the case that carries on: into_reference or into_id (one of them)");
  if (Status st = reader.Finish(); !st.ok()) return ErrorResponse(st.error());
  if (by_reference) {
    if (!IsComplaintReference(into_reference))
      return Problem(422, "into_reference must be a reference such as C-2026-000123",
                     {{"into_reference", "is not a complaint reference"}});
    auto into = s.store.complaints().GetComplaintByReference(into_reference);
    if (!into.ok() && into.error().code == ErrorCode::kNotFound)
      return Problem(422, "no complaint has the reference " + ForLog(into_reference, 40),
                     {{"into_reference", "names no complaint"}});
    if (!into.ok()) return ErrorResponse(into.error());
    into_id = into->id;
  }
  if (!into_id) return Problem(422, "into_id must name a complaint", {{"into_id", "is required"}});
  auto merged = s.store.complaints().MergeComplaint(ctx.write, ctx.PathId("id"), *into_id, reason);
  if (!merged.ok()) {
    Error e = merged.error();
    // The field is the one the request named the other case by.
    for (FieldError& f : e.fields)
      if (f.field == "into") f.field = by_reference ? "into_reference" : "into_id";
    return ErrorResponse(e);
  }
  ComplaintPresenter presenter(s.store, s.clock.Now());
  auto json = presenter.Present(*merged);
  if (!json.ok()) return ErrorResponse(json.error());
  return JsonResponse(200, *json);
}

}  // namespace

void AddComplaintBulkRoutes(Router& router, Services& s) {
  const RouteAdapter h(s);
  const std::string tag = "complaints";
  Json ids = ArrayOf(IdT());
  ids["maxItems"] = kMaxBulkComplaints;
  router.AddSchema("ComplaintBulkAssignee", Obj({{"ids", ids}, {"assignee_id", NId()}}, {"ids", "assignee_id"}, true));
  router.AddSchema("ComplaintBulkTransition",
                   Obj({{"ids", ids}, {"to", EnumT<ComplaintState>()}, {"reason", Str()},
                        {"closure", EnumT<ClosureKind>(true)}},
                       {"ids", "to"}, true));
  router.AddSchema("ComplaintBulkResult", Obj({{"items", ArrayOf(Ref("Complaint"))}, {"count", Int()}}));
  router.AddSchema("ComplaintMerge",
                   Obj({{"into_reference", Str()}, {"into_id", IdT()}, {"reason", Str()}}, {"reason"}, true));
  router.Add({.method = "POST", .path = "/api/v1/complaints/bulk/assignee", .roles = WriterRoles(), .tag = tag,
              .summary = "Assign (or unassign) up to 200 complaints at once: all or none",
              .request_schema = "ComplaintBulkAssignee", .response_schema = "ComplaintBulkResult",
              .handler = h(BulkAssign)});
  router.Add({.method = "POST", .path = "/api/v1/complaints/bulk/transitions", .roles = WriterRoles(), .tag = tag,
              .summary = "Move up to 200 complaints to one state at once: all or none (the error names ids/<i>)",
              .request_schema = "ComplaintBulkTransition", .response_schema = "ComplaintBulkResult",
              .handler = h(BulkTransition)});
  router.Add({.method = "POST", .path = "/api/v1/complaints/{id}/merge", .roles = WriterRoles(), .tag = tag,
              .summary = "Merge this duplicate into the case that carries on: it is closed as a duplicate and "
                         "links there; its messages are kept and listed on that case",
              .request_schema = "ComplaintMerge", .response_schema = "Complaint", .handler = h(Merge)});
}

}  // namespace hearken::http
