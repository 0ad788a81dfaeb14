// Small builders of OpenAPI 3.0 schema objects, shared by the files that
// register schemas (openapi.cc for the register's records, the complaint
// routes files for theirs through Router::AddSchema).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/entities.h"
#include "core/json_codec.h"

namespace hearken::http::schema {

inline Json Ref(const std::string& name) { return {{"$ref", "#/components/schemas/" + name}}; }
inline Json Str() { return {{"type", "string"}}; }
inline Json NStr() { return {{"type", "string"}, {"nullable", true}}; }
inline Json Time() { return {{"type", "string"}, {"format", "date-time"}}; }
inline Json NTime() { return {{"type", "string"}, {"format", "date-time"}, {"nullable", true}}; }
inline Json NDate() { return {{"type", "string"}, {"format", "date"}, {"nullable", true}}; }
inline Json IdT() { return {{"type", "integer"}, {"format", "int64"}, {"minimum", 1}}; }
inline Json NId() { return {{"type", "integer"}, {"format", "int64"}, {"minimum", 1}, {"nullable", true}}; }
inline Json Int() { return {{"type", "integer"}}; }
inline Json NInt() { return {{"type", "integer"}, {"nullable", true}}; }
inline Json Bool() { return {{"type", "boolean"}}; }
inline Json ArrayOf(Json item) { return {{"type", "array"}, {"items", std::move(item)}}; }

// A string restricted to the text names of enumeration E.
template <typename E>
Json EnumT(bool nullable = false) {
  Json values = Json::array();
  for (auto name : EnumNames<E>()) values.push_back(std::string(name));
  Json j = {{"type", "string"}, {"enum", values}};
  if (nullable) j["nullable"] = true;
  return j;
}

// An object with `properties`; `closed` forbids other properties.
inline Json Obj(Json properties, std::vector<std::string> required = {}, bool closed = false) {
  Json o = {{"type", "object"}, {"properties", std::move(properties)}};
  if (!required.empty()) o["required"] = required;
  if (closed) o["additionalProperties"] = false;
  return o;
}

// A list answer: {"items": [item...], "total", "limit", "offset"}.
inline Json PageOf(const std::string& item) {
  return Obj({{"items", ArrayOf(Ref(item))}, {"total", Int()}, {"limit", Int()}, {"offset", Int()}},
             {"items", "total", "limit", "offset"});
}

}  // namespace hearken::http::schema
