// How the edge answers when the store fails or a handler throws: 503 for
// an unreachable database (readiness too), 500 problems without internals,
// and the server keeps serving.
#include <gtest/gtest.h>

#include "core/crypto.h"
#include "http/mock_store.h"
#include "http/test_support.h"

namespace hearken::http::testing {
namespace {

using ::testing::_;
using ::testing::Return;
using ::testing::Throw;

class FailureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    options.threads = 1;
    options.session_sweep_interval = std::chrono::milliseconds(0);  // the mock has no answer for it
    server_ = std::make_unique<Server>(store_, clock_, options);
    ASSERT_TRUE(server_->Start().ok());
    ApiToken token;
    token.id = 1;
    token.user_id = 7;
    token.name = "t";
    User admin;
    admin.id = 7;
    admin.email = "admin@example.org";
    admin.role = Role::kAdmin;
    ON_CALL(store_, FindActiveApiToken(HashToken("good"))).WillByDefault(Return(Result<ApiToken>(token)));
    ON_CALL(store_, GetUser(7)).WillByDefault(Return(Result<User>(admin)));
  }
  void TearDown() override {
    server_->RequestStop();
    server_->Wait();
  }
  ::testing::NiceMock<MockStore> store_;
  ManualClock clock_{TimePoint(std::chrono::seconds(1'790'000'000))};
  std::unique_ptr<Server> server_;
  const Auth admin_{"good", "", ""};
};

TEST_F(FailureTest, ReadinessIs503WhenTheDatabaseIsUnreachableWhileHealthStays200) {
  EXPECT_CALL(store_, Ping()).WillOnce(Return(Status(Error::Unavailable("connection refused"))));
  EXPECT_TRUE(IsProblem(Send(server_->Port(), "GET", "/readyz"), 503));
  EXPECT_EQ(Send(server_->Port(), "GET", "/healthz").status, 200);
  EXPECT_CALL(store_, Ping()).WillOnce(Return(Status::Ok()));
  EXPECT_EQ(Send(server_->Port(), "GET", "/readyz").status, 200);
}

TEST_F(FailureTest, UnavailableStoreIs503) {
  EXPECT_CALL(store_, GetCustomer(5)).WillOnce(Return(Result<Customer>(Error::Unavailable("db down"))));
  EXPECT_TRUE(IsProblem(Send(server_->Port(), "GET", "/api/v1/customers/5", "", admin_), 503));
}

TEST_F(FailureTest, InternalErrorsAre500WithoutInternals) {
  EXPECT_CALL(store_, GetCustomer(5))
      .WillOnce(Return(Result<Customer>(Error::Internal("SQL logic error near SELECT secret_column"))));
  Reply reply = Send(server_->Port(), "GET", "/api/v1/customers/5", "", admin_);
  EXPECT_TRUE(IsProblem(reply, 500));
  EXPECT_EQ(reply.body.find("secret_column"), std::string::npos);
}

TEST_F(FailureTest, AHandlerThatThrowsGives500AndTheServerGoesOn) {
  EXPECT_CALL(store_, GetCustomer(5)).WillOnce(Throw(std::runtime_error("boom")));
  Reply reply = Send(server_->Port(), "GET", "/api/v1/customers/5", "", admin_);
  EXPECT_TRUE(IsProblem(reply, 500));
  EXPECT_FALSE(reply.Header("content-security-policy").empty());
  EXPECT_EQ(Send(server_->Port(), "GET", "/healthz").status, 200);
}

TEST_F(FailureTest, AuthenticationFailingInTheStoreIs503Not401) {
  EXPECT_CALL(store_, FindActiveApiToken(_)).WillOnce(Return(Result<ApiToken>(Error::Unavailable("db down"))));
  EXPECT_TRUE(IsProblem(Send(server_->Port(), "GET", "/api/v1/customers", "", Auth{"other", "", ""}), 503));
}

}  // namespace
}  // namespace hearken::http::testing
