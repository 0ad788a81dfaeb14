#include "mail/inbound_message.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <utility>

#include "core/validation.h"
#include "mail/mime_decode.h"

namespace hearken {
namespace {

constexpr int kMaxDepth = 16;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view TrimView(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

std::string NormalizeLineEnds(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '\r') {
      out += '\n';
      if (i + 1 < in.size() && in[i + 1] == '\n') ++i;
    } else {
      out += in[i];
    }
  }
  return out;
}

struct Header {
  std::string name;   // lower case
  std::string value;  // unfolded, trimmed
};

using Headers = std::vector<Header>;

const std::string* FindHeader(const Headers& headers, std::string_view name) {
  for (const Header& h : headers)
    if (h.name == name) return &h.value;
  return nullptr;
}

// Splits an entity into its header block and body at the first empty line.
std::pair<std::string_view, std::string_view> SplitEntity(std::string_view entity) {
  size_t pos = 0;
  while (pos < entity.size()) {
    size_t end = entity.find('\n', pos);
    if (end == std::string_view::npos) return {entity, {}};
    std::string_view line = entity.substr(pos, end - pos);
    if (line.empty() || line == "\r") return {entity.substr(0, pos), entity.substr(end + 1)};
    pos = end + 1;
  }
  return {entity, {}};
}

Result<Headers> ParseHeaders(std::string_view block, bool top_level) {
  Headers headers;
  size_t pos = 0;
  bool first = true;
  while (pos < block.size()) {
    size_t end = block.find('\n', pos);
    if (end == std::string_view::npos) end = block.size();
    std::string_view line = block.substr(pos, end - pos);
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (first && top_level && line.starts_with("From ")) { first = false; continue; }  // mbox separator
    first = false;
    if (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
      if (headers.empty()) return Error::InvalidArgument("message starts with a continuation line");
      headers.back().value += ' ';
      headers.back().value += TrimView(line);
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0 || TrimView(line.substr(0, colon)).empty())
      return Error::InvalidArgument("header line without a name and colon: \"" +
                                    ReplaceInvalidUtf8(line.substr(0, 80)) + "\"");
    headers.push_back({AsciiLower(TrimView(line.substr(0, colon))), std::string(TrimView(line.substr(colon + 1)))});
  }
  return headers;
}

// A structured header value such as `text/plain; charset="utf-8"`: the
// lower-cased main value and its parameters (names lower-cased, RFC 2231
// continuations and charsets resolved to UTF-8).
struct HeaderParams {
  std::string value;
  std::map<std::string, std::string> params;
};

HeaderParams ParseParams(std::string_view text) {
  HeaderParams result;
  size_t semi = text.find(';');
  result.value = AsciiLower(TrimView(text.substr(0, semi)));
  // name -> (section -> (raw value, extended))
  std::map<std::string, std::map<int, std::pair<std::string, bool>>> pieces;
  size_t pos = semi == std::string_view::npos ? text.size() : semi + 1;
  while (pos < text.size()) {
    while (pos < text.size() && (IsSpace(text[pos]) || text[pos] == ';')) ++pos;
    size_t eq = text.find('=', pos);
    if (eq == std::string_view::npos) break;
    std::string name = AsciiLower(TrimView(text.substr(pos, eq - pos)));
    pos = eq + 1;
    while (pos < text.size() && IsSpace(text[pos])) ++pos;
    std::string value;
    if (pos < text.size() && text[pos] == '"') {
      for (++pos; pos < text.size() && text[pos] != '"'; ++pos) {
        if (text[pos] == '\\' && pos + 1 < text.size()) ++pos;
        value += text[pos];
      }
      if (pos < text.size()) ++pos;
      while (pos < text.size() && text[pos] != ';') ++pos;
    } else {
      size_t end = text.find(';', pos);
      if (end == std::string_view::npos) end = text.size();
      value = std::string(TrimView(text.substr(pos, end - pos)));
      pos = end;
    }
    bool extended = !name.empty() && name.back() == '*';
    if (extended) name.pop_back();
    int section = 0;
    if (size_t star = name.find('*'); star != std::string::npos) {
      section = std::atoi(name.c_str() + star + 1);
      name.resize(star);
    }
    pieces[name][section] = {value, extended};
  }
  for (auto& [name, sections] : pieces) {
    std::string charset;
    std::string joined;
    bool any_extended = false;
    for (auto& [section, piece] : sections) {
      if (!piece.second) { joined += piece.first; continue; }
      any_extended = true;
      std::string_view raw = piece.first;
      if (section == 0) {
        size_t q1 = raw.find('\'');
        size_t q2 = q1 == std::string_view::npos ? q1 : raw.find('\'', q1 + 1);
        if (q2 != std::string_view::npos) {
          charset = std::string(raw.substr(0, q1));
          raw = raw.substr(q2 + 1);
        }
      }
      joined += PercentDecode(raw);
    }
    result.params[name] = any_extended ? CharsetToUtf8(joined, charset) : joined;
  }
  return result;
}

struct Walker {
  InboundMessage& message;
  bool body_found = false;
};

std::string DecodeTransfer(std::string_view body, const std::string* encoding) {
  std::string cte = encoding ? AsciiLower(TrimView(*encoding)) : "";
  if (cte == "base64") return Base64Decode(body);
  if (cte == "quoted-printable") return QuotedPrintableDecode(body, QpMode::kBody);
  return std::string(body);
}

Status WalkEntity(Walker& walker, const Headers& headers, std::string_view body, int depth);

Status WalkMultipart(Walker& walker, const std::string& boundary, std::string_view body, int depth) {
  if (boundary.empty()) return Error::InvalidArgument("multipart entity without a boundary parameter");
  const std::string delimiter = "--" + boundary;
  std::vector<std::string_view> parts;
  size_t pos = 0;
  size_t part_start = std::string_view::npos;
  bool closed = false;
  while (pos < body.size() && !closed) {
    size_t end = body.find('\n', pos);
    size_t next = end == std::string_view::npos ? body.size() : end + 1;
    std::string_view line = TrimView(body.substr(pos, (end == std::string_view::npos ? body.size() : end) - pos));
    if (line.starts_with(delimiter)) {
      std::string_view rest = line.substr(delimiter.size());
      bool is_close = rest == "--";
      if (rest.empty() || is_close) {
        if (part_start != std::string_view::npos) {
          size_t part_end = pos;
          if (part_end > part_start && body[part_end - 1] == '\n') --part_end;
          if (part_end > part_start && body[part_end - 1] == '\r') --part_end;
          parts.push_back(body.substr(part_start, part_end - part_start));
        }
        part_start = next;
        closed = is_close;
      }
    }
    pos = next;
  }
  if (!closed && part_start != std::string_view::npos && part_start < body.size())
    parts.push_back(body.substr(part_start));  // no close delimiter: take the rest
  if (parts.empty()) return Error::InvalidArgument("multipart entity without any part for boundary \"" + boundary + "\"");
  for (std::string_view part : parts) {
    auto [block, part_body] = SplitEntity(part);
    Result<Headers> part_headers = ParseHeaders(block, false);
    if (!part_headers.ok()) return part_headers.error();
    if (Status s = WalkEntity(walker, *part_headers, part_body, depth + 1); !s.ok()) return s;
  }
  return Status::Ok();
}

Status WalkEntity(Walker& walker, const Headers& headers, std::string_view body, int depth) {
  if (depth > kMaxDepth) return Error::InvalidArgument("multipart nesting deeper than 16 levels");
  const std::string* type_header = FindHeader(headers, "content-type");
  HeaderParams type = ParseParams(type_header ? *type_header : "text/plain");
  if (type.value.find('/') == std::string::npos) type.value = "text/plain";  // RFC 2045 5.2 default
  if (type.value.starts_with("multipart/")) return WalkMultipart(walker, type.params["boundary"], body, depth);

  const std::string* disposition_header = FindHeader(headers, "content-disposition");
  HeaderParams disposition = ParseParams(disposition_header ? *disposition_header : "");
  std::string file_name = disposition.params.count("filename") ? disposition.params["filename"] : type.params["name"];
  file_name = DecodeHeaderWords(file_name);
  const bool marked_attachment = disposition.value == "attachment";
  std::string decoded = DecodeTransfer(body, FindHeader(headers, "content-transfer-encoding"));

  if (type.value == "text/plain" && !marked_attachment && file_name.empty() && !walker.body_found) {
    walker.message.body = NormalizeLineEnds(CharsetToUtf8(decoded, type.params["charset"]));
    walker.body_found = true;
    return Status::Ok();
  }
  if (type.value == "text/html" && !marked_attachment && file_name.empty()) return Status::Ok();  // an alternative
  InboundAttachment attachment;
  attachment.file_name = std::move(file_name);
  attachment.content_type = ReplaceInvalidUtf8(type.value);
  attachment.size = decoded.size();
  attachment.bytes = std::move(decoded);
  walker.message.attachments.push_back(std::move(attachment));
  return Status::Ok();
}

// Removes (possibly nested) RFC 5322 comments outside quoted strings and
// returns the text of the first comment through `comment`.
std::string StripComments(std::string_view in, std::string* comment) {
  std::string out;
  int level = 0;
  bool quoted = false;
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '\\' && i + 1 < in.size()) {
      if (level == 0) { out += c; out += in[i + 1]; }
      else if (comment && level > 0) *comment += in[i + 1];
      ++i;
      continue;
    }
    if (!quoted && c == '(') { if (level++ > 0 && comment) *comment += c; continue; }
    if (!quoted && c == ')' && level > 0) { if (--level > 0 && comment) *comment += c; continue; }
    if (level > 0) { if (comment) *comment += c; continue; }
    if (c == '"') quoted = !quoted;
    out += c;
  }
  return out;
}

