#include "analytics/complaint_analysis.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/time_format.h"

#ifndef HEARKEN_ANALYTICS_TESTDATA
#error "HEARKEN_ANALYTICS_TESTDATA must name src/analytics/testdata"
#endif

namespace hearken::analytics {
namespace {

TimePoint At(const std::string& text) {
  auto t = ParseTimestamp(text);
  EXPECT_TRUE(t.ok()) << text;
  return t.ok() ? *t : TimePoint{};
}

// Monday to Friday 09:00-17:00 in `zone`, no holidays.
BusinessCalendar Calendar(const std::string& zone = "UTC") {
  CalendarSettings settings;
  settings.time_zone = zone;
  auto calendar = BusinessCalendar::Create(settings);
  EXPECT_TRUE(calendar.ok());
  return *calendar;
}

ComplaintFact Fact(const std::string& received) {
  ComplaintFact f;
  f.received_at = At(received);
  return f;
}

// One fact per complaint, `counts[i]` of them in the i-th month from
// `first_year`-01, received at noon UTC on days 1..28.
std::vector<ComplaintFact> MonthlyFacts(const std::vector<std::int64_t>& counts, int first_year) {
  std::vector<ComplaintFact> facts;
  for (std::size_t m = 0; m < counts.size(); ++m) {
    int year = first_year + static_cast<int>(m / 12);
    int month = static_cast<int>(m % 12) + 1;
    for (std::int64_t i = 0; i < counts[m]; ++i) {
      char buf[40];
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT12:00:00Z", year, month, static_cast<int>(i % 28) + 1);
      facts.push_back(Fact(buf));
    }
  }
  return facts;
}

// The CFPB sample's complaints received per month in 2025 (reference in
// /work/shared/data/README.md, complaints/cfpb_complaints_sample_1000.csv).
const std::vector<std::int64_t> kCfpb2025 = {38, 24, 25, 33, 40, 21, 36, 28, 33, 35, 37, 33};

TEST(ComplaintAnalysisTest, CfpbMonthlyCountsGiveTheReferenceCChart) {
  auto facts = MonthlyFacts(kCfpb2025, 2025);
  auto a = AnalyseComplaints(facts, {}, Calendar(), SlaPolicy{});
  ASSERT_TRUE(a.ok()) << a.error().message;
  EXPECT_EQ(a->total, 383);
  ASSERT_EQ(a->by_period.size(), 12u);
  EXPECT_EQ(a->by_period.front().period, "2025-01");
  EXPECT_EQ(a->by_period.back().period, "2025-12");
  for (std::size_t i = 0; i < 12; ++i) EXPECT_EQ(a->by_period[i].count, kCfpb2025[i]) << i;
  ASSERT_TRUE(a->c_chart.has_value());
  // c̄ = 383 / 12 = 31.9167; limits c̄ ± 3·√c̄ = 48.865 and 14.968 (computed
  // by hand from the README's counts; every month lies inside).
  EXPECT_NEAR(a->c_chart->center, 31.9167, 0.0001);
  EXPECT_NEAR(a->c_chart->ucl, 48.865, 0.001);
  EXPECT_NEAR(a->c_chart->lcl, 14.968, 0.001);
  ASSERT_EQ(a->c_chart->points.size(), 12u);
  for (const auto& p : a->c_chart->points) EXPECT_FALSE(p.out_of_control) << p.period;
  EXPECT_EQ(a->c_chart->points[4].value, 40);
  EXPECT_FALSE(a->u_chart.has_value());
  EXPECT_EQ(a->u_chart_note.rfind("no volume for 2025-01, 2025-02", 0), 0u) << a->u_chart_note;
}

TEST(ComplaintAnalysisTest, CircuitBoardSeriesAsMonthsReproducesMontgomeryTrialLimits) {
  std::ifstream in(std::string(HEARKEN_ANALYTICS_TESTDATA) + "/c_chart_circuit_boards.csv");
  ASSERT_TRUE(in.good());
  std::string line;
  std::getline(in, line);
  std::vector<std::int64_t> counts;
  std::size_t trial = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::stringstream fields(line);
    std::string sample, count, units, is_trial;
    std::getline(fields, sample, ',');
    std::getline(fields, count, ',');
    std::getline(fields, units, ',');
    std::getline(fields, is_trial, ',');
    counts.push_back(std::stoll(count));
    if (is_trial.rfind("true", 0) == 0) ++trial;
  }
  ASSERT_EQ(counts.size(), 46u);
  ASSERT_EQ(trial, 26u);
  ComplaintAnalysisOptions options;
  options.chart.trial_size = trial;
  auto a = AnalyseComplaints(MonthlyFacts(counts, 2020), {}, Calendar(), SlaPolicy{}, options);
  ASSERT_TRUE(a.ok()) << a.error().message;
  ASSERT_TRUE(a->c_chart.has_value());
  // Reference: c̄ = 19.846, UCL = 33.21, LCL = 6.48; units 6 and 20 outside.
  EXPECT_NEAR(a->c_chart->center, 19.846, 0.0005);
  EXPECT_NEAR(a->c_chart->ucl, 33.21, 0.005);
  EXPECT_NEAR(a->c_chart->lcl, 6.48, 0.005);
  ASSERT_EQ(a->c_chart->points.size(), 46u);
  EXPECT_TRUE(a->c_chart->points[5].out_of_control);
  EXPECT_EQ(a->c_chart->points[5].period, "2020-06");
  EXPECT_TRUE(a->c_chart->points[19].out_of_control);
  EXPECT_EQ(a->c_chart->points[19].period, "2021-08");
}

TEST(ComplaintAnalysisTest, PeriodsWithoutComplaintsAppearWithZeroCounts) {
  std::vector<ComplaintFact> facts = {Fact("2025-04-10T10:00:00Z"), Fact("2025-01-15T10:00:00Z"),
                                      Fact("2025-01-20T10:00:00Z")};
  auto a = AnalyseComplaints(facts, {}, Calendar(), SlaPolicy{});
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a->by_period.size(), 4u);
  EXPECT_EQ(a->by_period[0].period, "2025-01");
  EXPECT_EQ(a->by_period[0].count, 2);
  EXPECT_EQ(a->by_period[1].period, "2025-02");
  EXPECT_EQ(a->by_period[1].count, 0);
  EXPECT_EQ(a->by_period[2].count, 0);
  EXPECT_EQ(a->by_period[3].period, "2025-04");
  EXPECT_EQ(a->by_period[3].count, 1);
  ASSERT_TRUE(a->c_chart.has_value());
  EXPECT_EQ(a->c_chart->points.size(), 4u);
}

