// Helpers shared by the complaint parts of SqlStore (sql_store_complaint*.cc):
// reading a complaint row, inserting one (reference, SLA clocks, due times,
// full-text row, audit entry), and loading the complaint settings inside a
// transaction. Internal to store_sql.
#pragma once

#include <optional>
#include <string>

#include "store/sql/sql_connection.h"
#include "store/sql/sql_store_internal.h"
#include "store/store.h"

namespace hearken::sql {

// The settings as stored ('' → DefaultComplaintSettings() with the
// organisation's time zone as the calendar's). Implemented in
// sql_store_complaint_admin.cc.
Result<ComplaintSettings> LoadComplaintSettings(SqlConnection& db);

// What an import adds to a new complaint besides its intake fields.
struct ComplaintImportExtras {
  std::string source_outcome;
  std::optional<bool> source_timely;
  std::optional<TimePoint> acknowledged_at;  // the source's "sent to company" date
  std::optional<TimePoint> closed_at;        // the source closed the case then
  ClosureKind closure = ClosureKind::kNoReply;
  const ComplaintResponse* response = nullptr;  // the source's decision (responded at closed_at)
  std::optional<int> severity;                  // as the source assessed it
  std::optional<TimePoint> responded_at;        // the response, when before closed_at
  int reopen_count = 0;
  const ImportedRating* rating = nullptr;       // the complainant's rating of a closed case
};

// Inserts a complaint in state received within the caller's write
// transaction: validates, checks references, assigns the reference, starts
// the clocks, computes due times with `settings`, writes the full-text row
// and appends the "create" audit entry. Implemented in
// sql_store_complaints.cc; used by CreateComplaint and ImportComplaints.
Result<Complaint> InsertComplaint(SqlConnection& db, TimePoint now, const WriteContext& ctx,
                                  const ComplaintIntakeFields& fields, const std::string& status_token_hash,
                                  const ComplaintSettings& settings, const ComplaintImportExtras* extras);

// Reads complaint `id` with its pauses. Errors: NotFound. Implemented in
// sql_store_complaints.cc.
Result<Complaint> LoadComplaint(SqlConnection& db, Id id);

// Moves complaint `id` as TransitionComplaint does (the rules, the closure
// for no reply, clocks, due times, audit) within the caller's write
// transaction: the complaint as it is then. Implemented in
// sql_store_complaints.cc, as are the two below.
Result<Complaint> TransitionInTransaction(SqlConnection& db, TimePoint now, const WriteContext& ctx, Id id,
                                          const ComplaintMove& move);

// InvalidArgument "closure" for a move to closed as a duplicate, which only
// MergeComplaint makes (it links the case that carries on).
Status RefuseDuplicateClosure(const ComplaintMove& move);

// Errors of AssignComplaint for the user `assignee_id` (none when nullopt):
// NotFound, FailedPrecondition (disabled, a viewer).
Status CheckAssignee(SqlConnection& db, std::optional<Id> assignee_id);

// Assigns complaint `id` to `assignee_id` (checked by CheckAssignee) within
// the caller's write transaction, with its audit entry. Errors: NotFound,
// FailedPrecondition (withdrawn).
Result<Complaint> AssignInTransaction(SqlConnection& db, TimePoint now, const WriteContext& ctx, Id id,
                                      std::optional<Id> assignee_id);

// The WHERE clause of a complaint filter over `complaints c` (every field,
// full-text search included; `now` decides "overdue"). Used by the list and
// the analysis facts. Implemented in sql_store_complaint_list.cc.
Where ComplaintWhere(SqlDialect dialect, const ComplaintFilter& filter, TimePoint now);

// The checks of an attachment that need no transaction (size, decodable
// content, UTF-8 name): the detected content type. Implemented in
// sql_store_complaint_messages.cc, as is InsertAttachment.
Result<std::string> CheckAttachment(const std::string& filename, const std::string& content);

// Stores an attachment checked by CheckAttachment (its `content_type`) on
// complaint meta.complaint_id within the caller's write transaction: the
// per-complaint cap, the row, updated_at and the "create" audit entry.
Result<Attachment> InsertAttachment(SqlConnection& db, TimePoint now, const WriteContext& ctx, const Attachment& meta,
                                    const std::string& content, const std::string& content_type,
                                    const std::optional<Id>& customer_id);

// Rewrites the full-text row of complaint `id` from its text and messages,
// within the caller's write transaction: at once on PostgreSQL; on SQLite
// noted on the connection and done by IndexPendingComplaintSearch before the
// transaction commits. Implemented in sql_store_complaints.cc.
Status RefreshComplaintSearch(SqlConnection& db, Id id);

// SQLite: writes the full-text rows of every complaint noted by
// RefreshComplaintSearch in this transaction, in one DELETE and one INSERT
// (one FTS5 segment per transaction instead of one per complaint). Called by
// SqlStore right before COMMIT; a no-op when nothing is noted.
Status IndexPendingComplaintSearch(SqlConnection& db);

}  // namespace hearken::sql