std::string Unquote(std::string_view in) {
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '\\' && i + 1 < in.size()) { out += in[++i]; continue; }
    if (in[i] == '"') continue;
    out += in[i];
  }
  return std::string(TrimView(out));
}

Result<MailAddress> ParseFrom(const std::string& value) {
  std::string comment;
  std::string text = StripComments(value, &comment);
  // Only the first mailbox of a list.
  bool quoted = false;
  int angle = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') quoted = !quoted;
    else if (!quoted && text[i] == '<') ++angle;
    else if (!quoted && text[i] == '>') --angle;
    else if (!quoted && angle == 0 && text[i] == ',') { text.resize(i); break; }
  }
  MailAddress from;
  size_t open = std::string::npos;
  quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') quoted = !quoted;
    else if (!quoted && text[i] == '<') { open = i; break; }
  }
  if (open != std::string::npos) {
    size_t close = text.find('>', open);
    if (close == std::string::npos) return Error::InvalidArgument("From: unterminated <address>");
    from.address = std::string(TrimView(std::string_view(text).substr(open + 1, close - open - 1)));
    from.display_name = DecodeHeaderWords(Unquote(std::string_view(text).substr(0, open)));
  } else {
    from.address = std::string(TrimView(text));
    from.display_name = DecodeHeaderWords(TrimView(comment));
  }
  if (from.address.find('@') == std::string::npos || from.address.find_first_of(" \t\r\n") != std::string::npos)
    return Error::InvalidArgument("From: no usable address in \"" + ReplaceInvalidUtf8(value.substr(0, 200)) + "\"");
  from.address = ReplaceInvalidUtf8(from.address);
  return from;
}

