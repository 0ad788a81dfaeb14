// Social-media mentions from outside (issue 8): a CSV or JSON export of a
// listening tool, or the body of a webhook delivery, read into feedback
// items (source social, with their SocialMention detail) ready for
// FeedbackStore::ImportSocialMentions. Fields: platform, post_id,
// author_handle, url, posted_at (RFC 3339 / ISO 8601; the UTC offset it
// carries is kept), text (HTML character references decoded), and
// optionally language, site, touchpoint and tags.
//
// CSV: RFC 4180 (ingest/csv_reader.h) with a header row naming the
// columns, in any order, case-insensitive; "id" may stand for post_id,
// "author" or "handle" for author_handle, "created_at" or "time" for
// posted_at, "message" or "content" for text; tags separated by ';'.
// Unknown columns are ignored. JSON: an array of objects with those
// members, or {"mentions": [...]}, or one object.
//
// A row that cannot be a mention (a required field missing, a bad time,
// a field the model refuses) is rejected with its line (CSV: the line it
// starts on; JSON: its 1-based position) and the reason; the others are
// kept. Duplicates are left for the store to count.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/feedback.h"
#include "core/result.h"

namespace hearken::ingest {

struct RejectedRow {
  std::int64_t line = 0;
  std::string reason;
};

struct ParsedMentions {
  std::vector<FeedbackItem> items;
  std::vector<std::int64_t> lines;  // the line (or position) of each item
  std::vector<RejectedRow> rejected;
};

// Errors: InvalidArgument when the file as a whole is unreadable: malformed
// CSV (its line), no header, a required column (platform, post_id,
// posted_at, text) missing; JSON that does not parse or is not an array of
// objects; more than kMaxSocialImportRows rows.
Result<ParsedMentions> ParseSocialCsv(std::string_view text);
Result<ParsedMentions> ParseSocialJson(std::string_view text);

}  // namespace hearken::ingest
