// The JSON of surveys at the HTTP edge: names of the survey enumerations,
// a survey with its current version, versions, answers and results
// (docs/API.md "Surveys"), and reading a survey's settings from a body.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "analytics/survey_results.h"
#include "core/json_codec.h"
#include "core/result.h"
#include "store/survey_store.h"

namespace hearken {
// The names of the survey enumerations for QueryReader / ObjectReader
// messages (the primary template is declared in core/entities.h).
template <> std::vector<std::string_view> EnumNames<SurveyKind>();
template <> std::vector<std::string_view> EnumNames<SurveyStatus>();
template <> std::vector<std::string_view> EnumNames<AnswerChannel>();
}  // namespace hearken

namespace hearken::http {

std::string_view SurveyKindName(SurveyKind kind);
std::string_view SurveyStatusName(SurveyStatus status);
std::string_view AnswerChannelText(AnswerChannel channel);
std::optional<SurveyKind> ParseSurveyKind(std::string_view text);
std::optional<SurveyStatus> ParseSurveyStatus(std::string_view text);
std::optional<AnswerChannel> ParseAnswerChannel(std::string_view text);

// The survey's settings and counts; `version` adds its definition and metric map.
Json SurveyJson(const Survey& survey, const SurveyVersion* version = nullptr);
Json SurveyVersionJson(const SurveyVersion& version, bool with_definition);
Json SurveyAnswerJson(const SurveyAnswer& answer);
Json SurveyResultsJson(const analytics::SurveyResults& results);

// Reads the settings fields of a survey body into `survey` (absent fields
// keep their value). Errors: InvalidArgument naming each bad field; unknown
// fields other than `also_known` are refused.
Status ReadSurveySettings(const Json& body, Survey* survey, const std::vector<std::string>& also_known);

}  // namespace hearken::http
