// The one persistence interface of Hearken. Every module above `store` talks
// to the database only through `Store`; `SqliteStore` (embedded default) and
// `PostgresStore` implement it and pass the same contract test suite
// (store_contract_test.h).
//
// Contracts that hold for every method:
// - Every write runs in one transaction that also appends its audit entry
//   (actor, time, entity, action, old and new JSON, reason) to the hash chain.
//   Record and audit entry commit together or not at all; when a write
//   returns OK the transaction is durably committed.
// - Input is validated again here (core/validation.h) so no caller can store
//   an invalid record; errors name the offending fields.
// - Errors: InvalidArgument (validation, unknown sort field), NotFound (unknown
//   id), AlreadyExists (uniqueness), FailedPrecondition (state forbids it),
//   Unavailable (database unreachable), Internal (anything unexpected).
// - Implementations are safe to call from several threads at once.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/audit_chain.h"
#include "core/clock.h"
#include "core/complaint.h"
#include "core/entities.h"
#include "core/result.h"

namespace hearken {

// Who makes a change, and why. `label` is what the audit trail shows.
struct Actor {
  std::optional<Id> user_id;  // empty for the CLI, the system and the public
  std::string label;          // e.g. "user:3 alice@example.org", "cli", "system"
};

struct WriteContext {
  Actor actor;
  std::string reason;  // optional, recorded in the audit entry
};

enum class SortDirection { kAscending, kDescending };

// Paging and sorting of a list. `sort` names an allow-listed field of the
// listed entity (see each List* method); empty means the default order.
struct ListOptions {
  int limit = 50;  // 1..500
  int offset = 0;  // >= 0
  std::string sort;
  SortDirection direction = SortDirection::kAscending;
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::int64_t total = 0;  // matching records, ignoring limit and offset
};

struct CustomerFilter {
  std::string search;  // case-insensitive substring of name, email or external_ref
  std::optional<Id> segment_id;
  std::optional<CustomerKind> kind;
  std::string tag;   // exact tag
  std::string site;  // exact site
};

struct RequirementFilter {
  std::optional<RequirementScope> scope;
  std::optional<Id> customer_id;  // requirements scoped to this customer
  std::optional<Id> segment_id;   // requirements scoped to this segment
  std::optional<RequirementKind> kind;
  std::optional<RequirementStatus> status;
  std::string search;  // case-insensitive substring of text or source_ref
};

struct CommunicationFilter {
  std::optional<Id> customer_id;
  std::optional<Channel> channel;
  std::optional<Direction> direction;
};

struct AuditFilter {
  std::string entity_type;  // empty: all
  std::string entity_id;    // empty: all (only with entity_type)
  // The history of one customer: entries about the customer itself and about
  // records that belong to it (its requirements, reviews, communications).
  std::optional<Id> customer_id;
  // The timeline of one complaint: entries about the complaint and about its
  // messages, attachments, rating and corrective-action links.
  std::optional<Id> complaint_id;
};

// Queues and filters of the complaint list. Empty fields do not filter.
struct ComplaintFilter {
  std::vector<ComplaintState> states;   // any of these
  bool open_only = false;               // IsOpen(state)
  std::optional<Id> assignee_id;        // "mine"
  bool unassigned = false;
  // Open with a running clock past its due time at `now` (ack_due_at or
  // resolve_due_at before now).
  bool overdue = false;
  std::optional<TimePoint> now;         // for `overdue`; the store's clock when empty
  std::optional<Id> category_id;        // this category or any below it
  std::optional<int> severity;
  std::optional<Id> segment_id;
  std::string site;                     // exact
  std::optional<Channel> channel;
  std::optional<ComplaintIntake> intake;
  std::optional<Id> customer_id;
  std::optional<TimePoint> received_from;  // received_at >= from
  std::optional<TimePoint> received_to;    // received_at < to
  // Full text over summary, description, product, remedy wanted, root cause,
  // decision and every message (FTS5 / PostgreSQL full-text search); words
  // are ANDed, a trailing word matches as a prefix. Also matches a reference.
  std::string search;
};

// One complaint reduced to what the analysis needs (analytics works on these).
struct ComplaintFact {
  Id id = 0;
  std::string reference;
  ComplaintState state = ComplaintState::kReceived;
  Channel channel = Channel::kPortal;
  ComplaintIntake intake = ComplaintIntake::kStaff;
  std::optional<Id> category_id;
  std::string category_path;  // "" when uncategorised
  std::string product;
  std::optional<Id> segment_id;
  std::string segment_name;
  std::string site;
  std::optional<int> severity;
  TimePoint received_at{};
  std::optional<TimePoint> acknowledged_at;
  std::optional<TimePoint> responded_at;
  std::optional<TimePoint> closed_at;
  std::optional<TimePoint> ack_due_at;      // as stored
  std::optional<TimePoint> resolve_due_at;  // as stored
  std::optional<TimePoint> ack_stopped_at;
  std::optional<TimePoint> resolve_stopped_at;
  int reopen_count = 0;
  std::optional<int> rating;  // handling satisfaction 1..5
  std::string source_outcome;
  std::optional<bool> source_timely;
};

// What a batch import did.
struct ImportReport {
  std::int64_t created = 0;
  std::int64_t skipped_duplicates = 0;  // external_ref already present
  std::int64_t categories_created = 0;
};

// One row of a batch import: the intake fields, the category path to find or
// create (product → sub-product → issue → sub-issue, blanks dropped), and the
// source's outcome.
struct ImportedComplaint {
  ComplaintIntakeFields fields;  // intake kImport, received_at and external_ref set
  std::vector<std::string> category_path;
  std::string source_outcome;
  std::optional<bool> source_timely;
  std::optional<TimePoint> sent_at;  // the source's "sent to company" date: recorded as acknowledged_at
  // When the source closed the case: the complaint is filed closed with this
  // closure kind (both clocks stopped then); otherwise it is filed
  // acknowledged when sent_at is given, else received.
  std::optional<TimePoint> closed_at;
  ClosureKind closure = ClosureKind::kNoReply;
};

// What moving a complaint needs besides its target state.
struct ComplaintMove {
  ComplaintState to = ComplaintState::kReceived;
  std::string reason;
  std::optional<ClosureKind> closure;  // required when `to` is closed
};

// AuditProblem and AuditVerification live in core/audit_chain.h.

// The amendment carried by a review whose outcome is kAmended.
struct Amendment {
  std::string text;
  std::optional<std::string> source_ref;  // unchanged when empty
  std::optional<RequirementKind> kind;    // unchanged when empty
};

class Store {
 public:
  virtual ~Store() = default;

