#include "http/openapi.h"

#include "http/openapi_schema.h"
#include "http/problem.h"

namespace hearken::http {
namespace {

using namespace schema;

Json Schemas() {
  Json s;
  s["Problem"] = Obj({{"type", Str()}, {"title", Str()}, {"status", Int()}, {"detail", Str()},
                      {"errors", {{"type", "array"}, {"items", Obj({{"field", Str()}, {"message", Str()}})}}}});
  s["Login"] = Obj({{"email", Str()}, {"password", Str()}}, {"email", "password"}, true);
  s["User"] = Obj({{"id", IdT()}, {"email", Str()}, {"display_name", Str()}, {"role", EnumT<Role>()},
                   {"enabled", Bool()}, {"created_at", Time()}, {"updated_at", Time()}});
  s["UserInput"] = Obj({{"email", Str()}, {"display_name", Str()}, {"role", EnumT<Role>()}, {"enabled", Bool()},
                        {"password", {{"type", "string"}, {"minLength", 12}, {"maxLength", 256}}}},
                       {}, true);
  s["UserPage"] = PageOf("User");
  s["StaffList"] = Obj({{"items", ArrayOf(Obj({{"id", IdT()}, {"display_name", Str()}, {"role", EnumT<Role>()}}))}});
  s["SignedIn"] = Obj({{"user", Ref("User")}, {"csrf_token", NStr()}});
  s["Settings"] = Obj({{"name", Str()}, {"time_zone", Str()}, {"updated_at", Time()}});
  s["SettingsInput"] = Obj({{"name", Str()}, {"time_zone", Str()}}, {"name", "time_zone"}, true);
  s["ApiToken"] = Obj({{"id", IdT()}, {"user_id", IdT()}, {"name", Str()}, {"created_at", Time()},
                       {"revoked_at", NTime()}});
  s["ApiTokenInput"] = Obj({{"name", Str()}}, {"name"}, true);
  s["NewApiToken"] = Obj({{"id", IdT()}, {"user_id", IdT()}, {"name", Str()}, {"created_at", Time()},
                          {"revoked_at", NTime()}, {"token", Str()}});
  s["ApiTokenPage"] = PageOf("ApiToken");
  Json customer_fields = {{"kind", EnumT<CustomerKind>()}, {"name", Str()}, {"email", Str()}, {"phone", Str()},
                          {"segment_id", NId()}, {"site", Str()},
                          {"tags", {{"type", "array"}, {"items", Str()}, {"maxItems", 20}}},
                          {"consent_survey", Bool()}, {"consent_marketing", Bool()}, {"external_ref", Str()}};
  s["CustomerInput"] = Obj(customer_fields, {}, true);
  Json customer = customer_fields;
  customer["id"] = IdT();
  customer["consent_survey_at"] = NTime();
  customer["consent_marketing_at"] = NTime();
  customer["created_at"] = Time();
  customer["updated_at"] = Time();
  s["Customer"] = Obj(customer);
  s["CustomerPage"] = PageOf("Customer");
  s["Need"] = Obj({{"description", Str()}, {"class", EnumT<NeedClass>()},
                   {"importance", {{"type", "integer"}, {"minimum", 1}, {"maximum", 5}}}},
                  {}, true);
  s["SegmentInput"] =
      Obj({{"name", Str()}, {"description", Str()}, {"needs", {{"type", "array"}, {"items", Ref("Need")}}}}, {}, true);
  s["Segment"] = Obj({{"id", IdT()}, {"name", Str()}, {"description", Str()},
                      {"needs", {{"type", "array"}, {"items", Ref("Need")}}}, {"created_at", Time()},
                      {"updated_at", Time()}});
  s["SegmentPage"] = PageOf("Segment");
  s["RequirementInput"] = Obj({{"scope", EnumT<RequirementScope>()}, {"customer_id", NId()},
                               {"segment_id", NId()}, {"kind", EnumT<RequirementKind>()}, {"text", Str()},
                               {"source_ref", Str()}},
                              {"scope", "text"}, true);
  s["Requirement"] = Obj({{"id", IdT()}, {"version", Int()}, {"scope", EnumT<RequirementScope>()},
                          {"customer_id", NId()}, {"segment_id", NId()},
                          {"kind", EnumT<RequirementKind>()}, {"text", Str()}, {"source_ref", Str()},
                          {"status", EnumT<RequirementStatus>()}, {"created_by", Str()}, {"created_at", Time()},
                          {"updated_at", Time()}});
  s["RequirementPage"] = PageOf("Requirement");
  s["RequirementVersion"] = Obj({{"requirement_id", IdT()}, {"version", Int()}, {"kind", EnumT<RequirementKind>()},
                                 {"text", Str()}, {"source_ref", Str()}, {"created_by", Str()},
                                 {"created_at", Time()}});
  s["RequirementVersionList"] = PageOf("RequirementVersion");
  s["ReviewInput"] = Obj({{"outcome", EnumT<ReviewOutcome>()}, {"notes", Str()}, {"text", Str()},
                          {"source_ref", Str()}, {"kind", EnumT<RequirementKind>()}},
                         {"outcome"}, true);
  s["Review"] = Obj({{"id", IdT()}, {"requirement_id", IdT()}, {"version", Int()}, {"reviewer_id", NId()},
                     {"reviewer", Str()}, {"reviewed_at", Time()}, {"outcome", EnumT<ReviewOutcome>()},
                     {"notes", Str()}});
  s["ReviewList"] = PageOf("Review");
  Json comm_fields = {{"customer_id", IdT()}, {"channel", EnumT<Channel>()}, {"direction", EnumT<Direction>()},
                      {"subject", Str()}, {"body", Str()}, {"occurred_at", Time()}};
  s["CommunicationInput"] = Obj(comm_fields, {}, true);
  Json comm = comm_fields;
  comm["id"] = IdT();
  comm["recorded_by_id"] = NId();
  comm["recorded_by"] = Str();
  comm["created_at"] = Time();
  comm["updated_at"] = Time();
  s["Communication"] = Obj(comm);
  s["CommunicationPage"] = PageOf("Communication");
  s["AuditEntry"] = Obj({{"seq", Int()}, {"at", Time()}, {"actor", Str()}, {"entity_type", Str()},
                         {"entity_id", Str()}, {"action", Str()}, {"old_value", {{"nullable", true}}},
                         {"new_value", {{"nullable", true}}}, {"reason", Str()}, {"hash", Str()}});
  s["AuditPage"] = PageOf("AuditEntry");
  s["AuditEntityTypes"] = Obj({{"items", ArrayOf(Str())}});
  s["SubjectErasure"] = Obj({{"email", Str()}, {"reason", Str()}}, {"email", "reason"}, true);
  s["AuditVerification"] =
      Obj({{"intact", Bool()},
           {"entries_checked", Int()},
           {"problems", {{"type", "array"},
                         {"items", Obj({{"seq", Int()},
                                        {"kind", {{"type", "string"}, {"enum", {"altered", "missing", "reordered", "truncated"}}}},
                                        {"message", Str()}})}}}});
  return s;
}

// The shared schemas above and those the routes files registered.
Json AllSchemas(const Router& router) {
  Json s = Schemas();
  for (const auto& [name, schema] : router.schemas()) s[name] = schema;
  return s;
}

std::string Lower(const std::string& s) {
  std::string out = s;
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

std::string OperationId(const Route& route) {
  std::string id = Lower(route.method);
  for (char c : route.path) {
    if (c == '/' || c == '{' || c == '}' || c == '.') id += '_';
    else id += c;
  }
  return id;
}

Json Problem() { return {{"application/problem+json", {{"schema", Ref("Problem")}}}}; }

}  // namespace

Json BuildOpenApi(const Router& router) {
  Json paths = Json::object();
  for (const auto& route : router.routes()) {
    Json op;
    op["operationId"] = OperationId(route);
    op["summary"] = route.summary;
    op["tags"] = {route.tag};
    Json roles = Json::array();
    if (route.access == Access::kPublic) {
      op["security"] = Json::array();
    } else if (route.access == Access::kSignedInOrNot) {
      op["security"] = Json::array({Json::object(), {{"cookie", Json::array()}}, {{"bearer", Json::array()}}});
    } else {
      const auto allowed = route.access == Access::kAnyRole ? AllRoles() : route.roles;
      for (Role r : allowed) roles.push_back(std::string(ToString(r)));
      op["x-roles"] = roles;
    }
    Json params = Json::array();
    for (size_t open = route.path.find('{'); open != std::string::npos; open = route.path.find('{', open + 1)) {
      const std::string name = route.path.substr(open + 1, route.path.find('}', open) - open - 1);
      const bool is_id = name == "id" || name.ends_with("_id");
      params.push_back({{"name", name}, {"in", "path"}, {"required", true}, {"schema", is_id ? IdT() : Str()}});
    }
    for (const auto& q : route.query) {
      Json schema = (q == "limit" || q == "offset" || q.ends_with("_id")) ? Int() : Str();
      params.push_back({{"name", q}, {"in", "query"}, {"required", false}, {"schema", schema}});
    }
    if (!params.empty()) op["parameters"] = params;
    if (!route.request_schema.empty())
      op["requestBody"] = {{"required", true},
                           {"content", {{"application/json", {{"schema", Ref(route.request_schema)}}}}}};
    Json responses;
    Json success = {{"description", StatusTitle(route.success_status)}};
    if (!route.response_schema.empty()) {
      const std::string type = route.path == "/metrics" ? "text/plain" : "application/json";
      Json schema = route.response_schema != "-"      ? Ref(route.response_schema)
                    : type == "text/plain"              ? Json{{"type", "string"}}
                                                        : Json{{"type", "object"}};
      success["content"] = {{type, {{"schema", schema}}}};
    }
    responses[std::to_string(route.success_status)] = success;
    responses["default"] = {{"description", "problem (RFC 9457)"}, {"content", Problem()}};
    op["responses"] = responses;
    paths[route.path][Lower(route.method)] = op;
  }
  return {{"openapi", "3.0.3"},
          {"info", {{"title", "Hearken API"}, {"version", "1"},
                    {"description", "Customer focus (ISO 9001) REST API. Roles per operation in x-roles."}}},
          {"servers", {{{"url", "/"}}}},
          {"paths", paths},
          {"components",
           {{"schemas", AllSchemas(router)},
            {"securitySchemes",
             {{"cookie", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "hearken_session"}}},
              {"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}}},
          {"security", {{{"cookie", Json::array()}}, {{"bearer", Json::array()}}}}};
}

}  // namespace hearken::http
