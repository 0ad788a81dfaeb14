// Surveys over HTTP (issue 8): a quality manager creates a survey from
// SurveyJS's NPS example, opens it, a respondent answers through the public
// link (validated against the version, idempotent under a retried key),
// the results count it with NPS and its interval; editing after answers
// makes a new version; roles are enforced and bad definitions are refused
// naming the path.
#include <gtest/gtest.h>

#include "http/test_support.h"

namespace hearken::http::testing {
namespace {

const Json kNps = Json::parse(R"({
  "title": "Net Promoter Score",
  "pages": [
    {"name": "score", "elements": [{"type": "rating", "name": "nps", "title": "How likely are you to recommend us?",
      "isRequired": true, "rateCount": 11, "rateMin": 0, "rateMax": 10}]},
    {"name": "followUp", "elements": [{"type": "comment", "name": "reason", "visible": false,
      "visibleIf": "{nps} < 7", "title": "What went wrong?"}]}
  ],
  "triggers": [{"type": "complete", "expression": "{nps} >= 9"}]
})");

class SurveyHttpTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { h_ = new Harness(); }
  static void TearDownTestSuite() {
    delete h_;
    h_ = nullptr;
  }

  // A new open survey; returns its JSON.
  static Json OpenSurvey(const std::string& name) {
    Auth qm = h_->BearerOf(Role::kQualityManager);
    Reply created = h_->Post("/api/v1/surveys", {{"name", name}, {"definition", kNps}, {"metric_map", {{"nps", "nps"}}}}, qm);
    EXPECT_EQ(created.status, 201) << created.body;
    const Id id = created.json()["id"].get<Id>();
    Reply opened = h_->Put("/api/v1/surveys/" + std::to_string(id), {{"status", "open"}}, qm);
    EXPECT_EQ(opened.status, 200) << opened.body;
    return opened.json();
  }

  static Reply Answer(const Json& survey, const Json& answers, const std::string& key = "", int version = 0) {
    Json body = {{"answers", answers}};
    if (version) body["version"] = version;
    std::vector<std::pair<std::string, std::string>> headers;
    if (!key.empty()) headers.push_back({"Idempotency-Key", key});
    return Send(h_->port(), "POST", "/api/v1/public/surveys/" + survey["public_slug"].get<std::string>() + "/answers",
                body.dump(), {}, headers);
  }

  static Json Results(const Json& survey) {
    Reply r = h_->Get("/api/v1/surveys/" + std::to_string(survey["id"].get<Id>()) + "/results",
                      h_->BearerOf(Role::kViewer));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }

  static Harness* h_;
};
Harness* SurveyHttpTest::h_ = nullptr;

TEST_F(SurveyHttpTest, AnAnswerThroughThePublicLinkCountsInTheResults) {
  const Json survey = OpenSurvey("Relationship NPS");
  Reply form = h_->Get("/api/v1/public/surveys/" + survey["public_slug"].get<std::string>(), {});
  ASSERT_EQ(form.status, 200) << form.body;
  EXPECT_TRUE(form.json()["open"].get<bool>());
  EXPECT_EQ(form.json()["definition"]["title"], "Net Promoter Score");

  for (int score : {10, 9, 9, 8, 7, 6, 5, 3, 2, 0}) {
    Json answers = {{"nps", score}};
    if (score < 7) answers["reason"] = "Slow support";
    Reply r = Answer(survey, answers);
    ASSERT_EQ(r.status, 201) << r.body;
  }
  const Json results = Results(survey);
  EXPECT_EQ(results["answers"], 10);
  EXPECT_NEAR(results["metrics"]["nps"]["score"].get<double>(), -20.0, 1e-9);
  EXPECT_NEAR(results["metrics"]["nps"]["wald95"]["low"].get<double>(), -74.03, 0.005);
  EXPECT_EQ(results["questions"][1]["verbatims"].size(), 5u);
}

