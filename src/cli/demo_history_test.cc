#include "cli/demo_history.h"

#include <gtest/gtest.h>

#include <set>

#include "cli/demo_categories.h"
#include "core/complaint.h"

namespace hearken {
namespace {

// A few hundred customers of every kind the weights tell apart.
std::vector<DemoCustomer> Customers(int n) {
  static const char* kInternet[] = {"Fiber optic", "DSL", "No"};
  static const char* kContracts[] = {"Month-to-month", "One year", "Two year"};
  static const char* kPayments[] = {"Electronic check", "Mailed check", "Bank transfer (automatic)",
                                    "Credit card (automatic)"};
  std::vector<DemoCustomer> out;
  for (int i = 0; i < n; ++i) {
    DemoCustomer c;
    c.id = i + 1;
    c.name = "Customer " + std::to_string(i);
    c.email = "c" + std::to_string(i) + "@example.net";
    c.site = "California";
    c.row.customer_id = std::to_string(i);
    c.row.tenure_months = i % 72;
    c.row.internet_service = kInternet[i % 3];
    c.row.phone_service = i % 3 == 2 || i % 4 != 0;
    c.row.contract = kContracts[(i / 3) % 3];
    c.row.payment_method = kPayments[i % 4];
    c.row.churned = i % 5 == 0;
    c.row.streaming_tv = i % 2 == 0;
    out.push_back(c);
  }
  return out;
}

BusinessCalendar Calendar() {
  ComplaintSettings settings = DefaultComplaintSettings();
  settings.calendar.time_zone = "America/Los_Angeles";
  return *BusinessCalendar::Create(settings.calendar);
}

const TimePoint kNow{std::chrono::seconds(1'790'000'000)};  // 2026-09-21 07:13 in Los Angeles

TEST(DemoHistoryTest, TheSameInputsGiveTheSameHistoryAndAnotherSeedAnother) {
  const auto customers = Customers(600);
  const auto sla = DefaultComplaintSettings().sla;
  const DemoHistory a = GenerateDemoHistory(customers, Calendar(), sla, kNow);
  const DemoHistory b = GenerateDemoHistory(customers, Calendar(), sla, kNow);
  const DemoHistory other = GenerateDemoHistory(customers, Calendar(), sla, kNow, kDemoHistorySeed + 1);
  ASSERT_EQ(a.complaints.size(), b.complaints.size());
  for (size_t i = 0; i < a.complaints.size(); ++i) {
    EXPECT_EQ(a.complaints[i].row.fields.received_at, b.complaints[i].row.fields.received_at);
    EXPECT_EQ(a.complaints[i].row.fields.customer_id, b.complaints[i].row.fields.customer_id);
    EXPECT_EQ(a.complaints[i].row.category_path, b.complaints[i].row.category_path);
    EXPECT_EQ(a.complaints[i].row.closed_at, b.complaints[i].row.closed_at);
  }
  bool differs = a.complaints.size() != other.complaints.size();
  for (size_t i = 0; !differs && i < a.complaints.size(); ++i)
    differs = a.complaints[i].row.fields.received_at != other.complaints[i].row.fields.received_at;
  EXPECT_TRUE(differs);
}

TEST(DemoHistoryTest, EveryComplaintIsAConsistentCaseOfTheLastTwoYears) {
  const auto customers = Customers(600);
  const auto calendar = Calendar();
  const DemoHistory h = GenerateDemoHistory(customers, calendar, DefaultComplaintSettings().sla, kNow);
  ASSERT_EQ(h.periods.size(), static_cast<size_t>(kDemoHistoryMonths));
  EXPECT_EQ(h.periods.front(), "2024-10");
  EXPECT_EQ(h.periods.back(), "2026-09");
  ASSERT_EQ(h.subscribers.size(), h.periods.size());
  EXPECT_EQ(h.subscribers.back().volume, 600);
  EXPECT_EQ(h.special_causes.size(), 3u);
  std::set<std::string> refs;
  const TimePoint start = calendar.StartOfLocalDay(std::chrono::year{2024} / 10 / 1);
  for (const auto& c : h.complaints) {
    const ImportedComplaint& row = c.row;
    ASSERT_TRUE(row.fields.received_at);
    const TimePoint received = *row.fields.received_at;
    EXPECT_GE(received, start);
    EXPECT_LT(received, kNow);
    EXPECT_TRUE(refs.insert(row.fields.external_ref).second);
    ASSERT_EQ(row.category_path.size(), 2u);
    const auto& kind = DemoComplaintKinds()[c.kind];
    EXPECT_EQ(row.category_path[0], kind.area);
    EXPECT_TRUE(ValidateComplaintIntake(row.fields).ok()) << row.fields.external_ref;
    // A customer complains only while with us (tenure counts back from now).
    const auto& customer = customers[static_cast<size_t>(*row.fields.customer_id - 1)];
    const auto month = calendar.LocalDate(received);
    const int months_ago = (2026 - static_cast<int>(month.year())) * 12 + 9 - static_cast<int>(
                                                                                 static_cast<unsigned>(month.month()));
    EXPECT_GE(customer.row.tenure_months, months_ago) << row.fields.external_ref;
    if (row.sent_at) {
      EXPECT_GE(*row.sent_at, received);
    }
    if (!row.closed_at) {
      EXPECT_FALSE(row.rating);
      continue;
    }
    EXPECT_EQ(c.open_stage, DemoOpenStage::kNone);
    ASSERT_TRUE(row.responded_at && row.response && row.severity);
    EXPECT_GE(*row.responded_at, *row.sent_at);
    EXPECT_LE(*row.responded_at, *row.closed_at);
    EXPECT_LT(*row.closed_at, kNow);
    EXPECT_TRUE(ValidateResponse(*row.response).ok());
    if (row.rating) {
      EXPECT_GE(row.rating->rated_at, *row.closed_at);
      EXPECT_LT(row.rating->rated_at, kNow);
      EXPECT_TRUE(ValidateRating(row.rating->score, row.rating->comment).ok());
    }
  }
}

TEST(DemoHistoryTest, NoCustomersNoHistory) {
  EXPECT_TRUE(GenerateDemoHistory({}, Calendar(), DefaultComplaintSettings().sla, kNow).complaints.empty());
}

}  // namespace
}  // namespace hearken
