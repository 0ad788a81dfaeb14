// The subset of SurveyJS expressions Hearken understands (visibleIf,
// enableIf, requiredIf, trigger conditions), parsed once when a survey is
// saved and evaluated on the server against a submitted answer, so that the
// server decides what was shown and required exactly as the form did.
//
// Supported: question values `{name}` (a plain question name only); literals
// (numbers, 'single' or "double" quoted strings, true, false, arrays
// `['a', 'b']`); comparisons `= == != <> < <= > >=` and their word forms
// `equal notequal less greater lessorequal greaterorequal`; `and &&`,
// `or ||`, `not !`; `contains notcontains anyof allof`; postfix `empty` and
// `notempty`; arithmetic `+ - * / %` on numbers; unary minus; parentheses.
// Keywords are case-insensitive, as in SurveyJS. Precedence, loosest first:
// or, and, not, comparison, additive, multiplicative, unary.
//
// Semantics follow SurveyJS: a missing value, null, a blank string, an empty
// array or object is empty. `=` is true for two empty operands and false for
// one; `!=` is its negation (so an unanswered question is "not equal" to 5).
// `< <= > >=`, contains, anyof and allof are false when an operand is empty.
// Two numbers, or a number and a numeric string, compare as numbers; strings
// compare equal case-insensitively after trimming; arrays compare equal as
// sets. contains looks for an item in an array or a substring (ignoring case)
// in a string. Arithmetic on anything but numbers, and division by zero,
// yield empty.
//
// Refused with an error naming the construct: functions (`iif()`, `age()`,
// ...), nested and context values (`{panel.q}`, `{q.length}`, `{row.x}`,
// `{item}` forms with a dot or brackets), variables `{$var}`, and any word or
// character outside the subset.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace hearken::survey {

struct ExpressionNode;  // defined in survey_expression.cc

// A parsed expression. Copies share the immutable tree; a default-constructed
// Expression is empty and evaluates to null.
struct Expression {
  std::string text;  // as written
  std::shared_ptr<const ExpressionNode> root;
};

// Parses `text` in the subset above.
// Errors: InvalidArgument whose message says what is wrong and at which
// character position (0-based), e.g. "expression uses the function iif(),
// which Hearken does not support (at position 0)"; an empty text is refused.
Result<Expression> ParseExpression(std::string_view text);

// The value of `e` for `values` (an object question name -> value; anything
// else counts as no values). Never fails: unknown questions are empty.
nlohmann::json EvaluateExpression(const Expression& e, const nlohmann::json& values);

// True when `e` evaluates to a truthy value: true, a non-zero number, or a
// non-empty string, array or object (empty values and false are not).
bool ExpressionIsTrue(const Expression& e, const nlohmann::json& values);

// The question names `e` reads, each once, in order of first appearance.
std::vector<std::string> ReferencedQuestions(const Expression& e);

// SurveyJS's notion of an unanswered value: null, a string of only
// whitespace, an empty array or object. Shared with answer validation.
bool IsEmptyValue(const nlohmann::json& value);

}  // namespace hearken::survey
