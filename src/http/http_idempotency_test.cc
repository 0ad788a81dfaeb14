// Idempotency-Key on POSTs that create (http/idempotency.h): a retry gets the
// first answer and creates nothing, on every creating route and for public
// callers too. Runs on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include "http/test_support.h"

namespace hearken::http::testing {
namespace {

class IdempotencyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ServerOptions options;
    options.public_submissions_per_hour = 1000;
    h_ = new Harness(options);
  }
  static void TearDownTestSuite() {
    delete h_;
    h_ = nullptr;
  }
  static Reply PostWithKey(const std::string& target, const Json& body, const Auth& auth, const std::string& key) {
    return Send(h_->port(), "POST", target, body.dump(), auth, {{"Idempotency-Key", key}});
  }
  static int Total(const std::string& target) {
    Reply r = h_->Get(target, h_->BearerOf(Role::kAdmin));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()["total"].get<int>();
  }
  static Harness* h_;
};
Harness* IdempotencyTest::h_ = nullptr;

TEST_F(IdempotencyTest, RetriedCreateReturnsTheFirstAnswerAndCreatesNothing) {
  const Auth qm = h_->BearerOf(Role::kQualityManager);
  const int before = Total("/api/v1/customers");
  const Json body = {{"name", "Retry Ltd"}};
  Reply first = PostWithKey("/api/v1/customers", body, qm, "key-customer-1");
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.Header("idempotent-replayed"), "");
  Reply again = PostWithKey("/api/v1/customers", body, qm, "key-customer-1");
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(again.Header("location"), first.Header("location"));
  EXPECT_EQ(again.Header("idempotent-replayed"), "true");
  EXPECT_EQ(Total("/api/v1/customers"), before + 1);
  // Without a key every POST creates.
  ASSERT_EQ(h_->Post("/api/v1/customers", body, qm).status, 201);
  EXPECT_EQ(Total("/api/v1/customers"), before + 2);
}

TEST_F(IdempotencyTest, TheSameKeyForAnotherRequestIsRefusedAndKeysBelongToTheirCaller) {
  const Auth qm = h_->BearerOf(Role::kQualityManager);
  ASSERT_EQ(PostWithKey("/api/v1/customers", {{"name", "First"}}, qm, "key-shared").status, 201);
  Reply other_body = PostWithKey("/api/v1/customers", {{"name", "Second"}}, qm, "key-shared");
  EXPECT_TRUE(IsProblem(other_body, 422, "Idempotency-Key")) << other_body.body;
  // Another user's key of the same text is another key.
  Reply admin = PostWithKey("/api/v1/customers", {{"name", "First"}}, h_->BearerOf(Role::kAdmin), "key-shared");
  EXPECT_EQ(admin.status, 201) << admin.body;
  EXPECT_EQ(admin.Header("idempotent-replayed"), "");
  Reply bad = PostWithKey("/api/v1/customers", {{"name", "Bad key"}}, qm, std::string(300, 'k'));
  EXPECT_TRUE(IsProblem(bad, 400, "Idempotency-Key")) << bad.body;
  Reply spaced = PostWithKey("/api/v1/customers", {{"name", "Bad key"}}, qm, "has space");
  EXPECT_TRUE(IsProblem(spaced, 400, "Idempotency-Key")) << spaced.body;
}

TEST_F(IdempotencyTest, AnAnswerThatCreatedNothingIsNotKeptSoTheCorrectedRequestRuns) {
  const Auth qm = h_->BearerOf(Role::kQualityManager);
  Reply invalid = PostWithKey("/api/v1/customers", {{"name", ""}}, qm, "key-fix-me");
  EXPECT_TRUE(IsProblem(invalid, 422, "name")) << invalid.body;
  Reply fixed = PostWithKey("/api/v1/customers", {{"name", "Fixed"}}, qm, "key-fix-me");
  EXPECT_EQ(fixed.status, 201) << fixed.body;
}

TEST_F(IdempotencyTest, StaffAndPublicComplaintsAreFiledOnceUnderOneKey) {
  const Auth handler = h_->BearerOf(Role::kHandler);
  const int before = Total("/api/v1/complaints");
  const Json staff = {{"summary", "Phoned in twice"}, {"description", "The line dropped; the client retried."},
                      {"channel", "phone"}, {"acknowledge", true}};
  Reply first = PostWithKey("/api/v1/complaints", staff, handler, "key-complaint");
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.json()["state"], "acknowledged");
  Reply again = PostWithKey("/api/v1/complaints", staff, handler, "key-complaint");
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again.json()["reference"], first.json()["reference"]);
  const Json form = {{"summary", "Form sent twice"}, {"description", "The browser retried the submission."},
                     {"contact_name", "Ann Example"}, {"consent_contact", false}};
  Reply pub = PostWithKey("/api/v1/public/complaints", form, {}, "key-public");
  ASSERT_EQ(pub.status, 201) << pub.body;
  Reply pub_again = PostWithKey("/api/v1/public/complaints", form, {}, "key-public");
  ASSERT_EQ(pub_again.status, 201) << pub_again.body;
  EXPECT_EQ(pub_again.json()["reference"], pub.json()["reference"]);
  EXPECT_EQ(Total("/api/v1/complaints"), before + 2);
}

TEST_F(IdempotencyTest, AKeyWhoseWriteCommittedButWhoseAnswerWasLostNamesTheRecord) {
  // The server died between the commit and recording the answer: the claim
  // is pending but the write linked its entity in the same transaction.
  auto& store = h_->store();
  IdempotencyRequest pending{"user:" + std::to_string(h_->user(Role::kQualityManager).id), "", ""};
  // Replay the state a crash leaves: a pending claim linked to an entity.
  WriteContext ctx{{std::nullopt, "test"}, "", pending.scope, "hash-of-lost-key"};
  pending.key_hash = ctx.idempotency_key_hash;
  pending.fingerprint = "fp";
  auto claim = store.idempotency().ClaimIdempotencyKey(pending, std::chrono::seconds(600), std::chrono::hours(24));
  ASSERT_TRUE(claim.ok());
  ASSERT_EQ(claim->outcome, IdempotencyOutcome::kClaimed);
  auto running = store.idempotency().ClaimIdempotencyKey(pending, std::chrono::seconds(600), std::chrono::hours(24));
  ASSERT_TRUE(running.ok());
  EXPECT_EQ(running->outcome, IdempotencyOutcome::kInProgress);
  Customer c;
  c.name = "Written under the key";
  auto created = store.customers().CreateCustomer(ctx, c);
  ASSERT_TRUE(created.ok());
  auto retry = store.idempotency().ClaimIdempotencyKey(pending, std::chrono::seconds(0), std::chrono::hours(24));
  ASSERT_TRUE(retry.ok());
  EXPECT_EQ(retry->outcome, IdempotencyOutcome::kCreated);
  EXPECT_EQ(retry->entity_type, "customer");
  EXPECT_EQ(retry->entity_id, std::to_string(created->id));
  // A stale claim that wrote nothing is taken over by the retry.
  IdempotencyRequest died{pending.scope, "hash-of-dead-key", "fp"};
  ASSERT_TRUE(store.idempotency().ClaimIdempotencyKey(died, std::chrono::seconds(600), std::chrono::hours(24)).ok());
  auto taken = store.idempotency().ClaimIdempotencyKey(died, std::chrono::seconds(0), std::chrono::hours(24));
  ASSERT_TRUE(taken.ok());
  EXPECT_EQ(taken->outcome, IdempotencyOutcome::kClaimed);
}

}  // namespace
}  // namespace hearken::http::testing
