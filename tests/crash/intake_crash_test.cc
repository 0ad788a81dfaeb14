// Issue 8's crash test: survey answers are posted to a real `hearken serve`
// over many keep-alive connections while the test kills the server with
// SIGKILL at random moments and starts it again, kCycles times, on SQLite
// and on PostgreSQL (durable settings). Each request carries its own
// Idempotency-Key and a marker in its text; a request that got no answer
// is sent again with the same key until one comes. Afterwards every answer
// that received a 2xx is stored exactly once (under the id it was given), no
// marker is stored twice, the survey's answer counter equals its rows, the
// audit chain verifies, and every restart was ready within 10 s (the times
// are printed).
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include <nlohmann/json.hpp>

#include "keep_alive_client.h"
#include "store/open_store.h"
#include "store/postgres/testing/pg_test_server.h"

extern char** environ;

namespace hearken::crash {
namespace {

constexpr int kCycles = 20;
constexpr int kClients = 32;
constexpr auto kMaxReady = std::chrono::seconds(10);

const char* kDefinition =
    R"({"pages":[{"name":"p1","elements":[)"
    R"({"type":"rating","name":"nps","rateMin":0,"rateMax":10,"isRequired":true},)"
    R"({"type":"rating","name":"csat","rateMin":1,"rateMax":5},)"
    R"({"type":"rating","name":"effort","rateMin":1,"rateMax":7},)"
    R"({"type":"radiogroup","name":"channel","choices":["phone","email","shop"]},)"
    R"({"type":"comment","name":"why"}]}]})";

int FreePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t size = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
  ::close(fd);
  return ntohs(address.sin_port);
}

// One `hearken serve` process, its output appended to a log file.
class ServerProcess {
 public:
  ServerProcess(std::string db, int port, std::string dir) : db_(std::move(db)), port_(port), dir_(std::move(dir)) {}
  ~ServerProcess() { Kill(); }

