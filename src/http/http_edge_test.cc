// The edge under abuse, over raw sockets: strict framing (no request
// smuggling), slow heads, connection caps, rate limits from the head before
// the body, the worker pool's queue deadline and abandoned work, trusted
// proxies, the security headers, the access log's redaction and the slots
// that bound concurrent analyses.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <future>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "http/api.h"
#include "http/test_support.h"
#include "http/work_slots.h"
#include "store/open_store.h"
#include "store/store_parts.h"

namespace hearken::http::testing {
namespace {

// A plain TCP connection to the server, for bytes no HTTP client would send.
class RawConnection {
 public:
  explicit RawConnection(unsigned short port, const char* from = "127.0.0.1") {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in local{};
    local.sin_family = AF_INET;
    inet_pton(AF_INET, from, &local.sin_addr);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof local);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    timeval tv{20, 0};  // a bound for a broken server, not a measurement
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  ~RawConnection() { Close(); }
  bool connected() const { return connected_; }
  void Send(const std::string& bytes) { (void)!::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL); }
  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  // Everything the server sends until it closes (or the bound passes: then
  // `closed` is false).
  std::string ReadUntilClosed(bool* closed = nullptr) {
    std::string out;
    char chunk[4096];
    for (;;) {
      ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n > 0) {
        out.append(chunk, static_cast<size_t>(n));
        continue;
      }
      if (closed) *closed = n == 0 || errno == ECONNRESET;
      return out;
    }
  }
  // Reads until one whole response head is in (enough for bodiless answers).
  std::string ReadHead() {
    std::string out;
    char c;
    while (out.find("\r\n\r\n") == std::string::npos && ::recv(fd_, &c, 1, 0) == 1) out.push_back(c);
    return out;
  }

 private:
  int fd_ = -1;
  bool connected_ = false;
};

int Responses(const std::string& bytes) {
  int n = 0;
  for (size_t at = bytes.find("HTTP/1.1 "); at != std::string::npos; at = bytes.find("HTTP/1.1 ", at + 1)) ++n;
  return n;
}

class EdgeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ServerOptions options;
    options.public_submissions_per_hour = 1;
    options.header_timeout = std::chrono::milliseconds(300);
    options.max_connections_per_address = 8;
    h_ = new Harness(options);
  }
  static void TearDownTestSuite() { delete h_; }
  static Harness* h_;
};
Harness* EdgeTest::h_ = nullptr;

