// What is held about one person, for admins: GET /api/v1/subjects/export?
// email=E answers the JSON document of core/subject_json.h (GDPR Art. 15,
// 20); POST /api/v1/subjects/erase {email, reason} erases the person's
// personal data everywhere (Art. 17, SubjectStore::EraseSubject).
#include "core/subject_json.h"
#include "http/json_input.h"
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

HttpResponse EraseSubject(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  std::string email, reason;
  ObjectReader reader(*body.object);
  reader.Require("email");
  reader.Require("reason");
  reader.String("email", &email);
  reader.String("reason", &reason);
  if (Status st = reader.Finish(); !st.ok()) return ErrorResponse(st.error());
  if (reason.find_first_not_of(" \t") == std::string::npos)
    return ErrorResponse(Error::InvalidField("reason", "is required: why the data is erased"));
  WriteContext write = ctx.write;
  write.reason = reason;
  auto report = s.store.subjects().EraseSubject(write, email);
  if (!report.ok()) return ErrorResponse(report.error());
  return JsonResponse(200, {{"customers", report->customers},
                            {"complaints", report->complaints},
                            {"communications", report->communications},
                            {"messages", report->messages},
                            {"attachments", report->attachments},
                            {"ratings", report->ratings},
                            {"keys_destroyed", report->keys_destroyed}});
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
  router.Add({.method = "POST", .path = "/api/v1/subjects/erase", .roles = AdminRoles(), .tag = "subjects",
              .summary = "Erase a person's personal data everywhere; the audit chain and statistics stay (Art. 17)",
              .request_schema = "SubjectErasure", .response_schema = "-", .handler = h(EraseSubject)});
}

}  // namespace hearken::http
