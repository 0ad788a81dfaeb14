// The survey importers on the real files of ../shared/data/survey_formats
// (copied unchanged into testdata/), and on small variants for what those
// files do not hold.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/survey/survey_definition.h"
#include "core/time_format.h"
#include "ingest/survey_import/import_text.h"
#include "ingest/survey_import/limesurvey_lss.h"
#include "ingest/survey_import/qualtrics_csv.h"

namespace hearken::ingest {
namespace {

using json = nlohmann::json;

std::string ReadTestFile(const std::string& name) {
  std::ifstream in(std::string(HEARKEN_SURVEY_IMPORT_TESTDATA) + "/" + name, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

const SkippedItem* FindSkipped(const SurveyImport& import, const std::string& item) {
  for (const SkippedItem& s : import.skipped)
    if (s.item == item) return &s;
  return nullptr;
}

TEST(LimeSurveyLssTest, RealFileMapsItsGroupQuestionAndBothLanguages) {
  auto import = ParseLimeSurveyLss(ReadTestFile("limesurvey6_export_one_question_two_languages.lss"));
  ASSERT_TRUE(import.ok()) << import.error().message;
  EXPECT_EQ(import->title, "test-survey-1");
  EXPECT_EQ(import->languages, (std::vector<std::string>{"en", "et"}));  // the default (surveys.language) first
  const json& d = import->definition;
  EXPECT_EQ(d["title"], "test-survey-1");  // the Estonian title is empty: no "et" text
  ASSERT_EQ(d["pages"].size(), 1u);
  const json& page = d["pages"][0];
  EXPECT_EQ(page["title"], json({{"default", "G1"}, {"et", "G1"}}));  // the group in both languages
  ASSERT_EQ(page["elements"].size(), 1u);
  const json& q = page["elements"][0];
  EXPECT_EQ(q["type"], "comment");  // T: long free text
  EXPECT_EQ(q["name"], "Q1");
  EXPECT_EQ(q["title"], "Q1");  // both texts are empty: the code
  EXPECT_FALSE(q.contains("isRequired"));  // mandatory N
  ASSERT_EQ(import->questions.size(), 1u);
  EXPECT_EQ(import->questions[0].source, "LimeSurvey T (long free text) Q1");
  EXPECT_TRUE(import->skipped.empty());  // relevance "1" is no condition

  auto parsed = survey::ParseDefinition(d);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->locales, (std::vector<std::string>{"", "et"}));
  EXPECT_EQ(parsed->questions.size(), 1u);
  EXPECT_EQ(parsed->page_names, (std::vector<std::string>{"page_641"}));
}

// A LimeSurvey 6 structure with the other types, built on the real file's layout.
std::string LssWith(const std::string& questions, const std::string& l10ns, const std::string& answers = "") {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<document><LimeSurveyDocType>Survey</LimeSurveyDocType><DBVersion>630</DBVersion>
<languages><language>de</language><language>en</language></languages>
<groups><rows><row><gid>1</gid><group_order>1</group_order></row><row><gid>2</gid><group_order>0</group_order></row></rows></groups>
<group_l10ns><rows>
<row><gid>1</gid><group_name>Zweite</group_name><language>de</language></row>
<row><gid>1</gid><group_name>Second</group_name><language>en</language></row>
<row><gid>2</gid><group_name>Erste</group_name><language>de</language></row>
</rows></group_l10ns>
<questions><rows>)" + questions + R"(</rows></questions>
<question_l10ns><rows>)" + l10ns + R"(</rows></question_l10ns>
)" + answers + R"(
<surveys><rows><row><sid>1</sid><language>de</language><additional_languages>en</additional_languages></row></rows></surveys>
<surveys_languagesettings><rows>
<row><surveyls_language>de</surveyls_language><surveyls_title>Zufriedenheit</surveyls_title></row>
<row><surveyls_language>en</surveyls_language><surveyls_title>Satisfaction</surveyls_title></row>
</rows></surveys_languagesettings></document>)";
}

std::string Q(int qid, int parent, int gid, const std::string& type, const std::string& code, int order,
              const std::string& extra = "") {
  return "<row><qid>" + std::to_string(qid) + "</qid><parent_qid>" + std::to_string(parent) + "</parent_qid><gid>" +
         std::to_string(gid) + "</gid><type>" + type + "</type><title>" + code + "</title><question_order>" +
         std::to_string(order) + "</question_order><relevance>1</relevance>" + extra + "</row>";
}

std::string L(int qid, const std::string& language, const std::string& text) {
  return "<row><qid>" + std::to_string(qid) + "</qid><question><![CDATA[" + text + "]]></question><language>" +
         language + "</language></row>";
}

TEST(LimeSurveyLssTest, MapsTheCommonTypesWithLocalizedTexts) {
  std::string questions = Q(1, 0, 2, "L", "colour", 1, "<mandatory>Y</mandatory><other>Y</other>") +
                          Q(2, 0, 2, "M", "channels", 2) + Q(21, 2, 2, "T", "web", 1) + Q(22, 2, 2, "T", "shop", 2) +
                          Q(3, 0, 1, "Y", "again", 1) + Q(4, 0, 1, "5", "stars", 2) + Q(5, 0, 1, "N", "age", 3) +
                          Q(6, 0, 1, "A", "rate", 4) + Q(61, 6, 1, "T", "SQ001", 1) + Q(62, 6, 1, "T", "SQ002", 2) +
                          Q(7, 0, 1, "1", "dual", 5) + Q(8, 0, 1, "S", "why", 6, "<relevance>again == 'N'</relevance>");
  std::string l10ns = L(1, "de", "<p>Welche <b>Farbe</b>?</p>") + L(1, "en", "Which colour?") + L(2, "de", "Kanäle") +
                      L(21, "de", "Web") + L(21, "en", "Web site") + L(22, "de", "Laden") + L(3, "de", "Wieder?") +
                      L(4, "de", "Sterne") + L(5, "de", "Alter") + L(6, "de", "Bewerten") + L(61, "de", "Preis") +
                      L(62, "de", "Qualit&auml;t &amp; Service") + L(8, "de", "Warum nicht?");
  std::string answers = R"(<answers><rows>
<row><aid>10</aid><qid>1</qid><code>A2</code><sortorder>2</sortorder><scale_id>0</scale_id></row>
<row><aid>11</aid><qid>1</qid><code>A1</code><sortorder>1</sortorder><scale_id>0</scale_id></row>
</rows></answers><answer_l10ns><rows>
<row><aid>10</aid><answer>Blau</answer><language>de</language></row>
<row><aid>10</aid><answer>Blue</answer><language>en</language></row>
<row><aid>11</aid><answer>Rot</answer><language>de</language></row>
</rows></answer_l10ns>)";
  auto import = ParseLimeSurveyLss(LssWith(questions, l10ns, answers));
  ASSERT_TRUE(import.ok()) << import.error().message;
  EXPECT_EQ(import->title, "Zufriedenheit");
  const json& d = import->definition;
  EXPECT_EQ(d["title"], json({{"default", "Zufriedenheit"}, {"en", "Satisfaction"}}));
  ASSERT_EQ(d["pages"].size(), 2u);
  EXPECT_EQ(d["pages"][0]["title"], "Erste");  // group_order 0 first; no English name
  EXPECT_EQ(d["pages"][1]["title"], json({{"default", "Zweite"}, {"en", "Second"}}));
  const json& first = d["pages"][1]["elements"];  // group 1
  ASSERT_EQ(first.size(), 5u);  // again, stars, age, the panel of rate, why; dual skipped
  EXPECT_EQ(first[0]["type"], "boolean");
  EXPECT_EQ(first[0]["valueTrue"], "Y");
  EXPECT_EQ(first[1]["type"], "rating");
  EXPECT_EQ(first[1]["rateMax"], 5);
  EXPECT_EQ(first[2]["inputType"], "number");
  EXPECT_EQ(first[3]["type"], "panel");
  ASSERT_EQ(first[3]["elements"].size(), 2u);
  EXPECT_EQ(first[3]["elements"][0]["name"], "rate_SQ001");
  EXPECT_EQ(first[3]["elements"][1]["title"], "Qualität & Service");
  const json& second = d["pages"][0]["elements"];  // group 2
  EXPECT_EQ(second[0]["type"], "radiogroup");
  EXPECT_EQ(second[0]["title"], json({{"default", "Welche Farbe?"}, {"en", "Which colour?"}}));
  EXPECT_EQ(second[0]["isRequired"], true);
  EXPECT_EQ(second[0]["showOtherItem"], true);
  EXPECT_EQ(second[0]["choices"][0], json({{"value", "A1"}, {"text", "Rot"}}));  // sortorder
  EXPECT_EQ(second[0]["choices"][1], json({{"value", "A2"}, {"text", {{"default", "Blau"}, {"en", "Blue"}}}}));
  EXPECT_EQ(second[1]["type"], "checkbox");
  EXPECT_EQ(second[1]["choices"][0]["value"], "web");
  EXPECT_EQ(second[1]["choices"][0]["text"], json({{"default", "Web"}, {"en", "Web site"}}));

