#include "ingest/survey_import/import_text.h"

#include <cctype>
#include <cstdint>

namespace hearken::ingest {
namespace {

void AppendUtf8(std::uint32_t cp, std::string& out) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Decodes the entity starting at html[i] ('&') into `out`; returns the
// length consumed, 0 when it is not an entity.
size_t Entity(std::string_view html, size_t i, std::string& out) {
  size_t end = html.find(';', i);
  if (end == std::string_view::npos || end - i > 10) return 0;
  std::string_view name = html.substr(i + 1, end - i - 1);
  static constexpr std::pair<std::string_view, std::string_view> kNamed[] = {
      {"amp", "&"},      {"lt", "<"},       {"gt", ">"},      {"quot", "\""},   {"apos", "'"},
      {"nbsp", " "},     {"auml", "ä"},     {"ouml", "ö"},    {"uuml", "ü"},    {"Auml", "Ä"},
      {"Ouml", "Ö"},     {"Uuml", "Ü"},     {"szlig", "ß"},   {"eacute", "é"},  {"egrave", "è"},
      {"agrave", "à"},   {"ccedil", "ç"},   {"otilde", "õ"},  {"Otilde", "Õ"},  {"euro", "€"},
      {"ndash", "–"},    {"mdash", "—"},    {"hellip", "…"},  {"laquo", "«"},   {"raquo", "»"},
      {"bdquo", "„"},    {"ldquo", "“"},    {"rdquo", "”"},   {"lsquo", "‘"},   {"rsquo", "’"}};
  for (auto [n, text] : kNamed)
    if (name == n) {
      out += text;
      return end - i + 1;
    }
  if (name.size() > 1 && name[0] == '#') {
    std::uint32_t cp = 0;
    bool hex = name[1] == 'x' || name[1] == 'X';
    for (size_t k = hex ? 2 : 1; k < name.size(); ++k) {
      int c = static_cast<unsigned char>(name[k]);
      int digit = std::isdigit(c) ? c - '0' : hex && std::isxdigit(c) ? (std::tolower(c) - 'a' + 10) : -1;
      if (digit < 0 || cp > 0x10FFFF) return 0;
      cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(digit);
    }
    AppendUtf8(cp, out);
    return end - i + 1;
  }
  return 0;
}

}  // namespace

std::string PlainText(std::string_view html) {
  std::string raw;
  for (size_t i = 0; i < html.size();) {
    if (html[i] == '<') {
      size_t end = html.find('>', i);
      if (end == std::string_view::npos) break;
      std::string tag(html.substr(i + 1, end - i - 1));
      for (char& c : tag) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (tag.rfind("br", 0) == 0 || tag == "/p" || tag == "/div" || tag == "/li") raw += '\n';
      i = end + 1;
    } else if (html[i] == '&') {
      size_t used = Entity(html, i, raw);
      if (used == 0) raw += '&';
      i += used ? used : 1;
    } else {
      raw += html[i++];
    }
  }
  // Collapse spaces within lines, drop blank lines, trim.
  std::string out;
  bool space = false, newline = false;
  for (char c : raw) {
    if (c == '\r') continue;
    if (c == '\n') {
      newline = !out.empty();
      space = false;
    } else if (c == ' ' || c == '\t') {
      space = !out.empty();
    } else {
      if (newline) out += '\n';
      else if (space) out += ' ';
      newline = space = false;
      out += c;
    }
  }
  return out;
}

std::string EscapeHtml(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string QuestionName(std::string_view code) {
  std::string out;
  for (char c : code) out += (c == '{' || c == '}' || c == '.' || std::isspace(static_cast<unsigned char>(c))) ? '_' : c;
  return out.empty() ? "q" : out;
}

std::string SurveyJsLocale(std::string_view code) {
  std::string out;
  for (char c : code) out += c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace hearken::ingest
