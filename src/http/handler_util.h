// Helpers shared by the route handlers: JSON responses, list paging and
// sorting from the query string, typed query filters, and the services a
// handler may use.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/json_codec.h"
#include "core/result.h"
#include "http/http_types.h"
#include "http/router.h"
#include "http/server_options.h"
#include "store/store.h"

namespace hearken {
class ComplaintNotifier;
class SurveyInvitationSender;
}

namespace hearken::http {

class LoginThrottle;
class SurveyLookup;
class Metrics;
class WorkSlots;

// What handlers may use; owned by the Api, outlives every request.
struct Services {
  Store& store;
  const Clock& clock;
  const ServerOptions& options;
  LoginThrottle& throttle;
  Metrics& metrics;
  const Router& router;
  // Mail to complainants (never null). The Api's own one (no mailer) unless
  // the app set another with Server::SetComplaintNotifier before Start().
  ComplaintNotifier* notifier;
  // Slots for the complaint analysis (options.analysis_slots) and for
  // argon2id (one per core): a request that cannot have one within the
  // queue deadline is answered 503 rather than waiting on.
  WorkSlots& analyses;
  WorkSlots& hashing;
  // Surveys and their parsed versions kept for a second, for the answer
  // routes; staff changes to a survey Forget it (surveys/survey_lookup.h).
  SurveyLookup& surveys_in_memory;
  // Survey invitation mail (never null): the Api's own (no mailer) unless
  // the app set another with Api::SetSurveyInvitationSender.
  SurveyInvitationSender* invitations = nullptr;
};

// A JSON body with Content-Type application/json.
HttpResponse JsonResponse(int status, const Json& body);
// 201 with the record and a Location header.
HttpResponse CreatedResponse(const std::string& location, const Json& body);
HttpResponse NoContent();

// Paging and sorting: limit (1..500, default 50), offset (>= 0), sort (one
// of `sort_fields`, "-field" for descending). Errors: InvalidArgument naming
// limit, offset or sort.
Result<ListOptions> ParseListOptions(const HttpRequest& request, const std::vector<std::string>& sort_fields);

// {"items": [...], "total": N, "limit": L, "offset": O}.
template <typename T>
Json PageJson(const Page<T>& page, const ListOptions& options) {
  Json items = Json::array();
  for (const auto& item : page.items) items.push_back(ToJson(item));
  return {{"items", std::move(items)}, {"total", page.total}, {"limit", options.limit}, {"offset", options.offset}};
}

// The whole number `text` (at most 18 characters, nothing around it), or nullopt.
std::optional<long long> ParseInteger(const std::string& text);

// Ok when `errors` is empty, else InvalidArgument "invalid query parameters:
// <field> <message>; ..." carrying every one of them (a 422 naming each).
Status FieldsError(std::vector<FieldError> errors);

// Collects query-filter problems, then reports them all as one error.
class QueryReader {
 public:
  explicit QueryReader(const HttpRequest& request) : request_(request) {}
  // The raw value of parameter `name`, or nullopt.
  const std::string* Raw(const std::string& name) const;
  std::string Text(const std::string& name);
  std::optional<Id> OptionalId(const std::string& name);
  template <typename E>
  std::optional<E> OptionalEnum(const std::string& name, std::optional<E> (*parse)(std::string_view)) {
    const std::string* raw = Raw(name);
    if (!raw || raw->empty()) return std::nullopt;
    auto value = parse(*raw);
    if (!value) {
      std::string message = "must be one of";
      auto names = EnumNames<E>();
      for (size_t i = 0; i < names.size(); ++i) message += (i ? ", " : " ") + std::string(names[i]);
      errors_.push_back({name, message});
    }
    return value;
  }
  Status Finish() const;

 private:
  const HttpRequest& request_;
  std::vector<FieldError> errors_;
};

// `text` cut to `max_bytes` with control bytes replaced by '?', so that
// client-supplied text cannot forge log lines.
std::string ForLog(std::string_view text, size_t max_bytes = 200);

// The request path as the access log shows it: the secret segments replaced
// by "<redacted>" — the {token} parameters of `route_template` (the public
// API's status and rating links) and the token after the web UI's /status/
// and /ratings/ pages.
std::string PathForLog(std::string_view path, std::string_view route_template);

// "user:<id> <email>", the audit actor label of a user.
std::string ActorLabel(const User& user);

}  // namespace hearken::http
