#include "cli/demo_seed.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "analytics/complaint_analysis.h"
#include "analytics/complaint_facts.h"
#include "cli/cli.h"
#include "core/crypto.h"
#include "store/open_store.h"

namespace hearken {
namespace {

const std::string kChurnCsv = std::string(HEARKEN_SOURCE_DIR) + "/demo/ibm_telco_customer_churn.csv";

std::string ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream s;
  s << file.rdbuf();
  return s.str();
}

// Reference figures from shared/data/README.md, counted outside the project.
TEST(DemoSeedTest, TelcoParserReproducesTheReferenceCounts) {
  auto rows = ParseTelcoChurnCsv(ReadFile(kChurnCsv));
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  ASSERT_EQ(rows->size(), 7043u);
  std::map<std::string, std::pair<int, int>> by_contract;  // churned, total
  int churned = 0;
  double tenure_sum = 0;
  for (const auto& r : *rows) {
    churned += r.churned;
    tenure_sum += r.tenure_months;
    by_contract[r.contract].first += r.churned;
    by_contract[r.contract].second += 1;
  }
  EXPECT_EQ(churned, 1869);
  EXPECT_EQ(by_contract["Month-to-month"], std::make_pair(1655, 3875));
  EXPECT_EQ(by_contract["One year"], std::make_pair(166, 1473));
  EXPECT_EQ(by_contract["Two year"], std::make_pair(48, 1695));
  EXPECT_NEAR(tenure_sum / rows->size(), 32.371, 0.0005);
}

TEST(DemoSeedTest, ParserNamesTheBadLine) {
  auto rows = ParseTelcoChurnCsv("header\n1,2,3\n");
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(rows.error().message.find("line 2"), std::string::npos);
}

TEST(DemoSeedTest, SeedsAnEmptyRegisterOnceAndAuditsEverything) {
  auto dir = std::filesystem::temp_directory_path() / ("hearken-demo-" + RandomToken(6));
  ManualClock clock{TimePoint(std::chrono::seconds(1'790'000'000))};
  auto store = OpenStore("sqlite:" + (dir / "h.db").string(), clock);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->Migrate().ok());

  auto summary = SeedDemo(**store, clock, {kChurnCsv, 60});
  ASSERT_TRUE(summary.ok()) << summary.error().message;
  EXPECT_EQ(summary->segments, 3);
  EXPECT_EQ(summary->customers, 60);
  EXPECT_EQ(summary->requirements, 7);
  EXPECT_EQ(summary->communications, 25);

  auto first = (*store)->customers().ListCustomers({.search = "7590-VHVEG"}, {});
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->total, 1);
  EXPECT_EQ(first->items[0].external_ref, "7590-VHVEG");
  auto history = (*store)->audit().ListAudit({.customer_id = first->items[0].id}, {.limit = 100});
  ASSERT_TRUE(history.ok());
  EXPECT_GE(history->total, 3);  // created, its requirement created and reviewed, a communication

  auto again = SeedDemo(**store, clock, {kChurnCsv, 60});
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->already_seeded);
  auto verified = (*store)->audit().VerifyAudit();
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->intact);
  std::filesystem::remove_all(dir);
}

