// Export of a `Table` (table.h) to the two files people open in a spreadsheet
// program: CSV (RFC 4180) and XLSX (through libxlsxwriter).
//
// Both writers defend against CSV/formula injection (OWASP "CSV Injection"):
// text that came from customers — a complaint's subject, a survey comment —
// must never run as a formula when a quality manager opens the export. Every
// string cell, header names included, goes through NeutraliseFormula before it
// is written, and the XLSX writer stores strings only as string cells, never as
// formulas. Numbers, booleans and times are written as typed values, not
// strings, so a negative number stays a number ("-3" is not neutralised).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "report/table.h"

namespace hearken {

// Makes a text cell inert for spreadsheet programs: when its first character is
// '=', '+', '-', '@', tab (0x09) or carriage return (0x0D) — the characters
// with which Excel, LibreOffice and Google Sheets start a formula, or which
// they skip before one — the result is the cell with a leading apostrophe
// ("=1+1" becomes "'=1+1"), as OWASP recommends. Any other cell, the empty one
// included, is returned unchanged. The apostrophe is visible in CSV readers
// that are not spreadsheets; that is the accepted cost of the defence.
std::string NeutraliseFormula(std::string_view cell);

// The table as CSV text per RFC 4180: a header row, then one record per row,
// each ending in CRLF; a field containing a comma, a double quote, CR or LF is
// enclosed in double quotes with inner quotes doubled. The text is UTF-8 and
// starts with the byte-order mark EF BB BF, without which Excel reads a CSV in
// the machine's legacy code page and garbles non-ASCII text. String cells are
// neutralised (NeutraliseFormula); numbers use the shortest text that reads
// back to the same value; booleans are TRUE/FALSE; times are FormatTimestamp
// text (UTC); empty cells and non-finite numbers are empty fields.
// Errors: InvalidArgument when a row's cell count differs from the column
// count (the message names the 0-based row index) or a header or string cell
// is not valid UTF-8.
Result<std::string> WriteCsv(const Table& table);

// WriteCsv in pieces, for an export that streams: CsvHeader is the
// byte-order mark and the header row; AppendCsvRows appends the records of
// `table.rows` only (its columns are not written again), so that
// WriteCsv(t) == CsvHeader(t.columns) + the rows appended in order.
// Errors: as WriteCsv (AppendCsvRows leaves `out` unchanged then).
Result<std::string> CsvHeader(const std::vector<std::string>& columns);
Status AppendCsvRows(const Table& table, std::string& out);

// The table as the bytes of an .xlsx workbook with one sheet named
// `sheet_name`. The header row is bold and frozen; strings are string cells
// (neutralised, never formulas); doubles and integers are number cells (an
// integer beyond ±10^15, which Excel would round, is written as text); booleans
// are boolean cells; times are date cells "yyyy-mm-dd hh:mm:ss" in UTC (a time
// before 1900, which Excel cannot show, is written as FormatTimestamp text);
// empty cells and non-finite numbers are left blank. Column widths follow the
// longest value, between 8 and 60 characters. The workbook is built in a
// temporary file in $TMPDIR (or /tmp) which is removed before returning.
// Errors: InvalidArgument when a row's cell count differs from the column
// count (naming the row index), a string is not valid UTF-8, contains NUL or is
// longer than Excel's 32767 characters, the table exceeds Excel's 1048576 rows
// or 16384 columns, or the sheet name is empty or not a valid Excel sheet name;
// Internal when the temporary file cannot be made or read, or libxlsxwriter
// fails (with its error text).
Result<std::string> WriteXlsx(const Table& table, const std::string& sheet_name);

// An .xlsx workbook of one sheet written row by row in constant memory, for
// exports too large to hold: libxlsxwriter's constant_memory mode sends each
// row to a temporary file as it is written (strings are stored inline, not
// in a shared table). Cells are written as WriteXlsx writes them; the header
// is bold and frozen and column widths follow the longest value. The
// workbook file lives in $TMPDIR (or /tmp) until the writer is destroyed.
class XlsxStreamWriter {
 public:
  // Errors: those of WriteXlsx for the sheet name and the columns.
  static Result<std::unique_ptr<XlsxStreamWriter>> Create(const std::string& sheet_name,
                                                          const std::vector<std::string>& columns);
  ~XlsxStreamWriter();
  XlsxStreamWriter(const XlsxStreamWriter&) = delete;
  XlsxStreamWriter& operator=(const XlsxStreamWriter&) = delete;

  // Appends the rows of `table` (its columns must be the writer's).
  // Errors: those of WriteXlsx for the rows (row indexes count from the
  // first row ever added); InvalidArgument past Excel's row limit.
  Status AddRows(const Table& table);
  // Completes the workbook; then path() names the finished file.
  // Errors: Internal when libxlsxwriter fails.
  Status Finish();
  const std::string& path() const;

 private:
  struct Impl;
  explicit XlsxStreamWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace hearken
