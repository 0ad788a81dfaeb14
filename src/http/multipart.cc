#include "http/multipart.h"

#include <algorithm>

#include "http/http_types.h"

namespace hearken::http {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IsTokenChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool IsBoundaryChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

// One `name=value` parameter of a header such as Content-Type or
// Content-Disposition; the value unquoted (backslash escapes removed).
struct Param {
  std::string name;  // lower case
  std::string value;
};

// Splits "type; a=b; c="d"" into the type and its parameters. False when the
// syntax is broken (unterminated quote, a parameter without '=' or name).
bool ParseHeaderValue(std::string_view text, std::string* type, std::vector<Param>* params) {
  size_t i = 0;
  auto skip_ws = [&] {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  };
  skip_ws();
  const size_t type_start = i;
  while (i < text.size() && text[i] != ';') ++i;
  *type = std::string(Trim(text.substr(type_start, i - type_start)));
  for (char& c : *type) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  while (i < text.size()) {
    ++i;  // ';'
    skip_ws();
    if (i >= text.size()) break;  // a trailing ';'
    const size_t name_start = i;
    while (i < text.size() && IsTokenChar(text[i])) ++i;
    if (i == name_start) return false;
    Param p;
    p.name = std::string(text.substr(name_start, i - name_start));
    for (char& c : p.name) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    skip_ws();
    if (i >= text.size() || text[i] != '=') return false;
    ++i;
    skip_ws();
    if (i < text.size() && text[i] == '"') {
      ++i;
      bool closed = false;
      while (i < text.size()) {
        char c = text[i++];
        if (c == '"') {
          closed = true;
          break;
        }
        if (c == '\\' && i < text.size()) c = text[i++];
        p.value += c;
      }
      if (!closed) return false;
    } else {
      const size_t value_start = i;
      while (i < text.size() && text[i] != ';' && text[i] != ' ' && text[i] != '\t') ++i;
      p.value = std::string(text.substr(value_start, i - value_start));
    }
    skip_ws();
    if (i < text.size() && text[i] != ';') return false;
    params->push_back(std::move(p));
  }
  return true;
}

const Param* FindParam(const std::vector<Param>& params, std::string_view name) {
  for (const auto& p : params)
    if (p.name == name) return &p;
  return nullptr;
}

// The escapes the HTML standard uses for names in multipart/form-data.
std::string DecodeHtmlFormEscapes(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      std::string_view code = text.substr(i + 1, 2);
      if (code == "22") { out += '"'; i += 2; continue; }
      if (code == "0A" || code == "0a") { out += '\n'; i += 2; continue; }
      if (code == "0D" || code == "0d") { out += '\r'; i += 2; continue; }
    }
    out += text[i];
  }
  return out;
}

// filename* of RFC 5987 ("UTF-8''na%C3%AFve.pdf"): the decoded UTF-8 name, or
// nullopt for another charset or a malformed value.
std::optional<std::string> DecodeExtendedValue(std::string_view value) {
  const size_t first = value.find('\'');
  if (first == std::string_view::npos) return std::nullopt;
  const size_t second = value.find('\'', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  if (!EqualsIgnoreCase(value.substr(0, first), "utf-8")) return std::nullopt;
  return PercentDecode(value.substr(second + 1), false);
}

MultipartResult Fail(MultipartProblem problem, std::string field, std::string message) {
  MultipartResult result;
  result.error = MultipartError{problem, std::move(field), std::move(message)};
  return result;
}

// Parses the header block of one part (lines without their final CRLFCRLF).
// Returns an error message, or "" when fine.
std::string ParsePartHeaders(std::string_view block, MultipartPart* part) {
  bool has_disposition = false;
  size_t pos = 0;
  while (pos <= block.size()) {
    size_t end = block.find("\r\n", pos);
    if (end == std::string_view::npos) end = block.size();
    std::string_view line = block.substr(pos, end - pos);
    pos = end + 2;
    if (line.empty()) return "a part has an empty header line";
    if (line.front() == ' ' || line.front() == '\t') return "folded part header lines are not accepted";
    if (line.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos)
      return "a part header contains a bare line break or NUL";
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return "a part header line has no name";
    std::string_view name = line.substr(0, colon);
    if (!std::all_of(name.begin(), name.end(), IsTokenChar)) return "a part header name is not a token";
    std::string_view value = Trim(line.substr(colon + 1));
    if (EqualsIgnoreCase(name, "content-disposition")) {
      if (has_disposition) return "a part has two Content-Disposition headers";
      has_disposition = true;
      std::string type;
      std::vector<Param> params;
      if (!ParseHeaderValue(value, &type, &params)) return "a part's Content-Disposition is malformed";
      if (type != "form-data") return "a part's Content-Disposition is not form-data";
      for (size_t i = 0; i < params.size(); ++i)
        for (size_t j = i + 1; j < params.size(); ++j)
          if (params[i].name == params[j].name) return "a part's Content-Disposition repeats " + params[i].name;
      const Param* n = FindParam(params, "name");
      if (!n || n->value.empty()) return "a part has no name";
      part->name = DecodeHtmlFormEscapes(n->value);
      if (const Param* ext = FindParam(params, "filename*")) {
        auto decoded = DecodeExtendedValue(ext->value);
        if (!decoded) return "a part's filename* is not UTF-8 percent-encoded";
        part->filename = *decoded;
      } else if (const Param* f = FindParam(params, "filename")) {
        part->filename = DecodeHtmlFormEscapes(f->value);
      }
    } else if (EqualsIgnoreCase(name, "content-type")) {
      part->content_type = std::string(value);
    }
    if (end == block.size()) break;
  }
  if (!has_disposition) return "a part has no Content-Disposition header";
  return "";
}

}  // namespace

