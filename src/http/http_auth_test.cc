// Sign-in, sessions (cookie attributes, sign-out, idle and absolute
// timeouts), CSRF, bearer tokens, disabled users and the sign-in throttle.
#include <gtest/gtest.h>

#include "http/test_support.h"

namespace hearken::http::testing {
namespace {

using std::chrono::minutes;

class AuthTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { h_ = new Harness(); }
  static void TearDownTestSuite() {
    delete h_;
    h_ = nullptr;
  }
  static Harness* h_;
};
Harness* AuthTest::h_ = nullptr;

TEST_F(AuthTest, LoginWithRightPasswordSetsStrictHttpOnlyCookieAndReturnsCsrf) {
  Reply reply = h_->Post("/api/v1/auth/login", {{"email", "viewer@example.org"}, {"password", kPassword}}, {});
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.json()["user"]["email"], "viewer@example.org");
  EXPECT_FALSE(reply.json()["user"].contains("password_hash"));
  EXPECT_FALSE(reply.json().value("csrf_token", "").empty());
  ASSERT_EQ(reply.set_cookies.size(), 1u);
  const std::string& cookie = reply.set_cookies[0];
  EXPECT_EQ(cookie.rfind("hearken_session=", 0), 0u);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(cookie.find("Path=/"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos);  // secure_cookies is off here
}

TEST_F(AuthTest, LoginIsCaseInsensitiveOnEmail) {
  EXPECT_FALSE(h_->Login("Viewer@Example.ORG").cookie.empty());
}

TEST_F(AuthTest, WrongPasswordAndUnknownEmailGiveTheSame401) {
  Reply wrong = h_->Post("/api/v1/auth/login", {{"email", "viewer@example.org"}, {"password", "not the password"}}, {});
  Reply unknown = h_->Post("/api/v1/auth/login", {{"email", "nobody@example.org"}, {"password", "not the password"}}, {});
  EXPECT_TRUE(IsProblem(wrong, 401));
  EXPECT_TRUE(IsProblem(unknown, 401));
  EXPECT_EQ(wrong.json()["detail"], unknown.json()["detail"]);
  EXPECT_TRUE(wrong.set_cookies.empty());
}

TEST_F(AuthTest, LoginBodyIsValidatedStrictly) {
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/auth/login", {{"email", "a@b.cd"}}, {}), 422, "password"));
  EXPECT_TRUE(IsProblem(
      h_->Post("/api/v1/auth/login", {{"email", "a@b.cd"}, {"password", "x"}, {"remember", true}}, {}), 422, "remember"));
}

// The page's "am I signed in?": the user for a session or a token, user null
// (200, not 401) for nobody and for forged credentials.
TEST_F(AuthTest, SessionAnswersEveryoneAndNamesOnlyTheSignedIn) {
  Auth session = h_->Login("handler@example.org");
  Reply signed_in = h_->Get("/api/v1/auth/session", session);
  ASSERT_EQ(signed_in.status, 200) << signed_in.body;
  EXPECT_EQ(signed_in.json()["user"]["role"], "handler");
  EXPECT_EQ(signed_in.json()["csrf_token"], session.csrf);
  EXPECT_EQ(h_->Get("/api/v1/auth/session", h_->BearerOf(Role::kAdmin)).json()["user"]["role"], "admin");
  for (const Auth& nobody : {Auth{}, Auth{"", "forged-session", ""}, Auth{"forged-token", "", ""}}) {
    Reply r = h_->Get("/api/v1/auth/session", nobody);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(r.json()["user"].is_null()) << r.body;
    EXPECT_TRUE(r.json()["csrf_token"].is_null()) << r.body;
  }
}

TEST_F(AuthTest, MeAnswersForCookieAndBearerAnd401ForNobody) {
  Auth session = h_->Login("handler@example.org");
  Reply me = h_->Get("/api/v1/auth/me", session);
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.json()["user"]["role"], "handler");
  EXPECT_EQ(me.json()["csrf_token"], session.csrf);
  Reply bearer = h_->Get("/api/v1/auth/me", h_->BearerOf(Role::kAdmin));
  ASSERT_EQ(bearer.status, 200);
  EXPECT_EQ(bearer.json()["user"]["role"], "admin");
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/auth/me", {}), 401));
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/auth/me", Auth{"", "forged-session", ""}), 401));
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/auth/me", Auth{"forged-token", "", ""}), 401));
}

TEST_F(AuthTest, LogoutEndsTheSessionAndClearsTheCookie) {
  Auth session = h_->Login("viewer@example.org");
  ASSERT_EQ(h_->Get("/api/v1/customers", session).status, 200);
  Reply out = Send(h_->port(), "POST", "/api/v1/auth/logout", "", session);
  EXPECT_EQ(out.status, 204);
  ASSERT_EQ(out.set_cookies.size(), 1u);
  EXPECT_NE(out.set_cookies[0].find("Max-Age=0"), std::string::npos);
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/customers", session), 401));
}

