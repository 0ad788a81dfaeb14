// Validation at the edge: malformed bodies, media types, unknown fields,
// wrong types, core rules, sizes, ids in paths, conflicts, problem+json,
// security headers, and random input that must never bring the server down.
#include <random>

#include <gtest/gtest.h>

#include "http/test_support.h"

namespace hearken::http::testing {
namespace {

class ValidationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { h_ = new Harness(); }
  static void TearDownTestSuite() {
    delete h_;
    h_ = nullptr;
  }
  Reply PostRaw(const std::string& path, const std::string& body, const std::string& type = "application/json") {
    return Send(h_->port(), "POST", path, body, h_->BearerOf(Role::kAdmin), {}, type);
  }
  static Harness* h_;
};
Harness* ValidationTest::h_ = nullptr;

TEST_F(ValidationTest, MalformedJsonIs400) {
  EXPECT_TRUE(IsProblem(PostRaw("/api/v1/customers", "{\"name\": "), 400));
  EXPECT_TRUE(IsProblem(PostRaw("/api/v1/customers", "{name: 'x'}"), 400));
}

TEST_F(ValidationTest, InvalidUtf8Is400) {
  EXPECT_TRUE(IsProblem(PostRaw("/api/v1/customers", "{\"name\": \"caf\xe9\"}"), 400));
  EXPECT_TRUE(IsProblem(PostRaw("/api/v1/customers", "{\"name\": \"\xc0\xaf\"}"), 400));
}

TEST_F(ValidationTest, BodyThatIsNotAnObjectIs400) {
  EXPECT_TRUE(IsProblem(PostRaw("/api/v1/customers", "[{\"name\": \"x\"}]"), 400));
  EXPECT_TRUE(IsProblem(PostRaw("/api/v1/customers", "\"x\""), 400));
  EXPECT_TRUE(IsProblem(PostRaw("/api/v1/customers", "42"), 400));
}

TEST_F(ValidationTest, DeepNestingIs400NotACrash) {
  EXPECT_TRUE(IsProblem(PostRaw("/api/v1/customers", std::string(100000, '[') + std::string(100000, ']')), 400));
  EXPECT_EQ(h_->Get("/healthz", {}).status, 200);
}

TEST_F(ValidationTest, WrongOrMissingContentTypeIs415) {
  EXPECT_TRUE(IsProblem(PostRaw("/api/v1/customers", "{\"name\": \"x\"}", "text/plain"), 415));
  EXPECT_TRUE(IsProblem(PostRaw("/api/v1/customers", "{\"name\": \"x\"}", ""), 415));
  EXPECT_EQ(PostRaw("/api/v1/customers", "{\"name\": \"Charset Ok\"}", "application/json; charset=utf-8").status, 201);
}

TEST_F(ValidationTest, EmptyBodyIs400) {
  Reply reply = SendRaw(h_->port(), "POST /api/v1/customers HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                                        h_->BearerOf(Role::kAdmin).bearer +
                                        "\r\nContent-Type: application/json\r\nContent-Length: 0\r\n\r\n",
                        /*half_close=*/false);
  EXPECT_EQ(reply.status, 400) << reply.body;
}

TEST_F(ValidationTest, UnknownFieldsAre422NamingEachOfThem) {
  Reply reply = h_->Post("/api/v1/customers", {{"name", "x"}, {"colour", "red"}, {"size", 3}}, h_->BearerOf(Role::kAdmin));
  EXPECT_TRUE(IsProblem(reply, 422, "colour"));
  EXPECT_TRUE(IsProblem(reply, 422, "size"));
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/segments", {{"name", "s"}, {"needs", {{{"description", "d"}, {"extra", 1}}}}},
                                 h_->BearerOf(Role::kAdmin)),
                        422, "needs/0/extra"));
}

