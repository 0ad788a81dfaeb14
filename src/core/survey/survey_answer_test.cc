#include "core/survey/survey_answer.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace hearken::survey {
namespace {

using nlohmann::json;

Definition Nps() {
  std::ifstream in(std::string(HEARKEN_SURVEY_TESTDATA) + "/surveyjs_nps_survey.json");
  std::stringstream text;
  text << in.rdbuf();
  return *ParseDefinitionText(text.str());
}

Definition Def(json elements, json extra = json::object()) {
  json j = {{"pages", {{{"name", "p"}, {"elements", std::move(elements)}}}}};
  for (auto& [k, v] : extra.items()) j[k] = v;
  auto d = ParseDefinition(j);
  EXPECT_TRUE(d.ok()) << (d.ok() ? "" : d.error().message);
  return d.ok() ? std::move(*d) : Definition{};
}

// The problems ValidateAnswer finds, as "field: message" lines; empty when valid.
std::vector<std::string> Problems(const Definition& def, const json& answers, const MetricMap& map = {}) {
  auto r = ValidateAnswer(def, map, answers);
  std::vector<std::string> out;
  if (r.ok()) return out;
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().message, "the answers do not fit the survey");
  for (const auto& f : r.error().fields) out.push_back(f.field + ": " + f.message);
  return out;
}

using Lines = std::vector<std::string>;

TEST(SurveyAnswerTest, NpsDetractorWithReasonIsValidAndScored) {
  MetricMap map;
  map.nps = "nps";
  auto r = ValidateAnswer(Nps(), map, {{"nps", 5}, {"reason", "Slow delivery"}});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->nps, 5);
  EXPECT_FALSE(r->csat.has_value());
  EXPECT_EQ(r->values, json({{"nps", 5}, {"reason", "Slow delivery"}}));
}

TEST(SurveyAnswerTest, NpsDetractorWithoutReasonIsValidAsTheReasonIsOptional) {
  EXPECT_TRUE(Problems(Nps(), {{"nps", 5}}).empty());
  EXPECT_TRUE(Problems(Nps(), {{"nps", 0}, {"reason", ""}}).empty());
}

TEST(SurveyAnswerTest, NpsPromoterReasonIsRefusedBecauseTheTriggerEndsTheSurvey) {
  EXPECT_EQ(Problems(Nps(), {{"nps", 10}, {"reason", "Great"}}),
            Lines{"answers/reason: comes after the end of the survey for these answers"});
  EXPECT_TRUE(Problems(Nps(), {{"nps", 9}}).empty());
}

TEST(SurveyAnswerTest, NpsPassiveReasonIsRefusedBecauseItIsHidden) {
  EXPECT_EQ(Problems(Nps(), {{"nps", 8}, {"reason", "Fine"}}), Lines{"answers/reason: is not shown for these answers"});
}

TEST(SurveyAnswerTest, NpsMissingOrOutOfRangeScoreIsRefused) {
  EXPECT_EQ(Problems(Nps(), json::object()), Lines{"answers/nps: is required"});
  // Without a score, "{nps} < 7" is false (empty compares false), so the reason is hidden too.
  EXPECT_EQ(Problems(Nps(), {{"reason", "x"}}),
            (Lines{"answers/nps: is required", "answers/reason: is not shown for these answers"}));
  EXPECT_EQ(Problems(Nps(), {{"nps", 11}}), Lines{"answers/nps: must be a whole number from 0 to 10"});
  EXPECT_EQ(Problems(Nps(), {{"nps", 4.5}}), Lines{"answers/nps: must be a whole number from 0 to 10"});
  EXPECT_EQ(Problems(Nps(), {{"nps", true}}), Lines{"answers/nps: must be a whole number from 0 to 10"});
}

TEST(SurveyAnswerTest, NumericTextForARatingIsStoredAsTheNumber) {
  MetricMap map;
  map.nps = "nps";
  auto r = ValidateAnswer(Nps(), map, {{"nps", "3"}});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->values["nps"], json(3));
  EXPECT_EQ(r->nps, 3);
}

