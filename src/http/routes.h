// Registration of every API route into the one route table, grouped by
// resource. Each function adds its routes with their roles and docs.
#pragma once

#include <memory>
#include <tuple>

#include "http/handler_util.h"
#include "http/router.h"

namespace hearken::http {

// Turns a handler function of (Services&, state..., RequestContext&) into a
// route Handler; the state (shared by a group of routes, such as the public
// rate limits) is kept alive by the handlers. Every route table uses it:
//   const RouteAdapter h(services);  router.Add({..., .handler = h(GetThing)});
template <typename... State>
class RouteAdapter {
 public:
  explicit RouteAdapter(Services& services, std::shared_ptr<State>... state)
      : services_(&services), state_(std::move(state)...) {}
  Handler operator()(HttpResponse (*fn)(Services&, State&..., RequestContext&)) const {
    return [services = services_, state = state_, fn](RequestContext& ctx) {
      return std::apply([&](auto&... shared) { return fn(*services, *shared..., ctx); }, state);
    };
  }

 private:
  Services* services_;
  std::tuple<std::shared_ptr<State>...> state_;
};

void AddAuthRoutes(Router& router, Services& services);           // auth_routes.cc
void AddAdminRoutes(Router& router, Services& services);          // admin_routes.cc: settings, users, tokens
void AddCustomerRoutes(Router& router, Services& services);       // customer_routes.cc: customers, segments
void AddRequirementRoutes(Router& router, Services& services);    // requirement_routes.cc
void AddCommunicationRoutes(Router& router, Services& services);  // communication_routes.cc: + audit
void AddComplaintRoutes(Router& router, Services& services);        // complaint_routes.cc: staff work on cases
void AddComplaintBulkRoutes(Router& router, Services& services);    // complaint_bulk_routes.cc: bulk, merge
void AddSavedViewRoutes(Router& router, Services& services);        // saved_view_routes.cc: named list filters
void AddPublicComplaintRoutes(Router& router, Services& services);  // complaint_public_routes.cc: form, status, rating
void AddComplaintAdminRoutes(Router& router, Services& services);   // complaint_admin_routes.cc: categories, actions,
                                                                    // settings, volumes, import
void AddComplaintAnalysisRoutes(Router& router, Services& services);  // complaint_analysis_routes.cc: analysis, export
void AddSurveyRoutes(Router& router, Services& services);          // surveys/survey_routes.cc
void AddPublicSurveyRoutes(Router& router, Services& services);    // surveys/survey_public_routes.cc
void AddNotificationRoutes(Router& router, Services& services);  // notification_routes.cc: inbox, preferences
void AddSubjectRoutes(Router& router, Services& services);        // subject_routes.cc: GDPR export
void AddSystemRoutes(Router& router, Services& services);         // system_routes.cc: openapi, health, metrics
void AddSurveyInvitationRoutes(Router& router, Services& services);  // surveys/survey_invitation_routes.cc
void AddSurveyQrRoutes(Router& router, Services& services);          // surveys/survey_qr.cc
void AddFeedbackRoutes(Router& router, Services& services);        // feedback/feedback_routes.cc: items, import, complaint
void AddPublicFeedbackRoutes(Router& router, Services& services);  // feedback/feedback_public_routes.cc: the form /f
void AddFeedbackHookRoutes(Router& router, Services& services);    // feedback/feedback_hook_routes.cc: signed webhooks

}  // namespace hearken::http
