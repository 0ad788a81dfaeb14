// Strict decoding of request bodies at the edge. A body must be UTF-8 JSON
// whose top level is an object, sent as application/json; every field is
// checked for its type and range, and fields the resource does not know are
// refused by name. Core validation (core/validation.h) runs afterwards on the
// decoded entity.
#pragma once

#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/entities.h"
#include "core/json_codec.h"
#include "core/result.h"
#include "http/http_types.h"

namespace hearken::http {

// Parses the body of `request` as a JSON object. On failure returns the
// problem response to send: 415 when Content-Type is not application/json,
// 400 for an empty body, invalid UTF-8, malformed JSON, nesting deeper than
// 64, or a top level that is not an object.
struct ParsedBody {
  std::optional<Json> object;
  std::optional<HttpResponse> problem;
};
ParsedBody ParseJsonObject(const HttpRequest& request);

// Reads the fields of one JSON object into typed values. Each reader marks
// its key as known and, when the key is present, checks the type and stores
// the value; absent keys leave the output untouched. Finish() returns every
// problem at once: wrong types, out-of-range numbers, unknown enum names and
// unknown fields, as InvalidArgument naming each field.
class ObjectReader {
 public:
  explicit ObjectReader(const Json& object, std::string prefix = "");

  bool Has(const std::string& key) const;
  void String(const std::string& key, std::string* out);
  void OptionalString(const std::string& key, std::optional<std::string>* out);
  void Bool(const std::string& key, bool* out);
  void Int(const std::string& key, int* out, int min, int max);
  void Id(const std::string& key, hearken::Id* out);                  // positive
  void OptionalId(const std::string& key, std::optional<hearken::Id>* out);  // positive or null
  void Time(const std::string& key, TimePoint* out);
  // A calendar date "YYYY-MM-DD", or null (reset).
  void OptionalDate(const std::string& key, std::optional<std::chrono::year_month_day>* out);
  void StringList(const std::string& key, std::vector<std::string>* out, size_t max_items);
  void IdList(const std::string& key, std::vector<hearken::Id>* out, size_t max_items);  // positive ids
  void Needs(const std::string& key, std::vector<Need>* out);
  template <typename E>
  void Enum(const std::string& key, E* out, std::optional<E> (*parse)(std::string_view));
  template <typename E>
  void OptionalEnum(const std::string& key, std::optional<E>* out, std::optional<E> (*parse)(std::string_view));

  // Marks `key` as known without reading it (the caller reads it itself).
  void Accept(const std::string& key);
  // Marks `key` as required: missing → "is required".
  void Require(const std::string& key);
  void AddError(const std::string& key, std::string message);
  const std::vector<FieldError>& errors() const { return errors_; }
  // Adds unknown-field errors; Ok when nothing was wrong.
  Status Finish();

 private:
  const Json* Find(const std::string& key);
  std::string Name(const std::string& key) const { return prefix_ + key; }
  void EnumError(const std::string& key, const std::vector<std::string_view>& names);

  const Json& object_;
  std::string prefix_;
  std::set<std::string> known_;
  std::vector<FieldError> errors_;
};

template <typename E>
void ObjectReader::Enum(const std::string& key, E* out, std::optional<E> (*parse)(std::string_view)) {
  const Json* v = Find(key);
  if (!v) return;
  if (v->is_string()) {
    if (auto parsed = parse(v->get_ref<const std::string&>())) {
      *out = *parsed;
      return;
    }
  }
  EnumError(key, EnumNames<E>());
}

template <typename E>
void ObjectReader::OptionalEnum(const std::string& key, std::optional<E>* out,
                                std::optional<E> (*parse)(std::string_view)) {
  const Json* v = Find(key);
  if (!v) return;
  if (v->is_null()) {
    out->reset();
    return;
  }
  if (v->is_string()) {
    if (auto parsed = parse(v->get_ref<const std::string&>())) {
      *out = *parsed;
      return;
    }
  }
  EnumError(key, EnumNames<E>());
}

}  // namespace hearken::http
