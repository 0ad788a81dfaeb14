// Small text helpers shared by the survey importers: HTML question texts to
// plain text, names and locale codes SurveyJS accepts.
#pragma once

#include <string>
#include <string_view>

namespace hearken::ingest {

// The text of an HTML fragment: tags dropped (<br> and </p> become a line
// break), the common entities and numeric character references decoded,
// runs of spaces collapsed, trimmed.
std::string PlainText(std::string_view html);

// `text` with &, <, > and " escaped, for an html element.
std::string EscapeHtml(std::string_view text);

// A question name SurveyJS and Hearken accept: '{', '}', '.' and white space
// become '_'; "q" when nothing is left.
std::string QuestionName(std::string_view code);

// A source language code as a SurveyJS locale key: lower case, '_' as '-'
// ("pt_BR" → "pt-br").
std::string SurveyJsLocale(std::string_view code);

}  // namespace hearken::ingest
