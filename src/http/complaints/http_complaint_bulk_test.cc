// Daily-work essentials over HTTP (issue 7): bulk assignment and bulk moves
// (all or none, the failing case named), merging a duplicate (closed, linked,
// its messages listed on the case that carries on, left out of the
// analysis), and saved views (private or shared, owner-only changes, a query
// the list would accept).
#include <gtest/gtest.h>

#include "http/test_support.h"

namespace hearken::http::testing {
namespace {

class BulkHttpTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { h_ = new Harness(); }
  static void TearDownTestSuite() {
    delete h_;
    h_ = nullptr;
  }

  static Json File(const std::string& summary) {
    Reply r = h_->Post("/api/v1/complaints",
                       {{"channel", "phone"}, {"summary", summary}, {"description", "What happened: " + summary}},
                       h_->BearerOf(Role::kHandler));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json();
  }
  static Id IdOf(const Json& c) { return c["id"].get<Id>(); }
  static std::string Path(const Json& c, const std::string& rest = "") {
    return "/api/v1/complaints/" + std::to_string(IdOf(c)) + rest;
  }
  static std::int64_t Unread(Role role) {
    return h_->Get("/api/v1/notifications/unread-count", h_->BearerOf(role)).json()["unread"].get<std::int64_t>();
  }

  static Harness* h_;
};
Harness* BulkHttpTest::h_ = nullptr;

TEST_F(BulkHttpTest, BulkAssignmentTellsTheAssigneeOncePerCase) {
  Json a = File("bulk assign a");
  Json b = File("bulk assign b");
  const std::int64_t before = Unread(Role::kHandler);
  Reply done = h_->Post("/api/v1/complaints/bulk/assignee",
                        {{"ids", {IdOf(a), IdOf(b)}}, {"assignee_id", h_->user(Role::kHandler).id}},
                        h_->BearerOf(Role::kQualityManager));
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json()["count"], 2);
  EXPECT_EQ(done.json()["items"][1]["assignee_id"], h_->user(Role::kHandler).id);
  EXPECT_EQ(Unread(Role::kHandler), before + 2);
  // Assigning again is no news.
  ASSERT_EQ(h_->Post("/api/v1/complaints/bulk/assignee",
                     {{"ids", {IdOf(a), IdOf(b)}}, {"assignee_id", h_->user(Role::kHandler).id}},
                     h_->BearerOf(Role::kQualityManager))
                .status,
            200);
  EXPECT_EQ(Unread(Role::kHandler), before + 2);

  EXPECT_EQ(h_->Post("/api/v1/complaints/bulk/assignee", {{"ids", {IdOf(a)}}, {"assignee_id", nullptr}},
                     h_->BearerOf(Role::kViewer))
                .status,
            403);
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/complaints/bulk/assignee", {{"ids", {IdOf(a), "two"}}, {"assignee_id", nullptr}},
                                 h_->BearerOf(Role::kHandler)),
                        422, "ids/1"));
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/complaints/bulk/assignee", {{"ids", {IdOf(a), 999999}}, {"assignee_id", nullptr}},
                                 h_->BearerOf(Role::kHandler)),
                        422, "ids/1"));
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/complaints/bulk/assignee", {{"ids", Json::array()}, {"assignee_id", nullptr}},
                                 h_->BearerOf(Role::kHandler)),
                        422, "ids"));
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/complaints/bulk/assignee", {{"ids", {IdOf(a)}}},
                                 h_->BearerOf(Role::kHandler)),
                        422, "assignee_id"));
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/complaints/bulk/assignee",
                                 {{"ids", {IdOf(a)}}, {"assignee_id", h_->user(Role::kViewer).id}},
                                 h_->BearerOf(Role::kHandler)),
                        409, "assignee_id"));
}

