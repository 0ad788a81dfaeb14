#include "ingest/cfpb_csv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/time_format.h"

#ifndef HEARKEN_INGEST_TESTDATA
#error "HEARKEN_INGEST_TESTDATA must name src/ingest/testdata"
#endif

namespace hearken::ingest {
namespace {

using ::testing::HasSubstr;
using namespace std::chrono;

// ---- The CFPB sample against the reference counts of its README -------------
// testdata/cfpb_complaints_sample_1000.csv, see testdata/NOTICE.

class CfpbSampleTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::ifstream in(std::string(HEARKEN_INGEST_TESTDATA) + "/cfpb_complaints_sample_1000.csv", std::ios::binary);
    ASSERT_TRUE(in.good()) << "cannot open the CFPB sample";
    auto complaints = ReadCfpbCsv(in);
    ASSERT_TRUE(complaints.ok()) << complaints.error().message;
    complaints_ = new std::vector<CfpbComplaint>(std::move(*complaints));
  }
  static void TearDownTestSuite() {
    delete complaints_;
    complaints_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(complaints_, nullptr); }

  template <typename Key>
  static std::map<Key, int> CountBy(Key (*key)(const CfpbComplaint&)) {
    std::map<Key, int> counts;
    for (const CfpbComplaint& c : *complaints_) ++counts[key(c)];
    return counts;
  }

  static std::vector<CfpbComplaint>* complaints_;
};
std::vector<CfpbComplaint>* CfpbSampleTest::complaints_ = nullptr;

TEST_F(CfpbSampleTest, ReadsAllThousandRowsWithDistinctIds) {
  EXPECT_EQ(complaints_->size(), 1000u);
  std::map<std::int64_t, int> ids;
  for (const CfpbComplaint& c : *complaints_) ++ids[c.complaint_id];
  EXPECT_EQ(ids.size(), 1000u);
  // First data row: 2020-08-07, "Credit card or prepaid card", id 3790251.
  const CfpbComplaint& first = complaints_->front();
  EXPECT_EQ(first.complaint_id, 3790251);
  EXPECT_EQ(first.date_received, year{2020} / 8 / 7);
  EXPECT_EQ(first.product, "Credit card or prepaid card");
  EXPECT_EQ(first.source_line, 2);
}

TEST_F(CfpbSampleTest, NarrativeLineBreaksStayInsideTheirRecords) {
  // Reference: 668 line breaks inside narratives, all bare LF.
  long lf = 0, cr = 0;
  for (const CfpbComplaint& c : *complaints_) {
    lf += std::count(c.narrative.begin(), c.narrative.end(), '\n');
    cr += std::count(c.narrative.begin(), c.narrative.end(), '\r');
  }
  EXPECT_EQ(lf, 668);
  EXPECT_EQ(cr, 0);
  // So the last record begins on line 1 (header) + 1000 + 668 = 1669.
  EXPECT_EQ(complaints_->back().source_line, 1669);
  EXPECT_EQ(complaints_->back().complaint_id, 12873790);
}

TEST_F(CfpbSampleTest, TwoHundredSeventyTwoRowsCarryANarrative) {
  int with_narrative = 0;
  for (const CfpbComplaint& c : *complaints_) with_narrative += c.narrative.empty() ? 0 : 1;
  EXPECT_EQ(with_narrative, 272);
}

TEST_F(CfpbSampleTest, TimelyResponseIsYes991AndNo9) {
  auto counts = CountBy<bool>([](const CfpbComplaint& c) { return c.timely_response; });
  EXPECT_EQ(counts[true], 991);
  EXPECT_EQ(counts[false], 9);
}

TEST_F(CfpbSampleTest, CompanyResponseMixMatchesReference) {
  auto counts = CountBy<std::string>([](const CfpbComplaint& c) { return c.company_response; });
  EXPECT_EQ(counts, (std::map<std::string, int>{
                        {"Closed with explanation", 614},
                        {"Closed with non-monetary relief", 338},
                        {"In progress", 36},
                        {"Closed with monetary relief", 8},
                        {"Untimely response", 2},
                        {"Closed without relief", 2},
                    }));
}

