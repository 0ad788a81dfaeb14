#include "report/table_export.h"

#include <xlsxwriter.h>

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <type_traits>

#include "core/time_format.h"
#include "core/validation.h"

namespace hearken {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::size_t kExcelMaxRows = 1048576;
constexpr std::size_t kExcelMaxColumns = 16384;
constexpr std::size_t kExcelMaxStringChars = 32767;
constexpr std::int64_t kExcelExactIntegerLimit = 1'000'000'000'000'000;  // 10^15
constexpr double kMinColumnWidth = 8;
constexpr double kMaxColumnWidth = 60;
constexpr double kDateColumnWidth = 20;

// Number of code points in valid UTF-8 text.
std::size_t CodePoints(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string FormatDouble(double value) {
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return ec == std::errc() ? std::string(buffer, end) : std::string();
}

// Checks that every row has one cell per column and all text is UTF-8.
Status CheckTable(const Table& table) {
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    if (!IsValidUtf8(table.columns[c])) {
      return Error::InvalidField("columns/" + std::to_string(c), "column name is not valid UTF-8");
    }
  }
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    if (row.size() != table.columns.size()) {
      return Error::InvalidField("rows/" + std::to_string(r), "row " + std::to_string(r) + " has " +
                                                                  std::to_string(row.size()) + " cells, expected " +
                                                                  std::to_string(table.columns.size()));
    }
    for (std::size_t c = 0; c < row.size(); ++c) {
      const auto* text = std::get_if<std::string>(&row[c]);
      if (text != nullptr && !IsValidUtf8(*text)) {
        return Error::InvalidField("rows/" + std::to_string(r) + "/" + std::to_string(c),
                                   "cell is not valid UTF-8");
      }
    }
  }
  return Status::Ok();
}

void AppendCsvField(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string CsvText(const Cell& cell) {
  return std::visit(
      [](const auto& v) -> std::string {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, std::monostate>) {
          return {};
        } else if constexpr (std::is_same_v<V, std::string>) {
          return NeutraliseFormula(v);
        } else if constexpr (std::is_same_v<V, double>) {
          return std::isfinite(v) ? FormatDouble(v) : std::string();
        } else if constexpr (std::is_same_v<V, std::int64_t>) {
          return std::to_string(v);
        } else if constexpr (std::is_same_v<V, bool>) {
          return v ? "TRUE" : "FALSE";
        } else {
          return FormatTimestamp(v);
        }
      },
      cell);
}

// ---- XLSX ----

