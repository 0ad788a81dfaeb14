// Plain tables for people: the shape every export (CSV, XLSX, later PDF) takes
// its data in. A `Table` is just named columns and rows of typed cells; it
// knows nothing about files, so the code that queries complaints or survey
// results builds one and hands it to a writer in table_export.h.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/clock.h"

namespace hearken {

// One cell. The alternative decides how a writer stores it:
//   std::monostate  an empty cell;
//   std::string     text (UTF-8), always stored as text, never as a formula;
//   double          a number;
//   std::int64_t    a whole number;
//   bool            TRUE / FALSE;
//   TimePoint       an instant, shown in UTC.
using Cell = std::variant<std::monostate, std::string, double, std::int64_t, bool, TimePoint>;

struct Table {
  std::vector<std::string> columns;     // header row, one name per column
  std::vector<std::vector<Cell>> rows;  // each row holds exactly columns.size() cells
};

}  // namespace hearken
