#include "analytics/breakdown.h"

#include <gtest/gtest.h>

namespace hearken::analytics {
namespace {

TEST(BreakdownTest, CategoryAtLevelRollsDeeperPathsUpAndKeepsShallowerOnes) {
  EXPECT_EQ(CategoryAtLevel("Billing / Late fee / Waived", 1), "Billing");
  EXPECT_EQ(CategoryAtLevel("Billing / Late fee / Waived", 2), "Billing / Late fee");
  EXPECT_EQ(CategoryAtLevel("Billing / Late fee / Waived", 3), "Billing / Late fee / Waived");
  EXPECT_EQ(CategoryAtLevel("Billing / Late fee / Waived", 6), "Billing / Late fee / Waived");
  EXPECT_EQ(CategoryAtLevel("Billing", 2), "Billing");
  EXPECT_EQ(CategoryAtLevel("", 1), "");
  EXPECT_EQ(CategoryDepth("Billing / Late fee / Waived"), 3);
  EXPECT_EQ(CategoryDepth("Billing"), 1);
  EXPECT_EQ(CategoryDepth(""), 0);
}

TEST(BreakdownTest, CounterSortsByCountThenLabelAndKeepsEqualLabelsOfOtherKeysApart) {
  GroupCounter counter;
  for (int i = 0; i < 2; ++i) counter.Add(CountKey{std::int64_t{7}}, "Beta");
  for (int i = 0; i < 2; ++i) counter.Add(CountKey{std::int64_t{3}}, "Alpha");
  counter.Add(CountKey{}, "Beta");  // same label, no key: another group
  for (int i = 0; i < 3; ++i) counter.Add(CountKey{std::int64_t{9}}, "Gamma");
  auto sorted = counter.Sorted();
  ASSERT_EQ(sorted.size(), 4u);
  EXPECT_EQ(sorted[0].label, "Gamma");
  EXPECT_EQ(sorted[1].label, "Alpha");
  EXPECT_EQ(sorted[2].label, "Beta");
  EXPECT_EQ(sorted[2].count, 2);
  EXPECT_EQ(sorted[3].count, 1);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(sorted[3].key));
}

TEST(BreakdownTest, KeepTopSumsTheRestIntoOneOtherEntryLast) {
  std::vector<CountEntry> sorted = {{std::int64_t{1}, "A", 9, {}},
                                    {std::int64_t{2}, "B", 5, {}},
                                    {std::int64_t{3}, "C", 4, {}},
                                    {std::int64_t{4}, "D", 4, {}},
                                    {std::int64_t{5}, "E", 1, {}}};
  auto top2 = KeepTop(sorted, 2);
  ASSERT_EQ(top2.size(), 3u);
  EXPECT_EQ(top2[0].label, "A");
  EXPECT_EQ(top2[1].label, "B");
  EXPECT_EQ(top2[2].label, "Other");
  EXPECT_EQ(top2[2].count, 9);  // 4 + 4 + 1
  EXPECT_EQ(top2[2].other_groups, 3);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(top2[2].key));
  EXPECT_FALSE(top2[0].other_groups.has_value());
  // No "Other" when every group fits, or with every group asked for.
  EXPECT_EQ(KeepTop(sorted, 5).size(), 5u);
  EXPECT_EQ(KeepTop(sorted, 50).size(), 5u);
  EXPECT_EQ(KeepTop(sorted, std::nullopt).size(), 5u);
}

TEST(BreakdownTest, ParetoWithOtherLastEndsAtTheWholeShare) {
  const std::map<std::string, std::int64_t> counts = {{"A", 10}, {"B", 6}, {"C", 2}, {"D", 1}, {"E", 1}};
  auto pareto = ParetoOf(counts, 20, 2);
  ASSERT_EQ(pareto.size(), 3u);
  EXPECT_EQ(pareto[0].label, "A");
  EXPECT_DOUBLE_EQ(pareto[0].share, 0.5);
  EXPECT_DOUBLE_EQ(pareto[0].cumulative_share, 0.5);
  EXPECT_EQ(pareto[1].label, "B");
  EXPECT_DOUBLE_EQ(pareto[1].share, 0.3);
  EXPECT_DOUBLE_EQ(pareto[1].cumulative_share, 0.8);
  EXPECT_EQ(pareto[2].label, "Other");
  EXPECT_EQ(pareto[2].count, 4);
  EXPECT_EQ(pareto[2].other_groups, 3);
  EXPECT_DOUBLE_EQ(pareto[2].share, 0.2);
  EXPECT_DOUBLE_EQ(pareto[2].cumulative_share, 1.0);
  // "Other" stays last even when it is the largest.
  auto top1 = ParetoOf(counts, 20, 1);
  ASSERT_EQ(top1.size(), 2u);
  EXPECT_EQ(top1[1].label, "Other");
  EXPECT_EQ(top1[1].count, 10);
  EXPECT_DOUBLE_EQ(top1[1].cumulative_share, 1.0);
  EXPECT_TRUE(ParetoOf({}, 0, 10).empty());
}

TEST(BreakdownTest, JsonCarriesOtherGroupsOnlyOnTheOtherEntry) {
  auto json = ToJson(KeepTop({{std::int64_t{1}, "A", 3, {}}, {std::string("b"), "B", 2, {}}, {CountKey{}, "C", 1, {}}}, 1));
  ASSERT_EQ(json.size(), 2u);
  EXPECT_EQ(json[0]["key"], 1);
  EXPECT_FALSE(json[0].contains("other_groups"));
  EXPECT_TRUE(json[1]["key"].is_null());
  EXPECT_EQ(json[1]["label"], "Other");
  EXPECT_EQ(json[1]["count"], 3);
  EXPECT_EQ(json[1]["other_groups"], 2);
}

}  // namespace
}  // namespace hearken::analytics
