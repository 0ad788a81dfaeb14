#include "core/validation.h"

#include <stdexcept>

#include <date/tz.h>

namespace hearken {
namespace {

// Collects field problems and turns them into one error.
class Problems {
 public:
  void Add(std::string field, std::string message) { fields_.push_back({std::move(field), std::move(message)}); }

  void Text(const std::string& field, const std::string& value, size_t max_length, bool required) {
    if (!IsCleanUtf8(value)) {
      Add(field, "must be valid UTF-8 text without control characters");
    } else if (required && value.find_first_not_of(" \t\r\n") == std::string::npos) {
      Add(field, "is required");
    } else if (value.size() > max_length) {
      Add(field, "must be at most " + std::to_string(max_length) + " bytes");
    }
  }

  Status Result(std::string_view what) const {
    if (fields_.empty()) return Status::Ok();
    std::string message = "invalid " + std::string(what) + ":";
    for (const auto& f : fields_) message += " " + f.field + " " + f.message + ";";
    message.pop_back();
    return Error::InvalidArgument(std::move(message), fields_);
  }

 private:
  std::vector<FieldError> fields_;
};

}  // namespace

bool IsValidUtf8(std::string_view text) {
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    int extra;
    unsigned int code;
    if ((c & 0xE0) == 0xC0) { extra = 1; code = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { extra = 2; code = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { extra = 3; code = c & 0x07; }
    else return false;
    for (int k = 1; k <= extra; ++k) {
      if (i + k >= n) return false;
      unsigned char cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      code = (code << 6) | (cc & 0x3F);
    }
    if ((extra == 1 && code < 0x80) || (extra == 2 && code < 0x800) || (extra == 3 && code < 0x10000)) return false;
    if (code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += extra + 1;
  }
  return true;
}

bool IsCleanUtf8(std::string_view text) {
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) return false;
  }
  return IsValidUtf8(text);
}

bool IsPlausibleEmail(std::string_view email) {
  if (email.size() > 254 || email.size() < 3) return false;
  size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos) return false;
  std::string_view domain = email.substr(at + 1);
  if (domain.empty() || domain.find('.') == std::string_view::npos || domain.front() == '.' ||
      domain.back() == '.' || domain.find("..") != std::string_view::npos)
    return false;
  for (char c : email)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f || c == '<' || c == '>' || c == ',' || c == ';')
      return false;
  return IsCleanUtf8(email);
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool IsKnownTimeZone(const std::string& name) {
  if (name.empty() || !IsCleanUtf8(name)) return false;
  try {
    return date::locate_zone(name) != nullptr;  // the system tz database (tzdata)
  } catch (const std::runtime_error&) {
    return false;
  }
}

Status ValidateSettings(const OrgSettings& s) {
  Problems p;
  p.Text("name", s.name, kMaxNameLength, true);
  if (!IsKnownTimeZone(s.time_zone)) p.Add("time_zone", "must be an IANA time zone such as Europe/Berlin");
  return p.Result("settings");
}

Status ValidateUser(const User& u) {
  Problems p;
  if (!IsPlausibleEmail(u.email)) p.Add("email", "must be an e-mail address");
  p.Text("display_name", u.display_name, kMaxNameLength, false);
  return p.Result("user");
}

Status ValidatePassword(std::string_view password) {
  if (!IsCleanUtf8(password)) return Error::InvalidField("password", "must be valid UTF-8 text");
  // Count code points, not bytes, for the length rules.
  size_t code_points = 0;
  for (unsigned char c : password)
    if ((c & 0xC0) != 0x80) ++code_points;
  if (code_points < kMinPasswordLength)
    return Error::InvalidField("password", "must be at least " + std::to_string(kMinPasswordLength) + " characters");
  if (code_points > kMaxPasswordLength)
    return Error::InvalidField("password", "must be at most " + std::to_string(kMaxPasswordLength) + " characters");
  return Status::Ok();
}

Status ValidateCustomer(const Customer& c) {
  Problems p;
  p.Text("name", c.name, kMaxNameLength, true);
  if (!c.email.empty() && !IsPlausibleEmail(c.email)) p.Add("email", "must be an e-mail address");
  p.Text("phone", c.phone, 50, false);
  p.Text("site", c.site, kMaxNameLength, false);
  p.Text("external_ref", c.external_ref, kMaxNameLength, false);
  if (c.segment_id && *c.segment_id <= 0) p.Add("segment_id", "must be a positive id");
  if (c.tags.size() > kMaxTags) p.Add("tags", "at most " + std::to_string(kMaxTags) + " tags");
  for (size_t i = 0; i < c.tags.size(); ++i) p.Text("tags/" + std::to_string(i), c.tags[i], kMaxTagLength, true);
  return p.Result("customer");
}

Status ValidateSegment(const Segment& s) {
  Problems p;
  p.Text("name", s.name, kMaxNameLength, true);
  p.Text("description", s.description, kMaxLongTextLength, false);
  if (s.needs.size() > kMaxNeeds) p.Add("needs", "at most " + std::to_string(kMaxNeeds) + " needs");
  for (size_t i = 0; i < s.needs.size(); ++i) {
    const std::string prefix = "needs/" + std::to_string(i) + "/";
    p.Text(prefix + "description", s.needs[i].description, kMaxShortTextLength, true);
    if (s.needs[i].importance < 1 || s.needs[i].importance > 5) p.Add(prefix + "importance", "must be from 1 to 5");
  }
  return p.Result("segment");
}

Status ValidateRequirement(const Requirement& r) {
  Problems p;
  p.Text("text", r.text, kMaxLongTextLength, true);
  p.Text("source_ref", r.source_ref, kMaxShortTextLength, false);
  switch (r.scope) {
    case RequirementScope::kCustomer:
      if (!r.customer_id) p.Add("customer_id", "is required when scope is customer");
      if (r.segment_id) p.Add("segment_id", "must be empty when scope is customer");
      break;
    case RequirementScope::kSegment:
      if (!r.segment_id) p.Add("segment_id", "is required when scope is segment");
      if (r.customer_id) p.Add("customer_id", "must be empty when scope is segment");
      break;
    case RequirementScope::kAll:
      if (r.customer_id) p.Add("customer_id", "must be empty when scope is all");
      if (r.segment_id) p.Add("segment_id", "must be empty when scope is all");
      break;
  }
  return p.Result("requirement");
}

Status ValidateCommunication(const Communication& c) {
  Problems p;
  if (c.customer_id <= 0) p.Add("customer_id", "is required");
  p.Text("subject", c.subject, kMaxShortTextLength, true);
  p.Text("body", c.body, kMaxLongTextLength, false);
  if (c.occurred_at == TimePoint{}) p.Add("occurred_at", "is required");
  return p.Result("communication");
}

}  // namespace hearken
