// Happy paths of every resource through real HTTP, and the audit entries
// they leave behind.
#include <algorithm>
#include <set>

#include <gtest/gtest.h>

#include "http/test_support.h"

namespace hearken::http::testing {
namespace {

class CrudTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { h_ = new Harness(); }
  static void TearDownTestSuite() {
    delete h_;
    h_ = nullptr;
  }
  static std::string Id(const Reply& r) { return std::to_string(r.json()["id"].get<long long>()); }
  static Harness* h_;
};
Harness* CrudTest::h_ = nullptr;

TEST_F(CrudTest, SettingsCanBeReadByAllAndReplacedByAdmin) {
  Reply read = h_->Get("/api/v1/settings", h_->BearerOf(Role::kViewer));
  ASSERT_EQ(read.status, 200);
  EXPECT_TRUE(read.json().contains("time_zone"));
  Reply put = h_->Put("/api/v1/settings", {{"name", "Acme Quality"}, {"time_zone", "Europe/Berlin"}},
                      h_->BearerOf(Role::kAdmin));
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.json()["name"], "Acme Quality");
  EXPECT_EQ(h_->Get("/api/v1/settings", h_->BearerOf(Role::kViewer)).json()["time_zone"], "Europe/Berlin");
  EXPECT_TRUE(IsProblem(h_->Put("/api/v1/settings", {{"name", "Only name"}}, h_->BearerOf(Role::kAdmin)), 422,
                        "time_zone"));
}

TEST_F(CrudTest, UsersCanBeCreatedListedReadAndChanged) {
  Auth admin = h_->BearerOf(Role::kAdmin);
  Reply created = h_->Post("/api/v1/users",
                           {{"email", "New.Person@Example.org"}, {"display_name", "New Person"}, {"role", "handler"},
                            {"password", "twelve chars!"}},
                           admin);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.Header("location"), "/api/v1/users/" + Id(created));
  EXPECT_EQ(created.json()["email"], "new.person@example.org");
  EXPECT_FALSE(created.json().contains("password"));
  EXPECT_FALSE(created.json().contains("password_hash"));
  EXPECT_EQ(h_->Get("/api/v1/users/" + Id(created), admin).json()["role"], "handler");
  Reply patched = h_->Patch("/api/v1/users/" + Id(created), {{"role", "viewer"}, {"display_name", "Renamed"}}, admin);
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json()["role"], "viewer");
  EXPECT_EQ(patched.json()["email"], "new.person@example.org");
  Reply list = h_->Get("/api/v1/users?sort=email", admin);
  ASSERT_EQ(list.status, 200);
  EXPECT_GE(list.json()["total"].get<int>(), 5);
  EXPECT_FALSE(h_->Login("new.person@example.org", "twelve chars!").cookie.empty());
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/users", {{"email", "x@example.org"}, {"password", "short"}}, admin), 422,
                        "password"));
}

TEST_F(CrudTest, CustomersFullLifecycleWithFiltersAndPaging) {
  Auth handler = h_->BearerOf(Role::kHandler);
  Reply created = h_->Post("/api/v1/customers",
                           {{"kind", "organisation"}, {"name", "Globex"}, {"email", "ops@globex.example"},
                            {"phone", "+49 30 1234"}, {"site", "Berlin"}, {"tags", {"key", "b2b"}},
                            {"consent_survey", true}, {"external_ref", "GLX-1"}},
                           handler);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.Header("location"), "/api/v1/customers/" + Id(created));
  EXPECT_EQ(created.json()["kind"], "organisation");
  EXPECT_FALSE(created.json()["consent_survey_at"].is_null());
  ASSERT_EQ(h_->Post("/api/v1/customers", {{"name", "Initech"}, {"site", "Austin"}}, handler).status, 201);

  Reply one = h_->Get("/api/v1/customers/" + Id(created), h_->BearerOf(Role::kViewer));
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(one.json()["tags"], Json({"key", "b2b"}));

  Reply by_q = h_->Get("/api/v1/customers?q=globex", handler);
  ASSERT_EQ(by_q.status, 200);
  EXPECT_EQ(by_q.json()["total"], 1);
  EXPECT_EQ(h_->Get("/api/v1/customers?tag=b2b", handler).json()["total"], 1);
  EXPECT_EQ(h_->Get("/api/v1/customers?site=Austin", handler).json()["total"], 1);
  EXPECT_EQ(h_->Get("/api/v1/customers?kind=organisation", handler).json()["total"], 1);
  Reply paged = h_->Get("/api/v1/customers?limit=1&offset=1&sort=-name", handler);
  ASSERT_EQ(paged.status, 200);
  EXPECT_EQ(paged.json()["limit"], 1);
  EXPECT_EQ(paged.json()["offset"], 1);
  EXPECT_EQ(paged.json()["items"].size(), 1u);

  Reply patched = h_->Patch("/api/v1/customers/" + Id(created), {{"phone", "+49 30 9999"}, {"consent_survey", false}},
                            handler);
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json()["phone"], "+49 30 9999");
  EXPECT_EQ(patched.json()["name"], "Globex");
  EXPECT_TRUE(patched.json()["consent_survey_at"].is_null());

  EXPECT_EQ(h_->Delete("/api/v1/customers/" + Id(created), handler).status, 204);
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/customers/" + Id(created), handler), 404));

  Reply audit = h_->Get("/api/v1/audit?entity_type=customer&entity_id=" + Id(created), handler);
  ASSERT_EQ(audit.status, 200);
  ASSERT_EQ(audit.json()["items"].size(), 3u);
  EXPECT_EQ(audit.json()["items"][0]["action"], "create");
  EXPECT_EQ(audit.json()["items"][1]["action"], "update");
  EXPECT_EQ(audit.json()["items"][2]["action"], "delete");
  EXPECT_EQ(audit.json()["items"][0]["actor"],
            "user:" + std::to_string(h_->user(Role::kHandler).id) + " handler@example.org");
}