// RFC 5322 section 3.3 date-time, with the obsolete zone names.
std::optional<TimePoint> ParseDate(const std::string& value) {
  std::string text = StripComments(value, nullptr);
  for (char& c : text)
    if (c == ',') c = ' ';
  std::vector<std::string> tokens;
  size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && IsSpace(text[pos])) ++pos;
    size_t end = pos;
    while (end < text.size() && !IsSpace(text[end])) ++end;
    if (end > pos) tokens.emplace_back(text.substr(pos, end - pos));
    pos = end;
  }
  size_t i = 0;
  if (i < tokens.size() && !tokens[i].empty() && std::isalpha(static_cast<unsigned char>(tokens[i][0]))) ++i;
  if (tokens.size() < i + 4) return std::nullopt;
  auto all_digits = [](const std::string& s) {
    if (s.empty()) return false;
    for (char c : s)
      if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return true;
  };
  const std::string& day_text = tokens[i];
  const std::string& month_text = tokens[i + 1];
  const std::string& year_text = tokens[i + 2];
  const std::string& time_text = tokens[i + 3];
  if (!all_digits(day_text) || day_text.size() > 2 || !all_digits(year_text) || year_text.size() > 4) return std::nullopt;
  static constexpr const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                            "jul", "aug", "sep", "oct", "nov", "dec"};
  unsigned month = 0;
  for (unsigned m = 0; m < 12; ++m)
    if (IEquals(month_text, kMonths[m])) month = m + 1;
  if (month == 0) return std::nullopt;
  int year = std::stoi(year_text);
  if (year_text.size() == 2) year += year < 50 ? 2000 : 1900;
  else if (year_text.size() == 3) year += 1900;
  int hour = 0, minute = 0, second = 0;
  char extra = 0;
  int fields = std::sscanf(time_text.c_str(), "%2d:%2d:%2d%c", &hour, &minute, &second, &extra);
  if (fields < 2 || fields > 3 || hour > 23 || minute > 59 || second > 60 || hour < 0 || minute < 0 || second < 0)
    return std::nullopt;
  int offset_minutes = 0;
  if (tokens.size() > i + 4) {
    const std::string& zone = tokens[i + 4];
    if ((zone[0] == '+' || zone[0] == '-') && zone.size() == 5 && all_digits(zone.substr(1))) {
      int hhmm = std::stoi(zone.substr(1));
      offset_minutes = (hhmm / 100) * 60 + hhmm % 100;
      if (zone[0] == '-') offset_minutes = -offset_minutes;
    } else {
      static const std::pair<const char*, int> kZones[] = {{"EDT", -4}, {"EST", -5}, {"CDT", -5}, {"CST", -6},
                                                           {"MDT", -6}, {"MST", -7}, {"PDT", -7}, {"PST", -8}};
      for (const auto& [name, hours] : kZones)
        if (IEquals(zone, name)) offset_minutes = hours * 60;
    }
  }
  using namespace std::chrono;
  year_month_day ymd{std::chrono::year(year), std::chrono::month(month),
                     std::chrono::day(static_cast<unsigned>(std::stoi(day_text)))};
  if (!ymd.ok()) return std::nullopt;
  auto local = sys_days(ymd) + hours(hour) + minutes(minute) + seconds(std::min(second, 59));
  return time_point_cast<microseconds>(local - minutes(offset_minutes));
}

}  // namespace

