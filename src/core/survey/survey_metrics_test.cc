#include "core/survey/survey_metrics.h"

#include <gtest/gtest.h>

namespace hearken::survey {
namespace {

using nlohmann::json;

json Rating(const std::string& name, int min, int max, std::string title = "") {
  json q = {{"type", "rating"}, {"name", name}, {"rateMin", min}, {"rateMax", max}};
  if (!title.empty()) q["title"] = title;
  return q;
}

json Survey(json extra = json::array()) {
  json elements = {Rating("rec", 0, 10, "How likely are you to recommend us?"), Rating("sat", 1, 5, "How satisfied are you?"),
                   Rating("sat7", 1, 7), Rating("effort", 1, 7, "How easy was it?"), Rating("overall", 1, 5),
                   Rating("speed", 1, 5), Rating("price", 1, 5),
                   {{"type", "radiogroup"}, {"name", "colour"}, {"choices", {"red", "blue"}}},
                   {{"type", "rating"}, {"name", "words"}, {"rateValues", {"low", "high"}}}};
  for (auto& e : extra) elements.push_back(e);
  return {{"pages", {{{"name", "p"}, {"elements", elements}}}}};
}

Definition Def(const json& j = Survey()) {
  auto d = ParseDefinition(j);
  EXPECT_TRUE(d.ok()) << (d.ok() ? "" : d.error().message);
  return d.ok() ? std::move(*d) : Definition{};
}

std::vector<FieldError> Problems(const json& map, const Definition& def) {
  auto m = ParseMetricMap(map, def);
  EXPECT_FALSE(m.ok()) << map.dump();
  if (m.ok()) return {};
  EXPECT_EQ(m.error().code, ErrorCode::kInvalidArgument);
  return m.error().fields;
}

TEST(SurveyMetricsTest, FullMapIsReadAndWrittenBack) {
  Definition def = Def();
  json j = {{"nps", "rec"}, {"csat", "sat7"}, {"ces", "effort"}, {"overall", "overall"}, {"drivers", {"speed", "price"}}};
  auto m = ParseMetricMap(j, def);
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->nps, "rec");
  EXPECT_EQ(m->csat, "sat7");
  EXPECT_EQ(m->csat_scale, 7);
  EXPECT_EQ(m->ces, "effort");
  EXPECT_EQ(m->overall, "overall");
  EXPECT_EQ(m->drivers, (std::vector<std::string>{"speed", "price"}));
  EXPECT_EQ(MetricMapToJson(*m), j);
  EXPECT_EQ(*ParseMetricMap(MetricMapToJson(*m), def), *m);
}

TEST(SurveyMetricsTest, EveryKeyIsOptional) {
  Definition def = Def();
  for (const json& j : {json::object(), json(), json{{"nps", nullptr}}, json{{"csat", "sat"}}}) {
    auto m = ParseMetricMap(j, def);
    ASSERT_TRUE(m.ok()) << j.dump() << ": " << m.error().message;
    EXPECT_FALSE(m->nps.has_value());
  }
  EXPECT_EQ(ParseMetricMap({{"csat", "sat"}}, def)->csat_scale, 5);
  EXPECT_EQ(MetricMapToJson(MetricMap{}), json({{"drivers", json::array()}}));
}

TEST(SurveyMetricsTest, UnknownKeysAndNonObjectsAreRefused) {
  Definition def = Def();
  auto f = Problems({{"nps", "rec"}, {"loyalty", "rec"}}, def);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].field, "metric_map/loyalty");
  EXPECT_EQ(Problems(json::array(), def).at(0).field, "metric_map");
}

TEST(SurveyMetricsTest, MissingQuestionsAreNamed) {
  auto f = Problems({{"nps", "nope"}, {"drivers", {"speed", "gone"}}}, Def());
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].field, "metric_map/nps");
  EXPECT_EQ(f[0].message, "nope names no question of the survey");
  EXPECT_EQ(f[1].field, "metric_map/drivers/1");
  EXPECT_EQ(Problems({{"nps", 5}}, Def()).at(0).message, "must be the name of a question");
}