  const SkippedItem* dual = FindSkipped(*import, "question dual");
  ASSERT_NE(dual, nullptr);
  EXPECT_NE(dual->reason.find("matrix questions are not supported"), std::string::npos);
  const SkippedItem* condition = FindSkipped(*import, "question why relevance");
  ASSERT_NE(condition, nullptr);
  EXPECT_NE(condition->reason.find("always shown"), std::string::npos);

  auto parsed = survey::ParseDefinition(d);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->locales, (std::vector<std::string>{"", "en"}));
  EXPECT_EQ(parsed->questions.size(), 8u);
}

TEST(LimeSurveyLssTest, RefusesWhatIsNotAnLssNamingTheLine) {
  auto broken = ParseLimeSurveyLss("<?xml version=\"1.0\"?>\n<document>\n<languages>\n</document>");
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().fields[0].field, "file");
  EXPECT_NE(broken.error().message.find("line 4"), std::string::npos) << broken.error().message;
  auto other = ParseLimeSurveyLss("<document><LimeSurveyDocType>Group</LimeSurveyDocType></document>");
  ASSERT_FALSE(other.ok());
  EXPECT_NE(other.error().message.find("LimeSurveyDocType"), std::string::npos);
  auto empty = ParseLimeSurveyLss(LssWith(Q(1, 0, 1, "|", "upload", 1), ""));
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.error().message.find("no question"), std::string::npos);
}

