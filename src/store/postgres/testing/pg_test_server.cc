#include "store/postgres/testing/pg_test_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <libpq-fe.h>

namespace hearken {
namespace {

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
  return s;
}

std::string FindBindir() {
  if (FILE* pipe = popen("pg_config --bindir 2>/dev/null", "r")) {
    char buffer[512];
    std::string out;
    while (fgets(buffer, sizeof buffer, pipe)) out += buffer;
    pclose(pipe);
    out = Trim(out);
    if (!out.empty() && std::filesystem::exists(out + "/initdb") && std::filesystem::exists(out + "/pg_ctl"))
      return out;
  }
  for (const char* dir : {"/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/17/bin"})
    if (std::filesystem::exists(std::string(dir) + "/initdb")) return dir;
  return "";
}

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  int port = 0;
  socklen_t len = sizeof addr;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    port = ntohs(addr.sin_port);
  close(fd);
  return port;
}

std::string Tail(const std::string& path, size_t max_bytes = 2000) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  return text.size() > max_bytes ? text.substr(text.size() - max_bytes) : text;
}

}  // namespace

Result<std::unique_ptr<PgTestServer>> PgTestServer::Start(PgDurability durability) {
  return Launch("", durability);
}

Result<std::unique_ptr<PgTestServer>> PgTestServer::StartKept(const std::string& directory, PgDurability durability) {
  if (directory.empty()) return Error::InvalidArgument("a directory for the kept server is required");
  return Launch(directory, durability);
}

Result<std::unique_ptr<PgTestServer>> PgTestServer::Launch(const std::string& kept_directory,
                                                           PgDurability durability) {
  std::unique_ptr<PgTestServer> server(new PgTestServer());
  server->bindir_ = FindBindir();
  if (server->bindir_.empty())
    return Error::FailedPrecondition(
        "PostgreSQL server binaries (initdb, pg_ctl) not found via `pg_config --bindir` or in "
        "/usr/lib/postgresql/15/bin: install postgresql-15 (make test does)");
  uid_t postgres_uid = 0;
  gid_t postgres_gid = 0;
  server->as_postgres_user_ = geteuid() == 0;
  if (server->as_postgres_user_) {
    passwd* pw = getpwnam("postgres");
    if (!pw)
      return Error::FailedPrecondition("running as root but there is no `postgres` user to run the server as");
    postgres_uid = pw->pw_uid;
    postgres_gid = pw->pw_gid;
  }
  // As root the server runs as `postgres`, which may not reach $TMPDIR: use /tmp.
  std::filesystem::path base =
      server->as_postgres_user_ ? std::filesystem::path("/tmp") : std::filesystem::temp_directory_path();
  if (!kept_directory.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(kept_directory, ec);
    if (ec) return Error::Unavailable("cannot create " + kept_directory + ": " + ec.message());
    server->dir_ = std::filesystem::absolute(kept_directory).string();
    server->kept_ = true;
  } else {
    std::string pattern = (base / "hearken-pg-XXXXXX").string();
    if (!mkdtemp(pattern.data())) return Error::Unavailable("cannot create a temporary directory");
    server->dir_ = pattern;
  }
  if (server->as_postgres_user_ && chown(server->dir_.c_str(), postgres_uid, postgres_gid) != 0)
    return Error::Unavailable("cannot hand " + server->dir_ + " to the postgres user");

  auto run = [&](const std::string& command) {
    std::string line = server->as_postgres_user_ ? "su postgres -s /bin/sh -c " + ShellQuote(command) : command;
    return std::system((line + " >>" + ShellQuote(server->dir_ + "/commands.log") + " 2>&1").c_str());
  };
  const std::string data = server->dir_ + "/data";
  const bool have_cluster = server->kept_ && std::filesystem::exists(data + "/PG_VERSION");
  if (!have_cluster && run(ShellQuote(server->bindir_ + "/initdb") + " -D " + ShellQuote(data) +
          " -U postgres --auth=trust --encoding=UTF8 --locale=C -N") != 0)
    return Error::Unavailable("initdb failed:\n" + Tail(server->dir_ + "/commands.log"));

  for (int attempt = 0; attempt < 3 && !server->running_; ++attempt) {
    server->port_ = FreePort();
    std::string options = "-c listen_addresses=127.0.0.1 -p " + std::to_string(server->port_) + " -k " +
                          server->dir_ + " -c max_connections=200";
    if (durability == PgDurability::kFast)
      options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
    if (run(ShellQuote(server->bindir_ + "/pg_ctl") + " -D " + ShellQuote(data) + " -l " +
            ShellQuote(server->dir_ + "/server.log") + " -w -t 60 -o " + ShellQuote(options) + " start") == 0)
      server->running_ = true;
  }
  if (!server->running_)
    return Error::Unavailable("the PostgreSQL test server did not start:\n" + Tail(server->dir_ + "/server.log") +
                              Tail(server->dir_ + "/commands.log"));
  server->StartWatchdog();
  return server;
}

