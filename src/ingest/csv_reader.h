// A reader of comma-separated values as RFC 4180 defines them, for importing
// files exported by other systems (complaint databases, customer lists,
// survey tools). It streams one record at a time, so a file of any size is
// read in constant memory apart from the current record.
//
// What it accepts:
//   - fields separated by ',', records ending in CRLF, bare LF or bare CR, the
//     last record with or without a line end;
//   - quoted fields ("..."), in which ',', CR and LF are data and a doubled
//     quote ("") stands for one quote;
//   - a UTF-8 byte-order mark at the very start, which is skipped.
// What it rejects, as InvalidArgument naming the line and field: a quote
// inside an unquoted field, anything but ',' or a line end after a closing
// quote, a quoted field still open at the end of the input, and a field
// longer than kMaxCsvFieldBytes. Bytes are passed through as they are; the
// caller checks the encoding (e.g. core's IsCleanUtf8).
//
// An empty line is a record with one empty field (as RFC 4180 has it);
// callers that want to skip blank lines test IsBlankRecord.
#pragma once

#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace hearken::ingest {

// Longest field accepted, so that a stray quote cannot make one field swallow
// a whole file.
inline constexpr std::size_t kMaxCsvFieldBytes = 1 << 20;

class CsvReader {
 public:
  // Reads from `in`, which must outlive the reader.
  explicit CsvReader(std::istream& in);

  // Reads the next record into `fields` (replacing its contents). Returns
  // true when a record was read and false at the end of the input.
  // Errors: InvalidArgument whose message names the line and the 1-based
  // field number, for the malformed input listed above; the reader should
  // not be used after an error.
  Result<bool> Next(std::vector<std::string>& fields);

  // The 1-based line on which the record last returned by Next began.
  // Lines are counted by line ends in the input, including those inside
  // quoted fields, so this is the line an editor shows.
  std::int64_t record_line() const { return record_line_; }

 private:
  int Peek();
  int Get();
  Error Malformed(std::size_t field_number, const std::string& what) const;

  std::streambuf* buf_;
  bool started_ = false;
  std::string pending_;  // bytes read ahead while looking for a BOM
  std::size_t pending_pos_ = 0;
  std::int64_t line_ = 1;
  std::int64_t record_line_ = 0;
};

// True for the record of an empty line: exactly one field, and it is empty.
bool IsBlankRecord(const std::vector<std::string>& fields);

// Parses a whole text into records. Errors: as CsvReader::Next.
Result<std::vector<std::vector<std::string>>> ParseCsv(std::string_view text);

}  // namespace hearken::ingest
