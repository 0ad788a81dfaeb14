// The groups of a complaint count and how a long list of them is made
// readable (issue 7): the entries of a count by category, product, segment
// or channel (CountEntry) and of the Pareto (ParetoEntry); the level of the
// category tree a category path counts at; and the cut to the N largest
// groups with the rest summed into one "Other" entry, placed last. Pure
// functions, used by complaint_analysis.h.
//
// Order: count descending, then label ascending (byte order), so ties are
// cut the same way every time. The "Other" entry is last whatever its
// count, and on the Pareto its cumulative share is that of every group
// (1 when the groups hold every complaint), so the curve still ends at 100 %.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

namespace hearken::analytics {

// The separator of a category path ("Billing / Late fee"); category names
// cannot contain "/" (core/complaint.h), so the path splits unambiguously.
inline constexpr std::string_view kCategoryPathSeparator = " / ";
inline constexpr std::string_view kOtherLabel = "Other";

// The key of a count: a category or segment id, a text (product, channel),
// or none (uncategorised, no product, no segment, and the "Other" entry).
using CountKey = std::variant<std::monostate, std::int64_t, std::string>;

struct CountEntry {
  CountKey key;
  std::string label;
  std::int64_t count = 0;
  std::optional<std::int64_t> other_groups;  // set on the "Other" entry only: how many groups it sums
};

struct ParetoEntry {
  std::string label;
  std::int64_t count = 0;
  double share = 0;             // count / total
  double cumulative_share = 0;  // this and every larger one before it
  std::optional<std::int64_t> other_groups;  // as CountEntry
};

// How many levels `path` has: "Billing / Late fee" 2, "Billing" 1, "" 0.
int CategoryDepth(std::string_view path);

// The first `level` segments of `path`, or the whole path when it has no
// more than `level` (a complaint filed on a shallower node counts under that
// node). `level` >= 1.
std::string CategoryAtLevel(std::string_view path, int level);

// Counts by group: one entry per distinct (key, label) pair.
class GroupCounter {
 public:
  void Add(const CountKey& key, const std::string& label);
  // Every group, in the order above.
  std::vector<CountEntry> Sorted() const;
  std::size_t size() const { return entries_.size(); }

 private:
  std::map<std::pair<CountKey, std::string>, std::int64_t> entries_;
};

// The first `top` entries of `sorted` and, when more remain, one entry
// {key: none, label: "Other", count: their sum, other_groups: how many}
// last. Every entry when `top` is nullopt. `top` >= 1.
std::vector<CountEntry> KeepTop(std::vector<CountEntry> sorted, std::optional<std::size_t> top);

// The Pareto of `counts` (label -> count) out of `total` complaints, in the
// order above with each share and cumulative share (0 when total is 0),
// then cut as KeepTop with the "Other" entry's share being its sum's.
std::vector<ParetoEntry> ParetoOf(const std::map<std::string, std::int64_t>& counts, std::int64_t total,
                                  std::optional<std::size_t> top);

// [{key, label, count}] and [{label, count, share, cumulative_share}], with
// "other_groups" on the "Other" entry.
nlohmann::json ToJson(const std::vector<CountEntry>& entries);
nlohmann::json ToJson(const std::vector<ParetoEntry>& entries);

}  // namespace hearken::analytics