TEST(SurveyMetricsTest, QuestionsOfTheWrongKindOrScaleAreRefused) {
  Definition def = Def();
  auto f = Problems({{"nps", "sat"}, {"csat", "rec"}, {"ces", "sat"}, {"overall", "colour"}}, def);
  ASSERT_EQ(f.size(), 4u);
  EXPECT_EQ(f[0].field, "metric_map/nps");
  EXPECT_EQ(f[0].message.rfind("must be a rating question from 0 to 10", 0), 0u) << f[0].message;
  EXPECT_EQ(f[1].field, "metric_map/csat");
  EXPECT_EQ(f[1].message.rfind("must be a rating question from 1 to 5 or from 1 to 7", 0), 0u) << f[1].message;
  EXPECT_EQ(f[2].field, "metric_map/ces");
  EXPECT_EQ(f[2].message.rfind("must be a rating question from 1 to 7", 0), 0u) << f[2].message;
  EXPECT_EQ(f[3].field, "metric_map/overall");
  EXPECT_EQ(Problems({{"nps", "words"}}, def).at(0).field, "metric_map/nps");
  EXPECT_EQ(Problems({{"drivers", {"colour"}}}, def).at(0).field, "metric_map/drivers/0");
  EXPECT_EQ(Problems({{"drivers", "speed"}}, def).at(0).field, "metric_map/drivers");
}

TEST(SurveyMetricsTest, DriversAreDistinctAndNotTheOverallQuestion) {
  auto f = Problems({{"overall", "overall"}, {"drivers", {"speed", "speed", "overall"}}}, Def());
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].field, "metric_map/drivers/1");
  EXPECT_EQ(f[1].field, "metric_map/drivers/2");
}

TEST(SurveyMetricsTest, SameVersionHasNoSeriesBreaks) {
  Definition def = Def();
  MetricMap m = *ParseMetricMap({{"nps", "rec"}, {"csat", "sat"}, {"drivers", {"speed"}}}, def);
  EXPECT_TRUE(SeriesBreaks(def, m, def, m).empty());
  // Non-metric questions may change freely.
  Definition more = Def(Survey({{{"type", "comment"}, {"name", "why"}}}));
  EXPECT_TRUE(SeriesBreaks(def, m, more, m).empty());
}

TEST(SurveyMetricsTest, SeriesBreaksNameEachChange) {
  Definition a = Def();
  MetricMap before = *ParseMetricMap({{"nps", "rec"}, {"csat", "sat"}, {"ces", "effort"}, {"drivers", {"speed", "price"}}}, a);
  // CSAT moves to a 7-point question, CES is dropped, NPS gets new wording,
  // overall starts, driver price is dropped and quality added.
  json changed = Survey({Rating("quality", 1, 5)});
  changed["pages"][0]["elements"][0]["title"] = "Would you recommend us?";
  Definition b = Def(changed);
  MetricMap after = *ParseMetricMap({{"nps", "rec"}, {"csat", "sat7"}, {"overall", "overall"}, {"drivers", {"speed", "quality"}}}, b);
  auto breaks = SeriesBreaks(a, before, b, after);
  ASSERT_EQ(breaks.size(), 6u) << testing::PrintToString(breaks);
  EXPECT_EQ(breaks[0], "NPS question rec is worded differently: \"How likely are you to recommend us?\" becomes \"Would you recommend us?\"");
  EXPECT_EQ(breaks[1], "CSAT moves from question sat to question sat7");
  EXPECT_EQ(breaks[2], "CES is no longer measured: question effort is not mapped in the new version");
  EXPECT_EQ(breaks[3], "the overall rating starts with question overall: the previous version did not measure it");
  EXPECT_EQ(breaks[4], "driver price is no longer mapped in the new version");
  EXPECT_EQ(breaks[5], "driver quality is new: the previous version did not map it");
}

TEST(SurveyMetricsTest, ScaleChangesOfMetricsAndDriversBreakTheSeries) {
  json j = Survey();
  Definition a = Def(j);
  MetricMap m = *ParseMetricMap({{"csat", "sat"}, {"drivers", {"speed"}}}, a);
  j["pages"][0]["elements"][1]["rateMax"] = 7;
  j["pages"][0]["elements"][5]["rateMin"] = 0;
  Definition b = Def(j);
  MetricMap m2 = *ParseMetricMap({{"csat", "sat"}, {"drivers", {"speed"}}}, b);
  auto breaks = SeriesBreaks(a, m, b, m2);
  ASSERT_EQ(breaks.size(), 2u) << testing::PrintToString(breaks);
  EXPECT_EQ(breaks[0], "CSAT question sat changes its scale from 1 to 5 to 1 to 7");
  EXPECT_EQ(breaks[1], "driver speed changes its values from 1 to 5 to 0 to 5");
}

}  // namespace
}  // namespace hearken::survey
