// Survey distribution (issue 8, "Distribution"): personal invitations to a
// survey, their link tokens, the queue of their mails (first mail and
// reminders), each survey's mail templates and the organisation's contact
// rules. Part of Store (store.h); the contracts there hold.
//
// A link token is random (at least 128 bits, made by the caller) and only
// its hash (core/crypto HashToken) reaches the store; an invitation may have
// several (one per mail), each opening it, and takes one complete answer.
// The contact rules (core/survey/contact_rules.h) are applied inside the
// writes with the time of the write: when invitations are created (a
// customer invited to any survey within min_days_between days, without an
// address or without consent to surveys is skipped, with the reason) and
// when a mail is prepared (consent withdrawn since → cancelled; in the
// quiet hours of the organisation's time zone → moved to their end).
// An invitation keeps no e-mail address: a mail goes to the customer's
// address at the time it is sent. Every write appends its audit entry
// (entity "survey_invitation", "survey_mail_templates",
// "survey_contact_rules"), never with a token or an address.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "core/survey/contact_rules.h"
#include "core/survey/survey_mail.h"
#include "store/store_types.h"
#include "store/survey_store.h"

namespace hearken {

// scheduled: its first mail is queued; cancelled: never sent (consent
// withdrawn, no address, the survey closed before the mail was due).
enum class InvitationStatus { kScheduled, kSent, kOpened, kStarted, kCompleted, kBounced, kOptedOut, kCancelled };
enum class InvitationOrigin { kStaff, kEvent };
enum class InvitationMailKind { kInvitation, kReminder };

// The names of the enums in the API and the database.
inline const char* InvitationStatusName(InvitationStatus status) {
  switch (status) {
    case InvitationStatus::kSent: return "sent";
    case InvitationStatus::kOpened: return "opened";
    case InvitationStatus::kStarted: return "started";
    case InvitationStatus::kCompleted: return "completed";
    case InvitationStatus::kBounced: return "bounced";
    case InvitationStatus::kOptedOut: return "opted_out";
    case InvitationStatus::kCancelled: return "cancelled";
    case InvitationStatus::kScheduled: break;
  }
  return "scheduled";
}
inline constexpr InvitationStatus kInvitationStatuses[] = {
    InvitationStatus::kScheduled, InvitationStatus::kSent,    InvitationStatus::kOpened,
    InvitationStatus::kStarted,   InvitationStatus::kCompleted, InvitationStatus::kBounced,
    InvitationStatus::kOptedOut,  InvitationStatus::kCancelled};
inline std::optional<InvitationStatus> ParseInvitationStatus(std::string_view text) {
  for (InvitationStatus s : kInvitationStatuses)
    if (text == InvitationStatusName(s)) return s;
  return std::nullopt;
}
inline const char* InvitationOriginName(InvitationOrigin origin) {
  return origin == InvitationOrigin::kEvent ? "event" : "staff";
}
inline const char* InvitationMailKindName(InvitationMailKind kind) {
  return kind == InvitationMailKind::kReminder ? "reminder" : "invitation";
}

inline constexpr size_t kMaxInvitationsPerRequest = 5000;
inline constexpr int kMaxReminders = 5;

struct SurveyInvitation {
  Id id = 0;
  Id survey_id = 0;
  Id customer_id = 0;
  std::string customer_name;  // filled on reads
  InvitationStatus status = InvitationStatus::kScheduled;
  InvitationOrigin origin = InvitationOrigin::kStaff;
  std::string event_name;  // transactional trigger ("" for staff invitations)
  std::string event_id;    // the event's id ("" for staff invitations)
  std::string language;    // the locale the respondent last used ("" = default)
  std::string partial_json;  // answers saved partway ("" when none)
  std::optional<Id> answer_id;  // once completed
  int reminder_count = 0;
  std::string note;  // why it bounced or was cancelled
  std::optional<TimePoint> due_at;  // filled on reads: when its next mail is due
  TimePoint created_at{};
  std::optional<TimePoint> sent_at, opened_at, started_at, completed_at, bounced_at, opted_out_at, cancelled_at,
      reminded_at;
};

// One invitation to make: its first mail is due at `due_at` (moved out of
// the quiet hours by the store).
struct InvitationRequest {
  Id customer_id = 0;
  InvitationOrigin origin = InvitationOrigin::kStaff;
  std::string event_name;
  std::string event_id;  // with kEvent: one invitation per survey and event id
  TimePoint due_at{};
};

// What became of one request: the invitation made, or why none was.
struct InvitationOutcome {
  Id customer_id = 0;
  std::optional<SurveyInvitation> invitation;
  std::string skipped;  // the reason, when no invitation was made
};

struct InvitationFilter {
  Id survey_id = 0;
  std::optional<InvitationStatus> status;
  std::optional<Id> customer_id;
};

// A queued mail as the sender sees it.
struct DueInvitationMail {
  Id queue_id = 0;
  InvitationMailKind kind = InvitationMailKind::kInvitation;
  int attempts = 0;
  TimePoint due_at{};
  Id invitation_id = 0;
};

// What a prepared mail needs: the invitation, its survey and the address
// the customer has now. `send` false: nothing to send (cancelled, or moved
// to the end of the quiet hours: `note` says which).
struct PreparedInvitationMail {
  bool send = false;
  std::string note;
  InvitationMailKind kind = InvitationMailKind::kInvitation;
  SurveyInvitation invitation;
  Survey survey;
  std::string email;
  std::string name;
};

// How a mail went: sent; bounced (a permanent refusal); retry at `retry_at`
// (temporary failure, rate limit, no sender configured).
enum class InvitationMailResult { kSent, kBounced, kRetry };

// A survey's mail templates (core/survey/survey_mail.h), the defaults
// until someone saves them.
struct SurveyMailTemplates {
  Id survey_id = 0;
  survey::MailTemplates templates;
  bool is_default = true;  // filled on reads: nothing saved for this survey yet
  std::optional<TimePoint> updated_at;
};

class SurveyInvitationStore {
 public:
  virtual ~SurveyInvitationStore() = default;

