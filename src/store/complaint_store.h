// Complaints (ISO 10002:2018 7.2–7.9): intake from every path with its
// reference and SLA clocks, the queues and full-text search of the list, the
// lifecycle (every move through core's state machine), assessment,
// investigation, response, assignment and the SLA job's notices. Part of
// Store (store.h); the contracts there hold.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/complaint.h"
#include "core/result.h"
#include "store/store_types.h"

namespace hearken {

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
  std::optional<Id> merged_into_id;     // the duplicates merged into this case
  bool exclude_merged = false;          // leave out duplicates merged into another case
  std::optional<TimePoint> received_from;  // received_at >= from
  std::optional<TimePoint> received_to;    // received_at < to
  // Full text over summary, description, product, remedy wanted, root cause,
  // decision and every message (FTS5 / PostgreSQL full-text search); words
  // are ANDed, a trailing word of kMinSearchWordLength or more characters
  // matches as a prefix. Also matches a reference. ListComplaints refuses a
  // search without any word that long (it would match most complaints).
  std::string search;
};

// The shortest word that makes a search selective (see ComplaintFilter).
inline constexpr size_t kMinSearchWordLength = 3;
// ListComplaints counts matches exactly up to this many (or up to the end of
// the page asked for, when that is further); past it the total is a lower
// bound (Page::total_capped).
inline constexpr std::int64_t kComplaintTotalCap = 1000;
// The furthest offset ListComplaints pages to; narrower filters, or the
// export, reach the rest.
inline constexpr int kMaxComplaintListOffset = 10000;

// The most complaints one bulk assignment or move takes (a page of the list
// is at most 500; a bulk action is meant for what one person selected).
inline constexpr size_t kMaxBulkComplaints = 200;

// How much of each complaint ScanComplaints reads.
enum class ComplaintDetail {
  kFull,   // every field, resolve pauses included (exports, jobs)
  kFacts,  // what analysis needs: ids, reference, state, channel, intake,
           // category, product, segment, site, severity, milestones, due and
           // stopped times, reopen count, rating, source outcome; no text
};

// One keyset page of a scan: the complaints with id > after_id.
struct ComplaintScan {
  Id after_id = 0;
  int limit = 1000;  // 1..10000
  ComplaintDetail detail = ComplaintDetail::kFull;
};

// What a batch import did.
struct ImportReport {
  std::int64_t created = 0;
  std::int64_t skipped_duplicates = 0;  // external_ref already present
  std::int64_t categories_created = 0;
};

// A handling rating the source recorded with a closed case.
struct ImportedRating {
  int score = 0;  // 1..5
  std::string comment;
  TimePoint rated_at{};  // at or after the closure
};

// One row of a batch import: the intake fields, the category path to find or
// create (product → sub-product → issue → sub-issue, blanks dropped), and the
// source's outcome.
struct ImportedComplaint {
  // received_at and external_ref set; intake kImport, or how the case came
  // in when the source knows it (a history migrated from another system).
  ComplaintIntakeFields fields;
  std::vector<std::string> category_path;
  std::string source_outcome;
  std::optional<bool> source_timely;
  std::optional<TimePoint> sent_at;  // the source's "sent to company" date: recorded as acknowledged_at
  // When the source closed the case: the complaint is filed closed with this
  // closure kind (both clocks stopped then); otherwise it is filed
  // acknowledged when sent_at is given, else received.
  std::optional<TimePoint> closed_at;
  ClosureKind closure = ClosureKind::kNoReply;
  // The source's decision, recorded as the response at closed_at: required
  // when the case is filed closed (core CheckCaseRecord), as for every
  // closed case; ignored otherwise.
  std::optional<ComplaintResponse> response;
  // What else a source may know of the handling (none of it from the CFPB):
  // the assessed severity (1..4; the due times follow it); for a case filed
  // closed, when its response was given if before closed_at (default
  // closed_at; not before received_at), how often it was reopened before
  // that closure, and the complainant's handling rating. Errors of
  // ImportComplaints name "rows/<i>/severity", ".../responded_at",
  // ".../reopen_count", ".../rating" (also when the case is not closed).
  std::optional<int> severity;
  std::optional<TimePoint> responded_at;
  int reopen_count = 0;
  std::optional<ImportedRating> rating;
};

// A file that arrives with a complaint (the public form, a staff upload at
// intake, an e-mail): checked and stored with it by FileComplaint.
struct AttachmentUpload {
  std::string filename;
  std::string content;
};

// Whether filing also acknowledges: kNow moves the new case to acknowledged
// in the same transaction (staff who entered it have acknowledged it).
enum class IntakeAcknowledgement { kLater, kNow };

// Everything one intake writes: the complaint, its files and, if asked, the
// acknowledgement — one transaction, so a failure leaves nothing behind.
struct ComplaintFiling {
  ComplaintIntakeFields fields;
  std::string status_token_hash;  // the caller made the token
  std::vector<AttachmentUpload> attachments;
  IntakeAcknowledgement acknowledgement = IntakeAcknowledgement::kLater;
  std::string uploaded_by;  // whom the files came from; empty: the actor
};

// What moving a complaint needs besides its target state.
struct ComplaintMove {
  ComplaintState to = ComplaintState::kReceived;
  std::string reason;
  std::optional<ClosureKind> closure;  // required when `to` is closed
};

