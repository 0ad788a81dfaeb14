// The communication log per customer, and the audit trail.
#include "core/validation.h"
#include "http/audit_access.h"
#include "http/list_export.h"
#include "http/json_input.h"
#include "http/problem.h"
#include "http/routes.h"

namespace hearken::http {
namespace {

Status ReadCommunication(const Json& object, Communication* c) {
  ObjectReader reader(object);
  reader.Id("customer_id", &c->customer_id);
  reader.Enum("channel", &c->channel, &ParseChannel);
  reader.Enum("direction", &c->direction, &ParseDirection);
  reader.String("subject", &c->subject);
  reader.String("body", &c->body);
  reader.Time("occurred_at", &c->occurred_at);
  if (Status st = reader.Finish(); !st.ok()) return st;
  return ValidateCommunication(*c);
}

HttpResponse ListCommunications(Services& s, RequestContext& ctx) {
  auto options = ParseListOptions(ctx.request, {"occurred_at", "created_at", "channel"});
  if (!options.ok()) return ErrorResponse(options.error());
  QueryReader q(ctx.request);
  CommunicationFilter filter;
  filter.customer_id = q.OptionalId("customer_id");
  filter.channel = q.OptionalEnum("channel", &ParseChannel);
  filter.direction = q.OptionalEnum("direction", &ParseDirection);
  if (Status st = q.Finish(); !st.ok()) return ErrorResponse(st.error());
  auto page = s.store.communications().ListCommunications(filter, *options);
  if (!page.ok()) return ErrorResponse(page.error());
  return JsonResponse(200, PageJson(*page, *options));
}

HttpResponse CreateCommunication(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  Communication c;
  if (Status st = ReadCommunication(*body.object, &c); !st.ok()) return ErrorResponse(st.error());
  c.recorded_by_id = ctx.write.actor.user_id;
  c.recorded_by = ctx.write.actor.label;
  auto created = s.store.communications().CreateCommunication(ctx.write, c);
  if (!created.ok()) return ErrorResponse(created.error());
  return CreatedResponse("/api/v1/communications/" + std::to_string(created->id), ToJson(*created));
}

HttpResponse GetCommunication(Services& s, RequestContext& ctx) {
  auto c = s.store.communications().GetCommunication(ctx.PathId("id"));
  if (!c.ok()) return ErrorResponse(c.error());
  return JsonResponse(200, ToJson(*c));
}

HttpResponse PatchCommunication(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  auto c = s.store.communications().GetCommunication(ctx.PathId("id"));
  if (!c.ok()) return ErrorResponse(c.error());
  if (Status st = ReadCommunication(*body.object, &*c); !st.ok()) return ErrorResponse(st.error());
  auto updated = s.store.communications().UpdateCommunication(ctx.write, *c);
  if (!updated.ok()) return ErrorResponse(updated.error());
  return JsonResponse(200, ToJson(*updated));
}

HttpResponse DeleteCommunication(Services& s, RequestContext& ctx) {
  if (Status st = s.store.communications().DeleteCommunication(ctx.write, ctx.PathId("id")); !st.ok())
    return ErrorResponse(st.error());
  return NoContent();
}

// The audit list's filters, checked against the role's rules: 403 for an
// entity type the role may not read (http/audit_access.h).
Result<AuditFilter> ReadAuditFilter(const RequestContext& ctx) {
  QueryReader q(ctx.request);
  AuditFilter filter;
  filter.entity_type = q.Text("entity_type");
  filter.entity_id = q.Text("entity_id");
  filter.customer_id = q.OptionalId("customer_id");
  filter.complaint_id = q.OptionalId("complaint_id");
  Status st = q.Finish();
  std::vector<FieldError> errors = st.ok() ? std::vector<FieldError>{} : st.error().fields;
  if (!filter.entity_id.empty() && filter.entity_type.empty())
    errors.push_back({"entity_id", "needs entity_type"});
  if (filter.customer_id && !filter.entity_type.empty())
    errors.push_back({"customer_id", "cannot be combined with entity_type"});
  if (filter.complaint_id && (!filter.entity_type.empty() || filter.customer_id))
    errors.push_back({"complaint_id", "cannot be combined with entity_type or customer_id"});
  if (!errors.empty()) return Error::InvalidArgument("invalid query parameters", std::move(errors));
  // Entries follow the role rules of their entity (http/audit_access.h).
  const Role role = ctx.principal->user.role;
  if (!filter.entity_type.empty() && !MayReadAuditOf(role, filter.entity_type))
    return Error::PermissionDenied("your role may not read the audit trail of these records");
  filter.hidden_entity_types = AuditHiddenEntityTypes(role);
  return filter;
}

HttpResponse ListAudit(Services& s, RequestContext& ctx) {
  auto options = ParseListOptions(ctx.request, {"seq"});  // sort=-seq: newest first
  if (!options.ok()) return ErrorResponse(options.error());
  auto filter = ReadAuditFilter(ctx);
  if (!filter.ok()) return ErrorResponse(filter.error());
  auto page = s.store.audit().ListAudit(*filter, *options);
  if (!page.ok()) return ErrorResponse(page.error());
  return JsonResponse(200, PageJson(*page, *options));
}

// The entries the list would show, oldest first, as the trail of evidence
// an auditor takes away (with each entry's hash).
HttpResponse ExportAudit(Services& s, RequestContext& ctx, ExportFormat format) {
  auto filter = ReadAuditFilter(ctx);
  if (!filter.ok()) return ErrorResponse(filter.error());
  Store* store = &s.store;  // outlives the streamed body (the server's)
  ListExport list{"audit-trail", "Audit trail",
                  {"seq", "at", "actor", "entity_type", "entity_id", "action", "reason", "old_value", "new_value",
                   "hash"},
                  [store, filter = *filter](int offset, int limit) -> Result<Table> {
                    ListOptions options{.limit = limit, .offset = offset, .sort = "seq"};
                    auto page = store->audit().ListAudit(filter, options);
                    if (!page.ok()) return page.error();
                    Table table;
                    for (const AuditEntry& e : page->items)
                      table.rows.push_back({e.seq, e.at, e.actor, e.entity_type, e.entity_id, e.action, e.reason,
                                            e.old_value, e.new_value, e.hash});
                    return table;
                  }};
  return ListExportResponse(list, format, s.clock.Now());
}

HttpResponse ExportAuditCsv(Services& s, RequestContext& ctx) { return ExportAudit(s, ctx, ExportFormat::kCsv); }
HttpResponse ExportAuditXlsx(Services& s, RequestContext& ctx) { return ExportAudit(s, ctx, ExportFormat::kXlsx); }

HttpResponse ListAuditEntityTypes(Services&, RequestContext& ctx) {
  Json items = Json::array();
  for (const std::string& type : AuditReadableEntityTypes(ctx.principal->user.role)) items.push_back(type);
  return JsonResponse(200, {{"items", items}});
}

HttpResponse VerifyAudit(Services& s, RequestContext&) {
  auto v = s.store.audit().VerifyAudit();
  if (!v.ok()) return ErrorResponse(v.error());
  Json problems = Json::array();
  for (const auto& p : v->problems) problems.push_back({{"seq", p.seq}, {"kind", p.kind}, {"message", p.message}});
  return JsonResponse(200, {{"intact", v->intact}, {"entries_checked", v->entries_checked}, {"problems", problems}});
}

}  // namespace

void AddCommunicationRoutes(Router& router, Services& s) {
  const RouteAdapter h(s);
  router.Add({.method = "GET", .path = "/api/v1/communications", .roles = AllRoles(), .tag = "communications",
              .summary = "List communications (newest first by default)", .response_schema = "CommunicationPage",
              .query = {"limit", "offset", "sort", "customer_id", "channel", "direction"},
              .handler = h(ListCommunications)});
  router.Add({.method = "POST", .path = "/api/v1/communications", .roles = WriterRoles(), .tag = "communications",
              .summary = "Record a communication", .request_schema = "CommunicationInput",
              .response_schema = "Communication", .success_status = 201, .handler = h(CreateCommunication)});
  router.Add({.method = "GET", .path = "/api/v1/communications/{id}", .roles = AllRoles(), .tag = "communications",
              .summary = "One communication", .response_schema = "Communication", .handler = h(GetCommunication)});
  router.Add({.method = "PATCH", .path = "/api/v1/communications/{id}", .roles = WriterRoles(),
              .tag = "communications", .summary = "Change a communication", .request_schema = "CommunicationInput",
              .response_schema = "Communication", .handler = h(PatchCommunication)});
  router.Add({.method = "DELETE", .path = "/api/v1/communications/{id}", .roles = WriterRoles(),
              .tag = "communications", .summary = "Delete a communication", .success_status = 204,
              .handler = h(DeleteCommunication)});
  router.Add({.method = "GET", .path = "/api/v1/audit", .roles = AllRoles(), .tag = "audit",
              .summary = "Audit entries, oldest first or newest first (sort=-seq); filter by entity, or a "
                         "customer's or a complaint's whole history; only entries about records the caller's role "
                         "may read",
              .response_schema = "AuditPage",
              .query = {"limit", "offset", "sort", "entity_type", "entity_id", "customer_id", "complaint_id"},
              .handler = h(ListAudit)});
  router.Add({.method = "GET", .path = "/api/v1/audit/export.csv", .roles = AllRoles(), .tag = "audit",
              .summary = "The matching audit entries (those the role may read) as CSV, oldest first",
              .query = {"entity_type", "entity_id", "customer_id", "complaint_id"}, .handler = h(ExportAuditCsv)});
  router.Add({.method = "GET", .path = "/api/v1/audit/export.xlsx", .roles = AllRoles(), .tag = "audit",
              .summary = "The matching audit entries (those the role may read) as an XLSX workbook",
              .query = {"entity_type", "entity_id", "customer_id", "complaint_id"}, .handler = h(ExportAuditXlsx)});
  router.Add({.method = "GET", .path = "/api/v1/audit/entity-types", .roles = AllRoles(), .tag = "audit",
              .summary = "The entity types of the audit trail the caller's role may read",
              .response_schema = "AuditEntityTypes", .handler = h(ListAuditEntityTypes)});
  router.Add({.method = "GET", .path = "/api/v1/audit/verify", .roles = QualityRoles(), .tag = "audit",
              .summary = "Verify the hash chain of the audit trail", .response_schema = "AuditVerification",
              .handler = h(VerifyAudit)});
}

}  // namespace hearken::http
