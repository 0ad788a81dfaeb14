// Staff notifications over HTTP (issue 7, "People told what needs them"):
// who is told of an assignment, a complainant's reply (also after closure,
// with and without reopening) and a rating; the inbox, its unread count and
// read marks are each person's own; preferences per kind decide the inbox.
#include <gtest/gtest.h>

#include "http/test_support.h"

namespace hearken::http::testing {
namespace {

class NotificationHttpTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ServerOptions options;
    options.public_status_requests_per_hour = 1000;
    options.public_submissions_per_hour = 1000;
    h_ = new Harness(options);
  }
  static void TearDownTestSuite() {
    delete h_;
    h_ = nullptr;
  }
  void SetUp() override {
    for (Role role : {Role::kHandler, Role::kQualityManager, Role::kAdmin})
      ASSERT_EQ(h_->Post("/api/v1/notifications/read", {{"all", true}}, h_->BearerOf(role)).status, 200);
  }

  static Json Unread(Role role) {
    Reply r = h_->Get("/api/v1/notifications?unread=true", h_->BearerOf(role));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()["items"];
  }
  static std::int64_t UnreadCount(Role role) {
    return h_->Get("/api/v1/notifications/unread-count", h_->BearerOf(role)).json()["unread"].get<std::int64_t>();
  }
  // A public complaint (its id and status token), assigned to the handler.
  static std::pair<Json, std::string> PublicCase(const std::string& summary) {
    Reply filed = Send(h_->port(), "POST", "/api/v1/public/complaints",
                       Json({{"summary", summary}, {"description", "It broke."}}).dump());
    EXPECT_EQ(filed.status, 201) << filed.body;
    const std::string url = filed.json()["status_url"];
    Json c = h_->Get("/api/v1/complaints/by-reference/" + filed.json()["reference"].get<std::string>(),
                     h_->BearerOf(Role::kAdmin))
                 .json();
    EXPECT_EQ(h_->Put("/api/v1/complaints/" + std::to_string(c["id"].get<Id>()) + "/assignee",
                      {{"assignee_id", h_->user(Role::kHandler).id}}, h_->BearerOf(Role::kAdmin))
                  .status,
              200);
    return {c, url.substr(url.find_last_of('/') + 1)};
  }
  static std::string Path(const Json& c, const std::string& rest = "") {
    return "/api/v1/complaints/" + std::to_string(c["id"].get<Id>()) + rest;
  }
  static void Close(const Json& c) {
    Auth handler = h_->BearerOf(Role::kHandler);
    ASSERT_EQ(h_->Post(Path(c, "/assessment"), {{"severity", 3}, {"priority", "normal"}}, handler).status, 200);
    ASSERT_EQ(h_->Post(Path(c, "/investigation"), {{"whys", {"a"}}, {"cause_category", "process"},
                                                   {"root_cause", "r"}, {"evidence", "e"}},
                       handler)
                  .status,
              200);
    ASSERT_EQ(h_->Post(Path(c, "/response"), {{"decision", "d"}, {"remedies", {"apology"}}}, handler).status, 200);
    Reply closed = h_->Post(Path(c, "/transitions"), {{"to", "closed"}, {"closure", "accepted"}}, handler);
    ASSERT_EQ(closed.status, 200) << closed.body;
  }

  static Harness* h_;
};
Harness* NotificationHttpTest::h_ = nullptr;

TEST_F(NotificationHttpTest, TheNewAssigneeIsToldAndOnlyThey) {
  Reply filed = h_->Post("/api/v1/complaints", {{"channel", "phone"}, {"summary", "s"}, {"description", "d"}},
                         h_->BearerOf(Role::kAdmin));
  ASSERT_EQ(filed.status, 201);
  const std::string reference = filed.json()["reference"];
  ASSERT_EQ(h_->Put(Path(filed.json(), "/assignee"), {{"assignee_id", h_->user(Role::kQualityManager).id}},
                    h_->BearerOf(Role::kAdmin))
                .status,
            200);
  Json told = Unread(Role::kQualityManager);
  ASSERT_EQ(told.size(), 1u) << told.dump();
  EXPECT_EQ(told[0]["kind"], "assigned");
  EXPECT_EQ(told[0]["title"], reference + " assigned to you");
  EXPECT_EQ(told[0]["link"], "/complaints/" + std::to_string(filed.json()["id"].get<Id>()));
  EXPECT_EQ(UnreadCount(Role::kQualityManager), 1);
  EXPECT_EQ(UnreadCount(Role::kHandler), 0);
  // Saving the same assignee again, or taking a case oneself, tells nobody.
  ASSERT_EQ(h_->Put(Path(filed.json(), "/assignee"), {{"assignee_id", h_->user(Role::kQualityManager).id}},
                    h_->BearerOf(Role::kAdmin))
                .status,
            200);
  ASSERT_EQ(h_->Put(Path(filed.json(), "/assignee"), {{"assignee_id", h_->user(Role::kHandler).id}},
                    h_->BearerOf(Role::kHandler))
                .status,
            200);
  EXPECT_EQ(UnreadCount(Role::kQualityManager), 1);
  EXPECT_EQ(UnreadCount(Role::kHandler), 0);

  // Nobody marks another person's notices: ids of others are ignored.
  const Id id = told[0]["id"];
  EXPECT_EQ(h_->Post("/api/v1/notifications/read", {{"ids", {id}}}, h_->BearerOf(Role::kHandler)).json()["unread"], 0);
  EXPECT_EQ(UnreadCount(Role::kQualityManager), 1);
  Reply read = h_->Post("/api/v1/notifications/read", {{"ids", {id}}}, h_->BearerOf(Role::kQualityManager));
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json()["unread"], 0);
  Reply all = h_->Get("/api/v1/notifications", h_->BearerOf(Role::kQualityManager));
  ASSERT_FALSE(all.json()["items"].empty());
  EXPECT_FALSE(all.json()["items"][0]["read_at"].is_null());
}

