#include "ingest/survey_import/qualtrics_csv.h"

#include <date/tz.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "core/validation.h"
#include "ingest/csv_reader.h"
#include "ingest/survey_import/import_text.h"

namespace hearken::ingest {
namespace {

using json = nlohmann::json;

constexpr std::string_view kMetadata[] = {"startDate", "endDate",  "status",       "progress",
                                          "duration",  "finished", "recordedDate", "_recordId",
                                          "distributionChannel",   "userLanguage"};
constexpr std::string_view kPersonal[] = {"ipAddress",          "locationLatitude",   "locationLongitude",
                                          "recipientLastName",  "recipientFirstName", "recipientEmail",
                                          "externalDataReference"};

template <size_t N>
bool OneOf(std::string_view v, const std::string_view (&list)[N]) {
  return std::find(std::begin(list), std::end(list), v) != std::end(list);
}

bool EndsWith(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

Error AtLine(std::int64_t line, const std::string& message) {
  return Error::InvalidField("line " + std::to_string(line), message);
}

enum class ColumnClass { kMetadata, kPersonal, kChoice, kText, kSkipped };

struct Column {
  std::string variable, title, import_id, time_zone;
  ColumnClass kind = ColumnClass::kSkipped;
  std::string skip_reason;
  std::string question;  // the question name, for kChoice and kText
};

ColumnClass Classify(const std::string& id, std::string& reason) {
  if (OneOf(id, kMetadata)) return ColumnClass::kMetadata;
  if (OneOf(id, kPersonal)) return ColumnClass::kPersonal;
  if (id.rfind("QID", 0) != 0) {
    reason = "embedded data or a field of Qualtrics, not a question";
    return ColumnClass::kSkipped;
  }
  if (EndsWith(id, "Topics") || id.find("Topics") != std::string::npos) {
    reason = "Text iQ topics: derived by Qualtrics, not an answer";
    return ColumnClass::kSkipped;
  }
  for (std::string_view timing : {"_FIRST_CLICK", "_LAST_CLICK", "_PAGE_SUBMIT", "_CLICK_COUNT"})
    if (EndsWith(id, timing)) {
      reason = "a timing of the page, not an answer";
      return ColumnClass::kSkipped;
    }
  if (id.find("_DO_") != std::string::npos || EndsWith(id, "_DO")) {
    reason = "the display order of the choices, not an answer";
    return ColumnClass::kSkipped;
  }
  if (id.find("_TEXT") != std::string::npos) return ColumnClass::kText;
  return ColumnClass::kChoice;
}

std::optional<double> AsNumber(const std::string& text) {
  if (text.empty() || text.size() > 30) return std::nullopt;
  char* end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

json ChoiceValue(const std::string& text, bool numeric) {
  if (!numeric) return text;
  double v = *AsNumber(text);
  if (v == std::floor(v) && std::fabs(v) < 1e15) return static_cast<std::int64_t>(v);
  return v;
}

// "2017-07-18 08:28:48" (also with 'T') in `zone` as UTC.
std::optional<TimePoint> LocalTime(const std::string& text, const date::time_zone* zone) {
  int y, mo, d, h, mi, s;
  char sep;
  char tail;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%c%2d:%2d:%2d%c", &y, &mo, &d, &sep, &h, &mi, &s, &tail) != 7) return std::nullopt;
  if (sep != ' ' && sep != 'T') return std::nullopt;
  date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(mo)}, date::day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || h > 23 || mi > 59 || s > 60) return std::nullopt;
  date::local_seconds local = date::local_days{ymd} + std::chrono::hours{h} + std::chrono::minutes{mi} +
                              std::chrono::seconds{s};
  try {
    return std::chrono::time_point_cast<TimePoint::duration>(zone->to_sys(local, date::choose::earliest));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

const date::time_zone* FindZone(const std::string& name) {
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;
  }
}

}  // namespace

Result<SurveyImport> ParseQualtricsCsv(std::string_view csv, const std::string& time_zone) {
  if (!IsCleanUtf8(csv)) return Error::InvalidField("file", "is not a UTF-8 text file");
  // Every record with the line it began on (a quoted field may span lines).
  std::vector<std::vector<std::string>> rows;
  std::vector<std::int64_t> lines;
  {
    std::string text(csv);
    std::istringstream in(text);
    CsvReader reader(in);
    std::vector<std::string> fields;
    while (true) {
      auto more = reader.Next(fields);
      if (!more.ok()) return Error::InvalidField("file", more.error().message);
      if (!*more) break;
      rows.push_back(fields);
      lines.push_back(reader.record_line());
    }
  }
  while (!rows.empty() && IsBlankRecord(rows.back())) rows.pop_back();
  if (rows.size() < 3)
    return AtLine(static_cast<std::int64_t>(rows.size()) + 1,
                  "a Qualtrics export has three header rows (variable names, question texts, ImportIds)");
  const size_t width = rows[0].size();
  for (size_t r = 1; r < 3; ++r)
    if (rows[r].size() != width)
      return AtLine(lines[r], "has " + std::to_string(rows[r].size()) +
                                                          " fields where the first row has " + std::to_string(width));

  SurveyImport out;
  std::vector<Column> columns(width);
  std::set<std::string> names;
  std::string zone_name = time_zone;
  for (size_t c = 0; c < width; ++c) {
    Column& col = columns[c];
    col.variable = rows[0][c];
    col.title = rows[1][c];
    json id = json::parse(rows[2][c], nullptr, false);
    if (!id.is_object() || !id.contains("ImportId") || !id["ImportId"].is_string())
      return AtLine(3, "column " + std::to_string(c + 1) + " (" + col.variable +
                           ") has no {\"ImportId\": …}: export from Qualtrics with \"Use legacy exports\" off");
    col.import_id = id["ImportId"].get<std::string>();
    if (id.contains("timeZone") && id["timeZone"].is_string()) zone_name = id["timeZone"].get<std::string>();
    col.kind = Classify(col.import_id, col.skip_reason);
    const std::string what = "column " + col.variable;
    switch (col.kind) {
      case ColumnClass::kMetadata:
        break;
      case ColumnClass::kPersonal:
        out.skipped.push_back({what, "personal data: never imported, the answers are anonymous"});
        break;
      case ColumnClass::kSkipped:
        out.skipped.push_back({what, col.skip_reason});
        break;
      case ColumnClass::kChoice:
      case ColumnClass::kText: {
        std::string name = QuestionName(col.variable);
        for (int i = 2; names.count(name); ++i) name = QuestionName(col.variable) + "_" + std::to_string(i);
        names.insert(name);
        col.question = name;
        break;
      }
    }
  }
  const date::time_zone* zone = FindZone(zone_name);
  if (!zone) return Error::InvalidField("time_zone", "unknown time zone \"" + zone_name + "\"");

  auto column_of = [&](std::string_view import_id) -> int {
    for (size_t c = 0; c < width; ++c)
      if (columns[c].import_id == import_id) return static_cast<int>(c);
    return -1;
  };
  const int recorded = column_of("recordedDate"), ended = column_of("endDate"), status = column_of("status"),
            finished = column_of("finished"), language = column_of("userLanguage"), record = column_of("_recordId");

  // The answers, and the values each choice column holds.
  std::map<size_t, std::set<std::string>> seen;
  std::set<std::string> response_ids;
  for (size_t r = 3; r < rows.size(); ++r) {
    const std::vector<std::string>& row = rows[r];
    const std::int64_t line = lines[r];
    if (IsBlankRecord(row)) continue;
    const std::string where = "line " + std::to_string(line);
    if (row.size() != width)
      return AtLine(line, "has " + std::to_string(row.size()) + " fields where the header has " + std::to_string(width));
    auto field = [&](int c) { return c < 0 ? std::string() : row[static_cast<size_t>(c)]; };
    if (std::string s = field(status); s == "1" || s == "2" || s == "8" || s == "9") {
      out.skipped.push_back({where, s == "1" ? "a survey preview (Status 1)"
                                    : s == "2" ? "a test response (Status 2)"
                                               : "marked as spam (Status " + s + ")"});
      continue;
    }
    if (field(finished) == "0" || field(finished) == "False") {
      out.skipped.push_back({where, "not finished"});
      continue;
    }
    ImportedAnswer answer;
    answer.line = line;
    answer.response_id = field(record);
    if (!answer.response_id.empty() && !response_ids.insert(answer.response_id).second) {
      out.skipped.push_back({where, "the response " + answer.response_id + " appears twice"});
      continue;
    }
    const std::string when = !field(recorded).empty() ? field(recorded) : field(ended);
    auto t = LocalTime(when, zone);
    if (!t)
      return AtLine(line, "RecordedDate \"" + when + "\" is not a time such as 2017-07-18 08:28:48");
    answer.submitted_at = *t;
    std::string lang = SurveyJsLocale(field(language));
    const bool tag_like = lang.size() <= 35 && std::all_of(lang.begin(), lang.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
    });
    answer.language = tag_like ? lang : "";  // a code Hearken cannot keep is left out, not the answer
    answer.values = json::object();
    for (size_t c = 0; c < width; ++c) {
      const Column& col = columns[c];
      if (col.question.empty() || row[c].empty()) continue;
      answer.values[col.question] = row[c];  // typed below, once the column's values are known
      if (col.kind == ColumnClass::kChoice) seen[c].insert(row[c]);
    }
    if (answer.values.empty()) {
      out.skipped.push_back({where, "no question answered"});
      continue;
    }
    out.answers.push_back(std::move(answer));
  }

