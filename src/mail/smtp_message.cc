#include "mail/smtp_message.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <ctime>

#include "core/crypto.h"
#include "core/validation.h"

namespace hearken {
namespace {

constexpr size_t kMaxLineLength = 78;     // RFC 5322 2.1.1 "SHOULD"
constexpr size_t kMaxEncodedWord = 75;    // RFC 2047 2
constexpr size_t kMaxBodyBytes = 10 << 20;

// Fields the composer writes itself; extra headers may not repeat them.
constexpr std::array<std::string_view, 14> kReservedFields = {
    "from", "to", "cc", "bcc", "reply-to", "subject", "date", "message-id", "mime-version",
    "content-type", "content-transfer-encoding", "auto-submitted", "sender", "return-path"};

bool IsAscii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

// No C0 control other than tab, no DEL: what may appear in one header line.
bool IsOneLine(std::string_view s) {
  for (unsigned char c : s)
    if ((c < 0x20 && c != '\t') || c == 0x7f) return false;
  return true;
}

std::string Base64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

// Length of the UTF-8 sequence starting with `lead` (1 for stray bytes).
size_t Utf8Length(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

// "=?UTF-8?B?...?=" words of at most 75 characters, whole characters each.
std::vector<std::string> EncodedWords(std::string_view text) {
  // RFC 2047 allows 75 characters per word; 39 bytes (52 base64 characters,
  // 64 per word) keep "Subject: " plus one word within 78 characters.
  constexpr size_t kMaxBytes = 39;
  static_assert(12 + (kMaxBytes + 2) / 3 * 4 <= kMaxEncodedWord);
  std::vector<std::string> words;
  size_t i = 0;
  while (i < text.size()) {
    size_t end = i;
    while (end < text.size()) {
      size_t n = Utf8Length(static_cast<unsigned char>(text[end]));
      if (end + n - i > kMaxBytes) break;
      end += n;
    }
    if (end == i) end = std::min(text.size(), i + 1);
    words.push_back("=?UTF-8?B?" + Base64(text.substr(i, end - i)) + "?=");
    i = end;
  }
  return words;
}

// Joins `pieces` after "Name: ", starting a new line (CRLF SP) before a piece
// that would pass kMaxLineLength. `separator` goes between pieces on a line.
std::string Fold(std::string_view name, const std::vector<std::string>& pieces, std::string_view separator) {
  std::string out = std::string(name) + ":";
  size_t line = out.size();
  for (size_t i = 0; i < pieces.size(); ++i) {
    const std::string& piece = pieces[i];
    std::string_view sep = i == 0 ? std::string_view(" ") : separator;
    if (i > 0 && line + sep.size() + piece.size() > kMaxLineLength) {
      out += "\r\n ";
      line = 1;
      sep = "";
    }
    out += sep;
    out += piece;
    line += sep.size() + piece.size();
  }
  return out;
}

// An ASCII display name as an RFC 5322 quoted-string.
std::string Phrase(std::string_view name) {
  std::string quoted = "\"";
  for (char c : name) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

// The pieces of "name <address>", split where the field may be folded.
std::vector<std::string> Mailbox(std::string_view name, std::string_view address) {
  if (name.empty()) return {std::string(address)};
  std::vector<std::string> pieces;
  if (IsAscii(name)) pieces.push_back(Phrase(name));
  else pieces = EncodedWords(name);
  pieces.push_back("<" + std::string(address) + ">");
  return pieces;
}

bool IsFieldName(std::string_view name) {
  if (name.empty() || name.size() > 76) return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-')) return false;
  return true;
}

bool IsMessageId(std::string_view id) {
  size_t at = id.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == id.size() || id.size() > 250) return false;
  for (unsigned char c : id)
    if (c <= 0x20 || c >= 0x7f || c == '<' || c == '>' || c == '"' || c == '\\' || c == ',' || c == ';')
      return false;
  return true;
}

}  // namespace

bool IsSendableAddress(std::string_view address) {
  if (!IsAscii(address) || !IsPlausibleEmail(address)) return false;
  for (char c : address)
    if (c == '(' || c == ')' || c == '[' || c == ']' || c == '\\' || c == '"' || c == ':') return false;
  return true;
}

Status ValidateOutgoingMail(const OutgoingMail& mail) {
  std::vector<FieldError> fields;
  auto address = [&](const char* field, const std::string& value, bool required) {
    if (value.empty() && !required) return;
    if (!IsSendableAddress(value)) fields.push_back({field, "must be one plain ASCII e-mail address"});
  };
  auto text = [&](const std::string& field, const std::string& value) {
    if (!IsValidUtf8(value)) fields.push_back({field, "must be valid UTF-8"});
    else if (!IsOneLine(value)) fields.push_back({field, "must be one line without control characters"});
  };
  address("from", mail.from, true);
  address("to", mail.to, true);
  address("reply_to", mail.reply_to, false);
  text("from_name", mail.from_name);
  text("to_name", mail.to_name);
  text("subject", mail.subject);
  if (!IsValidUtf8(mail.body)) fields.push_back({"body", "must be valid UTF-8"});
  else if (mail.body.size() > kMaxBodyBytes) fields.push_back({"body", "is larger than 10 MiB"});
  if (!mail.message_id.empty() && !IsMessageId(mail.message_id))
    fields.push_back({"message_id", "must look like local@domain, without angle brackets"});
  for (size_t i = 0; i < mail.headers.size(); ++i) {
    const MailHeader& h = mail.headers[i];
    std::string field = "headers/" + std::to_string(i);
    if (!IsFieldName(h.name)) {
      fields.push_back({field + "/name", "must be letters, digits and '-'"});
    } else {
      std::string lower = AsciiLower(h.name);
      for (std::string_view reserved : kReservedFields)
        if (lower == reserved) fields.push_back({field + "/name", "is written by the mailer itself"});
    }
    text(field + "/value", h.value);
  }
  if (fields.empty()) return Status::Ok();
  std::string summary = "cannot send the message:";
  for (const FieldError& f : fields) summary += " " + f.field + " " + f.message + ";";
  summary.pop_back();
  return Error::InvalidArgument(std::move(summary), std::move(fields));
}

std::string NewMessageId(std::string_view from_address, TimePoint now) {
  std::string_view domain = from_address.substr(from_address.find('@') + 1);
  return std::to_string(now.time_since_epoch().count()) + "." + RandomToken(12) + "@" + std::string(domain);
}

std::string FormatRfc5322Date(TimePoint t) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t seconds = std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
  if (t.time_since_epoch().count() < 0 && t.time_since_epoch().count() % 1000000 != 0) --seconds;
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday], tm.tm_mday,
                kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buffer;
}