TEST_F(ValidationTest, WrongTypesAre422NamingTheField) {
  Auth admin = h_->BearerOf(Role::kAdmin);
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/customers", {{"name", {"a", "b"}}}, admin), 422, "name"));
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/customers", {{"name", "x"}, {"segment_id", "7"}}, admin), 422, "segment_id"));
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/customers", {{"name", "x"}, {"consent_survey", "yes"}}, admin), 422,
                        "consent_survey"));
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/customers", {{"name", "x"}, {"tags", {"ok", 5}}}, admin), 422, "tags/1"));
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/customers", {{"name", "x"}, {"kind", "alien"}}, admin), 422, "kind"));
  EXPECT_TRUE(IsProblem(
      h_->Post("/api/v1/segments", {{"name", "s"}, {"needs", {{{"description", "d"}, {"importance", 99}}}}}, admin), 422,
      "needs/0/importance"));
  EXPECT_TRUE(IsProblem(
      h_->Post("/api/v1/segments", {{"name", "s"}, {"needs", {{{"description", "d"}, {"importance", 1e30}}}}}, admin),
      422, "needs/0/importance"));
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/communications",
                                 {{"customer_id", 1}, {"subject", "s"}, {"occurred_at", "yesterday"}}, admin),
                        422, "occurred_at"));
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/customers", {{"name", "x"}, {"segment_id", -3}}, admin), 422, "segment_id"));
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/customers", {{"name", "x"}, {"segment_id", 18446744073709551615ull}}, admin),
                        422, "segment_id"));
}

TEST_F(ValidationTest, CoreRulesAre422WithEveryField) {
  Reply reply = h_->Post("/api/v1/customers", {{"name", ""}, {"email", "not-an-email"}}, h_->BearerOf(Role::kAdmin));
  EXPECT_TRUE(IsProblem(reply, 422, "name"));
  EXPECT_TRUE(IsProblem(reply, 422, "email"));
  Reply req = h_->Post("/api/v1/requirements", {{"scope", "customer"}, {"text", ""}}, h_->BearerOf(Role::kAdmin));
  EXPECT_TRUE(IsProblem(req, 422, "text"));
  EXPECT_TRUE(IsProblem(req, 422, "customer_id"));
  EXPECT_TRUE(IsProblem(h_->Put("/api/v1/settings", {{"name", "Org"}, {"time_zone", "Mars/Olympus"}},
                                h_->BearerOf(Role::kAdmin)),
                        422, "time_zone"));
}

TEST_F(ValidationTest, BodyOverOneMebibyteIs413) {
  std::string big = "{\"name\": \"" + std::string((1 << 20) + 10, 'a') + "\"}";
  EXPECT_TRUE(IsProblem(PostRaw("/api/v1/customers", big), 413));
  // Announced too large: refused from the header, before the body is read.
  Reply announced = SendRaw(h_->port(),
                            "POST /api/v1/customers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                            "Content-Length: 5000000000\r\n\r\n{");
  EXPECT_EQ(announced.status, 413);
  EXPECT_EQ(h_->Get("/healthz", {}).status, 200);
}

TEST_F(ValidationTest, UnknownIdsAre404AndBadIdsNeverReachHandlers) {
  Auth admin = h_->BearerOf(Role::kAdmin);
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/customers/424242", admin), 404));
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/customers/0", admin), 404));
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/customers/-1", admin), 404));
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/customers/abc", admin), 404));
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/customers/99999999999999999999999", admin), 404));
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/customers/1.5", admin), 404));
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/no-such-thing", admin), 404));
}

TEST_F(ValidationTest, WrongMethodIs405WithAllow) {
  Reply reply = Send(h_->port(), "PUT", "/api/v1/customers", "{}", h_->BearerOf(Role::kAdmin));
  EXPECT_TRUE(IsProblem(reply, 405));
  EXPECT_NE(reply.Header("allow").find("GET"), std::string::npos);
}

TEST_F(ValidationTest, DuplicatesAndRecordsInUseAre409) {
  Auth admin = h_->BearerOf(Role::kAdmin);
  ASSERT_EQ(h_->Post("/api/v1/customers", {{"name", "A"}, {"email", "dup@example.org"}}, admin).status, 201);
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/customers", {{"name", "B"}, {"email", "DUP@example.org"}}, admin), 409,
                        "email"));
  EXPECT_TRUE(IsProblem(
      h_->Post("/api/v1/users", {{"email", "admin@example.org"}, {"password", "long enough password"}}, admin), 409));
  Reply segment = h_->Post("/api/v1/segments", {{"name", "In use"}}, admin);
  ASSERT_EQ(segment.status, 201);
  const int sid = segment.json()["id"];
  ASSERT_EQ(h_->Post("/api/v1/customers", {{"name", "Member"}, {"segment_id", sid}}, admin).status, 201);
  EXPECT_TRUE(IsProblem(h_->Delete("/api/v1/segments/" + std::to_string(sid), admin), 409));
}

