// A strict multipart/form-data parser (RFC 7578 on the RFC 2046 framing), for
// the public complaint form and attachment uploads. The whole body is in
// memory already (the server bounds it per route); parts are returned as
// views into it, so nothing is copied. What browsers and curl send is
// accepted; anything else is refused with a message that says what is wrong:
// no or a malformed boundary, a body that does not start with the boundary,
// a missing closing delimiter, part headers without a form-data
// Content-Disposition or a name, header lines that are too long or folded,
// and more parts or larger parts than the limits allow.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hearken::http {

struct MultipartLimits {
  std::size_t max_parts = 32;                 // fields and files together
  std::size_t max_files = 5;                  // parts with a filename
  std::size_t max_file_bytes = 10u << 20;     // one file's content
  std::size_t max_field_bytes = 64u << 10;    // one text field's value
  std::size_t max_header_bytes = 8u << 10;    // the header block of one part
};

// One part. `data` points into the parsed body and is valid as long as it.
struct MultipartPart {
  std::string name;                     // Content-Disposition name
  std::optional<std::string> filename;  // set for file parts (may be empty: no file chosen)
  std::string content_type;             // the part's Content-Type as sent, "" when absent
  std::string_view data;
};

enum class MultipartProblem {
  kMalformed,     // not valid multipart/form-data (HTTP 400)
  kTooManyParts,  // more parts or files than the limits allow (HTTP 413)
  kTooLarge,      // a file or field over its limit (HTTP 413)
};

struct MultipartError {
  MultipartProblem problem = MultipartProblem::kMalformed;
  std::string field;    // the part's name when known (e.g. "attachment"), else ""
  std::string message;  // what is wrong, for the client
};

struct MultipartResult {
  std::vector<MultipartPart> parts;    // in body order
  std::optional<MultipartError> error;  // set when the body is refused (parts then empty)
};

// The boundary parameter of a multipart/form-data Content-Type (quoted or
// not; 1 to 70 characters of RFC 2046 bchars, not ending in a space), or
// nullopt when `content_type` is not multipart/form-data or the boundary is
// missing or invalid.
std::optional<std::string> MultipartBoundary(std::string_view content_type);

// True when `content_type` is multipart/form-data (with any parameters).
bool IsMultipartFormData(std::string_view content_type);

// Parses `body` sent with `content_type`. File parts are those whose
// Content-Disposition has a filename parameter (filename* of RFC 5987 is
// decoded when it is UTF-8); a part that sends an empty filename with no
// content (a file input left empty) is dropped. Browsers escape '"' as %22
// and line breaks as %0A/%0D in names; those escapes are decoded.
MultipartResult ParseMultipart(std::string_view content_type, std::string_view body,
                               const MultipartLimits& limits = {});

}  // namespace hearken::http
