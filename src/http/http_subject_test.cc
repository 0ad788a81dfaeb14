// The data subject's routes (issue 6) through real HTTP, on both stores.
#include <gtest/gtest.h>

#include "http/test_support.h"

namespace hearken::http::testing {
namespace {

class SubjectTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { h_ = new Harness(); }
  static void TearDownTestSuite() {
    delete h_;
    h_ = nullptr;
  }
  static Harness* h_;
};
Harness* SubjectTest::h_ = nullptr;

TEST_F(SubjectTest, AnAdminExportsEverythingHeldAboutAnAddressAsOneDocument) {
  Auth admin = h_->BearerOf(Role::kAdmin);
  Reply customer = h_->Post("/api/v1/customers", {{"name", "Grace Hopper"}, {"email", "grace@example.org"}}, admin);
  ASSERT_EQ(customer.status, 201) << customer.body;
  ComplaintIntakeFields f;
  f.summary = "Bug in the invoice";
  f.description = "Grace found a moth in the invoice run";
  f.contact_name = "Grace Hopper";
  f.contact_email = "Grace@Example.org";
  auto filed = h_->store().complaints().CreateComplaint({{std::nullopt, "test"}, ""}, f, "hash-grace");
  ASSERT_TRUE(filed.ok()) << filed.error().message;

  Reply exported = h_->Get("/api/v1/subjects/export?email=grace%40example.org", admin);
  ASSERT_EQ(exported.status, 200) << exported.body;
  Json doc = exported.json();
  EXPECT_EQ(doc["subject"]["email"], "grace@example.org");
  ASSERT_EQ(doc["customers"].size(), 1u);
  EXPECT_EQ(doc["customers"][0]["name"], "Grace Hopper");
  ASSERT_EQ(doc["complaints"].size(), 1u);
  EXPECT_EQ(doc["complaints"][0]["description"], "Grace found a moth in the invoice run");
  EXPECT_NE(exported.Header("content-disposition").find("attachment"), std::string::npos);

  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/subjects/export?email=nope", admin), 422, "email"));
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/subjects/export", admin), 422, "email"));
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/subjects/export?email=grace%40example.org",
                                h_->BearerOf(Role::kQualityManager)),
                        403));
}

TEST_F(SubjectTest, AnAdminErasesAPersonAndTheAuditChainStillVerifies) {
  Auth admin = h_->BearerOf(Role::kAdmin);
  ComplaintIntakeFields f;
  f.summary = "Noisy fridge";
  f.description = "Alan's fridge hums all night";
  f.contact_name = "Alan Turing";
  f.contact_email = "alan@example.org";
  auto filed = h_->store().complaints().CreateComplaint({{std::nullopt, "test"}, ""}, f, "hash-alan");
  ASSERT_TRUE(filed.ok()) << filed.error().message;
  ComplaintIntakeFields other = f;
  other.contact_name = "Someone Else";
  other.contact_email = "someone@example.org";
  other.channel = Channel::kPhone;
  ASSERT_TRUE(h_->store().complaints().CreateComplaint({{std::nullopt, "test"}, ""}, other, "hash-other").ok());
  ASSERT_EQ(h_->Post("/api/v1/complaints/" + std::to_string(filed->id) + "/transitions", {{"to", "acknowledged"}},
                     admin)
                .status,
            200);
  const std::string analysis_before = h_->Get("/api/v1/complaints/analysis", admin).body;
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/subjects/erase", {{"email", "alan@example.org"}}, admin), 422, "reason"));
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/subjects/erase", {{"email", "alan"}, {"reason", "r"}}, admin), 422, "email"));
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/subjects/erase", {{"email", "alan@example.org"}, {"reason", "r"}},
                                 h_->BearerOf(Role::kQualityManager)),
                        403));
  Reply erased =
      h_->Post("/api/v1/subjects/erase", {{"email", "Alan@example.org"}, {"reason", "Art. 17 request"}}, admin);
  ASSERT_EQ(erased.status, 200) << erased.body;
  EXPECT_EQ(erased.json()["complaints"], Json::array({filed->id}));
  // Every statistic is what it was.
  EXPECT_EQ(h_->Get("/api/v1/complaints/analysis", admin).body, analysis_before);
  Reply read = h_->Get("/api/v1/complaints/" + std::to_string(filed->id), admin);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.body.find("Alan"), std::string::npos) << read.body;
  Reply verified = h_->Get("/api/v1/audit/verify", admin);
  EXPECT_EQ(verified.json()["intact"], true) << verified.body;
  Reply audit = h_->Get("/api/v1/audit?entity_type=complaint&entity_id=" + std::to_string(filed->id), admin);
  ASSERT_EQ(audit.status, 200);
  EXPECT_EQ(audit.body.find("Alan"), std::string::npos) << audit.body;
  EXPECT_NE(audit.body.find("[erased]"), std::string::npos) << audit.body;
}

}  // namespace
}  // namespace hearken::http::testing