// Removes a file when it goes out of scope.
class TempFile {
 public:
  TempFile() = default;
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    if (!path_.empty()) std::remove(path_.c_str());
  }

  Status Create() {
    const char* dir = std::getenv("TMPDIR");
    std::string pattern = std::string(dir != nullptr && *dir != '\0' ? dir : "/tmp") + "/hearken-export-XXXXXX";
    int fd = mkstemp(pattern.data());
    if (fd < 0) return Error::Internal("cannot create a temporary file for the XLSX export: " + pattern);
    ::close(fd);
    path_ = pattern;
    return Status::Ok();
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Frees a workbook that was not closed (closing would write it).
struct WorkbookFreer {
  void operator()(lxw_workbook* workbook) const { lxw_workbook_free(workbook); }
};
using WorkbookPtr = std::unique_ptr<lxw_workbook, WorkbookFreer>;

Error LibraryError(const std::string& what, lxw_error error) {
  return Error::Internal("libxlsxwriter: " + what + ": " + lxw_strerror(error));
}

// The text a string cell is written with, after the XLSX-specific checks.
Result<std::string> XlsxString(std::string_view text, const std::string& field) {
  if (text.find('\0') != std::string_view::npos) return Error::InvalidField(field, "text contains a NUL character");
  std::string inert = NeutraliseFormula(text);
  if (CodePoints(inert) > kExcelMaxStringChars) {
    return Error::InvalidField(field, "text is longer than Excel's 32767 characters");
  }
  return inert;
}

// A UTC instant as Excel's broken-down date, or nothing before 1900.
std::optional<lxw_datetime> ExcelDate(TimePoint t) {
  auto day = std::chrono::floor<std::chrono::days>(t);
  std::chrono::year_month_day ymd{std::chrono::sys_days(day)};
  if (static_cast<int>(ymd.year()) < 1900 || static_cast<int>(ymd.year()) > 9999) return std::nullopt;
  std::chrono::hh_mm_ss hms{t - day};
  lxw_datetime out{};
  out.year = static_cast<int>(ymd.year());
  out.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  out.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  out.hour = static_cast<int>(hms.hours().count());
  out.min = static_cast<int>(hms.minutes().count());
  out.sec = static_cast<double>(hms.seconds().count()) + static_cast<double>(hms.subseconds().count()) / 1e6;
  return out;
}

// Writes the header row (row 0); `widths` collects each column's width.
Status WriteHeader(const std::vector<std::string>& columns, lxw_worksheet* sheet, lxw_format* bold,
                   std::vector<double>& widths) {
  for (std::size_t c = 0; c < columns.size(); ++c) {
    auto text = XlsxString(columns[c], "columns/" + std::to_string(c));
    if (!text.ok()) return text.error();
    lxw_error e = worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), text->c_str(), bold);
    if (e != LXW_NO_ERROR) return LibraryError("writing the header", e);
    widths[c] = std::max(widths[c], static_cast<double>(CodePoints(*text)) + 2);
  }
  return Status::Ok();
}

// Writes the rows of `table` as sheet rows first_row + 1 ...; errors name
// rows from `first_row`.
Status WriteRows(const Table& table, std::size_t first_row, lxw_worksheet* sheet, lxw_format* date,
                 std::vector<double>& widths) {
  auto widen = [&](std::size_t c, double w) { widths[c] = std::max(widths[c], w); };
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const auto row_index = static_cast<lxw_row_t>(first_row + r + 1);
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      const Cell& cell = table.rows[r][c];
      lxw_error e = LXW_NO_ERROR;
      auto field = [&] { return "rows/" + std::to_string(first_row + r) + "/" + std::to_string(c); };
      auto write_text = [&](std::string_view raw) -> Status {
        auto text = XlsxString(raw, field());
        if (!text.ok()) return text.error();
        e = worksheet_write_string(sheet, row_index, col, text->c_str(), nullptr);
        widen(c, static_cast<double>(CodePoints(*text)));
        return Status::Ok();
      };
      Status status;
      if (const auto* s = std::get_if<std::string>(&cell)) {
        status = write_text(*s);
      } else if (const auto* d = std::get_if<double>(&cell)) {
        if (std::isfinite(*d)) {
          e = worksheet_write_number(sheet, row_index, col, *d, nullptr);
          widen(c, static_cast<double>(FormatDouble(*d).size()));
        }
      } else if (const auto* i = std::get_if<std::int64_t>(&cell)) {
        if (*i < kExcelExactIntegerLimit && *i > -kExcelExactIntegerLimit) {
          e = worksheet_write_number(sheet, row_index, col, static_cast<double>(*i), nullptr);
          widen(c, static_cast<double>(std::to_string(*i).size()));
        } else {
          status = write_text(std::to_string(*i));
        }
      } else if (const auto* b = std::get_if<bool>(&cell)) {
        e = worksheet_write_boolean(sheet, row_index, col, *b ? 1 : 0, nullptr);
        widen(c, 6);
      } else if (const auto* t = std::get_if<TimePoint>(&cell)) {
        if (auto when = ExcelDate(*t)) {
          e = worksheet_write_datetime(sheet, row_index, col, &*when, date);
          widen(c, kDateColumnWidth);
        } else {
          status = write_text(FormatTimestamp(*t));
        }
      }
      if (!status.ok()) return status;
      if (e != LXW_NO_ERROR) return LibraryError("writing " + field(), e);
    }
  }
  return Status::Ok();
}