std::string DecodeHeaderWords(std::string_view value) {
  std::string out;
  std::string pending_space;
  bool last_was_word = false;
  size_t pos = 0;
  auto append_plain = [&](std::string_view text) {
    if (text.empty()) return;
    out += IsValidUtf8(text) ? std::string(text) : Latin1ToUtf8(text);
  };
  while (pos < value.size()) {
    size_t start = value.find("=?", pos);
    if (start == std::string_view::npos) {
      append_plain(pending_space);
      append_plain(value.substr(pos));
      break;
    }
    std::string_view before = value.substr(pos, start - pos);
    // Parse =?charset?X?text?=
    size_t q1 = value.find('?', start + 2);
    size_t q2 = q1 == std::string_view::npos ? q1 : q1 + 2;
    size_t end = (q2 < value.size() && value[q2] == '?') ? value.find("?=", q2 + 1) : std::string_view::npos;
    std::string_view word_text = end == std::string_view::npos ? "" : value.substr(q2 + 1, end - q2 - 1);
    if (end == std::string_view::npos || word_text.find_first_of(" \t\r\n") != std::string_view::npos ||
        value.substr(start + 2, q1 - start - 2).find_first_of(" \t\r\n") != std::string_view::npos) {
      append_plain(pending_space);
      pending_space.clear();
      append_plain(value.substr(pos, start + 2 - pos));
      pos = start + 2;
      last_was_word = false;
      continue;
    }
    std::string charset(value.substr(start + 2, q1 - start - 2));
    if (size_t star = charset.find('*'); star != std::string::npos) charset.resize(star);  // RFC 2231 language
    char encoding = static_cast<char>(std::toupper(static_cast<unsigned char>(value[q1 + 1])));
    bool between_words = last_was_word && TrimView(before).empty();
    if (!between_words) {
      append_plain(pending_space);
      append_plain(before);
    }
    pending_space.clear();
    if (encoding == 'B') out += CharsetToUtf8(Base64Decode(word_text), charset);
    else if (encoding == 'Q') out += CharsetToUtf8(QuotedPrintableDecode(word_text, QpMode::kHeaderQ), charset);
    else append_plain(value.substr(start, end + 2 - start));
    pos = end + 2;
    last_was_word = true;
    // Hold the whitespace that follows: it is dropped if another word comes next.
    size_t ws_end = pos;
    while (ws_end < value.size() && IsSpace(value[ws_end])) ++ws_end;
    pending_space = std::string(value.substr(pos, ws_end - pos));
    pos = ws_end;
  }
  return out;
}

