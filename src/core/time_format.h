// ISO 8601 / RFC 3339 conversion of UTC time points, the one text form of time
// in the API, the audit trail and the SQLite schema.
#pragma once

#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"

namespace hearken {

// "2026-11-24T16:45:58.123456Z" (always UTC, always six fractional digits).
std::string FormatTimestamp(TimePoint t);

// Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS[.f{1,9}]](Z|±HH[:MM])", also with a
// space instead of 'T' (PostgreSQL's output). Date-only text means midnight UTC.
// Errors: InvalidArgument when the text is not such a timestamp or names an
// impossible date.
Result<TimePoint> ParseTimestamp(std::string_view text);

}  // namespace hearken
