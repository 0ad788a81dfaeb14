// The OpenAPI 3.0 document of the API, generated from the route table
// (paths, methods, path and query parameters, roles as "x-roles", request
// and response schemas), so the document and the dispatcher cannot drift.
#pragma once

#include "core/json_codec.h"
#include "http/router.h"

namespace hearken::http {

// The whole document for `router`. Every route appears under its path
// template and lower-case method.
Json BuildOpenApi(const Router& router);

}  // namespace hearken::http
