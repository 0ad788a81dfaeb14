// Survey import and export (docs/API.md "Survey import and export"): the
// answers of a survey as CSV, XLSX, JSON or SPSS .sav (report/
// survey_answer_export.h, in keyset pages of the store, streamed or built
// in a temporary file), a version's SurveyJS definition as a download, and
// surveys made in LimeSurvey (.lss) or answered in Qualtrics (response CSV)
// imported as new surveys (ingest/survey_import) with a report of what was
// mapped and what was left out. Readers of answers export; quality managers
// and admins import.
#include <chrono>
#include <cstdio>

#include "core/crypto.h"
#include "core/time_format.h"
#include "http/complaints/complaint_export_stream.h"
#include "http/openapi_schema.h"
#include "http/problem.h"
#include "http/routes.h"
#include "http/surveys/survey_checks.h"
#include "http/surveys/survey_format_routes.h"
#include "http/surveys/survey_json.h"
#include "ingest/survey_import/limesurvey_lss.h"
#include "ingest/survey_import/qualtrics_csv.h"
#include "report/spss_sav.h"
#include "report/survey_answer_export.h"
#include "report/table_export.h"

namespace hearken::http {
namespace {

using namespace schema;

constexpr int kExportBatch = 1000;  // answers per keyset page and streamed piece
constexpr std::size_t kImportBodyBytes = 16 * 1024 * 1024;

std::string DateText(TimePoint t) {
  const auto ymd = std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(t));
  char date[16];
  std::snprintf(date, sizeof date, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return date;
}

void Attach(HttpResponse& response, const std::string& content_type, const std::string& file_name) {
  response.status = 200;
  response.SetHeader("Content-Type", content_type);
  response.SetHeader("Content-Disposition", "attachment; filename=\"" + file_name + "\"");
}

AnswerExportRow ExportRow(const SurveyAnswer& a) {
  AnswerExportRow row;
  row.id = a.id;
  row.submitted_at = a.submitted_at;
  row.channel = std::string(AnswerChannelText(a.channel));
  row.language = a.language;
  row.version = a.version;
  row.customer_id = a.customer_id;
  row.answers = Json::parse(a.answers_json, nullptr, false);
  return row;
}

// The matching answers in id order, a page at a time.
class AnswerPages {
 public:
  AnswerPages(Store& store, SurveyAnswerFilter filter) : store_(store), filter_(std::move(filter)) {}
  // The next page (empty at the end). Errors: the store's.
  Result<std::vector<SurveyAnswer>> Next() {
    if (done_) return std::vector<SurveyAnswer>{};
    auto batch = store_.surveys().ScanSurveyAnswers(filter_, after_, kExportBatch);
    if (!batch.ok()) return batch.error();
    if (static_cast<int>(batch->size()) < kExportBatch) done_ = true;
    if (!batch->empty()) after_ = batch->back().id;
    return batch;
  }

