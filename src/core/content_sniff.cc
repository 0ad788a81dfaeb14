// Content types decided from the bytes of an upload, and file names made safe
// to store and send back (complaint.h).
#include <string>
#include <string_view>

#include "core/complaint.h"
#include "core/validation.h"

namespace hearken {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

Error Refused(std::string message) { return Error::InvalidField("attachment", std::move(message)); }

// True when the text, after an optional byte-order mark and white space,
// opens with '<': HTML, SVG, XML — markup a browser might render or run.
bool LooksLikeMarkup(std::string_view text) {
  if (StartsWith(text, "\xEF\xBB\xBF")) text.remove_prefix(3);
  size_t i = text.find_first_not_of(" \t\r\n\f\v");
  return i != std::string_view::npos && text[i] == '<';
}

// Removes bytes that are not part of a well-formed UTF-8 sequence.
std::string DropInvalidUtf8(std::string_view s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (len && i + len <= s.size() && IsValidUtf8(s.substr(i, len))) {
      out.append(s.substr(i, len));
      i += len;
    } else {
      ++i;
    }
  }
  return out;
}

// Byte length of the longest prefix of `s` not over `max` that ends on a
// UTF-8 character boundary.
size_t Utf8Cut(std::string_view s, size_t max) {
  if (s.size() <= max) return s.size();
  size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return n;
}

constexpr size_t kMaxFilenameBytes = 200;
constexpr size_t kMaxExtensionBytes = 20;

}  // namespace

Result<std::string> SniffContentType(std::string_view content) {
  if (content.empty()) return Refused("the file is empty");
  if (StartsWith(content, "%PDF-")) return std::string("application/pdf");
  if (StartsWith(content, "\x89PNG\r\n\x1A\n")) return std::string("image/png");
  if (StartsWith(content, "\xFF\xD8\xFF")) return std::string("image/jpeg");
  if (StartsWith(content, "GIF87a") || StartsWith(content, "GIF89a")) return std::string("image/gif");
  if (content.size() >= 12 && StartsWith(content, "RIFF") && content.substr(8, 4) == "WEBP")
    return std::string("image/webp");
  if (content.find('\0') == std::string_view::npos && IsCleanUtf8(content) && !LooksLikeMarkup(content))
    return std::string("text/plain");
  return Refused("file type not accepted: only PDF, PNG, JPEG, GIF, WebP and plain text");
}

std::string SanitiseFilename(std::string_view name) {
  // The last path component, with either separator.
  size_t slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string clean;
  for (char ch : DropInvalidUtf8(name)) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7f || c == '"' || c == '\'' || c == '`') continue;
    clean.push_back(ch);
  }
  // C1 control characters (U+0080..U+009F, encoded C2 80..C2 9F), and the
  // characters that reorder text — the bidirectional embeddings, overrides
  // and isolates (U+202A..U+202E, U+2066..U+2069) and the direction marks
  // (U+200E, U+200F, U+061C) — so "\u202Egnp.exe" cannot read as "exe.png".
  for (size_t i = 0; i < clean.size();) {
    const auto byte = [&](size_t k) { return k < clean.size() ? static_cast<unsigned char>(clean[k]) : 0; };
    if (byte(i) == 0xC2 && byte(i + 1) >= 0x80 && byte(i + 1) <= 0x9F) {
      clean.erase(i, 2);
    } else if (byte(i) == 0xD8 && byte(i + 1) == 0x9C) {  // U+061C
      clean.erase(i, 2);
    } else if (byte(i) == 0xE2 && byte(i + 1) == 0x80 &&
               ((byte(i + 2) >= 0xAA && byte(i + 2) <= 0xAE) || byte(i + 2) == 0x8E || byte(i + 2) == 0x8F)) {
      clean.erase(i, 3);
    } else if (byte(i) == 0xE2 && byte(i + 1) == 0x81 && byte(i + 2) >= 0xA6 && byte(i + 2) <= 0xA9) {
      clean.erase(i, 3);
    } else {
      ++i;
    }
  }
  // No leading or trailing spaces or dots ("..", ".hidden", "name.").
  size_t a = clean.find_first_not_of(" ."), b = clean.find_last_not_of(" .");
  clean = a == std::string::npos ? std::string() : clean.substr(a, b - a + 1);
  if (clean.empty()) return "attachment";
  if (clean.size() <= kMaxFilenameBytes) return clean;
  // Too long: cut the stem, keep a short extension.
  std::string ext;
  size_t dot = clean.find_last_of('.');
  if (dot != std::string::npos && dot > 0 && clean.size() - dot <= kMaxExtensionBytes) ext = clean.substr(dot);
  std::string_view stem = std::string_view(clean).substr(0, clean.size() - ext.size());
  std::string out(stem.substr(0, Utf8Cut(stem, kMaxFilenameBytes - ext.size())));
  size_t end = out.find_last_not_of(" .");
  out.resize(end == std::string::npos ? 0 : end + 1);
  if (out.empty()) return "attachment" + ext;
  return out + ext;
}

}  // namespace hearken
