#include "mail/mime_decode.h"

#include <iconv.h>

#include <cerrno>

#include "core/validation.h"

namespace hearken {
namespace {

std::string_view TrimView(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

void AppendCodePoint(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

std::string Latin1ToUtf8(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (char c : in) AppendCodePoint(out, static_cast<unsigned char>(c));
  return out;
}

// Keeps valid UTF-8 sequences and replaces every other byte with U+FFFD.
std::string ReplaceInvalidUtf8(std::string_view in) {
  if (IsValidUtf8(in)) return std::string(in);
  std::string out;
  size_t i = 0;
  while (i < in.size()) {
    size_t len = 0;
    for (size_t n = 1; n <= 4 && i + n <= in.size(); ++n)
      if (IsValidUtf8(in.substr(i, n))) { len = n; break; }
    if (len == 0) { AppendCodePoint(out, 0xFFFD); len = 1; }
    else out.append(in.substr(i, len));
    i += len;
  }
  return out;
}

std::string CharsetToUtf8(std::string_view in, std::string_view charset_name) {
  std::string charset = AsciiLower(TrimView(charset_name));
  if (charset.empty() || charset == "utf-8" || charset == "utf8" || charset == "us-ascii" || charset == "ascii")
    return ReplaceInvalidUtf8(in);
  if (charset == "iso-8859-1" || charset == "latin1" || charset == "iso_8859-1") return Latin1ToUtf8(in);
  iconv_t cd = iconv_open("UTF-8", charset.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return IsValidUtf8(in) ? std::string(in) : Latin1ToUtf8(in);
  std::string out;
  std::string input(in);
  char* src = input.data();
  size_t src_left = input.size();
  char buffer[4096];
  while (src_left > 0) {
    char* dst = buffer;
    size_t dst_left = sizeof buffer;
    size_t rc = iconv(cd, &src, &src_left, &dst, &dst_left);
    out.append(buffer, static_cast<size_t>(dst - buffer));
    if (rc == static_cast<size_t>(-1)) {
      if (errno == E2BIG) continue;
      AppendCodePoint(out, 0xFFFD);  // EILSEQ or a truncated sequence at the end (EINVAL)
      if (errno == EINVAL) break;
      ++src;
      --src_left;
    }
  }
  iconv_close(cd);
  return ReplaceInvalidUtf8(out);
}

// RFC 2045 base64; characters outside the alphabet are skipped.
std::string Base64Decode(std::string_view in) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : in) {
    int v;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    else if (c >= '0' && c <= '9') v = c - '0' + 52;
    else if (c == '+') v = 62;
    else if (c == '/') v = 63;
    else if (c == '=') break;
    else continue;
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

// Quoted-printable (RFC 2045) or, with `header_q`, the RFC 2047 Q encoding.
// A malformed `=` sequence is kept as written.
std::string QuotedPrintableDecode(std::string_view in, QpMode mode) {
  const bool header_q = mode == QpMode::kHeaderQ;
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (header_q && c == '_') { out += ' '; continue; }
    if (c != '=') { out += c; continue; }
    if (i + 2 < in.size() && HexValue(in[i + 1]) >= 0 && HexValue(in[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(in[i + 1]) * 16 + HexValue(in[i + 2]));
      i += 2;
      continue;
    }
    // Soft line break: "=" then optional blanks then (CR)LF.
    size_t j = i + 1;
    while (j < in.size() && (in[j] == ' ' || in[j] == '\t')) ++j;
    if (j < in.size() && in[j] == '\r') ++j;
    if (j < in.size() && in[j] == '\n') { i = j; continue; }
    if (j == in.size()) break;
    out += c;
  }
  return out;
}


std::string PercentDecode(std::string_view in) {
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '%' && i + 2 < in.size() && HexValue(in[i + 1]) >= 0 && HexValue(in[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(in[i + 1]) * 16 + HexValue(in[i + 2]));
      i += 2;
    } else {
      out += in[i];
    }
  }
  return out;
}

}  // namespace hearken
