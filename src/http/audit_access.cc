#include "http/audit_access.h"

#include <algorithm>

namespace hearken::http {

std::vector<std::string> AuditHiddenEntityTypes(Role role) {
  switch (role) {
    case Role::kAdmin: return {};
    case Role::kQualityManager: return {"user", "session", "api_token"};
    case Role::kHandler:
    case Role::kViewer: break;
  }
  return {"user", "session", "api_token", "complaint_settings"};
}

bool MayReadAuditOf(Role role, std::string_view entity_type) {
  const std::vector<std::string> hidden = AuditHiddenEntityTypes(role);
  return std::find(hidden.begin(), hidden.end(), entity_type) == hidden.end();
}

}  // namespace hearken::http
