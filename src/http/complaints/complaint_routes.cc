// Staff work on complaints (docs/API.md "Complaints (issue 3)", Staff): the
// list with its queues, filters and search; entry by staff or the API; the
// case itself and its lifecycle (transitions, assessment, investigation,
// response, assignee); messages, attachments, the timeline and the rating.
// Mail to the complainant goes through the ComplaintNotifier after the store
// committed the change, so a mail failure never undoes work.
#include <algorithm>

#include <spdlog/spdlog.h>

#include "core/complaint_json.h"
#include "core/crypto.h"
#include "core/time_format.h"
#include "core/validation.h"
#include "http/complaints/complaint_filter.h"
#include "http/complaints/complaint_json_http.h"
#include "http/complaints/complaint_moves.h"
#include "http/json_input.h"
#include "http/problem.h"
#include "http/routes.h"
#include "http/surveys/survey_events.h"
#include "workflow/complaint_notifier.h"
#include "workflow/staff_notices.h"

namespace hearken::http {
namespace {

const std::vector<std::string> kSortFields = {"received_at", "updated_at", "reference",     "severity",
                                              "state",       "ack_due_at", "resolve_due_at"};

HttpResponse PresentOne(Services& s, const Complaint& c, int status = 200, Json extra = Json::object()) {
  ComplaintPresenter presenter(s.store, s.clock.Now());
  auto json = presenter.Present(c);
  if (!json.ok()) return ErrorResponse(json.error());
  for (auto& [k, v] : extra.items()) (*json)[k] = v;
  return JsonResponse(status, *json);
}

Json NoticeJson(const NoticeResult& r) {
  return {{"outcome", std::string(ToString(r.outcome))}, {"detail", r.detail}};
}

void LogNotice(const char* what, const Complaint& c, const NoticeResult& r) {
  if (r.outcome == NoticeOutcome::kFailed)
    spdlog::warn("{} mail for {} failed: {}", what, c.reference, ForLog(r.detail));
}

// An optional time field: absent leaves `out`, null clears it.
void OptionalTime(ObjectReader& reader, const Json& object, const std::string& key, std::optional<TimePoint>* out) {
  if (!object.contains(key)) return;
  if (object[key].is_null()) {
    reader.Has(key);
    out->reset();
    return;
  }
  TimePoint t{};
  reader.Time(key, &t);
  if (object[key].is_string()) *out = t;
}

HttpResponse ListComplaints(Services& s, RequestContext& ctx) {
  auto options = ParseListOptions(ctx.request, kSortFields);
  if (!options.ok()) return ErrorResponse(options.error());
  auto filter = ParseComplaintFilter(ctx.request, ctx.principal->user.id, s.store);
  if (!filter.ok()) return ErrorResponse(filter.error());
  // Without a sort, a search lists the most recently filed first (the
  // store's index order); everything else the newest received first.
  if (options->sort.empty() && filter->search.empty()) {
    options->sort = "received_at";
    options->direction = SortDirection::kDescending;
  }
  auto page = s.store.complaints().ListComplaints(*filter, *options);
  if (!page.ok()) {
    Error e = page.error();
    for (FieldError& f : e.fields)
      if (f.field == "search") f.field = "q";  // the store's name for the API's parameter
    if (e.message.rfind("search: ", 0) == 0) e.message = "q: " + e.message.substr(8);
    return ErrorResponse(e);
  }
  ComplaintPresenter presenter(s.store, s.clock.Now());
  Json items = Json::array();
  for (const auto& c : page->items) {
    auto json = presenter.Present(c);
    if (!json.ok()) return ErrorResponse(json.error());
    items.push_back(std::move(*json));
  }
  return JsonResponse(200, {{"items", items},
                            {"total", page->total},
                            {"total_capped", page->total_capped},
                            {"limit", options->limit},
                            {"offset", options->offset}});
}

HttpResponse CreateComplaint(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  const Json& o = *body.object;
  ComplaintIntakeFields f;
  f.intake = ctx.principal->kind == AuthKind::kBearer ? ComplaintIntake::kApi : ComplaintIntake::kStaff;
  bool acknowledge = false;
  ObjectReader reader(o);
  reader.Require("summary");
  reader.Require("description");
  reader.Require("channel");
  reader.Enum("channel", &f.channel, &ParseChannel);
  reader.String("summary", &f.summary);
  reader.String("description", &f.description);
  reader.String("product", &f.product);
  reader.OptionalDate("occurred_on", &f.occurred_on);
  if (reader.Has("occurred_at")) reader.AddError("occurred_at", "is now occurred_on, a date YYYY-MM-DD");
  reader.String("remedy_wanted", &f.remedy_wanted);
  reader.String("contact_name", &f.contact_name);
  reader.String("contact_email", &f.contact_email);
  reader.String("contact_phone", &f.contact_phone);
  reader.Bool("consent_contact", &f.consent_contact);
  reader.OptionalId("customer_id", &f.customer_id);
  reader.String("site", &f.site);
  reader.OptionalId("category_id", &f.category_id);
  reader.String("external_ref", &f.external_ref);
  OptionalTime(reader, o, "received_at", &f.received_at);
  reader.Bool("acknowledge", &acknowledge);
  if (Status st = reader.Finish(); !st.ok()) return ErrorResponse(st.error());
  if (f.received_at && *f.received_at > s.clock.Now())
    return ErrorResponse(Error::InvalidField("received_at", "must not be in the future"));
  auto calendar = OrganisationCalendar(s.store);
  if (!calendar.ok()) return ErrorResponse(calendar.error());
  if (Status st = CheckOccurredOnNotInFuture(f, *calendar, s.clock.Now()); !st.ok()) return ErrorResponse(st.error());
  if (Status st = ValidateComplaintIntake(f); !st.ok()) return ErrorResponse(st.error());
  // The status link is derived from the id and reaches only the
  // complainant, in the mails (keys/link_signer.h); the stored hash is of a
  // random token nobody holds. Staff never see a link.
  // Filed and, if asked, acknowledged in one transaction: an error leaves
  // nothing, so a retry cannot file the case twice.
  const auto ack = acknowledge ? IntakeAcknowledgement::kNow : IntakeAcknowledgement::kLater;
  auto created = s.store.complaints().FileComplaint(ctx.write, {f, HashToken(RandomToken()), {}, ack, ""});
  if (!created.ok()) return ErrorResponse(created.error());
  Complaint complaint = std::move(*created);
  Json extra = Json::object();
  if (acknowledge) {
    NoticeResult notice = s.notifier->SendAcknowledgement(complaint);
    LogNotice("acknowledgement", complaint, notice);
    extra["notice"] = NoticeJson(notice);
  }
  ComplaintPresenter presenter(s.store, s.clock.Now());
  auto json = presenter.Present(complaint);
  if (!json.ok()) return ErrorResponse(json.error());
  for (auto& [k, v] : extra.items()) (*json)[k] = v;
  HttpResponse response = CreatedResponse("/api/v1/complaints/" + std::to_string(complaint.id), *json);
  return response;
}

// The duplicates merged into complaint `id` (a case has a handful at most;
// the first kMaxBulkComplaints are read).
Result<std::vector<Complaint>> MergedInto(Services& s, Id id) {
  ComplaintFilter filter;
  filter.merged_into_id = id;
  return s.store.complaints().ScanComplaints(filter, {0, static_cast<int>(kMaxBulkComplaints), ComplaintDetail::kFacts});
}

HttpResponse GetComplaint(Services& s, RequestContext& ctx) {
  auto c = s.store.complaints().GetComplaint(ctx.PathId("id"));
  if (!c.ok()) return ErrorResponse(c.error());
  auto merged = MergedInto(s, c->id);
  if (!merged.ok()) return ErrorResponse(merged.error());
  Json links = Json::array();
  for (const Complaint& m : *merged) links.push_back({{"id", m.id}, {"reference", m.reference}});
  return PresentOne(s, *c, 200, {{"merged", links}});
}

HttpResponse GetByReference(Services& s, RequestContext& ctx) {
  const std::string& reference = ctx.PathText("reference");
  if (!IsComplaintReference(reference)) return Problem(404, "no complaint has the reference " + ForLog(reference, 40));
  auto c = s.store.complaints().GetComplaintByReference(reference);
  if (!c.ok()) return ErrorResponse(c.error());
  return PresentOne(s, *c);
}

HttpResponse Transition(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  ComplaintMove move;
  ObjectReader reader(*body.object);
  reader.Require("to");
  reader.Enum("to", &move.to, &ParseComplaintState);
  reader.String("reason", &move.reason);
  reader.OptionalEnum("closure", &move.closure, &ParseClosureKind);
  if (Status st = reader.Finish(); !st.ok()) return ErrorResponse(st.error());
  // The reason may come in the body or as X-Audit-Reason; the body wins.
  if (move.reason.empty()) move.reason = ctx.write.reason;
  auto moved = s.store.complaints().TransitionComplaint(ctx.write, ctx.PathId("id"), move);
  if (!moved.ok()) return ErrorResponse(moved.error());
  Json extra = Json::object();
  if (Json notice = SendMoveNotice(s, *moved); !notice.is_null()) extra["notice"] = std::move(notice);
  return PresentOne(s, *moved, 200, std::move(extra));
}

HttpResponse Assess(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  ComplaintAssessment a;
  ObjectReader reader(*body.object);
  reader.Require("severity");
  reader.Int("severity", &a.severity, kMinSeverity, kMaxSeverity);
  reader.Enum("priority", &a.priority, &ParsePriority);
  reader.OptionalId("category_id", &a.category_id);
  reader.String("product", &a.product);
  reader.OptionalId("customer_id", &a.customer_id);
  reader.OptionalId("segment_id", &a.segment_id);
  reader.String("site", &a.site);
  reader.Bool("immediate_action", &a.immediate_action);
  reader.String("immediate_action_note", &a.immediate_action_note);
  if (Status st = reader.Finish(); !st.ok()) return ErrorResponse(st.error());
  if (Status st = ValidateAssessment(a); !st.ok()) return ErrorResponse(st.error());
  auto done = s.store.complaints().AssessComplaint(ctx.write, ctx.PathId("id"), a);
  if (!done.ok()) return ErrorResponse(done.error());
  return PresentOne(s, *done);
}

HttpResponse Investigate(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  ComplaintInvestigation inv;
  ObjectReader reader(*body.object);
  reader.Require("whys");
  reader.Require("cause_category");
  reader.Require("root_cause");
  reader.StringList("whys", &inv.whys, kMaxWhys);
  reader.Enum("cause_category", &inv.cause_category, &ParseCauseCategory);
  reader.String("root_cause", &inv.root_cause);
  reader.String("evidence", &inv.evidence);
  if (Status st = reader.Finish(); !st.ok()) return ErrorResponse(st.error());
  if (Status st = ValidateInvestigation(inv); !st.ok()) return ErrorResponse(st.error());
  auto done = s.store.complaints().RecordInvestigation(ctx.write, ctx.PathId("id"), inv);
  if (!done.ok()) return ErrorResponse(done.error());
  return PresentOne(s, *done);
}

HttpResponse Respond(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  ComplaintResponse r;
  std::vector<std::string> remedies;
  ObjectReader reader(*body.object);
  reader.Require("decision");
  reader.Require("remedies");
  reader.String("decision", &r.decision);
  reader.StringList("remedies", &remedies, EnumNames<Remedy>().size());
  reader.String("remedy_detail", &r.remedy_detail);
  for (size_t i = 0; i < remedies.size(); ++i) {
    if (auto remedy = ParseRemedy(remedies[i])) {
      r.remedies.push_back(*remedy);
    } else {
      std::string names;
      for (auto n : EnumNames<Remedy>()) names += (names.empty() ? "" : ", ") + std::string(n);
      reader.AddError("remedies/" + std::to_string(i), "must be one of " + names);
    }
  }
  if (Status st = reader.Finish(); !st.ok()) return ErrorResponse(st.error());
  if (Status st = ValidateResponse(r); !st.ok()) return ErrorResponse(st.error());
  auto done = s.store.complaints().RespondToComplaint(ctx.write, ctx.PathId("id"), r);
  if (!done.ok()) return ErrorResponse(done.error());
  NoticeResult notice = s.notifier->SendDecision(*done);
  LogNotice("decision", *done, notice);
  return PresentOne(s, *done, 200, {{"notice", NoticeJson(notice)}});
}

HttpResponse SetAssignee(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  std::optional<Id> assignee;
  ObjectReader reader(*body.object);
  reader.Require("assignee_id");
  reader.OptionalId("assignee_id", &assignee);
  if (Status st = reader.Finish(); !st.ok()) return ErrorResponse(st.error());
  auto before = s.store.complaints().GetComplaint(ctx.PathId("id"));
  if (!before.ok()) return ErrorResponse(before.error());
  auto done = s.store.complaints().AssignComplaint(ctx.write, ctx.PathId("id"), assignee);
  if (!done.ok()) return ErrorResponse(done.error());
  // The new assignee is told (in the app and by their next digest); a
  // failure to tell is logged and leaves the assignment standing.
  if (assignee && before->assignee_id != assignee) (void)NotifyAssigned(s.store, *done, *assignee, ctx.write.actor);
  return PresentOne(s, *done);
}

HttpResponse ListMessages(Services& s, RequestContext& ctx) {
  const Id id = ctx.PathId("id");
  if (auto c = s.store.complaints().GetComplaint(id); !c.ok()) return ErrorResponse(c.error());
  auto messages = s.store.complaint_messages().ListComplaintMessages(id, /*include_internal=*/true);
  if (!messages.ok()) return ErrorResponse(messages.error());
  // The messages of the duplicates merged into this case come too, marked
  // with their case, so the whole conversation reads in one place.
  std::vector<std::pair<ComplaintMessage, Json>> all;
  for (auto& m : *messages) all.emplace_back(std::move(m), nullptr);
  auto merged = MergedInto(s, id);
  if (!merged.ok()) return ErrorResponse(merged.error());
  for (const Complaint& d : *merged) {
    auto theirs = s.store.complaint_messages().ListComplaintMessages(d.id, /*include_internal=*/true);
    if (!theirs.ok()) return ErrorResponse(theirs.error());
    for (auto& m : *theirs) all.emplace_back(std::move(m), Json{{"id", d.id}, {"reference", d.reference}});
  }
  std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
    return a.first.created_at != b.first.created_at ? a.first.created_at < b.first.created_at : a.first.id < b.first.id;
  });
  Json items = Json::array();
  for (const auto& [m, from] : all) {
    Json j = ToJson(m);
    j["merged_from"] = from;
    items.push_back(std::move(j));
  }
  return JsonResponse(200, {{"items", items}});
}

