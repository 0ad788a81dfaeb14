#include "ingest/survey_import/limesurvey_lss.h"

#include <pugixml.hpp>

#include <algorithm>
#include <map>
#include <functional>
#include <set>

#include "ingest/survey_import/import_text.h"

namespace hearken::ingest {
namespace {

using json = nlohmann::json;
using Row = std::map<std::string, std::string>;

// The rows of one table of the document (<table><rows><row><field>…).
std::vector<Row> Rows(const pugi::xml_node& document, const char* table) {
  std::vector<Row> rows;
  for (pugi::xml_node row : document.child(table).child("rows").children("row")) {
    Row out;
    for (pugi::xml_node field : row.children()) out[field.name()] = field.text().get();
    rows.push_back(std::move(out));
  }
  return rows;
}

std::string Field(const Row& row, const char* name) {
  auto it = row.find(name);
  return it == row.end() ? "" : it->second;
}

int Order(const Row& row, const char* name) {
  try {
    return std::stoi(Field(row, name));
  } catch (const std::exception&) {
    return 0;
  }
}

// Texts by language: the *_l10ns table (LimeSurvey 4+) or the row itself
// (older layouts, one row per language).
using Texts = std::map<std::string, std::string>;  // language -> text

// A localisable SurveyJS string: the default language's text as "default"
// (or a plain string when no other language differs), the others by locale
// where they have a text of their own. Empty when there is no text at all.
json LocString(const Texts& texts, const std::string& default_language, const std::string& fallback) {
  std::string base;
  if (auto it = texts.find(default_language); it != texts.end()) base = it->second;
  if (base.empty()) base = fallback;
  json out = json::object();
  for (const auto& [language, text] : texts)
    if (language != default_language && !text.empty()) out[SurveyJsLocale(language)] = text;
  if (out.empty()) return base.empty() ? json() : json(base);
  out["default"] = base;
  return out;
}

struct Option {
  std::string code;
  int order = 0;
  int scale = 0;
  Texts texts;
};

struct LsQuestion {
  std::string qid, parent, gid, type, code, mandatory, other, relevance;
  int order = 0;
  int scale = 0;
  Texts texts, help;
  std::vector<const LsQuestion*> subquestions;
  std::vector<Option> options;
};

constexpr std::pair<char, const char*> kTypeNames[] = {
    {'S', "short free text"}, {'T', "long free text"}, {'U', "huge free text"}, {'N', "numerical input"},
    {'D', "date"},            {'L', "list (radio)"},   {'!', "list (dropdown)"}, {'O', "list with comment"},
    {'M', "multiple choice"}, {'P', "multiple choice with comments"},          {'R', "ranking"},
    {'Y', "yes/no"},          {'G', "gender"},         {'5', "five point choice"}, {'X', "text display"},
    {'A', "array (5 point choice)"}, {'B', "array (10 point choice)"}, {'C', "array (yes/uncertain/no)"},
    {'E', "array (increase/same/decrease)"}, {'F', "array"}, {'H', "array by column"},
    {'1', "array dual scale"}, {':', "array (numbers)"}, {';', "array (texts)"}, {'|', "file upload"},
    {'*', "equation"}, {'I', "language switch"}, {'Q', "multiple short text"}, {'K', "multiple numerical input"}};

std::string TypeName(const std::string& type) {
  for (auto [code, name] : kTypeNames)
    if (type.size() == 1 && type[0] == code) return name;
  return "unknown type";
}

class LssMapper {
 public:
  explicit LssMapper(const pugi::xml_node& document) : doc_(document) {}
  Result<SurveyImport> Run();

 private:
  void ReadLanguages();
  void ReadQuestions();
  void ReadOptions();
  // The SurveyJS elements of one question (none when it is skipped).
  std::vector<json> MapQuestion(const LsQuestion& q);
  json Base(const LsQuestion& q, const std::string& name, const std::string& type, const Texts& texts,
            const std::string& fallback_title);
  json Choices(const std::vector<Option>& options, int scale) const;
  json SubquestionPanel(const LsQuestion& q, const std::function<json(const LsQuestion& sub, json element)>& make);
  std::string UniqueName(const std::string& code);
  void Note(const LsQuestion& q, const std::string& name, const std::string& type);