TEST(SurveyAnswerTest, NotAnObjectOrUnknownKeysAreRefused) {
  auto r = ValidateAnswer(Nps(), {}, json::array());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields.at(0).field, "answers");
  EXPECT_EQ(Problems(Nps(), {{"nps", 9}, {"age", 40}}), Lines{"answers/age: is not a question of this survey"});
  EXPECT_EQ(Problems(Nps(), {{"nps", 9}, {"nps-Comment", "x"}}),
            Lines{"answers/nps-Comment: is not a question of this survey"});
}

TEST(SurveyAnswerTest, EveryProblemIsReportedAtOnce) {
  Definition def = Def({{{"type", "text"}, {"name", "a"}, {"isRequired", true}},
                        {{"type", "boolean"}, {"name", "b"}},
                        {{"type", "rating"}, {"name", "c"}}});
  EXPECT_EQ(Problems(def, {{"b", "yes"}, {"c", 6}, {"x", 1}}),
            (Lines{"answers/x: is not a question of this survey", "answers/a: is required",
                   "answers/b: must be true or false", "answers/c: must be a whole number from 1 to 5"}));
}

TEST(SurveyAnswerTest, EmptyValuesCountAsUnanswered) {
  Definition def = Def({{{"type", "text"}, {"name", "a"}, {"isRequired", true}},
                        {{"type", "checkbox"}, {"name", "c"}, {"choices", {"x"}}, {"isRequired", true}}});
  EXPECT_EQ(Problems(def, {{"a", "  "}, {"c", json::array()}}), (Lines{"answers/a: is required", "answers/c: is required"}));
  auto r = ValidateAnswer(def, {}, {{"a", "hi"}, {"c", {"x"}}, {"unknown-but-empty", nullptr}});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_FALSE(r->values.contains("unknown-but-empty"));
}

TEST(SurveyAnswerTest, RatingAcceptsItsRateValuesOnly) {
  Definition def = Def({{{"type", "rating"}, {"name", "s"}, {"rateMin", 0}, {"rateMax", 100}, {"rateStep", 25}},
                        {{"type", "rating"}, {"name", "w"}, {"rateValues", {"low", {{"value", "high"}, {"text", "High"}}}}}});
  EXPECT_TRUE(Problems(def, {{"s", 75}, {"w", "high"}}).empty());
  EXPECT_EQ(Problems(def, {{"s", 70}, {"w", "mid"}}),
            (Lines{"answers/s: must be one of the rate values of the question",
                   "answers/w: must be one of the rate values of the question"}));
}

TEST(SurveyAnswerTest, SingleChoiceAcceptsChoicesOtherAndNone) {
  Definition def = Def({{{"type", "radiogroup"}, {"name", "r"}, {"choices", {"a", 2}}, {"hasOther", true}, {"hasNone", true}},
                        {{"type", "dropdown"}, {"name", "d"}, {"choices", {"x"}}}});
  EXPECT_TRUE(Problems(def, {{"r", "a"}, {"d", "x"}}).empty());
  EXPECT_TRUE(Problems(def, {{"r", 2}}).empty());
  EXPECT_TRUE(Problems(def, {{"r", "2"}}).empty());
  EXPECT_TRUE(Problems(def, {{"r", "none"}}).empty());
  EXPECT_TRUE(Problems(def, {{"r", "other"}, {"r-Comment", "my own"}}).empty());
  EXPECT_EQ(Problems(def, {{"r", "other"}}), Lines{"answers/r-Comment: must say what the other answer is"});
  EXPECT_EQ(Problems(def, {{"r", "a"}, {"r-Comment", "x"}}), Lines{"answers/r-Comment: is given but the other item is not chosen"});
  EXPECT_EQ(Problems(def, {{"r", "b"}, {"d", "other"}}),
            (Lines{"answers/r: must be one of the choices of the question", "answers/d: must be one of the choices of the question"}));
  EXPECT_EQ(Problems(def, {{"d", {"x"}}}), Lines{"answers/d: must be one of the choices of the question"});
}