HttpResponse AddMessage(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  ComplaintMessage m;
  ObjectReader reader(*body.object);
  reader.Require("kind");
  reader.Require("body");
  reader.Enum("kind", &m.kind, &ParseMessageKind);
  reader.String("subject", &m.subject);
  reader.String("body", &m.body);
  if (body.object->contains("kind") && m.kind != MessageKind::kToComplainant && m.kind != MessageKind::kInternalNote)
    reader.AddError("kind", "must be to_complainant or internal_note (complainants reply on their status page)");
  if (Status st = reader.Finish(); !st.ok()) return ErrorResponse(st.error());
  m.complaint_id = ctx.PathId("id");
  m.author_id = ctx.write.actor.user_id;
  m.author = ctx.write.actor.label;
  if (Status st = ValidateComplaintMessage(m); !st.ok()) return ErrorResponse(st.error());
  auto complaint = s.store.complaints().GetComplaint(m.complaint_id);
  if (!complaint.ok()) return ErrorResponse(complaint.error());
  auto added = s.store.complaint_messages().AddComplaintMessage(ctx.write, m);
  if (!added.ok()) return ErrorResponse(added.error());
  Json json = ToJson(*added);
  if (added->kind == MessageKind::kToComplainant) {
    NoticeResult notice = s.notifier->SendMessage(*complaint, *added);
    LogNotice("message", *complaint, notice);
    json["notice"] = NoticeJson(notice);
  }
  return CreatedResponse("/api/v1/complaints/" + std::to_string(m.complaint_id) + "/messages", json);
}