// The whole demo, as `make run` seeds it, read back through the real analysis.
TEST(DemoSeedTest, TelecomHistoryShowsThePlannedSpecialCausesAndLiveCasesAtEveryStage) {
  auto dir = std::filesystem::temp_directory_path() / ("hearken-demo-" + RandomToken(6));
  // Monday 21 September 2026, 07:13 in Los Angeles.
  ManualClock clock{TimePoint(std::chrono::seconds(1'790'000'000))};
  auto store = OpenStore("sqlite:" + (dir / "h.db").string(), clock);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->Migrate().ok());

  const auto started = std::chrono::steady_clock::now();
  auto summary = SeedDemo(**store, clock, {kChurnCsv, 0});
  ASSERT_TRUE(summary.ok()) << summary.error().message;
  std::cout << "demo seed of " << summary->complaints << " complaints took "
            << std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() << " s\n";
  EXPECT_EQ(summary->customers, 7043);

  // The survey: a year of answers, and the segments as a telecom's differ.
  EXPECT_EQ(summary->survey_answers, (7043 + 11) / 12);
  auto surveys = (*store)->surveys().ListSurveys({}, {});
  ASSERT_TRUE(surveys.ok());
  ASSERT_EQ(surveys->total, 1);
  EXPECT_EQ(surveys->items[0].answer_count, summary->survey_answers);
  std::map<std::string, std::pair<double, int>> nps_by_segment;  // sum, n
  auto segments = (*store)->customers().ListSegments("", {});
  ASSERT_TRUE(segments.ok());
  for (const auto& segment : segments->items) {
    SurveyAnswerFilter filter;
    filter.survey_id = surveys->items[0].id;
    filter.segment_id = segment.id;
    auto answers = (*store)->surveys().ScanSurveyAnswers(filter, 0, 5000);
    ASSERT_TRUE(answers.ok());
    for (const auto& a : *answers) {
      nps_by_segment[segment.name].first += a.nps.value_or(0);
      ++nps_by_segment[segment.name].second;
      EXPECT_LE(a.submitted_at, clock.Now());
      EXPECT_GT(a.submitted_at, clock.Now() - std::chrono::hours(24 * 366));
    }
  }
  ASSERT_EQ(nps_by_segment.size(), 3u);
  auto mean = [&](const char* fragment) {
    for (const auto& [name, v] : nps_by_segment)
      if (name.find(fragment) != std::string::npos) return v.first / v.second;
    return -1.0;
  };
  EXPECT_GT(mean("wo"), mean("onth")) << "two-year customers recommend more than month-to-month ones";

  // The tree: the five telecom areas, each with three to five children; nothing from the CFPB.
  auto categories = (*store)->complaint_admin().ListCategories();
  ASSERT_TRUE(categories.ok());
  std::map<std::string, int> children;
  for (const auto& c : *categories)
    if (!c.parent_id) children[c.name];
  for (const auto& c : *categories)
    if (c.parent_id) ++children[c.path.substr(0, c.path.find(" / "))];
  EXPECT_EQ(children.size(), 5u);
  for (const char* area : {"Billing", "Network", "Installation", "Contract", "Support"}) {
    ASSERT_TRUE(children.count(area)) << area;
    EXPECT_GE(children[area], 3) << area;
    EXPECT_LE(children[area], 5) << area;
  }

  // The analysis of every complete month (the current one is under way).
  auto settings = (*store)->complaint_admin().GetComplaintSettings();
  ASSERT_TRUE(settings.ok());
  auto calendar = BusinessCalendar::Create(settings->calendar);
  ASSERT_TRUE(calendar.ok());
  const auto today = calendar->LocalDate(clock.Now());
  const TimePoint this_month = calendar->StartOfLocalDay(today.year() / today.month() / 1);
  auto facts = analytics::LoadComplaintFacts(**store, {});
  ASSERT_TRUE(facts.ok());
  auto volumes = (*store)->complaint_admin().ListPeriodVolumes();
  ASSERT_TRUE(volumes.ok());
  EXPECT_EQ(volumes->size(), static_cast<size_t>(kDemoHistoryMonths));
  analytics::ComplaintAnalysisOptions complete;
  complete.to = this_month;
  auto analysis = analytics::AnalyseComplaints(*facts, *volumes, *calendar, settings->sla, complete);
  ASSERT_TRUE(analysis.ok()) << analysis.error().message;

  std::set<std::string> top_level;
  for (const auto& p : analysis->pareto_top_level) top_level.insert(p.label);
  EXPECT_EQ(top_level, (std::set<std::string>{"Billing", "Contract", "Installation", "Network", "Support"}));

  std::set<std::string> planned;
  for (const auto& cause : summary->special_causes) planned.insert(cause.period);
  ASSERT_EQ(planned.size(), 3u);
  ASSERT_TRUE(analysis->c_chart);
  std::set<std::string> out_of_control;
  for (const auto& point : analysis->c_chart->points)
    if (point.out_of_control) out_of_control.insert(point.period);
  EXPECT_EQ(out_of_control, planned) << "centre " << analysis->c_chart->center << ", UCL " << analysis->c_chart->ucl;
  ASSERT_TRUE(analysis->u_chart) << analysis->u_chart_note;
  EXPECT_EQ(analysis->u_chart->unit, "subscribers");
  std::set<std::string> u_out;
  for (const auto& point : analysis->u_chart->points)
    if (point.out_of_control) u_out.insert(point.period);
  EXPECT_EQ(u_out, planned);

  // Volumes: 23 complete months; about 245 a month, the special causes well above.
  ASSERT_EQ(analysis->by_period.size(), static_cast<size_t>(kDemoHistoryMonths - 1));
  for (const auto& p : analysis->by_period) {
    if (planned.count(p.period)) {
      EXPECT_GE(p.count, 330) << p.period;
      EXPECT_LE(p.count, 450) << p.period;
    } else {
      EXPECT_GE(p.count, 215) << p.period;
      EXPECT_LE(p.count, 280) << p.period;
    }
  }
  // Handling that looks like a real team's.
  ASSERT_TRUE(analysis->time_to_acknowledge.median_hours);
  EXPECT_LT(*analysis->time_to_acknowledge.median_hours, 4.0);
  ASSERT_TRUE(analysis->within_sla_resolve.share);
  EXPECT_GT(*analysis->within_sla_resolve.share, 0.80);
  EXPECT_LT(*analysis->within_sla_resolve.share, 0.97);
  ASSERT_TRUE(analysis->reopen_rate.rate);
  EXPECT_GT(*analysis->reopen_rate.rate, 0.01);
  EXPECT_LT(*analysis->reopen_rate.rate, 0.10);
  ASSERT_TRUE(analysis->satisfaction.mean);
  EXPECT_GT(analysis->satisfaction.n, 1000);
  EXPECT_GT(*analysis->satisfaction.mean, 3.0);
  EXPECT_LT(*analysis->satisfaction.mean, 4.5);
  std::set<std::string> channels;
  for (const auto& c : analysis->by_channel) channels.insert(c.label);
  for (const char* channel : {"phone", "email", "portal"}) EXPECT_TRUE(channels.count(channel)) << channel;

  // The live cases (no external reference) are at every stage; the history leaves open cases in the queues.
  auto all = (*store)->complaints().ScanComplaints({}, {0, 10000, ComplaintDetail::kFull});
  ASSERT_TRUE(all.ok());
  std::set<ComplaintState> live_states, open_history_states;
  for (const auto& c : *all) {
    if (c.intake.external_ref.empty()) live_states.insert(c.state);
    else if (IsOpen(c.state)) open_history_states.insert(c.state);
  }
  for (auto s : {ComplaintState::kReceived, ComplaintState::kAcknowledged, ComplaintState::kAssessed,
                 ComplaintState::kInvestigating, ComplaintState::kWaitingOnComplainant, ComplaintState::kResponded,
                 ComplaintState::kClosed})
    EXPECT_TRUE(live_states.count(s)) << ToString(s);
  for (auto s : {ComplaintState::kAcknowledged, ComplaintState::kAssessed, ComplaintState::kInvestigating,
                 ComplaintState::kResponded})
    EXPECT_TRUE(open_history_states.count(s)) << ToString(s);
  auto actions = (*store)->corrective_actions().ListCorrectiveActions(std::nullopt, std::nullopt, {});
  ASSERT_TRUE(actions.ok());
  ASSERT_EQ(actions->total, 1);
  EXPECT_EQ(actions->items[0].complaint_ids.size(), 2u);
  auto verified = (*store)->audit().VerifyAudit();
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->intact);
  std::filesystem::remove_all(dir);
}

// `hearken demo seed` on the command line: the choice of complaints, and a
// clear error for a missing data file.
TEST(DemoSeedTest, CommandSeedsWithoutComplaintsOnRequestAndNamesAMissingFile) {
  auto dir = std::filesystem::temp_directory_path() / ("hearken-demo-" + RandomToken(6));
  std::filesystem::create_directories(dir);
  const std::string url = "sqlite:" + (dir / "h.db").string();
  ManualClock clock{TimePoint(std::chrono::seconds(1'790'000'000))};
  std::istringstream in;
  std::ostringstream out, err;
  CliHooks hooks;
  hooks.open_store = [&](const std::string& u) { return OpenStore(u, clock); };
  hooks.clock = &clock;
  hooks.in = &in;
  hooks.out = &out;
  hooks.err = &err;
  auto run = [&](std::vector<std::string> args) {
    args.insert(args.begin(), "hearken");
    args.insert(args.begin() + 1, {"--db", url});
    std::vector<const char*> argv;
    for (const auto& a : args) argv.push_back(a.c_str());
    out.str("");
    err.str("");
    return RunCli(static_cast<int>(argv.size()), argv.data(), hooks);
  };
  ASSERT_EQ(run({"migrate"}), 0) << err.str();
  EXPECT_NE(run({"demo", "seed", "--complaints", "cfpb"}), 0);
  EXPECT_NE(run({"demo", "seed", "--churn-csv", (dir / "missing.csv").string()}), 0);
  EXPECT_NE(err.str().find("cannot read the demo data"), std::string::npos) << err.str();
  ASSERT_EQ(run({"demo", "seed", "--churn-csv", kChurnCsv, "--customers", "30", "--complaints", "none"}), 0)
      << err.str();
  EXPECT_NE(out.str().find("30 customers"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find(" 0 complaints"), std::string::npos) << out.str();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace hearken
