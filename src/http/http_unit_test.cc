// Unit tests of the socket-free parts: the ErrorCode → status mapping,
// target splitting and percent-decoding, route matching, the sign-in
// throttle and the strict JSON object reader.
#include <gtest/gtest.h>

#include "http/json_input.h"
#include "http/problem.h"
#include "http/router.h"
#include "http/throttle.h"

namespace hearken::http {
namespace {

TEST(ProblemTest, EveryErrorCodeMapsToItsStatus) {
  EXPECT_EQ(HttpStatusFor(ErrorCode::kInvalidArgument), 422);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kAlreadyExists), 409);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kFailedPrecondition), 409);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kPermissionDenied), 403);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kUnavailable), 503);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kInternal), 500);
}

TEST(ProblemTest, ProblemBodyFollowsRfc9457) {
  HttpResponse r = Problem(422, "bad", {{"email", "must be an e-mail address"}});
  EXPECT_EQ(*r.Header("content-type"), "application/problem+json");
  Json j = Json::parse(r.body);
  EXPECT_EQ(j["type"], "https://hearken.dev/problems/validation");
  EXPECT_EQ(j["title"], "Unprocessable Content");
  EXPECT_EQ(j["status"], 422);
  EXPECT_EQ(j["errors"][0]["field"], "email");
}

TEST(TargetTest, SplitsPathAndDecodesQuery) {
  std::string path;
  std::map<std::string, std::string> query;
  SplitTarget("/api/v1/customers?q=a%20b+c&limit=5&empty", &path, &query);
  EXPECT_EQ(path, "/api/v1/customers");
  EXPECT_EQ(query["q"], "a b c");
  EXPECT_EQ(query["limit"], "5");
  EXPECT_EQ(query["empty"], "");
}

TEST(TargetTest, PercentDecodeRefusesBrokenEscapesAndNul) {
  EXPECT_EQ(PercentDecode("%41%2e", false), "A.");
  EXPECT_FALSE(PercentDecode("%4", false));
  EXPECT_FALSE(PercentDecode("%zz", false));
  EXPECT_FALSE(PercentDecode("a%00b", false));
}

TEST(RouterTest, MatchesTemplatesWithPositiveIdsOnly) {
  Router router;
  router.Add({.method = "GET", .path = "/a/{id}", .handler = nullptr});
  router.Add({.method = "DELETE", .path = "/a/{id}", .handler = nullptr});
  auto m = router.Find("GET", "/a/12");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params["id"], "12");
  EXPECT_EQ(router.Find("GET", "/a/0").route, nullptr);
  EXPECT_EQ(router.Find("GET", "/a/012").route, nullptr);
  EXPECT_EQ(router.Find("GET", "/a/12/").route, nullptr);
  auto wrong = router.Find("PUT", "/a/3");
  EXPECT_EQ(wrong.route, nullptr);
  EXPECT_EQ(wrong.allowed_methods, (std::vector<std::string>{"GET", "DELETE"}));
}

TEST(LoginThrottleTest, FailuresCountPerAccountAndAddressAndPerAddress) {
  ManualClock clock(TimePoint(std::chrono::seconds(1000000)));
  LoginThrottle throttle(clock, {.failures_per_account_address = 3, .failures_per_address = 5,
                                 .window = std::chrono::minutes(15)});
  for (int i = 0; i < 3; ++i) throttle.RecordFailure("a@x", "1.1.1.1");
  EXPECT_GT(throttle.RetryAfter("a@x", "1.1.1.1").count(), 0);  // this account from this address
  EXPECT_EQ(throttle.RetryAfter("b@x", "1.1.1.1").count(), 0);  // another account from it
  EXPECT_EQ(throttle.RetryAfter("a@x", "9.9.9.9").count(), 0);  // the account from elsewhere
  for (int i = 0; i < 2; ++i) throttle.RecordFailure("c" + std::to_string(i) + "@x", "1.1.1.1");
  EXPECT_GT(throttle.RetryAfter("new@x", "1.1.1.1").count(), 0);  // the address as a whole
  clock.Advance(std::chrono::minutes(15));
  EXPECT_EQ(throttle.RetryAfter("a@x", "1.1.1.1").count(), 0);
}

