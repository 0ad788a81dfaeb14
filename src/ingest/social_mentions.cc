#include "ingest/social_mentions.h"

#include <algorithm>
#include <map>
#include <sstream>
#include <optional>

#include <nlohmann/json.hpp>

#include "core/html_entities.h"
#include "core/validation.h"
#include "core/zoned_time.h"
#include "ingest/csv_reader.h"

namespace hearken::ingest {
namespace {

// One row's fields by canonical name.
using RowFields = std::map<std::string, std::string>;

const std::map<std::string, std::string>& ColumnAliases() {
  static const std::map<std::string, std::string> aliases{
      {"platform", "platform"},     {"network", "platform"},       {"post_id", "post_id"},
      {"id", "post_id"},            {"author_handle", "author_handle"}, {"author", "author_handle"},
      {"handle", "author_handle"},  {"url", "url"},                {"link", "url"},
      {"posted_at", "posted_at"},   {"created_at", "posted_at"},   {"time", "posted_at"},
      {"text", "text"},             {"message", "text"},           {"content", "text"},
      {"language", "language"},     {"lang", "language"},          {"site", "site"},
      {"touchpoint", "touchpoint"}, {"tags", "tags"}};
  return aliases;
}

std::string Trim(std::string s) {
  const size_t a = s.find_first_not_of(" \t\r\n");
  if (a == std::string::npos) return "";
  const size_t b = s.find_last_not_of(" \t\r\n");
  return s.substr(a, b - a + 1);
}

// The mention in `row`, or the reason it is none.
Result<FeedbackItem> MentionFrom(const RowFields& row) {
  auto get = [&](const char* name) {
    auto it = row.find(name);
    return it == row.end() ? std::string() : it->second;
  };
  for (const char* required : {"platform", "post_id", "posted_at", "text"})
    if (Trim(get(required)).empty()) return Error::InvalidField(required, "is required");
  for (const auto& [name, value] : row)
    if (!IsValidUtf8(value)) return Error::InvalidField(name, "is not UTF-8 text");
  FeedbackItem f;
  f.source = FeedbackSource::kSocial;
  SocialMention m;
  m.platform = AsciiLower(Trim(get("platform")));
  m.post_id = Trim(get("post_id"));
  m.author_handle = DecodeHtmlEntities(Trim(get("author_handle")));
  m.url = Trim(get("url"));
  auto posted = ParseZonedTime(Trim(get("posted_at")));
  if (!posted.ok()) return Error::InvalidField("posted_at", "must be an ISO 8601 time such as 2026-03-01T09:15:00+05:30");
  m.posted_at = posted->utc;
  m.posted_offset_minutes = posted->offset_minutes;
  f.text = Trim(DecodeHtmlEntities(get("text")));
  f.language = Trim(get("language"));
  f.site = Trim(get("site"));
  f.touchpoint = Trim(get("touchpoint"));
  const std::string tags = get("tags");
  size_t start = 0;
  while (start <= tags.size() && !tags.empty()) {
    size_t end = tags.find(';', start);
    if (end == std::string::npos) end = tags.size();
    std::string tag = Trim(tags.substr(start, end - start));
    if (!tag.empty()) f.tags.push_back(tag);
    start = end + 1;
  }
  f.occurred_at = m.posted_at;
  f.occurred_offset_minutes = m.posted_offset_minutes;
  f.social = std::move(m);
  if (Status s = ValidateFeedbackItem(f); !s.ok()) return s.error();
  return f;
}

void Take(ParsedMentions& out, std::int64_t line, const RowFields& row) {
  auto mention = MentionFrom(row);
  if (!mention.ok()) {
    out.rejected.push_back({line, mention.error().message});
    return;
  }
  out.items.push_back(std::move(*mention));
  out.lines.push_back(line);
}

Error TooMany() {
  return Error::InvalidArgument("at most " + std::to_string(kMaxSocialImportRows) + " mentions per import");
}

}  // namespace

Result<ParsedMentions> ParseSocialCsv(std::string_view text) {
  const std::string copy(text);
  std::istringstream in(copy);
  CsvReader reader(in);
  std::vector<std::string> fields;
  auto header = reader.Next(fields);
  if (!header.ok()) return header.error();
  if (!*header || IsBlankRecord(fields)) return Error::InvalidArgument("the CSV file has no header row");
  std::vector<std::string> columns;
  for (const std::string& name : fields) {
    auto it = ColumnAliases().find(AsciiLower(Trim(name)));
    columns.push_back(it == ColumnAliases().end() ? "" : it->second);
  }
  std::string missing;
  for (const char* required : {"platform", "post_id", "posted_at", "text"})
    if (std::find(columns.begin(), columns.end(), required) == columns.end())
      missing += (missing.empty() ? "" : ", ") + std::string(required);
  if (!missing.empty()) return Error::InvalidArgument("the CSV header lacks the column(s) " + missing);
  ParsedMentions out;
  std::int64_t rows = 0;
  while (true) {
    auto more = reader.Next(fields);
    if (!more.ok()) return more.error();
    if (!*more) break;
    if (IsBlankRecord(fields)) continue;
    if (++rows > static_cast<std::int64_t>(kMaxSocialImportRows)) return TooMany();
    if (fields.size() != columns.size()) {
      out.rejected.push_back({reader.record_line(), "has " + std::to_string(fields.size()) + " fields; the header has " +
                                                        std::to_string(columns.size())});
      continue;
    }
    RowFields row;
    for (size_t i = 0; i < fields.size(); ++i)
      if (!columns[i].empty()) row[columns[i]] = fields[i];
    Take(out, reader.record_line(), row);
  }
  return out;
}

Result<ParsedMentions> ParseSocialJson(std::string_view text) {
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded()) return Error::InvalidArgument("the body is not JSON");
  if (json.is_object() && json.contains("mentions")) json = json["mentions"];
  else if (json.is_object()) json = nlohmann::json::array({json});
  if (!json.is_array()) return Error::InvalidArgument("expected an array of mentions");
  if (json.size() > kMaxSocialImportRows) return TooMany();
  ParsedMentions out;
  std::int64_t position = 0;
  for (const auto& element : json) {
    ++position;
    if (!element.is_object()) {
      out.rejected.push_back({position, "is not an object"});
      continue;
    }
    RowFields row;
    std::string bad;
    for (const auto& [key, value] : element.items()) {
      auto it = ColumnAliases().find(AsciiLower(key));
      if (it == ColumnAliases().end()) continue;
      if (value.is_string()) row[it->second] = value.get<std::string>();
      else if (value.is_number_integer()) row[it->second] = std::to_string(value.get<std::int64_t>());
      else if (it->second == "tags" && value.is_array()) {
        std::string joined;
        for (const auto& t : value)
          if (t.is_string()) joined += (joined.empty() ? "" : ";") + t.get<std::string>();
        row["tags"] = joined;
      } else if (!value.is_null()) {
        bad = it->second + ": must be a string";
      }
    }
    if (!bad.empty()) {
      out.rejected.push_back({position, bad});
      continue;
    }
    Take(out, position, row);
  }
  return out;
}

}  // namespace hearken::ingest
