// Stable text names of enumerations: a constexpr table of (value, name)
// pairs per enumeration, and the lookups every ToString / Parse* function
// of core is written with (entities.cc, complaint_lifecycle.cc).
#pragma once

#include <array>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace hearken {

template <typename E, size_t N>
using NameTable = std::array<std::pair<E, std::string_view>, N>;

// The name of `value`; "" when the table lacks it (a programming error).
template <typename E, size_t N>
std::string_view NameOf(const NameTable<E, N>& table, E value) {
  for (const auto& [v, name] : table)
    if (v == value) return name;
  return "";
}

// The value named `name`; nullopt for unknown names.
template <typename E, size_t N>
std::optional<E> ValueOf(const NameTable<E, N>& table, std::string_view name) {
  for (const auto& [v, n] : table)
    if (n == name) return v;
  return std::nullopt;
}

// Every name, in table order.
template <typename E, size_t N>
std::vector<std::string_view> NamesOf(const NameTable<E, N>& table) {
  std::vector<std::string_view> names;
  for (const auto& entry : table) names.push_back(entry.second);
  return names;
}

}  // namespace hearken
