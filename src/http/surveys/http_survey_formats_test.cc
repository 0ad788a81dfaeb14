// Survey import and export over HTTP (issue 8): the real LimeSurvey and
// Qualtrics files imported as they are, the answers exported in each format
// (CSV with inert cells, XLSX opened as a zip, JSON, .sav read back with its
// labels), the definition exported and checked against the SurveyJS schema,
// the roles, and bad files refused naming the field or line.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "core/survey/survey_definition.h"
#include "core/survey/survey_schema.h"
#include "http/test_support.h"
#include "report/spss_sav.h"

namespace hearken::http::testing {
namespace {

std::string ReadFormatFile(const std::string& name) {
  std::ifstream in(std::string(HEARKEN_SURVEY_IMPORT_TESTDATA) + "/" + name, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

const Json kNps = Json::parse(R"({
  "title": "Net Promoter Score",
  "pages": [
    {"name": "score", "elements": [{"type": "rating", "name": "nps", "title": "How likely are you to recommend us?",
      "isRequired": true, "rateCount": 11, "rateMin": 0, "rateMax": 10}]},
    {"name": "followUp", "elements": [{"type": "comment", "name": "reason", "visible": false,
      "visibleIf": "{nps} < 7", "title": "What went wrong?"}]}
  ],
  "triggers": [{"type": "complete", "expression": "{nps} >= 9"}]
})");

// `bytes` in a temporary file, removed with the object.
struct TempFile {
  explicit TempFile(const std::string& bytes) {
    char name[] = "/tmp/hearken-formats-XXXXXX";
    int fd = mkstemp(name);
    path = name;
    if (fd >= 0) close(fd);
    std::ofstream(path, std::ios::binary) << bytes;
  }
  ~TempFile() { std::remove(path.c_str()); }
  std::string path;
};

std::string RunShell(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return out;
  char buf[4096];
  while (size_t n = std::fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
  pclose(pipe);
  return out;
}

class SurveyFormatsHttpTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    h_ = new Harness();
    Auth qm = h_->BearerOf(Role::kQualityManager);
    Reply created =
        h_->Post("/api/v1/surveys", {{"name", "Exported NPS"}, {"definition", kNps}, {"metric_map", {{"nps", "nps"}}}}, qm);
    ASSERT_EQ(created.status, 201) << created.body;
    nps_id_ = created.json()["id"].get<Id>();
    ASSERT_EQ(h_->Put(Path(""), {{"status", "open"}}, qm).status, 200);
    const std::string slug = created.json()["public_slug"];
    for (const Json& answers : {Json{{"nps", 10}}, Json{{"nps", 3}, {"reason", "=HYPERLINK(\"http://x\",\"y\")"}}}) {
      Reply r = Send(h_->port(), "POST", "/api/v1/public/surveys/" + slug + "/answers", Json{{"answers", answers}}.dump());
      ASSERT_EQ(r.status, 201) << r.body;
    }
  }
  static void TearDownTestSuite() {
    delete h_;
    h_ = nullptr;
  }
  static std::string Path(const std::string& tail) { return "/api/v1/surveys/" + std::to_string(nps_id_) + tail; }
  static Reply Import(const std::string& query, const std::string& body, Role role = Role::kQualityManager,
                      const std::string& type = "application/octet-stream") {
    return Send(h_->port(), "POST", "/api/v1/surveys/import?" + query, body, h_->BearerOf(role), {}, type);
  }

  static Harness* h_;
  static Id nps_id_;
};
Harness* SurveyFormatsHttpTest::h_ = nullptr;
Id SurveyFormatsHttpTest::nps_id_ = 0;

TEST_F(SurveyFormatsHttpTest, LimeSurveyFileBecomesADraftSurveyInBothLanguages) {
  Reply r = Import("format=lss", ReadFormatFile("limesurvey6_export_one_question_two_languages.lss"), Role::kQualityManager,
                   "application/xml");
  ASSERT_EQ(r.status, 201) << r.body;
  const Json out = r.json();
  EXPECT_EQ(out["survey"]["name"], "test-survey-1");
  EXPECT_EQ(out["survey"]["status"], "draft");
  EXPECT_EQ(out["survey"]["definition"]["pages"][0]["title"]["et"], "G1");
  EXPECT_EQ(out["report"]["format"], "lss");
  EXPECT_EQ(out["report"]["languages"], Json::array({"en", "et"}));
  ASSERT_EQ(out["report"]["questions"].size(), 1u);
  EXPECT_EQ(out["report"]["questions"][0]["name"], "Q1");
  EXPECT_EQ(out["report"]["questions"][0]["type"], "comment");
  EXPECT_EQ(out["report"]["answers_imported"], 0);
  Reply check = h_->Post("/api/v1/surveys/validate", {{"definition", out["survey"]["definition"]}},
                         h_->BearerOf(Role::kQualityManager));
  ASSERT_EQ(check.status, 200) << check.body;
  EXPECT_EQ(check.json()["locales"], Json::array({"", "et"}));
  // The same file again: the name is taken.
  Reply again = Import("format=lss", ReadFormatFile("limesurvey6_export_one_question_two_languages.lss"));
  EXPECT_TRUE(IsProblem(again, 409, "name")) << again.body;
  Reply renamed = Import("format=lss&name=Second%20copy", ReadFormatFile("limesurvey6_export_one_question_two_languages.lss"));
  ASSERT_EQ(renamed.status, 201) << renamed.body;
  EXPECT_EQ(renamed.json()["survey"]["name"], "Second copy");
}

TEST_F(SurveyFormatsHttpTest, QualtricsFileImportsItsAnswerAnonymouslyAtItsOwnTime) {
  Reply r = Import("format=qualtrics&time_zone=UTC", ReadFormatFile("qualtrics_export_sample.csv"),
                   Role::kQualityManager, "text/csv");
  ASSERT_EQ(r.status, 201) << r.body;
  const Json out = r.json();
  EXPECT_EQ(out["survey"]["status"], "closed");  // history until someone opens it
  EXPECT_EQ(out["survey"]["answer_count"], 1);
  EXPECT_EQ(out["report"]["answers_imported"], 1);
  EXPECT_EQ(out["report"]["questions"].size(), 2u);
  EXPECT_EQ(out["report"]["skipped"].size(), 8u);
  EXPECT_EQ(r.body.find("130.92"), std::string::npos);
  const Id id = out["survey"]["id"].get<Id>();
  Reply answers = h_->Get("/api/v1/surveys/" + std::to_string(id) + "/answers", h_->BearerOf(Role::kViewer));
  ASSERT_EQ(answers.status, 200) << answers.body;
  ASSERT_EQ(answers.json()["items"].size(), 1u);
  const Json a = answers.json()["items"][0];
  EXPECT_EQ(a["channel"], "import");
  EXPECT_EQ(a["language"], "de");
  EXPECT_EQ(a["submitted_at"], "2017-07-18T08:28:48.000000Z");
  EXPECT_EQ(a["answers"], Json({{"Q1", 2}, {"Q2", "Hello World!"}}));
  EXPECT_TRUE(a["customer_id"].is_null());
  Reply audit = h_->Get("/api/v1/audit?entity_type=survey_answer&limit=200", h_->BearerOf(Role::kAdmin));
  EXPECT_EQ(audit.body.find("130.92"), std::string::npos);
  EXPECT_EQ(audit.body.find("47.115"), std::string::npos);
}

TEST_F(SurveyFormatsHttpTest, AnswersExportAsCsvWithInertCells) {
  Reply r = h_->Get(Path("/answers/export?format=csv"), h_->BearerOf(Role::kViewer));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("content-type"), "text/csv; charset=utf-8");
  EXPECT_NE(r.Header("content-disposition").find("attachment; filename=\"survey-"), std::string::npos);
  EXPECT_EQ(r.body.find("\xEF\xBB\xBF" "answer_id,submitted_at,channel,language,version,customer_id,nps,reason\r\n"), 0u)
      << r.body;
  EXPECT_NE(r.body.find(",link,,1,,3,\"'=HYPERLINK("), std::string::npos) << r.body;
  Reply filtered = h_->Get(Path("/answers/export?format=csv&channel=api"), h_->BearerOf(Role::kViewer));
  ASSERT_EQ(filtered.status, 200);
  EXPECT_EQ(std::count(filtered.body.begin(), filtered.body.end(), '\n'), 1);  // the header alone
}

TEST_F(SurveyFormatsHttpTest, AnswersExportAsXlsxJsonAndSav) {
  Reply xlsx = h_->Get(Path("/answers/export?format=xlsx"), h_->BearerOf(Role::kViewer));
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.Header("content-type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  TempFile book(xlsx.body);
  EXPECT_NE(RunShell("unzip -p " + book.path + " xl/workbook.xml").find("name=\"Answers\""), std::string::npos);
  const std::string sheet = RunShell("unzip -p " + book.path + " xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("'=HYPERLINK("), std::string::npos) << sheet;
  EXPECT_EQ(sheet.find("<f>"), std::string::npos);  // no formula cells

  Reply json = h_->Get(Path("/answers/export?format=json"), h_->BearerOf(Role::kHandler));
  ASSERT_EQ(json.status, 200);
  EXPECT_EQ(json.Header("content-type"), "application/json");
  const Json doc = json.json();
  ASSERT_TRUE(doc.is_object()) << json.body;
  EXPECT_EQ(doc["survey"], "Exported NPS");
  ASSERT_EQ(doc["answers"].size(), 2u);
  EXPECT_EQ(doc["answers"][1]["nps"], 3);
  EXPECT_EQ(doc["answers"][1]["reason"], "=HYPERLINK(\"http://x\",\"y\")");  // JSON is data, not a spreadsheet
  EXPECT_EQ(doc["columns"][6]["label"], "How likely are you to recommend us?");

  Reply sav = h_->Get(Path("/answers/export?format=sav"), h_->BearerOf(Role::kViewer));
  ASSERT_EQ(sav.status, 200);
  EXPECT_EQ(sav.Header("content-type"), "application/x-spss-sav");
  EXPECT_NE(sav.Header("content-disposition").find(".sav\""), std::string::npos);
  EXPECT_EQ(sav.body.substr(0, 4), "$FL2");
  TempFile file(sav.body);
  auto contents = ReadSav(file.path);
  ASSERT_TRUE(contents.ok()) << contents.error().message;
  EXPECT_EQ(contents->file_label, "Exported NPS");
  ASSERT_EQ(contents->variables.size(), 8u);
  EXPECT_EQ(contents->variables[6].label, "How likely are you to recommend us?");
  EXPECT_EQ(contents->variables[6].value_labels.size(), 11u);
  EXPECT_FALSE(contents->variables[7].numeric);
  ASSERT_EQ(contents->rows.size(), 2u);
  EXPECT_EQ(std::get<double>(contents->rows[0][6]), 10);
}

TEST_F(SurveyFormatsHttpTest, DefinitionExportValidatesAgainstTheSurveyJsSchema) {
  Reply r = h_->Get(Path("/definition/export"), h_->BearerOf(Role::kViewer));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("content-type"), "application/json");
  EXPECT_NE(r.Header("content-disposition").find("-v1.json\""), std::string::npos);
  const Json definition = r.json();
  EXPECT_EQ(definition["hearken"]["metric_map"]["nps"], "nps");
  EXPECT_EQ(definition["hearken"]["version"], 1);
  EXPECT_TRUE(survey::ValidateAgainstSurveyJsSchema(definition).ok());
  auto parsed = survey::ParseDefinition(definition);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->questions.size(), 2u);
  EXPECT_TRUE(IsProblem(h_->Get(Path("/definition/export?version=9"), h_->BearerOf(Role::kViewer)), 422, "version"));
}

TEST_F(SurveyFormatsHttpTest, OnlyQualityRolesImportAndEveryReaderExports) {
  const std::string lss = ReadFormatFile("limesurvey6_export_one_question_two_languages.lss");
  EXPECT_EQ(Import("format=lss&name=Viewer", lss, Role::kViewer).status, 403);
  EXPECT_EQ(Import("format=lss&name=Handler", lss, Role::kHandler).status, 403);
  EXPECT_EQ(Send(h_->port(), "POST", "/api/v1/surveys/import?format=lss", lss).status, 401);
  EXPECT_EQ(Import("format=lss&name=Admin", lss, Role::kAdmin).status, 201);
  for (Role role : {Role::kViewer, Role::kHandler, Role::kQualityManager, Role::kAdmin})
    EXPECT_EQ(h_->Get(Path("/answers/export?format=sav"), h_->BearerOf(role)).status, 200);
  EXPECT_EQ(Send(h_->port(), "GET", Path("/answers/export?format=csv")).status, 401);
}

TEST_F(SurveyFormatsHttpTest, BadFilesAndParametersAreRefusedNamingTheFieldOrLine) {
  EXPECT_TRUE(IsProblem(Import("format=lss", "<document><LimeSurvey"), 422, "file"));
  EXPECT_TRUE(IsProblem(Import("format=lss", "<document><LimeSurveyDocType>Group</LimeSurveyDocType></document>"), 422,
                        "file"));
  const std::string csv = ReadFormatFile("qualtrics_export_sample.csv");
  const std::string two_rows = csv.substr(0, csv.find("\"{\"\"ImportId"));
  EXPECT_TRUE(IsProblem(Import("format=qualtrics", two_rows), 422, "line 3"));
  EXPECT_TRUE(IsProblem(Import("format=qualtrics", csv + "2017-07-18,oops\n"), 422, "line 5"));
  EXPECT_TRUE(IsProblem(Import("format=qualtrics&time_zone=Mars/Olympus", csv), 422, "time_zone"));
  EXPECT_TRUE(IsProblem(Import("format=excel", csv), 422, "format"));
  EXPECT_TRUE(IsProblem(Import("format=qualtrics", ""), 400, "file"));
  EXPECT_TRUE(IsProblem(h_->Get(Path("/answers/export?format=pdf"), h_->BearerOf(Role::kViewer)), 422, "format"));
  EXPECT_TRUE(IsProblem(h_->Get(Path("/answers/export?format=csv&version=7"), h_->BearerOf(Role::kViewer)), 422,
                        "version"));
  EXPECT_TRUE(IsProblem(h_->Get(Path("/answers/export?format=csv&from=yesterday"), h_->BearerOf(Role::kViewer)), 422,
                        "from"));
  EXPECT_EQ(h_->Get("/api/v1/surveys/999999/answers/export?format=csv", h_->BearerOf(Role::kViewer)).status, 404);
}

}  // namespace
}  // namespace hearken::http::testing