TEST_F(CfpbSampleTest, SubmittedViaCountsAndTheirChannels) {
  auto counts = CountBy<std::string>([](const CfpbComplaint& c) { return c.submitted_via; });
  EXPECT_EQ(counts, (std::map<std::string, int>{{"Web", 951}, {"Referral", 25}, {"Phone", 13}, {"Postal mail", 11}}));
  auto channels = CountBy<Channel>([](const CfpbComplaint& c) { return ChannelForSubmittedVia(c.submitted_via); });
  EXPECT_EQ(channels, (std::map<Channel, int>{
                          {Channel::kPortal, 951}, {Channel::kOther, 25}, {Channel::kPhone, 13}, {Channel::kLetter, 11}}));
}

TEST_F(CfpbSampleTest, ConsumerDisputedIsBlankIn947Rows) {
  int blank = 0;
  for (const CfpbComplaint& c : *complaints_) blank += c.consumer_disputed.has_value() ? 0 : 1;
  EXPECT_EQ(blank, 947);
}

TEST_F(CfpbSampleTest, MonthlyCountsOf2025MatchReference) {
  std::vector<int> per_month(12, 0);
  for (const CfpbComplaint& c : *complaints_) {
    if (c.date_received.year() == year{2025}) ++per_month[static_cast<unsigned>(c.date_received.month()) - 1];
  }
  EXPECT_EQ(per_month, (std::vector<int>{38, 24, 25, 33, 40, 21, 36, 28, 33, 35, 37, 33}));
}

TEST_F(CfpbSampleTest, EveryRowHasASentDateAndTwoPredateReceipt) {
  // Real data is untidy: complaints 552466 and 726160 were "sent to company"
  // the day before they were "received" (2013-10-03 / 04, 2014-02-21 / 22),
  // so an importer must not reject a sent date earlier than receipt.
  std::vector<std::int64_t> sent_early;
  for (const CfpbComplaint& c : *complaints_) {
    ASSERT_TRUE(c.date_sent.has_value()) << "line " << c.source_line;
    if (sys_days{*c.date_sent} < sys_days{c.date_received}) sent_early.push_back(c.complaint_id);
  }
  EXPECT_EQ(sent_early, (std::vector<std::int64_t>{552466, 726160}));
}

// ---- Layout and cell rules on small hand-made files -------------------------

const std::vector<std::string> kHeader = {
    "Date received", "Product", "Sub-product", "Issue", "Sub-issue", "Consumer complaint narrative",
    "Company public response", "Company", "State", "ZIP code", "Tags", "Consumer consent provided?",
    "Submitted via", "Date sent to company", "Company response to consumer", "Timely response?",
    "Consumer disputed?", "Complaint ID"};

std::vector<std::string> ValidRow() {
  return {"03/04/2025", "Mortgage", "FHA mortgage", "Trouble during payment process", "", "I paid, \"twice\".\nXXXX",
          "", "ACME BANK, N.A.", "TX", "750XX", "Older American, Servicemember", "Consent provided", "Phone",
          "2025-03-05", "Closed with explanation", "Yes", "N/A", "4242"};
}

std::string ToCsv(const std::vector<std::vector<std::string>>& rows) {
  std::string out;
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i > 0) out += ',';
      const std::string& f = row[i];
      if (f.find_first_of(",\"\r\n") == std::string::npos) {
        out += f;
        continue;
      }
      out += '"';
      for (char c : f) out += c == '"' ? std::string("\"\"") : std::string(1, c);
      out += '"';
    }
    out += "\r\n";
  }
  return out;
}

Result<std::vector<CfpbComplaint>> Read(const std::string& text) {
  std::istringstream in(text);
  return ReadCfpbCsv(in);
}

