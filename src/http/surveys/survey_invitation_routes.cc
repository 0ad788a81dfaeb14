// Survey distribution for staff (docs/API.md "Survey invitations"):
// quality managers and admins invite customers (by id or a segment) under
// the contact rules, send reminders, edit a survey's mail templates and the
// organisation's contact rules; every role reads invitations and their
// counts. Integrators post transactional events (POST /api/v1/survey-events)
// that schedule invitations to the surveys they trigger. Mails of
// invitations that are due now are sent before the answer (the rest by the
// background job); no route returns an invitation's link token, which
// exists only in its mail, so staff cannot answer in a customer's name.
#include <algorithm>

#include <spdlog/spdlog.h>

#include "core/survey/contact_rules.h"
#include "core/time_format.h"
#include "http/json_input.h"
#include "http/openapi_schema.h"
#include "http/problem.h"
#include "http/routes.h"
#include "http/surveys/survey_events.h"
#include "workflow/survey_invitation_sender.h"

namespace hearken::http {
namespace {

using namespace schema;

// Mails a request sends itself; more wait for the background job.
constexpr int kMailsPerRequest = 50;
const std::vector<std::string> kInvitationSortFields = {"created_at", "status", "id"};

Json OptTimeJson(const std::optional<TimePoint>& t) { return t ? Json(FormatTimestamp(*t)) : Json(nullptr); }

Json InvitationJson(const SurveyInvitation& i) {
  return {{"id", i.id},
          {"survey_id", i.survey_id},
          {"customer_id", i.customer_id},
          {"customer_name", i.customer_name},
          {"status", InvitationStatusName(i.status)},
          {"origin", InvitationOriginName(i.origin)},
          {"event_name", i.event_name},
          {"event_id", i.event_id},
          {"language", i.language},
          {"has_partial_answer", !i.partial_json.empty()},
          {"answer_id", i.answer_id ? Json(*i.answer_id) : Json(nullptr)},
          {"reminder_count", i.reminder_count},
          {"note", i.note},
          {"due_at", OptTimeJson(i.due_at)},
          {"created_at", FormatTimestamp(i.created_at)},
          {"sent_at", OptTimeJson(i.sent_at)},
          {"opened_at", OptTimeJson(i.opened_at)},
          {"started_at", OptTimeJson(i.started_at)},
          {"completed_at", OptTimeJson(i.completed_at)},
          {"bounced_at", OptTimeJson(i.bounced_at)},
          {"opted_out_at", OptTimeJson(i.opted_out_at)},
          {"cancelled_at", OptTimeJson(i.cancelled_at)},
          {"reminded_at", OptTimeJson(i.reminded_at)}};
}

Json MailReportJson(const Result<InvitationSendReport>& report) {
  if (!report.ok()) return {{"error", report.error().message}};
  return {{"sent", report->sent}, {"bounced", report->bounced}, {"retried", report->retried},
          {"skipped", report->skipped}};
}

Json SendDueNow(Services& s) { return MailReportJson(s.invitations->SendDueOnce(kMailsPerRequest)); }

// The customer ids of a segment, at most kMaxInvitationsPerRequest.
Result<std::vector<Id>> SegmentCustomers(Services& s, Id segment_id) {
  auto segment = s.store.customers().GetSegment(segment_id);
  if (!segment.ok()) {
    if (segment.error().code == ErrorCode::kNotFound) return Error::InvalidField("segment_id", "is not a segment");
    return segment.error();
  }
  std::vector<Id> ids;
  CustomerFilter filter;
  filter.segment_id = segment_id;
  ListOptions page;
  page.limit = 500;
  for (;;) {
    auto customers = s.store.customers().ListCustomers(filter, page);
    if (!customers.ok()) return customers.error();
    for (const auto& c : customers->items) ids.push_back(c.id);
    if (customers->items.size() < 500 || ids.size() >= kMaxInvitationsPerRequest) break;
    page.offset += 500;
  }
  if (ids.size() > kMaxInvitationsPerRequest) ids.resize(kMaxInvitationsPerRequest);
  return ids;
}

HttpResponse CreateInvitations(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  ObjectReader reader(*body.object);
  std::vector<Id> ids;
  std::optional<Id> segment_id;
  reader.IdList("customer_ids", &ids, kMaxInvitationsPerRequest);
  reader.OptionalId("segment_id", &segment_id);
  if (Status st = reader.Finish(); !st.ok()) return ErrorResponse(st.error());
  if (ids.empty() == !segment_id)
    return Problem(422, "name either customers or a segment",
                   {{"customer_ids", "give customer_ids or segment_id, one of them"}});
  if (segment_id) {
    auto members = SegmentCustomers(s, *segment_id);
    if (!members.ok()) return ErrorResponse(members.error());
    if (members->empty()) return Problem(422, "the segment has no customers", {{"segment_id", "has no customers"}});
    ids = std::move(*members);
  }
  std::vector<InvitationRequest> requests;
  for (Id id : ids) requests.push_back({id, InvitationOrigin::kStaff, "", "", s.clock.Now()});
  auto made = s.store.survey_invitations().CreateInvitations(ctx.write, ctx.PathId("id"), requests);
  if (!made.ok()) {
    if (made.error().code == ErrorCode::kFailedPrecondition)
      return Problem(409, made.error().message, made.error().fields);
    return ErrorResponse(made.error());
  }
  const Json mail = SendDueNow(s);
  Json created = Json::array();
  Json skipped = Json::array();
  for (const InvitationOutcome& o : *made) {
    if (!o.invitation) {
      skipped.push_back({{"customer_id", o.customer_id}, {"reason", o.skipped}});
      continue;
    }
    auto now = s.store.survey_invitations().GetInvitation(o.invitation->id);
    created.push_back(InvitationJson(now.ok() ? *now : *o.invitation));
  }
  return JsonResponse(200, {{"created", created}, {"skipped", skipped}, {"mail", mail}});
}

Json CountsJson(const std::vector<std::pair<InvitationStatus, std::int64_t>>& counts) {
  Json out = Json::object();
  for (const auto& [status, n] : counts) out[InvitationStatusName(status)] = n;
  return out;
}

HttpResponse ListInvitations(Services& s, RequestContext& ctx) {
  QueryReader q(ctx.request);
  InvitationFilter filter;
  filter.survey_id = ctx.PathId("id");
  filter.customer_id = q.OptionalId("customer_id");
  if (Status st = q.Finish(); !st.ok()) return ErrorResponse(st.error());
  if (const std::string* status = q.Raw("status"); status && !status->empty()) {
    filter.status = ParseInvitationStatus(*status);
    if (!filter.status)
      return Problem(422, "invalid query parameters: status",
                     {{"status", "must be one of scheduled, sent, opened, started, completed, bounced, opted_out, "
                                 "cancelled"}});
  }
  auto options = ParseListOptions(ctx.request, kInvitationSortFields);
  if (!options.ok()) return ErrorResponse(options.error());
  auto page = s.store.survey_invitations().ListInvitations(filter, *options);
  if (!page.ok()) return ErrorResponse(page.error());
  auto counts = s.store.survey_invitations().CountInvitations(filter.survey_id);
  if (!counts.ok()) return ErrorResponse(counts.error());
  Json items = Json::array();
  for (const auto& i : page->items) items.push_back(InvitationJson(i));
  return JsonResponse(200, {{"items", items}, {"total", page->total}, {"limit", options->limit},
                            {"offset", options->offset}, {"counts", CountsJson(*counts)}});
}

HttpResponse SendReminders(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  ObjectReader reader(*body.object);
  int max_reminders = 2;
  reader.Int("max_reminders", &max_reminders, 1, kMaxReminders);
  if (Status st = reader.Finish(); !st.ok()) return ErrorResponse(st.error());
  auto queued = s.store.survey_invitations().QueueReminders(ctx.write, ctx.PathId("id"), max_reminders);
  if (!queued.ok()) {
    if (queued.error().code == ErrorCode::kFailedPrecondition)
      return Problem(409, queued.error().message, queued.error().fields);
    return ErrorResponse(queued.error());
  }
  return JsonResponse(200, {{"queued", *queued}, {"mail", SendDueNow(s)}});
}

Json TemplatesJson(const SurveyMailTemplates& t) {
  return {{"survey_id", t.survey_id},
          {"invitation_subject", t.templates.invitation_subject},
          {"invitation_body", t.templates.invitation_body},
          {"reminder_subject", t.templates.reminder_subject},
          {"reminder_body", t.templates.reminder_body},
          {"is_default", t.is_default},
          {"placeholders", survey::MailPlaceholders()},
          {"updated_at", OptTimeJson(t.updated_at)}};
}

HttpResponse GetMailTemplates(Services& s, RequestContext& ctx) {
  auto t = s.store.survey_invitations().GetSurveyMailTemplates(ctx.PathId("id"));
  if (!t.ok()) return ErrorResponse(t.error());
  return JsonResponse(200, TemplatesJson(*t));
}

HttpResponse PutMailTemplates(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  SurveyMailTemplates t;
  t.survey_id = ctx.PathId("id");
  ObjectReader reader(*body.object);
  for (auto [key, out] : {std::pair{"invitation_subject", &t.templates.invitation_subject},
                          std::pair{"invitation_body", &t.templates.invitation_body},
                          std::pair{"reminder_subject", &t.templates.reminder_subject},
                          std::pair{"reminder_body", &t.templates.reminder_body}}) {
    reader.Require(key);
    reader.String(key, out);
  }
  for (const char* ignored : {"survey_id", "is_default", "placeholders", "updated_at"}) reader.Accept(ignored);
  if (Status st = reader.Finish(); !st.ok()) return ErrorResponse(st.error());
  auto saved = s.store.survey_invitations().UpdateSurveyMailTemplates(ctx.write, t);
  if (!saved.ok()) return ErrorResponse(saved.error());
  return JsonResponse(200, TemplatesJson(*saved));
}

Json RulesJson(Services& s, const survey::ContactRules& r) {
  auto org = s.store.organisation().GetSettings();
  return {{"min_days_between", r.min_days_between},
          {"quiet_start", survey::MinuteText(r.quiet_start_minute)},
          {"quiet_end", survey::MinuteText(r.quiet_end_minute)},
          {"time_zone", org.ok() ? org->time_zone : ""},
          {"updated_at", FormatTimestamp(r.updated_at)}};
}

HttpResponse GetContactRules(Services& s, RequestContext&) {
  auto rules = s.store.survey_invitations().GetContactRules();
  if (!rules.ok()) return ErrorResponse(rules.error());
  return JsonResponse(200, RulesJson(s, *rules));
}

HttpResponse PutContactRules(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  ObjectReader reader(*body.object);
  survey::ContactRules rules;
  std::string start, end;
  reader.Require("min_days_between");
  reader.Int("min_days_between", &rules.min_days_between, 0, survey::kMaxDaysBetweenInvitations);
  reader.Require("quiet_start");
  reader.String("quiet_start", &start);
  reader.Require("quiet_end");
  reader.String("quiet_end", &end);
  for (const char* ignored : {"time_zone", "updated_at"}) reader.Accept(ignored);
  if (Status st = reader.Finish(); !st.ok()) return ErrorResponse(st.error());
  std::vector<FieldError> bad;
  auto start_minute = survey::ParseMinute(start);
  auto end_minute = survey::ParseMinute(end);
  if (!start_minute) bad.push_back({"quiet_start", "must be a time HH:MM from 00:00 to 23:59"});
  if (!end_minute) bad.push_back({"quiet_end", "must be a time HH:MM from 00:00 to 23:59"});
  if (!bad.empty()) return Problem(422, "the quiet hours are not times of day", bad);
  rules.quiet_start_minute = *start_minute;
  rules.quiet_end_minute = *end_minute;
  auto saved = s.store.survey_invitations().UpdateContactRules(ctx.write, rules);
  if (!saved.ok()) return ErrorResponse(saved.error());
  return JsonResponse(200, RulesJson(s, *saved));
}

HttpResponse PostSurveyEvent(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  ObjectReader reader(*body.object);
  SurveyEvent event;
  event.occurred_at = s.clock.Now();
  reader.Require("event");
  reader.String("event", &event.name);
  reader.Require("customer_id");
  reader.Id("customer_id", &event.customer_id);
  reader.Require("event_id");
  reader.String("event_id", &event.event_id);
  reader.Time("occurred_at", &event.occurred_at);
  if (Status st = reader.Finish(); !st.ok()) return ErrorResponse(st.error());
  std::vector<FieldError> bad;
  if (event.name.empty() || event.name.size() > kMaxSurveyTriggerEventLength)
    bad.push_back({"event", "must be an event name of 1 to 100 bytes"});
  if (event.event_id.empty() || event.event_id.size() > 200) bad.push_back({"event_id", "must be 1 to 200 bytes"});
  if (!bad.empty()) return Problem(422, "the event is incomplete", bad);
  auto customer = s.store.customers().GetCustomer(event.customer_id);
  if (!customer.ok()) {
    if (customer.error().code == ErrorCode::kNotFound)
      return Problem(422, "no such customer", {{"customer_id", "is not a customer"}});
    return ErrorResponse(customer.error());
  }
  auto scheduled = ScheduleSurveyEvent(s, ctx.write, event);
  if (!scheduled.ok()) return ErrorResponse(scheduled.error());
  return JsonResponse(200, *scheduled);
}

}  // namespace

Result<Json> ScheduleSurveyEvent(Services& s, const WriteContext& ctx, const SurveyEvent& event) {
  SurveyFilter filter;
  filter.status = SurveyStatus::kOpen;
  filter.kind = SurveyKind::kTransactional;
  ListOptions page;
  page.limit = 500;
  auto surveys = s.store.surveys().ListSurveys(filter, page);
  if (!surveys.ok()) return surveys.error();
  Json scheduled = Json::array();
  Json skipped = Json::array();
  for (const Survey& survey : surveys->items) {
    if (survey.trigger_event != event.name) continue;
    if (!survey::SampledIn(survey.id, event.event_id, survey.sampling_percent)) {
      skipped.push_back({{"survey_id", survey.id},
                         {"reason", "not in the survey's sample of " + std::to_string(survey.sampling_percent) +
                                        " % of events"}});
      continue;
    }
    const TimePoint due = event.occurred_at + std::chrono::minutes(survey.trigger_delay_minutes);
    auto made = s.store.survey_invitations().CreateInvitations(
        ctx, survey.id, {{event.customer_id, InvitationOrigin::kEvent, event.name, event.event_id, due}});
    if (!made.ok()) {
      skipped.push_back({{"survey_id", survey.id}, {"reason", made.error().message}});
      continue;
    }
    const InvitationOutcome& o = made->at(0);
    if (!o.invitation) {
      skipped.push_back({{"survey_id", survey.id}, {"reason", o.skipped}});
      continue;
    }
    scheduled.push_back({{"survey_id", survey.id},
                         {"invitation_id", o.invitation->id},
                         {"due_at", OptTimeJson(o.invitation->due_at)}});
  }
  Json out = {{"scheduled", scheduled}, {"skipped", skipped}};
  if (!scheduled.empty()) out["mail"] = SendDueNow(s);
  return out;
}

void ScheduleComplaintClosedSurveys(Services& s, const Complaint& complaint) {
  if (!complaint.intake.customer_id || complaint.state != ComplaintState::kClosed) return;
  static const WriteContext system{{std::nullopt, "system"}, "complaint closed"};
  SurveyEvent event{"complaint_closed", *complaint.intake.customer_id,
                    "complaint-" + std::to_string(complaint.id) + "-" + FormatTimestamp(complaint.closed_at.value_or(s.clock.Now())),
                    complaint.closed_at.value_or(s.clock.Now())};
  auto scheduled = ScheduleSurveyEvent(s, system, event);
  if (!scheduled.ok()) spdlog::warn("surveys after closing {}: {}", complaint.reference, scheduled.error().message);
}

void AddSurveyInvitationRoutes(Router& router, Services& services) {
  const RouteAdapter h(services);
  const std::string tag = "surveys";
  router.AddSchema("SurveyInvitation",
                   Obj({{"id", IdT()}, {"survey_id", IdT()}, {"customer_id", IdT()}, {"customer_name", Str()},
                        {"status", Str()}, {"origin", Str()}, {"event_name", Str()}, {"event_id", Str()},
                        {"language", Str()}, {"has_partial_answer", Bool()}, {"answer_id", NId()},
                        {"reminder_count", Int()}, {"note", Str()}, {"due_at", NTime()}, {"created_at", Time()},
                        {"sent_at", NTime()}, {"opened_at", NTime()}, {"started_at", NTime()},
                        {"completed_at", NTime()}, {"bounced_at", NTime()}, {"opted_out_at", NTime()},
                        {"cancelled_at", NTime()}, {"reminded_at", NTime()}}));
  router.AddSchema("SurveyInvitationInput",
                   Obj({{"customer_ids", ArrayOf(IdT())}, {"segment_id", NId()}}));
  router.AddSchema("SurveyInvitationOutcome",
                   Obj({{"created", ArrayOf(Ref("SurveyInvitation"))},
                        {"skipped", ArrayOf(Obj({{"customer_id", IdT()}, {"reason", Str()}}))},
                        {"mail", {{"type", "object"}}}}));
  router.AddSchema("SurveyInvitationList",
                   Obj({{"items", ArrayOf(Ref("SurveyInvitation"))}, {"total", Int()}, {"limit", Int()},
                        {"offset", Int()}, {"counts", {{"type", "object"}}}}));
  router.AddSchema("SurveyReminderInput", Obj({{"max_reminders", Int()}}));
  router.AddSchema("SurveyReminderOutcome", Obj({{"queued", Int()}, {"mail", {{"type", "object"}}}}));
  router.AddSchema("SurveyMailTemplates",
                   Obj({{"survey_id", IdT()}, {"invitation_subject", Str()}, {"invitation_body", Str()},
                        {"reminder_subject", Str()}, {"reminder_body", Str()}, {"is_default", Bool()},
                        {"placeholders", ArrayOf(Str())}, {"updated_at", NTime()}},
                       {"invitation_subject", "invitation_body", "reminder_subject", "reminder_body"}));
  router.AddSchema("ContactRules", Obj({{"min_days_between", Int()}, {"quiet_start", Str()}, {"quiet_end", Str()},
                                        {"time_zone", Str()}, {"updated_at", Time()}},
                                       {"min_days_between", "quiet_start", "quiet_end"}));
  router.AddSchema("SurveyEventInput", Obj({{"event", Str()}, {"customer_id", IdT()}, {"event_id", Str()},
                                            {"occurred_at", Time()}},
                                           {"event", "customer_id", "event_id"}));
  router.AddSchema("SurveyEventOutcome", Obj({{"scheduled", ArrayOf({{"type", "object"}})},
                                              {"skipped", ArrayOf({{"type", "object"}})}}));

  router.Add({.method = "POST", .path = "/api/v1/surveys/{id}/invitations", .roles = QualityRoles(), .tag = tag,
              .summary = "Invite customers (ids or a segment) under the contact rules; mails due now are sent",
              .request_schema = "SurveyInvitationInput", .response_schema = "SurveyInvitationOutcome",
              .handler = h(CreateInvitations), .max_body_bytes = 256 * 1024});
  router.Add({.method = "GET", .path = "/api/v1/surveys/{id}/invitations", .roles = AllRoles(), .tag = tag,
              .summary = "A survey's invitations, newest first, with the count per status",
              .response_schema = "SurveyInvitationList",
              .query = {"status", "customer_id", "limit", "offset", "sort"}, .handler = h(ListInvitations)});
  router.Add({.method = "POST", .path = "/api/v1/surveys/{id}/invitations/reminders", .roles = QualityRoles(),
              .tag = tag, .summary = "Remind everyone invited who has not answered nor opted out",
              .request_schema = "SurveyReminderInput", .response_schema = "SurveyReminderOutcome",
              .handler = h(SendReminders)});
  router.Add({.method = "GET", .path = "/api/v1/surveys/{id}/mail-templates", .roles = AllRoles(), .tag = tag,
              .summary = "The survey's invitation and reminder mail templates", .response_schema = "SurveyMailTemplates",
              .handler = h(GetMailTemplates)});
  router.Add({.method = "PUT", .path = "/api/v1/surveys/{id}/mail-templates", .roles = QualityRoles(), .tag = tag,
              .summary = "Edit the survey's mail templates", .request_schema = "SurveyMailTemplates",
              .response_schema = "SurveyMailTemplates", .handler = h(PutMailTemplates)});
  router.Add({.method = "GET", .path = "/api/v1/settings/contact-rules", .roles = AllRoles(), .tag = tag,
              .summary = "The contact rules of survey invitations", .response_schema = "ContactRules",
              .handler = h(GetContactRules)});
  router.Add({.method = "PUT", .path = "/api/v1/settings/contact-rules", .roles = QualityRoles(), .tag = tag,
              .summary = "Change the contact rules (days between invitations, quiet hours)",
              .request_schema = "ContactRules", .response_schema = "ContactRules", .handler = h(PutContactRules)});
  router.Add({.method = "POST", .path = "/api/v1/survey-events", .roles = WriterRoles(), .tag = tag,
              .summary = "An event about a customer that triggers transactional surveys after their delay",
              .request_schema = "SurveyEventInput", .response_schema = "SurveyEventOutcome",
              .handler = h(PostSurveyEvent)});
}

}  // namespace hearken::http
