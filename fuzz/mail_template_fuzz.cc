// Fuzz target: rendering of the editable mail templates (RenderTemplate in
// core/complaint.h, core/mail_template.cc) and the placeholder check of
// ValidateComplaintSettings on save. The input's first line is the
// complainant's name (a value the public controls), the rest the template.
// Checks: a text without "{{" comes out as it went in; values are inserted
// once, verbatim, never expanded again, so the output is bounded by the text
// plus one value per "{{".
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/complaint.h"
#include "fuzz_check.h"

using namespace hearken;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t eol = input.find('\n');
  const std::string_view name = eol == std::string_view::npos ? std::string_view() : input.substr(0, eol);
  const std::string_view text = eol == std::string_view::npos ? input : input.substr(eol + 1);

  TemplateValues values;
  values.reference = "C-2026-000123";
  values.status_link = "http://127.0.0.1:8080/status/{{rating_link}}";
  values.rating_link = "http://127.0.0.1:8080/ratings/abc";
  values.name = std::string(name);
  values.summary = "{{name}}{{summary}}";
  values.decision = std::string(name) + "{{decision}}";
  values.organisation = "Example Ltd";

  const std::string out = RenderTemplate(text, values);
  if (text.find("{{") == std::string_view::npos) FUZZ_CHECK(out == text);
  std::size_t opens = 0;
  for (std::size_t at = text.find("{{"); at != std::string_view::npos; at = text.find("{{", at + 2)) ++opens;
  std::size_t longest = 0;
  for (const std::string* v : {&values.reference, &values.status_link, &values.rating_link, &values.name,
                               &values.summary, &values.decision, &values.organisation}) {
    longest = std::max(longest, v->size());
  }
  FUZZ_CHECK(out.size() <= text.size() + opens * longest);

  ComplaintSettings settings = DefaultComplaintSettings();
  settings.acknowledgement.body = std::string(text);
  settings.decision.subject = std::string(name);
  (void)ValidateComplaintSettings(settings);
  return 0;
}
