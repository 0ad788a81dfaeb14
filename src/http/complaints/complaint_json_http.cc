#include "http/complaints/complaint_json_http.h"

#include "core/time_format.h"
#include "core/validation.h"
#include "http/openapi_schema.h"
#include "http/problem.h"
#include "media/file_check.h"

namespace hearken::http {

Status ComplaintPresenter::Load() {
  if (loaded_) return Status::Ok();
  auto settings = store_.complaint_admin().GetComplaintSettings();
  if (!settings.ok()) return settings.error();
  auto calendar = BusinessCalendar::CreateCached(settings->calendar);
  if (!calendar.ok()) return Error::Internal("the stored business calendar is invalid: " + calendar.error().message);
  settings_ = std::move(*settings);
  calendar_ = std::move(*calendar);
  loaded_ = true;
  return Status::Ok();
}

Result<Json> ComplaintPresenter::Present(const Complaint& c) {
  if (Status st = Load(); !st.ok()) return st.error();
  Json j = ToJson(c);
  Json category_path = nullptr;
  if (c.intake.category_id) {
    // One category at a time, from the store's cached taxonomy.
    auto it = category_paths_.find(*c.intake.category_id);
    if (it == category_paths_.end()) {
      auto category = store_.complaint_admin().GetCategory(*c.intake.category_id);
      if (!category.ok() && category.error().code != ErrorCode::kNotFound) return category.error();
      it = category_paths_.emplace(*c.intake.category_id, category.ok() ? category->path : std::string()).first;
    }
    if (!it->second.empty()) category_path = it->second;
  }
  j["category_path"] = category_path;
  j["merged_into"] = nullptr;
  if (c.merged_into_id) {
    auto into = store_.complaints().GetComplaint(*c.merged_into_id);
    if (!into.ok()) return into.error();
    j["merged_into"] = {{"id", into->id}, {"reference", into->reference}};
  }
  j["sla"] = ToJson(EvaluateComplaintSla(*calendar_, settings_->sla, c, now_));
  Json allowed = Json::array();
  for (ComplaintState s : AllowedNextStates(c.state, c.paused_from)) allowed.push_back(std::string(ToString(s)));
  j["allowed_next"] = allowed;
  return j;
}

std::string StageLabel(ComplaintState state) {
  switch (state) {
    case ComplaintState::kReceived: return "Received";
    case ComplaintState::kAcknowledged: return "Acknowledged";
    case ComplaintState::kAssessed: return "Being assessed";
    case ComplaintState::kInvestigating: return "Under investigation";
    case ComplaintState::kResponded: return "Response sent";
    case ComplaintState::kClosed: return "Closed";
    case ComplaintState::kWaitingOnComplainant: return "Waiting for your reply";
    case ComplaintState::kReopened: return "Reopened";
    case ComplaintState::kWithdrawn: return "Withdrawn";
    case ComplaintState::kReferred: return "Referred to external dispute resolution";
  }
  return "In progress";
}

std::string PublicAuthor(const ComplaintMessage& message) {
  return message.kind == MessageKind::kFromComplainant ? "You" : "Complaints team";
}

Json PublicMessageJson(const ComplaintMessage& m) {
  return {{"id", m.id},
          {"kind", std::string(ToString(m.kind))},
          {"subject", m.subject},
          {"body", m.body},
          {"author", PublicAuthor(m)},
          {"created_at", FormatTimestamp(m.created_at)}};
}

Json PublicStatusJson(const Complaint& c, const std::vector<ComplaintMessage>& messages) {
  Json shown = Json::array();
  for (const auto& m : messages)
    if (m.kind == MessageKind::kToComplainant || m.kind == MessageKind::kFromComplainant)
      shown.push_back(PublicMessageJson(m));
  return {{"reference", c.reference},
          {"state", std::string(ToString(c.state))},
          {"stage_label", StageLabel(c.state)},
          {"received_at", FormatTimestamp(c.received_at)},
          {"acknowledged_at", TimeOrNull(c.acknowledged_at)},
          {"responded_at", TimeOrNull(c.responded_at)},
          {"closed_at", TimeOrNull(c.closed_at)},
          {"summary", c.intake.summary},
          {"messages", shown},
          {"can_reply", c.state != ComplaintState::kWithdrawn}};
}

HttpResponse MultipartErrorResponse(const MultipartError& error) {
  std::vector<FieldError> fields;
  if (!error.field.empty()) fields.push_back({error.field, error.message});
  switch (error.problem) {
    case MultipartProblem::kTooLarge:
      return Problem(413, error.message, fields);
    case MultipartProblem::kTooManyParts:
      return Problem(error.field == "attachment" ? 422 : 413, error.message, fields);
    case MultipartProblem::kMalformed:
      break;
  }
  return Problem(400, "the multipart body is malformed: " + error.message);
}

FormBody ReadForm(const HttpRequest& request, size_t max_files) {
  FormBody out;
  const std::string* type = request.Header("content-type");
  MultipartLimits limits;
  limits.max_files = max_files;
  limits.max_file_bytes = kMaxAttachmentBytes;
  MultipartResult parsed = ParseMultipart(type ? *type : "", request.body, limits);
  if (parsed.error) {
    out.problem = MultipartErrorResponse(*parsed.error);
    return out;
  }
  std::vector<FieldError> errors;
  Json fields = Json::object();
  for (const MultipartPart& part : parsed.parts) {
    if (part.filename) {
      if (part.name != "attachment") {
        errors.push_back({part.name, "is not a file field (files go in \"attachment\")"});
        continue;
      }
      if (part.data.empty()) {
        errors.push_back({"attachment", "\"" + SanitiseFilename(*part.filename) + "\" is empty"});
        continue;
      }
      auto sniffed = media::CheckFileContent(part.data);
      if (!sniffed.ok()) {
        errors.push_back({"attachment", "\"" + SanitiseFilename(*part.filename) +
                                            "\" is not an accepted type (PDF, PNG, JPEG, GIF, WebP or plain text)"});
        continue;
      }
      out.files.push_back({SanitiseFilename(*part.filename), *sniffed, std::string(part.data)});
      continue;
    }
    if (fields.contains(part.name)) {
      errors.push_back({part.name, "is sent more than once"});
      continue;
    }
    if (!IsCleanUtf8(part.data)) {
      errors.push_back({part.name, "must be UTF-8 text"});
      continue;
    }
    fields[part.name] = std::string(part.data);
  }
  if (!errors.empty()) {
    out.problem = ErrorResponse(Error::InvalidArgument("the form has invalid fields", std::move(errors)));
    return out;
  }
  out.fields = std::move(fields);
  return out;
}

}  // namespace hearken::http