  // Makes one invitation per request that passes the contact rules, each
  // with its first mail queued; the others come back with `skipped` (also
  // "unknown customer", "already invited to this survey" for a customer
  // with an invitation not cancelled, "already invited for this event").
  // One transaction. Errors: NotFound (survey); FailedPrecondition "status"
  // when the survey is not open; InvalidArgument "customer_ids" (none, or
  // more than kMaxInvitationsPerRequest).
  virtual Result<std::vector<InvitationOutcome>> CreateInvitations(const WriteContext& ctx, Id survey_id,
                                                                   const std::vector<InvitationRequest>& requests) = 0;
  // Errors: NotFound.
  virtual Result<SurveyInvitation> GetInvitation(Id id) = 0;
  // Newest first (sort "created_at", "status", "id"). Errors: NotFound
  // (survey); InvalidArgument "sort".
  virtual Result<Page<SurveyInvitation>> ListInvitations(const InvitationFilter& filter,
                                                         const ListOptions& options) = 0;
  // How many invitations of the survey are in each status (every status
  // listed, zeros included). Errors: NotFound.
  virtual Result<std::vector<std::pair<InvitationStatus, std::int64_t>>> CountInvitations(Id survey_id) = 0;
  // Queues a reminder, due now (or at the end of the quiet hours), for
  // every invitation of the survey that was sent, opened or started, has
  // had fewer than `max_reminders` (1..kMaxReminders) and none queued.
  // Returns how many were queued. Errors: NotFound; FailedPrecondition
  // "status" (survey not open); InvalidArgument "max_reminders".
  virtual Result<std::int64_t> QueueReminders(const WriteContext& ctx, Id survey_id, int max_reminders) = 0;

  // ---- Sending (the sender: workflow/survey_invitation_sender.h) ----
  // Queued mails due at or before `now`, oldest first, at most `limit`.
  virtual Result<std::vector<DueInvitationMail>> ListDueInvitationMails(TimePoint now, int limit) = 0;
  // Makes queued mail `queue_id` ready to send under the rules as they are
  // now: cancels it (and an invitation not yet sent) when the customer has
  // no address or consent any more or the survey takes no answers; moves it
  // to the end of the quiet hours; otherwise records `token_hash` as a link
  // token of the invitation. Errors: NotFound (no such queued mail).
  virtual Result<PreparedInvitationMail> PrepareInvitationMail(const WriteContext& ctx, Id queue_id,
                                                               const std::string& token_hash) = 0;
  // Records how the mail of `queue_id` went: kSent marks the invitation sent
  // (a reminder counts), kBounced marks it bounced with `note`, kRetry keeps
  // it queued until `retry_at`. Errors: NotFound.
  virtual Status FinishInvitationMail(const WriteContext& ctx, Id queue_id, InvitationMailResult result,
                                      const std::string& note, TimePoint retry_at) = 0;

  // ---- The respondent (the token's hash; NotFound for an unknown token or
  // one of another survey, without saying which) ----
  // The invitation behind a token; marks it opened when it was sent.
  virtual Result<SurveyInvitation> OpenInvitation(const WriteContext& ctx, Id survey_id,
                                                  const std::string& token_hash) = 0;
  // Saves the answers given so far (a JSON object, at most
  // kMaxSurveyAnswerBytes) and the language; marks it started. Errors:
  // FailedPrecondition "token" once completed; InvalidArgument "answers".
  virtual Result<SurveyInvitation> SaveInvitationPartial(const WriteContext& ctx, Id survey_id,
                                                         const std::string& token_hash,
                                                         const std::string& partial_json,
                                                         const std::string& language) = 0;
  // Stores `answer` (channel invitation, the invitation's customer) as the
  // invitation's one complete answer and marks it completed, in one
  // transaction, with SubmitSurveyAnswer's rules. A retry with the
  // idempotency key of the stored answer returns it (created false).
  // Errors: those of SubmitSurveyAnswer; FailedPrecondition "token" when
  // the invitation has its answer.
  virtual Result<SubmittedAnswer> SubmitInvitationAnswer(const WriteContext& ctx, const std::string& token_hash,
                                                         const SurveyAnswer& answer) = 0;
  // The respondent asks for no more survey mail: the invitation is marked
  // opted out (unless completed), its queued mails dropped and the
  // customer's consent to surveys withdrawn (audited on the customer).
  virtual Result<SurveyInvitation> OptOutOfInvitation(const WriteContext& ctx, Id survey_id,
                                                      const std::string& token_hash) = 0;

  // ---- Mail templates and contact rules ----
  // The survey's templates (the defaults until saved). Errors: NotFound.
  virtual Result<SurveyMailTemplates> GetSurveyMailTemplates(Id survey_id) = 0;
  // Errors: survey::ValidateMailTemplates's; NotFound.
  virtual Result<SurveyMailTemplates> UpdateSurveyMailTemplates(const WriteContext& ctx,
                                                                const SurveyMailTemplates& templates) = 0;
  virtual Result<survey::ContactRules> GetContactRules() = 0;
  // Errors: ValidateContactRules's.
  virtual Result<survey::ContactRules> UpdateContactRules(const WriteContext& ctx,
                                                          const survey::ContactRules& rules) = 0;
};

}  // namespace hearken