TEST_F(SurveyHttpTest, AnswersThatDoNotFitTheSurveyAreRefusedNamingTheQuestion) {
  const Json survey = OpenSurvey("Validated NPS");
  EXPECT_TRUE(IsProblem(Answer(survey, Json::object()), 422, "answers/nps"));
  EXPECT_TRUE(IsProblem(Answer(survey, {{"nps", 11}}), 422, "answers/nps"));
  EXPECT_TRUE(IsProblem(Answer(survey, {{"nps", "ten"}}), 422, "answers/nps"));
  EXPECT_TRUE(IsProblem(Answer(survey, {{"nps", 10}, {"reason", "hidden for promoters"}}), 422, "answers/reason"));
  EXPECT_TRUE(IsProblem(Answer(survey, {{"nps", 5}, {"colour", "blue"}}), 422, "answers/colour"));
  EXPECT_TRUE(IsProblem(Answer(survey, {{"nps", 5}}, "", 7), 422, "version"));
  EXPECT_EQ(Results(survey)["answers"], 0);
}

TEST_F(SurveyHttpTest, ARetryWithTheSameKeyNeverMakesASecondAnswer) {
  const Json survey = OpenSurvey("Idempotent NPS");
  Reply first = Answer(survey, {{"nps", 9}}, "retry-key-1");
  ASSERT_EQ(first.status, 201) << first.body;
  Reply again = Answer(survey, {{"nps", 9}}, "retry-key-1");
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.Header("idempotent-replayed"), "true");
  EXPECT_EQ(again.json()["id"], first.json()["id"]);
  EXPECT_TRUE(IsProblem(Answer(survey, {{"nps", 3}}, "retry-key-1"), 422, "Idempotency-Key"));
  EXPECT_EQ(Results(survey)["answers"], 1);
}

TEST_F(SurveyHttpTest, ADraftOrClosedSurveyTakesNoAnswers) {
  Auth qm = h_->BearerOf(Role::kQualityManager);
  Reply created = h_->Post("/api/v1/surveys", {{"name", "Draft NPS"}, {"definition", kNps}}, qm);
  ASSERT_EQ(created.status, 201) << created.body;
  const Json draft = created.json();
  EXPECT_EQ(h_->Get("/api/v1/public/surveys/" + draft["public_slug"].get<std::string>(), {}).status, 404);
  EXPECT_EQ(Answer(draft, {{"nps", 9}}).status, 404);

  const Json survey = OpenSurvey("Closing NPS");
  ASSERT_EQ(h_->Put("/api/v1/surveys/" + std::to_string(survey["id"].get<Id>()), {{"status", "closed"}}, qm).status, 200);
  Reply form = h_->Get("/api/v1/public/surveys/" + survey["public_slug"].get<std::string>(), {});
  ASSERT_EQ(form.status, 200);
  EXPECT_FALSE(form.json()["open"].get<bool>());
  EXPECT_TRUE(IsProblem(Answer(survey, {{"nps", 9}}), 409));
}

TEST_F(SurveyHttpTest, EditingAnAnsweredSurveyMakesANewVersionAndSaysWhereTheSeriesBreaks) {
  Auth qm = h_->BearerOf(Role::kQualityManager);
  const Json survey = OpenSurvey("Versioned NPS");
  const std::string path = "/api/v1/surveys/" + std::to_string(survey["id"].get<Id>());
  Json edited = kNps;
  edited["pages"][0]["elements"][0]["title"] = "Would you recommend us to a friend?";
  Reply same = h_->Put(path + "/definition", {{"definition", edited}, {"metric_map", {{"nps", "nps"}}}}, qm);
  ASSERT_EQ(same.status, 200) << same.body;
  EXPECT_EQ(same.json()["version"], 1);  // no answers yet: replaced in place

  ASSERT_EQ(Answer(survey, {{"nps", 9}}).status, 201);
  edited["pages"][0]["elements"][0]["title"] = "How likely are you to recommend our network?";
  Reply next = h_->Put(path + "/definition",
                       {{"definition", edited}, {"metric_map", {{"nps", "nps"}}}, {"expected_version", 1}}, qm);
  ASSERT_EQ(next.status, 200) << next.body;
  EXPECT_EQ(next.json()["version"], 2);
  EXPECT_FALSE(next.json()["series_breaks"].empty()) << next.body;
  // The page loaded before the edit still answers version 1.
  EXPECT_EQ(Answer(survey, {{"nps", 8}}, "", 1).status, 201);
  EXPECT_EQ(Answer(survey, {{"nps", 7}}).status, 201);
  const Json results = Results(survey);
  EXPECT_EQ(results["answers"], 3);
  EXPECT_EQ(results["by_version"].size(), 2u);
  // A stale editor is refused.
  EXPECT_TRUE(IsProblem(h_->Put(path + "/definition", {{"definition", kNps}, {"expected_version", 1}}, qm), 409));
}