  // ---- Schema ----
  // Applies every migration newer than the database. Errors: FailedPrecondition
  // when the database was migrated by a newer Hearken ("database schema
  // version N is newer than this binary's M"), Unavailable, Internal.
  virtual Status Migrate() = 0;
  // The applied schema version (0 for an empty database) and the newest this
  // binary knows.
  virtual Result<int> SchemaVersion() = 0;
  virtual int LatestSchemaVersion() const = 0;
  // Cheap round trip to the database, for /readyz.
  virtual Status Ping() = 0;

  // ---- Organisation settings (one row, created by the first migration) ----
  virtual Result<OrgSettings> GetSettings() = 0;
  // Errors: InvalidArgument (empty name, unknown time zone).
  virtual Result<OrgSettings> UpdateSettings(const WriteContext& ctx, const OrgSettings& settings) = 0;

  // ---- Users ----
  // `user.password_hash` must already be an argon2id hash. Email is stored
  // lower-case. Errors: InvalidArgument, AlreadyExists (email).
  virtual Result<User> CreateUser(const WriteContext& ctx, const User& user) = 0;
  virtual Result<User> GetUser(Id id) = 0;
  // Case-insensitive. Errors: NotFound.
  virtual Result<User> GetUserByEmail(const std::string& email) = 0;
  // Sort fields: email, display_name, role, created_at.
  virtual Result<Page<User>> ListUsers(const ListOptions& options) = 0;
  virtual Result<std::int64_t> CountUsers() = 0;
  // Replaces email, display_name, role, enabled (not the password). Disabling
  // a user also ends their sessions. Errors: NotFound, InvalidArgument,
  // AlreadyExists, FailedPrecondition (would leave no enabled admin).
  virtual Result<User> UpdateUser(const WriteContext& ctx, const User& user) = 0;
  // Errors: NotFound. The audit entry never contains the hash.
  virtual Status SetPasswordHash(const WriteContext& ctx, Id user_id, const std::string& password_hash) = 0;

