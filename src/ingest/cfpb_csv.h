// Parser of the US Consumer Financial Protection Bureau's Consumer Complaint
// Database in its CSV layout, the source of the complaint import (issue 3)
// and of demo data. It turns each row into a plain CfpbComplaint; mapping
// that onto Hearken's complaint records is the importer's job.
//
// Columns are found by their header names (compared ignoring case and
// surrounding spaces), not by position, so reordered or extra columns are
// fine. The 18 official columns are listed in kCfpbColumns. Required:
// Complaint ID, Date received, Product, Issue, Company, Submitted via,
// Date sent to company, Company response to consumer, Timely response?.
// The others may be missing from the header; their fields are then empty.
//
// Cell rules: Complaint ID a positive integer; Date received a date and
// Date sent to company a date or blank (dates as MM/DD/YYYY or YYYY-MM-DD);
// Product not blank; Timely response? "Yes" or "No"; Consumer disputed?
// "Yes", "No", blank or "N/A"; every field well-formed UTF-8 without control
// characters other than tab, CR and LF. Blank lines are skipped.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/entities.h"
#include "core/result.h"
#include "ingest/csv_reader.h"

namespace hearken::ingest {

// One complaint as the CFPB publishes it. Dates are calendar dates (the
// CFPB gives no time of day or zone); StartOfDayUtc turns one into a
// TimePoint.
struct CfpbComplaint {
  std::int64_t complaint_id = 0;
  std::chrono::year_month_day date_received{};
  std::string product;
  std::string sub_product;
  std::string issue;
  std::string sub_issue;
  std::string narrative;  // "Consumer complaint narrative"; empty when not published
  std::string company_public_response;
  std::string company;
  std::string state;
  std::string zip_code;           // may be redacted, e.g. "XXXXX" or "123XX"
  std::vector<std::string> tags;  // "Older American, Servicemember" → two tags
  std::string consumer_consent;   // "Consent provided", "Consent not provided", ...
  std::string submitted_via;      // as given: "Web", "Phone", "Postal mail", "Referral", ...
  std::optional<std::chrono::year_month_day> date_sent;  // "Date sent to company"
  std::string company_response;                          // "Company response to consumer"
  bool timely_response = false;
  std::optional<bool> consumer_disputed;  // nullopt when blank or "N/A"
  std::int64_t source_line = 0;           // line of the file on which the row begins
};

enum class CfpbColumn {
  kDateReceived,
  kProduct,
  kSubProduct,
  kIssue,
  kSubIssue,
  kNarrative,
  kCompanyPublicResponse,
  kCompany,
  kState,
  kZipCode,
  kTags,
  kConsumerConsent,
  kSubmittedVia,
  kDateSent,
  kCompanyResponse,
  kTimelyResponse,
  kConsumerDisputed,
  kComplaintId,
};
inline constexpr std::size_t kCfpbColumnCount = 18;

struct CfpbColumnSpec {
  CfpbColumn column;
  std::string_view header;  // the official header name
  bool required;
};

// The official columns in the order the CFPB publishes them.
extern const std::array<CfpbColumnSpec, kCfpbColumnCount> kCfpbColumns;

// Reads complaints one row at a time.
class CfpbReader {
 public:
  // Reads and checks the header line of `in`, which must outlive the reader.
  // Errors: InvalidArgument when the input is empty, the header is not valid
  // CSV, a column name appears twice, or required columns are missing (each
  // missing one named in `fields`).
  static Result<CfpbReader> Open(std::istream& in);

  // The next complaint, or nullopt at the end of the input.
  // Errors: InvalidArgument whose message names the line and the column
  // ("line 12, column 'Date received': ..."), with `fields` holding
  // "line/<n>/<column header>", when a row is malformed CSV, has a different
  // number of fields than the header, or breaks a cell rule above. The
  // reader should not be used after an error.
  Result<std::optional<CfpbComplaint>> Next();

 private:
  explicit CfpbReader(std::istream& in) : csv_(in) {}

  CsvReader csv_;
  std::size_t header_size_ = 0;
  std::array<std::optional<std::size_t>, kCfpbColumnCount> index_{};  // field index per column
  std::vector<std::string> fields_;
};

// Reads every complaint of `in`. Errors: as CfpbReader::Open and Next; the
// first error stops the read.
Result<std::vector<CfpbComplaint>> ReadCfpbCsv(std::istream& in);

// Parses a CFPB date: "MM/DD/YYYY" (also with one-digit month or day) or
// "YYYY-MM-DD". Errors: InvalidArgument when the text is neither or names an
// impossible date.
Result<std::chrono::year_month_day> ParseCfpbDate(std::string_view text);

// Midnight UTC at the start of `date`.
TimePoint StartOfDayUtc(std::chrono::year_month_day date);

// The Hearken channel for a "Submitted via" value, ignoring case and
// surrounding spaces: Web → portal (the CFPB's own online form plays the part
// of Hearken's public form), Phone → phone, Postal mail → letter, Email or
// E-mail → email; everything else (Referral from another agency, Fax, Web
// Referral, blank) → other.
Channel ChannelForSubmittedVia(std::string_view submitted_via);

}  // namespace hearken::ingest