TEST(CfpbCsvTest, ParsesEveryColumnOfAValidRow) {
  auto complaints = Read(ToCsv({kHeader, ValidRow()}));
  ASSERT_TRUE(complaints.ok()) << complaints.error().message;
  ASSERT_EQ(complaints->size(), 1u);
  const CfpbComplaint& c = complaints->front();
  EXPECT_EQ(c.complaint_id, 4242);
  EXPECT_EQ(c.date_received, year{2025} / 3 / 4);
  EXPECT_EQ(c.product, "Mortgage");
  EXPECT_EQ(c.sub_product, "FHA mortgage");
  EXPECT_EQ(c.issue, "Trouble during payment process");
  EXPECT_EQ(c.sub_issue, "");
  EXPECT_EQ(c.narrative, "I paid, \"twice\".\nXXXX");
  EXPECT_EQ(c.company, "ACME BANK, N.A.");
  EXPECT_EQ(c.state, "TX");
  EXPECT_EQ(c.zip_code, "750XX");
  EXPECT_EQ(c.tags, (std::vector<std::string>{"Older American", "Servicemember"}));
  EXPECT_EQ(c.consumer_consent, "Consent provided");
  EXPECT_EQ(c.submitted_via, "Phone");
  ASSERT_TRUE(c.date_sent.has_value());
  EXPECT_EQ(*c.date_sent, year{2025} / 3 / 5);
  EXPECT_EQ(c.company_response, "Closed with explanation");
  EXPECT_TRUE(c.timely_response);
  EXPECT_FALSE(c.consumer_disputed.has_value());
  EXPECT_EQ(c.source_line, 2);
}

TEST(CfpbCsvTest, ColumnsAreFoundByNameWhateverTheirOrder) {
  std::vector<std::string> header = kHeader;
  std::vector<std::string> row = ValidRow();
  std::reverse(header.begin(), header.end());
  std::reverse(row.begin(), row.end());
  header.push_back("Extra column");
  row.push_back("ignored");
  header[0] = "  complaint id ";  // case and surrounding spaces do not matter
  auto complaints = Read(ToCsv({header, row}));
  ASSERT_TRUE(complaints.ok()) << complaints.error().message;
  EXPECT_EQ(complaints->front().complaint_id, 4242);
  EXPECT_EQ(complaints->front().company, "ACME BANK, N.A.");
}

TEST(CfpbCsvTest, OptionalColumnsMayBeAbsent) {
  std::vector<std::string> header, row;
  std::vector<std::string> full = ValidRow();
  for (std::size_t i = 0; i < kHeader.size(); ++i) {
    if (!kCfpbColumns[i].required) continue;
    header.push_back(kHeader[i]);
    row.push_back(full[i]);
  }
  auto complaints = Read(ToCsv({header, row}));
  ASSERT_TRUE(complaints.ok()) << complaints.error().message;
  EXPECT_EQ(complaints->front().narrative, "");
  EXPECT_TRUE(complaints->front().tags.empty());
  EXPECT_FALSE(complaints->front().consumer_disputed.has_value());
}

