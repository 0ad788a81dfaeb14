#include "report/survey_answer_export.h"

#include <date/tz.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

namespace hearken {
namespace {

using json = nlohmann::json;
using Source = AnswerColumn::Source;

std::string ValueKey(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

std::string Title(const survey::Question& q) {
  auto it = q.titles.find("");
  return it != q.titles.end() && !it->second.empty() ? it->second : q.name;
}

std::string ChoiceText(const survey::Question& q, const json& value) {
  if (auto it = q.choice_texts.find(ValueKey(value)); it != q.choice_texts.end())
    if (auto text = it->second.find(""); text != it->second.end() && !text->second.empty()) return text->second;
  if (value == "other" && q.has_other) return "Other";
  if (value == "none" && q.has_none) return "None";
  return ValueKey(value);
}

// The question's own JSON in the definition (for properties the flattened
// Question does not keep: rate descriptions, boolean labels).
const json* QuestionJson(const survey::Definition& def, const survey::Question& q) {
  try {
    const json& e = def.json.at(json::json_pointer("/" + q.path));
    return e.is_object() ? &e : nullptr;
  } catch (const std::exception&) {
    return nullptr;
  }
}

std::string Property(const json* e, const char* key, const std::string& fallback) {
  if (!e || !e->contains(key)) return fallback;
  std::string text = survey::LocalizedText(e->at(key));
  return text.empty() ? fallback : text;
}

// The choice values of a choice question with its other and none items.
std::vector<json> AllChoices(const survey::Question& q) {
  std::vector<json> values = q.choices;
  if (q.has_none && std::find(values.begin(), values.end(), json("none")) == values.end()) values.push_back("none");
  if (q.has_other && std::find(values.begin(), values.end(), json("other")) == values.end()) values.push_back("other");
  return values;
}

std::optional<double> AsNumber(const json& v) {
  if (v.is_number()) return v.get<double>();
  if (v.is_string()) {
    const std::string& s = v.get_ref<const std::string&>();
    if (s.empty() || s.size() > 30) return std::nullopt;
    char* end = nullptr;
    double d = std::strtod(s.c_str(), &end);
    if (end == s.c_str() + s.size() && std::isfinite(d)) return d;
  }
  return std::nullopt;
}

void AddQuestion(const survey::Definition& def, const survey::Question& q, std::vector<AnswerColumn>& out) {
  const json* e = QuestionJson(def, q);
  const std::string title = Title(q);
  AnswerColumn c;
  c.name = q.name;
  c.label = title;
  c.question = q.name;
  const std::string& t = q.type;
  if (t == "rating" || t == "radiogroup" || t == "dropdown") {
    std::vector<json> values = t == "rating" ? q.rate_values : AllChoices(q);
    c.numeric = std::all_of(values.begin(), values.end(), [](const json& v) { return v.is_number(); });
    c.measure = t == "rating" ? SavMeasure::kOrdinal : SavMeasure::kNominal;
    for (size_t i = 0; i < values.size(); ++i) {
      std::string text = ChoiceText(q, values[i]);
      if (t == "rating" && i == 0) text = Property(e, "minRateDescription", text);
      if (t == "rating" && i + 1 == values.size()) text = Property(e, "maxRateDescription", text);
      if (t == "rating" && text != ValueKey(values[i])) text = ValueKey(values[i]) + " " + text;
      const double code = c.numeric ? values[i].get<double>() : static_cast<double>(i + 1);
      if (!c.numeric) c.codes.emplace_back(values[i], code);
      c.value_labels.push_back({code, text});
    }
    out.push_back(std::move(c));
  } else if (t == "checkbox" || t == "tagbox" || t == "ranking") {
    for (const json& value : AllChoices(q)) {
      AnswerColumn choice = c;
      choice.name = q.name + "_" + ValueKey(value);
      choice.label = title + ", " + ChoiceText(q, value);
      choice.source = t == "ranking" ? Source::kRank : Source::kChoiceFlag;
      choice.choice = value;
      choice.numeric = true;
      choice.measure = t == "ranking" ? SavMeasure::kOrdinal : SavMeasure::kNominal;
      if (t != "ranking") choice.value_labels = {{0, "not chosen"}, {1, "chosen"}};
      out.push_back(std::move(choice));
    }
  } else if (t == "boolean") {
    c.source = Source::kBoolean;
    c.choice = q.value_true;
    c.value_false = q.value_false;
    c.numeric = true;
    c.value_labels = {{0, Property(e, "labelFalse", "No")}, {1, Property(e, "labelTrue", "Yes")}};
    out.push_back(std::move(c));
  } else {
    c.numeric = q.input_type == "number" || q.input_type == "range";
    c.measure = c.numeric ? SavMeasure::kScale : SavMeasure::kNominal;
    out.push_back(std::move(c));
  }
  if (q.has_comment || q.has_other) {
    AnswerColumn comment;
    comment.name = q.name + "-Comment";
    comment.label = title + " (comment)";
    comment.question = q.name + "-Comment";
    comment.source = Source::kCommentText;
    out.push_back(std::move(comment));
  }
}

const date::time_zone* Zone(const std::string& name) {
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;
  }
}

// The wall-clock time of `t` in `zone` as a time point (as if it were UTC)
// and its offset from UTC in seconds.
std::pair<TimePoint, std::int64_t> Local(TimePoint t, const std::string& zone_name) {
  const date::time_zone* zone = Zone(zone_name);
  if (!zone) return {t, 0};
  auto info = zone->get_info(std::chrono::time_point_cast<std::chrono::seconds>(t));
  return {t + info.offset, info.offset.count()};
}

std::string LocalText(TimePoint t, const std::string& zone, char separator) {
  auto [local, offset] = Local(t, zone);
  auto secs = std::chrono::floor<std::chrono::seconds>(local);
  auto day = std::chrono::floor<std::chrono::days>(secs);
  std::chrono::year_month_day ymd{day};
  std::chrono::hh_mm_ss<std::chrono::seconds> hms{secs - day};
  const std::int64_t off = offset < 0 ? -offset : offset;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u%c%02ld:%02ld:%02ld%c%02ld:%02ld", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), separator,
                static_cast<long>(hms.hours().count()), static_cast<long>(hms.minutes().count()),
                static_cast<long>(hms.seconds().count()), offset < 0 ? '-' : '+', static_cast<long>(off / 3600),
                static_cast<long>(off % 3600 / 60));
  return buf;
}

const json* Answer(const AnswerExportRow& row, const std::string& key) {
  if (!row.answers.is_object()) return nullptr;
  auto it = row.answers.find(key);
  return it == row.answers.end() || it->is_null() ? nullptr : &*it;
}

// The column's value of `row` as JSON: a number, a text or null.
json Value(const AnswerColumn& c, const AnswerExportRow& row, const std::string& zone) {
  switch (c.source) {
    case Source::kAnswerId: return row.id;
    case Source::kSubmittedAt: return LocalText(row.submitted_at, zone, 'T');
    case Source::kChannel: return row.channel;
    case Source::kLanguage: return row.language;
    case Source::kVersion: return row.version;
    case Source::kCustomerId: return row.customer_id ? json(*row.customer_id) : json();
    case Source::kChoiceFlag:
    case Source::kRank: {
      const json* v = Answer(row, c.question);
      if (!v || !v->is_array()) return json();
      auto it = std::find(v->begin(), v->end(), c.choice);
      if (c.source == Source::kChoiceFlag) return it == v->end() ? 0 : 1;
      return it == v->end() ? json() : json(static_cast<std::int64_t>(it - v->begin()) + 1);
    }
    case Source::kBoolean: {
      const json* v = Answer(row, c.question);
      if (!v) return json();
      if (*v == c.choice) return 1;
      if (*v == c.value_false) return 0;
      return json();
    }
    case Source::kValue:
    case Source::kCommentText: {
      const json* v = Answer(row, c.question);
      if (!v) return json();
      if (c.numeric) {
        auto n = AsNumber(*v);
        return n ? json(*n == std::floor(*n) && std::fabs(*n) < 1e15 ? json(static_cast<std::int64_t>(*n)) : json(*n))
                 : json();
      }
      if (v->is_string() || v->is_number()) return *v;
      if (v->is_boolean()) return v->get<bool>() ? "true" : "false";
      return v->dump();
    }
  }
  return json();
}

Cell ToCell(const json& v) {
  if (v.is_null()) return std::monostate{};
  if (v.is_number_integer()) return v.get<std::int64_t>();
  if (v.is_number()) return v.get<double>();
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

}  // namespace

Result<AnswerExportLayout> MakeAnswerExportLayout(const std::vector<const survey::Definition*>& versions,
                                                  const std::string& time_zone) {
  if (!Zone(time_zone)) return Error::InvalidField("time_zone", "unknown time zone \"" + time_zone + "\"");
  AnswerExportLayout layout;
  layout.time_zone = time_zone;
  auto meta = [&](const char* name, const char* label, Source source, bool numeric) {
    AnswerColumn c;
    c.name = name;
    c.label = label;
    c.source = source;
    c.numeric = numeric;
    layout.columns.push_back(std::move(c));
  };
  meta("answer_id", "Answer id", Source::kAnswerId, true);
  meta("submitted_at", ("Submitted at (" + time_zone + ")").c_str(), Source::kSubmittedAt, false);
  meta("channel", "Channel", Source::kChannel, false);
  meta("language", "Language", Source::kLanguage, false);
  meta("version", "Survey version", Source::kVersion, true);
  meta("customer_id", "Customer id", Source::kCustomerId, true);
  std::set<std::string> seen;
  for (const survey::Definition* def : versions)
    for (const survey::Question& q : def->questions)
      if (seen.insert(q.name).second) AddQuestion(*def, q, layout.columns);
  return layout;
}

std::vector<std::string> AnswerExportHeader(const AnswerExportLayout& layout) {
  std::vector<std::string> names;
  for (const AnswerColumn& c : layout.columns) names.push_back(c.name);
  return names;
}

std::vector<Cell> AnswerTableRow(const AnswerExportLayout& layout, const AnswerExportRow& row, bool times_as_text) {
  std::vector<Cell> cells;
  cells.reserve(layout.columns.size());
  for (const AnswerColumn& c : layout.columns) {
    if (c.source == Source::kSubmittedAt)
      cells.push_back(times_as_text ? Cell(LocalText(row.submitted_at, layout.time_zone, ' '))
                                    : Cell(Local(row.submitted_at, layout.time_zone).first));
    else
      cells.push_back(ToCell(Value(c, row, layout.time_zone)));
  }
  return cells;
}

json AnswerJsonRow(const AnswerExportLayout& layout, const AnswerExportRow& row) {
  json out = json::object();
  for (const AnswerColumn& c : layout.columns) out[c.name] = Value(c, row, layout.time_zone);
  return out;
}

std::vector<SavVariable> AnswerSavVariables(const AnswerExportLayout& layout, const std::vector<size_t>& string_widths) {
  std::vector<SavVariable> out;
  std::map<std::string, int> taken;
  for (size_t i = 0; i < layout.columns.size(); ++i) {
    const AnswerColumn& c = layout.columns[i];
    SavVariable v;
    v.name = SpssVariableName(c.name, taken);
    v.label = c.label;
    v.measure = c.measure;
    v.value_labels = c.value_labels;
    v.numeric = c.numeric || !c.codes.empty() || c.source == Source::kSubmittedAt;
    if (c.source == Source::kSubmittedAt) {
      v.format = "DATETIME20";
      v.measure = SavMeasure::kScale;
    } else if (v.numeric) {
      bool whole = c.source != Source::kValue || !c.codes.empty() || c.measure == SavMeasure::kOrdinal ||
                   !c.value_labels.empty();
      v.format = whole ? "F8.0" : "F8.2";
    } else {
      v.string_width = i < string_widths.size() ? std::max<size_t>(string_widths[i], 1) : 1;
    }
    out.push_back(std::move(v));
  }
  return out;
}

std::vector<SavValue> AnswerSavRow(const AnswerExportLayout& layout, const AnswerExportRow& row) {
  std::vector<SavValue> out;
  out.reserve(layout.columns.size());
  for (const AnswerColumn& c : layout.columns) {
    if (c.source == Source::kSubmittedAt) {
      auto local = std::chrono::duration_cast<std::chrono::seconds>(
          Local(row.submitted_at, layout.time_zone).first.time_since_epoch());
      out.push_back(static_cast<double>(local.count() + kSpssEpochOffsetSeconds));
      continue;
    }
    if (!c.codes.empty()) {
      const json* v = Answer(row, c.question);
      SavValue code;
      for (const auto& [value, n] : c.codes)
        if (v && *v == value) code = n;
      out.push_back(code);
      continue;
    }
    json v = Value(c, row, layout.time_zone);
    if (v.is_null()) out.push_back(std::monostate{});
    else if (v.is_number() && c.numeric) out.push_back(v.get<double>());
    else if (v.is_number()) out.push_back(v.dump());
    else if (!c.numeric) out.push_back(v.get<std::string>());
    else out.push_back(std::monostate{});
  }
  return out;
}

}  // namespace hearken
