// The persistence of Hearken, one interface per area. Every module above
// `store` talks to the database only through these interfaces, reached from
// a `Store`: `store.complaints().GetComplaint(id)`. A module that needs one
// area takes that area's interface (a test fake then implements only it);
// `StoreParts` (store_parts.h) builds a Store from parts for tests.
// `SqliteStore` (embedded default) and `PostgresStore` implement every area
// and pass the same contract test suite (store_contract_test.h).
//
// Contracts that hold for every method of every area:
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

#include "core/result.h"
#include "store/audit_store.h"
#include "store/communication_store.h"
#include "store/complaint_admin_store.h"
#include "store/complaint_message_store.h"
#include "store/complaint_store.h"
#include "store/corrective_action_store.h"
#include "store/customer_store.h"
#include "store/feedback_store.h"
#include "store/idempotency_store.h"
#include "store/job_store.h"
#include "store/notification_store.h"
#include "store/organisation_store.h"
#include "store/rating_store.h"
#include "store/saved_view_store.h"
#include "store/requirement_store.h"
#include "store/store_types.h"
#include "store/subject_store.h"
#include "store/survey_store.h"
#include "store/survey_invitation_store.h"
#include "store/user_store.h"

namespace hearken {

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

  // ---- The areas (each valid as long as the store) ----
  virtual OrganisationStore& organisation() = 0;
  virtual UserStore& users() = 0;
  virtual CustomerStore& customers() = 0;
  virtual RequirementStore& requirements() = 0;
  virtual CommunicationStore& communications() = 0;
  virtual ComplaintStore& complaints() = 0;
  virtual ComplaintMessageStore& complaint_messages() = 0;
  virtual ComplaintAdminStore& complaint_admin() = 0;
  virtual RatingStore& ratings() = 0;
  virtual CorrectiveActionStore& corrective_actions() = 0;
  virtual AuditStore& audit() = 0;
  virtual JobStore& jobs() = 0;
  virtual IdempotencyStore& idempotency() = 0;
  virtual SubjectStore& subjects() = 0;
  virtual NotificationStore& notifications() = 0;
  virtual SavedViewStore& saved_views() = 0;
  virtual SurveyStore& surveys() = 0;
  virtual SurveyInvitationStore& survey_invitations() = 0;
  virtual FeedbackStore& feedback() = 0;
};

}  // namespace hearken
