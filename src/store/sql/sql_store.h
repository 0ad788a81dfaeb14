// SqlStore: the one implementation of Store on top of SqlConnection, shared by
// SqliteStore and PostgresStore. Every query is written once with `?`
// placeholders; the dialect shows only in how a write transaction begins
// (SQLite BEGIN IMMEDIATE; PostgreSQL BEGIN plus a transaction advisory lock,
// which serialises appends to the audit chain) and in the tag filter.
//
// Every write: begin → read the clock → change the record(s) → append one
// audit entry and move the audit head → COMMIT. The call returns only after
// COMMIT succeeded. Concurrent writes share one transaction and one COMMIT
// (group commit, each write in its own savepoint). Uniqueness and references are checked inside the write
// transaction (writers are serialised), with database constraints as the
// backstop.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "store/sql/sql_connection.h"
#include "store/store.h"

namespace hearken {

// One numbered migration script of a dialect (embedded at build time).
struct SqlMigration {
  int version = 0;
  std::string name;
  std::string sql;
};

class SqlStore : public Store,
                 public OrganisationStore,
                 public UserStore,
                 public CustomerStore,
                 public RequirementStore,
                 public CommunicationStore,
                 public ComplaintStore,
                 public ComplaintMessageStore,
                 public ComplaintAdminStore,
                 public RatingStore,
                 public CorrectiveActionStore,
                 public AuditStore,
                 public JobStore,
                 public IdempotencyStore,
                 public SubjectStore,
                 public NotificationStore,
                 public SavedViewStore,
                 public SurveyStore,
                 public SurveyInvitationStore,
                 public FeedbackStore {
 public:
  // `migrations` sorted by version, starting at 1. `clock` must outlive the store.
  SqlStore(std::unique_ptr<SqlPool> pool, std::vector<SqlMigration> migrations, const Clock& clock);
  ~SqlStore() override;

  // Runs raw SQL statements on the database, outside any audit entry. For
  // maintenance and for tests that play an attacker with database access.
  // Errors: as the adapter reports them.
  Status ExecuteScript(const std::string& sql);
  // Runs one raw query and returns its rows, every cell as text (NULL as "").
  // For tests that look at what the database itself holds.
  Result<std::vector<std::vector<std::string>>> QueryRows(const std::string& sql);
  // The database's plan for a page of ListComplaints (SQLite's EXPLAIN QUERY
  // PLAN, PostgreSQL's EXPLAIN), one line per step: for the tests that keep
  // a queue walking its index in page order, and for diagnosis.
  Result<std::string> ExplainComplaintList(const ComplaintFilter& filter, const ListOptions& options);

  Status Migrate() override;
  Result<int> SchemaVersion() override;
  int LatestSchemaVersion() const override;
  Status Ping() override;

  // Every area is this object.
  OrganisationStore& organisation() override { return *this; }
  UserStore& users() override { return *this; }
  CustomerStore& customers() override { return *this; }
  RequirementStore& requirements() override { return *this; }
  CommunicationStore& communications() override { return *this; }
  ComplaintStore& complaints() override { return *this; }
  ComplaintMessageStore& complaint_messages() override { return *this; }
  ComplaintAdminStore& complaint_admin() override { return *this; }
  RatingStore& ratings() override { return *this; }
  CorrectiveActionStore& corrective_actions() override { return *this; }
  AuditStore& audit() override { return *this; }
  JobStore& jobs() override { return *this; }
  IdempotencyStore& idempotency() override { return *this; }
  SubjectStore& subjects() override { return *this; }
  NotificationStore& notifications() override { return *this; }
  SavedViewStore& saved_views() override { return *this; }
  SurveyStore& surveys() override { return *this; }
  SurveyInvitationStore& survey_invitations() override { return *this; }
  FeedbackStore& feedback() override { return *this; }

  Result<int> Notify(const std::vector<NotificationDraft>& drafts) override;
  Result<Page<Notification>> ListNotifications(Id user_id, bool unread_only, const ListOptions& options) override;
  Result<std::int64_t> CountUnread(Id user_id) override;
  Result<std::int64_t> MarkRead(Id user_id, const std::vector<Id>& ids, bool all) override;
  Result<std::vector<NotificationPreference>> GetNotificationPreferences(Id user_id) override;
  Status SetNotificationPreferences(Id user_id, const std::vector<NotificationPreference>& preferences) override;
  Result<std::vector<PendingNotificationMail>> ListPendingNotificationMail(int max_people) override;
  Status MarkNotificationsMailed(const std::vector<Id>& ids, bool sent) override;

  // ---- SavedViewStore (sql_store_saved_views.cc) ----
  Result<std::vector<SavedView>> ListSavedViews(const std::string& list, Id user_id) override;
  Result<SavedView> GetSavedView(Id id) override;
  Result<SavedView> CreateSavedView(const WriteContext& ctx, const SavedView& view) override;
  Result<SavedView> UpdateSavedView(const WriteContext& ctx, const SavedView& view) override;
  Status DeleteSavedView(const WriteContext& ctx, Id id) override;

  // ---- SurveyStore (surveys/sql_store_surveys.cc, surveys/sql_store_survey_answers.cc) ----
  Result<Page<Survey>> ListSurveys(const SurveyFilter& filter, const ListOptions& options) override;
  Result<Survey> GetSurvey(Id id) override;
  Result<Survey> GetSurveyBySlug(const std::string& public_slug) override;
  Result<Survey> CreateSurvey(const WriteContext& ctx, const Survey& survey, const std::string& definition_json,
                              const std::string& metric_map_json) override;
  Result<Survey> UpdateSurvey(const WriteContext& ctx, const Survey& survey) override;
  Result<SurveyVersion> SaveSurveyDefinition(const WriteContext& ctx, Id survey_id, const std::string& definition_json,
                                             const std::string& metric_map_json,
                                             std::optional<int> expected_version) override;
  Result<SurveyVersion> GetSurveyVersion(Id survey_id, int version) override;
  Result<std::vector<SurveyVersion>> ListSurveyVersions(Id survey_id) override;
  Status DeleteSurvey(const WriteContext& ctx, Id survey_id) override;
  Result<SubmittedAnswer> SubmitSurveyAnswer(const WriteContext& ctx, const SurveyAnswer& answer) override;
  void SubmitSurveyAnswerAsync(const WriteContext& ctx, SurveyAnswer answer, SubmitDone done) override;
  Result<SurveyAnswer> GetSurveyAnswer(Id answer_id) override;
  Result<Page<SurveyAnswer>> ListSurveyAnswers(const SurveyAnswerFilter& filter, const ListOptions& options) override;
  Result<std::vector<SurveyAnswer>> ScanSurveyAnswers(const SurveyAnswerFilter& filter, Id after_id,
                                                      int limit) override;

  // ---- FeedbackStore (feedback/sql_store_feedback.cc, feedback/sql_store_feedback_hooks.cc) ----
  Result<FeedbackItem> CreateFeedback(const WriteContext& ctx, const FeedbackItem& item) override;
  Result<SocialImportReport> ImportSocialMentions(const WriteContext& ctx,
                                                 const std::vector<FeedbackItem>& items) override;
  Result<FeedbackItem> GetFeedback(Id id) override;
  Result<Page<FeedbackItem>> ListFeedback(const FeedbackFilter& filter, const ListOptions& options) override;
  Result<FeedbackItem> SetFeedbackTags(const WriteContext& ctx, Id id, const std::vector<std::string>& tags) override;
  Result<Complaint> FileComplaintFromFeedback(const WriteContext& ctx, Id id, const ComplaintIntakeFields& fields,
                                              const std::string& status_token_hash) override;
  Result<WebhookSource> SetWebhookSecret(const WriteContext& ctx, const std::string& name,
                                         const std::string& secret) override;
  Result<std::vector<WebhookSource>> ListWebhookSources() override;
  Result<std::vector<std::string>> WebhookSecrets(const std::string& name, TimePoint now) override;
  Result<SocialImportReport> ReceiveWebhookDelivery(const WriteContext& ctx, const std::string& name,
                                                   const std::string& delivery_id,
                                                   const std::vector<FeedbackItem>& items) override;

  Result<OrgSettings> GetSettings() override;
  Result<OrgSettings> UpdateSettings(const WriteContext& ctx, const OrgSettings& settings) override;

  Result<User> CreateUser(const WriteContext& ctx, const User& user) override;
  Result<User> GetUser(Id id) override;
  Result<User> GetUserByEmail(const std::string& email) override;
  Result<Page<User>> ListUsers(const ListOptions& options) override;
  Result<std::int64_t> CountUsers() override;
  using UserStore::UpdateUser;
  Result<User> UpdateUser(const WriteContext& ctx, const User& user,
                          const std::optional<PasswordChange>& password) override;
  Status SetPasswordHash(const WriteContext& ctx, Id user_id, const std::string& password_hash) override;

  Status CreateSession(const WriteContext& ctx, const Session& session) override;
  Result<Session> GetSession(const std::string& token_hash) override;
  Status TouchSession(const std::string& token_hash, TimePoint at) override;
  Status DeleteSession(const WriteContext& ctx, const std::string& token_hash) override;
  Result<std::int64_t> DeleteSessionsIdleSince(TimePoint idle_before, TimePoint created_before) override;

  Result<ApiToken> CreateApiToken(const WriteContext& ctx, Id user_id, const std::string& name,
                                  const std::string& token_hash) override;
  Result<ApiToken> FindActiveApiToken(const std::string& token_hash) override;
  Result<std::vector<ApiToken>> ListApiTokens(Id user_id) override;
  Result<ApiToken> GetApiToken(Id id) override;
  Status RevokeApiToken(const WriteContext& ctx, Id token_id) override;

  Result<Customer> CreateCustomer(const WriteContext& ctx, const Customer& customer) override;
  Result<Customer> GetCustomer(Id id) override;
  Result<Page<Customer>> ListCustomers(const CustomerFilter& filter, const ListOptions& options) override;
  Result<Customer> UpdateCustomer(const WriteContext& ctx, const Customer& customer) override;
  Status DeleteCustomer(const WriteContext& ctx, Id id) override;
  Result<std::vector<Customer>> FindCustomersByEmail(const std::string& email) override;

  Result<Segment> CreateSegment(const WriteContext& ctx, const Segment& segment) override;
  Result<Segment> GetSegment(Id id) override;
  Result<Page<Segment>> ListSegments(const std::string& search, const ListOptions& options) override;
  Result<Segment> UpdateSegment(const WriteContext& ctx, const Segment& segment) override;
  Status DeleteSegment(const WriteContext& ctx, Id id) override;

  Result<Requirement> CreateRequirement(const WriteContext& ctx, const Requirement& requirement) override;
  Result<Requirement> GetRequirement(Id id) override;
  Result<Page<Requirement>> ListRequirements(const RequirementFilter& filter, const ListOptions& options) override;
  Result<std::vector<RequirementVersion>> ListRequirementVersions(Id requirement_id) override;
  Result<RequirementReview> ReviewRequirement(const WriteContext& ctx, Id requirement_id, ReviewOutcome outcome,
                                              const std::string& notes,
                                              const std::optional<Amendment>& amendment) override;
  Result<std::vector<RequirementReview>> ListRequirementReviews(Id requirement_id) override;
  Result<Requirement> WithdrawRequirement(const WriteContext& ctx, Id requirement_id) override;

  Result<Communication> CreateCommunication(const WriteContext& ctx, const Communication& communication) override;
  Result<Communication> GetCommunication(Id id) override;
  Result<Page<Communication>> ListCommunications(const CommunicationFilter& filter,
                                                 const ListOptions& options) override;
  Result<Communication> UpdateCommunication(const WriteContext& ctx, const Communication& communication) override;
  Status DeleteCommunication(const WriteContext& ctx, Id id) override;

  // Complaints, their SLA clocks, transitions and full-text index:
  // sql_store_complaints.cc (+ sql_store_complaint_list.cc for ListComplaints).
  Result<Complaint> FileComplaint(const WriteContext& ctx, const ComplaintFiling& filing) override;
  Result<Complaint> GetComplaint(Id id) override;
  Result<Complaint> GetComplaintByReference(const std::string& reference) override;
  Result<Page<Complaint>> ListComplaints(const ComplaintFilter& filter, const ListOptions& options) override;
  Result<std::vector<Complaint>> ScanComplaints(const ComplaintFilter& filter, const ComplaintScan& scan) override;
  Result<Complaint> TransitionComplaint(const WriteContext& ctx, Id id, const ComplaintMove& move) override;
  Result<Complaint> AssessComplaint(const WriteContext& ctx, Id id, const ComplaintAssessment& assessment) override;
  Result<Complaint> RecordInvestigation(const WriteContext& ctx, Id id,
                                        const ComplaintInvestigation& investigation) override;
  Result<Complaint> RespondToComplaint(const WriteContext& ctx, Id id, const ComplaintResponse& response) override;
  Result<Complaint> AssignComplaint(const WriteContext& ctx, Id id, std::optional<Id> assignee_id) override;
  Result<std::vector<Complaint>> AssignComplaints(const WriteContext& ctx, const std::vector<Id>& ids,
                                                  std::optional<Id> assignee_id) override;
  Result<std::vector<Complaint>> TransitionComplaints(const WriteContext& ctx, const std::vector<Id>& ids,
                                                      const ComplaintMove& move) override;
  Result<Complaint> MergeComplaint(const WriteContext& ctx, Id duplicate_id, Id into_id,
                                   const std::string& reason) override;
  Status RecordSlaNotice(const WriteContext& ctx, Id id, SlaClock clock, SlaNotice notice, TimePoint at) override;

  // Messages and attachments: sql_store_complaint_messages.cc.
  Result<ComplaintMessage> AddComplaintMessage(const WriteContext& ctx, const ComplaintMessage& message) override;
  Result<std::vector<ComplaintMessage>> ListComplaintMessages(Id complaint_id, bool include_internal) override;
  Result<Attachment> AddAttachment(const WriteContext& ctx, const Attachment& meta,
                                   const std::string& content) override;
  Result<std::vector<Attachment>> ListAttachments(Id complaint_id) override;
  Result<Attachment> GetAttachment(Id id) override;
  Result<std::string> GetAttachmentContent(Id id) override;

  // Settings, taxonomy, import, ratings, corrective actions, analysis inputs
  // and job locks: sql_store_complaint_admin.cc, sql_store_complaint_import.cc,
  // sql_store_corrective_actions.cc.
  Result<ComplaintSettings> GetComplaintSettings() override;
  Result<ComplaintSettings> UpdateComplaintSettings(const WriteContext& ctx,
                                                    const ComplaintSettings& settings) override;
  Result<ComplaintCategory> CreateCategory(const WriteContext& ctx, const ComplaintCategory& category) override;
  Result<std::vector<ComplaintCategory>> ListCategories() override;
  Result<ComplaintCategory> GetCategory(Id id) override;
  Result<ComplaintCategory> UpdateCategory(const WriteContext& ctx, const ComplaintCategory& category) override;
  Result<ImportReport> ImportComplaints(const WriteContext& ctx, const std::vector<ImportedComplaint>& rows) override;
  Status IssueRatingToken(const WriteContext& ctx, Id complaint_id, const std::string& token_hash) override;
  Result<Complaint> GetComplaintByRatingToken(const std::string& token_hash) override;
  Result<HandlingRating> SubmitRating(const WriteContext& ctx, const std::string& token_hash, int score,
                                      const std::string& comment) override;
  Result<HandlingRating> GetRating(Id complaint_id) override;
  Result<CorrectiveAction> CreateCorrectiveAction(const WriteContext& ctx, const CorrectiveAction& action) override;
  Result<CorrectiveAction> GetCorrectiveAction(Id id) override;
  Result<Page<CorrectiveAction>> ListCorrectiveActions(std::optional<Id> complaint_id,
                                                       std::optional<ActionStatus> status,
                                                       const ListOptions& options) override;
  Result<CorrectiveAction> UpdateCorrectiveAction(const WriteContext& ctx, const CorrectiveAction& action) override;
  Result<PeriodVolume> SetPeriodVolume(const WriteContext& ctx, const PeriodVolume& volume) override;
  Status DeletePeriodVolume(const WriteContext& ctx, const std::string& period) override;
  Result<std::vector<PeriodVolume>> ListPeriodVolumes() override;
  Result<bool> RunExclusive(const std::string& lock_name, const std::function<void()>& job) override;

  Result<Page<AuditEntry>> ListAudit(const AuditFilter& filter, const ListOptions& options) override;
  Result<AuditVerification> VerifyAudit(const std::vector<AuditAnchor>& anchors) override;
  using AuditStore::VerifyAudit;

  Result<IdempotencyClaim> ClaimIdempotencyKey(const IdempotencyRequest& request, std::chrono::seconds stale_after,
                                               std::chrono::seconds keep_for) override;
  Status CompleteIdempotencyKey(const IdempotencyRequest& request, const IdempotentAnswer& answer) override;
  Status ReleaseIdempotencyKey(const IdempotencyRequest& request) override;
  // The data subject's export and erasure: sql_store_subjects.cc.
  Result<SubjectData> ExportSubject(const std::string& email) override;
  void UseSealingKey(const std::string& server_key) override { sealing_key_ = server_key; }
  Result<ErasureReport> EraseSubject(const WriteContext& ctx, const std::string& email) override;

  // ---- SurveyInvitationStore (surveys/sql_store_survey_invitations.cc, surveys/sql_store_survey_respondents.cc) ----
  Result<std::vector<InvitationOutcome>> CreateInvitations(const WriteContext& ctx, Id survey_id,
                                                           const std::vector<InvitationRequest>& requests) override;
  Result<SurveyInvitation> GetInvitation(Id id) override;
  Result<Page<SurveyInvitation>> ListInvitations(const InvitationFilter& filter, const ListOptions& options) override;
  Result<std::vector<std::pair<InvitationStatus, std::int64_t>>> CountInvitations(Id survey_id) override;
  Result<std::int64_t> QueueReminders(const WriteContext& ctx, Id survey_id, int max_reminders) override;
  Result<std::vector<DueInvitationMail>> ListDueInvitationMails(TimePoint now, int limit) override;
  Result<PreparedInvitationMail> PrepareInvitationMail(const WriteContext& ctx, Id queue_id,
                                                       const std::string& token_hash) override;
  Status FinishInvitationMail(const WriteContext& ctx, Id queue_id, InvitationMailResult result,
                              const std::string& note, TimePoint retry_at) override;
  Result<SurveyInvitation> OpenInvitation(const WriteContext& ctx, Id survey_id, const std::string& token_hash) override;
  Result<SurveyInvitation> SaveInvitationPartial(const WriteContext& ctx, Id survey_id, const std::string& token_hash,
                                                 const std::string& partial_json, const std::string& language) override;
  Result<SubmittedAnswer> SubmitInvitationAnswer(const WriteContext& ctx, const std::string& token_hash,
                                                 const SurveyAnswer& answer) override;
  Result<SurveyInvitation> OptOutOfInvitation(const WriteContext& ctx, Id survey_id,
                                              const std::string& token_hash) override;
  Result<SurveyMailTemplates> GetSurveyMailTemplates(Id survey_id) override;
  Result<SurveyMailTemplates> UpdateSurveyMailTemplates(const WriteContext& ctx,
                                                        const SurveyMailTemplates& templates) override;
  Result<survey::ContactRules> GetContactRules() override;
  Result<survey::ContactRules> UpdateContactRules(const WriteContext& ctx, const survey::ContactRules& rules) override;

  // Test seams of the group commit: `hook` runs in each leader, without the
  // queue lock, after it took its group (of `group_size` writes) and before
  // it begins the transaction; it may block (so that writers queue up behind
  // it) or throw. QueuedWritesForTesting: writes waiting for a leader.
  void SetWriteGroupHookForTesting(std::function<void(size_t group_size)> hook);
  size_t QueuedWritesForTesting();

 private:
  // The body of a write transaction: the connection and the time of the write.
  template <typename T>
  using WriteBody = std::function<Result<T>(SqlConnection& db, TimePoint now)>;
  template <typename T>
  using ReadBody = std::function<Result<T>(SqlConnection& db)>;

  // Runs `body` in one write transaction; commits when it succeeds.
  template <typename T>
  Result<T> Write(const WriteBody<T>& body);
  // The same without waiting: `done` gets the result after the COMMIT (see
  // SubmitWriteAsync).
  template <typename T>
  void WriteAsync(WriteBody<T> body, std::function<void(Result<T>)> done);
  // Runs `body` outside a transaction (reads, and writes that are not
  // audited when `access` is kWrite).
  template <typename T>
  Result<T> Read(const ReadBody<T>& body, SqlAccess access = SqlAccess::kRead);
  // Runs `body` in a read-only snapshot, so that several queries (a page and
  // its total, the audit chain and its head) see the same state.
  template <typename T>
  Result<T> ReadSnapshot(const ReadBody<T>& body);
  Status BeginWrite(SqlConnection& db);

  // Group commit. Concurrent writes queue up; one caller at a time leads,
  // running every queued write (up to kMaxGroup) in one transaction, each in
  // its own savepoint so a failing write is undone alone, then commits once
  // for the group: one fsync serves many writes. Every caller returns after
  // the COMMIT that holds its write (or with its own error).
  // Leadership is a LeaderTurn (sql_store.cc), whose destructor hands it
  // back and wakes the queue on every path, exceptions included.
  using WriteFn = std::function<Status(SqlConnection& db, TimePoint now)>;
  struct PendingWrite;
  class LeaderTurn;
  static constexpr size_t kMaxGroup = 64;
  Status SubmitWrite(const WriteFn& run);
  void RunGroup(const std::vector<PendingWrite*>& group);

  // Asynchronous writes join the same queue and groups. The caller does not
  // wait: when no caller leads, the store's writer thread (started on first
  // use) does, and `done` is called with the write's outcome after its
  // group committed, by the thread that led, outside the queue lock. They
  // are intake writes: their bodies must be safe to run again (a group of
  // them runs without savepoints, and again with them when one fails), and
  // they may leave answer counts pending until COMMIT. Beyond
  // kMaxQueuedAsync waiting asynchronous writes, `done` gets Unavailable at
  // once (backpressure instead of an unbounded queue).
  using WriteDone = std::function<void(Status)>;
  static constexpr size_t kMaxQueuedAsync = 8192;
  void SubmitWriteAsync(WriteFn run, WriteDone done);
  void WriterLoop();
  void WakeNextLeader();  // under queue_mutex_

  std::mutex queue_mutex_;
  std::deque<PendingWrite*> queue_;
  bool leader_active_ = false;
  std::function<void(size_t)> group_hook_;  // guarded by queue_mutex_
  size_t queued_async_ = 0;                 // guarded by queue_mutex_
  bool stop_writer_ = false;                // guarded by queue_mutex_
  std::condition_variable writer_wake_;
  std::thread writer_;  // started by the first SubmitWriteAsync

  // What nearly every request reads — the complaint settings and the
  // category taxonomy — kept in memory (sql_store_complaint_admin.cc). A
  // write that changes them calls sql::NoteAdminChange(); after its group
  // commits the generation moves on and the next read reloads. A copy is
  // also reloaded after kAdminCacheTtl, for writes by other processes.
  struct AdminCache;
  static constexpr std::chrono::seconds kAdminCacheTtl{2};
  Result<std::shared_ptr<const AdminCache>> Admin();
  void InvalidateAdminCache() { ++admin_generation_; }
  std::mutex admin_mutex_;
  std::shared_ptr<const AdminCache> admin_cache_;  // guarded by admin_mutex_
  std::atomic<std::uint64_t> admin_generation_{0};

  std::unique_ptr<SqlPool> pool_;
  std::vector<SqlMigration> migrations_;
  const Clock& clock_;
  // The server key of crypto-shredding (UseSealingKey); empty: none.
  std::string sealing_key_;
};

template <typename T>
Result<T> SqlStore::Write(const WriteBody<T>& body) {
  std::optional<Result<T>> result;
  Status outcome = SubmitWrite([&](SqlConnection& db, TimePoint now) -> Status {
    result.emplace(body(db, now));
    return result->ok() ? Status::Ok() : Status(result->error());
  });
  if (!outcome.ok()) return outcome.error();
  return std::move(*result);
}

template <typename T>
void SqlStore::WriteAsync(WriteBody<T> body, std::function<void(Result<T>)> done) {
  auto result = std::make_shared<std::optional<Result<T>>>();
  SubmitWriteAsync(
      [body = std::move(body), result](SqlConnection& db, TimePoint now) -> Status {
        result->emplace(body(db, now));
        return (*result)->ok() ? Status::Ok() : Status((*result)->error());
      },
      [result, done = std::move(done)](Status outcome) {
        if (!outcome.ok()) return done(outcome.error());
        done(std::move(**result));
      });
}

template <typename T>
Result<T> SqlStore::Read(const ReadBody<T>& body, SqlAccess access) {
  auto handle = pool_->Acquire(access);
  if (!handle.ok()) return handle.error();
  try {
    return body(**handle);
  } catch (const std::exception& e) {
    return Error::Internal(std::string("unexpected failure in a read: ") + e.what());
  }
}

template <typename T>
Result<T> SqlStore::ReadSnapshot(const ReadBody<T>& body) {
  auto handle = pool_->Acquire(SqlAccess::kRead);
  if (!handle.ok()) return handle.error();
  SqlConnection& db = **handle;
  auto begun = db.Execute(db.dialect() == SqlDialect::kSqlite ? "BEGIN"
                                                              : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  if (!begun.ok()) return begun.error();
  Result<T> result = Error::Internal("not run");
  try {
    result = body(db);
  } catch (const std::exception& e) {
    result = Error::Internal(std::string("unexpected failure in a read: ") + e.what());
  }
  (void)db.Execute(result.ok() ? "COMMIT" : "ROLLBACK");
  return result;
}

}  // namespace hearken
