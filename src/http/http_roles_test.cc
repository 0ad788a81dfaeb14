// The role × route matrix over every registered route, and the OpenAPI
// document's completeness against the same route table.
#include <algorithm>
#include <regex>
#include <set>

#include <gtest/gtest.h>

#include "http/api.h"
#include "http/audit_access.h"
#include "http/router.h"
#include "http/test_support.h"

namespace hearken::http::testing {
namespace {

class RolesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { h_ = new Harness(); }
  static void TearDownTestSuite() {
    delete h_;
    h_ = nullptr;
  }
  static Harness* h_;
};
Harness* RolesTest::h_ = nullptr;

// A concrete path for a template: ids that do not exist, so that allowed
// writes touch nothing (they answer 404 or 422, never 401/403).
std::string Concrete(const std::string& path) { return std::regex_replace(path, std::regex("\\{[a-z_]+\\}"), "999999"); }

Reply Call(unsigned short port, const Route& route, const Auth& auth) {
  const bool has_body = route.method == "POST" || route.method == "PUT" || route.method == "PATCH";
  return Send(port, route.method, Concrete(route.path), has_body ? "{}" : "", auth);
}

// The expected roles per docs/API.md, written out independently of the
// route table.
std::vector<Role> ExpectedRoles(const std::string& method, const std::string& path) {
  const std::vector<Role> all = {Role::kViewer, Role::kHandler, Role::kQualityManager, Role::kAdmin};
  const std::vector<Role> writers = {Role::kHandler, Role::kQualityManager, Role::kAdmin};
  const std::vector<Role> quality = {Role::kQualityManager, Role::kAdmin};
  const std::vector<Role> admin = {Role::kAdmin};
  auto starts = [&](const char* prefix) { return path.rfind(prefix, 0) == 0; };
  if (starts("/api/v1/auth/") || starts("/api/v1/tokens")) return all;
  if (starts("/api/v1/users") || starts("/api/v1/subjects")) return admin;
  if (path == "/api/v1/audit/verify") return quality;
  if (starts("/api/v1/complaint-settings")) return method == "GET" ? quality : admin;
  if (starts("/api/v1/notifications")) return all;  // each person's own
  if (starts("/api/v1/feedback/webhooks")) return admin;  // incoming-webhook secrets
  if (starts("/api/v1/saved-views")) return all;    // each person's own, or shared
  if (method == "GET") return all;
  if (path == "/api/v1/settings/contact-rules") return quality;  // survey invitations (issue 8)
  if (path == "/api/v1/survey-events") return writers;           // an integrator's event
  if (starts("/api/v1/settings")) return admin;
  if (starts("/api/v1/customers") || starts("/api/v1/communications")) return writers;
  if (starts("/api/v1/segments") || starts("/api/v1/requirements")) return quality;
  if (path == "/api/v1/surveys/{id}/answers") return writers;  // an integrator's answer
  if (starts("/api/v1/surveys")) return quality;
  if (path == "/api/v1/complaints/import") return quality;
  if (starts("/api/v1/complaints") || starts("/api/v1/corrective-actions")) return writers;
  if (starts("/api/v1/complaint-categories") || starts("/api/v1/period-volumes")) return quality;
  if (starts("/api/v1/feedback")) return writers;
  return {};
}

bool IsPublic(const std::string& path) {
  return path == "/api/v1/auth/login" || path == "/api/v1/auth/session" || path == "/api/v1/openapi.json" ||
         path == "/healthz" ||
         path == "/readyz" || path == "/metrics" || path.rfind("/api/v1/public/", 0) == 0 ||
         path.rfind("/api/v1/hooks/", 0) == 0;
}

TEST_F(RolesTest, EveryRouteAnswersEveryRoleAsTheRoleTableSays) {
  const auto& routes = h_->server().api().router().routes();
  ASSERT_GE(routes.size(), 40u);
  int checked = 0;
  int public_routes = 0;
  for (const Route& route : routes) {
    const std::string name = route.method + " " + route.path;
    if (IsPublic(route.path)) {
      EXPECT_TRUE(route.access == Access::kPublic || route.access == Access::kSignedInOrNot) << name;
      Reply anonymous = Call(h_->port(), route, {});
      if (route.path.rfind("/api/v1/hooks/", 0) == 0) {  // no account, but a signature: unsigned is 401
        EXPECT_TRUE(IsProblem(anonymous, 401)) << name << " unsigned got " << anonymous.status;
        ++public_routes;
        continue;
      }
      EXPECT_NE(anonymous.status, 401) << name;
      EXPECT_NE(anonymous.status, 403) << name;
      EXPECT_LT(anonymous.status, 500) << name << ": " << anonymous.body;
      ++public_routes;
      continue;
    }
    EXPECT_TRUE(IsProblem(Call(h_->port(), route, {}), 401)) << name << " anonymous";
    const auto allowed = ExpectedRoles(route.method, route.path);
    for (Role role : {Role::kViewer, Role::kHandler, Role::kQualityManager, Role::kAdmin}) {
      Reply reply = Call(h_->port(), route, h_->BearerOf(role));
      const bool expected = std::find(allowed.begin(), allowed.end(), role) != allowed.end();
      if (expected) {
        EXPECT_NE(reply.status, 401) << name << " as " << ToString(role) << ": " << reply.body;
        EXPECT_NE(reply.status, 403) << name << " as " << ToString(role) << ": " << reply.body;
        EXPECT_LT(reply.status, 500) << name << " as " << ToString(role) << ": " << reply.body;
      } else {
        EXPECT_TRUE(IsProblem(reply, 403)) << name << " as " << ToString(role) << " got " << reply.status;
      }
      ++checked;
    }
  }
  // Every non-public route was tried with every role (the route count itself
  // is pinned by ApiDocRoutesAreAllRegistered).
  EXPECT_GE(checked, 4 * 35);
}

// The audit page offers exactly the entity types a role may read, and every
// type the store has written an entry about (by the time this runs, the
// suite's other tests have written many) is among them.
TEST_F(RolesTest, EveryAuditedEntityTypeIsListed) {
  const std::vector<std::string>& known = AuditEntityTypes();
  for (Role role : {Role::kViewer, Role::kHandler, Role::kQualityManager, Role::kAdmin}) {
    Reply types = h_->Get("/api/v1/audit/entity-types", h_->BearerOf(role));
    ASSERT_EQ(types.status, 200) << types.body;
    std::vector<std::string> listed = types.json()["items"].get<std::vector<std::string>>();
    EXPECT_EQ(listed, AuditReadableEntityTypes(role));
    EXPECT_EQ(std::count(listed.begin(), listed.end(), "complaint"), 1);
    EXPECT_EQ(std::count(listed.begin(), listed.end(), "user"), role == Role::kAdmin ? 1 : 0);
  }
  Reply all = h_->Get("/api/v1/audit?limit=500&sort=-seq", h_->BearerOf(Role::kAdmin));
  ASSERT_EQ(all.status, 200) << all.body;
  const Json entries = all.json()["items"];
  ASSERT_FALSE(entries.empty());
  for (const auto& e : entries) {
    const std::string type = e["entity_type"];
    EXPECT_NE(std::find(known.begin(), known.end(), type), known.end()) << type << " is not in AuditEntityTypes()";
  }
}

// Audit entries follow the role rules of their entity: users, sessions and
// tokens for administrators only, the complaint settings for quality
// managers and administrators (http/audit_access.h).
TEST_F(RolesTest, AuditReadsFollowTheRoleRulesOfTheEntity) {
  h_->AddUser("audited-person@example.org", Role::kViewer);
  ASSERT_FALSE(h_->Login("audited-person@example.org").cookie.empty());
  Json current = h_->Get("/api/v1/complaint-settings", h_->BearerOf(Role::kAdmin)).json();
  current["mail_from"] = "complaints@example.org";
  Reply settings = h_->Put("/api/v1/complaint-settings", current, h_->BearerOf(Role::kAdmin));
  ASSERT_LT(settings.status, 300) << settings.body;
  const std::map<std::string, std::vector<Role>> readers = {
      {"user", {Role::kAdmin}},
      {"session", {Role::kAdmin}},
      {"complaint_settings", {Role::kQualityManager, Role::kAdmin}},
  };
  for (Role role : {Role::kViewer, Role::kHandler, Role::kQualityManager, Role::kAdmin}) {
    const std::string as = std::string(" as ") + std::string(ToString(role));
    for (const auto& [type, allowed] : readers) {
      const bool may = std::find(allowed.begin(), allowed.end(), role) != allowed.end();
      Reply filtered = h_->Get("/api/v1/audit?limit=500&entity_type=" + type, h_->BearerOf(role));
      if (may) {
        ASSERT_EQ(filtered.status, 200) << type << as;
        EXPECT_FALSE(filtered.json()["items"].empty()) << type << as;
      } else {
        EXPECT_TRUE(IsProblem(filtered, 403)) << type << as << ": " << filtered.status;
        EXPECT_EQ(filtered.body.find("audited-person@example.org"), std::string::npos) << type << as;
      }
    }
    // The unfiltered trail leaves out what the role may not read, and counts
    // only what it shows.
    Reply all = h_->Get("/api/v1/audit?limit=500", h_->BearerOf(role));
    ASSERT_EQ(all.status, 200) << as;
    const Json listed = all.json();
    std::set<std::string> types;
    for (const auto& e : listed["items"]) types.insert(e["entity_type"].get<std::string>());
    EXPECT_EQ(listed["total"].get<std::int64_t>(), static_cast<std::int64_t>(listed["items"].size())) << as;
    for (const auto& [type, allowed] : readers) {
      const bool may = std::find(allowed.begin(), allowed.end(), role) != allowed.end();
      EXPECT_EQ(types.count(type) == 1, may) << type << as;
    }
    if (role != Role::kAdmin) {
      EXPECT_EQ(all.body.find("audited-person@example.org"), std::string::npos) << as;
    }
  }
}

TEST_F(RolesTest, RolesAreEnforcedForCookieSessionsToo) {
  Auth viewer = h_->Login("viewer@example.org");
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/customers", {{"name", "x"}}, viewer), 403));
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/users", viewer), 403));
  EXPECT_EQ(h_->Get("/api/v1/customers", viewer).status, 200);
}

TEST_F(RolesTest, OpenApiDocumentsEveryRegisteredRouteWithItsRoles) {
  Reply reply = h_->Get("/api/v1/openapi.json", {});
  ASSERT_EQ(reply.status, 200);
  Json doc = reply.json();
  ASSERT_TRUE(doc.is_object());
  EXPECT_EQ(doc["openapi"].get<std::string>().substr(0, 2), "3.");
  for (const Route& route : h_->server().api().router().routes()) {
    std::string method = route.method;
    for (char& c : method) c = static_cast<char>(std::tolower(c));
    ASSERT_TRUE(doc["paths"].contains(route.path)) << route.path << " is missing from openapi.json";
    ASSERT_TRUE(doc["paths"][route.path].contains(method)) << route.method << " " << route.path << " is missing";
    const Json& op = doc["paths"][route.path][method];
    EXPECT_TRUE(op.contains("responses")) << route.path;
    if (route.access != Access::kPublic && route.access != Access::kSignedInOrNot) {
      EXPECT_TRUE(op.contains("x-roles")) << route.path;
    }
    if (route.path.find('{') != std::string::npos) {
      EXPECT_TRUE(op.contains("parameters")) << route.path;
    }
    // Every referenced schema exists.
    std::string text = op.dump();
    std::smatch m;
    std::regex ref("#/components/schemas/([A-Za-z]+)");
    for (auto it = text.cbegin(); std::regex_search(it, text.cend(), m, ref); it = m.suffix().first)
      EXPECT_TRUE(doc["components"]["schemas"].contains(m[1].str())) << m[1].str();
  }
  // And the other way round: nothing documented that is not routed.
  size_t documented = 0;
  for (auto& [path, ops] : doc["paths"].items()) documented += ops.size();
  EXPECT_EQ(documented, h_->server().api().router().routes().size());
}

TEST_F(RolesTest, ApiDocRoutesAreAllRegistered) {
  // The routes listed in docs/API.md, written out by hand.
  const std::vector<std::pair<std::string, std::string>> documented = {
      {"POST", "/api/v1/auth/login"}, {"POST", "/api/v1/auth/logout"}, {"GET", "/api/v1/auth/me"},
      {"GET", "/api/v1/settings"}, {"PUT", "/api/v1/settings"},
      {"GET", "/api/v1/users"}, {"POST", "/api/v1/users"}, {"GET", "/api/v1/users/{id}"}, {"PATCH", "/api/v1/users/{id}"},
      {"GET", "/api/v1/tokens"}, {"POST", "/api/v1/tokens"}, {"DELETE", "/api/v1/tokens/{id}"},
      {"GET", "/api/v1/staff"},
      {"GET", "/api/v1/customers"}, {"POST", "/api/v1/customers"}, {"GET", "/api/v1/customers/{id}"},
      {"PATCH", "/api/v1/customers/{id}"}, {"DELETE", "/api/v1/customers/{id}"},
      {"GET", "/api/v1/segments"}, {"POST", "/api/v1/segments"}, {"GET", "/api/v1/segments/{id}"},
      {"PATCH", "/api/v1/segments/{id}"}, {"DELETE", "/api/v1/segments/{id}"},
      {"GET", "/api/v1/requirements"}, {"POST", "/api/v1/requirements"}, {"GET", "/api/v1/requirements/{id}"},
      {"GET", "/api/v1/requirements/{id}/versions"}, {"GET", "/api/v1/requirements/{id}/reviews"},
      {"POST", "/api/v1/requirements/{id}/reviews"}, {"POST", "/api/v1/requirements/{id}/withdraw"},
      {"GET", "/api/v1/communications"}, {"POST", "/api/v1/communications"}, {"GET", "/api/v1/communications/{id}"},
      {"PATCH", "/api/v1/communications/{id}"}, {"DELETE", "/api/v1/communications/{id}"},
      {"GET", "/api/v1/audit"}, {"GET", "/api/v1/audit/verify"}, {"GET", "/api/v1/audit/entity-types"},
      {"GET", "/api/v1/auth/session"},
      // Notifications (issue 7): each person's own.
      {"GET", "/api/v1/notifications"}, {"GET", "/api/v1/notifications/unread-count"},
      {"POST", "/api/v1/notifications/read"}, {"GET", "/api/v1/notifications/preferences"},
      {"PUT", "/api/v1/notifications/preferences"},
      {"GET", "/api/v1/openapi.json"},
      {"GET", "/healthz"}, {"GET", "/readyz"}, {"GET", "/metrics"},
      // Complaint administration, analysis and export (issue 3).
      {"GET", "/api/v1/complaint-categories"}, {"POST", "/api/v1/complaint-categories"},
      {"PATCH", "/api/v1/complaint-categories/{id}"},
      {"GET", "/api/v1/corrective-actions"}, {"POST", "/api/v1/corrective-actions"},
      {"GET", "/api/v1/corrective-actions/{id}"}, {"PATCH", "/api/v1/corrective-actions/{id}"},
      {"GET", "/api/v1/complaint-settings"}, {"PUT", "/api/v1/complaint-settings"}, {"GET", "/api/v1/canned-responses"},
      {"GET", "/api/v1/period-volumes"}, {"PUT", "/api/v1/period-volumes/{period}"},
      {"DELETE", "/api/v1/period-volumes/{period}"}, {"POST", "/api/v1/complaints/import"},
      {"GET", "/api/v1/complaints/analysis"}, {"GET", "/api/v1/complaints/export.csv"},
      {"GET", "/api/v1/complaints/export.xlsx"},
      // Exports of the other lists (issue 7), for every role that reads them.
      {"GET", "/api/v1/customers/export.csv"}, {"GET", "/api/v1/customers/export.xlsx"},
      {"GET", "/api/v1/corrective-actions/export.csv"}, {"GET", "/api/v1/corrective-actions/export.xlsx"},
      {"GET", "/api/v1/audit/export.csv"}, {"GET", "/api/v1/audit/export.xlsx"},
      // Complaints (issue 3): the complainant's public routes.
      {"POST", "/api/v1/public/complaints"}, {"GET", "/api/v1/public/organisation"},
      {"GET", "/api/v1/public/status/{token}"},
      {"POST", "/api/v1/public/status/{token}/replies"}, {"GET", "/api/v1/public/ratings/{token}"},
      {"POST", "/api/v1/public/ratings/{token}"},
      // Staff work on cases.
      {"GET", "/api/v1/complaints"}, {"POST", "/api/v1/complaints"}, {"GET", "/api/v1/complaints/{id}"},
      {"GET", "/api/v1/complaints/by-reference/{reference}"}, {"POST", "/api/v1/complaints/{id}/transitions"},
      {"POST", "/api/v1/complaints/{id}/assessment"}, {"POST", "/api/v1/complaints/{id}/investigation"},
      {"POST", "/api/v1/complaints/{id}/response"}, {"PUT", "/api/v1/complaints/{id}/assignee"},
      {"GET", "/api/v1/complaints/{id}/messages"}, {"POST", "/api/v1/complaints/{id}/messages"},
      {"GET", "/api/v1/complaints/{id}/attachments"}, {"POST", "/api/v1/complaints/{id}/attachments"},
      {"GET", "/api/v1/attachments/{id}/content"}, {"GET", "/api/v1/complaints/{id}/timeline"},
      {"GET", "/api/v1/complaints/{id}/rating"},
      // Daily-work essentials (issue 7): bulk actions, merge, saved views.
      {"POST", "/api/v1/complaints/bulk/assignee"}, {"POST", "/api/v1/complaints/bulk/transitions"},
      {"POST", "/api/v1/complaints/{id}/merge"}, {"GET", "/api/v1/saved-views"}, {"POST", "/api/v1/saved-views"},
      {"PUT", "/api/v1/saved-views/{id}"}, {"DELETE", "/api/v1/saved-views/{id}"},
      // Surveys (issue 8).
      {"GET", "/api/v1/surveys"}, {"POST", "/api/v1/surveys"}, {"POST", "/api/v1/surveys/validate"},
      {"GET", "/api/v1/surveys/{id}"}, {"PUT", "/api/v1/surveys/{id}"}, {"DELETE", "/api/v1/surveys/{id}"},
      {"PUT", "/api/v1/surveys/{id}/definition"}, {"GET", "/api/v1/surveys/{id}/versions"},
      {"GET", "/api/v1/surveys/{id}/results"}, {"GET", "/api/v1/surveys/{id}/answers"},
      {"POST", "/api/v1/surveys/{id}/answers"}, {"GET", "/api/v1/public/surveys/{slug}"},
      {"POST", "/api/v1/public/surveys/{slug}/answers"},
      // The data subject's rights (issue 6).
      {"GET", "/api/v1/subjects/export"}, {"POST", "/api/v1/subjects/erase"},
      // Survey import and export (issue 8).
      {"GET", "/api/v1/surveys/{id}/answers/export"}, {"GET", "/api/v1/surveys/{id}/definition/export"},
      {"POST", "/api/v1/surveys/import"},
      // Survey distribution (issue 8).
      {"POST", "/api/v1/surveys/{id}/invitations"}, {"GET", "/api/v1/surveys/{id}/invitations"},
      {"POST", "/api/v1/surveys/{id}/invitations/reminders"}, {"GET", "/api/v1/surveys/{id}/mail-templates"},
      {"PUT", "/api/v1/surveys/{id}/mail-templates"}, {"GET", "/api/v1/settings/contact-rules"},
      {"PUT", "/api/v1/settings/contact-rules"}, {"POST", "/api/v1/survey-events"},
      {"GET", "/api/v1/surveys/{id}/qr.svg"}, {"GET", "/api/v1/surveys/{id}/qr.png"},
      {"PUT", "/api/v1/public/surveys/{slug}/partial"}, {"POST", "/api/v1/public/surveys/{slug}/opt-out"},
      // Feedback (issue 8): items, social import, complaints from feedback, the form, webhooks.
      {"GET", "/api/v1/feedback"}, {"POST", "/api/v1/feedback"}, {"GET", "/api/v1/feedback/{id}"},
      {"PATCH", "/api/v1/feedback/{id}/tags"}, {"POST", "/api/v1/feedback/{id}/complaint"},
      {"POST", "/api/v1/feedback/social/import"}, {"GET", "/api/v1/feedback/webhooks"},
      {"POST", "/api/v1/feedback/webhooks/{name}/secret"}, {"GET", "/api/v1/public/feedback/form"},
      {"POST", "/api/v1/public/feedback"}, {"POST", "/api/v1/hooks/social/{source}"}};
  const auto& routes = h_->server().api().router().routes();
  for (const auto& [method, path] : documented) {
    bool found = std::any_of(routes.begin(), routes.end(),
                             [&](const Route& r) { return r.method == method && r.path == path; });
    EXPECT_TRUE(found) << method << " " << path;
  }
  EXPECT_EQ(routes.size(), documented.size());
}

}  // namespace
}  // namespace hearken::http::testing