TEST(SurveyAnswerTest, MultipleChoiceNeedsDistinctAllowedValuesWithinLimits) {
  Definition def = Def({{{"type", "checkbox"}, {"name", "c"}, {"choices", {"a", "b", "c"}}, {"showNoneItem", true},
                         {"minSelectedChoices", 2}, {"maxSelectedChoices", 2}},
                        {{"type", "tagbox"}, {"name", "t"}, {"choices", {1, 2}}}});
  EXPECT_TRUE(Problems(def, {{"c", {"a", "b"}}, {"t", {2}}}).empty());
  EXPECT_TRUE(Problems(def, {{"c", {"none"}}}).empty());
  EXPECT_EQ(Problems(def, {{"c", {"a"}}}), Lines{"answers/c: must have at least 2 choices"});
  EXPECT_EQ(Problems(def, {{"c", {"a", "b", "c"}}}), Lines{"answers/c: must have at most 2 choices"});
  EXPECT_EQ(Problems(def, {{"c", {"a", "a"}}}), Lines{"answers/c: \"a\" is chosen more than once"});
  EXPECT_EQ(Problems(def, {{"c", {"a", "z"}}}), Lines{"answers/c: \"z\" is not one of the choices of the question"});
  EXPECT_EQ(Problems(def, {{"c", {"none", "a"}}}), Lines{"answers/c: \"none\" cannot be chosen with other choices"});
  EXPECT_EQ(Problems(def, {{"c", "a"}}), Lines{"answers/c: must be a list of choices"});
}

TEST(SurveyAnswerTest, OtherInAMultipleChoiceNeedsItsText) {
  Definition def = Def({{{"type", "boolean"}, {"name", "show"}},
                        {{"type", "checkbox"}, {"name", "c"}, {"choices", {"a"}}, {"hasOther", true}, {"visibleIf", "{show} = true"}}});
  EXPECT_TRUE(Problems(def, {{"show", true}, {"c", {"a", "other"}}, {"c-Comment", "b"}}).empty());
  EXPECT_EQ(Problems(def, {{"show", true}, {"c", {"other"}}}), Lines{"answers/c-Comment: must say what the other answer is"});
  EXPECT_EQ(Problems(def, {{"show", false}, {"c-Comment", "b"}}), Lines{"answers/c-Comment: is not shown for these answers"});
  EXPECT_EQ(Problems(def, {{"show", true}, {"c-Comment", "b"}}),
            Lines{"answers/c-Comment: is given but the other item is not chosen"});
}

TEST(SurveyAnswerTest, RankingOrdersEveryChoiceUnlessSelectToRank) {
  Definition def = Def({{{"type", "ranking"}, {"name", "r"}, {"choices", {"a", "b", "c"}}},
                        {{"type", "ranking"}, {"name", "s"}, {"choices", {"a", "b", "c"}}, {"selectToRankEnabled", true}}});
  EXPECT_TRUE(Problems(def, {{"r", {"c", "a", "b"}}, {"s", {"b"}}}).empty());
  EXPECT_EQ(Problems(def, {{"r", {"c", "a"}}}), Lines{"answers/r: must rank every choice of the question"});
}

TEST(SurveyAnswerTest, BooleanAcceptsItsOwnValues) {
  Definition def = Def({{{"type", "boolean"}, {"name", "b"}},
                        {{"type", "boolean"}, {"name", "y"}, {"valueTrue", "Yes"}, {"valueFalse", "No"}}});
  EXPECT_TRUE(Problems(def, {{"b", false}, {"y", "No"}}).empty());
  EXPECT_EQ(Problems(def, {{"b", "true"}, {"y", true}}),
            (Lines{"answers/b: must be true or false", "answers/y: must be \"Yes\" or \"No\""}));
}

