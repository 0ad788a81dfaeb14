#include "analytics/breakdown.h"

#include <algorithm>

namespace hearken::analytics {
namespace {

using Json = nlohmann::json;

template <typename Entry>
bool LargerFirst(const Entry& a, const Entry& b) {
  if (a.count != b.count) return a.count > b.count;
  return a.label < b.label;
}

Json ToJson(const CountKey& key) {
  if (const auto* id = std::get_if<std::int64_t>(&key)) return *id;
  if (const auto* text = std::get_if<std::string>(&key)) return *text;
  return nullptr;
}

}  // namespace

int CategoryDepth(std::string_view path) {
  if (path.empty()) return 0;
  int depth = 1;
  for (auto pos = path.find(kCategoryPathSeparator); pos != std::string_view::npos;
       pos = path.find(kCategoryPathSeparator, pos + kCategoryPathSeparator.size()))
    ++depth;
  return depth;
}

std::string CategoryAtLevel(std::string_view path, int level) {
  std::size_t end = 0;
  for (int i = 0; i < level; ++i) {
    auto pos = path.find(kCategoryPathSeparator, i == 0 ? 0 : end + kCategoryPathSeparator.size());
    if (pos == std::string_view::npos) return std::string(path);
    end = pos;
  }
  return std::string(path.substr(0, end));
}

void GroupCounter::Add(const CountKey& key, const std::string& label) { ++entries_[{key, label}]; }

std::vector<CountEntry> GroupCounter::Sorted() const {
  std::vector<CountEntry> out;
  out.reserve(entries_.size());
  for (const auto& [group, count] : entries_) out.push_back({group.first, group.second, count, std::nullopt});
  std::stable_sort(out.begin(), out.end(), LargerFirst<CountEntry>);
  return out;
}

std::vector<CountEntry> KeepTop(std::vector<CountEntry> sorted, std::optional<std::size_t> top) {
  if (!top || sorted.size() <= *top) return sorted;
  CountEntry other{CountKey{}, std::string(kOtherLabel), 0, static_cast<std::int64_t>(sorted.size() - *top)};
  for (std::size_t i = *top; i < sorted.size(); ++i) other.count += sorted[i].count;
  sorted.resize(*top);
  sorted.push_back(std::move(other));
  return sorted;
}

std::vector<ParetoEntry> ParetoOf(const std::map<std::string, std::int64_t>& counts, std::int64_t total,
                                  std::optional<std::size_t> top) {
  std::vector<ParetoEntry> out;
  out.reserve(counts.size());
  for (const auto& [label, count] : counts) out.push_back({label, count, 0, 0, std::nullopt});
  std::stable_sort(out.begin(), out.end(), LargerFirst<ParetoEntry>);
  auto share = [total](std::int64_t n) { return total > 0 ? static_cast<double>(n) / static_cast<double>(total) : 0; };
  std::int64_t running = 0;
  for (auto& e : out) {
    running += e.count;
    e.share = share(e.count);
    e.cumulative_share = share(running);
  }
  if (!top || out.size() <= *top) return out;
  ParetoEntry other{std::string(kOtherLabel), 0, 0, out.back().cumulative_share,
                    static_cast<std::int64_t>(out.size() - *top)};
  for (std::size_t i = *top; i < out.size(); ++i) other.count += out[i].count;
  other.share = share(other.count);
  out.resize(*top);
  out.push_back(std::move(other));
  return out;
}

nlohmann::json ToJson(const std::vector<CountEntry>& entries) {
  Json out = Json::array();
  for (const auto& e : entries) {
    Json entry = {{"key", ToJson(e.key)}, {"label", e.label}, {"count", e.count}};
    if (e.other_groups) entry["other_groups"] = *e.other_groups;
    out.push_back(std::move(entry));
  }
  return out;
}

nlohmann::json ToJson(const std::vector<ParetoEntry>& entries) {
  Json out = Json::array();
  for (const auto& e : entries) {
    Json entry = {{"label", e.label}, {"count", e.count}, {"share", e.share}, {"cumulative_share", e.cumulative_share}};
    if (e.other_groups) entry["other_groups"] = *e.other_groups;
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace hearken::analytics