// Sets the column widths and freezes the header row.
Status FinishSheet(lxw_worksheet* sheet, const std::vector<double>& widths) {
  for (std::size_t c = 0; c < widths.size(); ++c) {
    double width = std::clamp(widths[c] + 1, kMinColumnWidth, kMaxColumnWidth);
    auto col = static_cast<lxw_col_t>(c);
    lxw_error e = worksheet_set_column(sheet, col, col, width, nullptr);
    if (e != LXW_NO_ERROR) return LibraryError("setting a column width", e);
  }
  worksheet_freeze_panes(sheet, 1, 0);
  return Status::Ok();
}

// A workbook with its one sheet and the two formats, on `file`.
struct Workbook {
  WorkbookPtr book;
  lxw_worksheet* sheet = nullptr;
  lxw_format* bold = nullptr;
  lxw_format* date = nullptr;
};

Result<Workbook> OpenWorkbook(const TempFile& file, const std::string& sheet_name, bool constant_memory) {
  if (sheet_name.empty()) return Error::InvalidField("sheet_name", "sheet name is empty");
  if (!IsValidUtf8(sheet_name)) return Error::InvalidField("sheet_name", "sheet name is not valid UTF-8");
  lxw_workbook_options options{};
  options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
  Workbook w;
  w.book.reset(workbook_new_opt(file.path().c_str(), &options));
  if (w.book == nullptr) return Error::Internal("libxlsxwriter: cannot create a workbook");
  lxw_error name_error = workbook_validate_sheet_name(w.book.get(), sheet_name.c_str());
  if (name_error != LXW_NO_ERROR)
    return Error::InvalidField("sheet_name", std::string("invalid sheet name: ") + lxw_strerror(name_error));
  w.sheet = workbook_add_worksheet(w.book.get(), sheet_name.c_str());
  if (w.sheet == nullptr) return Error::Internal("libxlsxwriter: cannot add the worksheet");
  w.bold = workbook_add_format(w.book.get());
  w.date = workbook_add_format(w.book.get());
  if (w.bold == nullptr || w.date == nullptr) return Error::Internal("libxlsxwriter: cannot add a cell format");
  format_set_bold(w.bold);
  format_set_num_format(w.date, "yyyy-mm-dd hh:mm:ss");
  return w;
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Internal("cannot read the XLSX export's temporary file " + path);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Error::Internal("cannot read the XLSX export's temporary file " + path);
  return bytes;
}

}  // namespace

std::string NeutraliseFormula(std::string_view cell) {
  if (!cell.empty()) {
    switch (cell.front()) {
      case '=':
      case '+':
      case '-':
      case '@':
      case '\t':
      case '\r':
        return "'" + std::string(cell);
      default:
        break;
    }
  }
  return std::string(cell);
}

Result<std::string> CsvHeader(const std::vector<std::string>& columns) {
  if (Status checked = CheckTable(Table{columns, {}}); !checked.ok()) return checked.error();
  std::string out(kUtf8Bom);
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (c > 0) out += ',';
    AppendCsvField(out, NeutraliseFormula(columns[c]));
  }
  out += "\r\n";
  return out;
}

Status AppendCsvRows(const Table& table, std::string& out) {
  if (Status checked = CheckTable(table); !checked.ok()) return checked;
  for (const auto& row : table.rows) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (c > 0) out += ',';
      AppendCsvField(out, CsvText(row[c]));
    }
    out += "\r\n";
  }
  return Status::Ok();
}

Result<std::string> WriteCsv(const Table& table) {
  auto out = CsvHeader(table.columns);
  if (!out.ok()) return out.error();
  if (Status s = AppendCsvRows(table, *out); !s.ok()) return s.error();
  return out;
}

