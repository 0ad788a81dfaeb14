// The route table of the API: each route declares its method, path template
// ("/api/v1/customers/{id}"), who may call it, and its documentation. The same
// table dispatches requests and generates the OpenAPI document (openapi.h),
// so the two cannot drift apart.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/entities.h"
#include "core/json_codec.h"
#include "core/result.h"
#include "http/http_types.h"
#include "store/store.h"

namespace hearken::http {

enum class AuthKind { kSession, kBearer };

// The signed-in caller of a request.
struct Principal {
  User user;
  AuthKind kind = AuthKind::kSession;
  std::string session_token_hash;  // kSession only
  std::string csrf_token;          // kSession only
};

// What a handler sees of one request.
struct RequestContext {
  const HttpRequest& request;
  std::map<std::string, std::string> params;  // path parameters, validated positive integers
  std::optional<Principal> principal;         // set for every non-public route
  WriteContext write;                         // actor label and X-Audit-Reason

  // The path parameter `name` as an id (the router guarantees it is positive).
  Id PathId(const std::string& name) const;
  // The path parameter `name` as text (empty when absent).
  const std::string& PathText(const std::string& name) const;
};

using Handler = std::function<HttpResponse(RequestContext&)>;

// Who may call a route. kSignedInOrNot: anyone, and the handler sees the
// principal when the caller is signed in (ctx.principal empty otherwise) —
// for "am I signed in?", which must not answer 401 to every visitor.
enum class Access { kPublic, kSignedInOrNot, kAnyRole, kRoles };

struct Route {
  std::string method;  // GET, POST, PUT, PATCH, DELETE
  // Template. A segment {id} or {<name>_id} matches a positive integer id;
  // any other {name} (a token, a reference, a period) matches 1 to 200
  // URL-safe characters [A-Za-z0-9._~-].
  std::string path;
  Access access = Access::kRoles;
  std::vector<Role> roles;  // for Access::kRoles
  std::string tag;          // OpenAPI grouping
  std::string summary;
  std::string request_schema;   // components/schemas name of the body, or empty
  std::string response_schema;  // schema of the success body, or empty (no body)
  int success_status = 200;
  std::vector<std::string> query;  // documented query parameters
  Handler handler;
  // Largest request body accepted, in bytes; 0 means the server's default
  // (ServerOptions::max_body_bytes). The server reads the request head,
  // finds the route and applies this limit before it reads the body.
  std::size_t max_body_bytes = 0;
  // Checked from the request head, before the body is read (public rate
  // limits): a response refuses the request (the body is never read), no
  // value lets it go on. Counts the request.
  std::function<std::optional<HttpResponse>(const HttpRequest& head)> admit;
  // Answered on the I/O thread instead of the worker pool: only for routes
  // that touch neither the store nor password hashing (/healthz, /metrics).
  bool on_io_thread = false;
  // The same, decided per request from its head and path parameters: an intake route
  // whose survey is in memory validates on the I/O thread and hands its
  // write to the store without waiting (its handler then reads no store).
  std::function<bool(const HttpRequest& head, const std::map<std::string, std::string>& params)> on_io_thread_if;
  // The handler applies the Idempotency-Key header itself (survey answers
  // keep the key in the answer, per survey), instead of http/idempotency.h.
  bool own_idempotency = false;

  bool Allows(Role role) const;
};

class Router {
 public:
  // Adds a route. Routes are matched in the order they were added.
  void Add(Route route);

  struct Match {
    const Route* route = nullptr;                // the route for method and path
    std::map<std::string, std::string> params;   // its path parameters
    std::vector<std::string> allowed_methods;    // when the path matched but the method did not
  };
  Match Find(const std::string& method, const std::string& path) const;

  const std::vector<Route>& routes() const { return routes_; }

  // Adds (or replaces) a named schema of the OpenAPI document's
  // components/schemas, so that each routes file documents its own records.
  void AddSchema(const std::string& name, Json schema);
  const std::map<std::string, Json>& schemas() const { return schemas_; }

 private:
  std::vector<Route> routes_;
  std::vector<std::vector<std::string>> patterns_;  // routes_[i].path split into segments
  std::map<std::string, Json> schemas_;
};

// The role groups of docs/API.md.
std::vector<Role> AllRoles();
std::vector<Role> WriterRoles();   // handler, quality_manager, admin
std::vector<Role> QualityRoles();  // quality_manager, admin
std::vector<Role> AdminRoles();    // admin

}  // namespace hearken::http
