#include "report/table_export.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "core/time_format.h"

namespace hearken {
namespace {

using ::testing::HasSubstr;

// A small RFC 4180 reader for the round-trip test: records end in CRLF,
// quoted fields may hold commas, CR, LF and doubled quotes.
std::vector<std::vector<std::string>> ReadCsv(std::string_view text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '"') {
      ++i;
      while (i < text.size()) {
        if (text[i] == '"' && i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          i += 2;
        } else if (text[i] == '"') {
          ++i;
          break;
        } else {
          field += text[i++];
        }
      }
    } else if (text[i] == ',') {
      record.push_back(std::move(field));
      field.clear();
      ++i;
    } else if (text.substr(i, 2) == "\r\n") {
      record.push_back(std::move(field));
      field.clear();
      records.push_back(std::move(record));
      record.clear();
      i += 2;
    } else {
      field += text[i++];
    }
  }
  return records;
}

TimePoint At(const char* text) { return ParseTimestamp(text).value(); }

TEST(NeutraliseFormulaTest, EachFormulaStartGetsALeadingApostrophe) {
  EXPECT_EQ(NeutraliseFormula("=1+1"), "'=1+1");
  EXPECT_EQ(NeutraliseFormula("+1"), "'+1");
  EXPECT_EQ(NeutraliseFormula("-2+3"), "'-2+3");
  EXPECT_EQ(NeutraliseFormula("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(NeutraliseFormula("\t=cmd"), "'\t=cmd");
  EXPECT_EQ(NeutraliseFormula("\r=cmd"), "'\r=cmd");
  EXPECT_EQ(NeutraliseFormula("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
}

TEST(NeutraliseFormulaTest, SafeCellsAreUnchanged) {
  EXPECT_EQ(NeutraliseFormula(""), "");
  EXPECT_EQ(NeutraliseFormula("late delivery"), "late delivery");
  EXPECT_EQ(NeutraliseFormula("a=b"), "a=b");
  EXPECT_EQ(NeutraliseFormula(" =1"), " =1");
  EXPECT_EQ(NeutraliseFormula("'quoted"), "'quoted");
  EXPECT_EQ(NeutraliseFormula("Ünïcode"), "Ünïcode");
  EXPECT_EQ(NeutraliseFormula("\n=1"), "\n=1");
}

TEST(WriteCsvTest, StartsWithBomAndEndsRecordsWithCrlf) {
  Table table{{"a", "b"}, {{std::string("x"), std::string("y")}}};
  auto csv = WriteCsv(table);
  ASSERT_TRUE(csv.ok()) << csv.error().message;
  EXPECT_EQ(*csv, "\xEF\xBB\xBF" "a,b\r\nx,y\r\n");
}

TEST(WriteCsvTest, QuotesFieldsWithCommaQuoteCrOrLf) {
  Table table{{"text"},
              {{std::string("a,b")}, {std::string("say \"hi\"")}, {std::string("two\nlines")},
               {std::string("cr\rhere")}, {std::string("plain")}}};
  auto csv = WriteCsv(table);
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(*csv, "\xEF\xBB\xBF" "text\r\n\"a,b\"\r\n\"say \"\"hi\"\"\"\r\n\"two\nlines\"\r\n\"cr\rhere\"\r\nplain\r\n");
}

TEST(WriteCsvTest, NeutralisesStringsButNotNumbers) {
  Table table{{"=header", "n", "i"}, {{std::string("=cmd|' /C calc'!A0"), -3.5, std::int64_t{-7}}}};
  auto csv = WriteCsv(table);
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(*csv, "\xEF\xBB\xBF" "'=header,n,i\r\n'=cmd|' /C calc'!A0,-3.5,-7\r\n");
}

TEST(WriteCsvTest, WritesEveryCellType) {
  Table table{{"empty", "double", "int", "bool", "time", "nan"},
              {{std::monostate{}, 0.1, std::int64_t{9007199254740993}, true,
                At("2026-11-24T16:45:58.123456Z"), std::nan("")},
               {std::monostate{}, 2.0, std::int64_t{0}, false, At("2026-01-01"), 1.0}}};
  auto csv = WriteCsv(table);
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(*csv, "\xEF\xBB\xBF" "empty,double,int,bool,time,nan\r\n"
                  ",0.1,9007199254740993,TRUE,2026-11-24T16:45:58.123456Z,\r\n"
                  ",2,0,FALSE,2026-01-01T00:00:00.000000Z,1\r\n");
}

TEST(WriteCsvTest, RoundTripsThroughAnRfc4180Reader) {
  std::vector<std::string> texts = {"plain", "a,b", "\"quoted\"", "multi\r\nline", "Grüße, 日本", "", "end\""};
  Table table{{"id", "text"}, {}};
  for (std::size_t i = 0; i < texts.size(); ++i) {
    table.rows.push_back({std::int64_t(i), texts[i]});
  }
  auto csv = WriteCsv(table);
  ASSERT_TRUE(csv.ok());
  ASSERT_EQ(csv->substr(0, 3), "\xEF\xBB\xBF");
  auto records = ReadCsv(std::string_view(*csv).substr(3));
  ASSERT_EQ(records.size(), texts.size() + 1);
  EXPECT_EQ(records[0], (std::vector<std::string>{"id", "text"}));
  for (std::size_t i = 0; i < texts.size(); ++i) {
    EXPECT_EQ(records[i + 1], (std::vector<std::string>{std::to_string(i), texts[i]}));
  }
}

TEST(WriteCsvTest, InPiecesIsTheSameText) {
  Table table{{"a", "=b"}, {{std::string("x,y"), std::int64_t{1}}, {std::string("=z"), 2.5}}};
  auto whole = WriteCsv(table);
  ASSERT_TRUE(whole.ok());
  auto pieces = CsvHeader(table.columns);
  ASSERT_TRUE(pieces.ok());
  Table first{table.columns, {table.rows[0]}}, second{table.columns, {table.rows[1]}};
  ASSERT_TRUE(AppendCsvRows(first, *pieces).ok());
  ASSERT_TRUE(AppendCsvRows(second, *pieces).ok());
  EXPECT_EQ(*pieces, *whole);
  Table bad{{"a"}, {{std::string("\xFF")}}};
  std::string out = "kept";
  EXPECT_EQ(AppendCsvRows(bad, out).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(out, "kept");
}

TEST(WriteCsvTest, RowLengthMismatchIsInvalidArgumentNamingTheRow) {
  Table table{{"a", "b"}, {{std::string("1"), std::string("2")}, {std::string("only one")}}};
  auto csv = WriteCsv(table);
  ASSERT_FALSE(csv.ok());
  EXPECT_EQ(csv.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(csv.error().message, HasSubstr("row 1"));
  ASSERT_EQ(csv.error().fields.size(), 1u);
  EXPECT_EQ(csv.error().fields[0].field, "rows/1");
}

TEST(WriteCsvTest, InvalidUtf8IsInvalidArgument) {
  Table table{{"a"}, {{std::string("bad \xFF byte")}}};
  auto csv = WriteCsv(table);
  ASSERT_FALSE(csv.ok());
  EXPECT_EQ(csv.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(csv.error().fields[0].field, "rows/0/0");

  Table bad_header{{"\xC3"}, {}};
  EXPECT_FALSE(WriteCsv(bad_header).ok());
}

Table MixedTable() {
  return {{"reference", "subject", "score", "count", "timely", "received"},
          {{std::string("C-2026-000001"), std::string("=HYPERLINK(\"http://evil\",\"x\")"), 4.5,
            std::int64_t{3}, true, At("2026-11-24T16:45:58Z")},
           {std::string("C-2026-000002"), std::string("Grüße"), -1.0, std::int64_t{-2}, false,
            At("1850-01-01")},
           {std::monostate{}, std::string("@SUM(1)"), std::nan(""), std::int64_t{9007199254740993}, false,
            At("2026-01-01")}}};
}

TEST(WriteXlsxTest, ProducesAZipWithOneWorksheet) {
  auto xlsx = WriteXlsx(MixedTable(), "Complaints");
  ASSERT_TRUE(xlsx.ok()) << xlsx.error().message;
  ASSERT_GE(xlsx->size(), 4u);
  EXPECT_EQ(xlsx->substr(0, 4), std::string("PK\x03\x04", 4));
  // Zip entry names are stored uncompressed in the local and central headers.
  EXPECT_THAT(*xlsx, HasSubstr("xl/worksheets/sheet1.xml"));
  EXPECT_THAT(*xlsx, HasSubstr("xl/sharedStrings.xml"));
  EXPECT_EQ(xlsx->find("xl/worksheets/sheet2.xml"), std::string::npos);
}

TEST(WriteXlsxTest, FormulaLookingTextCreatesNoFormula) {
  // A workbook with any formula carries a calculation chain; strings written
  // with worksheet_write_string never create one.
  Table table{{"=A1"}, {{std::string("=1+1")}, {std::string("+cmd")}, {std::string("-2")}, {std::string("@x")}}};
  auto xlsx = WriteXlsx(table, "Sheet1");
  ASSERT_TRUE(xlsx.ok()) << xlsx.error().message;
  EXPECT_EQ(xlsx->find("xl/calcChain.xml"), std::string::npos);
}

TEST(WriteXlsxTest, EmptyTableIsAValidWorkbook) {
  auto xlsx = WriteXlsx(Table{}, "Empty");
  ASSERT_TRUE(xlsx.ok()) << xlsx.error().message;
  EXPECT_EQ(xlsx->substr(0, 2), "PK");
}

TEST(WriteXlsxTest, RowLengthMismatchIsInvalidArgumentNamingTheRow) {
  Table table = MixedTable();
  table.rows[2].pop_back();
  auto xlsx = WriteXlsx(table, "Complaints");
  ASSERT_FALSE(xlsx.ok());
  EXPECT_EQ(xlsx.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(xlsx.error().message, HasSubstr("row 2"));
}

TEST(WriteXlsxTest, InvalidTextIsInvalidArgument) {
  Table not_utf8{{"a"}, {{std::string("\xFF")}}};
  EXPECT_EQ(WriteXlsx(not_utf8, "S").error().code, ErrorCode::kInvalidArgument);
  Table with_nul{{"a"}, {{std::string("a\0b", 3)}}};
  EXPECT_EQ(WriteXlsx(with_nul, "S").error().code, ErrorCode::kInvalidArgument);
  Table too_long{{"a"}, {{std::string(32768, 'x')}}};
  EXPECT_EQ(WriteXlsx(too_long, "S").error().code, ErrorCode::kInvalidArgument);
}

TEST(WriteXlsxTest, InvalidSheetNameIsInvalidArgument) {
  auto bad_chars = WriteXlsx(MixedTable(), "a/b");
  ASSERT_FALSE(bad_chars.ok());
  EXPECT_EQ(bad_chars.error().code, ErrorCode::kInvalidArgument);
  auto too_long = WriteXlsx(MixedTable(), std::string(32, 's'));
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(WriteXlsx(MixedTable(), "").error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace hearken