  pugi::xml_node doc_;
  SurveyImport out_;
  std::string default_language_;
  std::map<std::string, LsQuestion> questions_;  // by qid
  std::set<std::string> names_;
};

void LssMapper::ReadLanguages() {
  std::vector<std::string> languages;
  for (const Row& row : Rows(doc_, "surveys")) {
    default_language_ = Field(row, "language");
    if (!default_language_.empty()) languages.push_back(default_language_);
    std::string more = Field(row, "additional_languages");
    for (size_t i = 0; i < more.size();) {
      size_t j = more.find(' ', i);
      if (j == std::string::npos) j = more.size();
      if (j > i) languages.push_back(more.substr(i, j - i));
      i = j + 1;
    }
    break;
  }
  for (pugi::xml_node l : doc_.child("languages").children("language"))
    if (std::find(languages.begin(), languages.end(), l.text().get()) == languages.end())
      languages.push_back(l.text().get());
  if (default_language_.empty() && !languages.empty()) default_language_ = languages.front();
  out_.languages = languages;
}

void LssMapper::ReadQuestions() {
  for (const Row& row : Rows(doc_, "questions")) {
    LsQuestion& q = questions_[Field(row, "qid")];
    q.qid = Field(row, "qid");
    q.parent = Field(row, "parent_qid");
    q.gid = Field(row, "gid");
    q.type = Field(row, "type");
    q.code = Field(row, "title");
    q.mandatory = Field(row, "mandatory");
    q.other = Field(row, "other");
    q.relevance = Field(row, "relevance");
    q.order = Order(row, "question_order");
    q.scale = Order(row, "scale_id");
    if (row.count("language")) {  // before LimeSurvey 4: texts in the row
      q.texts[Field(row, "language")] = PlainText(Field(row, "question"));
      q.help[Field(row, "language")] = PlainText(Field(row, "help"));
    }
  }
  for (const Row& row : Rows(doc_, "subquestions")) {  // before LimeSurvey 4: a table of their own
    LsQuestion& q = questions_[Field(row, "qid")];
    q.qid = Field(row, "qid");
    q.parent = Field(row, "parent_qid");
    q.code = Field(row, "title");
    q.order = Order(row, "question_order");
    q.scale = Order(row, "scale_id");
    if (row.count("language")) q.texts[Field(row, "language")] = PlainText(Field(row, "question"));
  }
  for (const Row& row : Rows(doc_, "question_l10ns")) {
    auto it = questions_.find(Field(row, "qid"));
    if (it == questions_.end()) continue;
    it->second.texts[Field(row, "language")] = PlainText(Field(row, "question"));
    it->second.help[Field(row, "language")] = PlainText(Field(row, "help"));
  }
  for (auto& [qid, q] : questions_) {
    if (q.parent.empty() || q.parent == "0") continue;
    if (auto parent = questions_.find(q.parent); parent != questions_.end()) parent->second.subquestions.push_back(&q);
  }
  for (auto& [qid, q] : questions_)
    std::stable_sort(q.subquestions.begin(), q.subquestions.end(),
                     [](const LsQuestion* a, const LsQuestion* b) { return a->order < b->order; });
}

void LssMapper::ReadOptions() {
  std::map<std::string, std::pair<std::string, size_t>> by_aid;  // aid -> (qid, index)
  for (const Row& row : Rows(doc_, "answers")) {
    auto q = questions_.find(Field(row, "qid"));
    if (q == questions_.end()) continue;
    const std::string code = Field(row, "code");
    const int scale = Order(row, "scale_id");
    auto& options = q->second.options;
    auto existing = std::find_if(options.begin(), options.end(),
                                 [&](const Option& o) { return o.code == code && o.scale == scale; });
    if (existing == options.end()) {
      options.push_back({code, Order(row, "sortorder"), scale, {}});
      existing = options.end() - 1;
    }
    if (row.count("language")) existing->texts[Field(row, "language")] = PlainText(Field(row, "answer"));
    if (!Field(row, "aid").empty())
      by_aid[Field(row, "aid")] = {q->first, static_cast<size_t>(existing - options.begin())};
  }
  for (const Row& row : Rows(doc_, "answer_l10ns")) {
    auto it = by_aid.find(Field(row, "aid"));
    if (it == by_aid.end()) continue;
    questions_[it->second.first].options[it->second.second].texts[Field(row, "language")] =
        PlainText(Field(row, "answer"));
  }
  for (auto& [qid, q] : questions_)
    std::stable_sort(q.options.begin(), q.options.end(), [](const Option& a, const Option& b) { return a.order < b.order; });
}

std::string LssMapper::UniqueName(const std::string& code) {
  std::string name = QuestionName(code);
  std::string candidate = name;
  for (int i = 2; names_.count(candidate); ++i) candidate = name + "_" + std::to_string(i);
  names_.insert(candidate);
  return candidate;
}

void LssMapper::Note(const LsQuestion& q, const std::string& name, const std::string& type) {
  out_.questions.push_back({name, type, "LimeSurvey " + q.type + " (" + TypeName(q.type) + ") " + q.code});
}

json LssMapper::Base(const LsQuestion& q, const std::string& name, const std::string& type, const Texts& texts,
                     const std::string& fallback_title) {
  json e = {{"type", type}, {"name", name}};
  if (json title = LocString(texts, default_language_, fallback_title); !title.is_null()) e["title"] = title;
  if (json help = LocString(q.help, default_language_, ""); !help.is_null() && &texts == &q.texts) e["description"] = help;
  if (q.mandatory == "Y") e["isRequired"] = true;
  return e;
}

json LssMapper::Choices(const std::vector<Option>& options, int scale) const {
  json choices = json::array();
  for (const Option& o : options) {
    if (o.scale != scale) continue;
    json text = LocString(o.texts, default_language_, o.code);
    choices.push_back({{"value", o.code}, {"text", text}});
  }
  return choices;
}

json LssMapper::SubquestionPanel(const LsQuestion& q,
                                 const std::function<json(const LsQuestion& sub, json element)>& make) {
  json panel = {{"type", "panel"}, {"name", UniqueName(q.code + "_panel")}, {"elements", json::array()}};
  if (json title = LocString(q.texts, default_language_, q.code); !title.is_null()) panel["title"] = title;
  for (const LsQuestion* sub : q.subquestions) {
    if (sub->scale != 0) continue;
    const std::string name = UniqueName(q.code + "_" + sub->code);
    json element = Base(q, name, "", sub->texts, sub->code);
    element = make(*sub, std::move(element));
    Note(q, name, element["type"].get<std::string>());
    panel["elements"].push_back(std::move(element));
  }
  return panel;
}

std::vector<json> LssMapper::MapQuestion(const LsQuestion& q) {
  const std::string& t = q.type;
  const std::string what = "question " + q.code;
  auto skip = [&](const std::string& reason) {
    out_.skipped.push_back({what, "LimeSurvey " + t + " (" + TypeName(t) + "): " + reason});
    return std::vector<json>{};
  };
  auto single = [&](const std::string& type) {
    const std::string name = UniqueName(q.code);
    json e = Base(q, name, type, q.texts, q.code);
    Note(q, name, type);
    return e;
  };
  if (t == "S" || t == "T" || t == "U" || t == "N" || t == "D") {
    json e = single(t == "S" || t == "N" || t == "D" ? "text" : "comment");
    if (t == "N") e["inputType"] = "number";
    if (t == "D") e["inputType"] = "date";
    return {e};
  }
  if (t == "L" || t == "!" || t == "O" || t == "R") {
    json choices = Choices(q.options, 0);
    if (choices.empty()) return skip("it has no answer options");
    json e = single(t == "!" ? "dropdown" : t == "R" ? "ranking" : "radiogroup");
    e["choices"] = choices;
    if (q.other == "Y" && t != "R") e["showOtherItem"] = true;
    if (t == "O") e["showCommentArea"] = true;
    return {e};
  }
  if (t == "M" || t == "P") {
    json choices = json::array();
    for (const LsQuestion* sub : q.subquestions)
      choices.push_back({{"value", sub->code}, {"text", LocString(sub->texts, default_language_, sub->code)}});
    if (choices.empty()) return skip("it has no subquestions");
    json e = single("checkbox");
    e["choices"] = choices;
    if (q.other == "Y") e["showOtherItem"] = true;
    if (t == "P") out_.skipped.push_back({what, "the comments of a multiple choice with comments are not kept"});
    return {e};
  }
  if (t == "Y") {
    json e = single("boolean");
    e["valueTrue"] = "Y";
    e["valueFalse"] = "N";
    return {e};
  }
  if (t == "G") {
    json e = single("radiogroup");
    e["choices"] = json::array({{{"value", "F"}, {"text", "Female"}}, {{"value", "M"}, {"text", "Male"}}});
    return {e};
  }
  if (t == "5") {
    json e = single("rating");
    e["rateMin"] = 1;
    e["rateMax"] = 5;
    return {e};
  }
  if (t == "X") {
    const std::string name = UniqueName(q.code);
    json e = {{"type", "html"}, {"name", name}};
    std::string html;
    if (auto it = q.texts.find(default_language_); it != q.texts.end()) html = EscapeHtml(it->second);
    e["html"] = html;
    Note(q, name, "html");
    return {e};
  }
  if (t == "A" || t == "B" || t == "C" || t == "E" || t == "F" || t == "Q" || t == "K") {
    if (q.subquestions.empty()) return skip("it has no subquestions");
    json choices;
    if (t == "C")
      choices = json::array({{{"value", "Y"}, {"text", "Yes"}}, {{"value", "U"}, {"text", "Uncertain"}},
                             {{"value", "N"}, {"text", "No"}}});
    else if (t == "E")
      choices = json::array({{{"value", "I"}, {"text", "Increase"}}, {{"value", "S"}, {"text", "Same"}},
                             {{"value", "D"}, {"text", "Decrease"}}});
    else if (t == "F")
      choices = Choices(q.options, 0);
    if (t == "F" && choices.empty()) return skip("it has no answer options");
    return {SubquestionPanel(q, [&](const LsQuestion&, json e) {
      if (t == "A" || t == "B") {
        e["type"] = "rating";
        e["rateMin"] = 1;
        e["rateMax"] = t == "A" ? 5 : 10;
      } else if (t == "Q" || t == "K") {
        e["type"] = "text";
        if (t == "K") e["inputType"] = "number";
      } else {
        e["type"] = "radiogroup";
        e["choices"] = choices;
      }
      return e;
    })};
  }
  if (t == "H" || t == "1" || t == ":" || t == ";")
    return skip("this array has no SurveyJS counterpart that Hearken checks (matrix questions are not supported "
                "yet); rebuild it as single questions");
  if (t == "|") return skip("file uploads are not supported in surveys");
  if (t == "*") return skip("equations are LimeSurvey expressions, which Hearken does not evaluate");
  if (t == "I") return skip("the respondent's language is chosen by the survey's locale in Hearken");
  return skip("not a LimeSurvey question type Hearken knows");
}

Result<SurveyImport> LssMapper::Run() {
  ReadLanguages();
  ReadQuestions();
  ReadOptions();
  for (const Row& row : Rows(doc_, "surveys_languagesettings")) {
    if (Field(row, "surveyls_language") == default_language_) out_.title = PlainText(Field(row, "surveyls_title"));
  }
  Texts survey_titles, survey_descriptions;
  for (const Row& row : Rows(doc_, "surveys_languagesettings")) {
    survey_titles[Field(row, "surveyls_language")] = PlainText(Field(row, "surveyls_title"));
    survey_descriptions[Field(row, "surveyls_language")] = PlainText(Field(row, "surveyls_description"));
  }

  // Groups in their order, with their names by language.
  struct Group {
    std::string gid;
    int order = 0;
    Texts names, descriptions;
  };
  std::map<std::string, Group> groups;
  for (const Row& row : Rows(doc_, "groups")) {
    Group& g = groups[Field(row, "gid")];
    g.gid = Field(row, "gid");
    g.order = Order(row, "group_order");
    if (row.count("language")) g.names[Field(row, "language")] = PlainText(Field(row, "group_name"));
  }
  for (const Row& row : Rows(doc_, "group_l10ns")) {
    Group& g = groups[Field(row, "gid")];
    g.gid = Field(row, "gid");
    g.names[Field(row, "language")] = PlainText(Field(row, "group_name"));
    g.descriptions[Field(row, "language")] = PlainText(Field(row, "description"));
  }
  std::vector<const Group*> ordered;
  for (const auto& [gid, g] : groups) ordered.push_back(&g);
  std::stable_sort(ordered.begin(), ordered.end(), [](const Group* a, const Group* b) { return a->order < b->order; });

  json pages = json::array();
  int input_questions = 0;
  for (const Group* g : ordered) {
    std::vector<const LsQuestion*> in_group;
    for (const auto& [qid, q] : questions_)
      if ((q.parent.empty() || q.parent == "0") && q.gid == g->gid) in_group.push_back(&q);
    std::stable_sort(in_group.begin(), in_group.end(),
                     [](const LsQuestion* a, const LsQuestion* b) { return a->order < b->order; });
    json elements = json::array();
    for (const LsQuestion* q : in_group) {
      if (!q->relevance.empty() && q->relevance != "1")
        out_.skipped.push_back({"question " + q->code + " relevance",
                                "the condition \"" + q->relevance +
                                    "\" is a LimeSurvey expression, not imported: the question is always shown"});
      for (json& e : MapQuestion(*q)) {
        if (e["type"] != "html") ++input_questions;
        elements.push_back(std::move(e));
      }
    }
    if (elements.empty()) continue;
    json page = {{"name", UniqueName("page_" + g->gid)}, {"elements", std::move(elements)}};
    if (json title = LocString(g->names, default_language_, ""); !title.is_null()) page["title"] = title;
    if (json d = LocString(g->descriptions, default_language_, ""); !d.is_null()) page["description"] = d;
    pages.push_back(std::move(page));
  }
  if (input_questions == 0)
    return Error::InvalidField("file", "the survey has no question that can be imported" +
                                           std::string(out_.skipped.empty() ? "" : " (see the skipped questions)"));
  out_.definition = {{"pages", std::move(pages)}};
  if (json title = LocString(survey_titles, default_language_, ""); !title.is_null())
    out_.definition["title"] = title;
  if (json d = LocString(survey_descriptions, default_language_, ""); !d.is_null())
    out_.definition["description"] = d;
  return std::move(out_);
}

}  // namespace

Result<SurveyImport> ParseLimeSurveyLss(std::string_view xml) {
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) {
    const auto offset = static_cast<size_t>(std::max<std::ptrdiff_t>(parsed.offset, 0));
    const auto line = 1 + std::count(xml.begin(), xml.begin() + static_cast<std::ptrdiff_t>(std::min(offset, xml.size())), '\n');
    return Error::InvalidField("file", "not an XML document: " + std::string(parsed.description()) + " on line " +
                                           std::to_string(line));
  }
  pugi::xml_node document = doc.child("document");
  if (!document || std::string_view(document.child("LimeSurveyDocType").text().get()) != "Survey")
    return Error::InvalidField("file", "not a LimeSurvey survey structure (.lss): "
                                       "<document><LimeSurveyDocType>Survey</LimeSurveyDocType> is missing");
  return LssMapper(document).Run();
}

}  // namespace hearken::ingest
