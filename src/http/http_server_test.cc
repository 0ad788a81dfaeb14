// The server around the API: probes, metrics, static files of the web UI,
// graceful shutdown, and start-up errors.
#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "core/crypto.h"
#include "http/api.h"
#include "http/test_support.h"

namespace hearken::http::testing {
namespace {

namespace fs = std::filesystem;

void WriteFile(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root_ = new fs::path(fs::temp_directory_path() / ("hearken-static-" + std::to_string(::getpid())));
    fs::remove_all(*root_);
    WriteFile(*root_ / "dist" / "index.html", "<!doctype html><title>Hearken</title>");
    WriteFile(*root_ / "dist" / "assets" / "app-1234.js", "console.log(1)");
    WriteFile(*root_ / "dist" / "assets" / "app-1234.css", "body{}");
    WriteFile(*root_ / "dist" / "assets" / "app-1234.css.br", "BROTLI-BYTES");  // as the web build writes them
    WriteFile(*root_ / "dist" / "assets" / "app-1234.css.gz", "GZIP-BYTES");
    WriteFile(*root_ / "dist" / "favicon.svg", "<svg/>");
    WriteFile(*root_ / "dist" / "fonts" / "a.woff2", "wOF2");
    WriteFile(*root_ / "secret.txt", "outside");
    ServerOptions options;
    options.static_dir = (*root_ / "dist").string();
    options.secure_cookies = true;
    h_ = new Harness(options);
  }
  static void TearDownTestSuite() {
    delete h_;
    fs::remove_all(*root_);
    delete root_;
  }
  static Harness* h_;
  static fs::path* root_;
};
Harness* ServerTest::h_ = nullptr;
fs::path* ServerTest::root_ = nullptr;

TEST_F(ServerTest, HealthAndReadinessAnswer200) {
  Reply health = h_->Get("/healthz", {});
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.json()["status"], "ok");
  EXPECT_EQ(h_->Get("/readyz", {}).status, 200);
}

TEST_F(ServerTest, EachRequestIsLoggedOnOneLineWithStatusAndDuration) {
  std::ostringstream captured;
  auto previous = spdlog::default_logger();
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(captured);
  spdlog::set_default_logger(std::make_shared<spdlog::logger>("capture", sink));
  Reply reply = h_->Get("/api/v1/customers?q=secret-query", {});
  spdlog::set_default_logger(previous);
  EXPECT_EQ(reply.status, 401);
  const std::string log = captured.str();
  // "GET /api/v1/customers 401 0.3ms 127.0.0.1": method, path without the query, status, duration.
  EXPECT_NE(log.find("GET /api/v1/customers 401 "), std::string::npos) << log;
  EXPECT_NE(log.find("ms 127.0.0.1"), std::string::npos) << log;
  EXPECT_EQ(log.find("secret-query"), std::string::npos) << log;
}

