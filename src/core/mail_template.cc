// Rendering of the editable mail templates (complaint.h). Placeholder checks
// on save are part of ValidateComplaintSettings (complaint.cc).
#include <string>
#include <string_view>

#include "core/complaint.h"

namespace hearken {
namespace {

// The value for placeholder `name`, or nullptr when the name is unknown.
const std::string* ValueFor(std::string_view name, const TemplateValues& v) {
  if (name == "reference") return &v.reference;
  if (name == "status_link") return &v.status_link;
  if (name == "rating_link") return &v.rating_link;
  if (name == "name") return &v.name;
  if (name == "summary") return &v.summary;
  if (name == "decision") return &v.decision;
  if (name == "organisation") return &v.organisation;
  return nullptr;
}

}  // namespace

std::string RenderTemplate(std::string_view text, const TemplateValues& values) {
  std::string out;
  out.reserve(text.size() + 256);
  size_t pos = 0;
  while (pos < text.size()) {
    size_t open = text.find("{{", pos);
    if (open == std::string_view::npos) break;
    size_t close = text.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    std::string_view inner = text.substr(open + 2, close - open - 2);
    size_t a = inner.find_first_not_of(' '), b = inner.find_last_not_of(' ');
    std::string_view name = a == std::string_view::npos ? std::string_view() : inner.substr(a, b - a + 1);
    out.append(text.substr(pos, open - pos));
    if (const std::string* value = ValueFor(name, values)) {
      out.append(*value);
    } else {
      out.append(text.substr(open, close + 2 - open));  // unknown: left as it is
    }
    pos = close + 2;
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace hearken
