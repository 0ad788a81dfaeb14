// A GoogleMock Store for tests of the HTTP edge that need a store to fail
// in ways a real database will not on demand (unreachable, throwing).
#pragma once

#include <gmock/gmock.h>

#include "store/store.h"

namespace hearken::http::testing {

class MockStore : public Store {
 public:
  MOCK_METHOD((Status), Migrate, (), (override));
  MOCK_METHOD((Result<int>), SchemaVersion, (), (override));
  MOCK_METHOD((int), LatestSchemaVersion, (), (const, override));
  MOCK_METHOD((Status), Ping, (), (override));
  MOCK_METHOD((Result<OrgSettings>), GetSettings, (), (override));
  MOCK_METHOD((Result<OrgSettings>), UpdateSettings, (const WriteContext& ctx, const OrgSettings& settings), (override));
  MOCK_METHOD((Result<User>), CreateUser, (const WriteContext& ctx, const User& user), (override));
  MOCK_METHOD((Result<User>), GetUser, (Id id), (override));
  MOCK_METHOD((Result<User>), GetUserByEmail, (const std::string& email), (override));
  MOCK_METHOD((Result<Page<User>>), ListUsers, (const ListOptions& options), (override));
  MOCK_METHOD((Result<std::int64_t>), CountUsers, (), (override));
  MOCK_METHOD((Result<User>), UpdateUser, (const WriteContext& ctx, const User& user), (override));
  MOCK_METHOD((Status), SetPasswordHash, (const WriteContext& ctx, Id user_id, const std::string& password_hash), (override));
  MOCK_METHOD((Status), CreateSession, (const WriteContext& ctx, const Session& session), (override));
  MOCK_METHOD((Result<Session>), GetSession, (const std::string& token_hash), (override));
  MOCK_METHOD((Status), TouchSession, (const std::string& token_hash, TimePoint at), (override));
  MOCK_METHOD((Status), DeleteSession, (const WriteContext& ctx, const std::string& token_hash), (override));
  MOCK_METHOD((Result<std::int64_t>), DeleteSessionsIdleSince, (TimePoint idle_before, TimePoint created_before), (override));
  MOCK_METHOD((Result<ApiToken>), CreateApiToken, (const WriteContext& ctx, Id user_id, const std::string& name, const std::string& token_hash), (override));
  MOCK_METHOD((Result<ApiToken>), FindActiveApiToken, (const std::string& token_hash), (override));
  MOCK_METHOD((Result<std::vector<ApiToken>>), ListApiTokens, (Id user_id), (override));
  MOCK_METHOD((Result<ApiToken>), GetApiToken, (Id id), (override));
  MOCK_METHOD((Status), RevokeApiToken, (const WriteContext& ctx, Id token_id), (override));
  MOCK_METHOD((Result<Customer>), CreateCustomer, (const WriteContext& ctx, const Customer& customer), (override));
  MOCK_METHOD((Result<Customer>), GetCustomer, (Id id), (override));
  MOCK_METHOD((Result<Page<Customer>>), ListCustomers, (const CustomerFilter& filter, const ListOptions& options), (override));
  MOCK_METHOD((Result<Customer>), UpdateCustomer, (const WriteContext& ctx, const Customer& customer), (override));
  MOCK_METHOD((Status), DeleteCustomer, (const WriteContext& ctx, Id id), (override));
  MOCK_METHOD((Result<std::vector<Customer>>), FindCustomersByEmail, (const std::string& email), (override));
  MOCK_METHOD((Result<Segment>), CreateSegment, (const WriteContext& ctx, const Segment& segment), (override));
  MOCK_METHOD((Result<Segment>), GetSegment, (Id id), (override));
  MOCK_METHOD((Result<Page<Segment>>), ListSegments, (const std::string& search, const ListOptions& options), (override));
  MOCK_METHOD((Result<Segment>), UpdateSegment, (const WriteContext& ctx, const Segment& segment), (override));
  MOCK_METHOD((Status), DeleteSegment, (const WriteContext& ctx, Id id), (override));
  MOCK_METHOD((Result<Requirement>), CreateRequirement, (const WriteContext& ctx, const Requirement& requirement), (override));
  MOCK_METHOD((Result<Requirement>), GetRequirement, (Id id), (override));
  MOCK_METHOD((Result<Page<Requirement>>), ListRequirements, (const RequirementFilter& filter, const ListOptions& options), (override));
  MOCK_METHOD((Result<std::vector<RequirementVersion>>), ListRequirementVersions, (Id requirement_id), (override));
  MOCK_METHOD((Result<RequirementReview>), ReviewRequirement, (const WriteContext& ctx, Id requirement_id, ReviewOutcome outcome, const std::string& notes, const std::optional<Amendment>& amendment), (override));
  MOCK_METHOD((Result<std::vector<RequirementReview>>), ListRequirementReviews, (Id requirement_id), (override));
  MOCK_METHOD((Result<Requirement>), WithdrawRequirement, (const WriteContext& ctx, Id requirement_id), (override));
  MOCK_METHOD((Result<Communication>), CreateCommunication, (const WriteContext& ctx, const Communication& communication), (override));
  MOCK_METHOD((Result<Communication>), GetCommunication, (Id id), (override));
  MOCK_METHOD((Result<Page<Communication>>), ListCommunications, (const CommunicationFilter& filter, const ListOptions& options), (override));
  MOCK_METHOD((Result<Communication>), UpdateCommunication, (const WriteContext& ctx, const Communication& communication), (override));
  MOCK_METHOD((Status), DeleteCommunication, (const WriteContext& ctx, Id id), (override));
  MOCK_METHOD((Result<Complaint>), CreateComplaint, (const WriteContext& ctx, const ComplaintIntakeFields& fields, const std::string& status_token_hash), (override));
  MOCK_METHOD((Result<Complaint>), GetComplaint, (Id id), (override));
  MOCK_METHOD((Result<Complaint>), GetComplaintByReference, (const std::string& reference), (override));
  MOCK_METHOD((Result<Complaint>), GetComplaintByStatusToken, (const std::string& token_hash), (override));
  MOCK_METHOD((Result<Page<Complaint>>), ListComplaints, (const ComplaintFilter& filter, const ListOptions& options), (override));
  MOCK_METHOD((Result<Complaint>), TransitionComplaint, (const WriteContext& ctx, Id id, const ComplaintMove& move), (override));
  MOCK_METHOD((Result<Complaint>), AssessComplaint, (const WriteContext& ctx, Id id, const ComplaintAssessment& assessment), (override));
  MOCK_METHOD((Result<Complaint>), RecordInvestigation, (const WriteContext& ctx, Id id, const ComplaintInvestigation& investigation), (override));
  MOCK_METHOD((Result<Complaint>), RespondToComplaint, (const WriteContext& ctx, Id id, const ComplaintResponse& response), (override));
  MOCK_METHOD((Result<Complaint>), AssignComplaint, (const WriteContext& ctx, Id id, std::optional<Id> assignee_id), (override));
  MOCK_METHOD((Status), RecordSlaNotice, (const WriteContext& ctx, Id id, SlaClock clock, SlaNotice notice, TimePoint at), (override));
  MOCK_METHOD((Result<ComplaintMessage>), AddComplaintMessage, (const WriteContext& ctx, const ComplaintMessage& message), (override));
  MOCK_METHOD((Result<std::vector<ComplaintMessage>>), ListComplaintMessages, (Id complaint_id, bool include_internal), (override));
  MOCK_METHOD((Result<Attachment>), AddAttachment, (const WriteContext& ctx, const Attachment& meta, const std::string& content), (override));
  MOCK_METHOD((Result<std::vector<Attachment>>), ListAttachments, (Id complaint_id), (override));
  MOCK_METHOD((Result<Attachment>), GetAttachment, (Id id), (override));
  MOCK_METHOD((Result<std::string>), GetAttachmentContent, (Id id), (override));
  MOCK_METHOD((Result<ComplaintSettings>), GetComplaintSettings, (), (override));
  MOCK_METHOD((Result<ComplaintSettings>), UpdateComplaintSettings, (const WriteContext& ctx, const ComplaintSettings& settings), (override));
  MOCK_METHOD((Result<ComplaintCategory>), CreateCategory, (const WriteContext& ctx, const ComplaintCategory& category), (override));
  MOCK_METHOD((Result<std::vector<ComplaintCategory>>), ListCategories, (), (override));
  MOCK_METHOD((Result<ComplaintCategory>), GetCategory, (Id id), (override));
  MOCK_METHOD((Result<ComplaintCategory>), UpdateCategory, (const WriteContext& ctx, const ComplaintCategory& category), (override));
  MOCK_METHOD((Result<ImportReport>), ImportComplaints, (const WriteContext& ctx, const std::vector<ImportedComplaint>& rows), (override));
  MOCK_METHOD((Status), IssueRatingToken, (const WriteContext& ctx, Id complaint_id, const std::string& token_hash), (override));
  MOCK_METHOD((Result<Complaint>), GetComplaintByRatingToken, (const std::string& token_hash), (override));
  MOCK_METHOD((Result<HandlingRating>), SubmitRating, (const WriteContext& ctx, const std::string& token_hash, int score, const std::string& comment), (override));
  MOCK_METHOD((Result<HandlingRating>), GetRating, (Id complaint_id), (override));
  MOCK_METHOD((Result<CorrectiveAction>), CreateCorrectiveAction, (const WriteContext& ctx, const CorrectiveAction& action), (override));
  MOCK_METHOD((Result<CorrectiveAction>), GetCorrectiveAction, (Id id), (override));
  MOCK_METHOD((Result<Page<CorrectiveAction>>), ListCorrectiveActions, (std::optional<Id> complaint_id, std::optional<ActionStatus> status, const ListOptions& options), (override));
  MOCK_METHOD((Result<CorrectiveAction>), UpdateCorrectiveAction, (const WriteContext& ctx, const CorrectiveAction& action), (override));
  MOCK_METHOD((Result<std::vector<ComplaintFact>>), ListComplaintFacts, (const ComplaintFilter& filter), (override));
  MOCK_METHOD((Result<PeriodVolume>), SetPeriodVolume, (const WriteContext& ctx, const PeriodVolume& volume), (override));
  MOCK_METHOD((Status), DeletePeriodVolume, (const WriteContext& ctx, const std::string& period), (override));
  MOCK_METHOD((Result<std::vector<PeriodVolume>>), ListPeriodVolumes, (), (override));
  MOCK_METHOD((Result<bool>), RunExclusive, (const std::string& lock_name, const std::function<void()>& job), (override));
  MOCK_METHOD((Result<Page<AuditEntry>>), ListAudit, (const AuditFilter& filter, const ListOptions& options), (override));
  MOCK_METHOD((Result<AuditVerification>), VerifyAudit, (), (override));
};

}  // namespace hearken::http::testing