TEST_F(BulkHttpTest, BulkMoveIsAllOrNoneAndNamesTheCaseThatCannotMove) {
  Json a = File("bulk move a");
  Json b = File("bulk move b");
  Json c = File("bulk move c");
  ASSERT_EQ(h_->Post(Path(c, "/transitions"), {{"to", "acknowledged"}}, h_->BearerOf(Role::kHandler)).status, 200);

  Reply refused = h_->Post("/api/v1/complaints/bulk/transitions", {{"ids", {IdOf(a), IdOf(c), IdOf(b)}}, {"to", "acknowledged"}},
                           h_->BearerOf(Role::kHandler));
  EXPECT_TRUE(IsProblem(refused, 409, "ids/1")) << refused.body;
  EXPECT_NE(refused.body.find(c["reference"].get<std::string>()), std::string::npos) << refused.body;
  EXPECT_EQ(h_->Get(Path(a), h_->BearerOf(Role::kHandler)).json()["state"], "received");

  Reply moved = h_->Post("/api/v1/complaints/bulk/transitions", {{"ids", {IdOf(a), IdOf(b)}}, {"to", "acknowledged"}},
                         h_->BearerOf(Role::kHandler));
  ASSERT_EQ(moved.status, 200) << moved.body;
  for (const Json& item : moved.json()["items"]) {
    EXPECT_EQ(item["state"], "acknowledged");
    EXPECT_TRUE(item.contains("notice"));  // each complainant's acknowledgement, as the single route sends it
  }
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/complaints/bulk/transitions", {{"ids", {IdOf(a), IdOf(b)}}, {"to", "withdrawn"}},
                                 h_->BearerOf(Role::kHandler)),
                        422, "reason"));
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/complaints/bulk/transitions", {{"ids", {IdOf(a)}}, {"to", "gone"}},
                                 h_->BearerOf(Role::kHandler)),
                        422, "to"));
  EXPECT_TRUE(IsProblem(h_->Post(Path(a, "/transitions"), {{"to", "closed"}, {"closure", "duplicate"}, {"reason", "x"}},
                                 h_->BearerOf(Role::kHandler)),
                        422, "closure"));
}

TEST_F(BulkHttpTest, AMergedDuplicateLinksToTheCaseThatCarriesOnWithItsMessages) {
  Json keep = File("no signal at home");
  Json dup = File("still no signal at home");
  ASSERT_EQ(h_->Post(Path(dup, "/messages"), {{"kind", "internal_note"}, {"body", "Same street as the first case"}},
                     h_->BearerOf(Role::kHandler))
                .status,
            201);
  const auto analysed = [] {
    return h_->Get("/api/v1/complaints/analysis?from=", h_->BearerOf(Role::kViewer)).json()["total"].get<std::int64_t>();
  };
  const std::int64_t total_before = analysed();

  Reply merged = h_->Post(Path(dup, "/merge"),
                          {{"into_reference", keep["reference"]}, {"reason", "same address, same outage"}},
                          h_->BearerOf(Role::kHandler));
  ASSERT_EQ(merged.status, 200) << merged.body;
  EXPECT_EQ(merged.json()["state"], "closed");
  EXPECT_EQ(merged.json()["closure"], "duplicate");
  EXPECT_EQ(merged.json()["merged_into"]["reference"], keep["reference"]);
  EXPECT_EQ(merged.json()["merged_into"]["id"], IdOf(keep));

  Json survivor = h_->Get(Path(keep), h_->BearerOf(Role::kViewer)).json();
  ASSERT_EQ(survivor["merged"].size(), 1u);
  EXPECT_EQ(survivor["merged"][0]["reference"], dup["reference"]);
  Json messages = h_->Get(Path(keep, "/messages"), h_->BearerOf(Role::kViewer)).json()["items"];
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0]["body"], "Same street as the first case");
  EXPECT_EQ(messages[0]["merged_from"]["reference"], dup["reference"]);
  EXPECT_EQ(h_->Get(Path(dup, "/messages"), h_->BearerOf(Role::kViewer)).json()["items"].size(), 1u);
  EXPECT_EQ(analysed(), total_before - 1);  // one complaint, counted once

  Json other = File("other fault");
  EXPECT_TRUE(IsProblem(h_->Post(Path(other, "/merge"), {{"into_reference", "C-1999-000001"}, {"reason", "x"}},
                                 h_->BearerOf(Role::kHandler)),
                        422, "into_reference"));
  EXPECT_TRUE(IsProblem(h_->Post(Path(other, "/merge"), {{"into_reference", "nonsense"}, {"reason", "x"}},
                                 h_->BearerOf(Role::kHandler)),
                        422, "into_reference"));
  EXPECT_TRUE(IsProblem(h_->Post(Path(other, "/merge"), {{"into_id", IdOf(dup)}, {"reason", "x"}},
                                 h_->BearerOf(Role::kHandler)),
                        409, "into_id"));
  EXPECT_TRUE(IsProblem(h_->Post(Path(other, "/merge"), {{"into_id", IdOf(keep)}}, h_->BearerOf(Role::kHandler)), 422,
                        "reason"));
  EXPECT_TRUE(IsProblem(h_->Post(Path(other, "/merge"), {{"reason", "x"}}, h_->BearerOf(Role::kHandler)), 422,
                        "into_reference"));
  EXPECT_EQ(h_->Post(Path(other, "/merge"), {{"into_id", IdOf(keep)}, {"reason", "x"}}, h_->BearerOf(Role::kViewer))
                .status,
            403);
}

