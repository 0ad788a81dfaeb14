#include "core/survey/survey_definition.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace hearken::survey {
namespace {

using nlohmann::json;

std::string NpsText() {
  std::ifstream in(std::string(HEARKEN_SURVEY_TESTDATA) + "/surveyjs_nps_survey.json");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

json OnePage(json elements) { return {{"pages", {{{"name", "p"}, {"elements", std::move(elements)}}}}}; }

Definition Parse(const json& j) {
  auto d = ParseDefinition(j);
  EXPECT_TRUE(d.ok()) << (d.ok() ? "" : d.error().message);
  return d.ok() ? std::move(*d) : Definition{};
}

// The field and message of a refused definition.
FieldError Refusal(const json& j) {
  auto d = ParseDefinition(j);
  EXPECT_FALSE(d.ok()) << j.dump();
  if (d.ok()) return {};
  EXPECT_EQ(d.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(d.error().fields.size(), 1u);
  return d.error().fields.at(0);
}

TEST(SurveyDefinitionTest, SurveyJsNpsExampleIsFlattened) {
  auto d = ParseDefinitionText(NpsText());
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(d->default_title, "Net Promoter Score");
  EXPECT_EQ(d->page_names, (std::vector<std::string>{"score", "followUp"}));
  EXPECT_EQ(d->locales, (std::vector<std::string>{""}));
  ASSERT_EQ(d->questions.size(), 2u);
  const Question& nps = d->questions[0];
  EXPECT_EQ(nps.name, "nps");
  EXPECT_EQ(nps.type, "rating");
  EXPECT_EQ(nps.path, "pages/0/elements/0");
  EXPECT_EQ(nps.page, "score");
  EXPECT_TRUE(nps.required);
  EXPECT_EQ(nps.rate_min, 0);
  EXPECT_EQ(nps.rate_max, 10);
  EXPECT_EQ(nps.rate_values.size(), 11u);
  EXPECT_TRUE(nps.is_integer_scale());
  EXPECT_TRUE(nps.is_input());
  EXPECT_EQ(nps.titles.at(""), "How likely are you to recommend us?");
  const Question* reason = d->Find("reason");
  ASSERT_NE(reason, nullptr);
  EXPECT_EQ(reason->page_index, 1);
  EXPECT_TRUE(reason->visible);  // "visible": false is replaced by the visibleIf
  ASSERT_TRUE(reason->visible_if.has_value());
  EXPECT_EQ(reason->visible_if->text, "{nps} < 7");
  ASSERT_EQ(d->complete_triggers.size(), 1u);
  EXPECT_EQ(d->complete_triggers[0].page_index, 0);
  EXPECT_EQ(d->Find("nothing"), nullptr);
}

TEST(SurveyDefinitionTest, NotJsonIsAnInvalidDefinition) {
  auto d = ParseDefinitionText("{\"pages\": [");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().fields.at(0).field, "definition");
  EXPECT_EQ(Refusal(json::array()).field, "definition");
}

TEST(SurveyDefinitionTest, SchemaErrorsComeFirst) {
  EXPECT_EQ(Refusal(OnePage({{{"type", "rating"}, {"name", "r"}, {"rateMax", "x"}}})).field,
            "definition/pages/0/elements/0/rateMax");
}

TEST(SurveyDefinitionTest, PanelsAreFlattenedAndTheirConditionsCombined) {
  json panel = {{"type", "panel"}, {"name", "p1"}, {"visibleIf", "{a} = 1"}, {"enableIf", "{a} notempty"},
                {"readOnly", true},
                {"elements", {{{"type", "text"}, {"name", "b"}, {"visibleIf", "{a} > 0"}},
                              {{"type", "panel"}, {"name", "p2"}, {"visible", false},
                               {"elements", {{{"type", "comment"}, {"name", "c"}}}}}}}};
  json page = {{"name", "one"}, {"visibleIf", "{a} < 5"}, {"elements", {{{"type", "rating"}, {"name", "a"}}, panel}}};
  Definition d = Parse({{"pages", {page}}});
  ASSERT_EQ(d.questions.size(), 3u);
  const Question& b = *d.Find("b");
  EXPECT_EQ(b.path, "pages/0/elements/1/elements/0");
  EXPECT_EQ(b.visible_if->text, "(({a} < 5) and ({a} = 1)) and ({a} > 0)");
  EXPECT_EQ(b.enable_if->text, "{a} notempty");
  EXPECT_TRUE(b.read_only);
  EXPECT_TRUE(ExpressionIsTrue(*b.visible_if, {{"a", 1}}));
  EXPECT_FALSE(ExpressionIsTrue(*b.visible_if, {{"a", 2}}));
  const Question& c = *d.Find("c");
  EXPECT_FALSE(c.visible);  // hidden panel without a visibleIf
  EXPECT_TRUE(d.Find("a")->visible_if.has_value());
  EXPECT_FALSE(d.Find("a")->read_only);
}

TEST(SurveyDefinitionTest, DisplayElementsAreSkippedAndTopLevelElementsFormOnePage) {
  Definition d = Parse({{"elements", {{{"type", "html"}, {"name", "intro"}, {"html", "<p>Hi</p>"}},
                                      {{"type", "image"}, {"name", "logo"}},
                                      {{"type", "boolean"}, {"name", "ok"}}}}});
  ASSERT_EQ(d.questions.size(), 1u);
  EXPECT_EQ(d.questions[0].path, "elements/2");
  EXPECT_EQ(d.page_names, (std::vector<std::string>{"page1"}));
}

TEST(SurveyDefinitionTest, QuestionNamesMustBePresentUniqueAndPlain) {
  EXPECT_EQ(Refusal(OnePage({{{"type", "text"}, {"name", "a"}}, {{"type", "text"}, {"name", "a"}}})).field,
            "definition/pages/0/elements/1/name");
  EXPECT_EQ(Refusal(OnePage({{{"type", "text"}, {"name", " "}}})).field, "definition/pages/0/elements/0/name");
  EXPECT_EQ(Refusal(OnePage({{{"type", "text"}, {"name", "a.b"}}})).field, "definition/pages/0/elements/0/name");
  EXPECT_EQ(Refusal(OnePage({{{"type", "html"}, {"name", "h"}}})).field, "definition/pages");
}

TEST(SurveyDefinitionTest, UnsupportedQuestionTypesAreRefusedNamingThePath) {
  for (auto type : {"matrix", "matrixdropdown", "matrixdynamic", "paneldynamic", "multipletext", "file",
                    "signaturepad", "expression", "imagepicker", "my-widget"}) {
    json element = {{"type", type}, {"name", "x"}};
    if (std::string(type) == "multipletext") element["items"] = {{{"name", "i"}}};  // the schema requires items
    FieldError f = Refusal(OnePage({{{"type", "text"}, {"name", "ok"}}, element}));
    EXPECT_EQ(f.field, "definition/pages/0/elements/1/type") << type;
    EXPECT_EQ(f.message, std::string("question type ") + type + " is not supported yet");
  }
}

TEST(SurveyDefinitionTest, ExpressionsAreParsedAndRefusedNamingTheProperty) {
  FieldError f = Refusal(OnePage({{{"type", "text"}, {"name", "a"}}, {{"type", "text"}, {"name", "b"}, {"visibleIf", "iif({a}, 1, 2)"}}}));
  EXPECT_EQ(f.field, "definition/pages/0/elements/1/visibleIf");
  EXPECT_NE(f.message.find("iif()"), std::string::npos);
  EXPECT_EQ(Refusal(OnePage({{{"type", "text"}, {"name", "a"}, {"requiredIf", "{a.b} = 1"}}})).field,
            "definition/pages/0/elements/0/requiredIf");
  f = Refusal(OnePage({{{"type", "text"}, {"name", "a"}, {"enableIf", "{zzz} = 1"}}}));
  EXPECT_EQ(f.field, "definition/pages/0/elements/0/enableIf");
  EXPECT_EQ(f.message, "refers to {zzz}, which is no question of this survey");
  EXPECT_EQ(Refusal({{"pages", {{{"visibleIf", "{$v} = 1"}, {"elements", {{{"type", "text"}, {"name", "a"}}}}}}}}).field,
            "definition/pages/0/visibleIf");
}

TEST(SurveyDefinitionTest, OtherExpressionValuedPropertiesAreRefused) {
  for (auto key : {"defaultValueExpression", "setValueIf", "setValueExpression", "resetValueIf", "choicesVisibleIf",
                   "choicesEnableIf", "minValueExpression"}) {
    json q = {{"type", "dropdown"}, {"name", "d"}, {"choices", {"a"}}, {key, "{d} = 'a'"}};
    FieldError f = Refusal(OnePage({q}));
    EXPECT_EQ(f.field, std::string("definition/pages/0/elements/0/") + key);
    EXPECT_NE(f.message.find("is not supported"), std::string::npos);
  }
  json choice_if = {{"type", "radiogroup"}, {"name", "r"}, {"choices", {{{"value", "a"}, {"visibleIf", "{r} = 1"}}}}};
  EXPECT_EQ(Refusal(OnePage({choice_if})).field, "definition/pages/0/elements/0/choices/0/visibleIf");
  json calculated = OnePage({{{"type", "text"}, {"name", "a"}}});
  calculated["calculatedValues"] = {{{"name", "x"}, {"expression", "{a} + 1"}}};
  EXPECT_EQ(Refusal(calculated).field, "definition/calculatedValues");
  json regex_ok = {{"type", "text"}, {"name", "t"}, {"validators", {{{"type", "regex"}, {"regex", "^a"}}}}};
  EXPECT_TRUE(ParseDefinition(OnePage({regex_ok})).ok());
  json bad_validator = {{"type", "text"}, {"name", "t"}, {"validators", {{{"type", "expression"}, {"expression", "age({t})"}}}}};
  EXPECT_EQ(Refusal(OnePage({bad_validator})).field, "definition/pages/0/elements/0/validators/0/expression");
}

TEST(SurveyDefinitionTest, FeaturesTheServerCannotCheckAreRefused) {
  EXPECT_EQ(Refusal(OnePage({{{"type", "text"}, {"name", "a"}, {"valueName", "shared"}}})).field,
            "definition/pages/0/elements/0/valueName");
  json by_url = {{"type", "dropdown"}, {"name", "d"}, {"choicesByUrl", {{"url", "https://example.org/c"}}}};
  EXPECT_EQ(Refusal(OnePage({by_url})).field, "definition/pages/0/elements/0/choicesByUrl");
  json required_panel = {{"type", "panel"}, {"name", "p"}, {"isRequired", true}, {"elements", {{{"type", "text"}, {"name", "a"}}}}};
  EXPECT_EQ(Refusal(OnePage({required_panel})).field, "definition/pages/0/elements/0/isRequired");
}

TEST(SurveyDefinitionTest, OnlyCompleteTriggersReferringToQuestionsAreSupported) {
  json d = OnePage({{{"type", "text"}, {"name", "a"}}});
  d["triggers"] = {{{"type", "skip"}, {"expression", "{a} = 1"}, {"gotoName", "a"}}};
  EXPECT_EQ(Refusal(d).field, "definition/triggers/0/type");
  d["triggers"] = {{{"type", "complete"}, {"expression", "1 = 1"}}};
  EXPECT_EQ(Refusal(d).field, "definition/triggers/0/expression");
  d["triggers"] = {{{"type", "complete"}}};
  EXPECT_EQ(Refusal(d).field, "definition/triggers/0/expression");
  d["triggers"] = {{{"type", "complete"}, {"expression", "{b} = 1"}}};
  EXPECT_EQ(Refusal(d).message, "refers to {b}, which is no question of this survey");
}

TEST(SurveyDefinitionTest, CompleteTriggerEndsAfterThePageOfItsLatestQuestion) {
  json d = {{"pages", {{{"elements", {{{"type", "text"}, {"name", "a"}}}}},
                       {{"elements", {{{"type", "text"}, {"name", "b"}}}}},
                       {{"elements", {{{"type", "text"}, {"name", "c"}}}}}}},
            {"triggers", {{{"type", "complete"}, {"expression", "{a} = 1 and {b} = 2"}}}}};
  Definition def = Parse(d);
  EXPECT_EQ(def.page_names, (std::vector<std::string>{"page1", "page2", "page3"}));
  ASSERT_EQ(def.complete_triggers.size(), 1u);
  EXPECT_EQ(def.complete_triggers[0].page_index, 1);
}

TEST(SurveyDefinitionTest, LocalesComeFromTheSurveyLocaleAndEveryLocalisedText) {
  json d = OnePage({{{"type", "radiogroup"}, {"name", "r"}, {"title", {{"default", "Colour?"}, {"de", "Farbe?"}}},
                     {"choices", {{{"value", "red"}, {"text", {{"default", "Red"}, {"fr", "Rouge"}, {"pt-br", "Vermelho"}}}}}}}});
  d["locale"] = "nl";
  Definition def = Parse(d);
  EXPECT_EQ(def.locales, (std::vector<std::string>{"", "de", "fr", "nl", "pt-br"}));
  const Question& r = def.questions[0];
  EXPECT_EQ(r.titles.at(""), "Colour?");
  EXPECT_EQ(r.titles.at("de"), "Farbe?");
  EXPECT_EQ(r.choice_texts.at("red").at("fr"), "Rouge");
  EXPECT_EQ(LocalizedText(d["pages"][0]["elements"][0]["title"], "de"), "Farbe?");
  EXPECT_EQ(LocalizedText(d["pages"][0]["elements"][0]["title"], "it"), "Colour?");
  EXPECT_EQ(LocalizedText("plain"), "plain");
}

TEST(SurveyDefinitionTest, TitleFallsBackToTheName) {
  Definition def = Parse(OnePage({{{"type", "text"}, {"name", "email"}}}));
  EXPECT_EQ(def.questions[0].titles.at(""), "email");
  EXPECT_EQ(def.default_title, "");
}

TEST(SurveyDefinitionTest, RatingDefaultsCountStepAndExplicitValues) {
  Definition def = Parse(OnePage({{{"type", "rating"}, {"name", "plain"}},
                                  {{"type", "rating"}, {"name", "counted"}, {"rateCount", 7}},
                                  {{"type", "rating"}, {"name", "stepped"}, {"rateMin", 0}, {"rateMax", 100}, {"rateStep", 25}},
                                  {{"type", "rating"}, {"name", "listed"}, {"rateValues", {1, {{"value", 2}, {"text", "ok"}}, 3}}},
                                  {{"type", "rating"}, {"name", "words"}, {"rateValues", {"low", "high"}}}}));
  const Question& plain = *def.Find("plain");
  EXPECT_EQ(plain.rate_min, 1);
  EXPECT_EQ(plain.rate_max, 5);
  EXPECT_EQ(plain.rate_values, (std::vector<json>{1, 2, 3, 4, 5}));
  EXPECT_EQ(def.Find("counted")->rate_max, 7);
  EXPECT_EQ(def.Find("stepped")->rate_values, (std::vector<json>{0, 25, 50, 75, 100}));
  EXPECT_FALSE(def.Find("stepped")->is_integer_scale());
  const Question& listed = *def.Find("listed");
  EXPECT_EQ(listed.rate_values, (std::vector<json>{1, 2, 3}));
  EXPECT_TRUE(listed.is_integer_scale());
  EXPECT_EQ(listed.choice_texts.at("2").at(""), "ok");
  EXPECT_FALSE(def.Find("words")->is_integer_scale());
}

TEST(SurveyDefinitionTest, InconsistentRatingRangesAreRefused) {
  EXPECT_EQ(Refusal(OnePage({{{"type", "rating"}, {"name", "r"}, {"rateMin", 5}, {"rateMax", 1}}})).field,
            "definition/pages/0/elements/0/rateMax");
  EXPECT_EQ(Refusal(OnePage({{{"type", "rating"}, {"name", "r"}, {"rateMin", 0}, {"rateMax", 10}, {"rateCount", 5}}})).field,
            "definition/pages/0/elements/0/rateCount");
  EXPECT_EQ(Refusal(OnePage({{{"type", "rating"}, {"name", "r"}, {"rateStep", 0}}})).field,
            "definition/pages/0/elements/0/rateStep");
  EXPECT_EQ(Refusal(OnePage({{{"type", "rating"}, {"name", "r"}, {"rateMin", 1.5}}})).field,
            "definition/pages/0/elements/0/rateMin");
  EXPECT_EQ(Refusal(OnePage({{{"type", "rating"}, {"name", "r"}, {"rateValues", {1, 1}}}})).field,
            "definition/pages/0/elements/0/rateValues/1");
}

TEST(SurveyDefinitionTest, ChoicesMayBeTextsNumbersOrValueTextObjects) {
  json q = {{"type", "checkbox"}, {"name", "c"}, {"choices", {"a", 2, {{"value", "b"}, {"text", "Bee"}}}},
            {"showOtherItem", true}, {"hasNone", true}, {"showCommentArea", true}, {"showDontKnowItem", true},
            {"minSelectedChoices", 1}, {"maxSelectedChoices", 2}};
  Definition def = Parse(OnePage({q, {{"type", "dropdown"}, {"name", "d"}, {"choicesMin", 1}, {"choicesMax", 3}}}));
  const Question& c = *def.Find("c");
  EXPECT_EQ(c.choices, (std::vector<json>{"a", 2, "b", "dontknow"}));
  EXPECT_EQ(c.choice_texts.at("b").at(""), "Bee");
  EXPECT_EQ(c.choice_texts.at("2").at(""), "2");
  EXPECT_TRUE(c.has_other);
  EXPECT_TRUE(c.has_none);
  EXPECT_TRUE(c.has_comment);
  EXPECT_EQ(c.min_select, 1);
  EXPECT_EQ(c.max_select, 2);
  EXPECT_EQ(def.Find("d")->choices, (std::vector<json>{1, 2, 3}));
  EXPECT_EQ(Refusal(OnePage({{{"type", "radiogroup"}, {"name", "r"}, {"choices", {"a", "a"}}}})).field,
            "definition/pages/0/elements/0/choices/1");
  EXPECT_EQ(Refusal(OnePage({{{"type", "radiogroup"}, {"name", "r"}}})).field, "definition/pages/0/elements/0/choices");
}

TEST(SurveyDefinitionTest, TextLimitsAndBooleanValuesAreRead) {
  Definition def = Parse(OnePage({{{"type", "text"}, {"name", "n"}, {"inputType", "number"}, {"min", 0}, {"max", "10"}},
                                  {{"type", "comment"}, {"name", "c"}, {"maxLength", 50}},
                                  {{"type", "boolean"}, {"name", "b"}, {"valueTrue", "Yes"}, {"valueFalse", "No"}}}));
  const Question& n = *def.Find("n");
  EXPECT_EQ(n.input_type, "number");
  EXPECT_EQ(n.min, 0.0);
  EXPECT_EQ(n.max, 10.0);
  EXPECT_EQ(def.Find("c")->max_length, 50u);
  EXPECT_EQ(def.Find("b")->value_true, json("Yes"));
  EXPECT_EQ(Refusal(OnePage({{{"type", "text"}, {"name", "n"}, {"inputType", "number"}, {"min", "x"}}})).field,
            "definition/pages/0/elements/0/min");
}

}  // namespace
}  // namespace hearken::survey
