// The survey answer export: its columns, CSV with inert cells, XLSX, and
// the .sav read back twice — by libreadstat's own parser and by GNU PSPP
// (pspp-convert, an outside reader installed by scripts/setup).
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>

#include "core/survey/survey_definition.h"
#include "core/time_format.h"
#include "report/spss_sav.h"
#include "report/survey_answer_export.h"
#include "report/table_export.h"

namespace hearken {
namespace {

using json = nlohmann::json;

survey::Definition Example() {
  json d = json::parse(R"({
    "title": "Service",
    "pages": [{"name": "p1", "elements": [
      {"type": "rating", "name": "nps", "title": "How likely are you to recommend us?", "rateMin": 0, "rateMax": 10,
       "minRateDescription": "Not at all likely", "maxRateDescription": "Extremely likely"},
      {"type": "radiogroup", "name": "channel", "title": "How did you reach us?",
       "choices": [{"value": "phone", "text": "By phone"}, {"value": "mail", "text": "By mail"}], "showOtherItem": true},
      {"type": "checkbox", "name": "topics", "title": "Topics", "choices": ["price", "quality"]},
      {"type": "boolean", "name": "again", "title": "Would you buy again?"},
      {"type": "comment", "name": "why", "title": "Why?"}
    ]}]})");
  auto parsed = survey::ParseDefinition(d);
  EXPECT_TRUE(parsed.ok()) << parsed.error().message;
  return *parsed;
}

std::vector<AnswerExportRow> Rows() {
  AnswerExportRow a;
  a.id = 7;
  a.submitted_at = *ParseTimestamp("2026-07-01T08:00:00Z");
  a.channel = "link";
  a.language = "de";
  a.version = 1;
  a.answers = {{"nps", 9}, {"channel", "mail"}, {"topics", {"quality"}}, {"again", true}, {"why", "=HYPERLINK(\"x\")"}};
  AnswerExportRow b;
  b.id = 8;
  b.submitted_at = *ParseTimestamp("2026-12-01T08:00:00Z");
  b.channel = "api";
  b.customer_id = 42;
  b.answers = {{"nps", 3}, {"channel", "other"}, {"channel-Comment", "-by fax"}};
  return {a, b};
}

AnswerExportLayout Layout(const survey::Definition& def) {
  auto layout = MakeAnswerExportLayout({&def}, "Europe/Berlin");
  EXPECT_TRUE(layout.ok());
  return *layout;
}

TEST(SurveyAnswerExportTest, OneColumnPerQuestionAndOnePerChoice) {
  survey::Definition def = Example();
  AnswerExportLayout layout = Layout(def);
  EXPECT_EQ(AnswerExportHeader(layout),
            (std::vector<std::string>{"answer_id", "submitted_at", "channel", "language", "version", "customer_id", "nps",
                                      "channel", "channel-Comment", "topics_price", "topics_quality", "again", "why"}));
  auto rows = Rows();
  json first = AnswerJsonRow(layout, rows[0]);
  EXPECT_EQ(first["submitted_at"], "2026-07-01T10:00:00+02:00");  // summer time in Berlin
  EXPECT_EQ(first["nps"], 9);
  EXPECT_EQ(first["topics_price"], 0);
  EXPECT_EQ(first["topics_quality"], 1);
  EXPECT_EQ(first["again"], 1);
  EXPECT_TRUE(first["customer_id"].is_null());
  json second = AnswerJsonRow(layout, rows[1]);
  EXPECT_EQ(second["submitted_at"], "2026-12-01T09:00:00+01:00");
  EXPECT_TRUE(second["topics_price"].is_null());  // not answered: empty, not 0
  EXPECT_EQ(second["customer_id"], 42);
  EXPECT_EQ(second["channel-Comment"], "-by fax");
}

TEST(SurveyAnswerExportTest, CsvCellsThatStartAFormulaAreInert) {
  survey::Definition def = Example();
  AnswerExportLayout layout = Layout(def);
  Table table{AnswerExportHeader(layout), {}};
  for (const auto& row : Rows()) table.rows.push_back(AnswerTableRow(layout, row, true));
  auto csv = WriteCsv(table);
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(csv->find("\xEF\xBB\xBF" "answer_id,submitted_at,channel,language,version,customer_id,nps,channel,"), 0u);
  EXPECT_NE(csv->find("7,2026-07-01 10:00:00+02:00,link,de,1,,9,mail,,0,1,1,\"'=HYPERLINK(\"\"x\"\")\"\r\n"),
            std::string::npos)
      << *csv;
  EXPECT_NE(csv->find("'-by fax"), std::string::npos);
  auto xlsx = WriteXlsx(table, "Answers");
  ASSERT_TRUE(xlsx.ok());
  EXPECT_EQ(xlsx->substr(0, 2), "PK");
  EXPECT_NE(xlsx->find("xl/worksheets/sheet1.xml"), std::string::npos);
}

std::string RunCommand(const std::string& command) {
  std::string out;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) return out;
  std::array<char, 4096> buf;
  while (size_t n = std::fread(buf.data(), 1, buf.size(), pipe.get())) out.append(buf.data(), n);
  return out;
}

std::string WriteSavFile(const AnswerExportLayout& layout, const std::vector<AnswerExportRow>& rows,
                         std::unique_ptr<SavWriter>& keep) {
  std::vector<size_t> widths(layout.columns.size(), 1);
  for (const auto& row : rows) {
    auto values = AnswerSavRow(layout, row);
    for (size_t i = 0; i < values.size(); ++i)
      if (auto* s = std::get_if<std::string>(&values[i])) widths[i] = std::max(widths[i], s->size());
  }
  auto writer = SavWriter::Create(AnswerSavVariables(layout, widths), static_cast<long>(rows.size()), "Service");
  EXPECT_TRUE(writer.ok()) << writer.error().message;
  for (const auto& row : rows) EXPECT_TRUE((*writer)->AddRow(AnswerSavRow(layout, row)).ok());
  EXPECT_TRUE((*writer)->Finish().ok());
  keep = std::move(*writer);
  return keep->path();
}

