#include "ingest/csv_reader.h"

#include <sstream>
#include <utility>

namespace hearken::ingest {
namespace {

constexpr int kEnd = std::char_traits<char>::eof();
constexpr char kBom[] = "\xEF\xBB\xBF";

}  // namespace

CsvReader::CsvReader(std::istream& in) : buf_(in.rdbuf()) {}

int CsvReader::Peek() {
  if (!started_) {
    // Look at the first three bytes once: a BOM is dropped, anything else is
    // kept to be read as data.
    started_ = true;
    for (int i = 0; i < 3; ++i) {
      int c = buf_ ? buf_->sbumpc() : kEnd;
      if (c == kEnd) break;
      pending_.push_back(std::char_traits<char>::to_char_type(c));
    }
    if (pending_ == kBom) pending_.clear();
  }
  if (pending_pos_ < pending_.size()) return std::char_traits<char>::to_int_type(pending_[pending_pos_]);
  return buf_ ? buf_->sgetc() : kEnd;
}

int CsvReader::Get() {
  int c = Peek();
  if (pending_pos_ < pending_.size()) {
    ++pending_pos_;
  } else if (c != kEnd) {
    buf_->sbumpc();
  }
  return c;
}

Error CsvReader::Malformed(std::size_t field_number, const std::string& what) const {
  std::string where = "line " + std::to_string(line_);
  if (line_ != record_line_) where += " (in the record that begins on line " + std::to_string(record_line_) + ")";
  return Error::InvalidArgument(where + ", field " + std::to_string(field_number) + ": " + what,
                                {{"line/" + std::to_string(line_) + "/field/" + std::to_string(field_number), what}});
}

Result<bool> CsvReader::Next(std::vector<std::string>& fields) {
  fields.clear();
  if (Peek() == kEnd) return false;
  record_line_ = line_;
  std::string field;
  std::size_t field_number = 1;
  const std::string too_long = "field is longer than " + std::to_string(kMaxCsvFieldBytes) + " bytes";
  for (;;) {
    field.clear();
    int c = Peek();
    if (c == '"') {
      Get();
      const std::int64_t opened_on = line_;
      for (;;) {
        c = Get();
        if (c == kEnd) {
          return Malformed(field_number, "the quoted field opened on line " + std::to_string(opened_on) +
                                             " is not closed before the end of the input");
        }
        if (c == '"') {
          if (Peek() != '"') break;  // the closing quote
          Get();                     // "" stands for one quote
        } else if (c == '\n' || (c == '\r' && Peek() != '\n')) {
          ++line_;
        }
        field.push_back(std::char_traits<char>::to_char_type(c));
        if (field.size() > kMaxCsvFieldBytes) return Malformed(field_number, too_long);
      }
      c = Peek();
      if (c != ',' && c != '\r' && c != '\n' && c != kEnd) {
        return Malformed(field_number, "unexpected character after the closing quote (a quote inside a quoted "
                                       "field must be doubled)");
      }
    } else {
      while ((c = Peek()) != ',' && c != '\r' && c != '\n' && c != kEnd) {
        if (c == '"') {
          return Malformed(field_number,
                           "a quote inside an unquoted field (quote the whole field and double the quote)");
        }
        field.push_back(std::char_traits<char>::to_char_type(Get()));
        if (field.size() > kMaxCsvFieldBytes) return Malformed(field_number, too_long);
      }
    }
    fields.push_back(std::move(field));
    c = Get();
    if (c == ',') {
      ++field_number;
      continue;
    }
    if (c == '\r') {
      if (Peek() == '\n') Get();
      ++line_;
    } else if (c == '\n') {
      ++line_;
    }
    return true;  // a line end or the end of the input closes the record
  }
}

bool IsBlankRecord(const std::vector<std::string>& fields) { return fields.size() == 1 && fields[0].empty(); }

Result<std::vector<std::vector<std::string>>> ParseCsv(std::string_view text) {
  std::istringstream in{std::string(text)};
  CsvReader reader(in);
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> fields;
  for (;;) {
    auto more = reader.Next(fields);
    if (!more.ok()) return more.error();
    if (!*more) break;
    records.push_back(fields);
  }
  return records;
}

}  // namespace hearken::ingest