// A body announced with a coding other than exactly "chunked" must not be
// read as the next request (request smuggling behind a proxy).
TEST_F(EdgeTest, TransferEncodingOtherThanChunkedIs400AndCloses) {
  const std::string smuggled = "GET /api/v1/openapi.json HTTP/1.1\r\nHost: x\r\n\r\n";
  for (std::string coding : {"xchunked", "gzip, chunked", "chunked, gzip", "identity", "chunked\r\nTransfer-Encoding: chunked"}) {
    RawConnection c(h_->port());
    c.Send("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: " + coding + "\r\n\r\n" + smuggled);
    bool closed = false;
    const std::string got = c.ReadUntilClosed(&closed);
    EXPECT_EQ(got.rfind("HTTP/1.1 400 ", 0), 0u) << coding << ": " << got;
    EXPECT_EQ(Responses(got), 1) << coding << ": the smuggled request was answered\n" << got;
    EXPECT_TRUE(closed) << coding;
  }
  RawConnection both(h_->port());
  both.Send("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
  EXPECT_EQ(both.ReadUntilClosed().rfind("HTTP/1.1 400 ", 0), 0u);
}

TEST_F(EdgeTest, ChunkedAloneIsAccepted) {
  RawConnection c(h_->port());
  c.Send("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: close\r\n"
         "Transfer-Encoding: Chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
  const std::string got = c.ReadUntilClosed();
  EXPECT_EQ(got.rfind("HTTP/1.1 422 ", 0), 0u) << got;  // read as JSON: the fields are missing
}

TEST_F(EdgeTest, ObsoleteLineFoldingIs400AndCloses) {
  RawConnection c(h_->port());
  c.Send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Long: first\r\n second\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  bool closed = false;
  const std::string got = c.ReadUntilClosed(&closed);
  EXPECT_EQ(got.rfind("HTTP/1.1 400 ", 0), 0u) << got;
  EXPECT_EQ(Responses(got), 1) << got;
  EXPECT_TRUE(closed);
  RawConnection tab(h_->port());
  tab.Send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Long: first\r\n\tsecond\r\n\r\n");
  EXPECT_EQ(tab.ReadUntilClosed().rfind("HTTP/1.1 400 ", 0), 0u);
}

// Slowloris: a head that does not arrive in time ends the connection, and
// others are served meanwhile.
TEST_F(EdgeTest, AHeadThatDoesNotArriveInTimeIsClosed) {
  RawConnection slow(h_->port(), "127.0.0.2");
  slow.Send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ");
  EXPECT_EQ(h_->Get("/healthz", {}).status, 200);
  bool closed = false;
  const std::string got = slow.ReadUntilClosed(&closed);  // the 300 ms header timeout, not the 20 s bound
  EXPECT_TRUE(closed);
  EXPECT_EQ(Responses(got), 0);
}

TEST_F(EdgeTest, ConnectionsPerAddressAreCapped) {
  std::vector<std::unique_ptr<RawConnection>> held;
  for (int i = 0; i < 8; ++i) {
    held.push_back(std::make_unique<RawConnection>(h_->port(), "127.0.0.3"));
    held.back()->Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    ASSERT_EQ(held.back()->ReadHead().rfind("HTTP/1.1 200 ", 0), 0u) << i;  // now surely counted
  }
  RawConnection ninth(h_->port(), "127.0.0.3");
  ninth.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  const std::string refused = ninth.ReadUntilClosed();
  EXPECT_EQ(refused.rfind("HTTP/1.1 503 ", 0), 0u) << refused;
  EXPECT_NE(refused.find("Retry-After: 1"), std::string::npos);
  EXPECT_EQ(h_->Get("/healthz", {}).status, 200);  // another address is served
  held.pop_back();
  // Once one closes, the address may connect again (the server notices the close soon).
  for (int attempt = 0; attempt < 200; ++attempt) {
    RawConnection again(h_->port(), "127.0.0.3");
    again.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    if (again.ReadHead().rfind("HTTP/1.1 200 ", 0) == 0) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ADD_FAILURE() << "the address stayed refused after a connection closed";
}

// The public limit is asked from the head: a refused client's 50 MB body is
// never waited for.
TEST_F(EdgeTest, PublicRateLimitIsCheckedBeforeTheBodyIsRead) {
  const std::string form = "{\"summary\":\"s\",\"description\":\"d\"}";
  RawConnection first(h_->port(), "127.0.0.4");
  first.Send("POST /api/v1/public/complaints HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
             "Connection: close\r\nContent-Length: " + std::to_string(form.size()) + "\r\n\r\n" + form);
  const std::string one = first.ReadUntilClosed();
  ASSERT_EQ(one.rfind("HTTP/1.1 201 ", 0), 0u) << one;
  RawConnection second(h_->port(), "127.0.0.4");
  second.Send("POST /api/v1/public/complaints HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
              "Content-Length: 50000000\r\n\r\n{");
  const std::string head = second.ReadHead();
  EXPECT_EQ(head.rfind("HTTP/1.1 429 ", 0), 0u) << head;
  EXPECT_NE(head.find("Retry-After: "), std::string::npos);
}

TEST_F(EdgeTest, SecurityHeadersIncludePermissionsAndOpenerPolicies) {
  Reply r = h_->Get("/healthz", {});
  EXPECT_NE(r.Header("permissions-policy").find("camera=()"), std::string::npos);
  EXPECT_EQ(r.Header("cross-origin-opener-policy"), "same-origin");
  EXPECT_EQ(r.Header("strict-transport-security"), "");  // plain HTTP, nothing says TLS
}

TEST_F(EdgeTest, TheAccessLogRedactsSecretLinks) {
  std::ostringstream captured;
  auto previous = spdlog::default_logger();
  spdlog::set_default_logger(
      std::make_shared<spdlog::logger>("capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(captured)));
  h_->Get("/api/v1/public/status/SecretStatusToken123", {});
  h_->Get("/api/v1/public/ratings/SecretRatingToken456", {});
  h_->Get("/status/SecretPageToken789", {});
  spdlog::set_default_logger(previous);
  const std::string log = captured.str();
  EXPECT_EQ(log.find("Secret"), std::string::npos) << log;
  EXPECT_NE(log.find("/api/v1/public/status/<redacted>"), std::string::npos) << log;
  EXPECT_NE(log.find("/status/<redacted>"), std::string::npos) << log;
}

// Behind a trusted proxy (127.0.0.0/8 here), X-Forwarded-For names the client.
class ProxyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ServerOptions options;
    options.trusted_proxies = {"127.0.0.0/8"};
    h_ = new Harness(options);
  }
  static void TearDownTestSuite() { delete h_; }
  static Reply SignIn(const std::string& from, const std::string& email, const std::string& password) {
    return Send(h_->port(), "POST", "/api/v1/auth/login", Json{{"email", email}, {"password", password}}.dump(), {},
                {{"X-Forwarded-For", from}});
  }
  static Harness* h_;
};
Harness* ProxyTest::h_ = nullptr;

TEST_F(ProxyTest, FailuresFromManyAddressesDoNotLockTheAccountElsewhere) {
  const std::string email = h_->user(Role::kViewer).email;
  for (int i = 0; i < 12; ++i)
    EXPECT_EQ(SignIn("198.51.100." + std::to_string(i), email, "wrong").status, 401) << i;
  EXPECT_EQ(SignIn("192.0.2.1", email, kPassword).status, 200);
}

TEST_F(ProxyTest, FailuresFromOneAddressBlockOnlyThatAddress) {
  const std::string email = h_->user(Role::kHandler).email;
  for (int i = 0; i < 10; ++i) ASSERT_EQ(SignIn("198.51.100.77", email, "wrong").status, 401) << i;
  Reply blocked = SignIn("198.51.100.77", email, kPassword);
  EXPECT_TRUE(IsProblem(blocked, 429));
  EXPECT_FALSE(blocked.Header("retry-after").empty());
  EXPECT_EQ(SignIn("192.0.2.2", email, kPassword).status, 200);
}

TEST_F(ProxyTest, HstsWhenTheProxySaysTls) {
  Reply tls = Send(h_->port(), "GET", "/healthz", "", {}, {{"X-Forwarded-Proto", "https"}});
  EXPECT_EQ(tls.Header("strict-transport-security"), "max-age=31536000; includeSubDomains");
  EXPECT_EQ(h_->Get("/healthz", {}).Header("strict-transport-security"), "");
}

// The store blocks on demand (Ping, reached by /readyz), so the tests decide
// when the one worker is busy.
class PoolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto real = OpenStore("sqlite::memory:", clock_);
    ASSERT_TRUE(real.ok());
    real_ = std::move(*real);
    ASSERT_TRUE(real_->Migrate().ok());
    store_ = std::make_unique<StoreParts>(*real_);
    store_->ping = [this] {
      const int n = ++pings_;
      if (n == 1) {
        entered_.set_value();
        release_.get_future().wait();
      }
      return Status::Ok();
    };
  }
  // One I/O thread, one worker.
  void Start(std::chrono::milliseconds queue_deadline) {
    ServerOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    options.threads = 1;
    options.workers = 1;
    options.queue_deadline = queue_deadline;
    options.session_sweep_interval = std::chrono::milliseconds(0);
    server_ = std::make_unique<Server>(*store_, clock_, options);
    ASSERT_TRUE(server_->Start().ok());
  }
  void TearDown() override {
    if (!released_) release_.set_value();
    if (server_) {
      server_->RequestStop();
      server_->Wait();
    }
  }
  void Release() {
    released_ = true;
    release_.set_value();
  }
  ManualClock clock_{TimePoint(std::chrono::seconds(1'790'000'000))};
  std::unique_ptr<Store> real_;
  std::unique_ptr<StoreParts> store_;
  std::unique_ptr<Server> server_;
  std::atomic<int> pings_{0};
  std::promise<void> entered_;
  std::promise<void> release_;
  bool released_ = false;
};

TEST_F(PoolTest, StoreCallsRunOffTheIoThreadAndAQueuedRequestPastItsDeadlineIs503) {
  Start(std::chrono::milliseconds(200));
  auto first = std::async(std::launch::async, [&] { return Send(server_->Port(), "GET", "/readyz"); });
  entered_.get_future().wait();  // the one worker is held in the store
  // The one I/O thread is free: liveness answers.
  EXPECT_EQ(Send(server_->Port(), "GET", "/healthz").status, 200);
  // Another store call waits in the queue past its deadline: shed, not piled up.
  Reply shed = Send(server_->Port(), "GET", "/readyz");
  EXPECT_TRUE(IsProblem(shed, 503)) << shed.status << shed.body;
  EXPECT_EQ(shed.Header("retry-after"), "1");
  Release();
  EXPECT_EQ(first.get().status, 200);
  EXPECT_EQ(pings_.load(), 1);  // the shed request never reached the store
  EXPECT_EQ(Send(server_->Port(), "GET", "/readyz").status, 200);
}

TEST_F(PoolTest, WorkForAClientThatHasGoneIsAbandoned) {
  Start(std::chrono::minutes(5));  // only the client's leaving can end its wait
  std::ostringstream captured;
  auto previous = spdlog::default_logger();
  spdlog::set_default_logger(
      std::make_shared<spdlog::logger>("capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(captured)));
  auto first = std::async(std::launch::async, [&] { return Send(server_->Port(), "GET", "/readyz"); });
  entered_.get_future().wait();
  {
    RawConnection leaving(server_->Port());
    leaving.Send("GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n");
  }  // closed while its request waits for the worker
  bool noticed = false;
  for (int i = 0; i < 1000 && !noticed; ++i) {
    noticed = captured.str().find("client gone") != std::string::npos;
    if (!noticed) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  spdlog::set_default_logger(previous);
  EXPECT_TRUE(noticed) << captured.str();
  Release();
  EXPECT_EQ(first.get().status, 200);
  EXPECT_EQ(Send(server_->Port(), "GET", "/healthz").status, 200);
  EXPECT_EQ(pings_.load(), 1);  // the gone client's request never ran
}

// The complaint analysis takes a core and holds every covered complaint's
// facts: no more run at once than there are slots (one per core by default),
// however many workers the pool has; one that cannot start within the queue
// deadline is shed with 503 and Retry-After, and the slot's release lets the
// next one run.
TEST(AnalysisSlotsTest, AnalysesBeyondTheSlotsAreShedAndTheRestRunOneAtATime) {
  ServerOptions options;
  options.analysis_slots = 1;
  options.queue_deadline = std::chrono::milliseconds(100);
  Harness h(options);
  WorkSlots& slots = h.server().api().analysis_slots();
  ASSERT_EQ(slots.capacity(), 1);
  const Auth viewer = h.BearerOf(Role::kViewer);
  {
    auto held = slots.TryAcquireFor(std::chrono::milliseconds(0));  // an analysis is running
    ASSERT_TRUE(held);
    Reply shed = h.Get("/api/v1/complaints/analysis", viewer);
    EXPECT_TRUE(IsProblem(shed, 503)) << shed.status << shed.body;
    EXPECT_EQ(shed.Header("retry-after"), "1");
  }
  std::vector<std::future<int>> many;
  for (int i = 0; i < 6; ++i)
    many.push_back(std::async(std::launch::async, [&] {
      return Send(h.port(), "GET", "/api/v1/complaints/analysis", "", viewer).status;
    }));
  int answered = 0;
  for (auto& f : many) {
    const int status = f.get();
    EXPECT_TRUE(status == 200 || status == 503) << status;
    answered += status == 200;
  }
  EXPECT_GE(answered, 1);
  EXPECT_EQ(slots.peak(), 1);
  EXPECT_EQ(h.Get("/api/v1/complaints/analysis", viewer).status, 200);
}

// argon2id takes a core and 64 MiB: a sign-in that cannot have a hashing
// slot within the queue deadline is shed with 503 (a flood of sign-ins
// waited up to 10 s for one), and the shed attempt counts as no failure.
TEST(HashingSlotsTest, ASignInThatCannotHashInTimeIsShedAndNotCountedAsAFailure) {
  ServerOptions options;
  options.queue_deadline = std::chrono::milliseconds(100);
  options.sign_in.failures_per_account_address = 1;  // one counted failure would lock the next attempt
  Harness h(options);
  WorkSlots& slots = h.server().api().hashing_slots();
  const std::string email = h.user(Role::kViewer).email;
  const Json wrong = {{"email", email}, {"password", "not the password"}};
  {
    std::vector<WorkSlots::Held> held;  // every core is hashing
    for (int i = 0; i < slots.capacity(); ++i) held.push_back(*slots.TryAcquireFor(std::chrono::milliseconds(0)));
    Reply shed = h.Post("/api/v1/auth/login", wrong, {});
    EXPECT_TRUE(IsProblem(shed, 503)) << shed.status << shed.body;
    EXPECT_EQ(shed.Header("retry-after"), "1");
  }
  EXPECT_FALSE(h.Login(email).cookie.empty());
}

TEST(WorkSlotsTest, OnePerCoreByDefaultAndASlotComesBackWhenReleased) {
  EXPECT_EQ(WorkSlots(0).capacity(), static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
  WorkSlots two(2);
  auto a = two.TryAcquireFor(std::chrono::milliseconds(0));
  auto b = two.TryAcquireFor(std::chrono::milliseconds(0));
  ASSERT_TRUE(a && b);
  EXPECT_FALSE(two.TryAcquireFor(std::chrono::milliseconds(20)));
  a.reset();
  EXPECT_TRUE(two.TryAcquireFor(std::chrono::milliseconds(0)));
  EXPECT_EQ(two.peak(), 2);
}

}  // namespace
}  // namespace hearken::http::testing