TEST(QualtricsCsvTest, RealFileColumnsByClassAndItsOneAnswer) {
  auto import = ParseQualtricsCsv(ReadTestFile("qualtrics_export_sample.csv"), "UTC");
  ASSERT_TRUE(import.ok()) << import.error().message;
  // Questions: Q1 (QID1, a choice) and Q2 (QID2_TEXT, a free text), titled by row 2.
  ASSERT_EQ(import->questions.size(), 2u);
  EXPECT_EQ(import->questions[0].name, "Q1");
  EXPECT_EQ(import->questions[0].type, "radiogroup");
  EXPECT_EQ(import->questions[1].name, "Q2");
  EXPECT_EQ(import->questions[1].type, "comment");
  const json& elements = import->definition["pages"][0]["elements"];
  EXPECT_EQ(elements[0]["title"], "This is a multiple choice question.");
  EXPECT_EQ(elements[0]["choices"], json::array({{{"value", 2}, {"text", "2"}}}));
  EXPECT_EQ(elements[1]["title"], "This is a free text question.");
  // Personal data never imported; derived columns skipped; metadata used, not listed.
  for (const char* personal : {"IPAddress", "LocationLatitude", "LocationLongitude", "RecipientLastName",
                               "RecipientFirstName", "RecipientEmail", "ExternalReference"}) {
    const SkippedItem* s = FindSkipped(*import, std::string("column ") + personal);
    ASSERT_NE(s, nullptr) << personal;
    EXPECT_NE(s->reason.find("personal data"), std::string::npos);
  }
  const SkippedItem* topics = FindSkipped(*import, "column Q2 - Topics");
  ASSERT_NE(topics, nullptr);
  EXPECT_NE(topics->reason.find("Text iQ"), std::string::npos);
  for (const char* metadata : {"StartDate", "EndDate", "Status", "Progress", "Duration (in seconds)", "Finished",
                               "RecordedDate", "ResponseId", "DistributionChannel", "UserLanguage"})
    EXPECT_EQ(FindSkipped(*import, std::string("column ") + metadata), nullptr) << metadata;
  EXPECT_EQ(import->skipped.size(), 8u);

  ASSERT_EQ(import->answers.size(), 1u);
  const ImportedAnswer& a = import->answers[0];
  EXPECT_EQ(a.line, 4);
  EXPECT_EQ(a.values, json({{"Q1", 2}, {"Q2", "Hello World!"}}));
  EXPECT_EQ(FormatTimestamp(a.submitted_at), "2017-07-18T08:28:48.000000Z");  // RecordedDate
  EXPECT_EQ(a.language, "de");  // UserLanguage DE
  EXPECT_EQ(a.response_id, "R_2YPOQ602ER1jkf1");
  EXPECT_EQ(a.values.dump().find("130.92"), std::string::npos);

  auto parsed = survey::ParseDefinition(import->definition);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
}

