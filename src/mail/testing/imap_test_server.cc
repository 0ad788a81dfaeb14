#include "mail/testing/imap_test_server.h"

#include "mail/testing/loopback.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>
#include <thread>

extern char** environ;

namespace hearken {
namespace {

constexpr const char* kDovecot = "/usr/sbin/dovecot";

// True when the port answers with an IMAP greeting ("* OK"), i.e. dovecot
// has finished starting (an earlier SIGTERM can go unanswered).
bool Greets(int port) {
  int fd = ConnectLoopback(port);
  if (fd < 0) return false;
  timeval timeout{1, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  char buffer[64] = {};
  ssize_t n = recv(fd, buffer, sizeof buffer - 1, 0);
  bool ok = n >= 4 && std::string_view(buffer, static_cast<size_t>(n)).starts_with("* OK");
  (void)send(fd, "x LOGOUT\r\n", 10, MSG_NOSIGNAL);
  close(fd);
  return ok;
}

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

bool IsSimpleToken(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') return false;
  return true;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

Result<std::unique_ptr<ImapTestServer>> ImapTestServer::Start(std::string user, std::string password) {
  if (!IsSimpleToken(user) || !IsSimpleToken(password))
    return Error::InvalidArgument("test IMAP user and password: letters, digits, '-', '_' and '.' only");
  if (access(kDovecot, X_OK) != 0)
    return Error::FailedPrecondition(std::string(kDovecot) +
                                     " not found: install dovecot-imapd (scripts/setup does) to run the IMAP tests");
  std::unique_ptr<ImapTestServer> server(new ImapTestServer());
  server->user_ = std::move(user);
  server->password_ = std::move(password);

  std::string internal_user, login_user, internal_group;
  const bool as_root = geteuid() == 0;
  if (as_root) {
    passwd* mail_owner = getpwnam("nobody");
    if (!mail_owner || !getpwnam("dovecot") || !getpwnam("dovenull"))
      return Error::FailedPrecondition("running as root needs the users nobody, dovecot and dovenull "
                                       "(the dovecot-core package creates the last two)");
    server->mail_uid_ = mail_owner->pw_uid;
    server->mail_gid_ = mail_owner->pw_gid;
    internal_user = "dovecot";
    login_user = "dovenull";
  } else {
    passwd* me = getpwuid(geteuid());
    if (!me) return Error::FailedPrecondition("the current user has no passwd entry");
    server->mail_uid_ = me->pw_uid;
    server->mail_gid_ = me->pw_gid;
    internal_user = login_user = me->pw_name;
    group* my_group = getgrgid(me->pw_gid);
    if (!my_group) return Error::FailedPrecondition("the current user's group has no group entry");
    internal_group = my_group->gr_name;  // dovecot's own sockets are otherwise chowned to group dovecot
  }

  // /tmp rather than $TMPDIR: dovecot's unprivileged processes must reach it.
  std::string pattern = "/tmp/hearken-imap-XXXXXX";
  if (!mkdtemp(pattern.data())) return Error::Unavailable("cannot create a temporary directory");
  server->dir_ = pattern;
  chmod(server->dir_.c_str(), 0755);
  const std::string mail_root = server->dir_ + "/mail";
  server->maildir_ = mail_root + "/" + server->user_ + "/Maildir";
  std::error_code ec;
  for (const char* sub : {"/cur", "/new", "/tmp"}) std::filesystem::create_directories(server->maildir_ + sub, ec);
  if (ec) return Error::Unavailable("cannot create the Maildir in " + server->dir_ + ": " + ec.message());
  for (const std::string& path :
       {mail_root, mail_root + "/" + server->user_, server->maildir_, server->maildir_ + "/cur",
        server->maildir_ + "/new", server->maildir_ + "/tmp"})
    if (chown(path.c_str(), server->mail_uid_, server->mail_gid_) != 0)
      return Error::Unavailable("cannot hand " + path + " to the mail user");

  const std::string config = server->dir_ + "/dovecot.conf";
  Status launched = Error::Unavailable("dovecot did not start");
  for (int attempt = 0; attempt < 3 && !launched.ok(); ++attempt) {
    server->port_ = FreeLoopbackPort();
    std::ofstream out(config, std::ios::trunc);
    const std::string& d = server->dir_;
    out << "protocols = imap\n"
        << "listen = 127.0.0.1\n"
        << "base_dir = " << d << "/run\n"
        << "state_dir = " << d << "/state\n"
        << "log_path = " << d << "/dovecot.log\n"
        << "ssl = no\n"
        << "disable_plaintext_auth = no\n"
        << "auth_failure_delay = 0\n"
        << "first_valid_uid = 1\n"
        << "mail_location = maildir:" << mail_root << "/%u/Maildir\n"
        << "default_internal_user = " << internal_user << "\n"
        << "default_login_user = " << login_user << "\n"
        << (internal_group.empty() ? "" : "default_internal_group = " + internal_group + "\n")
        << "service imap-login {\n  inet_listener imap {\n    address = 127.0.0.1\n    port = " << server->port_
        << "\n  }\n" << (as_root ? "" : "  chroot =\n") << "}\n"
        << (as_root ? "" : "service anvil {\n  chroot =\n}\n")  // only root may chroot
        << "passdb {\n  driver = static\n  args = password=" << server->password_ << "\n}\n"
        << "userdb {\n  driver = static\n  args = uid=" << server->mail_uid_ << " gid=" << server->mail_gid_
        << " home=" << mail_root << "/%u\n}\n";
    out.close();
    if (!out) return Error::Unavailable("cannot write " + config);
    launched = server->Launch();
  }
  if (!launched.ok()) return launched.error();
  // A watchdog that outlives a killed test process: stops this dovecot (by
  // its process id, and only while the directory exists and that id is still
  // a dovecot) and removes the directory. After a normal stop it finds nothing.
  const std::string pid = std::to_string(server->pid_);
  std::string script = "while kill -0 " + std::to_string(getpid()) + " 2>/dev/null; do sleep 1; done; " +
                       "if [ -d " + ShellQuote(server->dir_) + " ] && grep -q dovecot /proc/" + pid +
                       "/cmdline 2>/dev/null; then kill " + pid + "; sleep 1; fi; rm -rf " + ShellQuote(server->dir_);
  (void)std::system(("nohup sh -c " + ShellQuote(script) + " </dev/null >/dev/null 2>&1 &").c_str());
  return server;
}

Status ImapTestServer::Launch() {
  const std::string config = dir_ + "/dovecot.conf";
  const std::string output = dir_ + "/dovecot.out";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, output.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  char* argv[] = {const_cast<char*>(kDovecot), const_cast<char*>("-F"), const_cast<char*>("-c"),
                  const_cast<char*>(config.c_str()), nullptr};
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);  // its own process group, killed as one if need be
  pid_t pid = -1;
  int rc = posix_spawn(&pid, kDovecot, &actions, &attributes, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (rc != 0) return Error::Unavailable(std::string("cannot start dovecot: ") + std::strerror(rc));
  pid_ = pid;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return Error::Unavailable("dovecot exited at start:\n" + LogTail());
    }
    if (Greets(port_)) return Status::Ok();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  Stop();
  return Error::Unavailable("dovecot did not accept connections on port " + std::to_string(port_) + " within 15 s:\n" +
                            LogTail());
}

ImapTestServer::~ImapTestServer() {
  Stop();
  if (!dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
}

void ImapTestServer::Stop() {
  if (pid_ <= 0) return;
  // The master stops its children before it exits. A SIGTERM that arrives
  // while it is still starting up can go unanswered, so it is repeated; after
  // 5 s the whole process group (dovecot runs in its own) is killed.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  int status = 0;
  for (int round = 0; waitpid(pid_, &status, WNOHANG) == 0; ++round) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(-pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      break;
    }
    if (round % 10 == 0) kill(pid_, SIGTERM);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  pid_ = -1;
}

Status ImapTestServer::Deliver(const std::string& raw_message) {
  const std::string name = std::to_string(std::chrono::duration_cast<std::chrono::microseconds>(
                                              std::chrono::system_clock::now().time_since_epoch())
                                              .count()) +
                           ".P" + std::to_string(getpid()) + "Q" + std::to_string(++next_message_) + ".hearken-test";
  const std::string temporary = maildir_ + "/tmp/" + name;
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << raw_message;
    out.close();
    if (!out) return Error::Internal("cannot write " + temporary);
  }
  if (chown(temporary.c_str(), mail_uid_, mail_gid_) != 0) return Error::Internal("cannot chown " + temporary);
  if (std::rename(temporary.c_str(), (maildir_ + "/new/" + name).c_str()) != 0)
    return Error::Internal("cannot move " + temporary + " into new/");
  return Status::Ok();
}

std::string ImapTestServer::Url() const { return "imap://127.0.0.1:" + std::to_string(port_) + "/INBOX"; }

std::string ImapTestServer::LogTail() const {
  std::string text = ReadFile(dir_ + "/dovecot.out") + ReadFile(dir_ + "/dovecot.log");
  return text.size() > 2000 ? text.substr(text.size() - 2000) : text;
}

}  // namespace hearken