TEST_F(CrudTest, SegmentsWithNeeds) {
  Auth qm = h_->BearerOf(Role::kQualityManager);
  Reply created = h_->Post("/api/v1/segments",
                           {{"name", "Hospitals"},
                            {"description", "Public hospitals"},
                            {"needs", {{{"description", "24/7 support"}, {"class", "basic"}, {"importance", 5}}}}},
                           qm);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["needs"][0]["class"], "basic");
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/segments", {{"name", "Hospitals"}}, qm), 409));
  EXPECT_EQ(h_->Get("/api/v1/segments?q=hosp", qm).json()["total"], 1);
  Reply patched = h_->Patch("/api/v1/segments/" + Id(created), {{"needs", Json::array()}}, qm);
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_TRUE(patched.json()["needs"].empty());
  EXPECT_EQ(patched.json()["description"], "Public hospitals");
  EXPECT_EQ(h_->Get("/api/v1/segments/" + Id(created), qm).status, 200);
  EXPECT_EQ(h_->Delete("/api/v1/segments/" + Id(created), qm).status, 204);
}

TEST_F(CrudTest, RequirementsVersionsReviewsAndWithdrawal) {
  Auth qm = h_->BearerOf(Role::kQualityManager);
  Reply customer = h_->Post("/api/v1/customers", {{"name", "Umbrella"}}, qm);
  ASSERT_EQ(customer.status, 201);
  Reply created = h_->Post("/api/v1/requirements",
                           {{"scope", "customer"}, {"customer_id", customer.json()["id"]}, {"kind", "customer_stated"},
                            {"text", "Deliver within 48 hours"}, {"source_ref", "Contract 7"}},
                           qm);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["status"], "open");
  EXPECT_EQ(created.json()["version"], 1);
  const std::string base = "/api/v1/requirements/" + Id(created);

  EXPECT_TRUE(IsProblem(h_->Post(base + "/reviews", {{"outcome", "amended"}, {"notes", "n"}}, qm), 422, "text"));
  Reply amended = h_->Post(base + "/reviews",
                           {{"outcome", "amended"}, {"notes", "agreed 72h"}, {"text", "Deliver within 72 hours"}}, qm);
  ASSERT_EQ(amended.status, 201) << amended.body;
  EXPECT_EQ(amended.json()["outcome"], "amended");
  Reply current = h_->Get(base, h_->BearerOf(Role::kViewer));
  EXPECT_EQ(current.json()["version"], 2);
  EXPECT_EQ(current.json()["text"], "Deliver within 72 hours");
  EXPECT_EQ(current.json()["status"], "accepted");
  Reply versions = h_->Get(base + "/versions", qm);
  ASSERT_EQ(versions.status, 200);
  ASSERT_EQ(versions.json()["items"].size(), 2u);
  EXPECT_EQ(versions.json()["items"][0]["text"], "Deliver within 48 hours");
  Reply reviews = h_->Get(base + "/reviews", qm);
  ASSERT_EQ(reviews.status, 200);
  EXPECT_EQ(reviews.json()["items"].size(), 1u);
  EXPECT_EQ(h_->Get("/api/v1/requirements?customer_id=" + customer.json()["id"].dump(), qm).json()["total"], 1);
  EXPECT_EQ(h_->Get("/api/v1/requirements?status=accepted&scope=customer", qm).json()["total"], 1);

  Reply withdrawn = h_->Post(base + "/withdraw", Json::object(), qm);
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  EXPECT_EQ(withdrawn.json()["status"], "withdrawn");
  EXPECT_TRUE(IsProblem(h_->Post(base + "/withdraw", Json::object(), qm), 409));
  EXPECT_TRUE(IsProblem(h_->Post(base + "/reviews", {{"outcome", "accepted"}}, qm), 409));
  // Requirements are never deleted.
  EXPECT_TRUE(IsProblem(h_->Delete(base, qm), 405));
}