  // ---- Sessions (sign-in / sign-out are audited as "login" / "logout") ----
  virtual Status CreateSession(const WriteContext& ctx, const Session& session) = 0;
  // Errors: NotFound.
  virtual Result<Session> GetSession(const std::string& token_hash) = 0;
  // Records activity; not audited. Errors: NotFound.
  virtual Status TouchSession(const std::string& token_hash, TimePoint at) = 0;
  // Sign-out (audited as "logout"). Errors: NotFound.
  virtual Status DeleteSession(const WriteContext& ctx, const std::string& token_hash) = 0;
  // Removes expired sessions without auditing (housekeeping). Returns how many.
  virtual Result<std::int64_t> DeleteSessionsIdleSince(TimePoint idle_before, TimePoint created_before) = 0;

  // ---- API tokens ----
  // Errors: InvalidArgument (empty name), NotFound (user).
  virtual Result<ApiToken> CreateApiToken(const WriteContext& ctx, Id user_id, const std::string& name,
                                          const std::string& token_hash) = 0;
  // Only tokens not revoked. Errors: NotFound.
  virtual Result<ApiToken> FindActiveApiToken(const std::string& token_hash) = 0;
  // All tokens of a user, newest first (no hashes are exposed by the API).
  virtual Result<std::vector<ApiToken>> ListApiTokens(Id user_id) = 0;
  virtual Result<ApiToken> GetApiToken(Id id) = 0;
  // Errors: NotFound, FailedPrecondition (already revoked).
  virtual Status RevokeApiToken(const WriteContext& ctx, Id token_id) = 0;

  // ---- Customers ----
  // created_at/updated_at and consent times are set by the store from the
  // clock (a consent time is set when its flag turns true, cleared when it
  // turns false). Errors: InvalidArgument, AlreadyExists (email, names the
  // field "email"), NotFound (segment_id).
  virtual Result<Customer> CreateCustomer(const WriteContext& ctx, const Customer& customer) = 0;
  virtual Result<Customer> GetCustomer(Id id) = 0;
  // Sort fields: name, email, created_at, updated_at, site. Default: name.
  virtual Result<Page<Customer>> ListCustomers(const CustomerFilter& filter, const ListOptions& options) = 0;
  // Replaces every editable field of customer `customer.id`.
  virtual Result<Customer> UpdateCustomer(const WriteContext& ctx, const Customer& customer) = 0;
  // Errors: NotFound, FailedPrecondition (requirements or communications refer to it).
  virtual Status DeleteCustomer(const WriteContext& ctx, Id id) = 0;
  // Customers whose email equals `email` case-insensitively (duplicate check).
  virtual Result<std::vector<Customer>> FindCustomersByEmail(const std::string& email) = 0;

  // ---- Segments ----
  // Errors: InvalidArgument, AlreadyExists (name).
  virtual Result<Segment> CreateSegment(const WriteContext& ctx, const Segment& segment) = 0;
  virtual Result<Segment> GetSegment(Id id) = 0;
  // Sort fields: name, created_at. Default: name. `search` matches the name.
  virtual Result<Page<Segment>> ListSegments(const std::string& search, const ListOptions& options) = 0;
  // Replaces name, description and the whole list of needs.
  virtual Result<Segment> UpdateSegment(const WriteContext& ctx, const Segment& segment) = 0;
  // Errors: NotFound, FailedPrecondition (customers or requirements refer to it).
  virtual Status DeleteSegment(const WriteContext& ctx, Id id) = 0;

