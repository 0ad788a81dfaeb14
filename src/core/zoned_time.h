// A moment as another system wrote it: the UTC instant plus the offset
// (or zone name) it came with, so that "posted 09:15 in Mumbai" can still
// be shown as 09:15 +05:30 after it is stored as 03:45Z. Used by the
// feedback model (social posts, visits) for occurred_at / posted_at.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"

namespace hearken {

struct ZonedTime {
  TimePoint utc{};
  // Minutes east of UTC the text named (-08:00 is -480; Z is 0). nullopt
  // for a text without any offset, which is read as UTC.
  std::optional<int> offset_minutes;
};

// Parses RFC 3339 / ISO 8601 "YYYY-MM-DDTHH:MM[:SS[.f]](Z|±HH:MM|±HHMM|±HH)",
// also with a space for 'T', and a date alone (midnight UTC, no offset).
// Errors: InvalidArgument when it is not such a time (an offset beyond
// ±18:00 included).
Result<ZonedTime> ParseZonedTime(std::string_view text);

// "+05:30", "-08:00", "Z" for 0.
std::string FormatUtcOffset(int offset_minutes);

// The instant as the local time of its offset: "2026-03-01T09:15:00+05:30"
// (whole seconds), or FormatTimestamp when there is no offset.
std::string FormatZonedTime(const ZonedTime& t);

}  // namespace hearken
