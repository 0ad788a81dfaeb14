// The CFPB import: the mapping of one complaint, and the 1,000-row sample
// imported into a fresh SQLite store reproducing every reference figure of
// testdata/NOTICE through the store (analytics::LoadComplaintFacts).
#include "ingest/cfpb_import.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "analytics/complaint_facts.h"
#include "core/crypto.h"
#include "core/time_format.h"
#include "core/validation.h"
#include "store/sqlite/sqlite_store.h"

#ifndef HEARKEN_INGEST_TESTDATA
#error "HEARKEN_INGEST_TESTDATA must name src/ingest/testdata"
#endif

namespace hearken::ingest {
namespace {

using namespace std::chrono;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

CfpbComplaint Sample() {
  CfpbComplaint c;
  c.complaint_id = 12345;
  c.date_received = year{2025} / March / day{4};
  c.product = "Mortgage";
  c.sub_product = "";
  c.issue = "Trouble during payment process";
  c.sub_issue = "Escrow / impound account";
  c.state = "TX";
  c.submitted_via = "Postal mail";
  c.date_sent = year{2025} / March / day{6};
  c.company_response = "Closed with explanation";
  c.timely_response = false;
  return c;
}

TEST(FromCfpbTest, MapsEveryFieldAndDropsBlankCategoryLevels) {
  ImportedComplaint row = FromCfpb(Sample());
  EXPECT_EQ(row.fields.intake, ComplaintIntake::kImport);
  EXPECT_EQ(row.fields.channel, Channel::kLetter);
  EXPECT_EQ(row.fields.summary, "Trouble during payment process \xE2\x80\x93 Escrow / impound account");
  EXPECT_EQ(row.fields.product, "Mortgage");
  EXPECT_EQ(row.fields.site, "TX");
  EXPECT_EQ(row.fields.external_ref, "CFPB-12345");
  EXPECT_EQ(row.fields.received_at, *ParseTimestamp("2025-03-04T00:00:00Z"));
  EXPECT_EQ(row.sent_at, *ParseTimestamp("2025-03-06T00:00:00Z"));
  EXPECT_EQ(row.source_outcome, "Closed with explanation");
  EXPECT_EQ(row.source_timely, false);
  // Sub-product is blank; "/" would split a level, so it becomes "-".
  EXPECT_THAT(row.category_path,
              ElementsAre("Mortgage", "Trouble during payment process", "Escrow - impound account"));
}

TEST(FromCfpbTest, DescriptionIsTheNarrativeOrAGeneratedSentence) {
  CfpbComplaint c = Sample();
  EXPECT_THAT(FromCfpb(c).fields.description, HasSubstr("Complaint about Mortgage: Trouble during payment process"));
  EXPECT_TRUE(ValidateComplaintIntake(FromCfpb(c).fields).ok());
  c.narrative = "They lost my payment.\nTwice.";
  EXPECT_EQ(FromCfpb(c).fields.description, "They lost my payment.\nTwice.");
  c.sub_issue = "";
  EXPECT_EQ(FromCfpb(c).fields.summary, "Trouble during payment process");
}

TEST(FromCfpbTest, OverlongNarrativeIsCutAtACharacterBoundary) {
  CfpbComplaint c = Sample();
  c.narrative = std::string(kMaxLongTextLength - 2, 'a') + "\xC3\xA9\xC3\xA9\xC3\xA9";
  std::string description = FromCfpb(c).fields.description;
  EXPECT_LE(description.size(), kMaxLongTextLength);
  EXPECT_TRUE(IsCleanUtf8(description));
  EXPECT_EQ(description.substr(description.size() - 3), "\xE2\x80\xA6");
}

class CfpbImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("hearken-cfpb-" + RandomToken(6));
    std::filesystem::create_directories(dir_);
    auto store = SqliteStore::Open((dir_ / "h.db").string(), clock_);
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(*store);
    ASSERT_TRUE(store_->Migrate().ok());
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  Result<ImportReport> ImportSample(size_t batch = 500) {
    std::ifstream in(std::string(HEARKEN_INGEST_TESTDATA) + "/cfpb_complaints_sample_1000.csv", std::ios::binary);
    EXPECT_TRUE(in.good());
    return ImportCfpbCsv(*store_, ctx_, in, batch);
  }

  ManualClock clock_{*ParseTimestamp("2026-03-01T09:00:00Z")};
  std::filesystem::path dir_;
  std::unique_ptr<SqliteStore> store_;
  WriteContext ctx_{{std::nullopt, "cli"}, "CFPB import"};
};

TEST_F(CfpbImportTest, SampleReproducesEveryReferenceFigureThroughTheStore) {
  auto report = ImportSample(300);  // four batches, the last one partial
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->created, 1000);
  EXPECT_EQ(report->skipped_duplicates, 0);
  EXPECT_GT(report->categories_created, 0);

  auto facts = analytics::LoadComplaintFacts(*store_, {});
  ASSERT_TRUE(facts.ok()) << facts.error().message;
  ASSERT_EQ(facts->size(), 1000u);

