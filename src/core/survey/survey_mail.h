// The mails of survey invitations (issue 8): the invitation and reminder
// templates a survey may edit, with the placeholders {{name}}, {{link}},
// {{opt_out_link}}, {{survey}} and {{organisation}}, their defaults, their
// check, and their rendering. Mails are plain text: values are inserted
// verbatim. Pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace hearken::survey {

inline constexpr size_t kMaxMailTemplateBytes = 20 * 1024;

struct MailTemplates {
  std::string invitation_subject;
  std::string invitation_body;
  std::string reminder_subject;
  std::string reminder_body;
  bool operator==(const MailTemplates&) const = default;
};

// What every survey starts with (English).
MailTemplates DefaultMailTemplates();

// The placeholders a template may use.
const std::vector<std::string>& MailPlaceholders();

// Errors: InvalidArgument naming "invitation_subject", "invitation_body",
// "reminder_subject", "reminder_body": blank, not clean UTF-8, a subject on
// more than one line, over kMaxMailTemplateBytes, an unknown placeholder,
// a body without {{link}}; every one at once.
Status ValidateMailTemplates(const MailTemplates& templates);

struct MailValues {
  std::string name, link, opt_out_link, survey, organisation;
};

// `text` with each known {{placeholder}} (spaces inside the braces allowed)
// replaced by its value; anything else left as it is.
std::string RenderMail(std::string_view text, const MailValues& values);

}  // namespace hearken::survey
