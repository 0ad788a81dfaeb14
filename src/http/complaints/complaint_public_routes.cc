// The complainant's routes (docs/API.md "Complaints (issue 3)", Public): the
// complaint form (JSON or multipart/form-data with attachments), the status
// page behind the secret link and replies from it, and the one-use rating
// link of the closure mail. No account, no CSRF token: the secret in the
// path is the credential. Abuse limits per client address and rolling hour,
// and a hidden bot-trap field on the form.
#include <algorithm>
#include <chrono>
#include <functional>
#include <memory>

#include <spdlog/spdlog.h>

#include "core/complaint_json.h"
#include "core/crypto.h"
#include "core/rate_limiter.h"
#include "core/validation.h"
#include "http/complaints/complaint_filter.h"
#include "http/bot_trap.h"
#include "http/complaints/complaint_json_http.h"
#include "http/json_input.h"
#include "http/problem.h"
#include "http/public_limit.h"
#include "http/routes.h"
#include "workflow/complaint_notifier.h"
#include "workflow/staff_notices.h"

namespace hearken::http {
namespace {

constexpr size_t kMaxPublicFiles = 5;

struct PublicLimits {
  PublicLimits(const Clock& clock, const ServerOptions& options)
      : submissions(clock, static_cast<size_t>(std::max(0, options.public_submissions_per_hour)), std::chrono::hours(1)),
        status(clock, static_cast<size_t>(std::max(0, options.public_status_requests_per_hour)), std::chrono::hours(1)),
        organisation(clock, static_cast<size_t>(std::max(0, options.public_status_requests_per_hour)),
                     std::chrono::hours(1)) {}
  RateLimiter submissions;   // complaint form posts
  RateLimiter status;        // status page, replies, rating link
  RateLimiter organisation;  // the name and zone each public page asks for (same rate, its own budget)
};

// The form's fields, from JSON or from multipart text fields (all strings).
Status ReadPublicForm(const Json& o, bool from_multipart, ComplaintIntakeFields* f, std::string* website) {
  ObjectReader reader(o);
  reader.Require("summary");
  reader.Require("description");
  reader.String("summary", &f->summary);
  reader.String("description", &f->description);
  reader.String("product", &f->product);
  reader.String("remedy_wanted", &f->remedy_wanted);
  reader.String("contact_name", &f->contact_name);
  reader.String("contact_email", &f->contact_email);
  reader.String("contact_phone", &f->contact_phone);
  reader.String(kBotTrapField, website);
  if (from_multipart && o.contains("consent_contact")) {
    std::string v;  // multipart values are strings; reading marks the field as known
    reader.String("consent_contact", &v);
    if (v == "true" || v == "on" || v == "1") f->consent_contact = true;
    else if (v == "false" || v == "0" || v.empty()) f->consent_contact = false;
    else reader.AddError("consent_contact", "must be \"true\" or \"false\"");
  } else {
    reader.Bool("consent_contact", &f->consent_contact);
  }
  std::string occurred_on;
  reader.String("occurred_on", &occurred_on);
  if (!occurred_on.empty()) {
    if (auto date = ParseIsoDate(occurred_on)) f->occurred_on = *date;
    else reader.AddError("occurred_on", "must be a date YYYY-MM-DD");
  }
  return reader.Finish();
}

// What a bot that filled the trap sees: an answer shaped like a real one.
HttpResponse BotTrapAnswer(Services& s, const HttpRequest&) {
  const auto ymd = std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(s.clock.Now()));
  const std::string digits = HashToken(RandomToken(8));
  std::int64_t number = 0;
  for (size_t i = 0; i < 6; ++i) number = number * 10 + (digits[i] % 10);
  return JsonResponse(201, {{"reference", FormatComplaintReference(static_cast<int>(ymd.year()), 1000 + number)},
                            {"status_url", "/status/" + std::to_string(1000 + number) + "." + RandomToken(24)}});
}

HttpResponse SubmitComplaint(Services& s, RequestContext& ctx) {
  const std::string* type = ctx.request.Header("content-type");
  Json fields;
  std::vector<CheckedFile> files;
  const bool multipart = type && IsMultipartFormData(*type);
  if (multipart) {
    FormBody form = ReadForm(ctx.request, kMaxPublicFiles);
    if (form.problem) return *form.problem;
    fields = std::move(form.fields);
    files = std::move(form.files);
  } else {
    ParsedBody body = ParseJsonObject(ctx.request);
    if (body.problem) return *body.problem;
    fields = std::move(*body.object);
  }
  ComplaintIntakeFields f;
  f.intake = ComplaintIntake::kPublicForm;
  f.channel = Channel::kPortal;
  std::string website;
  if (Status st = ReadPublicForm(fields, multipart, &f, &website); !st.ok()) return ErrorResponse(st.error());
  if (BotTrapSprung(website, ctx.request, "complaint")) return BotTrapAnswer(s, ctx.request);
  auto calendar = OrganisationCalendar(s.store);
  if (!calendar.ok()) return ErrorResponse(calendar.error());
  if (Status st = CheckOccurredOnNotInFuture(f, *calendar, s.clock.Now()); !st.ok()) return ErrorResponse(st.error());
  if (Status st = ValidateComplaintIntake(f); !st.ok()) return ErrorResponse(st.error());

  // The status link is derived from the id with the server's link key
  // (keys/link_signer.h); the stored hash is of a random token nobody holds.
  ComplaintFiling filing{f, HashToken(RandomToken()), {}, IntakeAcknowledgement::kLater, ctx.write.actor.label};
  for (CheckedFile& file : files) filing.attachments.push_back({file.filename, std::move(file.content)});
  // The complaint with all its files, or nothing and a 422 naming the file.
  auto created = s.store.complaints().FileComplaint(ctx.write, filing);
  if (!created.ok()) return ErrorResponse(created.error());
  auto notice = s.notifier->AcknowledgeNew(*created, NoticeOrigin::kPublic);
  if (!notice.ok()) {
    spdlog::warn("acknowledging {} failed: {}", created->reference, ForLog(notice.error().message));
  } else if (notice->outcome == NoticeOutcome::kFailed) {
    spdlog::warn("acknowledgement mail for {} failed: {}", created->reference, ForLog(notice->detail));
  }
  return JsonResponse(201, {{"reference", created->reference},
                            {"status_url", "/status/" + s.notifier->StatusToken(created->id)}});
}

// The complaint behind a status token (derived with the link key; tokens
// from before derived links are no longer accepted); 404 for an unknown one.
Result<Complaint> ByStatusToken(Services& s, const RequestContext& ctx) {
  const std::optional<Id> id = s.notifier->links().Verify(keys::kStatusLinkPurpose, ctx.PathText("token"));
  if (!id) return Error::NotFound("no complaint has this status link");
  auto c = s.store.complaints().GetComplaint(*id);
  if (!c.ok() && c.error().code == ErrorCode::kNotFound) return Error::NotFound("no complaint has this status link");
  return c;
}

HttpResponse GetStatus(Services& s, RequestContext& ctx) {
  auto c = ByStatusToken(s, ctx);
  if (!c.ok()) return ErrorResponse(c.error());
  auto messages = s.store.complaint_messages().ListComplaintMessages(c->id, /*include_internal=*/false);
  if (!messages.ok()) return ErrorResponse(messages.error());
  return JsonResponse(200, PublicStatusJson(*c, *messages));
}

HttpResponse Reply(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  ComplaintMessage m;
  m.kind = MessageKind::kFromComplainant;
  ObjectReader reader(*body.object);
  reader.Require("body");
  reader.String("body", &m.body);
  if (Status st = reader.Finish(); !st.ok()) return ErrorResponse(st.error());
  auto c = ByStatusToken(s, ctx);
  if (!c.ok()) return ErrorResponse(c.error());
  if (c->state == ComplaintState::kWithdrawn)
    return Problem(409, "the complaint was withdrawn; replies are closed");
  m.complaint_id = c->id;
  m.author = c->intake.contact_name.empty() ? "complainant" : c->intake.contact_name;
  if (Status st = ValidateComplaintMessage(m); !st.ok()) return ErrorResponse(st.error());
  auto added = s.store.complaint_messages().AddComplaintMessage(ctx.write, m);
  if (!added.ok()) return ErrorResponse(added.error());
  // The case moves on (resumes, or reopens after closure when the settings
  // say so) and its people are told; neither undoes the reply if it fails.
  ReplyAfterClosure closure = ReplyAfterClosure::kNotClosed;
  WriteContext follow = ctx.write;
  follow.reason = "complainant replied";
  if (Status followed = FollowComplainantReply(s.store, *c, follow, &closure); !followed.ok())
    spdlog::warn("after a reply on {}: {}", c->reference, ForLog(followed.error().message));
  (void)NotifyComplainantReplied(s.store, *c, closure);
  return JsonResponse(201, PublicMessageJson(*added));
}

Result<Complaint> ByRatingToken(Services& s, const RequestContext& ctx) {
  auto c = s.store.ratings().GetComplaintByRatingToken(HashToken(ctx.PathText("token")));
  if (!c.ok() && c.error().code == ErrorCode::kNotFound) return Error::NotFound("no rating link is known by this token");
  if (!c.ok() && c.error().code == ErrorCode::kFailedPrecondition)
    return Error::FailedPrecondition("this rating link was used already");
  return c;
}

HttpResponse GetRatingForm(Services& s, RequestContext& ctx) {
  auto c = ByRatingToken(s, ctx);
  // Opening a used link again is an answer the page shows, not an error in
  // the complainant's console; a second rating is still refused (409).
  if (!c.ok() && c.error().code == ErrorCode::kFailedPrecondition)
    return JsonResponse(200, {{"reference", ""}, {"summary", ""}, {"used", true}});
  if (!c.ok()) return ErrorResponse(c.error());
  return JsonResponse(200, {{"reference", c->reference}, {"summary", c->intake.summary}, {"used", false}});
}

HttpResponse SubmitRating(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  int score = 0;
  std::string comment;
  ObjectReader reader(*body.object);
  reader.Require("score");
  reader.Int("score", &score, 1, 5);
  reader.String("comment", &comment);
  if (Status st = reader.Finish(); !st.ok()) return ErrorResponse(st.error());
  if (Status st = ValidateRating(score, comment); !st.ok()) return ErrorResponse(st.error());
  auto rating = s.store.ratings().SubmitRating(ctx.write, HashToken(ctx.PathText("token")), score, comment);
  if (!rating.ok()) {
    if (rating.error().code == ErrorCode::kNotFound) return Problem(404, "no rating link is known by this token");
    if (rating.error().code == ErrorCode::kFailedPrecondition) return Problem(409, "this rating link was used already");
    return ErrorResponse(rating.error());
  }
  if (auto rated = s.store.complaints().GetComplaint(rating->complaint_id); rated.ok())
    (void)NotifyComplainantRated(s.store, *rated, score);
  return JsonResponse(201, ToJson(*rating));
}

// What the complainant's pages show of the organisation: its name in the
// header and its zone for every time (as the mails show them).
HttpResponse GetOrganisation(Services& s, RequestContext&) {
  auto settings = s.store.organisation().GetSettings();
  if (!settings.ok()) return ErrorResponse(settings.error());
  return JsonResponse(200, {{"name", settings->name}, {"time_zone", settings->time_zone}});
}

}  // namespace

