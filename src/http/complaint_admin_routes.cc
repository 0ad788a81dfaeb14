// Placeholder, filled in by issue 3 (see routes.h).
#include "http/routes.h"

namespace hearken::http {

void AddComplaintAdminRoutes(Router&, Services&) {}

}  // namespace hearken::http
