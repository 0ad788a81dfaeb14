// Registration of every API route into the one route table, grouped by
// resource. Each function adds its routes with their roles and docs.
#pragma once

#include "http/handler_util.h"
#include "http/router.h"

namespace hearken::http {

void AddAuthRoutes(Router& router, Services& services);           // auth_routes.cc
void AddAdminRoutes(Router& router, Services& services);          // admin_routes.cc: settings, users, tokens
void AddCustomerRoutes(Router& router, Services& services);       // customer_routes.cc: customers, segments
void AddRequirementRoutes(Router& router, Services& services);    // requirement_routes.cc
void AddCommunicationRoutes(Router& router, Services& services);  // communication_routes.cc: + audit
void AddComplaintRoutes(Router& router, Services& services);        // complaint_routes.cc: staff work on cases
void AddPublicComplaintRoutes(Router& router, Services& services);  // complaint_public_routes.cc: form, status, rating
void AddComplaintAdminRoutes(Router& router, Services& services);   // complaint_admin_routes.cc: categories, actions,
                                                                    // settings, volumes, import
void AddComplaintAnalysisRoutes(Router& router, Services& services);  // complaint_analysis_routes.cc: analysis, export
void AddSystemRoutes(Router& router, Services& services);         // system_routes.cc: openapi, health, metrics

}  // namespace hearken::http