std::optional<std::string> FindCaseReference(std::string_view subject) {
  constexpr size_t kLength = 13;  // C-YYYY-NNNNNN
  auto is_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  auto is_digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
  for (size_t i = 0; i + kLength <= subject.size(); ++i) {
    if ((subject[i] != 'C' && subject[i] != 'c') || subject[i + 1] != '-' || subject[i + 6] != '-') continue;
    if (i > 0 && is_word(subject[i - 1])) continue;
    if (i + kLength < subject.size() && is_word(subject[i + kLength])) continue;
    bool digits = true;
    for (size_t j = 2; j < kLength; ++j)
      if (j != 6 && !is_digit(subject[i + j])) digits = false;
    if (!digits) continue;
    std::string reference(subject.substr(i, kLength));
    reference[0] = 'C';
    return reference;
  }
  return std::nullopt;
}

Result<InboundMessage> ParseInboundMessage(std::string_view raw, std::uint32_t uid) {
  if (TrimView(raw).empty()) return Error::InvalidArgument("empty message");
  if (raw.size() > kMaxInboundMessageBytes) return Error::InvalidArgument("message larger than 64 MiB");
  auto [block, body] = SplitEntity(raw);
  Result<Headers> headers = ParseHeaders(block, true);
  if (!headers.ok()) return headers.error();
  InboundMessage message;
  message.uid = uid;
  const std::string* from = FindHeader(*headers, "from");
  if (!from) return Error::InvalidArgument("message without a From header");
  Result<MailAddress> address = ParseFrom(*from);
  if (!address.ok()) return address.error();
  message.from = std::move(*address);
  if (const std::string* id = FindHeader(*headers, "message-id")) {
    std::string_view v = TrimView(*id);
    if (v.starts_with('<')) v.remove_prefix(1);
    if (v.ends_with('>')) v.remove_suffix(1);
    message.message_id = ReplaceInvalidUtf8(v);
  }
  if (const std::string* subject = FindHeader(*headers, "subject")) {
    std::string decoded = DecodeHeaderWords(*subject);
    for (char& c : decoded)
      if (c == '\t' || c == '\r' || c == '\n') c = ' ';
    message.subject = std::string(TrimView(decoded));
  }
  if (const std::string* v = FindHeader(*headers, "auto-submitted")) message.auto_submitted = ReplaceInvalidUtf8(TrimView(*v));
  if (const std::string* v = FindHeader(*headers, "precedence")) message.precedence = ReplaceInvalidUtf8(TrimView(*v));
  if (const std::string* date = FindHeader(*headers, "date")) {
    message.date_header = ReplaceInvalidUtf8(*date);
    message.date = ParseDate(*date);
  }
  Walker walker{message};
  if (Status s = WalkEntity(walker, *headers, body, 0); !s.ok()) return s.error();
  return message;
}

}  // namespace hearken