TEST(SurveyAnswerTest, TextAndCommentAreCleanBoundedStrings) {
  Definition def = Def({{{"type", "text"}, {"name", "t"}, {"maxLength", 5}},
                        {{"type", "comment"}, {"name", "c"}},
                        {{"type", "text"}, {"name", "e"}, {"inputType", "email"}}});
  EXPECT_TRUE(Problems(def, {{"t", "héllo"}, {"c", "line\nnext\ttab"}, {"e", "a@example.org"}}).empty());
  EXPECT_EQ(Problems(def, {{"t", "toolong"}}), Lines{"answers/t: must be at most 5 characters"});
  EXPECT_EQ(Problems(def, {{"t", 5}}), Lines{"answers/t: must be a text"});
  EXPECT_EQ(Problems(def, {{"c", std::string("bell\x07")}}),
            Lines{"answers/c: must be valid UTF-8 text without control characters"});
  EXPECT_EQ(Problems(def, {{"c", std::string("\xff\xfe")}}),
            Lines{"answers/c: must be valid UTF-8 text without control characters"});
  EXPECT_EQ(Problems(def, {{"c", std::string(kMaxAnswerTextBytes + 1, 'x')}}), Lines{"answers/c: must be at most 10000 bytes"});
  EXPECT_EQ(Problems(def, {{"e", "not an address"}}), Lines{"answers/e: must be an e-mail address"});
}