  std::map<bool, int> timely;
  std::map<std::string, int> outcomes;
  std::map<Channel, int> channels;
  std::map<int, int> months_2025;
  for (const auto& f : *facts) {
    ASSERT_TRUE(f.source_timely.has_value());
    ++timely[*f.source_timely];
    ++outcomes[f.source_outcome];
    ++channels[f.channel];
    EXPECT_EQ(f.intake, ComplaintIntake::kImport);
    EXPECT_FALSE(f.category_path.empty());
    EXPECT_EQ(f.category_path.rfind(f.product, 0), 0u) << f.category_path;
    year_month_day day{floor<days>(f.received_at)};
    if (day.year() == year{2025}) ++months_2025[static_cast<int>(static_cast<unsigned>(day.month()))];
  }
  EXPECT_EQ(timely[true], 991);
  EXPECT_EQ(timely[false], 9);
  EXPECT_EQ(outcomes["Closed with explanation"], 614);
  EXPECT_EQ(outcomes["Closed with non-monetary relief"], 338);
  EXPECT_EQ(outcomes["In progress"], 36);
  EXPECT_EQ(outcomes["Closed with monetary relief"], 8);
  EXPECT_EQ(outcomes["Untimely response"], 2);
  EXPECT_EQ(outcomes["Closed without relief"], 2);
  EXPECT_EQ(outcomes.size(), 6u);
  EXPECT_EQ(channels[Channel::kPortal], 951);  // Web
  EXPECT_EQ(channels[Channel::kOther], 25);    // Referral
  EXPECT_EQ(channels[Channel::kPhone], 13);
  EXPECT_EQ(channels[Channel::kLetter], 11);  // Postal mail
  EXPECT_EQ(channels.size(), 4u);
  std::vector<int> monthly;
  for (int m = 1; m <= 12; ++m) monthly.push_back(months_2025[m]);
  EXPECT_THAT(monthly, ElementsAre(38, 24, 25, 33, 40, 21, 36, 28, 33, 35, 37, 33));

  // The same figures through the store's filters.
  ComplaintFilter january;
  january.received_from = *ParseTimestamp("2025-01-01T00:00:00Z");
  january.received_to = *ParseTimestamp("2025-02-01T00:00:00Z");
  auto in_january = analytics::LoadComplaintFacts(*store_, january);
  ASSERT_TRUE(in_january.ok());
  EXPECT_EQ(in_january->size(), 38u);
  ComplaintFilter by_letter;
  by_letter.channel = Channel::kLetter;
  auto letters = analytics::LoadComplaintFacts(*store_, by_letter);
  ASSERT_TRUE(letters.ok());
  EXPECT_EQ(letters->size(), 11u);

  // Every created category is in the taxonomy, and a top-level one filters its subtree.
  auto categories = store_->complaint_admin().ListCategories();
  ASSERT_TRUE(categories.ok());
  EXPECT_EQ(static_cast<std::int64_t>(categories->size()), report->categories_created);
  std::map<std::string, int> by_product;
  for (const auto& f : *facts) ++by_product[f.product];
  for (const auto& c : *categories) {
    if (c.parent_id) continue;
    ComplaintFilter subtree;
    subtree.category_id = c.id;
    auto under = analytics::LoadComplaintFacts(*store_, subtree);
    ASSERT_TRUE(under.ok());
    EXPECT_EQ(static_cast<int>(under->size()), by_product[c.name]) << c.name;
  }
}

TEST_F(CfpbImportTest, CasesTheCompanyClosedAreFiledClosedAndTheRestAcknowledged) {
  ASSERT_TRUE(ImportSample().ok());
  auto facts = analytics::LoadComplaintFacts(*store_, {});
  ASSERT_TRUE(facts.ok());
  std::map<ComplaintState, int> states;
  for (const auto& f : *facts) {
    ++states[f.state];
    if (f.state == ComplaintState::kClosed) {
      ASSERT_TRUE(f.closed_at.has_value());
      EXPECT_TRUE(f.resolve_stopped_at.has_value());
      EXPECT_FALSE(f.resolve_due_at.has_value());
      EXPECT_NE(f.source_outcome, "In progress");
    }
  }
  // Closed with explanation 614, non-monetary relief 338, monetary relief 8,
  // untimely response 2, without relief 2; "In progress" 36 stay open.
  EXPECT_EQ(states[ComplaintState::kClosed], 964);
  EXPECT_EQ(states[ComplaintState::kAcknowledged] + states[ComplaintState::kReceived], 36);
  ComplaintFilter open;
  open.open_only = true;
  auto open_page = store_->complaints().ListComplaints(open, {});
  ASSERT_TRUE(open_page.ok());
  EXPECT_EQ(open_page->total, 36);
}