bool IsMultipartFormData(std::string_view content_type) {
  std::string type;
  std::vector<Param> params;
  return ParseHeaderValue(content_type, &type, &params) && type == "multipart/form-data";
}

std::optional<std::string> MultipartBoundary(std::string_view content_type) {
  std::string type;
  std::vector<Param> params;
  if (!ParseHeaderValue(content_type, &type, &params) || type != "multipart/form-data") return std::nullopt;
  const Param* b = FindParam(params, "boundary");
  if (!b || b->value.empty() || b->value.size() > 70 || b->value.back() == ' ') return std::nullopt;
  if (!std::all_of(b->value.begin(), b->value.end(), IsBoundaryChar)) return std::nullopt;
  return b->value;
}

MultipartResult ParseMultipart(std::string_view content_type, std::string_view body, const MultipartLimits& limits) {
  auto boundary = MultipartBoundary(content_type);
  if (!boundary)
    return Fail(MultipartProblem::kMalformed, "",
                "Content-Type must be multipart/form-data with a boundary of 1 to 70 characters");
  const std::string dash = "--" + *boundary;
  const std::string delimiter = "\r\n" + dash;
  if (body.substr(0, dash.size()) != dash)
    return Fail(MultipartProblem::kMalformed, "", "the body does not start with the boundary");
  MultipartResult result;
  size_t files = 0;
  size_t pos = dash.size();
  for (;;) {
    if (body.substr(pos, 2) == "--") break;  // the closing delimiter; the epilogue is ignored
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
    if (body.substr(pos, 2) != "\r\n")
      return Fail(MultipartProblem::kMalformed, "", "a boundary line is not followed by CRLF");
    pos += 2;
    const std::string_view rest = body.substr(pos);
    const size_t headers_end = rest.substr(0, limits.max_header_bytes + 4).find("\r\n\r\n");
    if (headers_end == std::string_view::npos) {
      if (rest.size() > limits.max_header_bytes)
        return Fail(MultipartProblem::kMalformed, "", "the headers of a part are too long");
      return Fail(MultipartProblem::kMalformed, "", "the headers of a part do not end");
    }
    MultipartPart part;
    if (std::string problem = ParsePartHeaders(rest.substr(0, headers_end), &part); !problem.empty())
      return Fail(MultipartProblem::kMalformed, part.name, problem);
    const size_t content_start = pos + headers_end + 4;
    const size_t next = body.find(delimiter, content_start);
    if (next == std::string_view::npos)
      return Fail(MultipartProblem::kMalformed, part.name, "the body ends without its closing boundary");
    part.data = body.substr(content_start, next - content_start);
    pos = next + delimiter.size();
    if (part.filename && part.filename->empty() && part.data.empty()) continue;  // an empty file input
    if (result.parts.size() + 1 > limits.max_parts)
      return Fail(MultipartProblem::kTooManyParts, part.name,
                  "at most " + std::to_string(limits.max_parts) + " parts are accepted");
    if (part.filename) {
      if (++files > limits.max_files)
        return Fail(MultipartProblem::kTooManyParts, part.name,
                    "at most " + std::to_string(limits.max_files) + " files are accepted");
      if (part.data.size() > limits.max_file_bytes)
        return Fail(MultipartProblem::kTooLarge, part.name,
                    "a file may have at most " + std::to_string(limits.max_file_bytes) + " bytes");
    } else if (part.data.size() > limits.max_field_bytes) {
      return Fail(MultipartProblem::kTooLarge, part.name,
                  "a field may have at most " + std::to_string(limits.max_field_bytes) + " bytes");
    }
    result.parts.push_back(std::move(part));
  }
  return result;
}

}  // namespace hearken::http