std::string EncodeQuotedPrintable(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  auto encode_line = [&](std::string_view line) {
    size_t column = 0;
    for (size_t i = 0; i < line.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(line[i]);
      bool last = i + 1 == line.size();
      std::string token;
      if ((c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last)) {
        token = static_cast<char>(c);
      } else {
        token = {'=', kHex[c >> 4], kHex[c & 15]};
      }
      // A soft break ("=") needs one column, except after the line's last token.
      if (column + token.size() > (last ? 76u : 75u)) {
        out += "=\r\n";
        column = 0;
      }
      out += token;
      column += token.size();
    }
    out += "\r\n";
  };
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' || text[i] == '\n') {
      encode_line(text.substr(start, i - start));
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      start = i + 1;
    }
  }
  if (start < text.size()) encode_line(text.substr(start));
  return out;
}

std::string EncodeUnstructuredField(std::string_view name, std::string_view value) {
  bool encode = !IsAscii(value) || value.find("=?") != std::string_view::npos;
  if (!encode) {
    // Fold at spaces: each piece after the first keeps its leading space, so
    // unfolding (removing CRLF) gives back the text exactly.
    std::vector<std::string> pieces;
    size_t start = 0;
    for (size_t i = 1; i <= value.size(); ++i) {
      if (i == value.size() || value[i] == ' ' || value[i] == '\t') {
        pieces.emplace_back(value.substr(start, i - start));
        start = i;
      }
    }
    std::string out = std::string(name) + ":";
    size_t line = out.size();
    bool too_long = false;
    for (size_t i = 0; i < pieces.size(); ++i) {
      std::string piece = i == 0 ? " " + pieces[i] : pieces[i];
      if (i > 0 && line + piece.size() > kMaxLineLength) {
        out += "\r\n";
        line = 0;
      }
      out += piece;
      line += piece.size();
      if (line > 998) too_long = true;
    }
    if (!too_long) return out;
  }
  return Fold(name, EncodedWords(value), " ");
}

Result<std::string> ComposeMessage(const OutgoingMail& mail, TimePoint now) {
  if (Status s = ValidateOutgoingMail(mail); !s.ok()) return s.error();
  std::string id = mail.message_id.empty() ? NewMessageId(mail.from, now) : mail.message_id;
  std::string out;
  auto field = [&](std::string line) {
    out += line;
    out += "\r\n";
  };
  field("Date: " + FormatRfc5322Date(now));
  field(Fold("From", Mailbox(mail.from_name, mail.from), " "));
  field(Fold("To", Mailbox(mail.to_name, mail.to), " "));
  if (!mail.reply_to.empty()) field("Reply-To: " + mail.reply_to);
  field("Message-ID: <" + id + ">");
  field(EncodeUnstructuredField("Subject", mail.subject));
  if (mail.auto_submitted == AutoSubmitted::kAutoGenerated) field("Auto-Submitted: auto-generated");
  for (const MailHeader& h : mail.headers) field(EncodeUnstructuredField(h.name, h.value));
  field("MIME-Version: 1.0");
  field("Content-Type: text/plain; charset=UTF-8");

  // 7bit when the body is short-lined printable ASCII, else quoted-printable
  // (safe through any relay, no 8BITMIME needed, long lines allowed).
  bool plain = true;
  size_t column = 0;
  for (unsigned char c : mail.body) {
    if (c == '\r' || c == '\n') {
      column = 0;
    } else if (c >= 0x80 || (c < 0x20 && c != '\t') || c == 0x7f || ++column > kMaxLineLength) {
      plain = false;
      break;
    }
  }
  std::string body;
  if (plain) {
    for (size_t i = 0; i < mail.body.size(); ++i) {
      char c = mail.body[i];
      if (c == '\r' || c == '\n') {
        body += "\r\n";
        if (c == '\r' && i + 1 < mail.body.size() && mail.body[i + 1] == '\n') ++i;
      } else {
        body += c;
      }
    }
    if (!body.empty() && !body.ends_with("\r\n")) body += "\r\n";
  } else {
    body = EncodeQuotedPrintable(mail.body);
  }
  field(std::string("Content-Transfer-Encoding: ") + (plain ? "7bit" : "quoted-printable"));
  out += "\r\n";
  out += body;
  return out;
}

}  // namespace hearken