class ComplaintStore {
 public:
  virtual ~ComplaintStore() = default;

  // ---- Intake ----
  // Files a complaint in state received: assigns the next reference of the
  // received year, starts both SLA clocks at received_at, computes due times
  // from the settings, and stores `status_token_hash`, a hash the caller
  // made of a random token nobody holds: status links are derived from the
  // id with the server's link key (keys/link_signer.h) since issue 6, and the
  // column only keeps what the links of before left (no route reads it).
  // The audit entry never contains the token hash.
  // Errors: InvalidArgument (ValidateComplaintIntake), NotFound (customer,
  // category), AlreadyExists (external_ref or source_message_id already filed;
  // names the field).
  Result<Complaint> CreateComplaint(const WriteContext& ctx, const ComplaintIntakeFields& fields,
                                    const std::string& status_token_hash) {
    return FileComplaint(ctx, {fields, status_token_hash, {}, IntakeAcknowledgement::kLater, ""});
  }
  // Files a complaint as CreateComplaint does, stores each attachment with it
  // (the rules of AddAttachment) and, with kNow, acknowledges it — all in one
  // transaction: on any error nothing is written. Errors: those of
  // CreateComplaint; InvalidArgument / FailedPrecondition naming
  // "attachments/<i>" for a file the store refuses.
  virtual Result<Complaint> FileComplaint(const WriteContext& ctx, const ComplaintFiling& filing) = 0;
  // Files many in one transaction (the import): existing external_refs are
  // skipped, categories are found or created by path; each complaint gets its
  // audit entry. Errors: InvalidArgument naming "rows/<i>/<field>",
  // FailedPrecondition naming "rows/<i>" (a closed row without its
  // response); nothing is written then.
  virtual Result<ImportReport> ImportComplaints(const WriteContext& ctx,
                                                const std::vector<ImportedComplaint>& rows) = 0;

  // ---- Reads ----
  virtual Result<Complaint> GetComplaint(Id id) = 0;
  // Errors: NotFound.
  virtual Result<Complaint> GetComplaintByReference(const std::string& reference) = 0;
  // Sort fields: received_at, updated_at, reference, severity, state,
  // ack_due_at, resolve_due_at. Default (sort empty): received_at
  // descending; with a search, the most recently filed first (id
  // descending), which both full-text indexes deliver in order, so that a
  // page costs what the page costs. The total is exact up to
  // kComplaintTotalCap (or the page's end), else a lower bound with
  // total_capped set. Errors: InvalidArgument naming "search" (no word of
  // kMinSearchWordLength characters), "offset" (past
  // kMaxComplaintListOffset), "sort", "limit", "site".
  virtual Result<Page<Complaint>> ListComplaints(const ComplaintFilter& filter, const ListOptions& options) = 0;
  // The complaints matching `filter` with id > scan.after_id, id ascending,
  // at most scan.limit (a keyset page: a scan that continues after the last
  // id it got neither skips nor repeats rows while complaints arrive). With
  // kFacts only the fields named there are read. Errors: InvalidArgument
  // (limit, filter text).
  virtual Result<std::vector<Complaint>> ScanComplaints(const ComplaintFilter& filter, const ComplaintScan& scan) = 0;

  // ---- Lifecycle ----
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

  // ---- Several at once and merging ----
  // Assigns every one of `ids` as AssignComplaint does, in one transaction:
  // all or none. Errors: InvalidArgument naming "ids" (empty, more than
  // kMaxBulkComplaints, an id twice) or "ids/<i>" (no such complaint); the
  // errors of AssignComplaint for the user; FailedPrecondition naming
  // "ids/<i>" (and the reference in the message) for a complaint that
  // cannot be assigned.
  virtual Result<std::vector<Complaint>> AssignComplaints(const WriteContext& ctx, const std::vector<Id>& ids,
                                                          std::optional<Id> assignee_id) = 0;
  // Moves every one of `ids` as TransitionComplaint does, in one
  // transaction: all or none. Errors as AssignComplaints, and the errors of
  // TransitionComplaint, each naming "ids/<i>" besides its own fields.
  virtual Result<std::vector<Complaint>> TransitionComplaints(const WriteContext& ctx, const std::vector<Id>& ids,
                                                              const ComplaintMove& move) = 0;
  // Merges the duplicate `duplicate_id` into `into_id`, the case that
  // carries on: the duplicate is closed (closure kDuplicate, both clocks
  // stopped, the reason recorded) and names `into_id` (merged_into_id);
  // duplicates already merged into it move on to `into_id`; its messages and
  // files stay with it, and the staff's view of `into_id` lists them
  // (ComplaintFilter::merged_into_id). Audited "merge" on both cases.
  // Returns the closed duplicate. Errors: NotFound (either), InvalidArgument
  // "reason" (blank), "into" (the same case), FailedPrecondition "into"
  // (withdrawn, or itself merged into another) and the state's errors
  // (a duplicate that is closed or withdrawn).
  virtual Result<Complaint> MergeComplaint(const WriteContext& ctx, Id duplicate_id, Id into_id,
                                           const std::string& reason) = 0;

  // Records that the SLA job sent `notice` about `clock` at `at` (to all
  // its recipients).
  virtual Status RecordSlaNotice(const WriteContext& ctx, Id id, SlaClock clock, SlaNotice notice, TimePoint at) = 0;
};

}  // namespace hearken