TEST(ComplaintAnalysisTest, FromAndToSetTheRangeAndLeaveOutsideComplaintsOut) {
  std::vector<ComplaintFact> facts = {Fact("2024-12-31T23:59:59Z"), Fact("2025-02-03T10:00:00Z"),
                                      Fact("2025-04-01T00:00:00Z")};
  ComplaintAnalysisOptions options;
  options.from = At("2025-01-01");
  options.to = At("2025-04-01");
  auto a = AnalyseComplaints(facts, {}, Calendar(), SlaPolicy{}, options);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->total, 1);
  ASSERT_EQ(a->by_period.size(), 3u);
  EXPECT_EQ(a->by_period[0].period, "2025-01");
  EXPECT_EQ(a->by_period[1].count, 1);
  EXPECT_EQ(a->by_period[2].period, "2025-03");
}

TEST(ComplaintAnalysisTest, WeeksAreIsoWeeksAcrossTheYearBoundary) {
  // Fri 2024-12-27 is 2024-W52; Thu 2025-01-02 is 2025-W01 (its week starts
  // Mon 2024-12-30); Mon 2025-01-13 is 2025-W03.
  std::vector<ComplaintFact> facts = {Fact("2024-12-27T10:00:00Z"), Fact("2024-12-30T08:00:00Z"),
                                      Fact("2025-01-02T10:00:00Z"), Fact("2025-01-13T10:00:00Z")};
  ComplaintAnalysisOptions options;
  options.period = AnalysisPeriod::kWeek;
  auto a = AnalyseComplaints(facts, {}, Calendar(), SlaPolicy{}, options);
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a->by_period.size(), 4u);
  EXPECT_EQ(a->by_period[0].period, "2024-W52");
  EXPECT_EQ(a->by_period[0].count, 1);
  EXPECT_EQ(a->by_period[1].period, "2025-W01");
  EXPECT_EQ(a->by_period[1].count, 2);
  EXPECT_EQ(a->by_period[2].period, "2025-W02");
  EXPECT_EQ(a->by_period[2].count, 0);
  EXPECT_EQ(a->by_period[3].period, "2025-W03");
  EXPECT_EQ(a->by_period[3].count, 1);
  // 2020 has 53 ISO weeks: Sunday 2021-01-03 still belongs to 2020-W53.
  EXPECT_EQ(*PeriodOf(At("2021-01-03T12:00:00Z"), AnalysisPeriod::kWeek, "UTC"), "2020-W53");
  EXPECT_EQ(*PeriodOf(At("2025-12-29T12:00:00Z"), AnalysisPeriod::kWeek, "UTC"), "2026-W01");
}

TEST(ComplaintAnalysisTest, PeriodsFollowTheCalendarTimeZone) {
  // 23:30 UTC on 31 January is 00:30 on 1 February in Berlin.
  std::vector<ComplaintFact> facts = {Fact("2025-01-31T23:30:00Z")};
  auto utc = AnalyseComplaints(facts, {}, Calendar("UTC"), SlaPolicy{});
  auto berlin = AnalyseComplaints(facts, {}, Calendar("Europe/Berlin"), SlaPolicy{});
  ASSERT_TRUE(utc.ok());
  ASSERT_TRUE(berlin.ok());
  EXPECT_EQ(utc->by_period.at(0).period, "2025-01");
  EXPECT_EQ(berlin->by_period.at(0).period, "2025-02");
}