  // ---- Requirements ----
  // Creates version 1 with status open. Errors: InvalidArgument (scope and its
  // reference disagree), NotFound (customer or segment).
  virtual Result<Requirement> CreateRequirement(const WriteContext& ctx, const Requirement& requirement) = 0;
  virtual Result<Requirement> GetRequirement(Id id) = 0;
  // Sort fields: created_at, updated_at, kind, status. Default: created_at.
  virtual Result<Page<Requirement>> ListRequirements(const RequirementFilter& filter, const ListOptions& options) = 0;
  // Every version, oldest first. Errors: NotFound.
  virtual Result<std::vector<RequirementVersion>> ListRequirementVersions(Id requirement_id) = 0;
  // Records a review of the current version. accepted / rejected set the
  // status; amended requires `amendment`, creates the next version from it and
  // sets the status to accepted. Errors: NotFound, InvalidArgument (amended
  // without text, or an amendment with another outcome), FailedPrecondition
  // (requirement withdrawn).
  virtual Result<RequirementReview> ReviewRequirement(const WriteContext& ctx, Id requirement_id,
                                                      ReviewOutcome outcome, const std::string& notes,
                                                      const std::optional<Amendment>& amendment) = 0;
  // Newest first. Errors: NotFound.
  virtual Result<std::vector<RequirementReview>> ListRequirementReviews(Id requirement_id) = 0;
  // Marks the requirement withdrawn (requirements are never deleted).
  // Errors: NotFound, FailedPrecondition (already withdrawn).
  virtual Result<Requirement> WithdrawRequirement(const WriteContext& ctx, Id requirement_id) = 0;

  // ---- Communication log ----
  // Errors: InvalidArgument, NotFound (customer).
  virtual Result<Communication> CreateCommunication(const WriteContext& ctx, const Communication& communication) = 0;
  virtual Result<Communication> GetCommunication(Id id) = 0;
  // Sort fields: occurred_at, created_at, channel. Default: occurred_at descending
  // when `sort` is empty.
  virtual Result<Page<Communication>> ListCommunications(const CommunicationFilter& filter,
                                                         const ListOptions& options) = 0;
  virtual Result<Communication> UpdateCommunication(const WriteContext& ctx, const Communication& communication) = 0;
  virtual Status DeleteCommunication(const WriteContext& ctx, Id id) = 0;

  // ---- Complaint settings (one record, created by the migration with
  // DefaultComplaintSettings and the organisation's time zone) ----
  virtual Result<ComplaintSettings> GetComplaintSettings() = 0;
  // Errors: InvalidArgument (ValidateComplaintSettings). Due times of open
  // complaints are not recomputed retroactively; each is on its next write.
  virtual Result<ComplaintSettings> UpdateComplaintSettings(const WriteContext& ctx,
                                                            const ComplaintSettings& settings) = 0;

  // ---- Category taxonomy ----
  // Errors: InvalidArgument (name), NotFound (parent), AlreadyExists (a
  // sibling has the name, case-insensitively), FailedPrecondition (deeper
  // than kMaxCategoryDepth).
  virtual Result<ComplaintCategory> CreateCategory(const WriteContext& ctx, const ComplaintCategory& category) = 0;
  // Every category, ordered by path.
  virtual Result<std::vector<ComplaintCategory>> ListCategories() = 0;
  virtual Result<ComplaintCategory> GetCategory(Id id) = 0;
  // Renames or (de)activates; the parent does not change. Paths of the
  // descendants follow. Errors: NotFound, InvalidArgument, AlreadyExists.
  virtual Result<ComplaintCategory> UpdateCategory(const WriteContext& ctx, const ComplaintCategory& category) = 0;