TEST(LoginThrottleTest, FailuresFromManyAddressesNeverLockTheAccountElsewhere) {
  ManualClock clock(TimePoint(std::chrono::seconds(1000000)));
  LoginThrottle throttle(clock);
  for (int i = 0; i < 1000; ++i) throttle.RecordFailure("victim@x", "10.0." + std::to_string(i / 250) + "." +
                                                                      std::to_string(i % 250));
  EXPECT_EQ(throttle.RetryAfter("victim@x", "192.0.2.1").count(), 0);
}

TEST(LoginThrottleTest, SuccessClearsOnlyThatAddressOfTheAccount) {
  ManualClock clock(TimePoint(std::chrono::seconds(1000000)));
  LoginThrottle throttle(clock, {.failures_per_account_address = 2, .failures_per_address = 100});
  throttle.RecordFailure("a@x", "1.1.1.1");
  throttle.RecordFailure("a@x", "2.2.2.2");
  throttle.RecordSuccess("a@x", "1.1.1.1");
  throttle.RecordFailure("a@x", "1.1.1.1");
  throttle.RecordFailure("a@x", "2.2.2.2");
  EXPECT_EQ(throttle.RetryAfter("a@x", "1.1.1.1").count(), 0);
  EXPECT_GT(throttle.RetryAfter("a@x", "2.2.2.2").count(), 0);
}

TEST(RateLimiterTest, CountsEventsInARollingWindowPerKey) {
  ManualClock clock(TimePoint(std::chrono::seconds(1000000)));
  RateLimiter limiter(clock, 60, std::chrono::minutes(1));
  for (int i = 0; i < 60; ++i) ASSERT_TRUE(limiter.TryAcquire("1.2.3.4")) << i;
  Admission refused = limiter.TryAcquire("1.2.3.4");
  EXPECT_FALSE(refused);
  EXPECT_EQ(refused.retry_after.count(), 60);
  EXPECT_TRUE(limiter.TryAcquire("5.6.7.8"));  // per key
  EXPECT_EQ(limiter.RetryAfter("1.2.3.4").count(), 60);
  clock.Advance(std::chrono::minutes(1));
  EXPECT_EQ(limiter.RetryAfter("1.2.3.4").count(), 0);
  EXPECT_TRUE(limiter.TryAcquire("1.2.3.4"));
  RateLimiter unlimited(clock, 0, std::chrono::minutes(1));
  for (int i = 0; i < 1000; ++i) ASSERT_TRUE(unlimited.TryAcquire("k"));
}

TEST(ObjectReaderTest, ReportsEveryProblemAtOnce) {
  Json body = {{"name", 5}, {"count", "x"}, {"flag", true}, {"extra", 1}};
  ObjectReader reader(body);
  std::string name;
  int count = 0;
  bool flag = false;
  reader.String("name", &name);
  reader.Int("count", &count, 0, 10);
  reader.Bool("flag", &flag);
  reader.Require("missing");
  Status st = reader.Finish();
  ASSERT_FALSE(st.ok());
  std::set<std::string> fields;
  for (const auto& f : st.error().fields) fields.insert(f.field);
  EXPECT_EQ(fields, (std::set<std::string>{"name", "count", "missing", "extra"}));
  EXPECT_TRUE(flag);
}

TEST(ObjectReaderTest, IntegersOutOfRangeAreRefused) {
  for (const Json& v : {Json(11), Json(-1), Json(1e10), Json(2.5), Json(18446744073709551615ull)}) {
    Json body = {{"n", v}};
    ObjectReader reader(body);
    int n = 3;
    reader.Int("n", &n, 0, 10);
    EXPECT_FALSE(reader.Finish().ok()) << v.dump();
    EXPECT_EQ(n, 3);
  }
}

TEST(JsonBodyTest, ChecksMediaTypeUtf8AndShape) {
  HttpRequest request;
  request.headers = {{"content-type", "application/json"}};
  request.body = "{\"a\":1}";
  EXPECT_TRUE(ParseJsonObject(request).object.has_value());
  request.body = "\xff";
  EXPECT_EQ(ParseJsonObject(request).problem->status, 400);
  request.headers = {{"content-type", "text/json"}};
  EXPECT_EQ(ParseJsonObject(request).problem->status, 415);
}

}  // namespace
}  // namespace hearken::http
