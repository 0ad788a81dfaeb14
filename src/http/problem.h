// RFC 9457 problem+json responses, and the one mapping of core ErrorCode to
// HTTP status used by every route.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "http/http_types.h"

namespace hearken::http {

// The HTTP status for an error code: InvalidArgument 422, NotFound 404,
// AlreadyExists 409, FailedPrecondition 409, PermissionDenied 403,
// Unavailable 503, Internal 500. The only place this mapping lives.
int HttpStatusFor(ErrorCode code);

// A problem+json response: {"type": "https://hearken.dev/problems/<slug>",
// "title", "status", "detail", "errors": [{field, message}]}. The slug is
// derived from the status (e.g. 422 → "validation").
HttpResponse Problem(int status, std::string detail, const std::vector<FieldError>& errors = {});

// Problem(HttpStatusFor(error.code), error.message, error.fields). Internal
// and Unavailable errors get a generic detail so that no internals leak (a
// database's message names its host and port); 503 carries Retry-After.
HttpResponse ErrorResponse(const Error& error);

// 503 "unavailable" with Retry-After, the answer when the server sheds load
// or the store cannot be reached; never says why.
HttpResponse Unavailable(int retry_after_seconds);

// The reason phrase of a status ("Not Found").
const char* StatusTitle(int status);

}  // namespace hearken::http