void AddPublicComplaintRoutes(Router& router, Services& s) {
  const RouteAdapter h(s);
  const auto limits = std::make_shared<PublicLimits>(s.clock, s.options);
  const std::string tag = "public";
  router.Add({.method = "POST", .path = "/api/v1/public/complaints", .access = Access::kPublic, .tag = tag,
              .summary = "File a complaint (JSON, or multipart/form-data with up to 5 attachment files of 10 MB)",
              .request_schema = "PublicComplaintInput", .response_schema = "PublicComplaintReceipt",
              .success_status = 201, .handler = h(SubmitComplaint), .max_body_bytes = kFileUploadBodyBytes,
              .admit = PerAddressLimit({limits, &limits->submissions}, "complaint submissions")});
  router.Add({.method = "GET", .path = "/api/v1/public/organisation", .access = Access::kPublic, .tag = tag,
              .summary = "The organisation's name and time zone, for the complainant's pages",
              .response_schema = "PublicOrganisation", .handler = h(GetOrganisation),
              .admit = PerAddressLimit({limits, &limits->organisation}, "page requests")});
  router.Add({.method = "GET", .path = "/api/v1/public/status/{token}", .access = Access::kPublic, .tag = tag,
              .summary = "The complainant's status page behind the secret link", .response_schema = "PublicStatus",
              .handler = h(GetStatus), .admit = PerAddressLimit({limits, &limits->status}, "status requests")});
  router.Add({.method = "POST", .path = "/api/v1/public/status/{token}/replies", .access = Access::kPublic,
              .tag = tag, .summary = "The complainant replies (resumes a case waiting on them)",
              .request_schema = "PublicReply", .response_schema = "PublicMessage", .success_status = 201,
              .handler = h(Reply), .admit = PerAddressLimit({limits, &limits->status}, "status requests")});
  router.Add({.method = "GET", .path = "/api/v1/public/ratings/{token}", .access = Access::kPublic, .tag = tag,
              .summary = "What a rating link is for (404 unknown; used: true once rated)", .response_schema = "RatingForm",
              .handler = h(GetRatingForm), .admit = PerAddressLimit({limits, &limits->status}, "status requests")});
  router.Add({.method = "POST", .path = "/api/v1/public/ratings/{token}", .access = Access::kPublic, .tag = tag,
              .summary = "Rate how the complaint was handled, once", .request_schema = "RatingInput",
              .response_schema = "HandlingRating", .success_status = 201, .handler = h(SubmitRating),
              .admit = PerAddressLimit({limits, &limits->status}, "status requests")});
}

}  // namespace hearken::http
