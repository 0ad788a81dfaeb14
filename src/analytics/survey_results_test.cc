// Survey results over SurveyJS's NPS example (../shared/data/survey_formats).
#include "analytics/survey_results.h"

#include <gtest/gtest.h>

namespace hearken::analytics {
namespace {

const char* kNpsSurvey = R"({
  "title": "Net Promoter Score",
  "pages": [
    {"name": "score", "elements": [{"type": "rating", "name": "nps", "title": "How likely are you to recommend us?",
      "isRequired": true, "rateCount": 11, "rateMin": 0, "rateMax": 10}]},
    {"name": "followUp", "elements": [{"type": "comment", "name": "reason", "visible": false,
      "visibleIf": "{nps} < 7", "title": "What went wrong?"}]}
  ],
  "triggers": [{"type": "complete", "expression": "{nps} >= 9"}]
})";

SurveyAnswer Answer(Id id, int score, const std::string& reason = "") {
  SurveyAnswer a;
  a.id = id;
  a.survey_id = 1;
  a.nps = score;
  nlohmann::json values = {{"nps", score}};
  if (!reason.empty()) values["reason"] = reason;
  a.answers_json = values.dump();
  a.submitted_at = TimePoint{} + std::chrono::seconds(id);
  return a;
}

TEST(SurveyResultsTest, CountsEveryRatingValueAndScoresTheNps) {
  auto definition = survey::ParseDefinition(nlohmann::json::parse(kNpsSurvey));
  ASSERT_TRUE(definition.ok()) << definition.error().message;
  auto metrics = survey::ParseMetricMap(nlohmann::json{{"nps", "nps"}}, *definition);
  ASSERT_TRUE(metrics.ok()) << metrics.error().message;
  SurveyResultsBuilder builder(*definition, *metrics);
  const int scores[] = {10, 9, 9, 8, 7, 6, 5, 3, 2, 0};
  Id id = 0;
  for (int s : scores) builder.Add(Answer(++id, s, s < 7 ? "slow support " + std::to_string(s) : ""));
  const SurveyResults r = builder.Finish();
  EXPECT_EQ(r.answers, 10);
  ASSERT_TRUE(r.nps.has_value());
  EXPECT_NEAR(r.nps->score, -20.0, 1e-9);
  ASSERT_EQ(r.questions.size(), 2u);
  const QuestionResult& nps = r.questions[0];
  EXPECT_EQ(nps.answered, 10);
  ASSERT_EQ(nps.distribution.size(), 11u);  // 0..10, zeros included
  EXPECT_EQ(nps.distribution[9].count, 2);
  EXPECT_EQ(nps.distribution[1].count, 0);
  ASSERT_TRUE(nps.mean.has_value());
  EXPECT_NEAR(nps.mean->mean, 5.9, 1e-9);
  const QuestionResult& reason = r.questions[1];
  EXPECT_EQ(reason.answered, 5);
  ASSERT_EQ(reason.verbatims.size(), 5u);
  EXPECT_EQ(reason.verbatims.front().text, "slow support 0");  // newest first
  EXPECT_FALSE(r.csat_top_two.has_value());
}

}  // namespace
}  // namespace hearken::analytics