TEST(ComplaintAnalysisTest, BusinessHourDurationsAndSlaSharesMatchHandCounts) {
  // Calendar Mon-Fri 09-17 UTC; 2025-01-06 is a Monday.
  std::vector<ComplaintFact> facts;
  ComplaintFact f1 = Fact("2025-01-06T10:00:00Z");  // ack 2 h; response Tue 10:00 = 8 h
  f1.acknowledged_at = At("2025-01-06T12:00:00Z");
  f1.responded_at = At("2025-01-07T10:00:00Z");
  f1.severity = 1;  // resolve target 4 business hours in the policy below: breached
  ComplaintFact f2 = Fact("2025-01-10T16:00:00Z");  // Fri; ack Mon 11:00 = 1 + 2 = 3 h
  f2.acknowledged_at = At("2025-01-13T11:00:00Z");
  f2.responded_at = At("2025-01-24T16:00:00Z");  // 1 + 40 + 32 + 7 = 80 h, exactly 10 days: within
  ComplaintFact f3 = Fact("2025-01-11T12:00:00Z");  // Sat; ack Mon 09:30 = 0.5 h
  f3.acknowledged_at = At("2025-01-13T09:30:00Z");
  f3.closed_at = At("2025-01-13T17:00:00Z");  // no response time: closure counts, 8 h
  ComplaintFact f4 = Fact("2025-01-06T09:00:00Z");  // ack Tue 17:00 = 16 h, after 1 day
  f4.acknowledged_at = At("2025-01-07T17:00:00Z");
  ComplaintFact f5 = Fact("2025-01-06T09:00:00Z");  // withdrawn unanswered: moot clocks
  f5.state = ComplaintState::kWithdrawn;
  f5.ack_stopped_at = At("2025-01-06T09:10:00Z");
  f5.resolve_stopped_at = At("2025-01-06T09:10:00Z");
  facts = {f1, f2, f3, f4, f5};
  SlaPolicy policy;  // acknowledge 1 business day, resolve 10 business days
  policy.by_severity[0].resolve = {4, SlaUnit::kBusinessHours};

  auto a = AnalyseComplaints(facts, {}, Calendar(), policy);
  ASSERT_TRUE(a.ok()) << a.error().message;
  // Acknowledge: 0.5, 2, 3, 16 h -> median 2.5; p90: h = 2.7 -> 3 + 0.7 * 13 = 12.1.
  EXPECT_EQ(a->time_to_acknowledge.n, 4);
  EXPECT_NEAR(*a->time_to_acknowledge.median_hours, 2.5, 1e-9);
  EXPECT_NEAR(*a->time_to_acknowledge.p90_hours, 12.1, 1e-9);
  // Resolve: 8, 8, 80 h -> median 8; p90: h = 1.8 -> 8 + 0.8 * 72 = 65.6.
  EXPECT_EQ(a->time_to_resolve.n, 3);
  EXPECT_NEAR(*a->time_to_resolve.median_hours, 8, 1e-9);
  EXPECT_NEAR(*a->time_to_resolve.p90_hours, 65.6, 1e-9);
  EXPECT_EQ(a->within_sla_acknowledge.n, 4);
  EXPECT_EQ(a->within_sla_acknowledge.within, 3);
  EXPECT_NEAR(*a->within_sla_acknowledge.share, 0.75, 1e-12);
  EXPECT_EQ(a->within_sla_resolve.n, 3);
  EXPECT_EQ(a->within_sla_resolve.within, 2);
}

TEST(ComplaintAnalysisTest, ParetoSortsCategoriesAndAccumulatesShares) {
  std::vector<ComplaintFact> facts;
  auto add = [&facts](std::optional<Id> id, const std::string& path, int n) {
    for (int i = 0; i < n; ++i) {
      ComplaintFact f = Fact("2025-03-03T10:00:00Z");
      f.category_id = id;
      f.category_path = path;
      facts.push_back(f);
    }
  };
  add(3, "Mortgage / FHA mortgage", 2);
  add(std::nullopt, "", 1);
  add(1, "Mortgage / Conventional home mortgage", 3);
  add(4, "Debt collection", 1);
  add(2, "Credit card / Billing dispute", 2);
  ComplaintAnalysisOptions full_paths;
  full_paths.category_level = 2;  // every category here is at most two deep
  auto a = AnalyseComplaints(facts, {}, Calendar(), SlaPolicy{}, full_paths);
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a->pareto.size(), 5u);
  const std::vector<std::string> order = {"Mortgage / Conventional home mortgage", "Credit card / Billing dispute",
                                          "Mortgage / FHA mortgage", "(uncategorised)", "Debt collection"};
  const std::vector<double> cumulative = {3.0 / 9, 5.0 / 9, 7.0 / 9, 8.0 / 9, 1.0};
  for (std::size_t i = 0; i < order.size(); ++i) {
    EXPECT_EQ(a->pareto[i].label, order[i]) << i;
    EXPECT_NEAR(a->pareto[i].cumulative_share, cumulative[i], 1e-12) << i;
  }
  EXPECT_NEAR(a->pareto[0].share, 3.0 / 9, 1e-12);
  ASSERT_EQ(a->pareto_top_level.size(), 4u);
  EXPECT_EQ(a->pareto_top_level[0].label, "Mortgage");
  EXPECT_EQ(a->pareto_top_level[0].count, 5);
  EXPECT_EQ(a->pareto_top_level[1].label, "Credit card");
  EXPECT_NEAR(a->pareto_top_level[1].cumulative_share, 7.0 / 9, 1e-12);
  EXPECT_NEAR(a->pareto_top_level[3].cumulative_share, 1.0, 1e-12);
  // by_category keys on the id; the uncategorised entry has no key.
  ASSERT_EQ(a->by_category.size(), 5u);
  EXPECT_EQ(std::get<std::int64_t>(a->by_category[0].key), 1);
  EXPECT_EQ(a->by_category[0].count, 3);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(a->by_category[3].key));
}

