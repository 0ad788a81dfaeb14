#include "core/survey/survey_answer.h"

#include <algorithm>
#include <charconv>
#include <climits>
#include <cmath>

#include "core/validation.h"

namespace hearken::survey {
namespace {

using json = nlohmann::json;

constexpr std::string_view kCommentSuffix = "-Comment";

std::optional<double> AsNumber(const json& v) {
  if (v.is_number()) return v.get<double>();
  if (!v.is_string()) return std::nullopt;
  const std::string& s = v.get_ref<const std::string&>();
  double d = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ec == std::errc() && end == s.data() + s.size() && !s.empty() && std::isfinite(d)) return d;
  return std::nullopt;
}

// The allowed value `v` stands for: the same JSON value, or for numbers a
// number or numeric text of the same value (SurveyJS may send either).
std::optional<json> Match(const std::vector<json>& allowed, const json& v) {
  for (const auto& a : allowed)
    if (a == v) return a;
  if (v.is_boolean() || v.is_structured() || v.is_null()) return std::nullopt;
  auto n = AsNumber(v);
  if (!n) return std::nullopt;
  for (const auto& a : allowed)
    if (auto an = AsNumber(a); an && *an == *n && (a.is_number() || v.is_number())) return a;
  return std::nullopt;
}

size_t CodePoints(const std::string& s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string Show(const json& v) { return v.is_string() ? "\"" + v.get<std::string>() + "\"" : v.dump(); }

std::string Num(double d) {
  json j = d == std::floor(d) && std::fabs(d) < 9e15 ? json(static_cast<int64_t>(d)) : json(d);
  return j.dump();
}

class Checker {
 public:
  Checker(const Definition& def, json values) : def_(def), values_(std::move(values)) {}

  void Run();
  std::vector<FieldError>& problems() { return problems_; }
  json& values() { return values_; }

 private:
  void Add(const std::string& key, std::string message) { problems_.push_back({"answers/" + key, std::move(message)}); }
  bool CheckText(const std::string& key, const json& v, std::optional<size_t> max_length);
  // Checks the value of a shown, answered question; returns the value to
  // store (numbers normalised) or nullopt after recording the problem.
  std::optional<json> CheckValue(const Question& q, const json& v);
  std::optional<json> CheckSelection(const Question& q, const json& v);
  void CheckValidators(const Question& q, const json& v);
  void CheckComment(const Question& q, bool other_chosen);
  bool Chosen(const json& v, const char* special) const {
    return v == special || (v.is_array() && std::find(v.begin(), v.end(), json(special)) != v.end());
  }

  const Definition& def_;
  json values_;
  std::vector<FieldError> problems_;
};

void Checker::Run() {
  int end_page = INT_MAX;
  for (const auto& t : def_.complete_triggers)
    if (ExpressionIsTrue(t.expression, values_)) end_page = std::min(end_page, t.page_index);

  for (const auto& [key, value] : values_.items()) {
    if (def_.Find(key)) continue;
    if (key.size() > kCommentSuffix.size() &&
        key.compare(key.size() - kCommentSuffix.size(), kCommentSuffix.size(), kCommentSuffix) == 0) {
      const Question* q = def_.Find(std::string_view(key).substr(0, key.size() - kCommentSuffix.size()));
      if (q && (q->has_other || q->has_comment)) continue;
    }
    Add(key, "is not a question of this survey");
  }

  // Visibility and requirement are decided on the values as submitted, as
  // the form decided them while the person answered.
  const json submitted = values_;
  for (const auto& q : def_.questions) {
    const std::string comment_key = q.name + std::string(kCommentSuffix);
    bool has_value = submitted.contains(q.name);
    bool comment_given = (q.has_other || q.has_comment) && submitted.contains(comment_key);
    bool after_end = q.page_index > end_page;
    bool shown = !after_end && q.visible && (!q.visible_if || ExpressionIsTrue(*q.visible_if, submitted));
    if (!shown) {
      const char* why = after_end ? "comes after the end of the survey for these answers"
                                  : "is not shown for these answers";
      if (has_value) Add(q.name, why);
      if (comment_given) Add(comment_key, why);
      continue;
    }
    bool enabled = !q.read_only && (!q.enable_if || ExpressionIsTrue(*q.enable_if, submitted));
    bool required = q.required || (q.required_if && ExpressionIsTrue(*q.required_if, submitted));
    if (!has_value) {
      if (required && enabled) Add(q.name, "is required");
      if (comment_given && !q.has_comment) Add(comment_key, "is given but the other item is not chosen");
      else if (comment_given) CheckText(comment_key, submitted[comment_key], std::nullopt);
      continue;
    }
    const json& v = submitted[q.name];
    auto checked = CheckValue(q, v);
    if (!checked) continue;
    values_[q.name] = *checked;
    CheckValidators(q, *checked);
    CheckComment(q, q.has_other && Chosen(*checked, "other"));
  }
}

bool Checker::CheckText(const std::string& key, const json& v, std::optional<size_t> max_length) {
  if (!v.is_string()) {
    Add(key, "must be a text");
    return false;
  }
  const std::string& s = v.get_ref<const std::string&>();
  if (!IsCleanUtf8(s)) {
    Add(key, "must be valid UTF-8 text without control characters");
    return false;
  }
  if (s.size() > kMaxAnswerTextBytes) {
    Add(key, "must be at most " + std::to_string(kMaxAnswerTextBytes) + " bytes");
    return false;
  }
  if (max_length && CodePoints(s) > *max_length) {
    Add(key, "must be at most " + std::to_string(*max_length) + " characters");
    return false;
  }
  return true;
}

std::optional<json> Checker::CheckValue(const Question& q, const json& v) {
  if (q.type == "rating") {
    auto m = Match(q.rate_values, v);
    if (!m) {
      Add(q.name, q.is_integer_scale() ? "must be a whole number from " + std::to_string(q.rate_min) + " to " +
                                             std::to_string(q.rate_max)
                                       : "must be one of the rate values of the question");
      return std::nullopt;
    }
    return m;
  }
  if (q.type == "radiogroup" || q.type == "dropdown") {
    if (q.has_other && v == "other") return v;
    if (q.has_none && v == "none") return v;
    auto m = Match(q.choices, v);
    if (!m) Add(q.name, "must be one of the choices of the question");
    return m;
  }
  if (q.type == "checkbox" || q.type == "tagbox" || q.type == "ranking") return CheckSelection(q, v);
  if (q.type == "boolean") {
    if (v == q.value_true || v == q.value_false) return v;
    Add(q.name, "must be " + Show(q.value_true) + " or " + Show(q.value_false));
    return std::nullopt;
  }
  if (q.type == "text" && (q.input_type == "number" || q.input_type == "range")) {
    auto n = AsNumber(v);
    if (!n || v.is_boolean()) {
      Add(q.name, "must be a number");
      return std::nullopt;
    }
    if ((q.min && *n < *q.min) || (q.max && *n > *q.max)) {
      Add(q.name, "must be " + (q.min && q.max ? "from " + Num(*q.min) + " to " + Num(*q.max)
                                 : q.min ? "at least " + Num(*q.min) : "at most " + Num(*q.max)));
      return std::nullopt;
    }
    return v.is_number() ? v : json(*n == std::floor(*n) && std::fabs(*n) < 9e15 ? json(static_cast<int64_t>(*n)) : json(*n));
  }
  // text (any other input type) and comment
  if (!CheckText(q.name, v, q.max_length)) return std::nullopt;
  if (q.input_type == "email" && !IsPlausibleEmail(v.get<std::string>())) {
    Add(q.name, "must be an e-mail address");
    return std::nullopt;
  }
  return v;
}

std::optional<json> Checker::CheckSelection(const Question& q, const json& v) {
  if (!v.is_array()) {
    Add(q.name, "must be a list of choices");
    return std::nullopt;
  }
  json out = json::array();
  for (const auto& item : v) {
    std::optional<json> m;
    if ((q.has_other && item == "other") || (q.has_none && item == "none")) m = item;
    else m = Match(q.choices, item);
    if (!m) {
      Add(q.name, Show(item) + " is not one of the choices of the question");
      return std::nullopt;
    }
    if (std::find(out.begin(), out.end(), *m) != out.end()) {
      Add(q.name, Show(*m) + " is chosen more than once");
      return std::nullopt;
    }
    out.push_back(*m);
  }
  if (q.has_none && Chosen(out, "none") && out.size() > 1) {
    Add(q.name, "\"none\" cannot be chosen with other choices");
    return std::nullopt;
  }
  size_t n = out.size();
  if (q.type == "ranking" && !q.select_to_rank && n != q.choices.size()) {
    Add(q.name, "must rank every choice of the question");
    return std::nullopt;
  }
  if (q.min_select && n < static_cast<size_t>(*q.min_select) && !Chosen(out, "none")) {
    Add(q.name, "must have at least " + std::to_string(*q.min_select) + " choices");
    return std::nullopt;
  }
  if (q.max_select && n > static_cast<size_t>(*q.max_select)) {
    Add(q.name, "must have at most " + std::to_string(*q.max_select) + " choices");
    return std::nullopt;
  }
  return out;
}

void Checker::CheckValidators(const Question& q, const json& v) {
  for (const auto& val : q.validators) {
    if (val.type == "numeric") {
      auto n = AsNumber(v);
      if (!n || v.is_boolean()) Add(q.name, "must be a number");
      else if (val.min && *n < *val.min) Add(q.name, "must be at least " + Num(*val.min));
      else if (val.max && *n > *val.max) Add(q.name, "must be at most " + Num(*val.max));
    } else if (val.type == "text" && v.is_string()) {
      size_t len = CodePoints(v.get<std::string>());
      if (val.min && static_cast<double>(len) < *val.min) Add(q.name, "must be at least " + Num(*val.min) + " characters");
      else if (val.max && *val.max > 0 && static_cast<double>(len) > *val.max)
        Add(q.name, "must be at most " + Num(*val.max) + " characters");
    } else if (val.type == "answercount" && v.is_array()) {
      double n = static_cast<double>(v.size());
      if (val.min && n < *val.min) Add(q.name, "must have at least " + Num(*val.min) + " choices");
      else if (val.max && n > *val.max) Add(q.name, "must have at most " + Num(*val.max) + " choices");
    } else if (val.type == "email") {
      if (!v.is_string() || !IsPlausibleEmail(v.get<std::string>())) Add(q.name, "must be an e-mail address");
    } else if (val.type == "expression" && val.expression) {
      if (!ExpressionIsTrue(*val.expression, values_)) Add(q.name, "does not satisfy " + val.expression->text);
    }
  }
}

void Checker::CheckComment(const Question& q, bool other_chosen) {
  if (!q.has_other && !q.has_comment) return;  // a stray "-Comment" key is refused as unknown
  const std::string key = q.name + std::string(kCommentSuffix);
  auto it = values_.find(key);
  bool present = it != values_.end();
  if (present && !CheckText(key, *it, std::nullopt)) return;
  if (other_chosen && !present) Add(key, "must say what the other answer is");
  else if (present && !other_chosen && !q.has_comment) Add(key, "is given but the other item is not chosen");
}

std::optional<int> Score(const json& values, const std::optional<std::string>& name) {
  if (!name) return std::nullopt;
  auto it = values.find(*name);
  if (it == values.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<int>();
}

}  // namespace

Result<ValidatedAnswer> ValidateAnswer(const Definition& def, const MetricMap& map, const nlohmann::json& answers) {
  if (!answers.is_object())
    return Error::InvalidArgument("the answers do not fit the survey", {{"answers", "must be an object"}});
  json values = json::object();
  for (const auto& [key, value] : answers.items())
    if (!IsEmptyValue(value)) values[key] = value;
  Checker checker(def, std::move(values));
  checker.Run();
  if (!checker.problems().empty())
    return Error::InvalidArgument("the answers do not fit the survey", std::move(checker.problems()));
  ValidatedAnswer out;
  out.values = std::move(checker.values());
  out.nps = Score(out.values, map.nps);
  out.csat = Score(out.values, map.csat);
  out.ces = Score(out.values, map.ces);
  out.overall = Score(out.values, map.overall);
  return out;
}

}  // namespace hearken::survey
