// JSON form of every record, as the API returns it and as the audit trail
// stores old and new values. Keys are snake_case, times are ISO 8601 UTC
// strings (core/time_format.h), absent optionals are null, enumerations use
// their text names (core/entities.h). Secrets (password and token hashes,
// session tokens) are never part of any JSON form.
//
// Decoding JSON from clients is the edge's job (http/json_input.h): it must
// reject unknown fields and wrong types with field names.
#pragma once

#include <nlohmann/json.hpp>

#include "core/entities.h"

namespace hearken {

using Json = nlohmann::json;

Json ToJson(const OrgSettings& v);
Json ToJson(const User& v);
Json ToJson(const ApiToken& v);
Json ToJson(const Customer& v);
Json ToJson(const Need& v);
Json ToJson(const Segment& v);
Json ToJson(const Requirement& v);
Json ToJson(const RequirementVersion& v);
Json ToJson(const RequirementReview& v);
Json ToJson(const Communication& v);
// Includes old_value / new_value parsed back to JSON (null when empty).
Json ToJson(const AuditEntry& v);

// Optional time as a JSON string or null.
Json TimeOrNull(const std::optional<TimePoint>& t);

}  // namespace hearken