TEST_F(ServerTest, MetricsCountRequestsByRouteTemplateAndStatusClass) {
  ASSERT_EQ(h_->Get("/api/v1/customers", h_->BearerOf(Role::kViewer)).status, 200);
  ASSERT_EQ(h_->Get("/api/v1/customers/777777", h_->BearerOf(Role::kViewer)).status, 404);
  Reply metrics = h_->Get("/metrics", {});
  ASSERT_EQ(metrics.status, 200);
  EXPECT_EQ(metrics.Header("content-type").rfind("text/plain", 0), 0u);
  const std::string& text = metrics.body;
  EXPECT_NE(text.find("hearken_http_requests_total{method=\"GET\",route=\"/api/v1/customers\",status=\"2xx\"}"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("route=\"/api/v1/customers/{id}\",status=\"4xx\""), std::string::npos);
  EXPECT_NE(text.find("hearken_http_request_duration_seconds_bucket{route=\"/api/v1/customers\",le=\"+Inf\"}"),
            std::string::npos);
  EXPECT_NE(text.find("hearken_http_requests_in_flight 1"), std::string::npos);  // the /metrics request itself
}

TEST_F(ServerTest, InventedMethodsDoNotCreateNewMetricLabels) {
  Reply reply = Send(h_->port(), "BREW", "/api/v1/customers", "", h_->BearerOf(Role::kViewer));
  EXPECT_TRUE(IsProblem(reply, 405));
  const std::string text = h_->Get("/metrics", {}).body;
  EXPECT_EQ(text.find("BREW"), std::string::npos);
  EXPECT_NE(text.find("method=\"OTHER\""), std::string::npos);
}

TEST_F(ServerTest, StaticFilesHaveTheirContentTypesAndAssetsAreCachedLong) {
  Reply index = h_->Get("/", {});
  ASSERT_EQ(index.status, 200);
  EXPECT_EQ(index.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(index.body.find("Hearken"), std::string::npos);
  EXPECT_EQ(index.Header("cache-control"), "no-cache");
  EXPECT_FALSE(index.Header("content-security-policy").empty());
  EXPECT_EQ(index.Header("x-frame-options"), "DENY");

  Reply js = h_->Get("/assets/app-1234.js", {});
  ASSERT_EQ(js.status, 200);
  EXPECT_EQ(js.Header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_NE(js.Header("cache-control").find("max-age=31536000"), std::string::npos);
  EXPECT_EQ(h_->Get("/assets/app-1234.css", {}).Header("content-type"), "text/css; charset=utf-8");
  EXPECT_EQ(h_->Get("/favicon.svg", {}).Header("content-type"), "image/svg+xml");
  EXPECT_EQ(h_->Get("/fonts/a.woff2", {}).Header("content-type"), "font/woff2");
  EXPECT_TRUE(IsProblem(h_->Get("/assets/missing.js", {}), 404));
}

TEST_F(ServerTest, StaticFilesAreSentPrecompressedToClientsThatAcceptIt) {
  auto get = [](const std::string& accept) {
    return Send(h_->port(), "GET", "/assets/app-1234.css", "", {}, {{"Accept-Encoding", accept}});
  };
  Reply br = get("gzip, deflate, br");
  EXPECT_EQ(br.body, "BROTLI-BYTES");
  EXPECT_EQ(br.Header("content-encoding"), "br");
  EXPECT_EQ(br.Header("content-type"), "text/css; charset=utf-8");
  EXPECT_EQ(br.Header("vary"), "Accept-Encoding");
  Reply gz = get("gzip");
  EXPECT_EQ(gz.body, "GZIP-BYTES");
  EXPECT_EQ(gz.Header("content-encoding"), "gzip");
  EXPECT_EQ(get("br;q=0, gzip;q=0.5").body, "GZIP-BYTES");
  Reply plain = h_->Get("/assets/app-1234.css", {});
  EXPECT_EQ(plain.body, "body{}");
  EXPECT_EQ(plain.Header("content-encoding"), "");
  EXPECT_EQ(plain.Header("vary"), "Accept-Encoding");
  // No twin: the file as it is, whatever is accepted.
  EXPECT_EQ(Send(h_->port(), "GET", "/assets/app-1234.js", "", {}, {{"Accept-Encoding", "br"}}).body,
            "console.log(1)");
}

TEST_F(ServerTest, UnknownNonApiPathsGetTheAppShell) {
  Reply spa = h_->Get("/customers/12/edit", {});
  ASSERT_EQ(spa.status, 200);
  EXPECT_NE(spa.body.find("Hearken"), std::string::npos);
  // But unknown API paths are 404 problems, not the shell.
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/nothing", {}), 404));
}

TEST_F(ServerTest, NothingOutsideTheStaticDirectoryIsServed) {
  for (std::string path : {"/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt",
                                  "/assets/%2e%2e/%2e%2e/secret.txt", "/..%5csecret.txt", "/%00index.html",
                                  "/.%2e/secret.txt", "/%zz"}) {
    Reply reply = SendRaw(h_->port(), "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(reply.body.find("outside"), std::string::npos) << path;
  }
}

TEST_F(ServerTest, SessionCookieIsSecureWhenConfigured) {
  Reply login = h_->Post("/api/v1/auth/login", {{"email", "viewer@example.org"}, {"password", kPassword}}, {});
  ASSERT_EQ(login.status, 200);
  ASSERT_EQ(login.set_cookies.size(), 1u);
  EXPECT_NE(login.set_cookies[0].find("; Secure"), std::string::npos);
  // TLS in front: browsers are told to keep to https.
  EXPECT_EQ(login.Header("strict-transport-security"), "max-age=31536000; includeSubDomains");
}

TEST_F(ServerTest, HeadAnswersWithoutABody) {
  Reply head = Send(h_->port(), "HEAD", "/healthz");
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
}

TEST(SessionSweepTest, ExpiredSessionsAreRemovedFromTheStore) {
  ServerOptions options;
  options.session_sweep_interval = std::chrono::milliseconds(20);
  Harness h(options);
  Auth session = h.Login("viewer@example.org");
  ASSERT_FALSE(session.cookie.empty());
  const std::string hash = HashToken(session.cookie);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_TRUE(h.store().users().GetSession(hash).ok());  // still valid: kept
  h.clock().Advance(std::chrono::minutes(31));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (h.store().users().GetSession(hash).ok() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_FALSE(h.store().users().GetSession(hash).ok());
}

TEST(RateLimitTest, ApiRequestsOverTheLimitGet429WithRetryAfterButProbesDoNot) {
  ServerOptions options;
  options.api_requests_per_minute = 5;
  Harness h(options);
  for (int i = 0; i < 5; ++i) ASSERT_EQ(h.Get("/api/v1/customers", h.BearerOf(Role::kViewer)).status, 200) << i;
  Reply limited = h.Get("/api/v1/customers", h.BearerOf(Role::kViewer));
  EXPECT_TRUE(IsProblem(limited, 429));
  EXPECT_FALSE(limited.Header("retry-after").empty());
  EXPECT_EQ(h.Get("/healthz", {}).status, 200);
  // A rolling minute (core's RateLimiter): the first request leaves it after 60 s.
  h.clock().Advance(std::chrono::seconds(60));
  EXPECT_EQ(h.Get("/api/v1/customers", h.BearerOf(Role::kViewer)).status, 200);
}

TEST(ServerStartTest, PortInUseIsUnavailable) {
  Harness h;
  ManualClock clock(TimePoint{});
  ServerOptions options;
  options.port = h.port();
  Server second(h.store(), clock, options);
  Status st = second.Start();
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, ErrorCode::kUnavailable);
}

TEST(ShutdownTest, InFlightRequestFinishesBeforeWaitReturns) {
  auto h = std::make_unique<Harness>();
  const unsigned short port = h->port();
  // Creating a user hashes a password with argon2id: slow enough to be in flight.
  auto pending = std::async(std::launch::async, [&] {
    return Send(port, "POST", "/api/v1/users",
                Json{{"email", "late@example.org"}, {"password", "a long enough password"}}.dump(),
                h->BearerOf(Role::kAdmin));
  });
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (h->server().api().metrics().InFlight() == 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  ASSERT_GT(h->server().api().metrics().InFlight(), 0);
  h->server().RequestStop();
  Reply reply = pending.get();
  EXPECT_EQ(reply.status, 201) << reply.error << reply.body;
  EXPECT_EQ(reply.Header("connection"), "close");
  h->server().Wait();
  // Stopped: no new connections.
  EXPECT_FALSE(Send(port, "GET", "/healthz").error.empty());
  EXPECT_TRUE(h->store().users().GetUserByEmail("late@example.org").ok());
}

TEST(ShutdownTest, IdleKeepAliveConnectionsAreClosedAndDoNotDelayTheStop) {
  Harness h;
  KeepAliveClient client(h.port());
  ASSERT_EQ(client.Get("/healthz").status, 200);
  ASSERT_EQ(client.Get("/healthz").status, 200);  // the same connection, kept alive
  const auto started = std::chrono::steady_clock::now();
  h.server().RequestStop();
  h.server().Wait();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
  EXPECT_TRUE(client.ClosedByServer(std::chrono::seconds(5)));
}

}  // namespace
}  // namespace hearken::http::testing