TEST_F(CfpbImportTest, EveryClosedCaseCarriesTheCompanyResponseAsItsDecision) {
  ASSERT_TRUE(ImportSample().ok());
  std::map<Remedy, int> remedies;
  int closed = 0;
  ComplaintScan scan;
  scan.limit = 10000;
  auto all = store_->complaints().ScanComplaints({}, scan);
  ASSERT_TRUE(all.ok());
  for (const Complaint& c : *all) {
    if (c.state != ComplaintState::kClosed) continue;
    ++closed;
    EXPECT_TRUE(CaseRecordOf(c).decision) << c.reference;
    EXPECT_EQ(c.responded_at, c.closed_at);
    EXPECT_NE(c.decision.find("CFPB"), std::string::npos);
    ASSERT_EQ(c.remedies.size(), 1u);
    ++remedies[c.remedies[0]];
  }
  EXPECT_EQ(closed, 964);
  // explanation: 614 with explanation + 2 without relief; refund: 8 monetary
  // relief; other: 338 non-monetary relief + 2 untimely responses.
  EXPECT_EQ(remedies[Remedy::kExplanation], 616);
  EXPECT_EQ(remedies[Remedy::kRefund], 8);
  EXPECT_EQ(remedies[Remedy::kOther], 340);
}

TEST_F(CfpbImportTest, ImportingTheSampleAgainSkipsEveryComplaint) {
  ASSERT_TRUE(ImportSample().ok());
  auto again = ImportSample();
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->created, 0);
  EXPECT_EQ(again->skipped_duplicates, 1000);
  EXPECT_EQ(again->categories_created, 0);
  auto facts = analytics::LoadComplaintFacts(*store_, {});
  ASSERT_TRUE(facts.ok());
  EXPECT_EQ(facts->size(), 1000u);
}

TEST_F(CfpbImportTest, SentDateBecomesTheAcknowledgementAndExternalRefIsKept) {
  ASSERT_TRUE(ImportSample().ok());
  auto facts = analytics::LoadComplaintFacts(*store_, {});
  ASSERT_TRUE(facts.ok());
  int acknowledged = 0;
  for (const auto& f : *facts) acknowledged += f.acknowledged_at.has_value();
  EXPECT_GT(acknowledged, 990);
  auto complaint = store_->complaints().GetComplaint(facts->front().id);
  ASSERT_TRUE(complaint.ok());
  EXPECT_EQ(complaint->intake.external_ref.rfind("CFPB-", 0), 0u);
  EXPECT_EQ(complaint->source_timely, facts->front().source_timely);
}

TEST(FromCfpbTest, LineBreaksInOneLineFieldsBecomeSpaces) {
  CfpbComplaint c = Sample();
  c.issue = " Trouble\r\nduring payment ";
  c.state = "TX\n";
  ImportedComplaint row = FromCfpb(c);
  EXPECT_EQ(row.fields.summary, "Trouble  during payment \xE2\x80\x93 Escrow / impound account");
  EXPECT_EQ(row.fields.site, "TX");
  EXPECT_EQ(row.category_path.at(1), "Trouble  during payment");
  EXPECT_TRUE(ValidateComplaintIntake(row.fields).ok());
}

const char* const kHeader =
    "Date received,Product,Sub-product,Issue,Sub-issue,Consumer complaint narrative,Company public response,"
    "Company,State,ZIP code,Tags,Consumer consent provided?,Submitted via,Date sent to company,"
    "Company response to consumer,Timely response?,Consumer disputed?,Complaint ID\r\n";

TEST_F(CfpbImportTest, StoreErrorNamesTheLineOfTheFile) {
  // A database that refuses one complaint (as a failing constraint would).
  ASSERT_TRUE(store_
                  ->ExecuteScript("CREATE TRIGGER refuse BEFORE INSERT ON complaints WHEN NEW.external_ref = 'CFPB-2' "
                                  "BEGIN SELECT RAISE(ABORT, 'refused'); END")
                  .ok());
  std::istringstream in(std::string(kHeader) +
                        "2025-01-02,Mortgage,,Issue,,,,Bank,TX,,,,Web,2025-01-03,Closed with explanation,Yes,,1\r\n"
                        "2025-01-02,Mortgage,,Issue,,\"two\nlines\",,Bank,TX,,,,Web,2025-01-03,In progress,Yes,,2\r\n");
  auto report = ImportCfpbCsv(*store_, ctx_, in);
  ASSERT_FALSE(report.ok());
  ASSERT_FALSE(report.error().fields.empty());
  EXPECT_EQ(report.error().fields[0].field, "line/3") << report.error().message;
  EXPECT_THAT(report.error().message, HasSubstr("line/3"));
  auto facts = analytics::LoadComplaintFacts(*store_, {});
  ASSERT_TRUE(facts.ok());
  EXPECT_TRUE(facts->empty());  // the batch was rolled back as a whole
}

TEST_F(CfpbImportTest, MalformedRowIsReportedWithItsLine) {
  std::istringstream in(std::string(kHeader) +
      "2025-01-02,Mortgage,,Issue,,,,Bank,TX,,,,Web,2025-01-03,Closed with explanation,Maybe,,1\r\n");
  auto report = ImportCfpbCsv(*store_, ctx_, in);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(report.error().message, HasSubstr("line 2"));
}

}  // namespace
}  // namespace hearken::ingest