TEST(QualtricsCsvTest, TimesAreLocalToTheGivenZone) {
  auto import = ParseQualtricsCsv(ReadTestFile("qualtrics_export_sample.csv"), "Europe/Zurich");
  ASSERT_TRUE(import.ok());
  EXPECT_EQ(FormatTimestamp(import->answers[0].submitted_at), "2017-07-18T06:28:48.000000Z");  // CEST, UTC+2
  auto unknown = ParseQualtricsCsv(ReadTestFile("qualtrics_export_sample.csv"), "Mars/Olympus");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().fields[0].field, "time_zone");
}

std::string Sample() { return ReadTestFile("qualtrics_export_sample.csv"); }

TEST(QualtricsCsvTest, SkipsPreviewsUnfinishedAndRepeatedResponses) {
  std::string csv = Sample();
  std::string row = csv.substr(csv.rfind("2017-07-18 08:28:09"));
  std::string preview = row, unfinished = row;
  preview.replace(preview.find(",0,130"), 6, ",1,130");
  unfinished.replace(unfinished.find(",38,1,"), 6, ",38,0,");
  unfinished.replace(unfinished.find("R_2YPO"), 6, "R_3ABC");
  std::string text = csv + preview + unfinished + row;  // each ends in its line break
  auto import = ParseQualtricsCsv(text, "UTC");
  ASSERT_TRUE(import.ok()) << import.error().message;
  EXPECT_EQ(import->answers.size(), 1u);
  ASSERT_NE(FindSkipped(*import, "line 5"), nullptr);
  EXPECT_NE(FindSkipped(*import, "line 5")->reason.find("preview"), std::string::npos);
  EXPECT_NE(FindSkipped(*import, "line 6")->reason.find("not finished"), std::string::npos);
  EXPECT_NE(FindSkipped(*import, "line 7")->reason.find("twice"), std::string::npos);
}

TEST(QualtricsCsvTest, RefusesBadFilesNamingTheLine) {
  const std::string csv = Sample();
  const size_t third = csv.find("\"{\"\"ImportId");
  auto two_rows = ParseQualtricsCsv(csv.substr(0, third), "UTC");
  ASSERT_FALSE(two_rows.ok());
  EXPECT_EQ(two_rows.error().fields[0].field, "line 3");
  std::string legacy = csv;
  legacy.replace(third, 30, "startDate");
  auto no_ids = ParseQualtricsCsv(legacy, "UTC");
  ASSERT_FALSE(no_ids.ok());
  EXPECT_EQ(no_ids.error().fields[0].field, "line 3");
  auto short_row = ParseQualtricsCsv(csv + "2017-07-18 08:28:09,oops\r\n", "UTC");
  ASSERT_FALSE(short_row.ok());
  EXPECT_EQ(short_row.error().fields[0].field, "line 5");
  std::string bad_time = csv;
  bad_time.replace(bad_time.rfind("2017-07-18 08:28:48"), 19, "18.07.2017 08:28");
  auto time = ParseQualtricsCsv(bad_time, "UTC");
  ASSERT_FALSE(time.ok());
  EXPECT_EQ(time.error().fields[0].field, "line 4");
  auto quote = ParseQualtricsCsv("a,b\"c\r\n", "UTC");
  ASSERT_FALSE(quote.ok());
  EXPECT_EQ(quote.error().fields[0].field, "file");
}

TEST(ImportTextTest, HtmlBecomesPlainText) {
  EXPECT_EQ(PlainText("<p>Hello&nbsp; <b>you</b></p><p>&#252;ber &#x263A; &lt;3</p>"), "Hello you\nüber ☺ <3");
  EXPECT_EQ(QuestionName("Q2 - Topics"), "Q2_-_Topics");
  EXPECT_EQ(QuestionName("{a.b}"), "_a_b_");
  EXPECT_EQ(SurveyJsLocale("pt_BR"), "pt-br");
}

}  // namespace
}  // namespace hearken::ingest
