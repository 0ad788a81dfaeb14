// Customers and segments of the customer register.
#include <map>

#include "core/validation.h"
#include "http/list_export.h"
#include "http/json_input.h"
#include "http/problem.h"
#include "http/routes.h"

namespace hearken::http {
namespace {

Status ReadCustomer(const Json& object, Customer* c) {
  ObjectReader reader(object);
  reader.Enum("kind", &c->kind, &ParseCustomerKind);
  reader.String("name", &c->name);
  reader.String("email", &c->email);
  reader.String("phone", &c->phone);
  reader.OptionalId("segment_id", &c->segment_id);
  reader.String("site", &c->site);
  reader.StringList("tags", &c->tags, kMaxTags);
  reader.Bool("consent_survey", &c->consent_survey);
  reader.Bool("consent_marketing", &c->consent_marketing);
  reader.String("external_ref", &c->external_ref);
  if (Status st = reader.Finish(); !st.ok()) return st;
  return ValidateCustomer(*c);
}

// The list's filters: q, segment_id, kind, tag, site.
Result<CustomerFilter> ReadCustomerFilter(const HttpRequest& request) {
  QueryReader q(request);
  CustomerFilter filter;
  filter.search = q.Text("q");
  filter.segment_id = q.OptionalId("segment_id");
  filter.kind = q.OptionalEnum("kind", &ParseCustomerKind);
  filter.tag = q.Text("tag");
  filter.site = q.Text("site");
  if (Status st = q.Finish(); !st.ok()) return st.error();
  return filter;
}

HttpResponse ListCustomers(Services& s, RequestContext& ctx) {
  auto options = ParseListOptions(ctx.request, {"name", "email", "created_at", "updated_at", "site"});
  if (!options.ok()) return ErrorResponse(options.error());
  auto filter = ReadCustomerFilter(ctx.request);
  if (!filter.ok()) return ErrorResponse(filter.error());
  auto page = s.store.customers().ListCustomers(*filter, *options);
  if (!page.ok()) return ErrorResponse(page.error());
  return JsonResponse(200, PageJson(*page, *options));
}

// The matching customers, in the order they were registered.
HttpResponse ExportCustomers(Services& s, RequestContext& ctx, ExportFormat format) {
  auto filter = ReadCustomerFilter(ctx.request);
  if (!filter.ok()) return ErrorResponse(filter.error());
  std::map<Id, std::string> segments;
  auto listed = s.store.customers().ListSegments("", {.limit = 500});
  if (!listed.ok()) return ErrorResponse(listed.error());
  for (const Segment& segment : listed->items) segments[segment.id] = segment.name;
  Store* store = &s.store;  // outlives the streamed body (the server's)
  ListExport list{"customers", "Customers",
                  {"id", "name", "kind", "email", "phone", "segment", "site", "tags", "external_ref",
                   "consent_survey", "consent_marketing", "created_at", "updated_at"},
                  [store, filter = *filter, segments](int offset, int limit) -> Result<Table> {
                    ListOptions options{.limit = limit, .offset = offset, .sort = "created_at"};
                    auto page = store->customers().ListCustomers(filter, options);
                    if (!page.ok()) return page.error();
                    Table table;
                    for (const Customer& c : page->items) {
                      std::string tags;
                      for (const std::string& tag : c.tags) tags += (tags.empty() ? "" : "; ") + tag;
                      auto segment = c.segment_id ? segments.find(*c.segment_id) : segments.end();
                      table.rows.push_back({c.id, c.name, std::string(ToString(c.kind)), c.email, c.phone,
                                            segment == segments.end() ? Cell{} : Cell{segment->second}, c.site, tags,
                                            c.external_ref, c.consent_survey, c.consent_marketing, c.created_at,
                                            c.updated_at});
                    }
                    return table;
                  }};
  return ListExportResponse(list, format, s.clock.Now());
}

HttpResponse ExportCustomersCsv(Services& s, RequestContext& ctx) { return ExportCustomers(s, ctx, ExportFormat::kCsv); }
HttpResponse ExportCustomersXlsx(Services& s, RequestContext& ctx) {
  return ExportCustomers(s, ctx, ExportFormat::kXlsx);
}

HttpResponse CreateCustomer(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  Customer customer;
  if (Status st = ReadCustomer(*body.object, &customer); !st.ok()) return ErrorResponse(st.error());
  auto created = s.store.customers().CreateCustomer(ctx.write, customer);
  if (!created.ok()) return ErrorResponse(created.error());
  return CreatedResponse("/api/v1/customers/" + std::to_string(created->id), ToJson(*created));
}

HttpResponse GetCustomer(Services& s, RequestContext& ctx) {
  auto customer = s.store.customers().GetCustomer(ctx.PathId("id"));
  if (!customer.ok()) return ErrorResponse(customer.error());
  return JsonResponse(200, ToJson(*customer));
}

HttpResponse PatchCustomer(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  auto customer = s.store.customers().GetCustomer(ctx.PathId("id"));
  if (!customer.ok()) return ErrorResponse(customer.error());
  if (Status st = ReadCustomer(*body.object, &*customer); !st.ok()) return ErrorResponse(st.error());
  auto updated = s.store.customers().UpdateCustomer(ctx.write, *customer);
  if (!updated.ok()) return ErrorResponse(updated.error());
  return JsonResponse(200, ToJson(*updated));
}

HttpResponse DeleteCustomer(Services& s, RequestContext& ctx) {
  if (Status st = s.store.customers().DeleteCustomer(ctx.write, ctx.PathId("id")); !st.ok()) return ErrorResponse(st.error());
  return NoContent();
}

Status ReadSegment(const Json& object, Segment* segment) {
  ObjectReader reader(object);
  reader.String("name", &segment->name);
  reader.String("description", &segment->description);
  reader.Needs("needs", &segment->needs);
  if (Status st = reader.Finish(); !st.ok()) return st;
  return ValidateSegment(*segment);
}

HttpResponse ListSegments(Services& s, RequestContext& ctx) {
  auto options = ParseListOptions(ctx.request, {"name", "created_at"});
  if (!options.ok()) return ErrorResponse(options.error());
  QueryReader q(ctx.request);
  std::string search = q.Text("q");
  if (Status st = q.Finish(); !st.ok()) return ErrorResponse(st.error());
  auto page = s.store.customers().ListSegments(search, *options);
  if (!page.ok()) return ErrorResponse(page.error());
  return JsonResponse(200, PageJson(*page, *options));
}

HttpResponse CreateSegment(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  Segment segment;
  if (Status st = ReadSegment(*body.object, &segment); !st.ok()) return ErrorResponse(st.error());
  auto created = s.store.customers().CreateSegment(ctx.write, segment);
  if (!created.ok()) return ErrorResponse(created.error());
  return CreatedResponse("/api/v1/segments/" + std::to_string(created->id), ToJson(*created));
}

HttpResponse GetSegment(Services& s, RequestContext& ctx) {
  auto segment = s.store.customers().GetSegment(ctx.PathId("id"));
  if (!segment.ok()) return ErrorResponse(segment.error());
  return JsonResponse(200, ToJson(*segment));
}

HttpResponse PatchSegment(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  auto segment = s.store.customers().GetSegment(ctx.PathId("id"));
  if (!segment.ok()) return ErrorResponse(segment.error());
  if (Status st = ReadSegment(*body.object, &*segment); !st.ok()) return ErrorResponse(st.error());
  auto updated = s.store.customers().UpdateSegment(ctx.write, *segment);
  if (!updated.ok()) return ErrorResponse(updated.error());
  return JsonResponse(200, ToJson(*updated));
}

HttpResponse DeleteSegment(Services& s, RequestContext& ctx) {
  if (Status st = s.store.customers().DeleteSegment(ctx.write, ctx.PathId("id")); !st.ok()) return ErrorResponse(st.error());
  return NoContent();
}

}  // namespace

void AddCustomerRoutes(Router& router, Services& s) {
  const RouteAdapter h(s);
  router.Add({.method = "GET", .path = "/api/v1/customers", .roles = AllRoles(), .tag = "customers",
              .summary = "List customers", .response_schema = "CustomerPage",
              .query = {"limit", "offset", "sort", "q", "segment_id", "kind", "tag", "site"},
              .handler = h(ListCustomers)});
  router.Add({.method = "GET", .path = "/api/v1/customers/export.csv", .roles = AllRoles(), .tag = "customers",
              .summary = "The matching customers as CSV (attachment)",
              .query = {"q", "segment_id", "kind", "tag", "site"}, .handler = h(ExportCustomersCsv)});
  router.Add({.method = "GET", .path = "/api/v1/customers/export.xlsx", .roles = AllRoles(), .tag = "customers",
              .summary = "The matching customers as an XLSX workbook (attachment)",
              .query = {"q", "segment_id", "kind", "tag", "site"}, .handler = h(ExportCustomersXlsx)});
  router.Add({.method = "POST", .path = "/api/v1/customers", .roles = WriterRoles(), .tag = "customers",
              .summary = "Create a customer", .request_schema = "CustomerInput", .response_schema = "Customer",
              .success_status = 201, .handler = h(CreateCustomer)});
  router.Add({.method = "GET", .path = "/api/v1/customers/{id}", .roles = AllRoles(), .tag = "customers",
              .summary = "One customer", .response_schema = "Customer", .handler = h(GetCustomer)});
  router.Add({.method = "PATCH", .path = "/api/v1/customers/{id}", .roles = WriterRoles(), .tag = "customers",
              .summary = "Change a customer", .request_schema = "CustomerInput", .response_schema = "Customer",
              .handler = h(PatchCustomer)});
  router.Add({.method = "DELETE", .path = "/api/v1/customers/{id}", .roles = WriterRoles(), .tag = "customers",
              .summary = "Delete a customer (409 while records refer to it)", .success_status = 204,
              .handler = h(DeleteCustomer)});
  router.Add({.method = "GET", .path = "/api/v1/segments", .roles = AllRoles(), .tag = "segments",
              .summary = "List segments", .response_schema = "SegmentPage",
              .query = {"limit", "offset", "sort", "q"}, .handler = h(ListSegments)});
  router.Add({.method = "POST", .path = "/api/v1/segments", .roles = QualityRoles(), .tag = "segments",
              .summary = "Create a segment", .request_schema = "SegmentInput", .response_schema = "Segment",
              .success_status = 201, .handler = h(CreateSegment)});
  router.Add({.method = "GET", .path = "/api/v1/segments/{id}", .roles = AllRoles(), .tag = "segments",
              .summary = "One segment", .response_schema = "Segment", .handler = h(GetSegment)});
  router.Add({.method = "PATCH", .path = "/api/v1/segments/{id}", .roles = QualityRoles(), .tag = "segments",
              .summary = "Change a segment", .request_schema = "SegmentInput", .response_schema = "Segment",
              .handler = h(PatchSegment)});
  router.Add({.method = "DELETE", .path = "/api/v1/segments/{id}", .roles = QualityRoles(), .tag = "segments",
              .summary = "Delete a segment (409 while records refer to it)", .success_status = 204,
              .handler = h(DeleteSegment)});
}

}  // namespace hearken::http
