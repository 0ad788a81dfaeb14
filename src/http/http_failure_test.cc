// How the edge answers when the store fails or a handler throws: 503 for
// an unreachable database (readiness too), 500 problems without internals,
// and the server keeps serving.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/crypto.h"
#include "http/test_support.h"
#include "store/open_store.h"
#include "store/store_parts.h"

namespace hearken::http::testing {
namespace {

using ::testing::_;
using ::testing::Return;
using ::testing::Throw;

// The two areas these tests make fail; the rest of the store is a real one.
class MockUserStore : public UserStore {
 public:
  MOCK_METHOD((Result<User>), CreateUser, (const WriteContext&, const User&), (override));
  MOCK_METHOD((Result<User>), GetUser, (Id), (override));
  MOCK_METHOD((Result<User>), GetUserByEmail, (const std::string&), (override));
  MOCK_METHOD((Result<Page<User>>), ListUsers, (const ListOptions&), (override));
  MOCK_METHOD((Result<std::int64_t>), CountUsers, (), (override));
  MOCK_METHOD((Result<User>), UpdateUser, (const WriteContext&, const User&, const std::optional<PasswordChange>&),
              (override));
  MOCK_METHOD((Status), SetPasswordHash, (const WriteContext&, Id, const std::string&), (override));
  MOCK_METHOD((Status), CreateSession, (const WriteContext&, const Session&), (override));
  MOCK_METHOD((Result<Session>), GetSession, (const std::string&), (override));
  MOCK_METHOD((Status), TouchSession, (const std::string&, TimePoint), (override));
  MOCK_METHOD((Status), DeleteSession, (const WriteContext&, const std::string&), (override));
  MOCK_METHOD((Result<std::int64_t>), DeleteSessionsIdleSince, (TimePoint, TimePoint), (override));
  MOCK_METHOD((Result<ApiToken>), CreateApiToken, (const WriteContext&, Id, const std::string&, const std::string&),
              (override));
  MOCK_METHOD((Result<ApiToken>), FindActiveApiToken, (const std::string&), (override));
  MOCK_METHOD((Result<std::vector<ApiToken>>), ListApiTokens, (Id), (override));
  MOCK_METHOD((Result<ApiToken>), GetApiToken, (Id), (override));
  MOCK_METHOD((Status), RevokeApiToken, (const WriteContext&, Id), (override));
};

class MockCustomerStore : public CustomerStore {
 public:
  MOCK_METHOD((Result<Customer>), CreateCustomer, (const WriteContext&, const Customer&), (override));
  MOCK_METHOD((Result<Customer>), GetCustomer, (Id), (override));
  MOCK_METHOD((Result<Page<Customer>>), ListCustomers, (const CustomerFilter&, const ListOptions&), (override));
  MOCK_METHOD((Result<Customer>), UpdateCustomer, (const WriteContext&, const Customer&), (override));
  MOCK_METHOD((Status), DeleteCustomer, (const WriteContext&, Id), (override));
  MOCK_METHOD((Result<std::vector<Customer>>), FindCustomersByEmail, (const std::string&), (override));
  MOCK_METHOD((Result<Segment>), CreateSegment, (const WriteContext&, const Segment&), (override));
  MOCK_METHOD((Result<Segment>), GetSegment, (Id), (override));
  MOCK_METHOD((Result<Page<Segment>>), ListSegments, (const std::string&, const ListOptions&), (override));
  MOCK_METHOD((Result<Segment>), UpdateSegment, (const WriteContext&, const Segment&), (override));
  MOCK_METHOD((Status), DeleteSegment, (const WriteContext&, Id), (override));
};

class FailureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto real = OpenStore("sqlite::memory:", clock_);
    ASSERT_TRUE(real.ok());
    real_ = std::move(*real);
    ASSERT_TRUE(real_->Migrate().ok());
    store_ = std::make_unique<StoreParts>(*real_);
    store_->users_part = &users_;
    store_->customers_part = &customers_;
    store_->ping = [this] { return ping_.Call(); };
    ServerOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    options.threads = 1;
    options.session_sweep_interval = std::chrono::milliseconds(0);  // the mock has no answer for it
    server_ = std::make_unique<Server>(*store_, clock_, options);
    ASSERT_TRUE(server_->Start().ok());
    ApiToken token;
    token.id = 1;
    token.user_id = 7;
    token.name = "t";
    User admin;
    admin.id = 7;
    admin.email = "admin@example.org";
    admin.role = Role::kAdmin;
    ON_CALL(users_, FindActiveApiToken(HashToken("good"))).WillByDefault(Return(Result<ApiToken>(token)));
    ON_CALL(users_, GetUser(7)).WillByDefault(Return(Result<User>(admin)));
    ON_CALL(ping_, Call()).WillByDefault(Return(Status::Ok()));
  }
  void TearDown() override {
    server_->RequestStop();
    server_->Wait();
  }
  ManualClock clock_{TimePoint(std::chrono::seconds(1'790'000'000))};
  std::unique_ptr<Store> real_;
  ::testing::NiceMock<MockUserStore> users_;
  ::testing::NiceMock<MockCustomerStore> customers_;
  ::testing::NiceMock<::testing::MockFunction<Status()>> ping_;
  std::unique_ptr<StoreParts> store_;
  std::unique_ptr<Server> server_;
  const Auth admin_{"good", "", ""};
};

TEST_F(FailureTest, ReadinessIs503WhenTheDatabaseIsUnreachableWhileHealthStays200) {
  EXPECT_CALL(ping_, Call()).WillOnce(Return(Status(Error::Unavailable("connection refused"))));
  EXPECT_TRUE(IsProblem(Send(server_->Port(), "GET", "/readyz"), 503));
  EXPECT_EQ(Send(server_->Port(), "GET", "/healthz").status, 200);
  EXPECT_CALL(ping_, Call()).WillOnce(Return(Status::Ok()));
  EXPECT_EQ(Send(server_->Port(), "GET", "/readyz").status, 200);
}

TEST_F(FailureTest, UnavailableStoreIs503) {
  EXPECT_CALL(customers_, GetCustomer(5))
      .WillOnce(Return(Result<Customer>(Error::Unavailable("could not connect to db.internal:5432"))));
  Reply reply = Send(server_->Port(), "GET", "/api/v1/customers/5", "", admin_);
  EXPECT_TRUE(IsProblem(reply, 503));
  EXPECT_EQ(reply.body.find("db.internal"), std::string::npos) << reply.body;  // never the database's message
  EXPECT_FALSE(reply.Header("retry-after").empty());
}

TEST_F(FailureTest, InternalErrorsAre500WithoutInternals) {
  EXPECT_CALL(customers_, GetCustomer(5))
      .WillOnce(Return(Result<Customer>(Error::Internal("SQL logic error near SELECT secret_column"))));
  Reply reply = Send(server_->Port(), "GET", "/api/v1/customers/5", "", admin_);
  EXPECT_TRUE(IsProblem(reply, 500));
  EXPECT_EQ(reply.body.find("secret_column"), std::string::npos);
}

TEST_F(FailureTest, AHandlerThatThrowsGives500AndTheServerGoesOn) {
  EXPECT_CALL(customers_, GetCustomer(5)).WillOnce(Throw(std::runtime_error("boom")));
  Reply reply = Send(server_->Port(), "GET", "/api/v1/customers/5", "", admin_);
  EXPECT_TRUE(IsProblem(reply, 500));
  EXPECT_FALSE(reply.Header("content-security-policy").empty());
  EXPECT_EQ(Send(server_->Port(), "GET", "/healthz").status, 200);
}

TEST_F(FailureTest, AuthenticationFailingInTheStoreIs503Not401) {
  EXPECT_CALL(users_, FindActiveApiToken(_)).WillOnce(Return(Result<ApiToken>(Error::Unavailable("db down"))));
  EXPECT_TRUE(IsProblem(Send(server_->Port(), "GET", "/api/v1/customers", "", Auth{"other", "", ""}), 503));
}

}  // namespace
}  // namespace hearken::http::testing
