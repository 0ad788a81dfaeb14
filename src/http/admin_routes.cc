// Organisation settings, user accounts and API tokens.
#include "core/crypto.h"
#include "core/validation.h"
#include "http/json_input.h"
#include "http/problem.h"
#include "http/work_slots.h"
#include "http/routes.h"

namespace hearken::http {
namespace {

HttpResponse GetSettings(Services& s, RequestContext&) {
  auto settings = s.store.organisation().GetSettings();
  if (!settings.ok()) return ErrorResponse(settings.error());
  return JsonResponse(200, ToJson(*settings));
}

HttpResponse PutSettings(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  OrgSettings settings;
  ObjectReader reader(*body.object);
  reader.Require("name");
  reader.Require("time_zone");
  reader.String("name", &settings.name);
  reader.String("time_zone", &settings.time_zone);
  if (Status st = reader.Finish(); !st.ok()) return ErrorResponse(st.error());
  if (Status st = ValidateSettings(settings); !st.ok()) return ErrorResponse(st.error());
  auto updated = s.store.organisation().UpdateSettings(ctx.write, settings);
  if (!updated.ok()) return ErrorResponse(updated.error());
  return JsonResponse(200, ToJson(*updated));
}

// Reads the editable user fields; `password` is set when given.
Status ReadUser(const Json& object, User* user, std::optional<std::string>* password, bool create) {
  ObjectReader reader(object);
  if (create) {
    reader.Require("email");
    reader.Require("password");
  }
  reader.String("email", &user->email);
  reader.String("display_name", &user->display_name);
  reader.Enum("role", &user->role, &ParseRole);
  reader.Bool("enabled", &user->enabled);
  reader.OptionalString("password", password);
  if (Status st = reader.Finish(); !st.ok()) return st;
  std::vector<FieldError> errors;
  if (Status st = ValidateUser(*user); !st.ok()) errors = st.error().fields;
  if (*password) {
    if (Status st = ValidatePassword(**password); !st.ok())
      errors.insert(errors.end(), st.error().fields.begin(), st.error().fields.end());
  } else if (create) {
    errors.push_back({"password", "is required"});
  }
  if (errors.empty()) return Status::Ok();
  return Error::InvalidArgument("invalid user", std::move(errors));
}

HttpResponse ListUsers(Services& s, RequestContext& ctx) {
  auto options = ParseListOptions(ctx.request, {"email", "display_name", "role", "created_at"});
  if (!options.ok()) return ErrorResponse(options.error());
  auto page = s.store.users().ListUsers(*options);
  if (!page.ok()) return ErrorResponse(page.error());
  return JsonResponse(200, PageJson(*page, *options));
}

// The people complaints and corrective actions can be assigned to (enabled
// handlers, quality managers and admins): id, name and role only, for every
// signed-in role, so that assignee pickers and lists can show names.
HttpResponse ListStaff(Services& s, RequestContext&) {
  Json items = Json::array();
  ListOptions options;
  options.limit = 500;
  options.sort = "display_name";
  for (;;) {
    auto page = s.store.users().ListUsers(options);
    if (!page.ok()) return ErrorResponse(page.error());
    for (const User& u : page->items) {
      if (!u.enabled || u.role == Role::kViewer) continue;
      items.push_back({{"id", u.id}, {"display_name", u.display_name.empty() ? u.email : u.display_name},
                       {"role", std::string(ToString(u.role))}});
    }
    options.offset += static_cast<int>(page->items.size());
    if (page->items.empty() || options.offset >= page->total) break;
  }
  return JsonResponse(200, Json{{"items", std::move(items)}});
}

HttpResponse CreateUser(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  User user;
  std::optional<std::string> password;
  if (Status st = ReadUser(*body.object, &user, &password, true); !st.ok()) return ErrorResponse(st.error());
  auto slot = s.hashing.TryAcquireFor(s.options.queue_deadline);
  if (!slot) return Unavailable(1);
  auto hash = HashPassword(*password);
  slot.reset();
  if (!hash.ok()) return ErrorResponse(hash.error());
  user.password_hash = *hash;
  user.email = AsciiLower(user.email);
  auto created = s.store.users().CreateUser(ctx.write, user);
  if (!created.ok()) return ErrorResponse(created.error());
  return CreatedResponse("/api/v1/users/" + std::to_string(created->id), ToJson(*created));
}

HttpResponse GetUser(Services& s, RequestContext& ctx) {
  auto user = s.store.users().GetUser(ctx.PathId("id"));
  if (!user.ok()) return ErrorResponse(user.error());
  return JsonResponse(200, ToJson(*user));
}

HttpResponse PatchUser(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  auto user = s.store.users().GetUser(ctx.PathId("id"));
  if (!user.ok()) return ErrorResponse(user.error());
  std::optional<std::string> password;
  if (Status st = ReadUser(*body.object, &*user, &password, false); !st.ok()) return ErrorResponse(st.error());
  user->email = AsciiLower(user->email);
  // The fields and a new password change in one transaction. A new password
  // ends the user's other sessions; the caller's own session survives when
  // they changed their own password.
  std::optional<PasswordChange> change;
  if (password) {
    auto slot = s.hashing.TryAcquireFor(s.options.queue_deadline);
    if (!slot) return Unavailable(1);
    auto hash = HashPassword(*password);
    if (!hash.ok()) return ErrorResponse(hash.error());
    change = PasswordChange{*hash, ""};
    if (ctx.principal && ctx.principal->user.id == user->id && ctx.principal->kind == AuthKind::kSession)
      change->keep_session_hash = ctx.principal->session_token_hash;
  }
  auto updated = s.store.users().UpdateUser(ctx.write, *user, change);
  if (!updated.ok()) return ErrorResponse(updated.error());
  return JsonResponse(200, ToJson(*updated));
}

HttpResponse ListTokens(Services& s, RequestContext& ctx) {
  auto tokens = s.store.users().ListApiTokens(ctx.principal->user.id);
  if (!tokens.ok()) return ErrorResponse(tokens.error());
  Json items = Json::array();
  for (const auto& t : *tokens) items.push_back(ToJson(t));
  const auto total = static_cast<std::int64_t>(items.size());
  return JsonResponse(200, {{"items", std::move(items)}, {"total", total}, {"limit", total}, {"offset", 0}});
}

HttpResponse CreateToken(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  std::string name;
  ObjectReader reader(*body.object);
  reader.Require("name");
  reader.String("name", &name);
  if (Status st = reader.Finish(); !st.ok()) return ErrorResponse(st.error());
  if (!IsCleanUtf8(name) || name.find_first_not_of(" \t") == std::string::npos || name.size() > kMaxNameLength)
    return ErrorResponse(Error::InvalidField("name", "must be non-empty text of at most 200 bytes"));
  const std::string token = RandomToken(32);
  auto created = s.store.users().CreateApiToken(ctx.write, ctx.principal->user.id, name, HashToken(token));
  if (!created.ok()) return ErrorResponse(created.error());
  Json json = ToJson(*created);
  json["token"] = token;
  return CreatedResponse("/api/v1/tokens/" + std::to_string(created->id), json);
}

HttpResponse RevokeToken(Services& s, RequestContext& ctx) {
  auto token = s.store.users().GetApiToken(ctx.PathId("id"));
  if (!token.ok()) return ErrorResponse(token.error());
  // Only one's own tokens (administrators may revoke any).
  if (token->user_id != ctx.principal->user.id && ctx.principal->user.role != Role::kAdmin)
    return Problem(404, "no such token");
  if (Status st = s.store.users().RevokeApiToken(ctx.write, token->id); !st.ok()) return ErrorResponse(st.error());
  return NoContent();
}

}  // namespace

void AddAdminRoutes(Router& router, Services& s) {
  const RouteAdapter h(s);
  router.Add({.method = "GET", .path = "/api/v1/settings", .roles = AllRoles(), .tag = "settings",
              .summary = "Organisation settings", .response_schema = "Settings", .handler = h(GetSettings)});
  router.Add({.method = "PUT", .path = "/api/v1/settings", .roles = AdminRoles(), .tag = "settings",
              .summary = "Replace the organisation settings", .request_schema = "SettingsInput",
              .response_schema = "Settings", .handler = h(PutSettings)});
  router.Add({.method = "GET", .path = "/api/v1/users", .roles = AdminRoles(), .tag = "users",
              .summary = "List users", .response_schema = "UserPage", .query = {"limit", "offset", "sort"},
              .handler = h(ListUsers)});
  router.Add({.method = "POST", .path = "/api/v1/users", .roles = AdminRoles(), .tag = "users",
              .summary = "Create a user", .request_schema = "UserInput", .response_schema = "User",
              .success_status = 201, .handler = h(CreateUser)});
  router.Add({.method = "GET", .path = "/api/v1/users/{id}", .roles = AdminRoles(), .tag = "users",
              .summary = "One user", .response_schema = "User", .handler = h(GetUser)});
  router.Add({.method = "PATCH", .path = "/api/v1/users/{id}", .roles = AdminRoles(), .tag = "users",
              .summary = "Change a user (any subset of fields; password too)", .request_schema = "UserInput",
              .response_schema = "User", .handler = h(PatchUser)});
  router.Add({.method = "GET", .path = "/api/v1/staff", .roles = AllRoles(), .tag = "users",
              .summary = "People who can be assigned work: enabled handlers, quality managers and admins "
                         "(id, display_name, role)",
              .response_schema = "StaffList", .handler = h(ListStaff)});
  router.Add({.method = "GET", .path = "/api/v1/tokens", .access = Access::kAnyRole, .tag = "tokens",
              .summary = "The caller's API tokens", .response_schema = "ApiTokenPage", .handler = h(ListTokens)});
  router.Add({.method = "POST", .path = "/api/v1/tokens", .access = Access::kAnyRole, .tag = "tokens",
              .summary = "Create an API token for the caller (the token is shown once)",
              .request_schema = "ApiTokenInput", .response_schema = "NewApiToken", .success_status = 201,
              .handler = h(CreateToken)});
  router.Add({.method = "DELETE", .path = "/api/v1/tokens/{id}", .access = Access::kAnyRole, .tag = "tokens",
              .summary = "Revoke one of the caller's tokens", .success_status = 204, .handler = h(RevokeToken)});
}

}  // namespace hearken::http
