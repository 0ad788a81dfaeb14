#include "sql_connection.h"

#include <charconv>
#include <cstdlib>

#include "core/time_format.h"

namespace hearken {

std::int64_t SqlRow::Int(size_t i) const { return OptInt(i).value_or(0); }

std::optional<std::int64_t> SqlRow::OptInt(size_t i) const {
  const auto& cell = cells_.at(i);
  if (!cell) return std::nullopt;
  std::int64_t value = 0;
  auto [ptr, ec] = std::from_chars(cell->data(), cell->data() + cell->size(), value);
  if (ec != std::errc()) return 0;
  return value;
}

double SqlRow::Double(size_t i) const {
  const auto& cell = cells_.at(i);
  return cell ? std::strtod(cell->c_str(), nullptr) : 0.0;
}

bool SqlRow::Bool(size_t i) const {
  const auto& cell = cells_.at(i);
  if (!cell || cell->empty()) return false;
  return (*cell)[0] == '1' || (*cell)[0] == 't' || (*cell)[0] == 'T';
}

TimePoint SqlRow::Time(size_t i) const { return OptTime(i).value_or(TimePoint{}); }

std::optional<TimePoint> SqlRow::OptTime(size_t i) const {
  const auto& cell = cells_.at(i);
  if (!cell) return std::nullopt;
  auto parsed = ParseTimestamp(*cell);
  return parsed.ok() ? *parsed : TimePoint{};
}

}  // namespace hearken