// Categories of a three-level tree: Billing (10) > Late fee (11), Refund
// (13) > Slow (12); Delivery (20) > Damaged (21).
const std::map<std::string, Id> kTreeIds = {{"Billing", 10},
                                            {"Billing / Late fee", 11},
                                            {"Billing / Refund", 13},
                                            {"Billing / Refund / Slow", 12},
                                            {"Delivery", 20},
                                            {"Delivery / Damaged", 21}};

std::vector<ComplaintFact> TreeFacts() {
  std::vector<ComplaintFact> facts;
  auto add = [&facts](std::optional<Id> id, const std::string& path, int n) {
    for (int i = 0; i < n; ++i) {
      ComplaintFact f = Fact("2025-03-03T10:00:00Z");
      f.category_id = id;
      f.category_path = path;
      facts.push_back(f);
    }
  };
  add(11, "Billing / Late fee", 3);
  add(12, "Billing / Refund / Slow", 2);
  add(10, "Billing", 1);  // filed on the top node itself
  add(21, "Delivery / Damaged", 2);
  add(std::nullopt, "", 1);
  return facts;
}

TEST(ComplaintAnalysisTest, CategoryLevelRollsComplaintsUpToTheirNodeAtThatLevel) {
  ComplaintAnalysisOptions options;
  options.category_ids_by_path = kTreeIds;
  auto top = AnalyseComplaints(TreeFacts(), {}, Calendar(), SlaPolicy{}, options);  // level 1 by default
  ASSERT_TRUE(top.ok()) << top.error().message;
  EXPECT_EQ(top->category_level, 1);
  EXPECT_EQ(top->category_depth, 3);
  EXPECT_EQ(top->category_groups, 3);
  ASSERT_EQ(top->by_category.size(), 3u);
  EXPECT_EQ(top->by_category[0].label, "Billing");
  EXPECT_EQ(top->by_category[0].count, 6);
  EXPECT_EQ(std::get<std::int64_t>(top->by_category[0].key), 10);
  EXPECT_EQ(top->by_category[1].label, "Delivery");
  EXPECT_EQ(top->by_category[1].count, 2);
  EXPECT_EQ(std::get<std::int64_t>(top->by_category[1].key), 20);
  EXPECT_EQ(top->by_category[2].label, "(uncategorised)");
  ASSERT_EQ(top->pareto.size(), 3u);
  EXPECT_NEAR(top->pareto[0].share, 6.0 / 9, 1e-12);
  EXPECT_NEAR(top->pareto[1].cumulative_share, 8.0 / 9, 1e-12);
  EXPECT_NEAR(top->pareto[2].cumulative_share, 1.0, 1e-12);

  options.category_level = 2;
  auto second = AnalyseComplaints(TreeFacts(), {}, Calendar(), SlaPolicy{}, options);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->category_groups, 5);
  std::vector<std::pair<std::string, std::int64_t>> seen;
  for (const auto& e : second->by_category) seen.emplace_back(e.label, e.count);
  const std::vector<std::pair<std::string, std::int64_t>> expected = {{"Billing / Late fee", 3},
                                                                      {"Billing / Refund", 2},
                                                                      {"Delivery / Damaged", 2},
                                                                      {"(uncategorised)", 1},
                                                                      {"Billing", 1}};
  EXPECT_EQ(seen, expected);
  // The Refund group is keyed by its node (13), not by the complaints' own Slow (12).
  EXPECT_EQ(std::get<std::int64_t>(second->by_category[1].key), 13);
  EXPECT_EQ(std::get<std::int64_t>(second->by_category[4].key), 10);
  EXPECT_EQ(second->pareto[1].label, "Billing / Refund");

  options.category_level = 3;
  auto third = AnalyseComplaints(TreeFacts(), {}, Calendar(), SlaPolicy{}, options);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->by_category[1].label, "Billing / Refund / Slow");
  EXPECT_EQ(std::get<std::int64_t>(third->by_category[1].key), 12);
  // pareto_top_level stays at the top level whatever the level.
  EXPECT_EQ(third->pareto_top_level[0].label, "Billing");
  EXPECT_EQ(third->pareto_top_level[0].count, 6);
}