TEST(SurveyAnswerTest, NumberInputIsANumberWithinMinAndMax) {
  Definition def = Def({{{"type", "text"}, {"name", "n"}, {"inputType", "number"}, {"min", 0}, {"max", 10}}});
  EXPECT_TRUE(Problems(def, {{"n", 7.5}}).empty());
  auto r = ValidateAnswer(def, {}, {{"n", "4"}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->values["n"], json(4));
  EXPECT_EQ(Problems(def, {{"n", 11}}), Lines{"answers/n: must be from 0 to 10"});
  EXPECT_EQ(Problems(def, {{"n", -1}}), Lines{"answers/n: must be from 0 to 10"});
  EXPECT_EQ(Problems(def, {{"n", "seven"}}), Lines{"answers/n: must be a number"});
}

TEST(SurveyAnswerTest, CommentAreaIsStoredBesideTheQuestion) {
  Definition def = Def({{{"type", "rating"}, {"name", "r"}, {"showCommentArea", true}}});
  EXPECT_TRUE(Problems(def, {{"r", 3}, {"r-Comment", "because"}}).empty());
  EXPECT_TRUE(Problems(def, {{"r-Comment", "no score, only words"}}).empty());
  EXPECT_EQ(Problems(def, {{"r", 3}, {"r-Comment", 5}}), Lines{"answers/r-Comment: must be a text"});
}

TEST(SurveyAnswerTest, HiddenQuestionsMayNotHoldValues) {
  Definition def = Def({{{"type", "boolean"}, {"name", "bought"}},
                        {{"type", "text"}, {"name", "what"}, {"visibleIf", "{bought} = true"}, {"isRequired", true}},
                        {{"type", "text"}, {"name", "never"}, {"visible", false}}});
  EXPECT_TRUE(Problems(def, {{"bought", true}, {"what", "a car"}}).empty());
  EXPECT_TRUE(Problems(def, {{"bought", false}}).empty());  // required but hidden: waived
  EXPECT_EQ(Problems(def, {{"bought", false}, {"what", "x"}, {"never", "y"}}),
            (Lines{"answers/what: is not shown for these answers", "answers/never: is not shown for these answers"}));
  EXPECT_EQ(Problems(def, {{"bought", true}}), Lines{"answers/what: is required"});
}

TEST(SurveyAnswerTest, PanelVisibilityAppliesToItsQuestions) {
  Definition def = Def({{{"type", "boolean"}, {"name", "b"}},
                        {{"type", "panel"}, {"name", "p"}, {"visibleIf", "{b} = true"},
                         {"elements", {{{"type", "text"}, {"name", "t"}, {"isRequired", true}}}}}});
  EXPECT_TRUE(Problems(def, {{"b", false}}).empty());
  EXPECT_EQ(Problems(def, {{"b", true}}), Lines{"answers/t: is required"});
  EXPECT_EQ(Problems(def, {{"b", false}, {"t", "x"}}), Lines{"answers/t: is not shown for these answers"});
}

TEST(SurveyAnswerTest, RequiredIfAndEnableIfDecideWhatIsRequired) {
  Definition def = Def({{{"type", "rating"}, {"name", "r"}},
                        {{"type", "comment"}, {"name", "why"}, {"requiredIf", "{r} <= 2"}},
                        {{"type", "text"}, {"name", "locked"}, {"isRequired", true}, {"enableIf", "{r} = 5"}},
                        {{"type", "text"}, {"name", "ro"}, {"isRequired", true}, {"readOnly", true}}});
  EXPECT_EQ(Problems(def, {{"r", 1}}), Lines{"answers/why: is required"});
  EXPECT_TRUE(Problems(def, {{"r", 1}, {"why", "rude staff"}}).empty());
  EXPECT_TRUE(Problems(def, {{"r", 3}}).empty());
  EXPECT_EQ(Problems(def, {{"r", 5}}), Lines{"answers/locked: is required"});
}

TEST(SurveyAnswerTest, CompleteTriggerWaivesAndRefusesLaterPages) {
  json pages = {{{"name", "one"}, {"elements", {{{"type", "boolean"}, {"name", "customer"}, {"isRequired", true}}}}},
                {{"name", "two"}, {"elements", {{{"type", "text"}, {"name", "product"}, {"isRequired", true}}}}},
                {{"name", "three"}, {"elements", {{{"type", "comment"}, {"name", "more"}, {"isRequired", true}}}}}};
  auto d = ParseDefinition({{"pages", pages},
                            {"triggers", {{{"type", "complete"}, {"expression", "{customer} = false"}},
                                          {{"type", "complete"}, {"expression", "{product} = 'none'"}}}}});
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_TRUE(Problems(*d, {{"customer", false}}).empty());
  EXPECT_EQ(Problems(*d, {{"customer", false}, {"product", "x"}}),
            Lines{"answers/product: comes after the end of the survey for these answers"});
  EXPECT_TRUE(Problems(*d, {{"customer", true}, {"product", "none"}}).empty());
  EXPECT_EQ(Problems(*d, {{"customer", true}, {"product", "car"}}), Lines{"answers/more: is required"});
}

TEST(SurveyAnswerTest, ValidatorsAreEnforced) {
  Definition def = Def({{{"type", "text"}, {"name", "n"}, {"validators", {{{"type", "numeric"}, {"minValue", 1}, {"maxValue", 3}}}}},
                        {{"type", "comment"}, {"name", "c"}, {"validators", {{{"type", "text"}, {"minLength", 3}}}}},
                        {{"type", "checkbox"}, {"name", "k"}, {"choices", {"a", "b", "c"}},
                         {"validators", {{{"type", "answercount"}, {"maxCount", 1}}}}},
                        {{"type", "text"}, {"name", "m"}, {"validators", {{{"type", "email"}}}}},
                        {{"type", "text"}, {"name", "x"}, {"inputType", "number"},
                         {"validators", {{{"type", "expression"}, {"expression", "{x} > {n}"}}}}}});
  EXPECT_TRUE(Problems(def, {{"n", "2"}, {"c", "abc"}, {"k", {"a"}}, {"m", "a@b.org"}, {"x", 5}}).empty());
  EXPECT_EQ(Problems(def, {{"n", "9"}, {"c", "ab"}, {"k", {"a", "b"}}, {"m", "nope"}, {"x", 1}}),
            (Lines{"answers/n: must be at most 3", "answers/c: must be at least 3 characters",
                   "answers/k: must have at most 1 choices", "answers/m: must be an e-mail address",
                   "answers/x: does not satisfy {x} > {n}"}));
}

TEST(SurveyAnswerTest, MetricScoresAreTakenFromTheMappedQuestions) {
  Definition def = Def({{{"type", "rating"}, {"name", "rec"}, {"rateMin", 0}, {"rateMax", 10}},
                        {{"type", "rating"}, {"name", "sat"}},
                        {{"type", "rating"}, {"name", "effort"}, {"rateMax", 7}},
                        {{"type", "rating"}, {"name", "all"}}});
  auto map = ParseMetricMap({{"nps", "rec"}, {"csat", "sat"}, {"ces", "effort"}, {"overall", "all"}}, def);
  ASSERT_TRUE(map.ok()) << map.error().message;
  auto r = ValidateAnswer(def, *map, {{"rec", 10}, {"sat", 4}, {"effort", 2}});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->nps, 10);
  EXPECT_EQ(r->csat, 4);
  EXPECT_EQ(r->ces, 2);
  EXPECT_FALSE(r->overall.has_value());
}

}  // namespace
}  // namespace hearken::survey