TEST_F(CrudTest, CommunicationsAndTheCustomerHistory) {
  Auth handler = h_->BearerOf(Role::kHandler);
  Reply customer = h_->Post("/api/v1/customers", {{"name", "Hooli"}}, handler);
  ASSERT_EQ(customer.status, 201);
  const Json cid = customer.json()["id"];
  Reply created = h_->Post("/api/v1/communications",
                           {{"customer_id", cid}, {"channel", "phone"}, {"direction", "inbound"},
                            {"subject", "Late delivery"}, {"body", "Called about order 5"},
                            {"occurred_at", "2026-11-20T10:00:00+01:00"}},
                           handler);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["occurred_at"], "2026-11-20T09:00:00.000000Z");
  EXPECT_EQ(created.json()["recorded_by_id"], h_->user(Role::kHandler).id);
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/communications",
                                 {{"customer_id", 987654}, {"subject", "x"}, {"occurred_at", "2026-11-20"}}, handler),
                        404));
  const std::string path = "/api/v1/communications/" + Id(created);
  Reply patched = h_->Patch(path, {{"direction", "outbound"}}, handler);
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json()["direction"], "outbound");
  EXPECT_EQ(h_->Get(path, handler).json()["subject"], "Late delivery");
  EXPECT_EQ(h_->Get("/api/v1/communications?customer_id=" + cid.dump() + "&channel=phone", handler).json()["total"], 1);
  // The customer cannot be deleted while its log refers to it.
  EXPECT_TRUE(IsProblem(h_->Delete("/api/v1/customers/" + cid.dump(), handler), 409));

  Reply history = h_->Get("/api/v1/audit?customer_id=" + cid.dump(), handler);
  ASSERT_EQ(history.status, 200) << history.body;
  std::set<std::string> types;
  const Json entries = history.json()["items"];
  for (const auto& e : entries) types.insert(e["entity_type"].get<std::string>());
  EXPECT_TRUE(types.count("customer"));
  EXPECT_TRUE(types.count("communication"));

  EXPECT_EQ(h_->Delete(path, handler).status, 204);
  EXPECT_TRUE(IsProblem(h_->Get(path, handler), 404));
}

// The audit page's complaint filter: the case's whole history (the
// complaint and its messages), as the timeline has it.
TEST_F(CrudTest, AuditFiltersByComplaint) {
  Auth handler = h_->BearerOf(Role::kHandler);
  Reply filed = h_->Post("/api/v1/complaints", {{"channel", "phone"}, {"summary", "Audited case"}, {"description", "d"}},
                         handler);
  ASSERT_EQ(filed.status, 201) << filed.body;
  const std::string id = Id(filed);
  Reply note = h_->Post("/api/v1/complaints/" + id + "/messages",
                        {{"kind", "internal_note"}, {"subject", "n"}, {"body", "called back"}}, handler);
  ASSERT_EQ(note.status, 201) << note.body;
  Reply other = h_->Post("/api/v1/complaints", {{"channel", "phone"}, {"summary", "Another case"}, {"description", "d"}},
                         handler);
  ASSERT_EQ(other.status, 201);
  Reply history = h_->Get("/api/v1/audit?sort=-seq&complaint_id=" + id, handler);
  ASSERT_EQ(history.status, 200) << history.body;
  const Json entries = history.json()["items"];
  std::set<std::string> types;
  for (const auto& e : entries) types.insert(e["entity_type"].get<std::string>());
  EXPECT_EQ(types, (std::set<std::string>{"complaint", "complaint_message"})) << history.body;
  EXPECT_EQ(entries[0]["entity_type"], "complaint_message");  // newest first
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/audit?complaint_id=" + id + "&entity_type=complaint", handler), 422,
                        "complaint_id"));
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/audit?complaint_id=abc", handler), 422, "complaint_id"));
}