TEST_F(AuthTest, SessionExpiresAfterIdleTimeout) {
  Auth session = h_->Login("viewer@example.org");
  h_->clock().Advance(minutes(29));
  ASSERT_EQ(h_->Get("/api/v1/auth/me", session).status, 200);  // activity renews the idle timer
  h_->clock().Advance(minutes(29));
  ASSERT_EQ(h_->Get("/api/v1/auth/me", session).status, 200);
  h_->clock().Advance(minutes(31));
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/auth/me", session), 401));
}

TEST_F(AuthTest, SessionExpiresAfterAbsoluteTimeoutEvenWhenActive) {
  Auth session = h_->Login("viewer@example.org");
  for (int i = 0; i < 24; ++i) {  // 12 hours of activity every 29 minutes... 24 * 29 min < 12 h
    h_->clock().Advance(minutes(29));
    ASSERT_EQ(h_->Get("/api/v1/auth/me", session).status, 200) << i;
  }
  h_->clock().Advance(minutes(29));  // 25 * 29 min = 12 h 5 min
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/auth/me", session), 401));
}

TEST_F(AuthTest, CookieWritesNeedTheCsrfToken) {
  Auth session = h_->Login("handler@example.org");
  Json customer = {{"name", "CSRF Ltd"}, {"kind", "organisation"}};
  Auth no_csrf{"", session.cookie, ""};
  Auth wrong_csrf{"", session.cookie, "wrong"};
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/customers", customer, no_csrf), 403));
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/customers", customer, wrong_csrf), 403));
  EXPECT_EQ(h_->Post("/api/v1/customers", customer, session).status, 201);
  // Reads need no CSRF token.
  EXPECT_EQ(h_->Get("/api/v1/customers", no_csrf).status, 200);
}

TEST_F(AuthTest, BearerWritesNeedNoCsrfAndRevokedTokensAre401) {
  Auth admin = h_->BearerOf(Role::kAdmin);
  Reply created = h_->Post("/api/v1/tokens", {{"name", "script"}}, admin);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string token = created.json()["token"];
  const int id = created.json()["id"];
  EXPECT_FALSE(created.json().contains("token_hash"));
  Auth script{token, "", ""};
  EXPECT_EQ(h_->Post("/api/v1/customers", {{"name", "Bearer Co"}}, script).status, 201);
  Reply list = h_->Get("/api/v1/tokens", script);
  ASSERT_EQ(list.status, 200);
  EXPECT_GE(list.json()["items"].size(), 2u);
  EXPECT_FALSE(list.json()["items"][0].contains("token"));
  EXPECT_EQ(h_->Delete("/api/v1/tokens/" + std::to_string(id), admin).status, 204);
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/auth/me", script), 401));
  EXPECT_TRUE(IsProblem(h_->Delete("/api/v1/tokens/" + std::to_string(id), admin), 409));
}

TEST_F(AuthTest, OthersTokensCannotBeRevokedByNonAdmins) {
  Reply created = h_->Post("/api/v1/tokens", {{"name", "mine"}}, h_->BearerOf(Role::kQualityManager));
  ASSERT_EQ(created.status, 201);
  const std::string path = "/api/v1/tokens/" + std::to_string(created.json()["id"].get<int>());
  EXPECT_TRUE(IsProblem(h_->Delete(path, h_->BearerOf(Role::kViewer)), 404));
  EXPECT_EQ(h_->Delete(path, h_->BearerOf(Role::kQualityManager)).status, 204);
}

TEST_F(AuthTest, DisabledUsersAreRefusedForPasswordSessionAndToken) {
  User user = h_->AddUser("leaver@example.org", Role::kHandler);
  Auth session = h_->Login("leaver@example.org");
  ASSERT_FALSE(session.cookie.empty());
  Auth admin = h_->BearerOf(Role::kAdmin);
  Reply token = h_->Post("/api/v1/tokens", {{"name", "leaver"}}, session);
  ASSERT_EQ(token.status, 201) << token.body;
  Auth bearer{token.json()["token"], "", ""};
  Reply disabled = h_->Patch("/api/v1/users/" + std::to_string(user.id), {{"enabled", false}}, admin);
  ASSERT_EQ(disabled.status, 200) << disabled.body;
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/auth/me", session), 401));
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/auth/me", bearer), 401));
  EXPECT_TRUE(h_->Login("leaver@example.org").cookie.empty());
}

TEST_F(AuthTest, PasswordChangeByAdminTakesEffect) {
  User user = h_->AddUser("changer@example.org", Role::kViewer);
  Auth admin = h_->BearerOf(Role::kAdmin);
  EXPECT_TRUE(IsProblem(h_->Patch("/api/v1/users/" + std::to_string(user.id), {{"password", "short"}}, admin), 422,
                        "password"));
  ASSERT_EQ(h_->Patch("/api/v1/users/" + std::to_string(user.id), {{"password", "a new long password"}}, admin).status,
            200);
  EXPECT_TRUE(h_->Login("changer@example.org").cookie.empty());
  EXPECT_FALSE(h_->Login("changer@example.org", "a new long password").cookie.empty());
}

