// Feedback for staff (docs/API.md "Feedback (issue 8)"): every role reads
// the items of every channel with their filters; handlers, quality managers
// and admins (the roles that file complaints) post items through the API,
// tag them, turn one into a complaint, and import social-media mentions
// from a CSV or JSON file.
#include <sstream>

#include "core/crypto.h"
#include "core/time_format.h"
#include "core/zoned_time.h"
#include "http/feedback/feedback_json.h"
#include "http/json_input.h"
#include "http/openapi_schema.h"
#include "http/problem.h"
#include "http/routes.h"

namespace hearken::http {
namespace {

using namespace schema;

constexpr size_t kMaxImportBodyBytes = 20u << 20;
const std::vector<std::string> kFeedbackSortFields = {"occurred_at", "created_at", "rating", "id"};

Result<FeedbackFilter> ReadFeedbackFilter(const HttpRequest& request) {
  QueryReader q(request);
  FeedbackFilter filter;
  std::vector<FieldError> errors;
  if (const std::string* raw = q.Raw("source"); raw && !raw->empty()) {
    std::stringstream list(*raw);
    std::string name;
    while (std::getline(list, name, ',')) {
      if (auto source = ParseFeedbackSource(name)) filter.sources.push_back(*source);
      else errors.push_back({"source", "must be form, widget, social, mystery_shopping, focus_group, interview, "
                                       "retention or api (several separated by commas)"});
    }
  }
  auto time = [&](const char* name, std::optional<TimePoint>* out) {
    const std::string* raw = q.Raw(name);
    if (!raw || raw->empty()) return;
    auto t = ParseTimestamp(*raw);
    if (t.ok()) *out = *t;
    else errors.push_back({name, "must be an ISO 8601 time such as 2026-01-01T00:00:00Z"});
  };
  time("from", &filter.from);
  time("to", &filter.to);
  filter.customer_id = q.OptionalId("customer_id");
  filter.segment_id = q.OptionalId("segment_id");
  filter.site = q.Text("site");
  filter.touchpoint = q.Text("touchpoint");
  filter.tag = q.Text("tag");
  filter.search = q.Text("q");
  auto rating = [&](const char* name, std::optional<int>* out) {
    const std::string* raw = q.Raw(name);
    if (!raw || raw->empty()) return;
    auto n = ParseInteger(*raw);
    if (n && *n >= 0 && *n <= 100) *out = static_cast<int>(*n);
    else errors.push_back({name, "must be a whole number from 0 to 100"});
  };
  rating("rating_min", &filter.rating_min);
  rating("rating_max", &filter.rating_max);
  if (const std::string* raw = q.Raw("has_complaint"); raw && !raw->empty()) {
    if (*raw == "true") filter.has_complaint = true;
    else if (*raw == "false") filter.has_complaint = false;
    else errors.push_back({"has_complaint", "must be true or false"});
  }
  if (Status st = q.Finish(); !st.ok()) return st.error();
  if (Status st = FieldsError(errors); !st.ok()) return st.error();
  return filter;
}

HttpResponse ListFeedback(Services& s, RequestContext& ctx) {
  auto filter = ReadFeedbackFilter(ctx.request);
  if (!filter.ok()) return ErrorResponse(filter.error());
  auto options = ParseListOptions(ctx.request, kFeedbackSortFields);
  if (!options.ok()) return ErrorResponse(options.error());
  auto page = s.store.feedback().ListFeedback(*filter, *options);
  if (!page.ok()) return ErrorResponse(page.error());
  Json items = Json::array();
  for (const auto& item : page->items) items.push_back(FeedbackItemJson(item));
  return JsonResponse(200, {{"items", items}, {"total", page->total}, {"limit", options->limit},
                            {"offset", options->offset}});
}

HttpResponse GetFeedback(Services& s, RequestContext& ctx) {
  auto item = s.store.feedback().GetFeedback(ctx.PathId("id"));
  if (!item.ok()) return ErrorResponse(item.error());
  return JsonResponse(200, FeedbackItemJson(*item));
}

// The fields of an item posted through the API (source "api").
Status ReadFeedbackInput(const Json& o, FeedbackItem* f) {
  ObjectReader reader(o);
  reader.String("text", &f->text);
  auto optional_int = [&](const char* key, std::optional<int>* out, int min) {
    if (!o.contains(key) || o[key].is_null()) return reader.Accept(key);
    int value = -1;
    reader.Int(key, &value, min, 100);
    if (value >= min) *out = value;
  };
  optional_int("rating", &f->rating, 0);
  optional_int("rating_scale", &f->rating_scale, 1);
  reader.OptionalId("customer_id", &f->customer_id);
  reader.OptionalId("segment_id", &f->segment_id);
  reader.String("site", &f->site);
  reader.String("touchpoint", &f->touchpoint);
  std::string occurred;
  reader.String("occurred_at", &occurred);
  reader.String("occurred_zone", &f->occurred_zone);
  reader.String("language", &f->language);
  reader.StringList("tags", &f->tags, kMaxTags);
  reader.String("contact_email", &f->contact_email);
  if (!occurred.empty()) {
    auto t = ParseZonedTime(occurred);
    if (t.ok()) {
      f->occurred_at = t->utc;
      f->occurred_offset_minutes = t->offset_minutes;
    } else {
      reader.AddError("occurred_at", "must be an ISO 8601 time with its offset, such as 2026-03-01T09:15:00+05:30");
    }
  }
  return reader.Finish();
}

HttpResponse CreateFeedback(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  FeedbackItem f;
  f.source = FeedbackSource::kApi;
  if (Status st = ReadFeedbackInput(*body.object, &f); !st.ok()) return ErrorResponse(st.error());
  if (f.occurred_at > s.clock.Now() + std::chrono::minutes(5))
    return ErrorResponse(Error::InvalidField("occurred_at", "must not be in the future"));
  auto created = s.store.feedback().CreateFeedback(ctx.write, f);
  if (!created.ok()) return ErrorResponse(created.error());
  return CreatedResponse("/api/v1/feedback/" + std::to_string(created->id), FeedbackItemJson(*created));
}

HttpResponse SetTags(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  std::vector<std::string> tags;
  ObjectReader reader(*body.object);
  reader.Require("tags");
  reader.StringList("tags", &tags, kMaxTags);
  if (Status st = reader.Finish(); !st.ok()) return ErrorResponse(st.error());
  auto saved = s.store.feedback().SetFeedbackTags(ctx.write, ctx.PathId("id"), tags);
  if (!saved.ok()) return ErrorResponse(saved.error());
  return JsonResponse(200, FeedbackItemJson(*saved));
}

HttpResponse TurnIntoComplaint(Services& s, RequestContext& ctx) {
  std::string summary;
  if (!ctx.request.body.empty()) {
    ParsedBody body = ParseJsonObject(ctx.request);
    if (body.problem) return *body.problem;
    ObjectReader reader(*body.object);
    reader.String("summary", &summary);
    if (Status st = reader.Finish(); !st.ok()) return ErrorResponse(st.error());
  }
  const Id id = ctx.PathId("id");
  auto item = s.store.feedback().GetFeedback(id);
  if (!item.ok()) return ErrorResponse(item.error());
  // A second call names the complaint the item already is.
  auto existing = [&](Id complaint_id) {
    auto c = s.store.complaints().GetComplaint(complaint_id);
    const std::string reference = c.ok() ? c->reference : "";
    HttpResponse r = Problem(409, "feedback " + std::to_string(id) + " was turned into complaint " + reference +
                                      " already",
                             {{"complaint_id", "is " + std::to_string(complaint_id)}});
    Json problem = Json::parse(r.body, nullptr, false);
    if (problem.is_object()) {
      problem["complaint_id"] = complaint_id;
      problem["reference"] = reference;
      r.body = problem.dump();
    }
    return r;
  };
  if (item->complaint_id) return existing(*item->complaint_id);
  const ComplaintIntakeFields fields =
      ComplaintFieldsFor(*item, summary, ctx.principal && ctx.principal->kind == AuthKind::kBearer);
  if (Status st = ValidateComplaintIntake(fields); !st.ok()) return ErrorResponse(st.error());
  // The status link is derived from the id (keys/link_signer.h); the stored
  // hash is of a random token nobody holds, as for every staff intake.
  auto complaint = s.store.feedback().FileComplaintFromFeedback(ctx.write, id, fields, HashToken(RandomToken()));
  if (!complaint.ok()) {
    if (complaint.error().code == ErrorCode::kAlreadyExists) {  // a concurrent call won
      auto again = s.store.feedback().GetFeedback(id);
      if (again.ok() && again->complaint_id) return existing(*again->complaint_id);
    }
    return ErrorResponse(complaint.error());
  }
  return CreatedResponse("/api/v1/complaints/" + std::to_string(complaint->id),
                         {{"complaint_id", complaint->id}, {"reference", complaint->reference}, {"feedback_id", id}});
}

HttpResponse ImportSocial(Services& s, RequestContext& ctx) {
  std::string format;
  if (auto f = ctx.request.query.find("format"); f != ctx.request.query.end()) format = f->second;
  if (format.empty()) {
    const std::string* type = ctx.request.Header("content-type");
    format = type && type->find("json") != std::string::npos ? "json" : "csv";
  }
  if (format != "csv" && format != "json") return ErrorResponse(Error::InvalidField("format", "must be csv or json"));
  if (ctx.request.body.empty()) return Problem(400, "the body must be the CSV or JSON file");
  auto parsed = format == "csv" ? ingest::ParseSocialCsv(ctx.request.body) : ingest::ParseSocialJson(ctx.request.body);
  if (!parsed.ok()) return ErrorResponse(Error::InvalidField("file", parsed.error().message));
  auto report = s.store.feedback().ImportSocialMentions(ctx.write, parsed->items);
  if (!report.ok()) return ErrorResponse(report.error());
  return JsonResponse(200, SocialImportJson(*report, parsed->rejected));
}

}  // namespace

void AddFeedbackRoutes(Router& router, Services& s) {
  const RouteAdapter h(s);
  const std::string tag = "feedback";
  router.AddSchema("SocialMention", Obj({{"platform", Str()}, {"post_id", Str()}, {"author_handle", Str()},
                                         {"url", Str()}, {"posted_at", Time()}, {"posted_local", Str()}}));
  router.AddSchema("FeedbackItem",
                   Obj({{"id", IdT()}, {"source", Str()}, {"text", Str()}, {"rating", NInt()},
                        {"rating_scale", NInt()}, {"customer_id", NId()}, {"segment_id", NId()}, {"site", Str()},
                        {"touchpoint", Str()}, {"occurred_at", Time()}, {"occurred_offset", NStr()},
                        {"occurred_local", Str()}, {"occurred_zone", Str()}, {"language", Str()},
                        {"tags", ArrayOf(Str())}, {"contact_email", Str()}, {"complaint_id", NId()},
                        {"detail_kind", Str()}, {"social", Ref("SocialMention")}, {"created_at", Time()},
                        {"created_by", Str()}}));
  router.AddSchema("FeedbackList", PageOf("FeedbackItem"));
  router.AddSchema("FeedbackInput",
                   Obj({{"text", Str()}, {"rating", NInt()}, {"rating_scale", NInt()}, {"customer_id", NId()},
                        {"segment_id", NId()}, {"site", Str()}, {"touchpoint", Str()}, {"occurred_at", Str()},
                        {"occurred_zone", Str()}, {"language", Str()}, {"tags", ArrayOf(Str())},
                        {"contact_email", Str()}}));
  router.AddSchema("FeedbackTags", Obj({{"tags", ArrayOf(Str())}}, {"tags"}));
  router.AddSchema("FeedbackComplaintInput", Obj({{"summary", Str()}}));
  router.AddSchema("FeedbackComplaint", Obj({{"complaint_id", IdT()}, {"reference", Str()}, {"feedback_id", IdT()}}));
  router.AddSchema("SocialImportReport",
                   Obj({{"created", Int()}, {"duplicates", Int()},
                        {"rejected", ArrayOf(Obj({{"line", Int()}, {"reason", Str()}}))},
                        {"created_ids", ArrayOf(IdT())}}));

  router.Add({.method = "GET", .path = "/api/v1/feedback", .roles = AllRoles(), .tag = tag,
              .summary = "Feedback items of every channel, newest first",
              .response_schema = "FeedbackList",
              .query = {"source", "from", "to", "customer_id", "segment_id", "site", "touchpoint", "tag",
                        "rating_min", "rating_max", "has_complaint", "q", "limit", "offset", "sort"},
              .handler = h(ListFeedback)});
  router.Add({.method = "POST", .path = "/api/v1/feedback", .roles = WriterRoles(), .tag = tag,
              .summary = "Record a feedback item (source api)", .request_schema = "FeedbackInput",
              .response_schema = "FeedbackItem", .success_status = 201, .handler = h(CreateFeedback)});
  router.Add({.method = "POST", .path = "/api/v1/feedback/social/import", .roles = WriterRoles(), .tag = tag,
              .summary = "Import social-media mentions from a CSV or JSON file (format=csv|json, raw body); "
                         "duplicates by (platform, post_id) are dropped and counted",
              .response_schema = "SocialImportReport", .query = {"format"}, .handler = h(ImportSocial),
              .max_body_bytes = kMaxImportBodyBytes});
  router.Add({.method = "GET", .path = "/api/v1/feedback/{id}", .roles = AllRoles(), .tag = tag,
              .summary = "A feedback item", .response_schema = "FeedbackItem", .handler = h(GetFeedback)});
  router.Add({.method = "PATCH", .path = "/api/v1/feedback/{id}/tags", .roles = WriterRoles(), .tag = tag,
              .summary = "Replace a feedback item's tags", .request_schema = "FeedbackTags",
              .response_schema = "FeedbackItem", .handler = h(SetTags)});
  router.Add({.method = "POST", .path = "/api/v1/feedback/{id}/complaint", .roles = WriterRoles(), .tag = tag,
              .summary = "Turn a feedback item into a complaint (once; 409 names the complaint it already is)",
              .request_schema = "FeedbackComplaintInput", .response_schema = "FeedbackComplaint",
              .success_status = 201, .handler = h(TurnIntoComplaint)});
}

}  // namespace hearken::http
