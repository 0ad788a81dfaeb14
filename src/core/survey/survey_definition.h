// A survey version as Hearken understands it: the SurveyJS definition the
// form library renders, checked against the SurveyJS schema and against what
// Hearken supports, and flattened into the list of questions that answer
// validation, metrics and analysis work on.
//
// Supported input question types: rating (also the NPS form, rateMin 0 to
// rateMax 10), radiogroup, checkbox, dropdown, tagbox, boolean, text,
// comment, ranking. Display-only elements (html, image, empty) are accepted
// and skipped. Panels are flattened: their visibility, enableIf and
// read-only state apply to the questions inside. Every other element type,
// and every expression outside the subset of survey_expression.h, is
// refused when the survey is saved, naming the path of the offending
// property, so that nothing the form would do goes unchecked by the server.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "core/survey/survey_expression.h"

namespace hearken::survey {

// Strings longer than this are refused in answers, whatever maxLength says.
inline constexpr size_t kMaxAnswerTextBytes = 10000;
// A rating or generated choice list may hold at most this many values.
inline constexpr size_t kMaxGeneratedValues = 1000;

// A validator of a question (SurveyJS `validators`) that the server enforces
// as well: numeric (min/max of the value), text (min/max length in
// characters), answercount (min/max number of selected items), email, and
// expression (must be true when the question is answered). Regex validators
// are accepted and left to the form, which runs them in the browser.
struct QuestionValidator {
  std::string type;
  std::optional<double> min, max;
  std::optional<Expression> expression;
};

struct Question {
  std::string name;
  std::string type;  // SurveyJS type name
  std::string page;  // name of the page holding it
  int page_index = 0;
  std::string path;  // JSON pointer within the definition, "pages/0/elements/1"
  std::map<std::string, std::string> titles;  // locale ("" = default) -> text; falls back to the name
  bool required = false;  // isRequired
  // False only when the question or a panel or page around it is hidden
  // without a visibleIf: SurveyJS replaces `visible` by visibleIf's result,
  // so an element with both is governed by visibleIf alone.
  bool visible = true;
  // visibleIf and enableIf of the question combined (and) with those of the
  // panels and page around it; requiredIf of the question.
  std::optional<Expression> visible_if, enable_if, required_if;
  bool read_only = false;  // the question, or a panel or page around it
  // Rating: the range and the allowed values, explicit (rateValues) or
  // generated from rate_min to rate_max by rate_step.
  int rate_min = 1, rate_max = 5;
  double rate_step = 1;
  std::vector<nlohmann::json> rate_values;
  // Choice questions: the allowed values (not texts), including generated
  // dropdown numbers and the refuse/don't-know items when shown; texts per
  // value (key: the string value, or the JSON text of another value) and
  // locale.
  std::vector<nlohmann::json> choices;
  std::map<std::string, std::map<std::string, std::string>> choice_texts;
  bool has_other = false;    // hasOther / showOtherItem: value "other", text in "<name>-Comment"
  bool has_none = false;     // hasNone / showNoneItem: value "none", alone
  bool has_comment = false;  // hasComment / showCommentArea: "<name>-Comment"
  bool select_to_rank = false;  // ranking: selectToRankEnabled (a subset may be ranked)
  // Boolean: the values stored for yes and no.
  nlohmann::json value_true = true, value_false = false;
  std::string input_type;  // text: SurveyJS inputType ("" = text)
  std::optional<double> min, max;  // text with inputType number or range
  std::optional<size_t> max_length;  // text, comment: characters
  std::optional<int> min_select, max_select;  // checkbox, tagbox
  std::vector<QuestionValidator> validators;

  // True for types that hold an answer (every question in Definition).
  bool is_input() const;
  // True for a rating whose values are the integers rate_min..rate_max.
  bool is_integer_scale() const;
};

struct Definition {
  nlohmann::json json;  // the definition as given
  std::string default_title;  // survey title in the default locale ("" if none)
  std::vector<std::string> locales;  // "" (default) first, then sorted locale codes
  std::vector<Question> questions;  // input questions only, in page order
  // A complete trigger: when `expression` is true the survey ends after
  // page `page_index` (the page of the latest question it refers to).
  struct CompleteTrigger {
    Expression expression;
    int page_index = 0;
  };
  std::vector<CompleteTrigger> complete_triggers;
  std::vector<std::string> page_names;  // "page1", ... where a page has no name

  // The question called `name`, or null.
  const Question* Find(std::string_view name) const;
};

// Checks `definition` (ValidateAgainstSurveyJsSchema, then Hearken's rules)
// and flattens it. Rules: at least one input question; question names
// non-empty and unique; supported element and trigger types only; every
// expression property parsed (visibleIf, enableIf, requiredIf, trigger and
// expression-validator `expression`) and refers only to questions of the
// survey; other expression-valued properties (defaultValueExpression,
// setValueIf, choicesVisibleIf, calculatedValues, ...) and features the
// server cannot check (valueName, choicesByUrl, choicesFromQuestion) are
// refused; rating ranges consistent (rateCount fits rateMin..rateMax by
// rateStep).
// Errors: InvalidField whose field is "definition/<JSON pointer>" of the
// offending value and whose message says why (for example
// "definition/pages/0/elements/2/type": "question type matrixdynamic is not
// supported yet"); Internal only if the embedded schema is broken.
Result<Definition> ParseDefinition(const nlohmann::json& definition);

// ParseDefinition of a JSON text.
// Errors: InvalidField "definition" when `text` is not JSON (the message
// gives the parser's position), otherwise as ParseDefinition.
Result<Definition> ParseDefinitionText(const std::string& text);

// The text of a localisable SurveyJS string (a string, or an object locale
// -> text with "default") for `locale`, falling back to the default; "" if
// neither exists.
std::string LocalizedText(const nlohmann::json& value, const std::string& locale = "");

}  // namespace hearken::survey
