// The requirements register: requirements, their versions, reviews and
// withdrawal (requirements are never deleted).
#include "core/validation.h"
#include "http/json_input.h"
#include "http/problem.h"
#include "http/routes.h"

namespace hearken::http {
namespace {

HttpResponse ListRequirements(Services& s, RequestContext& ctx) {
  auto options = ParseListOptions(ctx.request, {"created_at", "updated_at", "kind", "status"});
  if (!options.ok()) return ErrorResponse(options.error());
  QueryReader q(ctx.request);
  RequirementFilter filter;
  filter.scope = q.OptionalEnum("scope", &ParseRequirementScope);
  filter.customer_id = q.OptionalId("customer_id");
  filter.segment_id = q.OptionalId("segment_id");
  filter.kind = q.OptionalEnum("kind", &ParseRequirementKind);
  filter.status = q.OptionalEnum("status", &ParseRequirementStatus);
  filter.search = q.Text("q");
  if (Status st = q.Finish(); !st.ok()) return ErrorResponse(st.error());
  auto page = s.store.requirements().ListRequirements(filter, *options);
  if (!page.ok()) return ErrorResponse(page.error());
  return JsonResponse(200, PageJson(*page, *options));
}

HttpResponse CreateRequirement(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  Requirement r;
  ObjectReader reader(*body.object);
  reader.Require("scope");
  reader.Require("text");
  reader.Enum("scope", &r.scope, &ParseRequirementScope);
  reader.OptionalId("customer_id", &r.customer_id);
  reader.OptionalId("segment_id", &r.segment_id);
  reader.Enum("kind", &r.kind, &ParseRequirementKind);
  reader.String("text", &r.text);
  reader.String("source_ref", &r.source_ref);
  if (Status st = reader.Finish(); !st.ok()) return ErrorResponse(st.error());
  if (Status st = ValidateRequirement(r); !st.ok()) return ErrorResponse(st.error());
  r.created_by = ctx.write.actor.label;
  auto created = s.store.requirements().CreateRequirement(ctx.write, r);
  if (!created.ok()) return ErrorResponse(created.error());
  return CreatedResponse("/api/v1/requirements/" + std::to_string(created->id), ToJson(*created));
}

HttpResponse GetRequirement(Services& s, RequestContext& ctx) {
  auto r = s.store.requirements().GetRequirement(ctx.PathId("id"));
  if (!r.ok()) return ErrorResponse(r.error());
  return JsonResponse(200, ToJson(*r));
}

template <typename T>
HttpResponse ListJson(const Result<std::vector<T>>& list) {
  if (!list.ok()) return ErrorResponse(list.error());
  Json items = Json::array();
  for (const auto& item : *list) items.push_back(ToJson(item));
  const auto total = static_cast<std::int64_t>(items.size());
  return JsonResponse(200, {{"items", std::move(items)}, {"total", total}, {"limit", total}, {"offset", 0}});
}

HttpResponse ListVersions(Services& s, RequestContext& ctx) {
  return ListJson(s.store.requirements().ListRequirementVersions(ctx.PathId("id")));
}

HttpResponse ListReviews(Services& s, RequestContext& ctx) {
  return ListJson(s.store.requirements().ListRequirementReviews(ctx.PathId("id")));
}

HttpResponse CreateReview(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  ReviewOutcome outcome = ReviewOutcome::kAccepted;
  std::string notes;
  std::optional<std::string> text, source_ref;
  std::optional<RequirementKind> kind;
  ObjectReader reader(*body.object);
  reader.Require("outcome");
  reader.Enum("outcome", &outcome, &ParseReviewOutcome);
  reader.String("notes", &notes);
  reader.OptionalString("text", &text);
  reader.OptionalString("source_ref", &source_ref);
  reader.OptionalEnum("kind", &kind, &ParseRequirementKind);
  if (Status st = reader.Finish(); !st.ok()) return ErrorResponse(st.error());
  std::vector<FieldError> errors;
  if (!IsCleanUtf8(notes) || notes.size() > kMaxLongTextLength)
    errors.push_back({"notes", "must be UTF-8 text of at most 20000 bytes"});
  std::optional<Amendment> amendment;
  if (outcome == ReviewOutcome::kAmended) {
    if (!text || text->find_first_not_of(" \t\r\n") == std::string::npos) {
      errors.push_back({"text", "is required when the outcome is amended"});
    } else if (!IsCleanUtf8(*text) || text->size() > kMaxLongTextLength) {
      errors.push_back({"text", "must be UTF-8 text of at most 20000 bytes"});
    }
    if (source_ref && (!IsCleanUtf8(*source_ref) || source_ref->size() > kMaxShortTextLength))
      errors.push_back({"source_ref", "must be UTF-8 text of at most 500 bytes"});
    amendment = Amendment{text.value_or(""), source_ref, kind};
  } else {
    if (text) errors.push_back({"text", "is only allowed when the outcome is amended"});
    if (source_ref) errors.push_back({"source_ref", "is only allowed when the outcome is amended"});
    if (kind) errors.push_back({"kind", "is only allowed when the outcome is amended"});
  }
  if (!errors.empty()) return ErrorResponse(Error::InvalidArgument("invalid review", std::move(errors)));
  auto review = s.store.requirements().ReviewRequirement(ctx.write, ctx.PathId("id"), outcome, notes, amendment);
  if (!review.ok()) return ErrorResponse(review.error());
  return CreatedResponse("/api/v1/requirements/" + std::to_string(review->requirement_id) + "/reviews",
                         ToJson(*review));
}

HttpResponse Withdraw(Services& s, RequestContext& ctx) {
  auto r = s.store.requirements().WithdrawRequirement(ctx.write, ctx.PathId("id"));
  if (!r.ok()) return ErrorResponse(r.error());
  return JsonResponse(200, ToJson(*r));
}

}  // namespace

void AddRequirementRoutes(Router& router, Services& s) {
  const RouteAdapter h(s);
  router.Add({.method = "GET", .path = "/api/v1/requirements", .roles = AllRoles(), .tag = "requirements",
              .summary = "List requirements", .response_schema = "RequirementPage",
              .query = {"limit", "offset", "sort", "scope", "customer_id", "segment_id", "kind", "status", "q"},
              .handler = h(ListRequirements)});
  router.Add({.method = "POST", .path = "/api/v1/requirements", .roles = QualityRoles(), .tag = "requirements",
              .summary = "Record a requirement (version 1, status open)", .request_schema = "RequirementInput",
              .response_schema = "Requirement", .success_status = 201, .handler = h(CreateRequirement)});
  router.Add({.method = "GET", .path = "/api/v1/requirements/{id}", .roles = AllRoles(), .tag = "requirements",
              .summary = "One requirement (its current version)", .response_schema = "Requirement",
              .handler = h(GetRequirement)});
  router.Add({.method = "GET", .path = "/api/v1/requirements/{id}/versions", .roles = AllRoles(),
              .tag = "requirements", .summary = "Every version of a requirement, oldest first",
              .response_schema = "RequirementVersionList", .handler = h(ListVersions)});
  router.Add({.method = "GET", .path = "/api/v1/requirements/{id}/reviews", .roles = AllRoles(),
              .tag = "requirements", .summary = "Reviews of a requirement, newest first",
              .response_schema = "ReviewList", .handler = h(ListReviews)});
  router.Add({.method = "POST", .path = "/api/v1/requirements/{id}/reviews", .roles = QualityRoles(),
              .tag = "requirements", .summary = "Review the current version (accepted, amended, rejected)",
              .request_schema = "ReviewInput", .response_schema = "Review", .success_status = 201,
              .handler = h(CreateReview)});
  router.Add({.method = "POST", .path = "/api/v1/requirements/{id}/withdraw", .roles = QualityRoles(),
              .tag = "requirements", .summary = "Withdraw a requirement", .response_schema = "Requirement",
              .handler = h(Withdraw)});
}

}  // namespace hearken::http
