// The records of complaint handling (ISO 10002:2018, ISO 9001 8.2.1 and 10.2)
// as plain values, their field rules, and the SLA view of one complaint.
// The state machine itself is in complaint_lifecycle.h, the calendar and SLA
// arithmetic in business_calendar.h; this file ties them to the records.
//
// Conventions as in entities.h: ids are positive and assigned by the store,
// optional references are std::optional, times are UTC instants, every
// enumeration has one stable text name (ToString / Parse* / EnumNames).
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/business_calendar.h"
#include "core/clock.h"
#include "core/complaint_lifecycle.h"
#include "core/entities.h"
#include "core/result.h"

namespace hearken {

// ---- Enumerations ---------------------------------------------------------------

// How the complaint reached us (the channel says by what medium).
enum class ComplaintIntake { kPublicForm, kStaff, kApi, kEmail, kImport };
enum class Priority { kLow, kNormal, kHigh, kUrgent };
// Ishikawa's six Ms, as named in ISO practice.
enum class CauseCategory { kPeople, kProcess, kEquipment, kMaterial, kMeasurement, kEnvironment };
enum class Remedy { kExplanation, kApology, kRepair, kReplacement, kRefund, kOther };
// to_complainant: sent to (and shown to) the complainant; from_complainant:
// their reply (status page or e-mail); internal_note: staff only, never shown
// on the status page nor mailed.
// kUnverifiedMail: an e-mail naming the case whose sender is not the
// complaint's contact address — kept for staff, never on the status page,
// never taken as the complainant's reply.
enum class MessageKind { kToComplainant, kFromComplainant, kInternalNote, kUnverifiedMail };
enum class ActionStatus { kOpen, kInProgress, kDone, kCancelled };
// Which SLA clock, and which notice the SLA job sent about it.
enum class SlaClock { kAcknowledge, kResolve };
enum class SlaNotice { kWarning, kEscalation };

std::string_view ToString(ComplaintIntake v);
std::string_view ToString(Priority v);
std::string_view ToString(CauseCategory v);
std::string_view ToString(Remedy v);
std::string_view ToString(MessageKind v);
std::string_view ToString(ActionStatus v);
std::string_view ToString(SlaClock v);
std::string_view ToString(SlaNotice v);
std::optional<ComplaintIntake> ParseComplaintIntake(std::string_view s);
std::optional<Priority> ParsePriority(std::string_view s);
std::optional<CauseCategory> ParseCauseCategory(std::string_view s);
std::optional<Remedy> ParseRemedy(std::string_view s);
std::optional<MessageKind> ParseMessageKind(std::string_view s);
std::optional<ActionStatus> ParseActionStatus(std::string_view s);
std::optional<SlaClock> ParseSlaClock(std::string_view s);
std::optional<SlaNotice> ParseSlaNotice(std::string_view s);
// EnumNames<E>() is defined for each of these too.

// ---- Limits ---------------------------------------------------------------------

inline constexpr size_t kMaxWhys = 10;
inline constexpr size_t kMaxAttachmentBytes = 10 * 1024 * 1024;
inline constexpr size_t kMaxAttachmentsPerComplaint = 20;
inline constexpr size_t kMaxCategoryDepth = 6;

// ---- The complaint ---------------------------------------------------------------

// What the complainant tells us; the fields the public form, staff entry, the
// API, e-mail intake and the import fill.
struct ComplaintIntakeFields {
  ComplaintIntake intake = ComplaintIntake::kStaff;
  Channel channel = Channel::kPortal;
  std::string summary;        // one line, required, <= kMaxShortTextLength
  std::string description;    // what happened, required, <= kMaxLongTextLength
  std::string product;        // product or service concerned, <= kMaxNameLength
  // The calendar day it happened, if known: a date, the same in every zone
  // (not an instant, so a zone west of UTC never shows the day before).
  std::optional<std::chrono::year_month_day> occurred_on;
  std::string remedy_wanted;  // what the complainant asks for, <= kMaxLongTextLength
  std::string contact_name;   // <= kMaxNameLength
  std::string contact_email;  // plausible e-mail or empty
  std::string contact_phone;  // <= 50
  bool consent_contact = false;  // may be contacted about this complaint
  std::optional<Id> customer_id;
  std::string site;           // <= kMaxNameLength
  std::optional<Id> category_id;  // known at intake (import, staff)
  // Received time; the store uses its clock when empty (imports give the date).
  std::optional<TimePoint> received_at;
  std::string external_ref;   // id in a source system (CFPB Complaint ID); unique when not empty
  std::string source_message_id;  // e-mail Message-ID; unique when not empty (idempotent intake)
};

// Assessment (ISO 10002 7.4): how serious, how urgent, what it is about.
struct ComplaintAssessment {
  int severity = 3;  // kMinSeverity (most severe) .. kMaxSeverity
  Priority priority = Priority::kNormal;
  std::optional<Id> category_id;
  std::string product;
  std::optional<Id> customer_id;
  std::optional<Id> segment_id;  // when empty and customer_id is set: the customer's segment
  std::string site;
  bool immediate_action = false;
  std::string immediate_action_note;  // required when immediate_action
};

// Investigation (ISO 10002 7.6, ISO 9001 10.2.1 b): the root cause.
struct ComplaintInvestigation {
  std::vector<std::string> whys;  // 1..kMaxWhys answers, each non-blank, <= kMaxShortTextLength
  CauseCategory cause_category = CauseCategory::kProcess;
  std::string root_cause;  // required
  std::string evidence;    // optional
};

// Response (ISO 10002 7.7/7.8): the decision and the remedy, communicated.
struct ComplaintResponse {
  std::string decision;          // required; becomes a message to the complainant
  std::vector<Remedy> remedies;  // at least one, no repeats
  std::string remedy_detail;     // e.g. the refund amount; required when kOther is chosen
};

struct Complaint {
  Id id = 0;
  std::string reference;  // "C-2026-000123": year received (UTC) and a per-year number
  ComplaintState state = ComplaintState::kReceived;
  std::optional<ComplaintState> paused_from;  // set while waiting_on_complainant
  std::optional<ClosureKind> closure;         // set while closed
  ComplaintIntakeFields intake;               // as received (product and site may be refined by assessment)
  std::optional<Id> segment_id;
  std::optional<Id> assignee_id;
  // The case this one was merged into as a duplicate (closure kDuplicate);
  // cleared if it is reopened.
  std::optional<Id> merged_into_id;
  // Assessment, set once assessed.
  std::optional<int> severity;
  std::optional<Priority> priority;
  bool immediate_action = false;
  std::string immediate_action_note;
  // Investigation.
  std::vector<std::string> whys;
  std::optional<CauseCategory> cause_category;
  std::string root_cause;
  std::string evidence;
  // Response.
  std::string decision;
  std::vector<Remedy> remedies;
  std::string remedy_detail;
  // Import outcome as the source recorded it (CFPB "Company response to
  // consumer", "Timely response?"); empty / nullopt for our own cases.
  std::string source_outcome;
  std::optional<bool> source_timely;
  // Milestones.
  TimePoint received_at{};
  std::optional<TimePoint> acknowledged_at;  // first acknowledgement
  std::optional<TimePoint> responded_at;     // latest response
  std::optional<TimePoint> closed_at;        // latest closure
  int reopen_count = 0;
  // SLA clocks as the store keeps them (see ComplaintSlaView below).
  TimePoint ack_started_at{};
  std::optional<TimePoint> ack_stopped_at;
  TimePoint resolve_started_at{};
  std::optional<TimePoint> resolve_stopped_at;
  std::vector<SlaPause> resolve_pauses;  // pauses since resolve_started_at
  // Due times, recomputed by the store on every write (nullopt while the
  // clock is stopped or paused). Used by the "overdue" queue.
  std::optional<TimePoint> ack_due_at;
  std::optional<TimePoint> resolve_due_at;
  // Notices the SLA job sent for the current clocks (cleared on restart).
  std::optional<TimePoint> ack_warned_at, ack_escalated_at, resolve_warned_at, resolve_escalated_at;
  std::string status_token_hash;  // HashToken of the secret status-link token; never leaves the server
  std::optional<int> rating;      // the complainant's handling rating (1..5) once given
  TimePoint created_at{};
  TimePoint updated_at{};
};

// A message on a case.
struct ComplaintMessage {
  Id id = 0;
  Id complaint_id = 0;
  MessageKind kind = MessageKind::kInternalNote;
  std::string subject;  // optional, <= kMaxShortTextLength
  std::string body;     // required, <= kMaxLongTextLength
  std::optional<Id> author_id;
  std::string author;   // actor label, or the complainant's name/address
  std::string mail_message_id;  // for e-mail replies (dedup) and sent mail
  TimePoint created_at{};
};

// A file attached to a case (content kept by the store, fetched separately).
struct Attachment {
  Id id = 0;
  Id complaint_id = 0;
  std::optional<Id> message_id;
  std::string filename;      // sanitised: no path, no control characters, <= 200
  std::string content_type;  // as detected from the content (SniffContentType)
  std::int64_t size = 0;
  std::string blake2b;       // hex digest of the content
  std::string uploaded_by;   // actor label
  TimePoint created_at{};
};

// A node of the configurable, hierarchical category taxonomy.
struct ComplaintCategory {
  Id id = 0;
  std::optional<Id> parent_id;
  std::string name;  // unique among siblings, <= kMaxNameLength, no "/" (the path separator)
  std::string path;  // computed: "Mortgage / Conventional home mortgage / ..."
  bool active = true;
  TimePoint created_at{};
};

// A corrective action (ISO 9001 10.2) raised from one or more complaints.
struct CorrectiveAction {
  Id id = 0;
  std::string title;  // required, <= kMaxShortTextLength
  std::string description;
  std::optional<Id> owner_id;
  std::optional<std::chrono::year_month_day> due_date;
  ActionStatus status = ActionStatus::kOpen;
  std::vector<Id> complaint_ids;  // linked complaints, ascending
  std::string created_by;
  TimePoint created_at{};
  TimePoint updated_at{};
};

// The complainant's rating of how the complaint was handled (closure mail link).
struct HandlingRating {
  Id complaint_id = 0;
  int score = 0;  // 1..5
  std::string comment;
  TimePoint rated_at{};
};

// Complaints received in one period need a volume (orders, deliveries) for a u-chart.
struct PeriodVolume {
  std::string period;  // "2025-01" (month) or "2025-W03" (ISO week)
  double volume = 0;   // > 0
  std::string unit;    // "orders", "deliveries", ...
};

// One editable mail template. Placeholders: {{reference}}, {{status_link}},
// {{rating_link}}, {{name}}, {{summary}}, {{decision}}, {{organisation}}.
struct MailTemplate {
  std::string subject;
  std::string body;
  bool operator==(const MailTemplate&) const = default;
};

// A canned response (issue 7): a named text a handler inserts into a
// message to the complainant and edits before sending. Placeholders, filled
// in when inserted: {{reference}}, {{name}}, {{summary}}, {{decision}},
// {{organisation}} (no links: staff never see them).
struct CannedResponse {
  std::string name;     // 1..100 bytes, unique (ignoring case)
  std::string subject;  // may be empty
  std::string body;     // required
  bool operator==(const CannedResponse&) const = default;
};
inline constexpr size_t kMaxCannedResponses = 100;

// Settings of complaint handling (one record, edited by admins).
struct ComplaintSettings {
  CalendarSettings calendar;
  SlaPolicy sla;
  ClosurePolicy closure;
  std::string mail_from;           // sender address of notices; empty: no mail is sent
  std::string mail_from_name;
  std::string public_base_url = "http://127.0.0.1:8080";  // for status and rating links
  MailTemplate acknowledgement;
  MailTemplate decision;
  MailTemplate closure_notice;
  std::vector<CannedResponse> canned_responses;
  TimePoint updated_at{};
};

// The settings in force until an admin saves others (the store's settings row
// starts empty): calendar Monday to Friday 09:00-17:00 UTC without holidays;
// SLA targets acknowledge 1 business day and resolve 10 business days when
// unassessed and for severities 3 and 4, tighter for the severe ones
// (severity 1: acknowledge 4 business hours, resolve 2 business days;
// severity 2: 1 and 5 business days), warning at 75 %; closure for no reply
// after 14 days; no sender (so no mail) and public_base_url
// "http://127.0.0.1:8080"; plain English templates whose subjects start with
// "[{{reference}}]" (acknowledgement with {{reference}} and {{status_link}},
// decision with {{decision}}, closure notice with {{rating_link}}).
ComplaintSettings DefaultComplaintSettings();

// What `complaint` holds for the state rules (complaint_lifecycle.h
// CheckCaseRecord): an assessment once a severity is recorded; a standing
// decision when a decision was recorded at its latest response and the
// resolve clock has not restarted since (a rejected response or a reopening
// restarts it, so the case needs a new decision).
CaseRecord CaseRecordOf(const Complaint& complaint);

// ---- Validation (edge and store) --------------------------------------------------
// Each returns every problem at once as InvalidArgument naming the fields.

Status ValidateComplaintIntake(const ComplaintIntakeFields& fields);
Status ValidateAssessment(const ComplaintAssessment& assessment);
Status ValidateInvestigation(const ComplaintInvestigation& investigation);
Status ValidateResponse(const ComplaintResponse& response);
Status ValidateComplaintMessage(const ComplaintMessage& message);
Status ValidateCategoryName(std::string_view name);
Status ValidateCorrectiveAction(const CorrectiveAction& action);
Status ValidateRating(int score, std::string_view comment);
Status ValidatePeriodVolume(const PeriodVolume& volume);
// Calendar, SLA policy, closure policy, address, URL (http/https) and that each
// template's placeholders are known. Fields are named by their JSON paths
// (complaint_json.h): "calendar/time_zone", "sla/severity/1/resolve",
// "closure/no_reply_days", "mail_from", "public_base_url",
// "templates/acknowledgement/body" (unknown {{x}}), ...
Status ValidateComplaintSettings(const ComplaintSettings& settings);

// ---- References and files ------------------------------------------------------

// "C-2026-000123". `number` is 1-based within the year.
std::string FormatComplaintReference(int year, std::int64_t number);
// True for the exact shape C-YYYY-NNNNNN (six or more digits).
bool IsComplaintReference(std::string_view text);
// The first reference found in `text` (an e-mail subject such as
// "Re: [C-2026-000123] Your complaint"), or empty.
std::string FindComplaintReference(std::string_view text);

// The content type of a file decided from its first bytes, not its name:
// application/pdf, image/png, image/jpeg, image/gif, image/webp, text/plain
// (clean UTF-8 without NUL). Anything else — executables, archives, office
// files, HTML, SVG — is refused: InvalidArgument (field "attachment").
Result<std::string> SniffContentType(std::string_view content);

// A file name safe to store and send back in Content-Disposition: the last
// path component, control characters and quotes removed, at most 200 bytes
// (cut at a UTF-8 boundary, keeping the extension); "attachment" when nothing
// is left.
std::string SanitiseFilename(std::string_view name);

// ---- Mail templates ---------------------------------------------------------------

struct TemplateValues {
  std::string reference, status_link, rating_link, name, summary, decision, organisation;
};
// Replaces each known {{placeholder}} (spaces inside the braces allowed);
// unknown placeholders are left as they are (ValidateComplaintSettings
// refuses them when saved). Values are inserted verbatim: mails are plain text.
std::string RenderTemplate(std::string_view text, const TemplateValues& values);

// ---- The SLA view of one complaint --------------------------------------------------

struct ComplaintSlaView {
  std::optional<SlaStatus> acknowledge;  // nullopt when the clock never applied
  std::optional<SlaStatus> resolve;
};

// Evaluates both clocks of `complaint` at `now` with the targets for its
// severity (unassessed targets before assessment).
ComplaintSlaView EvaluateComplaintSla(const BusinessCalendar& calendar, const SlaPolicy& policy,
                                      const Complaint& complaint, TimePoint now);

// The due times to store with the complaint after a change: each clock's due
// time, or nullopt when the clock is stopped or currently paused.
struct DueTimes {
  std::optional<TimePoint> ack_due_at;
  std::optional<TimePoint> resolve_due_at;
};
DueTimes ComputeDueTimes(const BusinessCalendar& calendar, const SlaPolicy& policy, const Complaint& complaint,
                         TimePoint now);

}  // namespace hearken