TEST(ComplaintAnalysisTest, TopKeepsTheLargestGroupsAndSumsTheRestAsOther) {
  // 25 top-level categories, C01 with 1 complaint .. C25 with 25: 325 in all.
  std::vector<ComplaintFact> facts;
  for (int c = 1; c <= 25; ++c) {
    char name[8];
    std::snprintf(name, sizeof name, "C%02d", c);
    for (int i = 0; i < c; ++i) {
      ComplaintFact f = Fact("2025-03-03T10:00:00Z");
      f.category_id = c;
      f.category_path = name;
      f.product = name;
      facts.push_back(f);
    }
  }
  auto a = AnalyseComplaints(facts, {}, Calendar(), SlaPolicy{});  // top 10 by default
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->top, 10u);
  EXPECT_EQ(a->category_groups, 25);
  ASSERT_EQ(a->by_category.size(), 11u);
  EXPECT_EQ(a->by_category[0].label, "C25");
  EXPECT_EQ(a->by_category[9].label, "C16");
  EXPECT_EQ(a->by_category[10].label, "Other");
  EXPECT_EQ(a->by_category[10].count, 120);  // 1 + 2 + ... + 15
  EXPECT_EQ(a->by_category[10].other_groups, 15);
  ASSERT_EQ(a->pareto.size(), 11u);
  EXPECT_NEAR(a->pareto[9].cumulative_share, 205.0 / 325, 1e-12);  // 25 + 24 + ... + 16
  EXPECT_EQ(a->pareto[10].count, 120);
  EXPECT_NEAR(a->pareto[10].share, 120.0 / 325, 1e-12);
  EXPECT_NEAR(a->pareto[10].cumulative_share, 1.0, 1e-12);
  EXPECT_EQ(a->pareto[10].other_groups, 15);
  ASSERT_EQ(a->by_product.size(), 11u);
  EXPECT_EQ(a->by_product[10].count, 120);

  ComplaintAnalysisOptions three;
  three.top = 3;
  auto cut = AnalyseComplaints(facts, {}, Calendar(), SlaPolicy{}, three);
  ASSERT_TRUE(cut.ok());
  ASSERT_EQ(cut->by_category.size(), 4u);
  EXPECT_EQ(cut->by_category[3].count, 325 - 25 - 24 - 23);
  EXPECT_EQ(cut->by_category[3].other_groups, 22);

  ComplaintAnalysisOptions all;
  all.top = std::nullopt;
  auto every = AnalyseComplaints(facts, {}, Calendar(), SlaPolicy{}, all);
  ASSERT_TRUE(every.ok());
  EXPECT_EQ(every->by_category.size(), 25u);
  EXPECT_EQ(every->pareto.size(), 25u);
  EXPECT_TRUE(ToJson(*every)["top"].is_null());
}

TEST(ComplaintAnalysisTest, CategoryLevelAndTopAreChecked) {
  ComplaintAnalysisOptions level;
  level.category_level = 0;
  auto bad_level = AnalyseComplaints(TreeFacts(), {}, Calendar(), SlaPolicy{}, level);
  ASSERT_FALSE(bad_level.ok());
  EXPECT_EQ(bad_level.error().fields[0].field, "category_level");
  ComplaintAnalysisOptions top;
  top.top = 0;
  auto bad_top = AnalyseComplaints(TreeFacts(), {}, Calendar(), SlaPolicy{}, top);
  ASSERT_FALSE(bad_top.ok());
  EXPECT_EQ(bad_top.error().fields[0].field, "top");
}

// The month holding `now` has only begun: its low count so far is no signal,
// and it would pull the limits down if it set them.
TEST(ComplaintAnalysisTest, TheRunningPeriodSetsNoLimitsAndIsNeverFlagged) {
  const std::vector<std::int64_t> counts = {20, 20, 20, 20, 20, 2};  // January to June 2025
  auto judged = AnalyseComplaints(MonthlyFacts(counts, 2025), {}, Calendar(), SlaPolicy{});
  ASSERT_TRUE(judged.ok()) << judged.error().message;
  // Over: c̄ = 102 / 6 = 17, LCL = 17 − 3·√17 = 4.63, so June's 2 is flagged.
  EXPECT_DOUBLE_EQ(judged->c_chart->center, 17.0);
  EXPECT_TRUE(judged->c_chart->points[5].out_of_control);

  ComplaintAnalysisOptions options;
  options.now = At("2025-06-02T12:00:00Z");
  auto a = AnalyseComplaints(MonthlyFacts(counts, 2025), {}, Calendar(), SlaPolicy{}, options);
  ASSERT_TRUE(a.ok()) << a.error().message;
  // Running: c̄ = 20 from January to May, and June is only marked partial.
  EXPECT_DOUBLE_EQ(a->c_chart->center, 20.0);
  EXPECT_EQ(a->c_chart->baseline.to, "2025-05");
  EXPECT_EQ(a->c_chart->baseline.periods, 5);
  EXPECT_FALSE(a->c_chart->points[5].out_of_control);
  EXPECT_TRUE(a->c_chart->points[5].partial);
  EXPECT_FALSE(a->c_chart->points[4].partial);
  EXPECT_EQ(ToJson(*a)["c_chart"]["points"][5]["partial"], true);
  // A chosen baseline that runs into June stops before it.
  options.baseline_from = "2025-02";
  options.baseline_to = "2025-06";
  auto chosen = AnalyseComplaints(MonthlyFacts(counts, 2025), {}, Calendar(), SlaPolicy{}, options);
  ASSERT_TRUE(chosen.ok()) << chosen.error().message;
  EXPECT_EQ(chosen->c_chart->baseline.to, "2025-05");
  EXPECT_EQ(chosen->c_chart->baseline.periods, 4);
  // Once June is over it counts like any other month.
  options = {};
  options.now = At("2025-07-01T08:00:00Z");
  auto later = AnalyseComplaints(MonthlyFacts(counts, 2025), {}, Calendar(), SlaPolicy{}, options);
  ASSERT_TRUE(later.ok());
  EXPECT_TRUE(later->c_chart->points[5].out_of_control);
  EXPECT_FALSE(later->c_chart->points[5].partial);
}

