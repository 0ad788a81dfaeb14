// The answers of a survey as a table for people and statistics programs
// (issue 8, "Import and export"): one row per answer, one column per
// question, in the shape every answer export shares — CSV and XLSX through
// table_export.h (formula cells made inert there), JSON, and SPSS .sav
// through spss_sav.h with variable and value labels.
//
// Columns, in order:
//   answer_id, submitted_at (in the organisation's time zone), channel,
//   language ("" = the survey's default), version, customer_id (empty for
//   anonymous answers), then the questions in page order:
//   - rating, and text with inputType number or range: a number;
//   - radiogroup, dropdown: the choice value (a number or a text); in the
//     .sav a text-valued choice is coded 1..n in the order of the choices,
//     with the choice texts as value labels ("other" and "none" included);
//   - checkbox, tagbox: one column per choice, <name>_<value>, 1 when
//     chosen and 0 when not (empty when the question was not answered) —
//     the layout SPSS users expect for multiple response sets;
//   - ranking: one column per choice, <name>_<value>, its rank (1 = first);
//   - boolean: 1 for valueTrue, 0 for valueFalse, labelled with the
//     question's labelTrue/labelFalse (Yes/No);
//   - text, comment: the text;
//   - <name>-Comment (hasComment, hasOther): the text, after its question.
// When answers of several versions are exported, the columns are those of
// the newest version given first, then questions that only older versions
// have; an answer leaves the columns of questions its version lacks empty.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "core/survey/survey_definition.h"
#include "report/spss_sav.h"
#include "report/table.h"

namespace hearken {

// One stored answer, as the export reads it (the http edge fills it from
// the store's SurveyAnswer).
struct AnswerExportRow {
  std::int64_t id = 0;
  TimePoint submitted_at{};
  std::string channel;
  std::string language;
  int version = 1;
  std::optional<std::int64_t> customer_id;
  nlohmann::json answers;  // question name -> value
};

struct AnswerColumn {
  enum class Source { kAnswerId, kSubmittedAt, kChannel, kLanguage, kVersion, kCustomerId, kValue, kChoiceFlag,
                      kRank, kBoolean, kCommentText };
  std::string name;        // the header of CSV, XLSX and JSON
  std::string label;       // the question's title (", " and the choice text for per-choice columns)
  Source source = Source::kValue;
  std::string question;    // the question (and answer key) it reads
  nlohmann::json choice;   // kChoiceFlag, kRank: the choice; kBoolean: valueTrue
  nlohmann::json value_false;  // kBoolean: valueFalse
  bool numeric = false;    // numbers only (the .sav type, the JSON type)
  // kValue of a text-valued choice question: the value codes of the .sav.
  std::vector<std::pair<nlohmann::json, double>> codes;
  std::vector<SavValueLabel> value_labels;  // for the .sav
  SavMeasure measure = SavMeasure::kNominal;
};

struct AnswerExportLayout {
  std::vector<AnswerColumn> columns;
  std::string time_zone;  // IANA name of the submitted_at column
};

// The columns for `versions` (newest first). Errors: InvalidArgument
// "time_zone" when the zone is unknown.
Result<AnswerExportLayout> MakeAnswerExportLayout(const std::vector<const survey::Definition*>& versions,
                                                  const std::string& time_zone);

// The header row: the column names.
std::vector<std::string> AnswerExportHeader(const AnswerExportLayout& layout);

// Table rows (CSV and XLSX): numbers as numbers, texts as texts,
// submitted_at as text "2026-12-07 10:30:00+01:00" for CSV
// (`times_as_text`), else as the local time (a date cell showing the
// organisation's wall-clock time).
std::vector<Cell> AnswerTableRow(const AnswerExportLayout& layout, const AnswerExportRow& row, bool times_as_text);

// The JSON object of one row: column name -> number, text or null;
// submitted_at as ISO 8601 with the zone's offset.
nlohmann::json AnswerJsonRow(const AnswerExportLayout& layout, const AnswerExportRow& row);

// The .sav variables (SPSS names made from the column names, labels, value
// labels, widths from `string_widths` — bytes per column, from a pass over
// the rows with AnswerSavRow) and one row of values: submitted_at as an
// SPSS DATETIME of the local time.
std::vector<SavVariable> AnswerSavVariables(const AnswerExportLayout& layout, const std::vector<size_t>& string_widths);
std::vector<SavValue> AnswerSavRow(const AnswerExportLayout& layout, const AnswerExportRow& row);

}  // namespace hearken