TEST_F(SurveyHttpTest, BadDefinitionsAndMetricMapsAreRefusedNamingThePath) {
  Auth qm = h_->BearerOf(Role::kQualityManager);
  Json bad_rate = kNps;
  bad_rate["pages"][0]["elements"][0]["rateMax"] = "ten";
  Reply r = h_->Post("/api/v1/surveys", {{"name", "Bad rate"}, {"definition", bad_rate}}, qm);
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("definition/pages/0/elements/0"), std::string::npos) << r.body;

  Json bad_expression = kNps;
  bad_expression["pages"][1]["elements"][0]["visibleIf"] = "age({birthday}) > 18";
  r = h_->Post("/api/v1/surveys", {{"name", "Bad expression"}, {"definition", bad_expression}}, qm);
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("visibleIf"), std::string::npos) << r.body;

  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/surveys", {{"name", "Bad map"}, {"definition", kNps},
                                                     {"metric_map", {{"nps", "reason"}}}}, qm),
                        422, "metric_map/nps"));
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/surveys", {{"name", "Missing"}, {"definition", kNps},
                                                     {"metric_map", {{"csat", "nope"}}}}, qm),
                        422, "metric_map/csat"));
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/surveys/validate", {{"definition", "not an object"}}, qm), 422, "definition"));
  EXPECT_EQ(h_->Post("/api/v1/surveys/validate", {{"definition", kNps}}, qm).status, 200);
}

TEST_F(SurveyHttpTest, OnlyQualityManagersAndAdminsDesignSurveysAndEveryRoleReadsThem) {
  const Json body = {{"name", "Roles"}, {"definition", kNps}};
  EXPECT_EQ(h_->Post("/api/v1/surveys", body, h_->BearerOf(Role::kHandler)).status, 403);
  EXPECT_EQ(h_->Post("/api/v1/surveys", body, h_->BearerOf(Role::kViewer)).status, 403);
  const Json survey = OpenSurvey("Readable");
  const std::string path = "/api/v1/surveys/" + std::to_string(survey["id"].get<Id>());
  EXPECT_EQ(h_->Put(path, {{"status", "closed"}}, h_->BearerOf(Role::kHandler)).status, 403);
  EXPECT_EQ(h_->Get(path, h_->BearerOf(Role::kViewer)).status, 200);
  EXPECT_EQ(h_->Get(path + "/answers", h_->BearerOf(Role::kHandler)).status, 200);
  EXPECT_EQ(h_->Get(path, {}).status, 401);
}

TEST_F(SurveyHttpTest, AnAnonymousAnswerStoresNoCustomerAndTheApiCanNameOne) {
  const Json survey = OpenSurvey("Who answered");
  ASSERT_EQ(Answer(survey, {{"nps", 10}}).status, 201);
  const std::string path = "/api/v1/surveys/" + std::to_string(survey["id"].get<Id>());
  Reply customer = h_->Post("/api/v1/customers", {{"kind", "person"}, {"name", "Ada Respondent"}},
                            h_->BearerOf(Role::kHandler));
  ASSERT_EQ(customer.status, 201) << customer.body;
  const std::string customer_id = std::to_string(customer.json()["id"].get<Id>());
  Reply api = Send(h_->port(), "POST", path + "/answers", Json{{"answers", {{"nps", 4}}}}.dump(),
                   h_->BearerOf(Role::kHandler), {{"X-Customer-Id", customer_id}});
  ASSERT_EQ(api.status, 201) << api.body;
  Reply list = h_->Get(path + "/answers", h_->BearerOf(Role::kViewer));
  ASSERT_EQ(list.status, 200);
  const Json items = list.json()["items"];
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0]["channel"], "api");  // newest first
  EXPECT_EQ(items[0]["customer_id"].get<Id>(), customer.json()["id"].get<Id>());
  EXPECT_TRUE(items[1]["anonymous"].get<bool>());
  EXPECT_TRUE(items[1]["customer_id"].is_null());
}

}  // namespace
}  // namespace hearken::http::testing
