#include "ingest/csv_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace hearken::ingest {
namespace {

using Records = std::vector<std::vector<std::string>>;
using ::testing::HasSubstr;

Records MustParse(std::string_view text) {
  auto records = ParseCsv(text);
  EXPECT_TRUE(records.ok()) << records.error().message;
  return records.ok() ? *records : Records{};
}

TEST(CsvReaderTest, EmptyInputHasNoRecords) { EXPECT_TRUE(MustParse("").empty()); }

TEST(CsvReaderTest, FieldsSplitOnCommasAndRecordsOnCrlf) {
  EXPECT_EQ(MustParse("a,b,c\r\n1,2,3\r\n"), (Records{{"a", "b", "c"}, {"1", "2", "3"}}));
}

TEST(CsvReaderTest, BareLfAndBareCrAlsoEndRecords) {
  EXPECT_EQ(MustParse("a,b\n1,2\r3,4\r\n"), (Records{{"a", "b"}, {"1", "2"}, {"3", "4"}}));
}

TEST(CsvReaderTest, LastRecordNeedsNoLineEnd) { EXPECT_EQ(MustParse("a,b\r\n1,2"), (Records{{"a", "b"}, {"1", "2"}})); }

TEST(CsvReaderTest, EmptyFieldsAreKeptAtEitherEnd) {
  EXPECT_EQ(MustParse(",a,\r\n,,\r\n"), (Records{{"", "a", ""}, {"", "", ""}}));
}

TEST(CsvReaderTest, QuotedFieldKeepsCommasAndDoubledQuotesBecomeOne) {
  EXPECT_EQ(MustParse("\"Smith, John\",\"he said \"\"no\"\"\",\"\"\r\n"),
            (Records{{"Smith, John", "he said \"no\"", ""}}));
}

TEST(CsvReaderTest, QuotedFieldKeepsLineBreaksAsData) {
  EXPECT_EQ(MustParse("id,text\r\n1,\"first\nsecond\r\nthird\"\r\n2,x\r\n"),
            (Records{{"id", "text"}, {"1", "first\nsecond\r\nthird"}, {"2", "x"}}));
}

TEST(CsvReaderTest, Utf8ByteOrderMarkIsSkipped) {
  EXPECT_EQ(MustParse("\xEF\xBB\xBFname,city\r\nJos\xC3\xA9,K\xC3\xB6ln\r\n"),
            (Records{{"name", "city"}, {"Jos\xC3\xA9", "K\xC3\xB6ln"}}));
}

TEST(CsvReaderTest, LeadingBytesThatAreNotABomAreData) {
  // U+FF0C FULLWIDTH COMMA is EF BC 8C: it starts like a BOM but is text.
  EXPECT_EQ(MustParse("\xEF\xBC\x8C,b\r\n"), (Records{{"\xEF\xBC\x8C", "b"}}));
  EXPECT_EQ(MustParse("a"), (Records{{"a"}}));
  EXPECT_EQ(MustParse("\xEF\xBB\xBF"), Records{});
}

TEST(CsvReaderTest, EmptyLineIsOneBlankRecord) {
  Records records = MustParse("a\r\n\r\nb\r\n");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_TRUE(IsBlankRecord(records[1]));
  EXPECT_FALSE(IsBlankRecord(records[0]));
  EXPECT_FALSE(IsBlankRecord({"", ""}));
}

TEST(CsvReaderTest, RecordLineCountsLineBreaksInsideQuotes) {
  std::istringstream in("h1,h2\r\n1,\"a\nb\nc\"\r\n2,x\r\n");
  CsvReader reader(in);
  std::vector<std::string> fields;
  ASSERT_TRUE(*reader.Next(fields));
  EXPECT_EQ(reader.record_line(), 1);
  ASSERT_TRUE(*reader.Next(fields));
  EXPECT_EQ(reader.record_line(), 2);
  ASSERT_TRUE(*reader.Next(fields));
  EXPECT_EQ(reader.record_line(), 5);
  EXPECT_EQ(fields, (std::vector<std::string>{"2", "x"}));
  auto end = reader.Next(fields);
  ASSERT_TRUE(end.ok());
  EXPECT_FALSE(*end);
}

TEST(CsvReaderTest, UnterminatedQuotedFieldIsRejectedNamingWhereItOpened) {
  auto records = ParseCsv("a,b\r\n1,\"never closed\nstill open\r\n");
  ASSERT_FALSE(records.ok());
  EXPECT_EQ(records.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(records.error().message, HasSubstr("opened on line 2"));
  EXPECT_THAT(records.error().message, HasSubstr("field 2"));
}

TEST(CsvReaderTest, QuoteInsideUnquotedFieldIsRejectedWithLineAndField) {
  auto records = ParseCsv("a,b\r\nx,5\" screen\r\n");
  ASSERT_FALSE(records.ok());
  EXPECT_THAT(records.error().message, HasSubstr("line 2, field 2"));
  ASSERT_EQ(records.error().fields.size(), 1u);
  EXPECT_EQ(records.error().fields[0].field, "line/2/field/2");
}

TEST(CsvReaderTest, TextAfterClosingQuoteIsRejected) {
  auto records = ParseCsv("\"ab\"c,d\r\n");
  ASSERT_FALSE(records.ok());
  EXPECT_THAT(records.error().message, HasSubstr("line 1, field 1"));
  EXPECT_THAT(records.error().message, HasSubstr("after the closing quote"));
}

TEST(CsvReaderTest, OverlongFieldIsRejected) {
  std::string text = "\"" + std::string(kMaxCsvFieldBytes + 1, 'x') + "\"\r\n";
  auto records = ParseCsv(text);
  ASSERT_FALSE(records.ok());
  EXPECT_THAT(records.error().message, HasSubstr("longer than"));
}

}  // namespace
}  // namespace hearken::ingest
