#include "http/problem.h"

#include <spdlog/spdlog.h>

#include "core/json_codec.h"

namespace hearken::http {
namespace {

const char* Slug(int status) {
  switch (status) {
    case 400: return "bad-request";
    case 401: return "unauthenticated";
    case 403: return "forbidden";
    case 404: return "not-found";
    case 405: return "method-not-allowed";
    case 409: return "conflict";
    case 413: return "payload-too-large";
    case 415: return "unsupported-media-type";
    case 422: return "validation";
    case 429: return "too-many-requests";
    case 503: return "unavailable";
    default: return "internal";
  }
}

}  // namespace

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return 422;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kAlreadyExists: return 409;
    case ErrorCode::kFailedPrecondition: return 409;
    case ErrorCode::kPermissionDenied: return 403;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

const char* StatusTitle(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Error";
  }
}

HttpResponse Problem(int status, std::string detail, const std::vector<FieldError>& errors) {
  Json body = {{"type", std::string("https://hearken.dev/problems/") + Slug(status)},
               {"title", StatusTitle(status)},
               {"status", status},
               {"detail", std::move(detail)}};
  Json list = Json::array();
  for (const auto& e : errors) list.push_back({{"field", e.field}, {"message", e.message}});
  body["errors"] = std::move(list);
  HttpResponse response;
  response.status = status;
  response.SetHeader("Content-Type", "application/problem+json");
  response.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  return response;
}

HttpResponse ErrorResponse(const Error& error) {
  const int status = HttpStatusFor(error.code);
  if (status >= 500 && error.code == ErrorCode::kInternal) return Problem(status, "an internal error occurred");
  if (error.code == ErrorCode::kUnavailable) {
    // The store's own message names hosts and ports: it goes to the log only.
    spdlog::warn("unavailable: {}", error.message);
    return Unavailable(5);
  }
  return Problem(status, error.message, error.fields);
}

HttpResponse Unavailable(int retry_after_seconds) {
  HttpResponse response = Problem(503, "the service is unavailable for a moment; try again shortly");
  response.SetHeader("Retry-After", std::to_string(retry_after_seconds));
  return response;
}

}  // namespace hearken::http