HttpResponse ListAttachments(Services& s, RequestContext& ctx) {
  const Id id = ctx.PathId("id");
  if (auto c = s.store.complaints().GetComplaint(id); !c.ok()) return ErrorResponse(c.error());
  auto list = s.store.complaint_messages().ListAttachments(id);
  if (!list.ok()) return ErrorResponse(list.error());
  Json items = Json::array();
  for (const auto& a : *list) items.push_back(ToJson(a));
  return JsonResponse(200, {{"items", items}});
}

HttpResponse UploadAttachment(Services& s, RequestContext& ctx) {
  const Id id = ctx.PathId("id");
  FormBody form = ReadForm(ctx.request, 1);
  if (form.problem) return *form.problem;
  std::optional<Id> message_id;
  ObjectReader reader(form.fields);
  std::string message_text;
  reader.String("message_id", &message_text);
  if (!message_text.empty()) {
    Id parsed = 0;
    const bool digits = message_text.size() <= 18 &&
                        std::all_of(message_text.begin(), message_text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits) parsed = std::stoll(message_text);
    if (parsed <= 0) reader.AddError("message_id", "must be a positive id");
    else message_id = parsed;
  }
  if (form.files.empty()) reader.AddError("attachment", "is required (one file)");
  if (Status st = reader.Finish(); !st.ok()) return ErrorResponse(st.error());
  if (auto c = s.store.complaints().GetComplaint(id); !c.ok()) return ErrorResponse(c.error());
  CheckedFile& file = form.files.front();
  Attachment meta;
  meta.complaint_id = id;
  meta.message_id = message_id;
  meta.filename = file.filename;
  meta.content_type = file.content_type;
  meta.uploaded_by = ctx.write.actor.label;
  auto added = s.store.complaint_messages().AddAttachment(ctx.write, meta, file.content);
  if (!added.ok()) return ErrorResponse(added.error());
  return CreatedResponse("/api/v1/attachments/" + std::to_string(added->id) + "/content", ToJson(*added));
}

