// Fuzz target: the multipart/form-data parser (http/multipart.h); the form
// reader on top of it (ReadForm) is reached through http_request_fuzz. The
// input's first line is the Content-Type header value (e.g.
// `multipart/form-data; boundary=x`), the rest is the body. Checks: a
// refusal has no parts; every part's data lies inside the body; the limits
// hold, with small limits and with the defaults.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "http/multipart.h"

using namespace hearken::http;

namespace {

bool Inside(std::string_view part, std::string_view whole) {
  if (part.empty()) return true;
  return part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t eol = input.find('\n');
  std::string_view content_type = input.substr(0, eol);
  if (!content_type.empty() && content_type.back() == '\r') content_type.remove_suffix(1);
  const std::string_view body = eol == std::string_view::npos ? std::string_view() : input.substr(eol + 1);

  (void)IsMultipartFormData(content_type);
  if (auto boundary = MultipartBoundary(content_type)) {
    FUZZ_CHECK(!boundary->empty() && boundary->size() <= 70);
  }

  // Small limits, so that the fuzzer reaches every limit.
  MultipartLimits limits;
  limits.max_parts = 6;
  limits.max_files = 2;
  limits.max_file_bytes = 256;
  limits.max_field_bytes = 128;
  limits.max_header_bytes = 512;
  for (const MultipartLimits& l : {limits, MultipartLimits{}}) {
    MultipartResult result = ParseMultipart(content_type, body, l);
    if (result.error) {
      FUZZ_CHECK(result.parts.empty());
      continue;
    }
    FUZZ_CHECK(result.parts.size() <= l.max_parts);
    std::size_t files = 0;
    for (const MultipartPart& part : result.parts) {
      FUZZ_CHECK(Inside(part.data, body));
      if (part.filename) {
        ++files;
        FUZZ_CHECK(part.data.size() <= l.max_file_bytes);
      } else {
        FUZZ_CHECK(part.data.size() <= l.max_field_bytes);
      }
    }
    FUZZ_CHECK(files <= l.max_files);
  }

  return 0;
}