TEST(ComplaintAnalysisTest, BaselineSetsTheLimitsFromItsPeriodsOnly) {
  // 2025: a quiet spring and summer, a rough February and autumn.
  const std::vector<std::int64_t> counts = {9, 30, 4, 5, 6, 5, 4, 6, 14, 15, 16, 20};
  std::vector<PeriodVolume> volumes;
  for (int m = 1; m <= 12; ++m) {
    char key[8];
    std::snprintf(key, sizeof key, "2025-%02d", m);
    volumes.push_back({key, 100, "orders"});
  }
  ComplaintAnalysisOptions options;
  options.baseline_from = "2025-03";
  options.baseline_to = "2025-08";
  auto a = AnalyseComplaints(MonthlyFacts(counts, 2025), volumes, Calendar(), SlaPolicy{}, options);
  ASSERT_TRUE(a.ok()) << a.error().message;
  ASSERT_TRUE(a->c_chart.has_value());
  // By hand: c̄ = (4 + 5 + 6 + 5 + 4 + 6) / 6 = 5, UCL = 5 + 3·√5 = 11.7082,
  // LCL = max(0, 5 − 6.7082) = 0; out: February (30) and September to
  // December (14, 15, 16, 20); January's 9 is inside.
  EXPECT_DOUBLE_EQ(a->c_chart->center, 5.0);
  EXPECT_NEAR(a->c_chart->ucl, 11.7082, 0.0001);
  EXPECT_EQ(a->c_chart->lcl, 0.0);
  EXPECT_EQ(a->c_chart->baseline.from, "2025-03");
  EXPECT_EQ(a->c_chart->baseline.to, "2025-08");
  EXPECT_EQ(a->c_chart->baseline.periods, 6);
  for (std::size_t i = 0; i < 12; ++i) {
    EXPECT_EQ(a->c_chart->points[i].used_for_limits, i >= 2 && i <= 7) << i;
    EXPECT_EQ(a->c_chart->points[i].out_of_control, i == 1 || i >= 8) << i;
  }
  // The u-chart takes the same baseline: ū = 30 / 600 = 0.05,
  // UCL = 0.05 + 3·√(0.05 / 100) = 0.117082.
  ASSERT_TRUE(a->u_chart.has_value()) << a->u_chart_note;
  EXPECT_NEAR(a->u_chart->center, 0.05, 1e-12);
  EXPECT_NEAR(a->u_chart->points[0].ucl, 0.117082, 1e-6);
  EXPECT_EQ(a->u_chart->baseline.periods, 6);
  EXPECT_FALSE(a->u_chart->points[0].used_for_limits);
  auto json = ToJson(*a);
  EXPECT_EQ(json["c_chart"]["baseline"], (nlohmann::json{{"from", "2025-03"}, {"to", "2025-08"}, {"periods", 6}}));
  EXPECT_EQ(json["c_chart"]["points"][2]["used_for_limits"], true);
  EXPECT_EQ(json["u_chart"]["points"][8]["used_for_limits"], false);

  // Only a start: from there to the last period, (4 + … + 20) / 10 = 9.5.
  ComplaintAnalysisOptions from_only;
  from_only.baseline_from = "2025-03";
  auto open_end = AnalyseComplaints(MonthlyFacts(counts, 2025), {}, Calendar(), SlaPolicy{}, from_only);
  ASSERT_TRUE(open_end.ok());
  EXPECT_DOUBLE_EQ(open_end->c_chart->center, 9.5);
  EXPECT_EQ(open_end->c_chart->baseline.to, "2025-12");
  // Without a baseline every period sets the limits: 134 / 12.
  auto all = AnalyseComplaints(MonthlyFacts(counts, 2025), {}, Calendar(), SlaPolicy{});
  ASSERT_TRUE(all.ok());
  EXPECT_NEAR(all->c_chart->center, 134.0 / 12, 1e-12);
  EXPECT_EQ(all->c_chart->baseline.from, "2025-01");
  EXPECT_EQ(all->c_chart->baseline.periods, 12);
}

TEST(ComplaintAnalysisTest, BaselineMustBePeriodsOfTheRangeInOrder) {
  auto facts = MonthlyFacts({1, 2, 3}, 2025);
  auto field_of = [&facts](std::optional<std::string> from, std::optional<std::string> to,
                           AnalysisPeriod period = AnalysisPeriod::kMonth) {
    ComplaintAnalysisOptions options;
    options.period = period;
    options.baseline_from = std::move(from);
    options.baseline_to = std::move(to);
    auto a = AnalyseComplaints(facts, {}, Calendar(), SlaPolicy{}, options);
    return a.ok() || a.error().fields.empty() ? std::string() : a.error().fields[0].field;
  };
  EXPECT_EQ(field_of("2024-12", std::nullopt), "baseline_from");
  EXPECT_EQ(field_of(std::nullopt, "2025-04"), "baseline_to");
  EXPECT_EQ(field_of("2025-03", "2025-02"), "baseline_to");
  EXPECT_EQ(field_of("2025-01", std::nullopt, AnalysisPeriod::kWeek), "baseline_from");  // a month among weeks
  EXPECT_EQ(field_of("2025-02", "2025-02"), "");
  EXPECT_TRUE(IsPeriodKey("2025-W03", AnalysisPeriod::kWeek));
  EXPECT_FALSE(IsPeriodKey("2025-W03", AnalysisPeriod::kMonth));
  EXPECT_FALSE(IsPeriodKey("2025-13", AnalysisPeriod::kMonth));
  EXPECT_FALSE(IsPeriodKey("2025-W54", AnalysisPeriod::kWeek));
  EXPECT_FALSE(IsPeriodKey("25-01", AnalysisPeriod::kMonth));
}

