// Qualtrics response exports (CSV with three header rows: the variable
// names; the question texts; {"ImportId": …} of each column) turned into a
// SurveyJS definition whose questions come from the columns, and the
// responses as answers.
//
// Columns, by their ImportId (row 3):
//   - metadata: startDate, endDate, status, progress, duration, finished,
//     recordedDate, _recordId, distributionChannel, userLanguage — never
//     questions; recordedDate (else endDate) is when the answer was
//     submitted, userLanguage its language, _recordId its response id
//     (a second row with the same id is skipped), status and finished decide
//     whether a row is an answer at all;
//   - personal data: ipAddress, locationLatitude, locationLongitude,
//     recipientLastName, recipientFirstName, recipientEmail,
//     externalDataReference — never imported, not even read: the answers are
//     anonymous;
//   - QID<n>_TEXT (and other *_TEXT): a free text → comment question;
//   - QID<n> and QID<n>_<k>: a choice → radiogroup whose choices are the
//     values found in the column (numbers when all are numbers; a response
//     export holds the recode values, not the choice texts), titled by row 2;
//   - Text iQ topics (…Topics), timing (_FIRST_CLICK, _LAST_CLICK,
//     _PAGE_SUBMIT, _CLICK_COUNT), display order (_DO_) and embedded data
//     (any other ImportId): derived or not an answer, skipped.
// Question names are the variable names of row 1 (QuestionName of them).
//
// Rows: Status 1 (preview), 2 (test), 8 and 9 (spam) and unfinished rows
// (Finished 0) are skipped with the reason; every other row is an answer.
// Times are local times of the export's time zone: the "timeZone" of the
// ImportId JSON when Qualtrics wrote one, else `time_zone`.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "ingest/survey_import/survey_import.h"

namespace hearken::ingest {

// Parses a Qualtrics response export. `time_zone` is an IANA name.
// Errors: InvalidField "line <n>" naming the line for a malformed CSV, a
// header row missing or not one ImportId object per column (line 3), a
// row whose field count differs from the header's, or a time that is not
// "YYYY-MM-DD HH:MM:SS"; "file" when the file is not UTF-8 or has no
// question column; "time_zone" when the zone is unknown.
Result<SurveyImport> ParseQualtricsCsv(std::string_view csv, const std::string& time_zone);

}  // namespace hearken::ingest