TEST_F(BulkHttpTest, SavedViewsArePrivateOrSharedAndOnlyTheOwnerChangesThem) {
  const Auth handler = h_->BearerOf(Role::kHandler);
  const Auth qm = h_->BearerOf(Role::kQualityManager);
  Reply mine = h_->Post("/api/v1/saved-views", {{"name", "Mine, severe"}, {"query", "queue=mine&severity=4"}}, handler);
  ASSERT_EQ(mine.status, 201) << mine.body;
  EXPECT_EQ(mine.json()["shared"], false);
  EXPECT_EQ(mine.json()["mine"], true);
  Reply shared = h_->Post("/api/v1/saved-views",
                          {{"name", "Overdue by phone"}, {"query", "queue=overdue&channel=phone"}, {"shared", true}},
                          handler);
  ASSERT_EQ(shared.status, 201) << shared.body;
  const std::string mine_path = "/api/v1/saved-views/" + std::to_string(mine.json()["id"].get<Id>());
  const std::string shared_path = "/api/v1/saved-views/" + std::to_string(shared.json()["id"].get<Id>());

  Json theirs = h_->Get("/api/v1/saved-views?list=complaints", qm).json()["items"];
  bool sees_private = false, sees_shared = false;
  for (const Json& v : theirs) {
    sees_private = sees_private || v["name"] == "Mine, severe";
    if (v["name"] == "Overdue by phone") {
      sees_shared = true;
      EXPECT_EQ(v["mine"], false);
      EXPECT_EQ(v["owner_name"], h_->user(Role::kHandler).display_name);
    }
  }
  EXPECT_FALSE(sees_private);
  EXPECT_TRUE(sees_shared);
  EXPECT_EQ(h_->Put(mine_path, {{"name", "Taken"}, {"query", ""}}, qm).status, 404);
  EXPECT_EQ(h_->Put(shared_path, {{"name", "Taken"}, {"query", ""}}, qm).status, 403);
  EXPECT_EQ(h_->Delete(shared_path, qm).status, 403);

  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/saved-views", {{"name", "Bad"}, {"query", "severity=9"}}, handler), 422,
                        "query"));
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/saved-views", {{"name", "Bad sort"}, {"query", "sort=password"}}, handler),
                        422, "query"));
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/saved-views", {{"name", ""}, {"query", ""}}, handler), 422, "name"));
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/saved-views", {{"name", "Mine, severe"}, {"query", ""}}, handler), 409,
                        "name"));
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/saved-views", {{"name", "x"}, {"query", ""}, {"list", "users"}}, handler),
                        422, "list"));
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/saved-views?list=users", handler), 422, "list"));

  Reply renamed = h_->Put(mine_path, {{"name", "Severe, mine"}, {"query", "queue=mine&severity=3"}, {"shared", true}},
                          handler);
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(renamed.json()["query"], "queue=mine&severity=3");
  EXPECT_EQ(h_->Delete(shared_path, h_->BearerOf(Role::kAdmin)).status, 204);  // an admin tidies shared views
  EXPECT_EQ(h_->Delete(mine_path, handler).status, 204);
  EXPECT_EQ(h_->Delete(mine_path, handler).status, 404);
}

}  // namespace
}  // namespace hearken::http::testing