TEST(ComplaintAnalysisTest, CountsByProductSegmentAndChannel) {
  std::vector<ComplaintFact> facts(4, Fact("2025-03-03T10:00:00Z"));
  facts[0].product = "Boiler X";
  facts[1].product = "Boiler X";
  facts[0].segment_id = 7;
  facts[0].segment_name = "Retail";
  facts[1].channel = Channel::kEmail;
  auto a = AnalyseComplaints(facts, {}, Calendar(), SlaPolicy{});
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a->by_product.size(), 2u);
  EXPECT_EQ(a->by_product[0].label, "(no product)");  // 2 each: label order decides
  EXPECT_EQ(a->by_product[1].label, "Boiler X");
  EXPECT_EQ(std::get<std::string>(a->by_product[1].key), "Boiler X");
  ASSERT_EQ(a->by_segment.size(), 2u);
  EXPECT_EQ(a->by_segment[0].label, "(no segment)");
  EXPECT_EQ(a->by_segment[0].count, 3);
  EXPECT_EQ(std::get<std::int64_t>(a->by_segment[1].key), 7);
  ASSERT_EQ(a->by_channel.size(), 2u);
  EXPECT_EQ(a->by_channel[0].label, "portal");
  EXPECT_EQ(a->by_channel[0].count, 3);
  EXPECT_EQ(a->by_channel[1].label, "email");
}

TEST(ComplaintAnalysisTest, ReopenRateCountsEverClosedComplaints) {
  std::vector<ComplaintFact> facts(4, Fact("2025-03-03T10:00:00Z"));
  facts[0].closed_at = At("2025-03-04T10:00:00Z");                         // closed once
  facts[1].closed_at = At("2025-03-10T10:00:00Z");                         // closed again after a reopening
  facts[1].reopen_count = 1;
  facts[2].reopen_count = 2;  // reopened, now open again
  auto a = AnalyseComplaints(facts, {}, Calendar(), SlaPolicy{});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->reopen_rate.closed, 3);
  EXPECT_EQ(a->reopen_rate.reopened, 2);
  EXPECT_NEAR(*a->reopen_rate.rate, 2.0 / 3, 1e-12);
}

TEST(ComplaintAnalysisTest, SatisfactionIgnoresMissingAndOutOfRangeRatings) {
  std::vector<ComplaintFact> facts(6, Fact("2025-03-03T10:00:00Z"));
  facts[0].rating = 5;
  facts[1].rating = 4;
  facts[2].rating = 4;
  facts[3].rating = 1;
  facts[5].rating = 7;
  auto a = AnalyseComplaints(facts, {}, Calendar(), SlaPolicy{});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->satisfaction.n, 4);
  EXPECT_NEAR(*a->satisfaction.mean, 3.5, 1e-12);
  EXPECT_EQ(a->satisfaction.distribution, (std::array<std::int64_t, 5>{1, 0, 0, 2, 1}));
}

TEST(ComplaintAnalysisTest, UChartNeedsAVolumeForEveryPeriod) {
  std::vector<ComplaintFact> facts = MonthlyFacts({2, 4, 3}, 2025);
  std::vector<PeriodVolume> volumes = {{"2025-01", 100, "orders"}, {"2025-03", 150, "orders"},
                                       {"2025-W05", 10, "orders"}};
  auto missing = AnalyseComplaints(facts, volumes, Calendar(), SlaPolicy{});
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->u_chart.has_value());
  EXPECT_EQ(missing->u_chart_note, "no volume for 2025-02");
  EXPECT_TRUE(ToJson(*missing)["u_chart"].is_null());

  volumes.push_back({"2025-02", 50, "orders"});
  auto a = AnalyseComplaints(facts, volumes, Calendar(), SlaPolicy{});
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(a->u_chart.has_value());
  EXPECT_TRUE(a->u_chart_note.empty());
  EXPECT_EQ(a->u_chart->unit, "orders");
  EXPECT_NEAR(a->u_chart->center, 9.0 / 300, 1e-12);
  ASSERT_EQ(a->u_chart->points.size(), 3u);
  EXPECT_EQ(a->u_chart->points[1].period, "2025-02");
  EXPECT_EQ(a->u_chart->points[1].count, 4);
  EXPECT_NEAR(a->u_chart->points[1].value, 0.08, 1e-12);
  // UCL for n = 50: ū + 3·√(ū/50).
  EXPECT_NEAR(a->u_chart->points[1].ucl, 0.03 + 3 * std::sqrt(0.03 / 50), 1e-12);
}