  // ---- Complaints ----
  // Files a complaint in state received: assigns the next reference of the
  // received year, starts both SLA clocks at received_at, computes due times
  // from the settings, and stores `status_token_hash` (the caller made the
  // token). The audit entry never contains the token hash.
  // Errors: InvalidArgument (ValidateComplaintIntake), NotFound (customer,
  // category), AlreadyExists (external_ref or source_message_id already filed;
  // names the field).
  virtual Result<Complaint> CreateComplaint(const WriteContext& ctx, const ComplaintIntakeFields& fields,
                                            const std::string& status_token_hash) = 0;
  // Files many in one transaction (the import): existing external_refs are
  // skipped, categories are found or created by path; each complaint gets its
  // audit entry. Errors: InvalidArgument naming "rows/<i>/<field>"; nothing
  // is written then.
  virtual Result<ImportReport> ImportComplaints(const WriteContext& ctx,
                                                const std::vector<ImportedComplaint>& rows) = 0;
  virtual Result<Complaint> GetComplaint(Id id) = 0;
  // Errors: NotFound.
  virtual Result<Complaint> GetComplaintByReference(const std::string& reference) = 0;
  // Errors: NotFound.
  virtual Result<Complaint> GetComplaintByStatusToken(const std::string& token_hash) = 0;
  // Sort fields: received_at, updated_at, reference, severity, state,
  // ack_due_at, resolve_due_at. Default: received_at descending.
  virtual Result<Page<Complaint>> ListComplaints(const ComplaintFilter& filter, const ListOptions& options) = 0;

  // Moves the complaint (core ApplyTransition with the stored state,
  // paused_from and the actor label), updates milestones (acknowledged_at,
  // responded_at, closed_at, reopen_count), SLA clocks, pauses and due times,
  // and clears the SLA notices of a restarted clock; audited as action
  // "transition" with old and new state and the reason.
  // Closing for no reply (closure kNoReply from responded) needs
  // settings.closure.no_reply_days to have passed since the response without
  // a from_complainant message (FailedPrecondition otherwise).
  // Errors: NotFound, and those of ApplyTransition.
  virtual Result<Complaint> TransitionComplaint(const WriteContext& ctx, Id id, const ComplaintMove& move) = 0;
  // Records the assessment; when the state is acknowledged or reopened it
  // also moves to assessed (one transaction, two audit entries: "assess",
  // "transition"). Allowed in acknowledged, assessed, investigating,
  // reopened, waiting_on_complainant. Severity changes recompute due times.
  // Errors: NotFound (complaint, category, customer, segment),
  // InvalidArgument, FailedPrecondition (state).
  virtual Result<Complaint> AssessComplaint(const WriteContext& ctx, Id id, const ComplaintAssessment& assessment) = 0;
  // Records the investigation; from assessed it also moves to investigating.
  // Allowed in assessed and investigating. Errors as AssessComplaint.
  virtual Result<Complaint> RecordInvestigation(const WriteContext& ctx, Id id,
                                                const ComplaintInvestigation& investigation) = 0;
  // Records the decision and remedies, adds the decision as a to_complainant
  // message, and moves investigating → responded. Errors as AssessComplaint
  // (allowed only in investigating).
  virtual Result<Complaint> RespondToComplaint(const WriteContext& ctx, Id id, const ComplaintResponse& response) = 0;
  // Errors: NotFound (complaint or user), FailedPrecondition (user disabled,
  // a viewer, or the complaint is withdrawn).
  virtual Result<Complaint> AssignComplaint(const WriteContext& ctx, Id id, std::optional<Id> assignee_id) = 0;
  // Records that the SLA job sent `notice` about `clock` at `at`.
  virtual Status RecordSlaNotice(const WriteContext& ctx, Id id, SlaClock clock, SlaNotice notice, TimePoint at) = 0;

