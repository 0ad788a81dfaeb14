// The records of the customer register (ISO 9001 8.2) and of access control,
// as plain values. Enumerations have one stable text name each (used in JSON,
// SQL and the UI), converted by the functions at the end of this file.
//
// Conventions: ids are positive 64-bit integers assigned by the store (0 means
// "not yet stored"); optional references are std::optional; times are UTC.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"

namespace hearken {

using Id = std::int64_t;

// ---- Organisation ----------------------------------------------------------

struct OrgSettings {
  std::string name;       // shown in the UI and on customer-facing pages
  std::string time_zone;  // IANA name, e.g. "Europe/Berlin"
  TimePoint updated_at{};
};

// ---- Users and access ------------------------------------------------------

enum class Role { kAdmin, kQualityManager, kHandler, kViewer };

struct User {
  Id id = 0;
  std::string email;  // unique, stored lower-case
  std::string display_name;
  Role role = Role::kViewer;
  bool enabled = true;
  std::string password_hash;  // argon2id string; never leaves the server
  TimePoint created_at{};
  TimePoint updated_at{};
};

// A signed-in browser session. The cookie holds a random token; the store
// keeps only its hash.
struct Session {
  std::string token_hash;
  Id user_id = 0;
  std::string csrf_token;  // sent to the browser, echoed in X-CSRF-Token
  TimePoint created_at{};
  TimePoint last_seen_at{};
};

// A bearer token for the API. The store keeps only its hash.
struct ApiToken {
  Id id = 0;
  Id user_id = 0;
  std::string name;
  std::string token_hash;
  TimePoint created_at{};
  std::optional<TimePoint> revoked_at;
};

// ---- Customers and segments ------------------------------------------------

enum class CustomerKind { kPerson, kOrganisation };

struct Customer {
  Id id = 0;
  CustomerKind kind = CustomerKind::kPerson;
  std::string name;
  std::string email;  // optional (empty); unique among customers when given, compared lower-case
  std::string phone;
  std::optional<Id> segment_id;
  std::string site;
  std::vector<std::string> tags;
  bool consent_survey = false;  // may be contacted for surveys
  std::optional<TimePoint> consent_survey_at;
  bool consent_marketing = false;
  std::optional<TimePoint> consent_marketing_at;
  std::string external_ref;  // id in a source system (e.g. the Telco customerID)
  TimePoint created_at{};
  TimePoint updated_at{};
};

// Kano class of a need or expectation.
enum class NeedClass { kBasic, kPerformance, kDelighter };

struct Need {
  std::string description;
  NeedClass need_class = NeedClass::kPerformance;
  int importance = 3;  // 1 (low) .. 5 (critical)
  bool operator==(const Need&) const = default;
};

struct Segment {
  Id id = 0;
  std::string name;  // unique
  std::string description;
  std::vector<Need> needs;
  TimePoint created_at{};
  TimePoint updated_at{};
};

// ---- Requirements register (8.2.2 / 8.2.3) ---------------------------------

enum class RequirementScope { kCustomer, kSegment, kAll };
enum class RequirementKind { kCustomerStated, kImplied, kStatutory, kRegulatory, kOrganisation };
// open: recorded, not yet reviewed; accepted / rejected: by the latest review;
// withdrawn: no longer applies.
enum class RequirementStatus { kOpen, kAccepted, kRejected, kWithdrawn };
enum class ReviewOutcome { kAccepted, kAmended, kRejected };

// The current version of a requirement. Amendments create new versions; the
// earlier ones stay readable as RequirementVersion.
struct Requirement {
  Id id = 0;
  int version = 1;
  RequirementScope scope = RequirementScope::kAll;
  std::optional<Id> customer_id;  // set exactly when scope is kCustomer
  std::optional<Id> segment_id;   // set exactly when scope is kSegment
  RequirementKind kind = RequirementKind::kCustomerStated;
  std::string text;
  std::string source_ref;  // contract number, law, e-mail, ...
  RequirementStatus status = RequirementStatus::kOpen;
  std::string created_by;  // actor label of who recorded it
  TimePoint created_at{};
  TimePoint updated_at{};
};

struct RequirementVersion {
  Id requirement_id = 0;
  int version = 1;
  RequirementKind kind = RequirementKind::kCustomerStated;
  std::string text;
  std::string source_ref;
  std::string created_by;
  TimePoint created_at{};
};

struct RequirementReview {
  Id id = 0;
  Id requirement_id = 0;
  int version = 1;  // the version that was reviewed
  std::optional<Id> reviewer_id;
  std::string reviewer;  // actor label
  TimePoint reviewed_at{};
  ReviewOutcome outcome = ReviewOutcome::kAccepted;
  std::string notes;
};

// ---- Communication log (8.2.1) ---------------------------------------------

enum class Channel { kEmail, kPhone, kMeeting, kLetter, kPortal, kOther };
enum class Direction { kInbound, kOutbound };

struct Communication {
  Id id = 0;
  Id customer_id = 0;
  Channel channel = Channel::kEmail;
  Direction direction = Direction::kInbound;
  std::string subject;
  std::string body;
  TimePoint occurred_at{};
  std::optional<Id> recorded_by_id;
  std::string recorded_by;  // actor label
  TimePoint created_at{};
  TimePoint updated_at{};
};

// ---- Audit trail (7.5.3) ---------------------------------------------------

// One link of the hash chain. `hash` = BLAKE2b-256(prev_hash || canonical form),
// see core/audit_chain.h. old_value / new_value are JSON texts ("" when absent).
struct AuditEntry {
  std::int64_t seq = 0;  // 1, 2, 3, ... without gaps
  TimePoint at{};
  std::string actor;  // "user:3 alice@example.org", "cli", "system", "public"
  std::string entity_type;
  std::string entity_id;
  std::string action;  // create, update, delete, review, login, logout, revoke, ...
  std::string old_value;
  std::string new_value;
  std::string reason;
  std::string prev_hash;  // hex; 64 zeros for the first entry
  std::string hash;       // hex
  // The histories the entry belongs to (AuditFilter.customer_id, complaint_id).
  std::optional<Id> customer_id;
  std::optional<Id> complaint_id;
  // The canonical form the hash was computed over (core/audit_chain.h):
  // entries keep the form they were written in.
  int form = 2;
};

// ---- Text names of enumerations ---------------------------------------------
// ToString gives the stable name; Parse* returns nullopt for unknown names.

std::string_view ToString(Role v);
std::string_view ToString(CustomerKind v);
std::string_view ToString(NeedClass v);
std::string_view ToString(RequirementScope v);
std::string_view ToString(RequirementKind v);
std::string_view ToString(RequirementStatus v);
std::string_view ToString(ReviewOutcome v);
std::string_view ToString(Channel v);
std::string_view ToString(Direction v);

std::optional<Role> ParseRole(std::string_view s);
std::optional<CustomerKind> ParseCustomerKind(std::string_view s);
std::optional<NeedClass> ParseNeedClass(std::string_view s);
std::optional<RequirementScope> ParseRequirementScope(std::string_view s);
std::optional<RequirementKind> ParseRequirementKind(std::string_view s);
std::optional<RequirementStatus> ParseRequirementStatus(std::string_view s);
std::optional<ReviewOutcome> ParseReviewOutcome(std::string_view s);
std::optional<Channel> ParseChannel(std::string_view s);
std::optional<Direction> ParseDirection(std::string_view s);

// All names of an enumeration, in declaration order (for error messages,
// OpenAPI enums and UI choices).
template <typename E> std::vector<std::string_view> EnumNames();

}  // namespace hearken
