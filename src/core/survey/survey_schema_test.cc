#include "core/survey/survey_schema.h"

#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace hearken::survey {
namespace {

using nlohmann::json;

json NpsExample() {
  std::ifstream in(std::string(HEARKEN_SURVEY_TESTDATA) + "/surveyjs_nps_survey.json");
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

json OnePage(json elements) { return {{"pages", {{{"name", "p"}, {"elements", std::move(elements)}}}}}; }

// The one field of a failed check, or "" when it passed.
std::string FieldOf(const Status& s) {
  if (s.ok()) return "";
  EXPECT_EQ(s.error().fields.size(), 1u);
  return s.error().fields.empty() ? "?" : s.error().fields[0].field;
}

TEST(SurveySchemaTest, SurveyJsNpsExamplePasses) { EXPECT_TRUE(ValidateAgainstSurveyJsSchema(NpsExample()).ok()); }

TEST(SurveySchemaTest, RateMaxAsTextIsReportedAtItsPath) {
  auto s = ValidateAgainstSurveyJsSchema(
      OnePage({{{"type", "rating"}, {"name", "a"}}, {{"type", "rating"}, {"name", "b"}, {"rateMax", "10"}}}));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(FieldOf(s), "definition/pages/0/elements/1/rateMax");
  EXPECT_NE(s.error().fields[0].message.find("type"), std::string::npos) << s.error().fields[0].message;
}

TEST(SurveySchemaTest, ErrorsInsidePanelsNameTheDeepestPath) {
  json panel = {{"type", "panel"},
                {"name", "p1"},
                {"elements", {{{"type", "checkbox"}, {"name", "c"}, {"choices", {"a", {{"text", "no value"}}}}}}}};
  EXPECT_EQ(FieldOf(ValidateAgainstSurveyJsSchema(OnePage({panel}))), "definition/pages/0/elements/0/elements/0/choices/1");
}

TEST(SurveySchemaTest, ElementWithoutTypeOrNotAnObjectIsRefused) {
  EXPECT_EQ(FieldOf(ValidateAgainstSurveyJsSchema(OnePage({{{"name", "x"}}}))), "definition/pages/0/elements/0");
  EXPECT_EQ(FieldOf(ValidateAgainstSurveyJsSchema(OnePage({5}))), "definition/pages/0/elements/0");
  EXPECT_EQ(FieldOf(ValidateAgainstSurveyJsSchema(OnePage({{{"type", "rating"}}}))), "definition/pages/0/elements/0");
}

TEST(SurveySchemaTest, WrongTypesOfSurveyAndTriggerPropertiesAreRefused) {
  EXPECT_EQ(FieldOf(ValidateAgainstSurveyJsSchema({{"title", 5}})), "definition/title");
  EXPECT_EQ(FieldOf(ValidateAgainstSurveyJsSchema({{"pages", "x"}})), "definition/pages");
  EXPECT_EQ(FieldOf(ValidateAgainstSurveyJsSchema({{"triggers", {{{"type", "complete"}, {"expression", 5}}}}})),
            "definition/triggers/0/expression");
  json validator = {{"type", "text"}, {"name", "t"}, {"validators", {{{"type", "numeric"}, {"minValue", "a"}}}}};
  EXPECT_EQ(FieldOf(ValidateAgainstSurveyJsSchema(OnePage({validator}))),
            "definition/pages/0/elements/0/validators/0/minValue");
}

TEST(SurveySchemaTest, WhatSurveyJsAcceptsBeyondThePublishedTypesPasses) {
  // Numeric choice and rate values, numeric text limits, localised titles.
  json e = OnePage({{{"type", "radiogroup"}, {"name", "r"}, {"choices", {1, {{"value", 2}, {"text", {{"default", "Two"}, {"de", "Zwei"}}}}}}},
                    {{"type", "rating"}, {"name", "s"}, {"rateValues", {{{"value", 1}, {"text", "bad"}}, 2}}, {"autoGenerate", false}},
                    {{"type", "text"}, {"name", "t"}, {"inputType", "number"}, {"min", 0}, {"max", "10"}},
                    {{"type", "boolean"}, {"name", "b"}, {"valueTrue", 1}, {"valueFalse", 0}}});
  auto s = ValidateAgainstSurveyJsSchema(e);
  EXPECT_TRUE(s.ok()) << s.error().message;
}

TEST(SurveySchemaTest, UnknownElementTypesAreLeftToTheDefinitionCheck) {
  EXPECT_TRUE(ValidateAgainstSurveyJsSchema(OnePage({{{"type", "my-widget"}, {"name", "w"}}})).ok());
}

TEST(SurveySchemaTest, ConcurrentChecksShareTheSchemaSafely) {
  json good = NpsExample();
  json bad = OnePage({{{"type", "rating"}, {"name", "b"}, {"rateMax", "10"}}});
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        if (!ValidateAgainstSurveyJsSchema(good).ok()) ++failures[t];
        if (ValidateAgainstSurveyJsSchema(bad).ok()) ++failures[t];
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures, std::vector<int>(4, 0));
}

}  // namespace
}  // namespace hearken::survey
