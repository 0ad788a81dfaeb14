#include "core/survey/survey_expression.h"

#include <gtest/gtest.h>

namespace hearken::survey {
namespace {

using nlohmann::json;

json Eval(const std::string& text, const json& values = json::object()) {
  auto e = ParseExpression(text);
  EXPECT_TRUE(e.ok()) << text << ": " << (e.ok() ? "" : e.error().message);
  return e.ok() ? EvaluateExpression(*e, values) : json("parse failed");
}

bool True(const std::string& text, const json& values = json::object()) {
  auto e = ParseExpression(text);
  EXPECT_TRUE(e.ok()) << text << ": " << (e.ok() ? "" : e.error().message);
  return e.ok() && ExpressionIsTrue(*e, values);
}

std::string Refusal(const std::string& text) {
  auto e = ParseExpression(text);
  EXPECT_FALSE(e.ok()) << text;
  if (e.ok()) return "";
  EXPECT_EQ(e.error().code, ErrorCode::kInvalidArgument);
  return e.error().message;
}

TEST(SurveyExpressionTest, LiteralsEvaluateToTheirValues) {
  EXPECT_EQ(Eval("42"), json(42));
  EXPECT_EQ(Eval("2.5"), json(2.5));
  EXPECT_EQ(Eval("'single'"), json("single"));
  EXPECT_EQ(Eval("\"double\""), json("double"));
  EXPECT_EQ(Eval("'it\\'s'"), json("it's"));
  EXPECT_EQ(Eval("true"), json(true));
  EXPECT_EQ(Eval("FALSE"), json(false));
  EXPECT_EQ(Eval("['a', 'b', 3]"), json({"a", "b", 3}));
  EXPECT_EQ(Eval("[]"), json::array());
}

TEST(SurveyExpressionTest, VariablesReadQuestionValuesAndMissingOnesAreEmpty) {
  json v = {{"q", 7}, {"my question", "x"}};
  EXPECT_EQ(Eval("{q}", v), json(7));
  EXPECT_EQ(Eval("{ my question }", v), json("x"));
  EXPECT_TRUE(Eval("{nothing}", v).is_null());
  EXPECT_TRUE(Eval("{q}", json::array()).is_null());
}

TEST(SurveyExpressionTest, EveryComparisonOperatorAndItsWordForm) {
  json v = {{"n", 5}};
  for (auto eq : {"=", "==", "equal"}) EXPECT_TRUE(True(std::string("{n} ") + eq + " 5", v)) << eq;
  for (auto ne : {"!=", "<>", "notequal"}) {
    EXPECT_TRUE(True(std::string("{n} ") + ne + " 4", v)) << ne;
    EXPECT_FALSE(True(std::string("{n} ") + ne + " 5", v)) << ne;
  }
  for (auto lt : {"<", "less"}) EXPECT_TRUE(True(std::string("{n} ") + lt + " 6", v)) << lt;
  for (auto le : {"<=", "lessorequal"}) EXPECT_TRUE(True(std::string("{n} ") + le + " 5", v)) << le;
  for (auto gt : {">", "greater"}) EXPECT_FALSE(True(std::string("{n} ") + gt + " 5", v)) << gt;
  for (auto ge : {">=", "greaterorequal"}) EXPECT_TRUE(True(std::string("{n} ") + ge + " 5", v)) << ge;
}

TEST(SurveyExpressionTest, NumbersAndNumericTextsCompareAsNumbers) {
  EXPECT_TRUE(True("{q} = 5", {{"q", "5"}}));
  EXPECT_TRUE(True("{q} = '5.0'", {{"q", 5}}));
  EXPECT_TRUE(True("{q} > 9", {{"q", "10"}}));
  EXPECT_TRUE(True("'abc' < 'abd'"));
  EXPECT_FALSE(True("{q} < 3", {{"q", "abc"}}));
}

TEST(SurveyExpressionTest, TextsCompareEqualIgnoringCaseAndSurroundingSpace) {
  EXPECT_TRUE(True("{q} = 'yes'", {{"q", " Yes "}}));
  EXPECT_FALSE(True("{q} = 'yes'", {{"q", "no"}}));
  EXPECT_TRUE(True("{b} = 'true'", {{"b", true}}));
  EXPECT_TRUE(True("{b} = true", {{"b", true}}));
  EXPECT_TRUE(True("{a} = ['x', 'y']", {{"a", {"y", "x"}}}));
}

TEST(SurveyExpressionTest, EmptyValuesFollowSurveyJs) {
  json v = {{"blank", "  "}, {"none", json::array()}, {"obj", json::object()}, {"zero", 0}, {"no", false}};
  for (auto name : {"missing", "blank", "none", "obj"}) {
    std::string q = std::string("{") + name + "}";
    EXPECT_TRUE(True(q + " empty", v)) << name;
    EXPECT_FALSE(True(q + " notempty", v)) << name;
    EXPECT_FALSE(True(q + " < 5", v)) << name;
    EXPECT_FALSE(True(q + " >= 0", v)) << name;
    EXPECT_FALSE(True(q + " = 5", v)) << name;
    EXPECT_TRUE(True(q + " != 5", v)) << name;  // SurveyJS: notequal is the negation of equal
    EXPECT_TRUE(True(q + " = ''", v)) << name;  // two empty operands are equal
    EXPECT_FALSE(True(q + " contains 'a'", v)) << name;
    EXPECT_FALSE(True(q + " anyof ['a']", v)) << name;
    EXPECT_FALSE(True(q + " allof ['a']", v)) << name;
    EXPECT_TRUE(True(q + " notcontains 'a'", v)) << name;
    EXPECT_FALSE(True(q, v)) << name;
  }
  EXPECT_TRUE(True("{zero} notempty", v));
  EXPECT_TRUE(True("{no} notempty", v));
  EXPECT_TRUE(True("{zero} = 0", v));
  EXPECT_FALSE(True("{zero}", v));
  EXPECT_TRUE(IsEmptyValue(json()));
  EXPECT_FALSE(IsEmptyValue(json(0)));
}

TEST(SurveyExpressionTest, ContainsWorksOnArraysAndTexts) {
  json v = {{"c", {"a", "b", 3}}, {"t", "Very Good service"}};
  EXPECT_TRUE(True("{c} contains 'a'", v));
  EXPECT_TRUE(True("{c} contains 3", v));
  EXPECT_TRUE(True("{c} contains '3'", v));
  EXPECT_FALSE(True("{c} contains 'z'", v));
  EXPECT_TRUE(True("{c} contains ['a', 'b']", v));
  EXPECT_FALSE(True("{c} contains ['a', 'z']", v));
  EXPECT_TRUE(True("{c} notcontains 'z'", v));
  EXPECT_FALSE(True("{c} notcontains 'a'", v));
  EXPECT_TRUE(True("{t} contains 'good'", v));
  EXPECT_TRUE(True("{t} notcontains 'bad'", v));
}

TEST(SurveyExpressionTest, AnyOfAndAllOfTakeArrayOperands) {
  json v = {{"c", {"a", "b"}}, {"r", "b"}};
  EXPECT_TRUE(True("{c} anyof ['b', 'z']", v));
  EXPECT_FALSE(True("{c} anyof ['y', 'z']", v));
  EXPECT_TRUE(True("{r} anyof ['b', 'z']", v));
  EXPECT_FALSE(True("{r} anyof ['y', 'z']", v));
  EXPECT_TRUE(True("{c} allof ['a', 'b']", v));
  EXPECT_FALSE(True("{c} allof ['a', 'z']", v));
  EXPECT_TRUE(True("{r} allof ['b']", v));
  EXPECT_FALSE(True("{c} anyof []", v));
}

TEST(SurveyExpressionTest, LogicalOperatorsAndTheirSymbols) {
  json v = {{"a", 1}, {"b", 2}};
  EXPECT_TRUE(True("{a} = 1 and {b} = 2", v));
  EXPECT_TRUE(True("{a} = 1 && {b} = 2", v));
  EXPECT_FALSE(True("{a} = 1 AND {b} = 3", v));
  EXPECT_TRUE(True("{a} = 9 or {b} = 2", v));
  EXPECT_TRUE(True("{a} = 9 || {b} = 2", v));
  EXPECT_FALSE(True("{a} = 9 or {b} = 9", v));
  EXPECT_TRUE(True("not {a} = 2", v));
  EXPECT_TRUE(True("!({a} = 2)", v));
  EXPECT_FALSE(True("!{a}", v));
  EXPECT_EQ(Eval("{a} = 1 and {b}", v), json(true));
}

TEST(SurveyExpressionTest, PrecedenceIsOrAndNotComparisonAdditiveMultiplicativeUnary) {
  json v = {{"a", 1}, {"b", 2}};
  EXPECT_TRUE(True("{a} = 9 and {b} = 9 or {a} = 1", v));   // (false and false) or true
  EXPECT_FALSE(True("{a} = 9 and ({b} = 9 or {a} = 1)", v));
  EXPECT_TRUE(True("not {a} = 9 and {b} = 2", v));          // (not (a = 9)) and (b = 2)
  EXPECT_EQ(Eval("1 + 2 * 3"), json(7));
  EXPECT_EQ(Eval("(1 + 2) * 3"), json(9));
  EXPECT_EQ(Eval("-2 * -3"), json(6));
  EXPECT_EQ(Eval("10 - 4 - 3"), json(3));
  EXPECT_TRUE(True("{a} + {b} * 2 = 5", v));
}

TEST(SurveyExpressionTest, ArithmeticOnNumbersAndEmptyOtherwise) {
  json v = {{"a", 7}, {"s", "3"}, {"t", "x"}};
  EXPECT_EQ(Eval("{a} + 1", v), json(8));
  EXPECT_EQ(Eval("{a} - {s}", v), json(4));
  EXPECT_EQ(Eval("{a} * 2", v), json(14));
  EXPECT_EQ(Eval("{a} / 2", v), json(3.5));
  EXPECT_EQ(Eval("{a} % 4", v), json(3));
  EXPECT_TRUE(Eval("{a} / 0", v).is_null());
  EXPECT_TRUE(Eval("{a} % 0", v).is_null());
  EXPECT_TRUE(Eval("{a} + {t}", v).is_null());
  EXPECT_TRUE(Eval("{missing} + 1", v).is_null());
  EXPECT_FALSE(True("{missing} + 1 > 0", v));
}

TEST(SurveyExpressionTest, ReferencedQuestionsAreListedOnceInOrder) {
  auto e = ParseExpression("{b} > 1 and ({a} = 2 or {b} empty) and {c-Comment} notempty");
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(ReferencedQuestions(*e), (std::vector<std::string>{"b", "a", "c-Comment"}));
  EXPECT_TRUE(ReferencedQuestions(*ParseExpression("1 = 1")).empty());
  EXPECT_EQ(ParseExpression("{x} = 1")->text, "{x} = 1");
  EXPECT_TRUE(EvaluateExpression(Expression{}, json::object()).is_null());
}

TEST(SurveyExpressionTest, FunctionsAreRefusedByName) {
  EXPECT_EQ(Refusal("iif({a} > 1, 'x', 'y')"),
            "expression uses the function iif(), which Hearken does not support (at position 0)");
  EXPECT_NE(Refusal("age({birth}) >= 18").find("the function age()"), std::string::npos);
  EXPECT_NE(Refusal("{a} = 1 and today () > 2").find("today()"), std::string::npos);
}

TEST(SurveyExpressionTest, NestedContextAndSpecialVariablesAreRefusedByName) {
  EXPECT_NE(Refusal("{panel.q} = 1").find("{panel.q}"), std::string::npos);
  EXPECT_NE(Refusal("{q.length} > 2").find("{q.length}"), std::string::npos);
  EXPECT_NE(Refusal("{row.x} = 1").find("{row.x}"), std::string::npos);
  EXPECT_NE(Refusal("{m[0]} = 1").find("{m[0]}"), std::string::npos);
  std::string var = Refusal("{$var} = 1");
  EXPECT_NE(var.find("the variable {$var}"), std::string::npos) << var;
  EXPECT_NE(Refusal("{a} = 1 and {$x} = 2").find("(at position 12)"), std::string::npos);
}

TEST(SurveyExpressionTest, UnknownWordsCharactersAndSyntaxErrorsAreRefused) {
  EXPECT_NE(Refusal("{a} = yes").find("the word 'yes'"), std::string::npos);
  EXPECT_NE(Refusal("{a} ? 1 : 2").find("the character '?'"), std::string::npos);
  EXPECT_NE(Refusal("{a} = 'open").find("closing quote"), std::string::npos);
  EXPECT_NE(Refusal("({a} = 1").find("closing ')'"), std::string::npos);
  EXPECT_NE(Refusal("{a} =").find("ends too early"), std::string::npos);
  EXPECT_NE(Refusal("{a").find("closing '}'"), std::string::npos);
  EXPECT_NE(Refusal("{} = 1").find("empty question reference"), std::string::npos);
  EXPECT_NE(Refusal("1 < {a} < 3").find("chained"), std::string::npos);
  EXPECT_NE(Refusal("['a' 'b']").find("array"), std::string::npos);
  EXPECT_NE(Refusal("{a} = 1 )").find("unexpected ')'"), std::string::npos);
  EXPECT_EQ(Refusal("   "), "expression is empty");
}

}  // namespace
}  // namespace hearken::survey