// RFC 5987/6266: filename*=UTF-8''<percent-encoded>, plus an ASCII fallback.
std::string ContentDisposition(const std::string& filename) {
  static const char* kHex = "0123456789ABCDEF";
  std::string encoded;
  std::string ascii;
  for (unsigned char c : filename) {
    const bool attr_char = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                           std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
    if (attr_char) {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
    ascii += (c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%') ? static_cast<char>(c) : '_';
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

HttpResponse DownloadAttachment(Services& s, RequestContext& ctx) {
  const Id id = ctx.PathId("id");
  auto meta = s.store.complaint_messages().GetAttachment(id);
  if (!meta.ok()) return ErrorResponse(meta.error());
  auto content = s.store.complaint_messages().GetAttachmentContent(id);
  if (!content.ok()) return ErrorResponse(content.error());
  HttpResponse response;
  response.status = 200;
  response.SetHeader("Content-Type", meta->content_type);
  response.SetHeader("Content-Disposition", ContentDisposition(SanitiseFilename(meta->filename)));
  response.body = std::move(*content);
  // The security headers are added by the pipeline; a download gets a
  // sandboxing CSP of its own so that even an opened file runs nothing.
  response.SetHeader("X-Content-Type-Options", "nosniff");
  response.SetHeader("Content-Security-Policy", "sandbox; default-src 'none'");
  return response;
}

// "received → acknowledged" for a transition entry, from its old and new JSON.
std::string AuditDetail(const AuditEntry& e) {
  std::string detail = e.entity_type;
  if (e.action == "transition") {
    Json old_value = Json::parse(e.old_value, nullptr, false);
    Json new_value = Json::parse(e.new_value, nullptr, false);
    auto state = [](const Json& j) -> std::string {
      if (j.is_object() && j.contains("state") && j["state"].is_string()) return j["state"].get<std::string>();
      return "";
    };
    if (!state(old_value).empty() || !state(new_value).empty())
      detail = state(old_value) + " \u2192 " + state(new_value);
  }
  if (!e.reason.empty()) detail += ": " + e.reason;
  return detail;
}

HttpResponse Timeline(Services& s, RequestContext& ctx) {
  const Id id = ctx.PathId("id");
  if (auto c = s.store.complaints().GetComplaint(id); !c.ok()) return ErrorResponse(c.error());
  struct Item {
    TimePoint at;
    int order;  // audit before message at the same instant, then by sequence
    std::int64_t seq;
    Json json;
  };
  std::vector<Item> items;
  AuditFilter filter;
  filter.complaint_id = id;
  ListOptions options;
  options.limit = 500;
  for (;;) {
    auto page = s.store.audit().ListAudit(filter, options);
    if (!page.ok()) return ErrorResponse(page.error());
    for (const auto& e : page->items) {
      items.push_back({e.at, 0, e.seq,
                       {{"at", FormatTimestamp(e.at)}, {"kind", "audit"}, {"actor", e.actor}, {"action", e.action},
                        {"detail", AuditDetail(e)}, {"entity_type", e.entity_type}, {"entity_id", e.entity_id},
                        {"seq", e.seq}}});
    }
    options.offset += static_cast<int>(page->items.size());
    if (page->items.empty() || options.offset >= page->total) break;
  }
  auto messages = s.store.complaint_messages().ListComplaintMessages(id, /*include_internal=*/true);
  if (!messages.ok()) return ErrorResponse(messages.error());
  for (const auto& m : *messages) {
    items.push_back({m.created_at, 1, m.id,
                     {{"at", FormatTimestamp(m.created_at)}, {"kind", "message"}, {"actor", m.author},
                      {"action", std::string(ToString(m.kind))},
                      {"detail", m.subject.empty() ? m.body : m.subject + "\n\n" + m.body},
                      {"message_id", m.id}}});
  }
  std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    if (a.at != b.at) return a.at < b.at;
    if (a.order != b.order) return a.order < b.order;
    return a.seq < b.seq;
  });
  Json out = Json::array();
  for (auto& item : items) out.push_back(std::move(item.json));
  return JsonResponse(200, {{"items", out}});
}

HttpResponse GetRating(Services& s, RequestContext& ctx) {
  const Id id = ctx.PathId("id");
  if (auto c = s.store.complaints().GetComplaint(id); !c.ok()) return ErrorResponse(c.error());
  auto rating = s.store.ratings().GetRating(id);
  // Not rated (yet) is an answer, not an error: the case page asks on every
  // visit, and a 404 there was noise in every console.
  if (!rating.ok() && rating.error().code == ErrorCode::kNotFound) return JsonResponse(200, Json(nullptr));
  if (!rating.ok()) return ErrorResponse(rating.error());
  return JsonResponse(200, ToJson(*rating));
}

}  // namespace

Json SendMoveNotice(Services& s, const Complaint& moved) {
  if (moved.state == ComplaintState::kAcknowledged) {
    NoticeResult notice = s.notifier->SendAcknowledgement(moved);
    LogNotice("acknowledgement", moved, notice);
    return NoticeJson(notice);
  }
  // A duplicate is closed by its merge, which mails no rating link.
  if (moved.state == ComplaintState::kClosed && moved.closure != ClosureKind::kDuplicate) {
    ScheduleComplaintClosedSurveys(s, moved);  // transactional surveys (issue 8)
    auto closure = s.notifier->SendClosure(moved);
    if (!closure.ok()) {
      // The case is closed; only the rating link could not be issued.
      spdlog::warn("closure notice for {}: {}", moved.reference, ForLog(closure.error().message));
      return {{"outcome", "failed"}, {"detail", "the rating link could not be issued"}};
    }
    LogNotice("closure", moved, *closure);
    return NoticeJson(*closure);
  }
  return nullptr;
}

void AddComplaintRoutes(Router& router, Services& s) {
  const RouteAdapter h(s);
  AddComplaintSchemas(router);
  std::vector<std::string> list_query = {"limit", "offset", "sort"};
  for (const auto& p : ComplaintFilterParams()) list_query.push_back(p);
  const std::string tag = "complaints";
  router.Add({.method = "GET", .path = "/api/v1/complaints", .roles = AllRoles(), .tag = tag,
              .summary = "List complaints: queues (mine, unassigned, overdue, open), filters, full-text q",
              .response_schema = "ComplaintPage", .query = list_query, .handler = h(ListComplaints)});
  router.Add({.method = "POST", .path = "/api/v1/complaints", .roles = WriterRoles(), .tag = tag,
              .summary = "File a complaint received by staff or through the API (the status link goes to the complainant by mail only)",
              .request_schema = "ComplaintInput", .response_schema = "Complaint", .success_status = 201,
              .handler = h(CreateComplaint)});
  router.Add({.method = "GET", .path = "/api/v1/complaints/{id}", .roles = AllRoles(), .tag = tag,
              .summary = "One complaint with its SLA view and allowed next states", .response_schema = "Complaint",
              .handler = h(GetComplaint)});
  router.Add({.method = "GET", .path = "/api/v1/complaints/by-reference/{reference}", .roles = AllRoles(),
              .tag = tag, .summary = "The complaint with a reference such as C-2026-000123",
              .response_schema = "Complaint", .handler = h(GetByReference)});
  router.Add({.method = "POST", .path = "/api/v1/complaints/{id}/transitions", .roles = WriterRoles(), .tag = tag,
              .summary = "Move a complaint to another state (409 when the state machine forbids it)",
              .request_schema = "ComplaintTransition", .response_schema = "Complaint", .handler = h(Transition)});
  router.Add({.method = "POST", .path = "/api/v1/complaints/{id}/assessment", .roles = WriterRoles(), .tag = tag,
              .summary = "Record the assessment (severity, priority, category, ...)",
              .request_schema = "ComplaintAssessment", .response_schema = "Complaint", .handler = h(Assess)});
  router.Add({.method = "POST", .path = "/api/v1/complaints/{id}/investigation", .roles = WriterRoles(),
              .tag = tag, .summary = "Record the investigation (5 whys, cause category, root cause)",
              .request_schema = "ComplaintInvestigation", .response_schema = "Complaint",
              .handler = h(Investigate)});
  router.Add({.method = "POST", .path = "/api/v1/complaints/{id}/response", .roles = WriterRoles(), .tag = tag,
              .summary = "Record and send the decision and remedies", .request_schema = "ComplaintResponse",
              .response_schema = "Complaint", .handler = h(Respond)});
  router.Add({.method = "PUT", .path = "/api/v1/complaints/{id}/assignee", .roles = WriterRoles(), .tag = tag,
              .summary = "Assign the complaint to a user, or unassign it (null)",
              .request_schema = "ComplaintAssignee", .response_schema = "Complaint", .handler = h(SetAssignee)});
  router.Add({.method = "GET", .path = "/api/v1/complaints/{id}/messages", .roles = AllRoles(), .tag = tag,
              .summary = "Messages of a case, internal notes included, oldest first",
              .response_schema = "ComplaintMessageList", .handler = h(ListMessages)});
  router.Add({.method = "POST", .path = "/api/v1/complaints/{id}/messages", .roles = WriterRoles(), .tag = tag,
              .summary = "Write to the complainant (also mailed) or add an internal note",
              .request_schema = "ComplaintMessageInput", .response_schema = "ComplaintMessage",
              .success_status = 201, .handler = h(AddMessage)});
  router.Add({.method = "GET", .path = "/api/v1/complaints/{id}/attachments", .roles = AllRoles(), .tag = tag,
              .summary = "Attachments of a case", .response_schema = "AttachmentList",
              .handler = h(ListAttachments)});
  router.Add({.method = "POST", .path = "/api/v1/complaints/{id}/attachments", .roles = WriterRoles(), .tag = tag,
              .summary = "Upload one file (multipart/form-data field \"attachment\", up to 10 MB)",
              .response_schema = "Attachment", .success_status = 201, .handler = h(UploadAttachment),
              .max_body_bytes = kFileUploadBodyBytes});
  router.Add({.method = "GET", .path = "/api/v1/attachments/{id}/content", .roles = AllRoles(), .tag = tag,
              .summary = "Download an attachment (as an attachment, never rendered inline)",
              .response_schema = "-", .handler = h(DownloadAttachment)});
  router.Add({.method = "GET", .path = "/api/v1/complaints/{id}/timeline", .roles = AllRoles(), .tag = tag,
              .summary = "Everything that happened on a case: audit entries and messages by time",
              .response_schema = "ComplaintTimeline", .handler = h(Timeline)});
  router.Add({.method = "GET", .path = "/api/v1/complaints/{id}/rating", .roles = AllRoles(), .tag = tag,
              .summary = "The complainant's rating of the handling (404 when not rated)",
              .response_schema = "HandlingRating", .handler = h(GetRating)});
}

}  // namespace hearken::http
