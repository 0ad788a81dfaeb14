#include "cli/demo_seed.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

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

TEST(DemoSeedTest, DemoComplaintsCoverEveryStageAndTheCfpbHistory) {
  auto dir = std::filesystem::temp_directory_path() / ("hearken-demo-" + RandomToken(6));
  ManualClock clock{TimePoint(std::chrono::seconds(1'790'000'000))};
  auto store = OpenStore("sqlite:" + (dir / "h.db").string(), clock);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->Migrate().ok());

  DemoSeedOptions options{kChurnCsv, 20, std::string(HEARKEN_SOURCE_DIR) + "/demo/cfpb_complaints_sample_1000.csv"};
  auto summary = SeedDemo(**store, clock, options);
  ASSERT_TRUE(summary.ok()) << summary.error().message;
  EXPECT_EQ(summary->complaints, 1007);

  std::set<ComplaintState> states;
  ComplaintFilter live;
  live.intake = ComplaintIntake::kPublicForm;
  for (auto intake : {ComplaintIntake::kPublicForm, ComplaintIntake::kStaff, ComplaintIntake::kEmail}) {
    live.intake = intake;
    auto page = (*store)->complaints().ListComplaints(live, {});
    ASSERT_TRUE(page.ok());
    for (const auto& c : page->items) states.insert(c.state);
  }
  for (auto s : {ComplaintState::kReceived, ComplaintState::kAcknowledged, ComplaintState::kAssessed,
                 ComplaintState::kInvestigating, ComplaintState::kWaitingOnComplainant, ComplaintState::kResponded,
                 ComplaintState::kClosed})
    EXPECT_TRUE(states.count(s)) << ToString(s);
  auto actions = (*store)->corrective_actions().ListCorrectiveActions(std::nullopt, std::nullopt, {});
  ASSERT_TRUE(actions.ok());
  ASSERT_EQ(actions->total, 1);
  EXPECT_EQ(actions->items[0].complaint_ids.size(), 2u);
  auto volumes = (*store)->complaint_admin().ListPeriodVolumes();
  ASSERT_TRUE(volumes.ok());
  EXPECT_EQ(volumes->size(), 12u);
  auto verified = (*store)->audit().VerifyAudit();
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->intact);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace hearken
