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

}  // namespace
}  // namespace hearken::http::testing
