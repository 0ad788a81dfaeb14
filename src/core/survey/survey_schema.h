// Checks a survey definition against the SurveyJS JSON Schema that ships
// with the SurveyJS Form Library (embedded at build time from
// surveyjs_definition.schema.json), using valijson. This is the structural
// check only (types of properties, known shapes); what Hearken itself
// supports is checked by ParseDefinition (survey_definition.h).
//
// The schema is loaded once, adapted so valijson can use it and so errors
// point at the offending property (see AdaptSchema in the .cc for each
// change and why), and shared by all threads.
#pragma once

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace hearken::survey {

// Validates `definition` against the SurveyJS schema.
// Errors: InvalidField whose field is "definition" followed by the JSON
// pointer of the most specific offending value (for example
// "definition/pages/0/elements/1/rateMax") and whose message is valijson's
// description of the problem; Internal if the embedded schema cannot be
// loaded (a build defect).
Status ValidateAgainstSurveyJsSchema(const nlohmann::json& definition);

}  // namespace hearken::survey
