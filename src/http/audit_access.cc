#include "http/audit_access.h"

#include <algorithm>

namespace hearken::http {

const std::vector<std::string>& AuditEntityTypes() {
  static const std::vector<std::string> types = {
      "complaint",         "complaint_message",  "complaint_attachment", "complaint_rating", "complaint_category",
      "corrective_action", "complaint_settings", "period_volume",        "customer",         "segment",
      "requirement",       "communication",      "subject",              "settings",         "user",
      "session",           "api_token",          "saved_view",           "survey",           "survey_answer",
      "survey_invitation", "survey_mail_templates", "survey_contact_rules",
      "feedback_item",     "webhook_source",     "webhook_delivery"};
  return types;
}

std::vector<std::string> AuditHiddenEntityTypes(Role role) {
  switch (role) {
    case Role::kAdmin: return {};
    case Role::kQualityManager: return {"user", "session", "api_token", "webhook_source"};
    case Role::kHandler:
    case Role::kViewer: break;
  }
  // Others' private views are theirs alone.
  return {"user", "session", "api_token", "complaint_settings", "saved_view", "webhook_source"};
}

bool MayReadAuditOf(Role role, std::string_view entity_type) {
  const std::vector<std::string> hidden = AuditHiddenEntityTypes(role);
  return std::find(hidden.begin(), hidden.end(), entity_type) == hidden.end();
}

std::vector<std::string> AuditReadableEntityTypes(Role role) {
  std::vector<std::string> readable;
  for (const std::string& type : AuditEntityTypes())
    if (MayReadAuditOf(role, type)) readable.push_back(type);
  return readable;
}

}  // namespace hearken::http