PgTestServer::~PgTestServer() {
  Stop();
  if (!dir_.empty() && !kept_) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
}

std::string PgTestServer::StopCommand() const {
  std::string command = ShellQuote(bindir_ + "/pg_ctl") + " -D " + ShellQuote(dir_ + "/data") + " -m fast -w stop";
  return as_postgres_user_ ? "su postgres -s /bin/sh -c " + ShellQuote(command) : command;
}

void PgTestServer::StartWatchdog() {
  // A detached shell that outlives this process: when the process is gone
  // (even killed by a test timeout) it stops the server and removes the
  // directory. After a normal Stop() it finds nothing left to do.
  const std::string pid = std::to_string(getpid());
  std::string script = "while kill -0 " + pid + " 2>/dev/null; do sleep 1; done; " + StopCommand() +
                       " >/dev/null 2>&1" + (kept_ ? std::string() : "; rm -rf " + ShellQuote(dir_));
  std::string line = "nohup sh -c " + ShellQuote(script) + " </dev/null >/dev/null 2>&1 &";
  (void)std::system(line.c_str());
}

void PgTestServer::Stop() {
  std::lock_guard lock(mutex_);
  if (!running_) return;
  running_ = false;
  (void)std::system((StopCommand() + " >/dev/null 2>&1").c_str());
}

std::string PgTestServer::Uri(const std::string& name) const {
  return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/" + name;
}

Status PgTestServer::Admin(const std::string& sql) {
  PGconn* conn = PQconnectdb(Uri("postgres").c_str());
  std::unique_ptr<PGconn, decltype(&PQfinish)> guard(conn, &PQfinish);
  if (PQstatus(conn) != CONNECTION_OK)
    return Error::Unavailable(std::string("cannot connect to the test server: ") + PQerrorMessage(conn));
  PGresult* res = PQexec(conn, sql.c_str());
  std::unique_ptr<PGresult, decltype(&PQclear)> result(res, &PQclear);
  if (PQresultStatus(res) != PGRES_COMMAND_OK)
    return Error::Unavailable(sql + ": " + PQresultErrorMessage(res));
  return Status::Ok();
}

Result<std::string> PgTestServer::EnsureDatabase(const std::string& name) {
  if (name.empty()) return Error::InvalidArgument("a database name is required");
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_'))
      return Error::InvalidArgument("not a plain database name: " + name);
  PGconn* conn = PQconnectdb(Uri(name).c_str());
  const bool exists = PQstatus(conn) == CONNECTION_OK;
  PQfinish(conn);
  if (!exists)
    if (Status s = Admin("CREATE DATABASE " + name); !s.ok()) return s.error();
  return Uri(name);
}

Result<std::string> PgTestServer::CreateDatabase() {
  std::string name = "t_" + std::to_string(++next_database_);
  if (Status s = Admin("CREATE DATABASE " + name); !s.ok()) return s.error();
  return Uri(name);
}

Status PgTestServer::DropDatabase(const std::string& uri) {
  std::string name = uri.substr(uri.rfind('/') + 1);
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_'))
      return Error::InvalidArgument("not a test database: " + uri);
  return Admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
}

}  // namespace hearken