  // The questions, on one page, in column order.
  json elements = json::array();
  for (size_t c = 0; c < width; ++c) {
    const Column& col = columns[c];
    if (col.question.empty()) continue;
    json e = {{"name", col.question}, {"title", col.title.empty() ? col.variable : col.title}};
    std::string source = "column " + col.variable + " (" + col.import_id + ")";
    if (col.kind == ColumnClass::kText) {
      e["type"] = "comment";
    } else {
      const std::set<std::string>& values = seen[c];
      if (values.empty()) {
        out.skipped.push_back({"column " + col.variable, "no answer holds a value, so its choices are unknown"});
        for (ImportedAnswer& a : out.answers) a.values.erase(col.question);
        continue;
      }
      bool numeric = std::all_of(values.begin(), values.end(), [](const std::string& v) { return AsNumber(v); });
      std::vector<std::string> ordered(values.begin(), values.end());
      if (numeric)
        std::sort(ordered.begin(), ordered.end(), [](const std::string& a, const std::string& b) {
          return *AsNumber(a) < *AsNumber(b);
        });
      json choices = json::array();
      for (const std::string& v : ordered) choices.push_back({{"value", ChoiceValue(v, numeric)}, {"text", v}});
      e["type"] = "radiogroup";
      e["choices"] = std::move(choices);
      for (ImportedAnswer& a : out.answers)
        if (auto it = a.values.find(col.question); it != a.values.end())
          *it = ChoiceValue(it->get<std::string>(), numeric);
      source += ", choices from the values found";
    }
    out.questions.push_back({col.question, e["type"].get<std::string>(), source});
    elements.push_back(std::move(e));
  }
  if (elements.empty()) return Error::InvalidField("file", "the export has no question column (ImportId QID…)");
  // A row may have answered only columns dropped above.
  std::erase_if(out.answers, [&](const ImportedAnswer& a) {
    if (!a.values.empty()) return false;
    out.skipped.push_back({"line " + std::to_string(a.line), "no question answered"});
    return true;
  });
  out.definition = {{"pages", json::array({{{"name", "page1"}, {"elements", std::move(elements)}}})}};
  for (const ImportedAnswer& a : out.answers)
    if (!a.language.empty() && std::find(out.languages.begin(), out.languages.end(), a.language) == out.languages.end())
      out.languages.push_back(a.language);
  return out;
}

}  // namespace hearken::ingest
