// Server-side validation of one complete survey answer against the survey
// version it answers, so that what is stored is what the form could have
// produced: known questions only, values of the right kind and range, shown
// questions only, required questions answered. The metric scores of the
// version's metric map are taken out on the way.
#pragma once

#include <optional>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "core/survey/survey_definition.h"
#include "core/survey/survey_metrics.h"

namespace hearken::survey {

struct ValidatedAnswer {
  nlohmann::json values;  // the answers as submitted, without empty values
  std::optional<int> nps, csat, ces, overall;  // scores of the mapped questions, when answered
};

// Validates `answers` (an object question name -> value, as SurveyJS's
// `survey.data`) against `def`. Rules:
//  - keys: question names, and "<name>-Comment" for a question with
//    hasOther or hasComment; a value that is null, a blank string or an empty
//    array counts as unanswered and is dropped;
//  - kinds: rating — one of its rate values (a number or numeric text for a
//    numeric scale); radiogroup, dropdown — one of its choice values, "other"
//    with hasOther (then "<name>-Comment" must hold the text), "none" with
//    hasNone; checkbox, tagbox, ranking — an array of distinct such values,
//    "none" alone, within minSelectedChoices..maxSelectedChoices (ranking
//    without selectToRankEnabled: every choice); boolean — valueTrue or
//    valueFalse (true/false unless set); text — a string of at most maxLength
//    characters, a number within min..max for inputType number or range, a
//    plausible address for email; comment — a string of at most maxLength;
//    every string valid UTF-8 without control characters other than tab, CR
//    and LF, and at most kMaxAnswerTextBytes bytes; numeric, text,
//    answercount, email and expression validators hold;
//  - shown: a question is shown when `visible` and its visibleIf (evaluated
//    on the submitted values) holds, and it is not on a page after the one
//    where a complete trigger that holds ends the survey; a value for a
//    question not shown is refused;
//  - required: isRequired or requiredIf, for a shown question that is
//    enabled (enableIf holds, not read-only), must be answered.
// Errors: InvalidArgument "the answers do not fit the survey" with one
// FieldError "answers/<name>" per problem (all of them, not only the first);
// "answers" alone when `answers` is not an object.
Result<ValidatedAnswer> ValidateAnswer(const Definition& def, const MetricMap& map, const nlohmann::json& answers);

}  // namespace hearken::survey
