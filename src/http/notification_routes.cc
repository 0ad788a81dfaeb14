// Each member of staff's own notifications (issue 7): the inbox with its
// unread count, read marks, and what they want to be told in the app and by
// e-mail per kind. Every route is about the caller only: nobody reads or
// marks another person's notices, whatever their role.
#include <cstdint>
#include <set>

#include "core/notification.h"
#include "core/time_format.h"
#include "http/json_input.h"
#include "http/openapi_schema.h"
#include "http/problem.h"
#include "http/routes.h"

namespace hearken::http {
namespace {

constexpr size_t kMaxIdsPerCall = 500;

Json NotificationJson(const Notification& n) {
  return {{"id", n.id},
          {"kind", std::string(ToString(n.kind))},
          {"title", n.title},
          {"body", n.body},
          {"link", n.link},
          {"complaint_id", n.complaint_id ? Json(*n.complaint_id) : Json(nullptr)},
          {"action_id", n.action_id ? Json(*n.action_id) : Json(nullptr)},
          {"created_at", FormatTimestamp(n.created_at)},
          {"read_at", n.read_at ? Json(FormatTimestamp(*n.read_at)) : Json(nullptr)}};
}

Json PreferencesJson(const std::vector<NotificationPreference>& preferences) {
  Json items = Json::array();
  for (const NotificationPreference& p : preferences)
    items.push_back({{"kind", std::string(ToString(p.kind))}, {"in_app", p.in_app}, {"email", p.email}});
  return {{"items", items}};
}

HttpResponse ListNotifications(Services& s, RequestContext& ctx) {
  auto options = ParseListOptions(ctx.request, {});
  if (!options.ok()) return ErrorResponse(options.error());
  QueryReader q(ctx.request);
  const std::string unread = q.Text("unread");
  Status st = q.Finish();
  if (!st.ok()) return ErrorResponse(st.error());
  if (unread != "" && unread != "true" && unread != "false")
    return ErrorResponse(Error::InvalidField("unread", "must be true or false"));
  auto page = s.store.notifications().ListNotifications(ctx.principal->user.id, unread == "true", *options);
  if (!page.ok()) return ErrorResponse(page.error());
  Json items = Json::array();
  for (const Notification& n : page->items) items.push_back(NotificationJson(n));
  return JsonResponse(200, {{"items", items}, {"total", page->total}, {"limit", options->limit},
                            {"offset", options->offset}});
}

HttpResponse UnreadCount(Services& s, RequestContext& ctx) {
  auto count = s.store.notifications().CountUnread(ctx.principal->user.id);
  if (!count.ok()) return ErrorResponse(count.error());
  return JsonResponse(200, {{"unread", *count}});
}

HttpResponse MarkRead(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  const Json& o = *body.object;
  std::vector<FieldError> errors;
  for (const auto& [key, value] : o.items())
    if (key != "ids" && key != "all") errors.push_back({key, "is not a known field"});
  bool all = false;
  if (o.contains("all")) {
    if (o["all"].is_boolean()) all = o["all"].get<bool>();
    else errors.push_back({"all", "must be true or false"});
  }
  std::vector<Id> ids;
  if (o.contains("ids")) {
    const Json& list = o["ids"];
    if (!list.is_array()) {
      errors.push_back({"ids", "must be an array of notification ids"});
    } else if (list.size() > kMaxIdsPerCall) {
      errors.push_back({"ids", "at most 500 ids"});
    } else {
      for (size_t i = 0; i < list.size(); ++i) {
        if (list[i].is_number_unsigned() && list[i].get<std::uint64_t>() > 0 &&
            list[i].get<std::uint64_t>() <= static_cast<std::uint64_t>(INT64_MAX))
          ids.push_back(list[i].get<Id>());
        else
          errors.push_back({"ids/" + std::to_string(i), "must be a positive integer"});
      }
    }
  }
  if (!all && !o.contains("ids")) errors.push_back({"ids", "give ids, or all: true"});
  if (!errors.empty()) return ErrorResponse(Error::InvalidArgument("invalid notification read mark", errors));
  auto unread = s.store.notifications().MarkRead(ctx.principal->user.id, ids, all);
  if (!unread.ok()) return ErrorResponse(unread.error());
  return JsonResponse(200, {{"unread", *unread}});
}

HttpResponse GetPreferences(Services& s, RequestContext& ctx) {
  auto preferences = s.store.notifications().GetNotificationPreferences(ctx.principal->user.id);
  if (!preferences.ok()) return ErrorResponse(preferences.error());
  return JsonResponse(200, PreferencesJson(*preferences));
}

HttpResponse PutPreferences(Services& s, RequestContext& ctx) {
  ParsedBody body = ParseJsonObject(ctx.request);
  if (body.problem) return *body.problem;
  const Json& o = *body.object;
  std::vector<FieldError> errors;
  std::vector<NotificationPreference> preferences;
  for (const auto& [key, value] : o.items())
    if (key != "items") errors.push_back({key, "is not a known field"});
  if (!o.contains("items") || !o["items"].is_array()) {
    errors.push_back({"items", "must be an array of {kind, in_app, email}"});
  } else if (o["items"].size() > AllNotificationKinds().size()) {
    errors.push_back({"items", "at most one entry per kind"});
  } else {
    std::set<NotificationKind> seen;
    for (size_t i = 0; i < o["items"].size(); ++i) {
      const Json& item = o["items"][i];
      const std::string at = "items/" + std::to_string(i);
      if (!item.is_object()) {
        errors.push_back({at, "must be an object {kind, in_app, email}"});
        continue;
      }
      ObjectReader reader(item, at + "/");
      reader.Require("kind");
      reader.Require("in_app");
      reader.Require("email");
      NotificationPreference p;
      reader.Enum("kind", &p.kind, &ParseNotificationKind);
      reader.Bool("in_app", &p.in_app);
      reader.Bool("email", &p.email);
      if (Status st = reader.Finish(); !st.ok()) {
        for (const FieldError& e : st.error().fields) errors.push_back(e);
        continue;
      }
      if (!seen.insert(p.kind).second) errors.push_back({at + "/kind", "appears twice"});
      preferences.push_back(p);
    }
  }
  if (!errors.empty()) return ErrorResponse(Error::InvalidArgument("invalid notification preferences", errors));
  if (Status st = s.store.notifications().SetNotificationPreferences(ctx.principal->user.id, preferences); !st.ok())
    return ErrorResponse(st.error());
  return GetPreferences(s, ctx);
}

}  // namespace

void AddNotificationRoutes(Router& router, Services& s) {
  using namespace schema;
  const RouteAdapter h(s);
  const std::string tag = "notifications";
  Json kind = EnumT<NotificationKind>();
  router.AddSchema("Notification", Obj({{"id", IdT()}, {"kind", kind}, {"title", Str()}, {"body", Str()},
                                        {"link", Str()}, {"complaint_id", NId()}, {"action_id", NId()},
                                        {"created_at", Time()}, {"read_at", NTime()}}));
  router.AddSchema("NotificationPage", Obj({{"items", ArrayOf(Ref("Notification"))}, {"total", Int()},
                                            {"limit", Int()}, {"offset", Int()}}));
  router.AddSchema("UnreadCount", Obj({{"unread", Int()}}));
  router.AddSchema("NotificationRead", Obj({{"ids", ArrayOf(IdT())}, {"all", Bool()}}, {}, true));
  Json preference = Obj({{"kind", kind}, {"in_app", Bool()}, {"email", Bool()}}, {"kind", "in_app", "email"}, true);
  router.AddSchema("NotificationPreferences", Obj({{"items", ArrayOf(preference)}}, {"items"}, true));

  router.Add({.method = "GET", .path = "/api/v1/notifications", .access = Access::kAnyRole, .tag = tag,
              .summary = "The caller's notifications, newest first (unread=true: only unread)",
              .response_schema = "NotificationPage", .query = {"limit", "offset", "unread"},
              .handler = h(ListNotifications)});
  router.Add({.method = "GET", .path = "/api/v1/notifications/unread-count", .access = Access::kAnyRole,
              .tag = tag, .summary = "How many of the caller's notifications are unread",
              .response_schema = "UnreadCount", .handler = h(UnreadCount)});
  router.Add({.method = "POST", .path = "/api/v1/notifications/read", .access = Access::kAnyRole, .tag = tag,
              .summary = "Mark the caller's notifications read ({ids} or {all: true}); answers the unread count",
              .request_schema = "NotificationRead", .response_schema = "UnreadCount", .handler = h(MarkRead)});
  router.Add({.method = "GET", .path = "/api/v1/notifications/preferences", .access = Access::kAnyRole,
              .tag = tag, .summary = "What the caller is told, per kind, in the app and by e-mail",
              .response_schema = "NotificationPreferences", .handler = h(GetPreferences)});
  router.Add({.method = "PUT", .path = "/api/v1/notifications/preferences", .access = Access::kAnyRole,
              .tag = tag, .summary = "Change what the caller is told, per kind",
              .request_schema = "NotificationPreferences", .response_schema = "NotificationPreferences",
              .handler = h(PutPreferences)});
}

}  // namespace hearken::http
