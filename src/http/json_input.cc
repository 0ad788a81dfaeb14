#include "http/json_input.h"

#include <limits>

#include "core/complaint_json.h"
#include "core/time_format.h"
#include "core/validation.h"
#include "http/problem.h"

namespace hearken::http {
namespace {

constexpr int kMaxDepth = 64;

// Bracket depth of a JSON text, ignoring brackets inside strings.
int MaxDepth(std::string_view text) {
  int depth = 0, max_depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '{' || c == '[') max_depth = std::max(max_depth, ++depth);
    else if (c == '}' || c == ']') --depth;
  }
  return max_depth;
}

bool IsJsonContentType(const std::string* content_type) {
  if (!content_type) return false;
  std::string_view v = *content_type;
  size_t semi = v.find(';');
  std::string_view media = v.substr(0, semi);
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  while (!media.empty() && media.front() == ' ') media.remove_prefix(1);
  return EqualsIgnoreCase(media, "application/json");
}

const char* TypeName(const Json& v) {
  if (v.is_null()) return "null";
  if (v.is_boolean()) return "a boolean";
  if (v.is_number()) return "a number";
  if (v.is_string()) return "a string";
  if (v.is_array()) return "an array";
  return "an object";
}

}  // namespace

ParsedBody ParseJsonObject(const HttpRequest& request) {
  ParsedBody out;
  if (!IsJsonContentType(request.Header("content-type"))) {
    out.problem = Problem(415, "the body must be sent as application/json");
    return out;
  }
  if (request.body.empty()) {
    out.problem = Problem(400, "a JSON object body is required");
    return out;
  }
  if (!IsValidUtf8(request.body)) {
    out.problem = Problem(400, "the body is not valid UTF-8");
    return out;
  }
  if (MaxDepth(request.body) > kMaxDepth) {
    out.problem = Problem(400, "the JSON body is nested too deeply");
    return out;
  }
  Json parsed = Json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    out.problem = Problem(400, "the body is not well-formed JSON");
    return out;
  }
  if (!parsed.is_object()) {
    out.problem = Problem(400, "the body must be a JSON object");
    return out;
  }
  out.object = std::move(parsed);
  return out;
}

ObjectReader::ObjectReader(const Json& object, std::string prefix) : object_(object), prefix_(std::move(prefix)) {}

bool ObjectReader::Has(const std::string& key) const { return object_.contains(key); }

const Json* ObjectReader::Find(const std::string& key) {
  known_.insert(key);
  auto it = object_.find(key);
  return it == object_.end() ? nullptr : &*it;
}

void ObjectReader::AddError(const std::string& key, std::string message) {
  errors_.push_back({Name(key), std::move(message)});
}

void ObjectReader::Accept(const std::string& key) { known_.insert(key); }

void ObjectReader::Require(const std::string& key) {
  known_.insert(key);
  if (!object_.contains(key)) AddError(key, "is required");
}

void ObjectReader::EnumError(const std::string& key, const std::vector<std::string_view>& names) {
  std::string message = "must be one of";
  for (size_t i = 0; i < names.size(); ++i) message += (i ? ", " : " ") + std::string(names[i]);
  AddError(key, std::move(message));
}

void ObjectReader::String(const std::string& key, std::string* out) {
  const Json* v = Find(key);
  if (!v) return;
  if (!v->is_string()) return AddError(key, std::string("must be a string, not ") + TypeName(*v));
  *out = v->get<std::string>();
}

void ObjectReader::OptionalString(const std::string& key, std::optional<std::string>* out) {
  const Json* v = Find(key);
  if (!v) return;
  if (v->is_null()) return out->reset();
  if (!v->is_string()) return AddError(key, std::string("must be a string, not ") + TypeName(*v));
  *out = v->get<std::string>();
}

void ObjectReader::Bool(const std::string& key, bool* out) {
  const Json* v = Find(key);
  if (!v) return;
  if (!v->is_boolean()) return AddError(key, std::string("must be true or false, not ") + TypeName(*v));
  *out = v->get<bool>();
}

void ObjectReader::Int(const std::string& key, int* out, int min, int max) {
  const Json* v = Find(key);
  if (!v) return;
  if (!v->is_number_integer()) return AddError(key, std::string("must be an integer, not ") + TypeName(*v));
  const bool in_range = v->is_number_unsigned() ? v->get<std::uint64_t>() <= static_cast<std::uint64_t>(max)
                                                : (v->get<std::int64_t>() >= min && v->get<std::int64_t>() <= max);
  if (!in_range || v->get<std::int64_t>() < min)
    return AddError(key, "must be from " + std::to_string(min) + " to " + std::to_string(max));
  *out = static_cast<int>(v->get<std::int64_t>());
}

void ObjectReader::Id(const std::string& key, hearken::Id* out) {
  const Json* v = Find(key);
  if (!v) return;
  if (!v->is_number_integer()) return AddError(key, std::string("must be an id (integer), not ") + TypeName(*v));
  if (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<hearken::Id>::max()))
    return AddError(key, "must be a positive id");
  if (v->get<std::int64_t>() <= 0) return AddError(key, "must be a positive id");
  *out = v->get<std::int64_t>();
}

