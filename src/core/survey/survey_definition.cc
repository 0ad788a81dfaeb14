#include "core/survey/survey_definition.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include "core/survey/survey_schema.h"

namespace hearken::survey {
namespace {

using json = nlohmann::json;

constexpr std::string_view kInputTypes[] = {"rating",  "radiogroup", "checkbox", "dropdown", "tagbox",
                                            "boolean", "text",       "comment",  "ranking"};
constexpr std::string_view kDisplayTypes[] = {"html", "image", "empty"};
constexpr std::string_view kChoiceTypes[] = {"radiogroup", "checkbox", "dropdown", "tagbox", "ranking"};

template <size_t N>
bool OneOf(std::string_view v, const std::string_view (&list)[N]) {
  return std::find(std::begin(list), std::end(list), v) != std::end(list);
}

// "default", or a BCP 47-like locale code as SurveyJS uses them ("de", "pt-br").
bool IsLocaleKey(const std::string& k) {
  if (k == "default") return true;
  size_t i = 0;
  while (i < k.size() && std::isalpha(static_cast<unsigned char>(k[i]))) ++i;
  if (i < 2 || i > 3) return false;
  while (i < k.size()) {
    if (k[i] != '-') return false;
    size_t j = ++i;
    while (j < k.size() && std::isalnum(static_cast<unsigned char>(k[j]))) ++j;
    if (j - i < 2 || j - i > 8) return false;
    i = j;
  }
  return true;
}

bool IsLocString(const json& v) {
  if (!v.is_object() || v.empty()) return false;
  for (const auto& [k, text] : v.items())
    if (!text.is_string() || !IsLocaleKey(k)) return false;
  return true;
}

void CollectLocales(const json& v, std::set<std::string>& out) {
  if (IsLocString(v)) {
    for (const auto& [k, text] : v.items())
      if (k != "default") out.insert(k);
    return;
  }
  if (v.is_object() || v.is_array())
    for (const auto& item : v) CollectLocales(item, out);
}

std::map<std::string, std::string> Texts(const json* v, const std::string& fallback) {
  std::map<std::string, std::string> out;
  if (v && v->is_string()) {
    out[""] = v->get<std::string>();
  } else if (v && v->is_object()) {
    for (const auto& [k, text] : v->items())
      if (text.is_string()) out[k == "default" ? "" : k] = text.get<std::string>();
  }
  if (out[""].empty()) out[""] = fallback;
  return out;
}

std::string ValueKey(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

std::string Combine(const std::string& a, const std::string& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return "(" + a + ") and (" + b + ")";
}

const json* Get(const json& obj, const char* key) {
  auto it = obj.find(key);
  return it == obj.end() || it->is_null() ? nullptr : &*it;
}

bool Flag(const json& obj, const char* key, bool fallback = false) {
  const json* v = Get(obj, key);
  return v && v->is_boolean() ? v->get<bool>() : fallback;
}

std::string Str(const json& obj, const char* key) {
  const json* v = Get(obj, key);
  return v && v->is_string() ? v->get<std::string>() : "";
}

std::optional<double> Number(const json& obj, const char* key) {
  const json* v = Get(obj, key);
  if (!v) return std::nullopt;
  if (v->is_number()) return v->get<double>();
  if (v->is_string()) {
    try {
      size_t used = 0;
      double d = std::stod(v->get<std::string>(), &used);
      if (used == v->get_ref<const std::string&>().size()) return d;
    } catch (const std::exception&) {
    }
  }
  return std::nullopt;
}

Error Fail(const std::string& path, const std::string& message) {
  return Error::InvalidField("definition" + (path.empty() ? "" : "/" + path), message);
}

// What the walk carries from pages and panels into the questions inside.
struct Scope {
  int page_index = 0;
  std::string page_name;
  bool visible = true;
  std::string visible_if, enable_if;
  bool read_only = false;
};

class Walker {
 public:
  Result<Definition> Run(const json& definition);

 private:
  Status CheckProperties(const json& obj, const std::string& path, std::initializer_list<std::string_view> handled);
  Result<std::optional<Expression>> ExpressionProperty(const json& obj, const char* key, const std::string& path);
  Status Container(const json& obj, const std::string& path, const Scope& outer, Scope& inner);
  Status Elements(const json& obj, const std::string& path, const Scope& scope);
  Status Element(const json& e, const std::string& path, const Scope& scope);
  Status Rating(const json& e, const std::string& path, Question& q);
  Status Choices(const json& e, const std::string& path, Question& q);
  Status TextLimits(const json& e, const std::string& path, Question& q);
  Status Validators(const json& e, const std::string& path, Question& q);
  Status Triggers(const json& definition);
  Status References();
  Status CheckReferences(const std::string& field, const Expression& expression) const;

  Definition def_;
  std::vector<std::pair<std::string, Expression>> expressions_;  // path -> parsed, for References()
};

// Refuses expression-valued properties Hearken does not evaluate (anything
// ending in "If" or "Expression" outside `handled`) and features whose effect
// the server could not check.
Status Walker::CheckProperties(const json& obj, const std::string& path,
                               std::initializer_list<std::string_view> handled) {
  for (const auto& [key, value] : obj.items()) {
    if (std::find(handled.begin(), handled.end(), key) != handled.end()) continue;
    bool expression_valued = (key.size() > 2 && key.compare(key.size() - 2, 2, "If") == 0) ||
                             (key.size() > 10 && key.compare(key.size() - 10, 10, "Expression") == 0);
    if (expression_valued && !IsEmptyValue(value))
      return Fail(path + "/" + key, key + " is not supported: Hearken evaluates only visibleIf, enableIf, "
                                          "requiredIf and complete triggers");
  }
  for (const char* key : {"valueName", "choicesFromQuestion", "choiceValuesFromQuestion", "choiceTextsFromQuestion"})
    if (const json* v = Get(obj, key); v && !IsEmptyValue(*v))
      return Fail(path + "/" + key, std::string(key) + " is not supported yet");
  if (const json* v = Get(obj, "choicesByUrl"); v && !IsEmptyValue(*v))
    return Fail(path + "/choicesByUrl", "choices loaded from a URL are not supported; list the choices");
  return Status::Ok();
}

Result<std::optional<Expression>> Walker::ExpressionProperty(const json& obj, const char* key,
                                                             const std::string& path) {
  const json* v = Get(obj, key);
  if (!v || IsEmptyValue(*v)) return std::optional<Expression>();
  std::string field = path.empty() ? key : path + "/" + key;
  if (!v->is_string()) return Fail(field, "must be an expression text");
  auto e = ParseExpression(v->get<std::string>());
  if (!e.ok()) return Fail(field, e.error().message);
  expressions_.emplace_back(field, *e);
  return std::optional<Expression>(std::move(*e));
}

// Applies a page's or panel's visibility, enableIf and readOnly to `inner`.
Status Walker::Container(const json& obj, const std::string& path, const Scope& outer, Scope& inner) {
  inner = outer;
  auto visible_if = ExpressionProperty(obj, "visibleIf", path);
  if (!visible_if.ok()) return visible_if.error();
  auto enable_if = ExpressionProperty(obj, "enableIf", path);
  if (!enable_if.ok()) return enable_if.error();
  if (Flag(obj, "isRequired") || Get(obj, "requiredIf"))
    return Fail(path + (Flag(obj, "isRequired") ? "/isRequired" : "/requiredIf"),
                "a required panel is not supported; mark the questions inside it required");
  if (auto s = CheckProperties(obj, path, {"visibleIf", "enableIf", "requiredIf"}); !s.ok()) return s;
  inner.visible = outer.visible && (visible_if->has_value() || Flag(obj, "visible", true));
  if (*visible_if) inner.visible_if = Combine(outer.visible_if, (*visible_if)->text);
  if (*enable_if) inner.enable_if = Combine(outer.enable_if, (*enable_if)->text);
  inner.read_only = outer.read_only || Flag(obj, "readOnly");
  return Status::Ok();
}

Status Walker::Elements(const json& obj, const std::string& path, const Scope& scope) {
  const json* elements = Get(obj, "elements");
  if (!elements) return Status::Ok();
  for (size_t i = 0; i < elements->size(); ++i) {
    auto s = Element((*elements)[i], (path.empty() ? "elements/" : path + "/elements/") + std::to_string(i), scope);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

Status Walker::Element(const json& e, const std::string& path, const Scope& scope) {
  const std::string type = Str(e, "type");
  if (type == "panel") {
    Scope inner;
    if (auto s = Container(e, path, scope, inner); !s.ok()) return s;
    return Elements(e, path, inner);
  }
  if (OneOf(type, kDisplayTypes)) return CheckProperties(e, path, {"visibleIf"});
  if (!OneOf(type, kInputTypes)) return Fail(path + "/type", "question type " + type + " is not supported yet");

  Question q;
  q.name = Str(e, "name");
  q.type = type;
  q.page = scope.page_name;
  q.page_index = scope.page_index;
  q.path = path;
  if (q.name.find_first_not_of(" \t") == std::string::npos) return Fail(path + "/name", "a question needs a name");
  if (q.name.find_first_of("{}") != std::string::npos || q.name.find('.') != std::string::npos)
    return Fail(path + "/name", "a question name may not contain '{', '}' or '.'");
  if (def_.Find(q.name)) return Fail(path + "/name", "the name " + q.name + " is used by another question");
  if (auto s = CheckProperties(e, path, {"visibleIf", "enableIf", "requiredIf"}); !s.ok()) return s;
  q.titles = Texts(Get(e, "title"), q.name);
  q.required = Flag(e, "isRequired");
  q.read_only = scope.read_only || Flag(e, "readOnly");

  auto visible_if = ExpressionProperty(e, "visibleIf", path);
  if (!visible_if.ok()) return visible_if.error();
  auto enable_if = ExpressionProperty(e, "enableIf", path);
  if (!enable_if.ok()) return enable_if.error();
  auto required_if = ExpressionProperty(e, "requiredIf", path);
  if (!required_if.ok()) return required_if.error();
  q.visible = scope.visible && (visible_if->has_value() || Flag(e, "visible", true));
  for (auto [own, inherited, target] :
       {std::tuple{&*visible_if, &scope.visible_if, &q.visible_if}, std::tuple{&*enable_if, &scope.enable_if, &q.enable_if}}) {
    std::string text = Combine(*inherited, *own ? (*own)->text : "");
    if (text.empty()) continue;
    auto combined = ParseExpression(text);
    if (!combined.ok()) return Fail(path, combined.error().message);  // cannot happen: both parts parsed
    *target = std::move(*combined);
  }
  q.required_if = std::move(*required_if);

  Status s;
  if (type == "rating") s = Rating(e, path, q);
  else if (OneOf(type, kChoiceTypes)) s = Choices(e, path, q);
  else if (type == "text" || type == "comment") s = TextLimits(e, path, q);
  else if (type == "boolean") {
    if (const json* t = Get(e, "valueTrue")) q.value_true = *t;
    if (const json* f = Get(e, "valueFalse")) q.value_false = *f;
    if (q.value_true == q.value_false) return Fail(path + "/valueFalse", "must differ from valueTrue");
  }
  if (!s.ok()) return s;
  q.has_comment = Flag(e, "hasComment") || Flag(e, "showCommentArea");
  if (s = Validators(e, path, q); !s.ok()) return s;
  def_.questions.push_back(std::move(q));
  return Status::Ok();
}

Status Walker::Rating(const json& e, const std::string& path, Question& q) {
  const json* rate_values = Get(e, "rateValues");
  bool explicit_values = rate_values && !rate_values->empty() && !Flag(e, "autoGenerate", false);
  if (explicit_values) {
    for (size_t i = 0; i < rate_values->size(); ++i) {
      const json& item = (*rate_values)[i];
      json value = item.is_object() ? item.value("value", json()) : item;
      std::string item_path = path + "/rateValues/" + std::to_string(i);
      if (!value.is_number() && !value.is_string()) return Fail(item_path, "a rate value must be a number or a text");
      if (std::find(q.rate_values.begin(), q.rate_values.end(), value) != q.rate_values.end())
        return Fail(item_path, "the rate value " + ValueKey(value) + " appears twice");
      if (item.is_object()) {
        if (auto s = CheckProperties(item, item_path, {}); !s.ok()) return s;
        q.choice_texts[ValueKey(value)] = Texts(Get(item, "text"), ValueKey(value));
      }
      q.rate_values.push_back(std::move(value));
    }
    bool integers = std::all_of(q.rate_values.begin(), q.rate_values.end(),
                                [](const json& v) { return v.is_number_integer(); });
    if (integers) {
      auto [lo, hi] = std::minmax_element(q.rate_values.begin(), q.rate_values.end());
      q.rate_min = lo->get<int>();
      q.rate_max = hi->get<int>();
    }
    return Status::Ok();
  }
  auto whole = [&](const char* key, int fallback) -> Result<int> {
    auto v = Number(e, key);
    if (!v) return fallback;
    if (*v != std::floor(*v) || std::fabs(*v) > 1e6) return Fail(path + "/" + key, "must be a whole number");
    return static_cast<int>(*v);
  };
  auto min = whole("rateMin", 1);
  if (!min.ok()) return min.error();
  q.rate_min = *min;
  q.rate_step = Number(e, "rateStep").value_or(1);
  if (!(q.rate_step > 0)) return Fail(path + "/rateStep", "must be greater than 0");
  auto count = whole("rateCount", 0);
  if (!count.ok()) return count.error();
  if (Get(e, "rateMax")) {
    auto max = whole("rateMax", 5);
    if (!max.ok()) return max.error();
    q.rate_max = *max;
  } else if (*count > 0) {
    double max = q.rate_min + (*count - 1) * q.rate_step;
    if (max != std::floor(max)) return Fail(path + "/rateCount", "rateMin, rateStep and rateCount give a fractional rateMax");
    q.rate_max = static_cast<int>(max);
  } else {
    q.rate_max = 5;
  }
  if (q.rate_max < q.rate_min) return Fail(path + "/rateMax", "must not be less than rateMin");
  double steps = (q.rate_max - q.rate_min) / q.rate_step;
  if (steps + 1 > static_cast<double>(kMaxGeneratedValues))
    return Fail(path + "/rateMax", "the scale has more than " + std::to_string(kMaxGeneratedValues) + " values");
  if (std::fabs(steps - std::round(steps)) > 1e-9)
    return Fail(path + "/rateStep", "must divide the range from rateMin to rateMax");
  size_t n = static_cast<size_t>(std::llround(steps)) + 1;
  if (*count > 0 && static_cast<size_t>(*count) != n)
    return Fail(path + "/rateCount", "rateCount " + std::to_string(*count) + " does not fit rateMin " +
                                         std::to_string(q.rate_min) + " to rateMax " + std::to_string(q.rate_max));
  for (size_t i = 0; i < n; ++i) {
    double v = q.rate_min + static_cast<double>(i) * q.rate_step;
    if (v == std::floor(v)) q.rate_values.push_back(static_cast<int64_t>(v));
    else q.rate_values.push_back(v);
  }
  return Status::Ok();
}

Status Walker::Choices(const json& e, const std::string& path, Question& q) {
  auto add = [&](json value, const json* text, const std::string& item_path) -> Status {
    if (!value.is_string() && !value.is_number() && !value.is_boolean())
      return Fail(item_path, "a choice value must be a text, a number or true/false");
    if (std::find(q.choices.begin(), q.choices.end(), value) != q.choices.end())
      return Fail(item_path, "the choice value " + ValueKey(value) + " appears twice");
    q.choice_texts[ValueKey(value)] = Texts(text, ValueKey(value));
    q.choices.push_back(std::move(value));
    return Status::Ok();
  };
  if (const json* choices = Get(e, "choices")) {
    for (size_t i = 0; i < choices->size(); ++i) {
      const json& item = (*choices)[i];
      std::string item_path = path + "/choices/" + std::to_string(i);
      Status s;
      if (item.is_object()) {
        if (s = CheckProperties(item, item_path, {}); !s.ok()) return s;
        if (const json* els = Get(item, "elements"); els && !els->empty())
          return Fail(item_path + "/elements", "questions inside a choice are not supported yet");
        s = add(item.value("value", json()), Get(item, "text"), item_path);
      } else {
        s = add(item, nullptr, item_path);
      }
      if (!s.ok()) return s;
    }
  }
  if (q.type == "dropdown" && Get(e, "choicesMax")) {
    double lo = Number(e, "choicesMin").value_or(0), hi = Number(e, "choicesMax").value_or(0);
    double step = Number(e, "choicesStep").value_or(1);
    if (!(step > 0)) return Fail(path + "/choicesStep", "must be greater than 0");
    if ((hi - lo) / step + 1 > static_cast<double>(kMaxGeneratedValues))
      return Fail(path + "/choicesMax", "generates more than " + std::to_string(kMaxGeneratedValues) + " choices");
    for (double v = lo; v <= hi + 1e-9; v += step) {
      json value = v == std::floor(v) ? json(static_cast<int64_t>(v)) : json(v);
      if (std::find(q.choices.begin(), q.choices.end(), value) == q.choices.end())
        if (auto s = add(value, nullptr, path + "/choicesMax"); !s.ok()) return s;
    }
  }
  q.has_other = Flag(e, "hasOther") || Flag(e, "showOtherItem");
  q.has_none = Flag(e, "hasNone") || Flag(e, "showNoneItem");
  if (const json* store = Get(e, "storeOthersAsComment"); store && *store == false && q.has_other)
    return Fail(path + "/storeOthersAsComment", "must not be false: Hearken keeps the other text in <name>-Comment");
  for (auto [flag, value] : {std::pair{"showRefuseItem", "refused"}, std::pair{"showDontKnowItem", "dontknow"}})
    if (Flag(e, flag))
      if (auto s = add(value, nullptr, path + "/" + flag); !s.ok()) return s;
  for (const char* special : {"other", "none"})
    if ((special == std::string("other") ? q.has_other : q.has_none) &&
        std::find(q.choices.begin(), q.choices.end(), json(special)) != q.choices.end())
      return Fail(path + "/choices", std::string("the value ") + special + " is reserved for the " + special + " item");
  if (q.choices.empty() && !q.has_other) return Fail(path + "/choices", "a choice question needs choices");
  if (q.type == "checkbox" || q.type == "tagbox" || q.type == "ranking") {
    auto lo = Number(e, "minSelectedChoices"), hi = Number(e, "maxSelectedChoices");
    if (lo && *lo > 0) q.min_select = static_cast<int>(*lo);
    if (hi && *hi > 0) q.max_select = static_cast<int>(*hi);
    if (q.min_select && q.max_select && *q.min_select > *q.max_select)
      return Fail(path + "/minSelectedChoices", "must not exceed maxSelectedChoices");
  }
  q.select_to_rank = q.type == "ranking" && Flag(e, "selectToRankEnabled");
  return Status::Ok();
}

Status Walker::TextLimits(const json& e, const std::string& path, Question& q) {
  q.input_type = q.type == "text" ? Str(e, "inputType") : "";
  if (q.input_type == "text") q.input_type.clear();
  if (auto len = Number(e, "maxLength"); len && *len > 0) q.max_length = static_cast<size_t>(*len);
  if (q.input_type == "number" || q.input_type == "range") {
    for (auto [key, target] : {std::pair{"min", &q.min}, std::pair{"max", &q.max}}) {
      if (!Get(e, key)) continue;
      *target = Number(e, key);
      if (!*target) return Fail(path + "/" + key, "must be a number for a number input");
    }
    if (q.min && q.max && *q.min > *q.max) return Fail(path + "/min", "must not exceed max");
  }
  return Status::Ok();
}

Status Walker::Validators(const json& e, const std::string& path, Question& q) {
  const json* validators = Get(e, "validators");
  if (!validators) return Status::Ok();
  for (size_t i = 0; i < validators->size(); ++i) {
    const json& v = (*validators)[i];
    std::string vpath = path + "/validators/" + std::to_string(i);
    QuestionValidator out;
    out.type = Str(v, "type");
    if (auto s = CheckProperties(v, vpath, {"expression"}); !s.ok()) return s;
    if (out.type == "numeric") {
      out.min = Number(v, "minValue");
      out.max = Number(v, "maxValue");
    } else if (out.type == "text") {
      out.min = Number(v, "minLength");
      out.max = Number(v, "maxLength");
    } else if (out.type == "answercount") {
      out.min = Number(v, "minCount");
      out.max = Number(v, "maxCount");
    } else if (out.type == "expression") {
      auto ex = ExpressionProperty(v, "expression", vpath);
      if (!ex.ok()) return ex.error();
      if (!*ex) return Fail(vpath + "/expression", "an expression validator needs an expression");
      out.expression = std::move(**ex);
    } else if (out.type != "email" && out.type != "regex") {
      return Fail(vpath + "/type", "validator type " + out.type + " is not supported");
    }
    q.validators.push_back(std::move(out));
  }
  return Status::Ok();
}

Status Walker::Triggers(const json& definition) {
  const json* triggers = Get(definition, "triggers");
  if (!triggers) return Status::Ok();
  for (size_t i = 0; i < triggers->size(); ++i) {
    const json& t = (*triggers)[i];
    std::string tpath = "triggers/" + std::to_string(i);
    std::string type = Str(t, "type");
    if (type != "complete") return Fail(tpath + "/type", "trigger type " + type + " is not supported yet");
    auto ex = ExpressionProperty(t, "expression", tpath);
    if (!ex.ok()) return ex.error();
    if (!*ex) return Fail(tpath + "/expression", "a complete trigger needs an expression");
    if (auto s = CheckReferences(tpath + "/expression", **ex); !s.ok()) return s;
    Definition::CompleteTrigger trigger{std::move(**ex), -1};
    for (const auto& name : ReferencedQuestions(trigger.expression))
      if (const Question* q = def_.Find(name)) trigger.page_index = std::max(trigger.page_index, q->page_index);
    if (trigger.page_index < 0) return Fail(tpath + "/expression", "a complete trigger must refer to a question");
    def_.complete_triggers.push_back(std::move(trigger));
  }
  return Status::Ok();
}

Status Walker::CheckReferences(const std::string& field, const Expression& expression) const {
  for (const auto& name : ReferencedQuestions(expression)) {
    if (def_.Find(name)) continue;
    static constexpr std::string_view kComment = "-Comment";
    if (name.size() > kComment.size() && name.compare(name.size() - kComment.size(), kComment.size(), kComment) == 0) {
      const Question* q = def_.Find(std::string_view(name).substr(0, name.size() - kComment.size()));
      if (q && (q->has_other || q->has_comment)) continue;
    }
    return Fail(field, "refers to {" + name + "}, which is no question of this survey");
  }
  return Status::Ok();
}

Status Walker::References() {
  for (const auto& [field, expression] : expressions_)
    if (auto s = CheckReferences(field, expression); !s.ok()) return s;
  return Status::Ok();
}

Result<Definition> Walker::Run(const json& definition) {
  if (!definition.is_object()) return Fail("", "must be a JSON object");
  if (auto s = ValidateAgainstSurveyJsSchema(definition); !s.ok()) return s.error();
  def_.json = definition;
  if (auto s = CheckProperties(definition, "", {}); !s.ok()) return s.error();
  for (const char* key : {"calculatedValues", "completedHtmlOnCondition", "navigateToUrlOnCondition"})
    if (const json* v = Get(definition, key); v && !v->empty())
      return Fail(key, std::string(key) + " is not supported yet");
  def_.default_title = Texts(Get(definition, "title"), "").at("");

  const json* pages = Get(definition, "pages");
  const json* top_elements = Get(definition, "elements");
  if (pages && !pages->empty() && top_elements && !top_elements->empty())
    return Fail("elements", "use either pages or top-level elements, not both");
  if (top_elements && !top_elements->empty()) {
    Scope scope{0, "page1"};
    def_.page_names.push_back("page1");
    if (auto s = Elements(definition, "", scope); !s.ok()) return s.error();
  } else if (pages) {
    for (size_t i = 0; i < pages->size(); ++i) {
      const json& page = (*pages)[i];
      std::string path = "pages/" + std::to_string(i);
      std::string name = Str(page, "name");
      if (name.empty()) name = "page" + std::to_string(i + 1);
      def_.page_names.push_back(name);
      Scope top{static_cast<int>(i), name}, scope;
      if (auto s = Container(page, path, top, scope); !s.ok()) return s.error();
      if (auto s = Elements(page, path, scope); !s.ok()) return s.error();
    }
  }
  if (def_.questions.empty()) return Fail("pages", "the survey has no questions");
  if (auto s = Triggers(definition); !s.ok()) return s.error();
  if (auto s = References(); !s.ok()) return s.error();

  std::set<std::string> locales;
  if (std::string locale = Str(definition, "locale"); !locale.empty() && locale != "default") locales.insert(locale);
  CollectLocales(definition, locales);
  def_.locales.push_back("");
  def_.locales.insert(def_.locales.end(), locales.begin(), locales.end());
  return std::move(def_);
}

}  // namespace

bool Question::is_input() const { return OneOf(type, kInputTypes); }

bool Question::is_integer_scale() const {
  if (type != "rating" || rate_values.empty() || rate_max < rate_min) return false;
  if (rate_values.size() != static_cast<size_t>(rate_max - rate_min + 1)) return false;
  for (size_t i = 0; i < rate_values.size(); ++i)
    if (!rate_values[i].is_number_integer() || rate_values[i].get<int64_t>() != rate_min + static_cast<int64_t>(i))
      return false;
  return true;
}

const Question* Definition::Find(std::string_view name) const {
  for (const auto& q : questions)
    if (q.name == name) return &q;
  return nullptr;
}

Result<Definition> ParseDefinition(const nlohmann::json& definition) { return Walker().Run(definition); }

Result<Definition> ParseDefinitionText(const std::string& text) {
  nlohmann::json parsed;
  try {
    parsed = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    return Error::InvalidField("definition", std::string("is not valid JSON: ") + e.what());
  }
  return ParseDefinition(parsed);
}

std::string LocalizedText(const nlohmann::json& value, const std::string& locale) {
  if (value.is_string()) return value.get<std::string>();
  if (!value.is_object()) return "";
  if (!locale.empty())
    if (auto it = value.find(locale); it != value.end() && it->is_string()) return it->get<std::string>();
  if (auto it = value.find("default"); it != value.end() && it->is_string()) return it->get<std::string>();
  return "";
}

}  // namespace hearken::survey