TEST(SurveyAnswerExportTest, SavHasTypesLabelsAndValueLabels) {
  survey::Definition def = Example();
  AnswerExportLayout layout = Layout(def);
  std::unique_ptr<SavWriter> keep;
  const std::string path = WriteSavFile(layout, Rows(), keep);
  std::ifstream in(path, std::ios::binary);
  std::string magic(4, '\0');
  in.read(magic.data(), 4);
  EXPECT_EQ(magic, "$FL2");

  auto sav = ReadSav(path);
  ASSERT_TRUE(sav.ok()) << sav.error().message;
  EXPECT_EQ(sav->file_label, "Service");
  ASSERT_EQ(sav->variables.size(), 13u);
  const auto& nps = sav->variables[6];
  EXPECT_EQ(nps.name, "nps");
  EXPECT_EQ(nps.label, "How likely are you to recommend us?");
  EXPECT_TRUE(nps.numeric);
  ASSERT_EQ(nps.value_labels.size(), 11u);
  EXPECT_EQ(nps.value_labels.at(0), "0 Not at all likely");
  EXPECT_EQ(nps.value_labels.at(5), "5");
  EXPECT_EQ(nps.value_labels.at(10), "10 Extremely likely");
  const auto& channel = sav->variables[7];
  EXPECT_EQ(channel.name, "channel_2");  // the metadata column "channel" came first
  EXPECT_TRUE(channel.numeric);          // text choices coded 1..n
  EXPECT_EQ(channel.value_labels.at(1), "By phone");
  EXPECT_EQ(channel.value_labels.at(2), "By mail");
  EXPECT_EQ(channel.value_labels.at(3), "Other");
  EXPECT_EQ(sav->variables[8].name, "channel_Comment");
  EXPECT_FALSE(sav->variables[8].numeric);
  EXPECT_EQ(sav->variables[10].label, "Topics, quality");
  EXPECT_EQ(sav->variables[10].value_labels.at(1), "chosen");
  EXPECT_EQ(sav->variables[11].value_labels.at(1), "Yes");
  EXPECT_FALSE(sav->variables[12].numeric);  // why: a text
  EXPECT_EQ(sav->variables[1].format, "DATETIME20");

  ASSERT_EQ(sav->rows.size(), 2u);
  EXPECT_EQ(std::get<double>(sav->rows[0][0]), 7);
  // 2026-07-01 10:00:00 Berlin time in SPSS seconds since 1582-10-14.
  EXPECT_EQ(std::get<double>(sav->rows[0][1]), 1782892800.0 + 2 * 3600 + kSpssEpochOffsetSeconds);
  EXPECT_EQ(std::get<double>(sav->rows[0][7]), 2);  // mail
  EXPECT_EQ(std::get<double>(sav->rows[1][7]), 3);  // other
  EXPECT_EQ(std::get<std::string>(sav->rows[1][8]), "-by fax");  // not a spreadsheet: as given
  EXPECT_EQ(std::get<std::string>(sav->rows[0][12]), "=HYPERLINK(\"x\")");
  EXPECT_TRUE(std::holds_alternative<std::monostate>(sav->rows[1][9]));  // not answered: missing
}

TEST(SurveyAnswerExportTest, PsppReadsTheSavWithItsLabels) {
  if (RunCommand("command -v pspp-convert").empty()) GTEST_SKIP() << "pspp is not installed (scripts/setup installs it)";
  survey::Definition def = Example();
  AnswerExportLayout layout = Layout(def);
  std::unique_ptr<SavWriter> keep;
  const std::string path = WriteSavFile(layout, Rows(), keep);
  const std::string csv = RunCommand("pspp-convert -O csv --labels '" + path + "' /dev/stdout 2>&1");
  EXPECT_NE(csv.find("answer_id,submitted_at,channel,language,version,customer_id,nps,channel_2,channel_Comment,"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find("By mail"), std::string::npos) << csv;
  EXPECT_NE(csv.find("Other"), std::string::npos) << csv;
  EXPECT_NE(csv.find("07/01/2026 10:00:00"), std::string::npos) << csv;
  const std::string script = path + ".sps";
  std::ofstream(script) << "GET FILE='" << path << "'.\nDISPLAY DICTIONARY.\n";
  const std::string dictionary = RunCommand("pspp -O format=txt -o /dev/stdout '" + script + "' 2>&1");
  std::remove(script.c_str());
  EXPECT_NE(dictionary.find("How likely are you to recommend us?"), std::string::npos) << dictionary;
  EXPECT_NE(dictionary.find("Extremely likely"), std::string::npos) << dictionary;
  EXPECT_NE(dictionary.find("Would you buy again?"), std::string::npos) << dictionary;
}

TEST(SurveyAnswerExportTest, SpssNamesAreValidAndUnique) {
  std::map<std::string, int> taken;
  EXPECT_EQ(SpssVariableName("nps", taken), "nps");
  EXPECT_EQ(SpssVariableName("NPS", taken), "NPS_2");
  EXPECT_EQ(SpssVariableName("1st choice", taken), "v1st_choice");
  EXPECT_EQ(SpssVariableName("with", taken), "with_");
  EXPECT_EQ(SpssVariableName("a.", taken), "a");
  EXPECT_EQ(SpssVariableName(std::string(80, 'x'), taken).size(), 64u);
}

}  // namespace
}  // namespace hearken