namespace hearken::http {
namespace {

using namespace schema;

}  // namespace

// {id, reference} of another case (the one merged into, or merged in).
Json CaseLink(bool nullable) {
  Json link = Obj({{"id", IdT()}, {"reference", Str()}});
  if (nullable) link["nullable"] = true;
  return link;
}

void AddComplaintSchemas(Router& router) {
  Json sla = Obj({{"due", NTime()}, {"warn_at", NTime()}, {"budget_minutes", Int()}, {"elapsed_minutes", Int()},
                  {"fraction_elapsed", {{"type", "number"}}}, {"paused", Bool()}, {"stopped", Bool()},
                  {"warning", Bool()}, {"breached", Bool()}});
  sla["nullable"] = true;
  router.AddSchema("SlaStatus", sla);
  router.AddSchema(
      "Complaint",
      Obj({{"id", IdT()}, {"reference", Str()}, {"state", EnumT<ComplaintState>()},
           {"paused_from", EnumT<ComplaintState>(true)}, {"closure", EnumT<ClosureKind>(true)},
           {"intake", EnumT<ComplaintIntake>()}, {"channel", EnumT<Channel>()}, {"summary", Str()},
           {"description", Str()}, {"product", Str()}, {"occurred_on", NDate()}, {"remedy_wanted", Str()},
           {"contact_name", Str()}, {"contact_email", Str()}, {"contact_phone", Str()}, {"consent_contact", Bool()},
           {"customer_id", NId()}, {"segment_id", NId()}, {"site", Str()}, {"category_id", NId()},
           {"category_path", NStr()}, {"external_ref", Str()}, {"assignee_id", NId()}, {"merged_into_id", NId()},
           {"merged_into", CaseLink(true)}, {"merged", ArrayOf(CaseLink(false))},
           {"severity", NInt()},
           {"priority", EnumT<Priority>(true)}, {"immediate_action", Bool()}, {"immediate_action_note", Str()},
           {"whys", ArrayOf(Str())}, {"cause_category", EnumT<CauseCategory>(true)}, {"root_cause", Str()},
           {"evidence", Str()}, {"decision", Str()}, {"remedies", ArrayOf(EnumT<Remedy>())},
           {"remedy_detail", Str()}, {"source_outcome", Str()}, {"source_timely", {{"type", "boolean"}, {"nullable", true}}},
           {"received_at", Time()}, {"acknowledged_at", NTime()}, {"responded_at", NTime()}, {"closed_at", NTime()},
           {"reopen_count", Int()}, {"ack_due_at", NTime()}, {"resolve_due_at", NTime()},
           {"sla", Obj({{"acknowledge", Ref("SlaStatus")}, {"resolve", Ref("SlaStatus")}})},
           {"allowed_next", ArrayOf(EnumT<ComplaintState>())}, {"created_at", Time()}, {"updated_at", Time()},
           {"notice", Obj({{"outcome", {{"type", "string"}, {"enum", {"sent", "no_recipient", "rate_limited", "failed"}}}},
                           {"detail", Str()}})}}));
  router.AddSchema("ComplaintPage", Obj({{"items", ArrayOf(Ref("Complaint"))}, {"total", Int()},
                                         {"total_capped", Bool()}, {"limit", Int()}, {"offset", Int()}}));
  router.AddSchema(
      "ComplaintInput",
      Obj({{"channel", EnumT<Channel>()}, {"summary", Str()}, {"description", Str()}, {"product", Str()},
           {"occurred_on", NDate()}, {"remedy_wanted", Str()}, {"contact_name", Str()}, {"contact_email", Str()},
           {"contact_phone", Str()}, {"consent_contact", Bool()}, {"customer_id", NId()}, {"site", Str()},
           {"category_id", NId()}, {"external_ref", Str()}, {"received_at", NTime()}, {"acknowledge", Bool()}},
          {"channel", "summary", "description"}, true));
  router.AddSchema("ComplaintTransition",
                   Obj({{"to", EnumT<ComplaintState>()}, {"reason", Str()}, {"closure", EnumT<ClosureKind>(true)}},
                       {"to"}, true));
  router.AddSchema("ComplaintAssessment",
                   Obj({{"severity", {{"type", "integer"}, {"minimum", kMinSeverity}, {"maximum", kMaxSeverity}}},
                        {"priority", EnumT<Priority>()}, {"category_id", NId()}, {"product", Str()},
                        {"customer_id", NId()}, {"segment_id", NId()}, {"site", Str()},
                        {"immediate_action", Bool()}, {"immediate_action_note", Str()}},
                       {"severity"}, true));
  router.AddSchema("ComplaintInvestigation",
                   Obj({{"whys", ArrayOf(Str())}, {"cause_category", EnumT<CauseCategory>()},
                        {"root_cause", Str()}, {"evidence", Str()}},
                       {"whys", "cause_category", "root_cause"}, true));
  router.AddSchema("ComplaintResponse",
                   Obj({{"decision", Str()}, {"remedies", ArrayOf(EnumT<Remedy>())}, {"remedy_detail", Str()}},
                       {"decision", "remedies"}, true));
  router.AddSchema("ComplaintAssignee", Obj({{"assignee_id", NId()}}, {"assignee_id"}, true));
  router.AddSchema("ComplaintMessage",
                   Obj({{"id", IdT()}, {"complaint_id", IdT()}, {"kind", EnumT<MessageKind>()}, {"subject", Str()},
                        {"body", Str()}, {"author_id", NId()}, {"author", Str()}, {"created_at", Time()},
                        {"merged_from", CaseLink(true)}}));
  router.AddSchema("ComplaintMessageList", Obj({{"items", ArrayOf(Ref("ComplaintMessage"))}}));
  router.AddSchema("ComplaintMessageInput",
                   Obj({{"kind", {{"type", "string"}, {"enum", {"to_complainant", "internal_note"}}}},
                        {"subject", Str()}, {"body", Str()}},
                       {"kind", "body"}, true));
  router.AddSchema("Attachment", Obj({{"id", IdT()}, {"complaint_id", IdT()}, {"message_id", NId()},
                                      {"filename", Str()}, {"content_type", Str()}, {"size", Int()},
                                      {"blake2b", Str()}, {"uploaded_by", Str()}, {"created_at", Time()}}));
  router.AddSchema("AttachmentList", Obj({{"items", ArrayOf(Ref("Attachment"))}}));
  router.AddSchema("ComplaintTimeline",
                   Obj({{"items", ArrayOf(Obj({{"at", Time()},
                                               {"kind", {{"type", "string"}, {"enum", {"audit", "message"}}}},
                                               {"actor", Str()}, {"action", Str()}, {"detail", Str()}}))}}));
  router.AddSchema("HandlingRating", Obj({{"complaint_id", IdT()},
                                          {"score", {{"type", "integer"}, {"minimum", 1}, {"maximum", 5}}},
                                          {"comment", Str()}, {"rated_at", Time()}}));
  // Public.
  router.AddSchema("PublicComplaintInput",
                   Obj({{"summary", Str()}, {"description", Str()}, {"product", Str()},
                        {"occurred_on", {{"type", "string"}, {"format", "date"}}}, {"remedy_wanted", Str()},
                        {"contact_name", Str()}, {"contact_email", Str()}, {"contact_phone", Str()},
                        {"consent_contact", Bool()}, {"website", Str()}},
                       {"summary", "description"}, true));
  router.AddSchema("PublicOrganisation", Obj({{"name", Str()}, {"time_zone", Str()}}));
  router.AddSchema("PublicComplaintReceipt", Obj({{"reference", Str()}, {"status_url", Str()}}));
  router.AddSchema("PublicMessage", Obj({{"id", IdT()}, {"kind", EnumT<MessageKind>()}, {"subject", Str()},
                                         {"body", Str()}, {"author", Str()}, {"created_at", Time()}}));
  router.AddSchema("PublicStatus",
                   Obj({{"reference", Str()}, {"state", EnumT<ComplaintState>()}, {"stage_label", Str()},
                        {"received_at", Time()}, {"acknowledged_at", NTime()}, {"responded_at", NTime()},
                        {"closed_at", NTime()}, {"summary", Str()}, {"messages", ArrayOf(Ref("PublicMessage"))},
                        {"can_reply", Bool()}}));
  router.AddSchema("PublicReply", Obj({{"body", Str()}}, {"body"}, true));
  router.AddSchema("RatingForm", Obj({{"reference", Str()}, {"summary", Str()}, {"used", Bool()}}));
  router.AddSchema("RatingInput", Obj({{"score", {{"type", "integer"}, {"minimum", 1}, {"maximum", 5}}},
                                       {"comment", Str()}},
                                      {"score"}, true));
}

}  // namespace hearken::http
