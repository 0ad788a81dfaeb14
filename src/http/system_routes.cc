// The OpenAPI document, health and readiness probes, and Prometheus metrics.
#include "http/metrics.h"
#include "http/openapi.h"
#include "http/problem.h"
#include "http/routes.h"

namespace hearken::http {
namespace {

HttpResponse OpenApi(Services& s, RequestContext&) { return JsonResponse(200, BuildOpenApi(s.router)); }

HttpResponse Healthz(Services&, RequestContext&) { return JsonResponse(200, {{"status", "ok"}}); }

HttpResponse Readyz(Services& s, RequestContext&) {
  Status ping = s.store.Ping();
  if (!ping.ok()) return Problem(503, "the database is not reachable");
  return JsonResponse(200, {{"status", "ready"}});
}

HttpResponse MetricsText(Services& s, RequestContext&) {
  HttpResponse response;
  response.SetHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
  response.body = s.metrics.Render();
  return response;
}

}  // namespace

void AddSystemRoutes(Router& router, Services& s) {
  const RouteAdapter h(s);
  router.Add({.method = "GET", .path = "/api/v1/openapi.json", .access = Access::kPublic, .tag = "system",
              .summary = "This OpenAPI document", .response_schema = "-", .handler = h(OpenApi)});
  router.Add({.method = "GET", .path = "/healthz", .access = Access::kPublic, .tag = "system",
              .summary = "Liveness: 200 while the server is serving", .response_schema = "-", .handler = h(Healthz),
              .on_io_thread = true});
  router.Add({.method = "GET", .path = "/readyz", .access = Access::kPublic, .tag = "system",
              .summary = "Readiness: 200 when the database answers, else 503", .response_schema = "-",
              .handler = h(Readyz)});
  router.Add({.method = "GET", .path = "/metrics", .access = Access::kPublic, .tag = "system",
              .summary = "Prometheus metrics", .response_schema = "-", .handler = h(MetricsText),
              .on_io_thread = true});
}

}  // namespace hearken::http