 private:
  Store& store_;
  SurveyAnswerFilter filter_;
  Id after_ = 0;
  bool done_ = false;
};

struct ExportPlan {
  Survey survey;
  SurveyAnswerFilter filter;
  AnswerExportLayout layout;
  std::vector<std::shared_ptr<const CheckedDefinition>> definitions;  // keep the layout's questions alive
};

Result<ExportPlan> PlanExport(Services& s, RequestContext& ctx) {
  ExportPlan plan;
  auto survey = s.store.surveys().GetSurvey(ctx.PathId("id"));
  if (!survey.ok()) return survey.error();
  plan.survey = *survey;
  auto filter = ReadAnswerFilter(ctx, survey->id);
  if (!filter.ok()) return filter.error();
  plan.filter = *filter;
  std::vector<SurveyVersion> versions;
  if (filter->version) {
    auto one = s.store.surveys().GetSurveyVersion(survey->id, *filter->version);
    if (!one.ok()) {
      if (one.error().code == ErrorCode::kNotFound) return Error::InvalidField("version", "is not a version of this survey");
      return one.error();
    }
    versions.push_back(*one);
  } else {
    auto all = s.store.surveys().ListSurveyVersions(survey->id);
    if (!all.ok()) return all.error();
    versions.assign(all->rbegin(), all->rend());  // newest first
  }
  std::vector<const survey::Definition*> definitions;
  for (const SurveyVersion& v : versions) {
    auto loaded = LoadVersion(v);
    if (!loaded.ok()) return loaded.error();
    plan.definitions.push_back(*loaded);
    definitions.push_back(&(*loaded)->definition);
  }
  auto settings = s.store.organisation().GetSettings();
  if (!settings.ok()) return settings.error();
  auto layout = MakeAnswerExportLayout(definitions, settings->time_zone.empty() ? "UTC" : settings->time_zone);
  if (!layout.ok()) return layout.error();
  plan.layout = std::move(*layout);
  return plan;
}

Result<Table> TablePage(const AnswerExportLayout& layout, const std::vector<SurveyAnswer>& answers, bool times_as_text) {
  Table table{AnswerExportHeader(layout), {}};
  for (const SurveyAnswer& a : answers) table.rows.push_back(AnswerTableRow(layout, ExportRow(a), times_as_text));
  return table;
}

HttpResponse CsvExport(Services& s, std::shared_ptr<ExportPlan> plan, const std::string& file) {
  HttpResponse response;
  auto header = CsvHeader(AnswerExportHeader(plan->layout));
  if (!header.ok()) return ErrorResponse(header.error());
  response.body = std::move(*header);
  auto pages = std::make_shared<AnswerPages>(s.store, plan->filter);
  auto first = pages->Next();
  if (!first.ok()) return ErrorResponse(first.error());
  auto table = TablePage(plan->layout, *first, true);
  if (Status st = AppendCsvRows(*table, response.body); !st.ok()) return ErrorResponse(st.error());
  response.stream = [plan, pages](std::string& piece) {
    auto batch = pages->Next();
    if (!batch.ok()) return BodyPiece::kFailed;
    if (batch->empty()) return BodyPiece::kLast;
    auto rows = TablePage(plan->layout, *batch, true);
    if (!AppendCsvRows(*rows, piece).ok()) return BodyPiece::kFailed;
    return BodyPiece::kMore;
  };
  Attach(response, "text/csv; charset=utf-8", file + ".csv");
  return response;
}

HttpResponse JsonExport(Services& s, std::shared_ptr<ExportPlan> plan, const std::string& file) {
  Json columns = Json::array();
  for (const AnswerColumn& c : plan->layout.columns)
    columns.push_back({{"name", c.name}, {"label", c.label}, {"type", c.numeric ? "number" : "text"}});
  Json head = {{"survey_id", plan->survey.id}, {"survey", plan->survey.name},
               {"version", plan->filter.version ? Json(*plan->filter.version) : Json()},
               {"time_zone", plan->layout.time_zone}, {"columns", columns}};
  HttpResponse response;
  std::string text = head.dump();
  text.pop_back();  // reopen the object for the answers
  response.body = text + ",\"answers\":[";
  auto pages = std::make_shared<AnswerPages>(s.store, plan->filter);
  auto first_page = std::make_shared<bool>(true);
  response.stream = [plan, pages, first_page](std::string& piece) {
    auto batch = pages->Next();
    if (!batch.ok()) return BodyPiece::kFailed;
    for (const SurveyAnswer& a : *batch) {
      if (!*first_page) piece += ',';
      *first_page = false;
      piece += AnswerJsonRow(plan->layout, ExportRow(a)).dump();
    }
    if (batch->empty()) {
      piece += "]}";
      return BodyPiece::kLast;
    }
    return BodyPiece::kMore;
  };
  Attach(response, "application/json", file + ".json");
  return response;
}

HttpResponse XlsxExport(Services& s, std::shared_ptr<ExportPlan> plan, const std::string& file) {
  auto writer = XlsxStreamWriter::Create("Answers", AnswerExportHeader(plan->layout));
  if (!writer.ok()) return ErrorResponse(writer.error());
  AnswerPages pages(s.store, plan->filter);
  while (true) {
    auto batch = pages.Next();
    if (!batch.ok()) return ErrorResponse(batch.error());
    if (batch->empty()) break;
    if (Status st = (*writer)->AddRows(*TablePage(plan->layout, *batch, false)); !st.ok()) return ErrorResponse(st.error());
  }
  if (Status st = (*writer)->Finish(); !st.ok()) return ErrorResponse(st.error());
  auto body = XlsxFileBody(std::move(*writer));
  if (!body.ok()) return ErrorResponse(body.error());
  HttpResponse response;
  response.stream = std::move(*body);
  Attach(response, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file + ".xlsx");
  return response;
}

// Two passes: the first counts the rows and measures the text columns (a
// .sav declares both before its data), the second writes them — up to the
// last answer the first pass saw, so that answers arriving meanwhile do not
// break the count.
HttpResponse SavExport(Services& s, std::shared_ptr<ExportPlan> plan, const std::string& file) {
  const AnswerExportLayout& layout = plan->layout;
  std::vector<size_t> widths(layout.columns.size(), 1);
  long rows = 0;
  Id last = 0;
  AnswerPages count(s.store, plan->filter);
  while (true) {
    auto batch = count.Next();
    if (!batch.ok()) return ErrorResponse(batch.error());
    if (batch->empty()) break;
    for (const SurveyAnswer& a : *batch) {
      auto values = AnswerSavRow(layout, ExportRow(a));
      for (size_t i = 0; i < values.size(); ++i)
        if (auto* text = std::get_if<std::string>(&values[i])) widths[i] = std::max(widths[i], text->size());
      ++rows;
      last = a.id;
    }
  }
  auto writer = SavWriter::Create(AnswerSavVariables(layout, widths), rows, plan->survey.name);
  if (!writer.ok()) return ErrorResponse(writer.error());
  AnswerPages pages(s.store, plan->filter);
  long written = 0;
  while (written < rows) {
    auto batch = pages.Next();
    if (!batch.ok()) return ErrorResponse(batch.error());
    if (batch->empty()) break;
    for (const SurveyAnswer& a : *batch) {
      if (a.id > last || written == rows) break;
      if (Status st = (*writer)->AddRow(AnswerSavRow(layout, ExportRow(a))); !st.ok()) return ErrorResponse(st.error());
      ++written;
    }
  }
  if (Status st = (*writer)->Finish(); !st.ok()) return ErrorResponse(st.error());
  const std::string path = (*writer)->path();
  auto body = FileBody(std::shared_ptr<SavWriter>(std::move(*writer)), path);
  if (!body.ok()) return ErrorResponse(body.error());
  HttpResponse response;
  response.stream = std::move(*body);
  Attach(response, "application/x-spss-sav", file + ".sav");
  return response;
}

HttpResponse ExportAnswers(Services& s, RequestContext& ctx) {
  const std::string* format = QueryReader(ctx.request).Raw("format");
  const std::string f = format ? *format : "";
  if (f != "csv" && f != "xlsx" && f != "json" && f != "sav")
    return ErrorResponse(Error::InvalidField("format", "must be csv, xlsx, json or sav"));
  auto plan = PlanExport(s, ctx);
  if (!plan.ok()) return ErrorResponse(plan.error());
  auto shared = std::make_shared<ExportPlan>(std::move(*plan));
  const std::string file = "survey-" + std::to_string(shared->survey.id) + "-answers-" + DateText(s.clock.Now());
  if (f == "csv") return CsvExport(s, shared, file);
  if (f == "json") return JsonExport(s, shared, file);
  if (f == "xlsx") return XlsxExport(s, shared, file);
  return SavExport(s, shared, file);
}

// The SurveyJS definition of a version, with Hearken's metric map in the
// top-level property "hearken" (the SurveyJS schema allows properties of
// its own at the top level, and the form library ignores them).
HttpResponse ExportDefinition(Services& s, RequestContext& ctx) {
  auto survey = s.store.surveys().GetSurvey(ctx.PathId("id"));
  if (!survey.ok()) return ErrorResponse(survey.error());
  int number = survey->current_version;
  if (const std::string* v = QueryReader(ctx.request).Raw("version"); v && !v->empty()) {
    auto n = ParseInteger(*v);
    if (!n || *n < 1 || *n > 1'000'000) return ErrorResponse(Error::InvalidField("version", "must be a version number"));
    number = static_cast<int>(*n);
  }
  auto version = s.store.surveys().GetSurveyVersion(survey->id, number);
  if (!version.ok()) {
    if (version.error().code == ErrorCode::kNotFound)
      return ErrorResponse(Error::InvalidField("version", "is not a version of this survey"));
    return ErrorResponse(version.error());
  }
  Json definition = Json::parse(version->definition_json, nullptr, false);
  Json metric_map = Json::parse(version->metric_map_json.empty() ? "{}" : version->metric_map_json, nullptr, false);
  if (!definition.is_object()) return ErrorResponse(Error::Internal("a stored definition is not a JSON object"));
  definition["hearken"] = {{"survey", survey->name}, {"version", version->version}, {"metric_map", metric_map}};
  HttpResponse response;
  response.body = definition.dump(2) + "\n";
  Attach(response, "application/json",
         "survey-" + std::to_string(survey->id) + "-v" + std::to_string(version->version) + ".json");
  return response;
}

// ---- Import ---------------------------------------------------------------------

Json ReportJson(const std::string& format, const ingest::SurveyImport& import, int answers_imported,
                const std::vector<ingest::SkippedItem>& skipped) {
  Json questions = Json::array();
  for (const auto& q : import.questions) questions.push_back({{"name", q.name}, {"type", q.type}, {"source", q.source}});
  Json left_out = Json::array();
  for (const auto& item : skipped) left_out.push_back({{"item", item.item}, {"reason", item.reason}});
  return {{"format", format}, {"questions", questions}, {"languages", import.languages},
          {"answers_found", import.answers.size()}, {"answers_imported", answers_imported}, {"skipped", left_out}};
}

HttpResponse ImportSurvey(Services& s, RequestContext& ctx) {
  QueryReader q(ctx.request);
  const std::string format = q.Text("format");
  std::string name = q.Text("name");
  std::string time_zone = q.Text("time_zone");
  if (Status st = q.Finish(); !st.ok()) return ErrorResponse(st.error());
  if (format != "lss" && format != "qualtrics")
    return ErrorResponse(Error::InvalidField("format", "must be lss (LimeSurvey) or qualtrics (response CSV)"));
  if (ctx.request.body.empty()) return Problem(400, "the body must be the file to import", {{"file", "is empty"}});
  if (time_zone.empty()) {
    auto settings = s.store.organisation().GetSettings();
    if (!settings.ok()) return ErrorResponse(settings.error());
    time_zone = settings->time_zone.empty() ? "UTC" : settings->time_zone;
  }
  auto import = format == "lss" ? ingest::ParseLimeSurveyLss(ctx.request.body)
                                : ingest::ParseQualtricsCsv(ctx.request.body, time_zone);
  if (!import.ok()) return ErrorResponse(import.error());
  auto checked = CheckDefinition(Json{{"definition", import->definition}});
  if (!checked.ok()) return ErrorResponse(checked.error());

  Survey survey;
  survey.name = !name.empty()          ? name
                : !import->title.empty() ? import->title
                                         : (format == "lss" ? "LimeSurvey import " : "Qualtrics import ") +
                                               FormatTimestamp(s.clock.Now()).substr(0, 19);
  const bool with_answers = !import->answers.empty();
  // Answers are taken only while open; the public link stays off so that
  // nobody answers an imported survey before someone opens it.
  survey.status = with_answers ? SurveyStatus::kOpen : SurveyStatus::kDraft;
  survey.public_link_enabled = !with_answers;
  auto created = s.store.surveys().CreateSurvey(ctx.write, survey, checked->definition_text, checked->metric_map_text);
  if (!created.ok()) return ErrorResponse(created.error());

  std::vector<ingest::SkippedItem> skipped = import->skipped;
  int imported = 0;
  for (const ingest::ImportedAnswer& a : import->answers) {
    const std::string where = "line " + std::to_string(a.line);
    auto valid = survey::ValidateAnswer(checked->definition, checked->metrics, a.values);
    if (!valid.ok()) {
      skipped.push_back({where, valid.error().message});
      continue;
    }
    SurveyAnswer answer;
    answer.survey_id = created->id;
    answer.version = created->current_version;
    answer.channel = AnswerChannel::kImport;
    answer.language = a.language;
    answer.answers_json = valid->values.dump();
    answer.nps = valid->nps;
    answer.csat = valid->csat;
    if (valid->csat) answer.csat_scale = checked->metrics.csat_scale;
    answer.ces = valid->ces;
    answer.overall = valid->overall;
    answer.submitted_at = a.submitted_at;
    if (!a.response_id.empty()) answer.idempotency_key_hash = HashToken(format + ":" + a.response_id);
    auto stored = s.store.surveys().SubmitSurveyAnswer(ctx.write, answer);
    if (!stored.ok()) {
      skipped.push_back({where, stored.error().message});
      continue;
    }
    if (stored->created) ++imported;
  }
  Survey final_state = *created;
  if (with_answers) {  // history: closed until someone opens it
    final_state.status = SurveyStatus::kClosed;
    auto closed = s.store.surveys().UpdateSurvey(ctx.write, final_state);
    if (!closed.ok()) return ErrorResponse(closed.error());
    final_state = *closed;
  }
  auto reread = s.store.surveys().GetSurvey(created->id);
  if (!reread.ok()) return ErrorResponse(reread.error());
  auto version = s.store.surveys().GetSurveyVersion(created->id, reread->current_version);
  if (!version.ok()) return ErrorResponse(version.error());
  Json out = {{"survey", SurveyJson(*reread, &*version)}, {"report", ReportJson(format, *import, imported, skipped)}};
  return CreatedResponse("/api/v1/surveys/" + std::to_string(created->id), out);
}

}  // namespace

void AddSurveyFormatRoutes(Router& router, Services& s) {
  const RouteAdapter h(s);
  const std::string tag = "surveys";
  router.AddSchema("SurveyImportReport",
                   Obj({{"format", Str()}, {"questions", ArrayOf({{"type", "object"}})}, {"languages", ArrayOf(Str())},
                        {"answers_found", Int()}, {"answers_imported", Int()},
                        {"skipped", ArrayOf(Obj({{"item", Str()}, {"reason", Str()}}))}}));
  router.AddSchema("SurveyImport", Obj({{"survey", Ref("Survey")}, {"report", Ref("SurveyImportReport")}}));
  router.Add({.method = "GET", .path = "/api/v1/surveys/{id}/answers/export", .roles = AllRoles(), .tag = tag,
              .summary = "The answers as CSV, XLSX, JSON or SPSS .sav (attachment): one row per answer, one column "
                         "per question",
              .query = {"format", "from", "to", "channel", "language", "segment_id", "customer_id", "version"},
              .handler = h(ExportAnswers)});
  router.Add({.method = "GET", .path = "/api/v1/surveys/{id}/definition/export", .roles = AllRoles(), .tag = tag,
              .summary = "A version's SurveyJS definition (attachment), the metric map in its \"hearken\" property",
              .query = {"version"}, .handler = h(ExportDefinition)});
  router.Add({.method = "POST", .path = "/api/v1/surveys/import", .roles = QualityRoles(), .tag = tag,
              .summary = "Import a LimeSurvey .lss (format=lss) or a Qualtrics response CSV with its answers "
                         "(format=qualtrics) as a new survey",
              .response_schema = "SurveyImport", .success_status = 201, .query = {"format", "name", "time_zone"},
              .handler = h(ImportSurvey), .max_body_bytes = kImportBodyBytes});
}

}  // namespace hearken::http
