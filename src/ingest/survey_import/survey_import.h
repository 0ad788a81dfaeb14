// Surveys made elsewhere, brought into Hearken (issue 8, "Import and
// export"): the result every survey importer gives — a SurveyJS definition
// that ParseDefinition accepts, the answers that came with it (a response
// export), and the import report: what each question became, and what was
// left out and why. The parsers are pure functions of the file's bytes
// (limesurvey_lss.h, qualtrics_csv.h); the http edge stores the result.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.h"

namespace hearken::ingest {

// One question of the new definition and where it came from.
struct ImportedQuestion {
  std::string name;    // the SurveyJS question name
  std::string type;    // the SurveyJS type
  std::string source;  // "LimeSurvey T (long free text) Q1", "column Q1 (QID1)"
};

// Something of the file not imported, and why ("column IPAddress":
// "personal data: never imported").
struct SkippedItem {
  std::string item;
  std::string reason;
};

// One response of a response export.
struct ImportedAnswer {
  std::int64_t line = 0;           // the line of the file it began on
  nlohmann::json values;           // question name -> value, unanswered questions left out
  TimePoint submitted_at{};        // when the respondent finished
  std::string language;            // SurveyJS locale code ("" when unknown)
  std::string response_id;         // the source system's id of the response ("" when none)
};

struct SurveyImport {
  std::string title;               // the survey's title in its default language ("" when none)
  nlohmann::json definition;       // the SurveyJS definition
  std::vector<std::string> languages;  // the source's languages, default first ("" entries never)
  std::vector<ImportedQuestion> questions;
  std::vector<SkippedItem> skipped;
  std::vector<ImportedAnswer> answers;  // response exports only
};

}  // namespace hearken::ingest