TEST_F(AuthTest, APasswordResetEndsTheUsersSessions) {
  User user = h_->AddUser("reset@example.org", Role::kHandler);
  Auth first = h_->Login("reset@example.org");
  Auth second = h_->Login("reset@example.org");
  ASSERT_FALSE(first.cookie.empty());
  ASSERT_EQ(h_->Get("/api/v1/auth/me", second).status, 200);
  Reply reset = h_->Patch("/api/v1/users/" + std::to_string(user.id), {{"password", "a fresh long password"}},
                          h_->BearerOf(Role::kAdmin));
  ASSERT_EQ(reset.status, 200) << reset.body;
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/auth/me", first), 401));
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/auth/me", second), 401));
  EXPECT_FALSE(h_->Login("reset@example.org", "a fresh long password").cookie.empty());
}

TEST_F(AuthTest, ChangingOnesOwnPasswordKeepsThisSessionAndEndsTheOthers) {
  User admin = h_->AddUser("own-change@example.org", Role::kAdmin);
  Auth here = h_->Login("own-change@example.org");
  Auth elsewhere = h_->Login("own-change@example.org");
  ASSERT_FALSE(here.cookie.empty());
  Reply changed = h_->Patch("/api/v1/users/" + std::to_string(admin.id),
                            {{"display_name", "Own Change"}, {"password", "my new long password"}}, here);
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json()["display_name"], "Own Change");
  EXPECT_EQ(h_->Get("/api/v1/auth/me", here).status, 200);
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/auth/me", elsewhere), 401));
}

TEST_F(AuthTest, AFailedUserUpdateLeavesThePasswordAsItWas) {
  User user = h_->AddUser("keeps@example.org", Role::kViewer);
  Reply clash = h_->Patch("/api/v1/users/" + std::to_string(user.id),
                          {{"email", "viewer@example.org"}, {"password", "never applied password"}},
                          h_->BearerOf(Role::kAdmin));
  EXPECT_TRUE(IsProblem(clash, 409, "email")) << clash.body;
  EXPECT_EQ(h_->store().users().GetUser(user.id)->password_hash, PasswordHash());
}

TEST_F(AuthTest, SignInAndOutAreAudited) {
  Auth session = h_->Login("quality_manager@example.org");
  ASSERT_EQ(Send(h_->port(), "POST", "/api/v1/auth/logout", "", session).status, 204);
  Reply audit = h_->Get("/api/v1/audit?entity_type=session&limit=500", h_->BearerOf(Role::kAdmin));
  ASSERT_EQ(audit.status, 200) << audit.body;
  bool login = false, logout = false;
  const std::string actor = "user:" + std::to_string(h_->user(Role::kQualityManager).id) +
                            " quality_manager@example.org";
  const Json entries = audit.json()["items"];
  for (const auto& e : entries) {
    if (e["actor"] == actor && e["action"] == "login") login = true;
    if (e["actor"] == actor && e["action"] == "logout") logout = true;
  }
  EXPECT_TRUE(login);
  EXPECT_TRUE(logout);
}

// A separate server: throttling counts failures per client address too.
TEST(ThrottleTest, TenFailuresIn15MinutesGive429WithRetryAfterThenRecover) {
  Harness h;
  const Json wrong = {{"email", "viewer@example.org"}, {"password", "wrong password!"}};
  for (int i = 0; i < 10; ++i) ASSERT_EQ(h.Post("/api/v1/auth/login", wrong, {}).status, 401) << i;
  Reply throttled = h.Post("/api/v1/auth/login", wrong, {});
  EXPECT_TRUE(IsProblem(throttled, 429));
  const int retry_after = std::stoi(throttled.Header("retry-after").empty() ? "0" : throttled.Header("retry-after"));
  EXPECT_GT(retry_after, 0);
  EXPECT_LE(retry_after, 15 * 60);
  // Even the right password is refused while throttled.
  EXPECT_EQ(h.Post("/api/v1/auth/login", {{"email", "viewer@example.org"}, {"password", kPassword}}, {}).status, 429);
  // Per client address too: another account from the same address.
  EXPECT_EQ(h.Post("/api/v1/auth/login", {{"email", "admin@example.org"}, {"password", kPassword}}, {}).status, 429);
  h.clock().Advance(std::chrono::seconds(retry_after));
  EXPECT_EQ(h.Post("/api/v1/auth/login", {{"email", "viewer@example.org"}, {"password", kPassword}}, {}).status, 200);
}

}  // namespace
}  // namespace hearken::http::testing