  // ---- Messages and attachments ----
  // Errors: NotFound (complaint), InvalidArgument, AlreadyExists
  // (mail_message_id already recorded on this complaint), FailedPrecondition
  // (withdrawn complaint).
  virtual Result<ComplaintMessage> AddComplaintMessage(const WriteContext& ctx, const ComplaintMessage& message) = 0;
  // Oldest first; internal notes only when `include_internal`.
  virtual Result<std::vector<ComplaintMessage>> ListComplaintMessages(Id complaint_id, bool include_internal) = 0;
  // Stores the content with its metadata (size and blake2b computed here).
  // Errors: NotFound, InvalidArgument (empty, over kMaxAttachmentBytes, bad
  // name), FailedPrecondition (kMaxAttachmentsPerComplaint reached).
  virtual Result<Attachment> AddAttachment(const WriteContext& ctx, const Attachment& meta,
                                           const std::string& content) = 0;
  virtual Result<std::vector<Attachment>> ListAttachments(Id complaint_id) = 0;
  virtual Result<Attachment> GetAttachment(Id id) = 0;
  virtual Result<std::string> GetAttachmentContent(Id id) = 0;

  // ---- Handling satisfaction ----
  // Stores the hash of a one-use rating token for a closed complaint
  // (replacing an unused one). Errors: NotFound, FailedPrecondition (not
  // closed, or already rated).
  virtual Status IssueRatingToken(const WriteContext& ctx, Id complaint_id, const std::string& token_hash) = 0;
  // The complaint a rating token belongs to (to show the form).
  // Errors: NotFound (unknown), FailedPrecondition (already used).
  virtual Result<Complaint> GetComplaintByRatingToken(const std::string& token_hash) = 0;
  // Uses the token. Errors: NotFound, FailedPrecondition (used), InvalidArgument.
  virtual Result<HandlingRating> SubmitRating(const WriteContext& ctx, const std::string& token_hash, int score,
                                              const std::string& comment) = 0;
  // Errors: NotFound when not rated.
  virtual Result<HandlingRating> GetRating(Id complaint_id) = 0;

  // ---- Corrective actions ----
  // Errors: InvalidArgument, NotFound (owner or a complaint).
  virtual Result<CorrectiveAction> CreateCorrectiveAction(const WriteContext& ctx, const CorrectiveAction& action) = 0;
  virtual Result<CorrectiveAction> GetCorrectiveAction(Id id) = 0;
  // Newest first; `complaint_id` lists the actions linked to one complaint.
  virtual Result<Page<CorrectiveAction>> ListCorrectiveActions(std::optional<Id> complaint_id,
                                                               std::optional<ActionStatus> status,
                                                               const ListOptions& options) = 0;
  // Replaces title, description, owner, due date, status and the linked
  // complaints. Errors: NotFound, InvalidArgument.
  virtual Result<CorrectiveAction> UpdateCorrectiveAction(const WriteContext& ctx, const CorrectiveAction& action) = 0;

  // ---- Analysis inputs ----
  // Facts of every complaint matching `filter` (no paging), received_at ascending.
  virtual Result<std::vector<ComplaintFact>> ListComplaintFacts(const ComplaintFilter& filter) = 0;
  // Errors: InvalidArgument (ValidatePeriodVolume). Replaces the period's volume.
  virtual Result<PeriodVolume> SetPeriodVolume(const WriteContext& ctx, const PeriodVolume& volume) = 0;
  virtual Status DeletePeriodVolume(const WriteContext& ctx, const std::string& period) = 0;
  virtual Result<std::vector<PeriodVolume>> ListPeriodVolumes() = 0;

  // ---- Background jobs ----
  // Runs `job` only if no other process holds the named lock (a PostgreSQL
  // advisory lock; on SQLite an in-process mutex, as SQLite serves one node).
  // Returns false without running it when the lock is taken.
  virtual Result<bool> RunExclusive(const std::string& lock_name, const std::function<void()>& job) = 0;

  // ---- Audit trail ----
  // Entries oldest first (seq ascending); `total` counts the filtered entries.
  virtual Result<Page<AuditEntry>> ListAudit(const AuditFilter& filter, const ListOptions& options) = 0;
  // Walks the whole chain and the recorded head; never fails on tampering
  // (it reports it), only on database errors.
  virtual Result<AuditVerification> VerifyAudit() = 0;
};

}  // namespace hearken
