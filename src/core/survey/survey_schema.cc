#include "core/survey/survey_schema.h"

#include <exception>
#include <memory>
#include <string>
#include <string_view>

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace hearken::survey {

// Generated at build time from surveyjs_definition.schema.json.
std::string_view SurveyJsSchemaText();

namespace {

using nlohmann::json;

std::string DefinitionName(const json& ref_holder) {
  const std::string& ref = ref_holder.at("$ref").get_ref<const std::string&>();
  static constexpr std::string_view kPrefix = "#/definitions/";
  return ref.rfind(kPrefix, 0) == 0 ? ref.substr(kPrefix.size()) : ref;
}

// The `type` value SurveyJS writes for an object of definition `name`:
// elements use the definition name ("rating"), triggers and validators drop
// their suffix ("completetrigger" -> "complete", "numericvalidator" ->
// "numeric").
std::string TypeValueFor(const std::string& name) {
  for (std::string_view suffix : {std::string_view("trigger"), std::string_view("validator")}) {
    if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
      return name.substr(0, name.size() - suffix.size());
  }
  return name;
}

// An `anyOf` whose branches are all references to definitions that require
// or carry a `type` (elements, triggers, validators): more than three plain
// "$ref" branches.
bool IsTypeDispatch(const json& any_of) {
  if (!any_of.is_array() || any_of.size() <= 3) return false;
  for (const auto& b : any_of)
    if (!b.is_object() || b.size() != 1 || !b.contains("$ref")) return false;
  return true;
}

// Replaces {"anyOf": [{"$ref": A}, {"$ref": B}, ...]} by a dispatch on the
// object's `type`: {"type": "object", "required": ["type"], "allOf": [{"if":
// {type is "a"}, "then": {"$ref": A}}, ...]}.
json TypeDispatch(const json& any_of) {
  json all_of = json::array();
  for (const auto& b : any_of) {
    std::string value = TypeValueFor(DefinitionName(b));
    all_of.push_back({{"if", {{"properties", {{"type", {{"const", value}}}}}, {"required", {"type"}}}},
                      {"then", b}});
  }
  return {{"type", "object"},
          {"required", {"type"}},
          {"properties", {{"type", {{"type", "string"}}}}},
          {"allOf", std::move(all_of)}};
}

bool EnumFitsType(const json& node) {
  const json& type = node.at("type");
  if (!type.is_string()) return true;
  const std::string& t = type.get_ref<const std::string&>();
  for (const auto& v : node.at("enum")) {
    if (t == "string" && !v.is_string()) return false;
    if (t == "number" && !v.is_number()) return false;
    if (t == "boolean" && !v.is_boolean()) return false;
  }
  return true;
}

void AdaptNode(json& node) {
  if (node.is_array()) {
    for (auto& item : node) AdaptNode(item);
    return;
  }
  if (!node.is_object()) return;
  node.erase("$id");
  if (auto ref = node.find("$ref"); ref != node.end() && ref->is_string()) {
    std::string& r = ref->get_ref<std::string&>();
    if (r.rfind("#", 0) != 0) r = "#/definitions/" + r;
  }
  if (auto any_of = node.find("anyOf"); any_of != node.end()) {
    for (auto& b : *any_of) AdaptNode(b);
    if (IsTypeDispatch(*any_of)) {
      json dispatch = TypeDispatch(*any_of);
      node.erase("anyOf");
      for (auto& [k, v] : dispatch.items()) node[k] = v;
    }
  }
  if (node.contains("enum") && node.contains("type") && !EnumFitsType(node)) node.erase("type");
  for (auto& [key, value] : node.items())
    if (key != "anyOf" && key != "allOf") AdaptNode(value);
  if (auto all_of = node.find("allOf"); all_of != node.end())
    for (auto& b : *all_of)
      if (!b.contains("if")) AdaptNode(b);
}

void Loosen(json& schema, const json::json_pointer& where, json replacement) {
  if (schema.contains(where)) schema[where] = std::move(replacement);
}

// The published schema, made usable by valijson and accurate for what
// SurveyJS itself accepts. Each change:
//  1. "$id" inside definitions and bare references ("$ref": "question"):
//     valijson would resolve these as remote documents; they become local
//     "#/definitions/question" references.
//  2. Lists of element, trigger and validator types are an anyOf of 28 (or 6)
//     definitions none of which restricts `type`, so almost any object
//     passes the first branch and errors (when every branch fails) are
//     useless. They become a dispatch on `type`: an element of type
//     "rating" is checked against the rating definition only, so a string
//     rateMax is reported at its own path. Unknown types pass here and are
//     refused by ParseDefinition, which knows what Hearken supports.
//  3. Four properties declare "type": "string" with a non-string enum
//     (rating autoGenerate, storeOthersAsComment, two column counts), which
//     nothing satisfies; their enum alone is kept.
//  4. Values SurveyJS accepts of any type but the schema types as strings:
//     item and choice `value`, `defaultValue`, `correctAnswer`, boolean
//     `valueTrue`/`valueFalse`; text `min`/`max` may be numbers.
json AdaptSchema(json schema) {
  AdaptNode(schema);
  using P = json::json_pointer;
  Loosen(schema, P("/definitions/itemvalue/properties/value"), json::object());
  Loosen(schema, P("/definitions/question/properties/defaultValue"), json::object());
  Loosen(schema, P("/definitions/question/properties/correctAnswer"), json::object());
  Loosen(schema, P("/definitions/boolean/allOf/1/properties/valueTrue"), json::object());
  Loosen(schema, P("/definitions/boolean/allOf/1/properties/valueFalse"), json::object());
  Loosen(schema, P("/definitions/text/allOf/1/properties/min"), {{"type", json::array({"string", "number"})}});
  Loosen(schema, P("/definitions/text/allOf/1/properties/max"), {{"type", json::array({"string", "number"})}});
  return schema;
}

struct LoadedSchema {
  json document;
  valijson::Schema schema;
  std::string error;  // set when loading failed
};

const LoadedSchema& Schema() {
  static const std::unique_ptr<LoadedSchema> loaded = [] {
    auto l = std::make_unique<LoadedSchema>();
    try {
      l->document = AdaptSchema(json::parse(SurveyJsSchemaText()));
      valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
      valijson::adapters::NlohmannJsonAdapter adapter(l->document);
      parser.populateSchema(adapter, l->schema);
    } catch (const std::exception& e) {
      l->error = e.what();
    }
    return l;
  }();
  return *loaded;
}

// valijson's context ("<root>", "[pages]", "[0]", ...) as "definition/pages/0".
std::string FieldOf(const std::vector<std::string>& context) {
  std::string field = "definition";
  for (const auto& part : context) {
    if (part.size() >= 2 && part.front() == '[' && part.back() == ']') {
      std::string key = part.substr(1, part.size() - 2);
      if (key.size() >= 2 && key.front() == '"' && key.back() == '"') key = key.substr(1, key.size() - 2);
      field += "/" + key;
    }
  }
  return field;
}

}  // namespace

Status ValidateAgainstSurveyJsSchema(const nlohmann::json& definition) {
  const LoadedSchema& loaded = Schema();
  if (!loaded.error.empty()) return Error::Internal("the embedded SurveyJS schema cannot be loaded: " + loaded.error);
  valijson::ValidationResults results;
  try {
    valijson::Validator validator(valijson::Validator::kStrongTypes);
    valijson::adapters::NlohmannJsonAdapter target(definition);
    if (validator.validate(loaded.schema, target, &results)) return Status::Ok();
  } catch (const std::exception& e) {
    return Error::Internal(std::string("checking the survey against the SurveyJS schema failed: ") + e.what());
  }
  // The deepest error is the most specific one; the others are the "failed
  // to validate against child schema" errors of its ancestors.
  const valijson::ValidationResults::Error* best = nullptr;
  for (const auto& e : results)
    if (!best || e.context.size() > best->context.size()) best = &e;
  if (!best) return Error::InvalidField("definition", "does not match the SurveyJS schema");
  return Error::InvalidField(FieldOf(best->context), best->description);
}

}  // namespace hearken::survey