TEST(ComplaintAnalysisTest, EmptyInputGivesZerosAndNoCharts) {
  auto a = AnalyseComplaints({}, {}, Calendar(), SlaPolicy{});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->total, 0);
  EXPECT_TRUE(a->by_period.empty());
  EXPECT_TRUE(a->pareto.empty());
  EXPECT_FALSE(a->c_chart.has_value());
  EXPECT_FALSE(a->u_chart.has_value());
  EXPECT_FALSE(a->time_to_acknowledge.median_hours.has_value());
  auto json = ToJson(*a);
  EXPECT_TRUE(json["c_chart"].is_null());
  EXPECT_TRUE(json["time_to_resolve"]["median_hours"].is_null());
  EXPECT_TRUE(json["reopen_rate"]["rate"].is_null());
  EXPECT_TRUE(json["satisfaction"]["mean"].is_null());
  EXPECT_EQ(json["satisfaction"]["distribution"].size(), 5u);

  // With a range, the periods are there with zero counts.
  ComplaintAnalysisOptions options;
  options.from = At("2025-01-01");
  options.to = At("2025-04-01");
  auto ranged = AnalyseComplaints({}, {}, Calendar(), SlaPolicy{}, options);
  ASSERT_TRUE(ranged.ok()) << ranged.error().message;
  ASSERT_EQ(ranged->by_period.size(), 3u);
  ASSERT_TRUE(ranged->c_chart.has_value());
  EXPECT_EQ(ranged->c_chart->center, 0);
}

TEST(ComplaintAnalysisTest, RefusesAnInvertedOrHugeRange) {
  ComplaintAnalysisOptions options;
  options.from = At("2025-02-01");
  options.to = At("2025-01-01");
  auto inverted = AnalyseComplaints({}, {}, Calendar(), SlaPolicy{}, options);
  ASSERT_FALSE(inverted.ok());
  EXPECT_EQ(inverted.error().code, ErrorCode::kInvalidArgument);
  options.from = At("1000-01-01");
  auto huge = AnalyseComplaints({}, {}, Calendar(), SlaPolicy{}, options);
  ASSERT_FALSE(huge.ok());
  EXPECT_EQ(huge.error().code, ErrorCode::kInvalidArgument);
  // A chart option that does not fit the range is refused too.
  ComplaintAnalysisOptions trial;
  trial.chart.trial_size = 5;
  EXPECT_FALSE(AnalyseComplaints(MonthlyFacts({1, 2}, 2025), {}, Calendar(), SlaPolicy{}, trial).ok());
}

TEST(ComplaintAnalysisTest, JsonUsesTheDocumentedSnakeCaseShape) {
  std::vector<ComplaintFact> facts = MonthlyFacts({1, 0, 2}, 2025);
  facts[0].acknowledged_at = At("2025-01-01T14:00:00Z");  // Wed 01-01 12:00 -> 14:00: 2 h
  auto a = AnalyseComplaints(facts, {}, Calendar(), SlaPolicy{});
  ASSERT_TRUE(a.ok());
  auto json = ToJson(*a);
  for (const char* key : {"period", "total", "category_level", "category_depth", "category_groups", "top", "by_category", "by_product", "by_segment", "by_channel", "by_period",
                          "pareto", "pareto_top_level", "time_to_acknowledge", "time_to_resolve", "within_sla",
                          "reopen_rate", "satisfaction", "c_chart", "u_chart", "u_chart_note"})
    EXPECT_TRUE(json.contains(key)) << key;
  EXPECT_EQ(json["period"], "month");
  EXPECT_EQ(json["total"], 3);
  EXPECT_EQ(json["by_period"][1]["period"], "2025-02");
  EXPECT_EQ(json["by_period"][1]["count"], 0);
  EXPECT_TRUE(json["by_category"][0]["key"].is_null());
  EXPECT_EQ(json["by_category"][0]["label"], "(uncategorised)");
  EXPECT_EQ(json["by_channel"][0]["key"], "portal");
  EXPECT_EQ(json["time_to_acknowledge"]["n"], 1);
  EXPECT_DOUBLE_EQ(json["time_to_acknowledge"]["median_hours"].get<double>(), 2.0);
  EXPECT_EQ(json["within_sla"]["acknowledge"]["within"], 1);
  EXPECT_EQ(json["within_sla"]["resolve"]["n"], 0);
  EXPECT_TRUE(json["within_sla"]["resolve"]["share"].is_null());
  EXPECT_EQ(json["c_chart"]["points"].size(), 3u);
  EXPECT_TRUE(json["c_chart"]["points"][0].contains("out_of_control"));
  EXPECT_TRUE(json["c_chart"].contains("center"));
  EXPECT_EQ(json["c_chart"]["baseline"]["periods"], 3);
  EXPECT_EQ(json["c_chart"]["points"][0]["used_for_limits"], true);
  EXPECT_EQ(json["top"], 10);
  EXPECT_EQ(json["category_level"], 1);
  EXPECT_EQ(json["pareto"][0]["cumulative_share"], 1.0);
}

}  // namespace
}  // namespace hearken::analytics
