#include "core/survey/survey_mail.h"

#include <algorithm>

#include "core/validation.h"

namespace hearken::survey {
namespace {

std::string_view Trimmed(std::string_view text) {
  const size_t a = text.find_first_not_of(' ');
  if (a == std::string_view::npos) return {};
  return text.substr(a, text.find_last_not_of(' ') - a + 1);
}

const std::string* ValueOf(std::string_view name, const MailValues& v) {
  if (name == "name") return &v.name;
  if (name == "link") return &v.link;
  if (name == "opt_out_link") return &v.opt_out_link;
  if (name == "survey") return &v.survey;
  if (name == "organisation") return &v.organisation;
  return nullptr;
}

// Every {{name}} of `text`, in order.
std::vector<std::string> PlaceholdersIn(std::string_view text) {
  std::vector<std::string> out;
  size_t pos = 0;
  while ((pos = text.find("{{", pos)) != std::string_view::npos) {
    const size_t close = text.find("}}", pos + 2);
    if (close == std::string_view::npos) break;
    out.emplace_back(Trimmed(text.substr(pos + 2, close - pos - 2)));
    pos = close + 2;
  }
  return out;
}

void Check(const std::string& field, const std::string& text, bool subject, std::vector<FieldError>& fields) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    fields.push_back({field, "is required"});
    return;
  }
  if (text.size() > kMaxMailTemplateBytes || !IsCleanUtf8(text)) {
    fields.push_back({field, "must be clean text of at most 20 KiB"});
    return;
  }
  if (subject && text.find_first_of("\r\n") != std::string::npos) {
    fields.push_back({field, "must be one line"});
    return;
  }
  const auto& known = MailPlaceholders();
  const auto used = PlaceholdersIn(text);
  for (const std::string& name : used) {
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      fields.push_back({field, "uses the unknown placeholder {{" + name + "}}"});
      return;
    }
  }
  if (!subject && std::find(used.begin(), used.end(), "link") == used.end())
    fields.push_back({field, "must contain {{link}}, the respondent's personal link"});
}

}  // namespace

MailTemplates DefaultMailTemplates() {
  return {
      "{{organisation}}: {{survey}}",
      "Dear {{name}},\n\n"
      "we would like to hear how we are doing. Answering takes a few minutes:\n\n"
      "{{link}}\n\n"
      "The link is yours alone; you can stop and come back to it later.\n\n"
      "Thank you,\n{{organisation}}\n\n"
      "If you would rather not receive surveys from us: {{opt_out_link}}\n",
      "Reminder: {{survey}}",
      "Dear {{name}},\n\n"
      "a few days ago we asked for your view. If you have a few minutes, your answers would help us:\n\n"
      "{{link}}\n\n"
      "Thank you,\n{{organisation}}\n\n"
      "If you would rather not receive surveys from us: {{opt_out_link}}\n",
  };
}

const std::vector<std::string>& MailPlaceholders() {
  static const std::vector<std::string> names = {"name", "link", "opt_out_link", "survey", "organisation"};
  return names;
}

Status ValidateMailTemplates(const MailTemplates& t) {
  std::vector<FieldError> fields;
  Check("invitation_subject", t.invitation_subject, true, fields);
  Check("invitation_body", t.invitation_body, false, fields);
  Check("reminder_subject", t.reminder_subject, true, fields);
  Check("reminder_body", t.reminder_body, false, fields);
  if (fields.empty()) return Status::Ok();
  std::string summary;
  for (const FieldError& f : fields) summary += (summary.empty() ? "" : "; ") + f.field + ": " + f.message;
  return Error::InvalidArgument(std::move(summary), std::move(fields));
}

std::string RenderMail(std::string_view text, const MailValues& values) {
  std::string out;
  out.reserve(text.size() + 256);
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t open = text.find("{{", pos);
    if (open == std::string_view::npos) break;
    const size_t close = text.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    out.append(text.substr(pos, open - pos));
    if (const std::string* value = ValueOf(Trimmed(text.substr(open + 2, close - open - 2)), values))
      out.append(*value);
    else
      out.append(text.substr(open, close + 2 - open));
    pos = close + 2;
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace hearken::survey