void ObjectReader::OptionalId(const std::string& key, std::optional<hearken::Id>* out) {
  const Json* v = Find(key);
  if (!v) return;
  if (v->is_null()) return out->reset();
  hearken::Id id = 0;
  known_.erase(key);
  Id(key, &id);
  if (id > 0) *out = id;
}

void ObjectReader::Time(const std::string& key, TimePoint* out) {
  const Json* v = Find(key);
  if (!v) return;
  if (!v->is_string()) return AddError(key, std::string("must be an ISO 8601 time string, not ") + TypeName(*v));
  auto parsed = ParseTimestamp(v->get_ref<const std::string&>());
  if (!parsed.ok()) return AddError(key, "must be an ISO 8601 time such as 2026-11-24T16:45:58Z");
  *out = *parsed;
}

void ObjectReader::OptionalDate(const std::string& key, std::optional<std::chrono::year_month_day>* out) {
  const Json* v = Find(key);
  if (!v) return;
  if (v->is_null()) return out->reset();
  if (!v->is_string()) return AddError(key, std::string("must be a date YYYY-MM-DD or null, not ") + TypeName(*v));
  auto parsed = ParseIsoDate(v->get_ref<const std::string&>());
  if (!parsed) return AddError(key, "must be a date YYYY-MM-DD such as 2026-11-20");
  *out = *parsed;
}

void ObjectReader::StringList(const std::string& key, std::vector<std::string>* out, size_t max_items) {
  const Json* v = Find(key);
  if (!v) return;
  if (!v->is_array()) return AddError(key, std::string("must be an array of strings, not ") + TypeName(*v));
  if (v->size() > max_items) return AddError(key, "at most " + std::to_string(max_items) + " items");
  std::vector<std::string> values;
  bool ok = true;
  for (size_t i = 0; i < v->size(); ++i) {
    if (!(*v)[i].is_string()) {
      AddError(key + "/" + std::to_string(i), std::string("must be a string, not ") + TypeName((*v)[i]));
      ok = false;
    } else {
      values.push_back((*v)[i].get<std::string>());
    }
  }
  if (ok) *out = std::move(values);
}

void ObjectReader::IdList(const std::string& key, std::vector<hearken::Id>* out, size_t max_items) {
  const Json* v = Find(key);
  if (!v) return;
  if (!v->is_array()) return AddError(key, std::string("must be an array of ids, not ") + TypeName(*v));
  if (v->size() > max_items) return AddError(key, "at most " + std::to_string(max_items) + " ids");
  std::vector<hearken::Id> values;
  bool ok = true;
  for (size_t i = 0; i < v->size(); ++i) {
    const Json& item = (*v)[i];
    const std::uint64_t max = static_cast<std::uint64_t>(std::numeric_limits<hearken::Id>::max());
    const bool positive = item.is_number_unsigned()  ? item.get<std::uint64_t>() > 0 && item.get<std::uint64_t>() <= max
                          : item.is_number_integer() ? item.get<std::int64_t>() > 0
                                                     : false;
    if (!positive) {
      AddError(key + "/" + std::to_string(i), "must be a positive id");
      ok = false;
    } else {
      values.push_back(item.get<std::int64_t>());
    }
  }
  if (ok) *out = std::move(values);
}

void ObjectReader::Needs(const std::string& key, std::vector<Need>* out) {
  const Json* v = Find(key);
  if (!v) return;
  if (!v->is_array()) return AddError(key, std::string("must be an array of needs, not ") + TypeName(*v));
  std::vector<Need> needs;
  const size_t before = errors_.size();
  for (size_t i = 0; i < v->size() && i < 1000; ++i) {
    const Json& item = (*v)[i];
    const std::string item_prefix = key + "/" + std::to_string(i);
    if (!item.is_object()) {
      AddError(item_prefix, std::string("must be an object, not ") + TypeName(item));
      continue;
    }
    Need need;
    ObjectReader reader(item, Name(item_prefix) + "/");
    reader.String("description", &need.description);
    reader.Enum("class", &need.need_class, &ParseNeedClass);
    reader.Int("importance", &need.importance, 1, 5);
    Status status = reader.Finish();
    if (!status.ok()) errors_.insert(errors_.end(), status.error().fields.begin(), status.error().fields.end());
    needs.push_back(std::move(need));
  }
  if (errors_.size() == before) *out = std::move(needs);
}

Status ObjectReader::Finish() {
  for (auto it = object_.begin(); it != object_.end(); ++it)
    if (!known_.count(it.key())) AddError(it.key(), "is not a known field");
  if (errors_.empty()) return Status::Ok();
  std::string message = "invalid fields:";
  for (const auto& e : errors_) message += " " + e.field + " " + e.message + ";";
  message.pop_back();
  return Error::InvalidArgument(std::move(message), errors_);
}

}  // namespace hearken::http
