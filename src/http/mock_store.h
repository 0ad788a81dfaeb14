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
  MOCK_METHOD((Result<Page<AuditEntry>>), ListAudit, (const AuditFilter& filter, const ListOptions& options), (override));
  MOCK_METHOD((Result<AuditVerification>), VerifyAudit, (), (override));
};

}  // namespace hearken::http::testing
