// Unit tests of the edge's parts without sockets: trusted proxies and the
// client address, the access log's redaction of secret links, the worker
// pool's bounds, and the 503 that never says why.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <future>

#include "http/client_address.h"
#include "http/handler_util.h"
#include "http/problem.h"
#include "http/worker_pool.h"

namespace hearken::http {
namespace {

TEST(TrustedProxiesTest, ParsesCidrsAndRefusesBadOnes) {
  auto ok = TrustedProxies::Parse({"10.0.0.0/8", "192.0.2.7", "::1/128", "fd00::/8"});
  ASSERT_TRUE(ok.ok());
  EXPECT_TRUE(ok->Contains("10.1.2.3"));
  EXPECT_TRUE(ok->Contains("::ffff:10.1.2.3"));
  EXPECT_FALSE(ok->Contains("11.0.0.1"));
  EXPECT_TRUE(ok->Contains("192.0.2.7"));
  EXPECT_FALSE(ok->Contains("192.0.2.8"));
  EXPECT_TRUE(ok->Contains("::1"));
  EXPECT_TRUE(ok->Contains("fd12::5"));
  EXPECT_FALSE(ok->Contains("fe80::1"));
  EXPECT_FALSE(ok->Contains("not an address"));
  for (std::string bad : {"10.0.0.0/33", "10.0.0/8", "::1/129", "x", "10.0.0.0/", "10.0.0.0/a"})
    EXPECT_FALSE(TrustedProxies::Parse({bad}).ok()) << bad;
}

TEST(TrustedProxiesTest, ForwardedHeadersCountOnlyFromTrustedPeers) {
  auto proxies = *TrustedProxies::Parse({"10.0.0.0/8"});
  const std::string xff = "198.51.100.1, 203.0.113.9, 10.0.0.2";
  // An untrusted peer cannot choose its address.
  EXPECT_EQ(proxies.Resolve("192.0.2.50", &xff, nullptr, nullptr).address, "192.0.2.50");
  // From a trusted proxy: the rightmost address that is not a proxy of ours.
  EXPECT_EQ(proxies.Resolve("10.0.0.1", &xff, nullptr, nullptr).address, "203.0.113.9");
  const std::string forwarded = "for=198.51.100.1, for=\"[2001:db8::7]:4711\";proto=https";
  auto client = proxies.Resolve("10.0.0.1", nullptr, &forwarded, nullptr);
  EXPECT_EQ(client.address, "2001:db8::7");
  EXPECT_TRUE(client.https);
  const std::string garbage = "unknown";
  EXPECT_EQ(proxies.Resolve("10.0.0.1", &garbage, nullptr, nullptr).address, "10.0.0.1");
  const std::string proto = "https";
  EXPECT_TRUE(proxies.Resolve("10.0.0.1", &xff, nullptr, &proto).https);
  EXPECT_FALSE(proxies.Resolve("192.0.2.50", &xff, nullptr, &proto).https);
  EXPECT_EQ(CanonicalAddress("::ffff:127.0.0.1"), "127.0.0.1");
}

TEST(AccessLogTest, SecretLinkSegmentsAreRedacted) {
  EXPECT_EQ(PathForLog("/status/abcDEF123", "static"), "/status/<redacted>");
  EXPECT_EQ(PathForLog("/ratings/abcDEF123", "static"), "/ratings/<redacted>");
  EXPECT_EQ(PathForLog("/api/v1/public/status/abc/replies", "/api/v1/public/status/{token}/replies"),
            "/api/v1/public/status/<redacted>/replies");
  EXPECT_EQ(PathForLog("/api/v1/public/ratings/abc", "unmatched"), "/api/v1/public/ratings/<redacted>");
  EXPECT_EQ(PathForLog("/api/v1/x/abc", "/api/v1/x/{token}"), "/api/v1/x/<redacted>");
  EXPECT_EQ(PathForLog("/api/v1/complaints/5", "/api/v1/complaints/{id}"), "/api/v1/complaints/5");
  EXPECT_EQ(PathForLog("/healthz", "/healthz"), "/healthz");
}

TEST(UnavailableTest, A503NeverCarriesTheStoresMessage) {
  HttpResponse r = ErrorResponse(Error::Unavailable("could not connect to server at db.internal:5432"));
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.body.find("db.internal"), std::string::npos) << r.body;
  ASSERT_NE(r.Header("Retry-After"), nullptr);
}

TEST(WorkerPoolTest, AnAbandonedTaskNeverRunsAndAFullQueueRefuses) {
  WorkerPool pool(1, 2);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> blocking_started;
  std::atomic<int> ran{0};
  auto blocker = std::make_shared<WorkerTask>([&] {
    blocking_started.set_value();
    released.wait();
  });
  ASSERT_TRUE(pool.Submit(blocker));
  blocking_started.get_future().wait();  // the one worker is busy now
  auto abandoned = std::make_shared<WorkerTask>([&] { ++ran; });
  auto kept = std::make_shared<WorkerTask>([&] { ran += 10; });
  ASSERT_TRUE(pool.Submit(abandoned));
  ASSERT_TRUE(pool.Submit(kept));
  EXPECT_FALSE(pool.Submit(std::make_shared<WorkerTask>([] {})));  // the queue holds 2
  EXPECT_TRUE(abandoned->Abandon());
  EXPECT_FALSE(blocker->Abandon());  // running: it runs to its end
  release.set_value();
  while (pool.Queued() > 0 || pool.Busy() > 0 || !kept->started()) std::this_thread::yield();
  while (ran.load() == 0) std::this_thread::yield();
  EXPECT_EQ(ran.load(), 10);
  EXPECT_FALSE(kept->Abandon());
}

TEST(WorkerPoolTest, WorkersRunAtALowerPriorityThanTheCaller) {
  errno = 0;
  const int caller = getpriority(PRIO_PROCESS, 0);
  ASSERT_EQ(errno, 0);
  WorkerPool pool(1, 1);
  std::promise<int> seen;
  ASSERT_TRUE(pool.Submit(std::make_shared<WorkerTask>([&] {
    seen.set_value(getpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid))));
  })));
  EXPECT_EQ(seen.get_future().get(), std::max(caller, WorkerPool::kWorkerNice));
}

}  // namespace
}  // namespace hearken::http
