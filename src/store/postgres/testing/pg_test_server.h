// A throw-away PostgreSQL server for tests: initdb into a fresh temporary
// directory, start on 127.0.0.1 with a free port (socket directory inside the
// temporary directory, trust authentication, fsync off), hand out fresh
// databases, and stop and remove everything on destruction. When the process
// runs as root the server runs as the `postgres` user (PostgreSQL refuses
// root). Used by store_postgres_test and the HTTP tests:
//
//   int main(int argc, char** argv) {
//     ::testing::InitGoogleTest(&argc, argv);
//     auto server = hearken::PgTestServer::Start();
//     if (!server.ok()) { std::cerr << server.error().message << "\n"; return 1; }
//     ... (*server)->CreateDatabase() gives a "postgresql://..." URI per test ...
//     return RUN_ALL_TESTS();  // the server stops when `server` goes away
//   }
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "core/result.h"

namespace hearken {

// kFast turns fsync off (tests); kDurable keeps PostgreSQL's defaults
// (benchmarks that compare with SQLite's synchronous=FULL).
enum class PgDurability { kFast, kDurable };

class PgTestServer {
 public:
  // Finds the server binaries (`pg_config --bindir`, else
  // /usr/lib/postgresql/15/bin), runs initdb and starts the server.
  // Errors: FailedPrecondition when the binaries or the postgres user are
  // missing (install postgresql-15), Unavailable when the server does not
  // start (the message carries the end of its log).
  static Result<std::unique_ptr<PgTestServer>> Start(PgDurability durability = PgDurability::kFast);
  // The same on a directory that is kept (benchmarks that build a large
  // database once): initdb only when `directory` holds no cluster yet; on
  // destruction the server stops and the directory stays.
  static Result<std::unique_ptr<PgTestServer>> StartKept(const std::string& directory,
                                                         PgDurability durability = PgDurability::kDurable);

  // Stops the server (pg_ctl stop -m fast) and removes the directory. A
  // watchdog process does the same if this process dies without it.
  ~PgTestServer();
  PgTestServer(const PgTestServer&) = delete;
  PgTestServer& operator=(const PgTestServer&) = delete;

  // Creates a new empty database (named t_1, t_2, ...) and returns its libpq
  // URI. Safe from several threads. Errors: Unavailable.
  Result<std::string> CreateDatabase();
  // Drops a database made by CreateDatabase, ending its connections.
  // Errors: Unavailable.
  Status DropDatabase(const std::string& uri);

  // The URI of database `name` (letters, digits, _), created when missing.
  // Errors: InvalidArgument (name), Unavailable.
  Result<std::string> EnsureDatabase(const std::string& name);
  // The URI of database `name` on this server.
  std::string Uri(const std::string& name) const;
  int port() const { return port_; }
  const std::string& directory() const { return dir_; }

  // Stops the server now (also done by the destructor); idempotent.
  void Stop();

 private:
  PgTestServer() = default;
  static Result<std::unique_ptr<PgTestServer>> Launch(const std::string& kept_directory, PgDurability durability);
  Status Admin(const std::string& sql);
  std::string StopCommand() const;
  void StartWatchdog();

  std::string bindir_;
  std::string dir_;
  int port_ = 0;
  bool as_postgres_user_ = false;
  bool running_ = false;
  bool kept_ = false;  // StartKept: the directory outlives the server
  std::mutex mutex_;
  std::atomic<int> next_database_{0};
};

}  // namespace hearken
