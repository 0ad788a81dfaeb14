#include "mail/testing/smtp_test_server.h"

#include "mail/testing/loopback.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/validation.h"

extern char** environ;

namespace hearken {
namespace {

namespace fs = std::filesystem;
constexpr const char* kPython = "/usr/bin/python3";

bool Accepts(int port) {
  int fd = ConnectLoopback(port);
  if (fd < 0) return false;
  close(fd);
  return true;
}
std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string Tail(const fs::path& path, size_t max_bytes = 3000) {
  std::string text = ReadFile(path);
  return text.size() > max_bytes ? text.substr(text.size() - max_bytes) : text;
}

// Starts aiosmtpd in its own process group, output to `log`. The child gets
// SIGTERM if this process dies first.
pid_t Spawn(int port, const std::string& messages, const std::string& log) {
  const std::string listen = "127.0.0.1:" + std::to_string(port);
  std::vector<std::string> args = {kPython, "-m", "aiosmtpd", "-n", "-l", listen, "-c", "smtp_sink.Sink", messages};
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) {
    std::string_view entry(*e);
    if (entry.starts_with("PYTHONPATH=") || entry.starts_with("PYTHONHOME=")) continue;
    env.emplace_back(entry);
  }
  env.push_back(std::string("PYTHONPATH=") + HEARKEN_MAIL_SOURCE_DIR + "/testing");
  env.push_back("PYTHONDONTWRITEBYTECODE=1");  // no __pycache__ in the source tree
  std::vector<char*> argv, envp;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (std::string& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  const pid_t parent = getpid();

  pid_t pid = fork();
  if (pid != 0) return pid;  // parent, or -1
  setpgid(0, 0);
  prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (getppid() != parent) _exit(1);
  int null_fd = open("/dev/null", O_RDONLY);
  int log_fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (null_fd < 0 || log_fd < 0) _exit(1);
  dup2(null_fd, 0);
  dup2(log_fd, 1);
  dup2(log_fd, 2);
  execve(kPython, argv.data(), envp.data());
  _exit(127);
}

std::vector<std::string> StringList(const nlohmann::json& value) {
  std::vector<std::string> out;
  if (value.is_array())
    for (const auto& item : value)
      if (item.is_string()) out.push_back(item.get<std::string>());
  return out;
}

}  // namespace

std::string ReceivedMail::Header(std::string_view name) const {
  std::string wanted = AsciiLower(name);
  for (const auto& [n, v] : headers)
    if (AsciiLower(n) == wanted) return v;
  return "";
}

size_t ReceivedMail::HeaderCount(std::string_view name) const {
  std::string wanted = AsciiLower(name);
  return std::count_if(headers.begin(), headers.end(), [&](const auto& h) { return AsciiLower(h.first) == wanted; });
}

Result<std::unique_ptr<SmtpTestServer>> SmtpTestServer::Start() {
  if (access(kPython, X_OK) != 0)
    return Error::FailedPrecondition(std::string(kPython) +
                                     " not found: the SMTP test server needs Debian's python3 with "
                                     "python3-aiosmtpd (scripts/setup installs both)");
  if (std::system("/usr/bin/env -u PYTHONPATH -u PYTHONHOME /usr/bin/python3 -c 'import aiosmtpd' "
                  ">/dev/null 2>&1") != 0)
    return Error::FailedPrecondition(
        "/usr/bin/python3 cannot import aiosmtpd: install python3-aiosmtpd (scripts/setup does)");

  std::unique_ptr<SmtpTestServer> server(new SmtpTestServer());
  std::string pattern = (fs::temp_directory_path() / "hearken-smtp-XXXXXX").string();
  if (!mkdtemp(pattern.data())) return Error::Unavailable("cannot create a temporary directory");
  server->dir_ = pattern;
  const std::string messages = server->dir_ + "/messages";
  const std::string log = server->dir_ + "/server.log";
  std::error_code ec;
  fs::create_directory(messages, ec);
  if (ec) return Error::Unavailable("cannot create " + messages + ": " + ec.message());

  for (int attempt = 0; attempt < 3; ++attempt) {
    server->port_ = FreeLoopbackPort();
    server->pid_ = Spawn(server->port_, messages, log);
    if (server->pid_ < 0) return Error::Unavailable(std::string("fork failed: ") + std::strerror(errno));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (waitpid(server->pid_, &status, WNOHANG) == server->pid_) {
        server->pid_ = 0;
        break;  // exited: maybe the port was taken meanwhile; try another
      }
      if (Accepts(server->port_)) return server;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    server->Stop();
  }
  return Error::Unavailable("the aiosmtpd test server did not start:\n" + Tail(log));
}

SmtpTestServer::~SmtpTestServer() {
  Stop();
  if (!dir_.empty()) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
}

void SmtpTestServer::Stop() {
  if (pid_ <= 0) return;
  kill(-pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < 100; ++i) {  // up to 5 s, then SIGKILL
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = 0;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill(-pid_, SIGKILL);
  waitpid(pid_, &status, 0);
  pid_ = 0;
}

std::string SmtpTestServer::Url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

std::vector<ReceivedMail> SmtpTestServer::Messages() const {
  std::vector<fs::path> records;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir_ + "/messages", ec))
    if (entry.path().extension() == ".json") records.push_back(entry.path());
  std::sort(records.begin(), records.end());
  std::vector<ReceivedMail> mails;
  for (const fs::path& path : records) {
    ReceivedMail mail;
    mail.raw = ReadFile(fs::path(path).replace_extension(".eml"));
    nlohmann::json record = nlohmann::json::parse(ReadFile(path), nullptr, /*allow_exceptions=*/false);
    if (record.is_discarded() || !record.is_object()) {
      mail.defects.push_back("unreadable record " + path.string());
      mails.push_back(std::move(mail));
      continue;
    }
    mail.mail_from = record.value("mail_from", "");
    mail.rcpt_tos = StringList(record.value("rcpt_tos", nlohmann::json::array()));
    mail.body = record.value("body", "");
    mail.content_type = record.value("content_type", "");
    mail.charset = record.value("charset", "");
    mail.defects = StringList(record.value("defects", nlohmann::json::array()));
    for (const auto& h : record.value("headers", nlohmann::json::array()))
      if (h.is_array() && h.size() == 2 && h[0].is_string() && h[1].is_string())
        mail.headers.emplace_back(h[0].get<std::string>(), h[1].get<std::string>());
    mails.push_back(std::move(mail));
  }
  return mails;
}

std::vector<ReceivedMail> SmtpTestServer::MessagesTo(std::string_view address) const {
  std::string wanted = AsciiLower(address);
  std::vector<ReceivedMail> out;
  for (ReceivedMail& mail : Messages())
    if (std::any_of(mail.rcpt_tos.begin(), mail.rcpt_tos.end(),
                    [&](const std::string& r) { return AsciiLower(r) == wanted; }))
      out.push_back(std::move(mail));
  return out;
}

Result<std::vector<ReceivedMail>> SmtpTestServer::WaitForMessagesTo(std::string_view address, size_t count,
                                                                    std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    std::vector<ReceivedMail> mails = MessagesTo(address);
    if (mails.size() >= count) return mails;
    if (std::chrono::steady_clock::now() >= deadline)
      return Error::Unavailable("expected " + std::to_string(count) + " messages to " + std::string(address) +
                                ", got " + std::to_string(mails.size()));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace hearken
