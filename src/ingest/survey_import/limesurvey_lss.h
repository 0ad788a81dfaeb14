// LimeSurvey survey structure files (.lss, the XML of "Export survey
// structure", LimeSurvey 4 to 6: tables of rows, texts in *_l10ns tables)
// turned into a SurveyJS definition, read with pugixml.
//
// The mapping:
//   - groups → pages, in group_order, the group name as the page title;
//   - languages → SurveyJS locales: the survey's default language (surveys
//     `language`) gives each text's "default", every additional language
//     its own locale key where its text is not empty;
//   - question texts and help are HTML in LimeSurvey; they become plain text
//     (tags dropped, entities decoded); an empty text falls back to the
//     question code;
//   - question types: S short free text → text; T long and U huge free text
//     → comment; N numerical → text with inputType number; D date → text
//     with inputType date; L list (radio) → radiogroup; ! list (dropdown) →
//     dropdown; O list with comment → radiogroup with a comment area; M
//     multiple choice and P with comments → checkbox (subquestions are the
//     choices; P's comments are not kept); R ranking → ranking; Y yes/no →
//     boolean with values "Y"/"N"; G gender → radiogroup F/M; 5 five point
//     choice → rating 1..5; X text display → html; arrays (A 5 point, B 10
//     point, C yes/uncertain/no, E increase/same/decrease, F flexible) → a
//     panel with one question per subquestion, named <code>_<subcode>
//     (rating 1..5, rating 1..10, radiogroup Y/U/N, radiogroup I/S/D,
//     radiogroup of the answer options); Q multiple short text and K
//     multiple numerical → a panel of text questions <code>_<subcode>;
//   - mandatory "Y" → isRequired; "other" "Y" → the other item;
//   - not mapped, each named in the report with the reason: array types H
//     (by column), 1 (dual scale), ':' and ';' (numbers and texts), file
//     upload '|', equation '*', language switch 'I', and relevance
//     conditions (LimeSurvey expressions; the question is then always
//     shown).
#pragma once

#include <string_view>

#include "core/result.h"
#include "ingest/survey_import/survey_import.h"

namespace hearken::ingest {

// Parses an .lss file. Errors: InvalidField "file" when it is not XML (the
// message gives the line), not a LimeSurvey survey structure
// (LimeSurveyDocType), or has no question that maps; "questions/<code>"
// when a question's type is unknown to LimeSurvey's list above and its
// subquestions or options are inconsistent (none for a choice type).
Result<SurveyImport> ParseLimeSurveyLss(std::string_view xml);

}  // namespace hearken::ingest