TEST_F(ValidationTest, ListParametersAreChecked) {
  Auth viewer = h_->BearerOf(Role::kViewer);
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/customers?sort=password", viewer), 422, "sort"));
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/customers?limit=0", viewer), 422, "limit"));
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/customers?limit=501", viewer), 422, "limit"));
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/customers?offset=-1", viewer), 422, "offset"));
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/customers?segment_id=x", viewer), 422, "segment_id"));
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/customers?kind=robot", viewer), 422, "kind"));
  EXPECT_EQ(h_->Get("/api/v1/customers?sort=-name&limit=5&offset=0", viewer).status, 200);
}

TEST_F(ValidationTest, AuditReasonHeaderIsValidatedAndRecorded) {
  Auth admin = h_->BearerOf(Role::kAdmin);
  Reply bad = Send(h_->port(), "POST", "/api/v1/customers", R"({"name":"R"})", admin,
                   {{"X-Audit-Reason", std::string(501, 'r')}});
  EXPECT_TRUE(IsProblem(bad, 422, "X-Audit-Reason"));
  Reply ok = Send(h_->port(), "POST", "/api/v1/customers", R"({"name":"Reasoned"})", admin,
                  {{"X-Audit-Reason", "customer called"}});
  ASSERT_EQ(ok.status, 201);
  const std::string id = std::to_string(ok.json()["id"].get<int>());
  Reply audit = h_->Get("/api/v1/audit?entity_type=customer&entity_id=" + id, admin);
  ASSERT_EQ(audit.status, 200);
  ASSERT_EQ(audit.json()["items"].size(), 1u);
  EXPECT_EQ(audit.json()["items"][0]["reason"], "customer called");
  EXPECT_EQ(audit.json()["items"][0]["actor"],
            "user:" + std::to_string(h_->user(Role::kAdmin).id) + " admin@example.org");
}

TEST_F(ValidationTest, SecurityHeadersOnApiErrorAndStaticResponses) {
  for (const Reply& reply : {h_->Get("/api/v1/customers", h_->BearerOf(Role::kViewer)), h_->Get("/api/v1/customers", {}),
                             h_->Get("/no-ui-here", {}), h_->Get("/healthz", {}), PostRaw("/api/v1/customers", "{")}) {
    EXPECT_EQ(reply.Header("content-security-policy"),
              "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
              "base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
    EXPECT_EQ(reply.Header("x-content-type-options"), "nosniff");
    EXPECT_EQ(reply.Header("referrer-policy"), "no-referrer");
    EXPECT_EQ(reply.Header("x-frame-options"), "DENY");
    EXPECT_EQ(reply.Header("cache-control"), "no-store");
  }
}

TEST_F(ValidationTest, RandomBytesAndRandomJsonNeverBringTheServerDown) {
  std::mt19937 rng(20261124);
  auto random_bytes = [&](size_t n) {
    std::string s(n, '\0');
    for (char& c : s) c = static_cast<char>(rng() & 0xff);
    return s;
  };
  const std::vector<std::string> paths = {"/api/v1/customers", "/api/v1/segments", "/api/v1/requirements",
                                          "/api/v1/communications", "/api/v1/auth/login", "/api/v1/users"};
  const std::vector<std::string> fragments = {"{", "}", "[", "]", "\"name\"", ":", ",", "null", "true", "1e999",
                                              "-0", "\"\\u0000\"", "\"\\ud800\"", "\"needs\"", "\"tags\"",
                                              "18446744073709551616", "\"segment_id\"", "\"occurred_at\"", "\"kind\""};
  for (int i = 0; i < 200; ++i) {
    const std::string& path = paths[rng() % paths.size()];
    std::string body;
    if (i % 2 == 0) {
      body = random_bytes(rng() % 300);
    } else {
      const int n = 1 + rng() % 30;
      for (int k = 0; k < n; ++k) body += fragments[rng() % fragments.size()];
    }
    Reply reply = Send(h_->port(), "POST", path, body, h_->BearerOf(Role::kAdmin));
    ASSERT_TRUE(reply.error.empty()) << reply.error;
    EXPECT_LT(reply.status, 500) << path << " " << body;
  }
  for (int i = 0; i < 50; ++i) SendRaw(h_->port(), random_bytes(1 + rng() % 2000));
  SendRaw(h_->port(), "GET /" + std::string(20000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n");
  SendRaw(h_->port(), "GET / HTTP/1.1\r\nX: " + std::string(40000, 'b') + "\r\n\r\n");
  EXPECT_EQ(h_->Get("/healthz", {}).status, 200);
  EXPECT_EQ(h_->Get("/api/v1/customers", h_->BearerOf(Role::kViewer)).status, 200);
}

}  // namespace
}  // namespace hearken::http::testing
