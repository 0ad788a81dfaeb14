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

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/audit_chain.h"
#include "core/clock.h"
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

  // ---- Audit trail ----
  // Entries oldest first (seq ascending); `total` counts the filtered entries.
  virtual Result<Page<AuditEntry>> ListAudit(const AuditFilter& filter, const ListOptions& options) = 0;
  // Walks the whole chain and the recorded head; never fails on tampering
  // (it reports it), only on database errors.
  virtual Result<AuditVerification> VerifyAudit() = 0;
};

}  // namespace hearken
