// Who may read which audit entries (issue 6, "Secrets never reach staff"):
// an entry follows the role rules of the entity it is about, so a role reads
// the trail of exactly the records its routes let it read. Users, sessions
// and API tokens (e-mail addresses, who signed in when) are for
// administrators; the complaint settings (mail templates, sender) for
// quality managers and administrators; every other entity for all roles.
// A new entity type whose records are restricted must be added here.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/entities.h"

namespace hearken::http {

// Every entity type the store writes audit entries about, in the order the
// audit page offers them. A new entity type is added here (the test
// EveryAuditedEntityTypeIsListed fails otherwise).
const std::vector<std::string>& AuditEntityTypes();

// The entity types `role` may not read in the audit trail.
std::vector<std::string> AuditHiddenEntityTypes(Role role);

// False when entries about `entity_type` are hidden from `role`.
bool MayReadAuditOf(Role role, std::string_view entity_type);

// AuditEntityTypes() that `role` may read.
std::vector<std::string> AuditReadableEntityTypes(Role role);

}  // namespace hearken::http
