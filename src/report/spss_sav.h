// SPSS system files (.sav) for statisticians, written with Debian's
// libreadstat: typed variables with variable labels and value labels, rows
// streamed to a temporary file (constant memory), the file then read back
// by whoever serves it. Also a reader (the same library's parser), so that
// tests and tools can check what was written.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "core/result.h"

namespace hearken {

enum class SavMeasure { kNominal, kOrdinal, kScale };

struct SavValueLabel {
  double value = 0;
  std::string label;
};

struct SavVariable {
  std::string name;   // SPSS variable name (SpssVariableName makes one)
  std::string label;  // the variable label (cut to 255 bytes)
  bool numeric = true;
  std::size_t string_width = 1;  // bytes, for string variables (1..32767)
  std::string format;            // "" (F8.2 for numbers, A<width> for strings), "F8.0", "DATETIME20"
  SavMeasure measure = SavMeasure::kNominal;
  std::vector<SavValueLabel> value_labels;  // numeric variables only (labels cut to 120 bytes)
};

// A cell: missing, a number, or a text (string variables).
using SavValue = std::variant<std::monostate, double, std::string>;

// Seconds from SPSS's day zero (1582-10-14 00:00) to 1970-01-01.
inline constexpr std::int64_t kSpssEpochOffsetSeconds = 12219379200;

// A valid SPSS variable name from `wanted`: letters, digits and _ . @ # $,
// starting with a letter (else "v" is put in front), no trailing '.', at most
// 64 bytes, not a reserved word (ALL AND BY EQ GE GT LE LT NE NOT OR TO
// WITH), and unique case-insensitively among `taken` (a suffix _2, _3 …);
// the name returned is added to `taken` (upper-cased).
std::string SpssVariableName(const std::string& wanted, std::map<std::string, int>& taken);

class SavWriter {
 public:
  // Starts a file of exactly `row_count` rows in $TMPDIR (or /tmp).
  // Errors: InvalidArgument for a bad variable (name, width) as readstat
  // reports it; Internal when the file cannot be made.
  static Result<std::unique_ptr<SavWriter>> Create(const std::vector<SavVariable>& variables, long row_count,
                                                   const std::string& file_label);
  ~SavWriter();
  SavWriter(const SavWriter&) = delete;
  SavWriter& operator=(const SavWriter&) = delete;

  // One row, a value per variable in order; a text longer than its
  // variable's width is cut at a UTF-8 boundary, a number for a string
  // variable (or the reverse) is written as missing.
  // Errors: InvalidArgument when the count differs from the variables' or
  // more rows than row_count are added; Internal from readstat.
  Status AddRow(const std::vector<SavValue>& row);
  // Completes the file. Errors: Internal (fewer rows than row_count, or readstat).
  Status Finish();
  const std::string& path() const;

 private:
  struct Impl;
  explicit SavWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// What a .sav holds, as read back by libreadstat's parser.
struct SavContents {
  struct Variable {
    std::string name, label, format;
    bool numeric = true;
    std::map<double, std::string> value_labels;  // numeric value labels
  };
  std::vector<Variable> variables;
  std::vector<std::vector<SavValue>> rows;
  std::string file_label;
};

// Reads the .sav at `path`. Errors: InvalidArgument with readstat's message.
Result<SavContents> ReadSav(const std::string& path);

}  // namespace hearken