TEST_F(NotificationHttpTest, TheComplainantsReplyAndRatingReachTheAssignee) {
  auto [c, token] = PublicCase("Router dead");
  ASSERT_EQ(Send(h_->port(), "POST", "/api/v1/public/status/" + token + "/replies",
                 Json({{"body", "Still dead"}}).dump())
                .status,
            201);
  Json told = Unread(Role::kHandler);
  ASSERT_FALSE(told.empty());
  EXPECT_EQ(told[0]["kind"], "complainant_replied");
  EXPECT_EQ(told[0]["title"], c["reference"].get<std::string>() + ": the complainant replied");
  EXPECT_EQ(told[0]["body"].get<std::string>().find("Still dead"), std::string::npos);  // no complainant text
}

TEST_F(NotificationHttpTest, AReplyAfterClosureTellsTheAssigneeAndReopensOnlyWhenTheSettingsSaySo) {
  auto [c, token] = PublicCase("Bill wrong");
  Close(c);
  const std::string reply = "/api/v1/public/status/" + token + "/replies";
  ASSERT_EQ(Send(h_->port(), "POST", reply, Json({{"body", "Still wrong"}}).dump()).status, 201);
  EXPECT_EQ(h_->Get(Path(c), h_->BearerOf(Role::kHandler)).json()["state"], "closed");
  Json told = Unread(Role::kHandler);
  ASSERT_FALSE(told.empty());
  EXPECT_EQ(told[0]["title"], c["reference"].get<std::string>() + ": the complainant replied after closure");

  Auth admin = h_->BearerOf(Role::kAdmin);
  Json settings = h_->Get("/api/v1/complaint-settings", admin).json();
  const Json before = settings;
  settings["closure"]["reopen_on_reply"] = true;
  ASSERT_EQ(h_->Put("/api/v1/complaint-settings", settings, admin).status, 200);
  ASSERT_EQ(Send(h_->port(), "POST", reply, Json({{"body", "Hello?"}}).dump()).status, 201);
  Json reopened = h_->Get(Path(c), h_->BearerOf(Role::kHandler)).json();
  EXPECT_EQ(reopened["state"], "reopened");
  EXPECT_EQ(reopened["reopen_count"], 1);
  EXPECT_EQ(Unread(Role::kHandler)[0]["title"],
            c["reference"].get<std::string>() + ": the complainant replied after closure; the case is reopened");
  settings["closure"]["reopen_on_reply"] = "yes";
  EXPECT_TRUE(IsProblem(h_->Put("/api/v1/complaint-settings", settings, admin), 422, "closure/reopen_on_reply"));
  ASSERT_EQ(h_->Put("/api/v1/complaint-settings", before, admin).status, 200);
}

TEST_F(NotificationHttpTest, PreferencesAreEachPersonsAndDecideTheInbox) {
  Auth qm = h_->BearerOf(Role::kQualityManager);
  Reply defaults = h_->Get("/api/v1/notifications/preferences", qm);
  ASSERT_EQ(defaults.status, 200);
  ASSERT_EQ(defaults.json()["items"].size(), 6u);
  EXPECT_EQ(defaults.json()["items"][0], Json({{"kind", "assigned"}, {"in_app", true}, {"email", true}}));
  Reply saved = h_->Put("/api/v1/notifications/preferences",
                        {{"items", {{{"kind", "assigned"}, {"in_app", false}, {"email", true}}}}}, qm);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json()["items"][0]["in_app"], false);
  EXPECT_EQ(h_->Get("/api/v1/notifications/preferences", h_->BearerOf(Role::kHandler)).json()["items"][0]["in_app"],
            true);
  Reply filed = h_->Post("/api/v1/complaints", {{"channel", "phone"}, {"summary", "s"}, {"description", "d"}},
                         h_->BearerOf(Role::kAdmin));
  ASSERT_EQ(h_->Put(Path(filed.json(), "/assignee"), {{"assignee_id", h_->user(Role::kQualityManager).id}},
                    h_->BearerOf(Role::kAdmin))
                .status,
            200);
  EXPECT_EQ(UnreadCount(Role::kQualityManager), 0);  // e-mail only

  EXPECT_TRUE(IsProblem(h_->Put("/api/v1/notifications/preferences",
                                {{"items", {{{"kind", "gossip"}, {"in_app", true}, {"email", true}}}}}, qm),
                        422, "items/0/kind"));
  EXPECT_TRUE(IsProblem(h_->Put("/api/v1/notifications/preferences",
                                {{"items", {{{"kind", "assigned"}, {"in_app", "no"}, {"email", true}}}}}, qm),
                        422, "items/0/in_app"));
  EXPECT_TRUE(IsProblem(h_->Put("/api/v1/notifications/preferences", {{"items", "all"}}, qm), 422, "items"));
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/notifications/read", {{"ids", {-1}}}, qm), 422, "ids/0"));
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/notifications/read", Json::object(), qm), 422, "ids"));
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/notifications?unread=maybe", qm), 422, "unread"));
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/notifications", {}), 401));
  ASSERT_EQ(h_->Put("/api/v1/notifications/preferences",
                    {{"items", {{{"kind", "assigned"}, {"in_app", true}, {"email", true}}}}}, qm)
                .status,
            200);
}

}  // namespace
}  // namespace hearken::http::testing