  // Starts it and waits until /readyz answers 200: how long that took.
  std::chrono::milliseconds Start() {
    const auto started = std::chrono::steady_clock::now();
    const std::string port = "127.0.0.1:" + std::to_string(port_);
    std::vector<std::string> args = {HEARKEN_BIN, "serve", "--db", db_, "--listen", port,
                                     "--public-survey-answers-per-hour", "0", "--threads", "2"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    const std::string log = dir_ + "/serve.log";
    posix_spawn_file_actions_addopen(&files, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    posix_spawn_file_actions_adddup2(&files, 1, 2);
    posix_spawn_file_actions_addchdir_np(&files, dir_.c_str());  // its checkpoint file lands there
    const int rc = posix_spawn(&pid_, HEARKEN_BIN, &files, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&files);
    if (rc != 0) return std::chrono::milliseconds::max();
    KeepAliveClient probe(port_);
    while (std::chrono::steady_clock::now() - started < std::chrono::seconds(30)) {
      if (probe.Send("GET", "/readyz", "", {{"Connection", "close"}}, nullptr) == 200)
        return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return std::chrono::milliseconds::max();
  }
  void Kill(int signal = SIGKILL) {
    if (pid_ <= 0) return;
    ::kill(pid_, signal);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }

 private:
  std::string db_;
  int port_;
  std::string dir_;
  pid_t pid_ = -1;
};

// The answers that received a 2xx: marker → the id the server gave.
struct Acknowledged {
  std::mutex mutex;
  std::map<std::int64_t, std::int64_t> ids;
  std::atomic<std::int64_t> resent{0};  // answers sent again after a request got no answer
};

// One client: posts answers, each until it gets its 2xx, until `stop`.
void PostAnswers(int port, const std::string& slug, std::atomic<std::int64_t>& next, std::atomic<bool>& stop,
                 Acknowledged& acked) {
  KeepAliveClient client(port);
  const std::string target = "/api/v1/public/surveys/" + slug + "/answers";
  while (!stop) {
    const std::int64_t n = next++;
    nlohmann::json body = {{"version", 1},
                           {"answers", {{"nps", n % 11}, {"csat", 1 + n % 5}, {"effort", 1 + n % 7},
                                        {"channel", "phone"}, {"why", "crash-" + std::to_string(n)}}}};
    const std::string text = body.dump();
    const std::string key = "crash-key-" + std::to_string(n);
    for (int attempt = 0;; ++attempt) {
      std::string reply;
      const int status = client.Send("POST", target, text, {{"Idempotency-Key", key}}, &reply);
      if (status == 201 || status == 200) {
        auto receipt = nlohmann::json::parse(reply, nullptr, false);
        std::lock_guard lock(acked.mutex);
        acked.ids[n] = receipt.is_object() ? receipt.value("id", std::int64_t{0}) : 0;
        break;
      }
      ASSERT_TRUE(status == -1 || status == 503) << "status " << status << ": " << reply;
      if (attempt == 0) ++acked.resent;
      std::this_thread::sleep_for(std::chrono::milliseconds(status == -1 ? 5 : 20));
      if (attempt > 4000) FAIL() << "answer " << n << " never got a reply";
    }
  }
}

void RunCrashCycles(const std::string& db_url, const std::string& label) {
  const std::string dir = std::filesystem::temp_directory_path() / ("hearken-crash-" + label + "-" +
                                                                     std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  ::setenv("HEARKEN_KEY_DIR", (dir + "/keys").c_str(), 1);
  SystemClock clock;
  std::string slug;
  Id survey_id = 0;
  {
    auto store = OpenStore(db_url, clock);
    ASSERT_TRUE(store.ok()) << store.error().message;
    ASSERT_TRUE((*store)->Migrate().ok());
    Survey survey;
    survey.name = "Crash test";
    survey.status = SurveyStatus::kOpen;
    auto made = (*store)->surveys().CreateSurvey({{std::nullopt, "crash test"}, ""}, survey, kDefinition,
                                                 R"({"nps":"nps","csat":"csat","ces":"effort"})");
    ASSERT_TRUE(made.ok()) << made.error().message;
    slug = made->public_slug;
    survey_id = made->id;
  }

  const int port = FreePort();
  ServerProcess server(db_url, port, dir);
  const auto first = server.Start();
  ASSERT_LT(first, kMaxReady) << "the server did not start; see " << dir << "/serve.log";

  Acknowledged acked;
  std::atomic<std::int64_t> next{1};
  std::atomic<bool> stop{false};
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i)
    clients.emplace_back([&] { PostAnswers(port, slug, next, stop, acked); });

  std::mt19937 random(std::random_device{}());
  std::uniform_int_distribution<int> load_ms(150, 900);
  std::printf("[%s] restarts after kill -9 (ms to ready):", label.c_str());
  std::chrono::milliseconds slowest{0};
  for (int cycle = 1; cycle <= kCycles; ++cycle) {
    std::this_thread::sleep_for(std::chrono::milliseconds(load_ms(random)));
    server.Kill(SIGKILL);
    const auto ready = server.Start();
    std::printf(" %lld", static_cast<long long>(ready.count()));
    std::fflush(stdout);
    slowest = std::max(slowest, ready);
    ASSERT_LT(ready, kMaxReady) << "restart " << cycle << " was not ready in time; see " << dir << "/serve.log";
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  stop = true;
  for (auto& t : clients) t.join();
  server.Kill(SIGTERM);
  std::printf("\n[%s] %zu answers acknowledged, %lld of them sent again after no reply, slowest restart %lld ms\n",
              label.c_str(), acked.ids.size(), static_cast<long long>(acked.resent.load()),
              static_cast<long long>(slowest.count()));

  auto store = OpenStore(db_url, clock);
  ASSERT_TRUE(store.ok());
  std::map<std::int64_t, std::vector<std::int64_t>> stored;  // marker → row ids
  SurveyAnswerFilter filter;
  filter.survey_id = survey_id;
  std::int64_t rows = 0;
  for (Id after = 0;;) {
    auto batch = (*store)->surveys().ScanSurveyAnswers(filter, after, 5000);
    ASSERT_TRUE(batch.ok()) << batch.error().message;
    if (batch->empty()) break;
    for (const auto& a : *batch) {
      const std::string why = nlohmann::json::parse(a.answers_json).value("why", "");
      stored[std::stoll(why.substr(6))].push_back(a.id);
      after = a.id;
      ++rows;
    }
  }
  for (const auto& [marker, ids] : stored) EXPECT_EQ(ids.size(), 1u) << "answer " << marker << " is stored twice";
  for (const auto& [marker, id] : acked.ids) {
    auto it = stored.find(marker);
    ASSERT_NE(it, stored.end()) << "answer " << marker << " got a 2xx (id " << id << ") but is not stored";
    EXPECT_EQ(it->second.front(), id) << "answer " << marker;
  }
  auto survey = (*store)->surveys().GetSurvey(survey_id);
  ASSERT_TRUE(survey.ok());
  EXPECT_EQ(survey->answer_count, rows) << "the answer counter drifted from the rows";
  auto verified = (*store)->audit().VerifyAudit();
  ASSERT_TRUE(verified.ok()) << verified.error().message;
  EXPECT_TRUE(verified->intact) << (verified->problems.empty() ? "" : verified->problems.front().message);
  EXPECT_GT(acked.ids.size(), 100u) << "too little load to mean anything";
  std::error_code ec;
  if (!::testing::Test::HasFailure()) std::filesystem::remove_all(dir, ec);
}

TEST(IntakeCrashTest, EveryAcknowledgedAnswerSurvivesKillNineExactlyOnceOnSqlite) {
  const std::string dir = std::filesystem::temp_directory_path() / ("hearken-crash-db-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  RunCrashCycles("sqlite:" + dir + "/crash.db", "sqlite");
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

TEST(IntakeCrashTest, EveryAcknowledgedAnswerSurvivesKillNineExactlyOnceOnPostgres) {
  auto server = PgTestServer::Start(PgDurability::kDurable);
  ASSERT_TRUE(server.ok()) << server.error().message;
  auto uri = (*server)->CreateDatabase();
  ASSERT_TRUE(uri.ok()) << uri.error().message;
  RunCrashCycles(*uri, "postgres");
}

}  // namespace
}  // namespace hearken::crash