TEST(CfpbCsvTest, MissingRequiredColumnsAreAllNamed) {
  std::vector<std::string> header = kHeader;
  std::vector<std::string> row = ValidRow();
  header.erase(header.begin() + 17);  // Complaint ID
  row.erase(row.begin() + 17);
  header.erase(header.begin() + 0);  // Date received
  row.erase(row.begin() + 0);
  auto complaints = Read(ToCsv({header, row}));
  ASSERT_FALSE(complaints.ok());
  EXPECT_EQ(complaints.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(complaints.error().message, HasSubstr("line 1"));
  EXPECT_THAT(complaints.error().message, HasSubstr("'Date received', 'Complaint ID'"));
  ASSERT_EQ(complaints.error().fields.size(), 2u);
  EXPECT_EQ(complaints.error().fields[0].field, "header/Date received");
  EXPECT_EQ(complaints.error().fields[1].field, "header/Complaint ID");
}

TEST(CfpbCsvTest, DuplicateColumnIsRejected) {
  std::vector<std::string> header = kHeader;
  header.push_back("Product");
  std::vector<std::string> row = ValidRow();
  row.push_back("x");
  auto complaints = Read(ToCsv({header, row}));
  ASSERT_FALSE(complaints.ok());
  EXPECT_THAT(complaints.error().message, HasSubstr("appears twice"));
  EXPECT_EQ(complaints.error().fields[0].field, "header/Product");
}

TEST(CfpbCsvTest, EmptyInputHasNoHeader) {
  auto complaints = Read("");
  ASSERT_FALSE(complaints.ok());
  EXPECT_THAT(complaints.error().message, HasSubstr("no header"));
}

TEST(CfpbCsvTest, RowWithWrongFieldCountNamesItsLine) {
  std::vector<std::string> short_row = ValidRow();
  short_row.pop_back();
  // The first row's narrative spans two lines, so the short row begins on line 4.
  auto complaints = Read(ToCsv({kHeader, ValidRow(), short_row}));
  ASSERT_FALSE(complaints.ok());
  EXPECT_EQ(complaints.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(complaints.error().message, HasSubstr("line 4: expected 18 fields"));
  EXPECT_THAT(complaints.error().message, HasSubstr("found 17"));
}

TEST(CfpbCsvTest, BadCellsNameLineAndColumn) {
  struct Case {
    std::size_t column;
    std::string value;
    std::string header;
    std::string says;
  };
  const std::vector<Case> cases = {
      {0, "2025-02-30", "Date received", "not a date"},
      {0, "", "Date received", "not a date"},
      {13, "5 March 2025", "Date sent to company", "not a date"},
      {17, "C-17", "Complaint ID", "not a positive integer"},
      {17, "0", "Complaint ID", "not a positive integer"},
      {17, "", "Complaint ID", "not a positive integer"},
      {1, "  ", "Product", "blank"},
      {15, "Maybe", "Timely response?", "expected Yes or No"},
      {16, "Perhaps", "Consumer disputed?", "expected Yes, No, N/A or blank"},
      {5, "bad \xC3 byte", "Consumer complaint narrative", "UTF-8"},
      {7, std::string("nul\0inside", 10), "Company", "control characters"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> row = ValidRow();
    row[c.column] = c.value;
    auto complaints = Read(ToCsv({kHeader, ValidRow(), row}));
    ASSERT_FALSE(complaints.ok()) << c.header << " = " << c.value;
    EXPECT_EQ(complaints.error().code, ErrorCode::kInvalidArgument);
    EXPECT_THAT(complaints.error().message, HasSubstr("line 4, column '" + c.header + "'"));
    EXPECT_THAT(complaints.error().message, HasSubstr(c.says));
    ASSERT_EQ(complaints.error().fields.size(), 1u);
    EXPECT_EQ(complaints.error().fields[0].field, "line/4/" + c.header);
  }
}

TEST(CfpbCsvTest, MalformedCsvInARowIsReported) {
  std::string text = ToCsv({kHeader}) + "03/04/2025,Mortgage\"oops\",x\r\n";
  auto complaints = Read(text);
  ASSERT_FALSE(complaints.ok());
  EXPECT_THAT(complaints.error().message, HasSubstr("line 2, field 2"));
}

TEST(CfpbCsvTest, YesNoAndBlankValuesOfTheFlags) {
  std::vector<std::string> a = ValidRow(), b = ValidRow(), c = ValidRow();
  a[15] = "No";
  a[16] = "Yes";
  b[16] = "no";
  c[16] = "";
  auto complaints = Read(ToCsv({kHeader, a, b, c}));
  ASSERT_TRUE(complaints.ok()) << complaints.error().message;
  EXPECT_FALSE((*complaints)[0].timely_response);
  EXPECT_EQ((*complaints)[0].consumer_disputed, std::optional<bool>(true));
  EXPECT_EQ((*complaints)[1].consumer_disputed, std::optional<bool>(false));
  EXPECT_EQ((*complaints)[2].consumer_disputed, std::nullopt);
}

TEST(CfpbCsvTest, BlankSentDateIsAbsent) {
  std::vector<std::string> row = ValidRow();
  row[13] = "";
  auto complaints = Read(ToCsv({kHeader, row}));
  ASSERT_TRUE(complaints.ok()) << complaints.error().message;
  EXPECT_FALSE(complaints->front().date_sent.has_value());
}

TEST(CfpbCsvTest, ByteOrderMarkBlankLinesAndBareLfAreAccepted) {
  std::string text = "\xEF\xBB\xBF" + ToCsv({kHeader}) + "\r\n" + ToCsv({ValidRow()}) + "\n\n";
  auto complaints = Read(text);
  ASSERT_TRUE(complaints.ok()) << complaints.error().message;
  ASSERT_EQ(complaints->size(), 1u);
  EXPECT_EQ(complaints->front().source_line, 3);
}

TEST(CfpbCsvTest, ReaderStreamsRowByRow) {
  std::istringstream in(ToCsv({kHeader, ValidRow(), ValidRow()}));
  auto reader = CfpbReader::Open(in);
  ASSERT_TRUE(reader.ok()) << reader.error().message;
  int rows = 0;
  for (;;) {
    auto next = reader->Next();
    ASSERT_TRUE(next.ok()) << next.error().message;
    if (!next->has_value()) break;
    ++rows;
  }
  EXPECT_EQ(rows, 2);
}

TEST(CfpbDateTest, AcceptsUsAndIsoForms) {
  EXPECT_EQ(*ParseCfpbDate("03/04/2025"), year{2025} / 3 / 4);
  EXPECT_EQ(*ParseCfpbDate("3/4/2025"), year{2025} / 3 / 4);
  EXPECT_EQ(*ParseCfpbDate("12/31/2011"), year{2011} / 12 / 31);
  EXPECT_EQ(*ParseCfpbDate("2024-02-29"), year{2024} / 2 / 29);
  EXPECT_EQ(*ParseCfpbDate(" 2024-02-29 "), year{2024} / 2 / 29);
}

TEST(CfpbDateTest, RejectsOtherFormsAndImpossibleDates) {
  for (const char* text : {"2023-02-29", "02/30/2024", "13/01/2024", "2024-13-01", "2024/01/01", "1/2/24",
                           "01/02/2024x", "2024-1-2", "", "yesterday"}) {
    auto date = ParseCfpbDate(text);
    ASSERT_FALSE(date.ok()) << text;
    EXPECT_EQ(date.error().code, ErrorCode::kInvalidArgument) << text;
  }
}

TEST(CfpbDateTest, StartOfDayIsMidnightUtc) {
  EXPECT_EQ(FormatTimestamp(StartOfDayUtc(year{2025} / 3 / 4)), "2025-03-04T00:00:00.000000Z");
}

TEST(CfpbChannelTest, SubmittedViaMapsToHearkenChannels) {
  EXPECT_EQ(ChannelForSubmittedVia("Web"), Channel::kPortal);
  EXPECT_EQ(ChannelForSubmittedVia(" web "), Channel::kPortal);
  EXPECT_EQ(ChannelForSubmittedVia("Phone"), Channel::kPhone);
  EXPECT_EQ(ChannelForSubmittedVia("Postal mail"), Channel::kLetter);
  EXPECT_EQ(ChannelForSubmittedVia("Email"), Channel::kEmail);
  EXPECT_EQ(ChannelForSubmittedVia("E-mail"), Channel::kEmail);
  EXPECT_EQ(ChannelForSubmittedVia("Referral"), Channel::kOther);
  EXPECT_EQ(ChannelForSubmittedVia("Fax"), Channel::kOther);
  EXPECT_EQ(ChannelForSubmittedVia("Web Referral"), Channel::kOther);
  EXPECT_EQ(ChannelForSubmittedVia(""), Channel::kOther);
}

}  // namespace
}  // namespace hearken::ingest
