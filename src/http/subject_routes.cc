// What is held about one person (GDPR Art. 15, 20), for admins:
// GET /api/v1/subjects/export?email=E answers the JSON document of
// core/subject_json.h.
#include "core/subject_json.h"
#include "http/problem.h"
#include "http/routes.h"

namespace hearken::http {
namespace {

HttpResponse ExportSubject(Services& s, RequestContext& ctx) {
  QueryReader q(ctx.request);
  const std::string email = q.Text("email");
  if (Status st = q.Finish(); !st.ok()) return ErrorResponse(st.error());
  if (email.empty()) return ErrorResponse(Error::InvalidField("email", "is required"));
  auto data = s.store.subjects().ExportSubject(email);
  if (!data.ok()) return ErrorResponse(data.error());
  HttpResponse response = JsonResponse(200, SubjectDocument(*data, s.clock.Now()));
  response.SetHeader("Content-Disposition", "attachment; filename=\"subject-export.json\"");
  return response;
}

}  // namespace

void AddSubjectRoutes(Router& router, Services& s) {
  Services* sp = &s;
  auto h = [sp](HttpResponse (*fn)(Services&, RequestContext&)) {
    return [sp, fn](RequestContext& c) { return fn(*sp, c); };
  };
  router.Add({.method = "GET", .path = "/api/v1/subjects/export", .roles = AdminRoles(), .tag = "subjects",
              .summary = "Everything held about one person, by e-mail address (GDPR Art. 15, 20)",
              .response_schema = "-", .query = {"email"}, .handler = h(ExportSubject)});
}

}  // namespace hearken::http
