// Registration of the survey import and export routes
// (survey_format_routes.cc; docs/API.md "Survey import and export").
#pragma once

#include "http/handler_util.h"
#include "http/router.h"

namespace hearken::http {

void AddSurveyFormatRoutes(Router& router, Services& services);  // import, export

}  // namespace hearken::http