Result<std::string> WriteXlsx(const Table& table, const std::string& sheet_name) {
  if (Status checked = CheckTable(table); !checked.ok()) return checked.error();
  if (table.rows.size() + 1 > kExcelMaxRows) {
    return Error::InvalidArgument("the table has more rows than Excel's 1048576 (header included)");
  }
  if (table.columns.size() > kExcelMaxColumns) {
    return Error::InvalidArgument("the table has more columns than Excel's 16384");
  }
  TempFile file;
  if (Status created = file.Create(); !created.ok()) return created.error();
  auto w = OpenWorkbook(file, sheet_name, false);
  if (!w.ok()) return w.error();
  std::vector<double> widths(table.columns.size(), kMinColumnWidth);
  if (Status s = WriteHeader(table.columns, w->sheet, w->bold, widths); !s.ok()) return s.error();
  if (Status s = WriteRows(table, 0, w->sheet, w->date, widths); !s.ok()) return s.error();
  if (Status s = FinishSheet(w->sheet, widths); !s.ok()) return s.error();
  lxw_error closed = workbook_close(w->book.release());  // frees the workbook whatever happens
  if (closed != LXW_NO_ERROR) return LibraryError("writing the workbook", closed);
  return ReadFile(file.path());
}

struct XlsxStreamWriter::Impl {
  TempFile file;
  Workbook workbook;
  std::vector<std::string> columns;
  std::vector<double> widths;
  std::size_t rows = 0;
  bool finished = false;
};

XlsxStreamWriter::XlsxStreamWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
XlsxStreamWriter::~XlsxStreamWriter() = default;

Result<std::unique_ptr<XlsxStreamWriter>> XlsxStreamWriter::Create(const std::string& sheet_name,
                                                                   const std::vector<std::string>& columns) {
  if (Status checked = CheckTable(Table{columns, {}}); !checked.ok()) return checked.error();
  if (columns.size() > kExcelMaxColumns) return Error::InvalidArgument("the table has more columns than Excel's 16384");
  auto impl = std::make_unique<Impl>();
  if (Status created = impl->file.Create(); !created.ok()) return created.error();
  auto w = OpenWorkbook(impl->file, sheet_name, true);
  if (!w.ok()) return w.error();
  impl->workbook = std::move(*w);
  impl->columns = columns;
  impl->widths.assign(columns.size(), kMinColumnWidth);
  if (Status s = WriteHeader(columns, impl->workbook.sheet, impl->workbook.bold, impl->widths); !s.ok())
    return s.error();
  return std::unique_ptr<XlsxStreamWriter>(new XlsxStreamWriter(std::move(impl)));
}

Status XlsxStreamWriter::AddRows(const Table& table) {
  if (impl_->finished) return Error::FailedPrecondition("the workbook is finished");
  if (table.columns != impl_->columns) return Error::InvalidArgument("the rows are of other columns");
  if (Status checked = CheckTable(table); !checked.ok()) return checked;
  if (impl_->rows + table.rows.size() + 1 > kExcelMaxRows)
    return Error::InvalidArgument("the table has more rows than Excel's 1048576 (header included)");
  if (Status s = WriteRows(table, impl_->rows, impl_->workbook.sheet, impl_->workbook.date, impl_->widths); !s.ok())
    return s;
  impl_->rows += table.rows.size();
  return Status::Ok();
}

Status XlsxStreamWriter::Finish() {
  if (impl_->finished) return Error::FailedPrecondition("the workbook is finished");
  if (Status s = FinishSheet(impl_->workbook.sheet, impl_->widths); !s.ok()) return s;
  impl_->finished = true;
  lxw_error closed = workbook_close(impl_->workbook.book.release());
  if (closed != LXW_NO_ERROR) return LibraryError("writing the workbook", closed);
  return Status::Ok();
}

const std::string& XlsxStreamWriter::path() const { return impl_->file.path(); }

}  // namespace hearken