// The lists' exports (issue 7): the same filters as the list, every role
// that reads it, inert formulas, and the audit's role rules.
TEST_F(CrudTest, CustomersCorrectiveActionsAndTheAuditTrailExport) {
  Auth handler = h_->BearerOf(Role::kHandler);
  Auth viewer = h_->BearerOf(Role::kViewer);
  ASSERT_EQ(h_->Post("/api/v1/customers", {{"name", "=HYPERLINK(\"http://x\")"}, {"tags", {"export-me"}}}, handler).status,
            201);
  ASSERT_EQ(h_->Post("/api/v1/customers", {{"name", "Not tagged"}}, handler).status, 201);
  Reply csv = h_->Get("/api/v1/customers/export.csv?tag=export-me", viewer);
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.Header("content-type"), "text/csv; charset=utf-8");
  EXPECT_LE(csv.body.find("id,name,kind,email"), 3u) << csv.body;  // after the UTF-8 byte order mark
  EXPECT_NE(csv.body.find("'=HYPERLINK"), std::string::npos) << csv.body;
  EXPECT_EQ(csv.body.find("Not tagged"), std::string::npos);
  EXPECT_NE(csv.body.find("export-me"), std::string::npos);
  Reply xlsx = h_->Get("/api/v1/customers/export.xlsx", viewer);
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");

  ASSERT_EQ(h_->Post("/api/v1/corrective-actions", {{"title", "Exported action"}, {"due_date", "2026-12-31"}}, handler)
                .status,
            201);
  Reply actions = h_->Get("/api/v1/corrective-actions/export.csv", viewer);
  ASSERT_EQ(actions.status, 200) << actions.body;
  EXPECT_NE(actions.body.find("Exported action"), std::string::npos);
  EXPECT_NE(actions.body.find("2026-12-31"), std::string::npos);

  Reply audit = h_->Get("/api/v1/audit/export.csv", viewer);
  ASSERT_EQ(audit.status, 200) << audit.body;
  EXPECT_LE(audit.body.find("seq,at,actor,entity_type"), 3u);
  EXPECT_NE(audit.body.find(",customer,"), std::string::npos);
  EXPECT_EQ(audit.body.find(",user,"), std::string::npos);  // users are for admins only
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/audit/export.csv?entity_type=user", viewer), 403));
  EXPECT_NE(h_->Get("/api/v1/audit/export.csv", h_->BearerOf(Role::kAdmin)).body.find(",user,"), std::string::npos);
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/customers/export.csv?segment_id=abc", viewer), 422, "segment_id"));
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/audit/export.csv", {}), 401));
}

TEST_F(CrudTest, AuditListIsOldestFirstAndTheChainVerifies) {
  Auth qm = h_->BearerOf(Role::kQualityManager);
  Reply audit = h_->Get("/api/v1/audit?limit=500", qm);
  ASSERT_EQ(audit.status, 200);
  long long last = 0;
  const Json entries = audit.json()["items"];
  for (const auto& e : entries) {
    EXPECT_GT(e["seq"].get<long long>(), last);
    last = e["seq"];
    EXPECT_FALSE(e["hash"].get<std::string>().empty());
  }
  // sort=-seq lists the same entries newest first (the audit page's default).
  Reply newest = h_->Get("/api/v1/audit?limit=500&sort=-seq", qm);
  ASSERT_EQ(newest.status, 200) << newest.body;
  Json reversed = entries;
  std::reverse(reversed.begin(), reversed.end());
  if (entries.size() < 500u) {
    EXPECT_EQ(newest.json()["items"], reversed);
  }
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/audit?sort=at", qm), 422, "sort"));
  Reply verify = h_->Get("/api/v1/audit/verify", qm);
  ASSERT_EQ(verify.status, 200);
  EXPECT_EQ(verify.json()["intact"], true);
  EXPECT_GT(verify.json()["entries_checked"].get<int>(), 0);
  EXPECT_TRUE(verify.json()["problems"].empty());
}

}  // namespace
}  // namespace hearken::http::testing
