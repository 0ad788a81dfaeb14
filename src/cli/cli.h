// The command line of `hearken` (CLI11): parses arguments and runs the
// commands that need only a Store — migrate, user add, token create, audit
// verify | checkpoint | export-checkpoints, import complaints, demo seed. Starting the HTTP server and choosing the store
// implementation are the composition root's business (src/app), reached
// through the hooks below, so this module depends on `store`, `core` and the
// parsers of `ingest` only.
//
// Exit codes are mapped from error codes once, in ExitCodeFor.
#pragma once

#include <algorithm>

#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <thread>

#include "cli/audit_checkpoints.h"
#include "cli/serve_limits.h"
#include "core/clock.h"
#include "core/result.h"
#include "store/store.h"

namespace hearken {

// Options of `hearken serve`.
struct ServeCommand {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  std::string static_dir;  // built web UI; empty: the app picks a default
  bool secure_cookies = false;
  // One I/O thread per core, at most 4: more threads than cores only add
  // context switches (bench/survey_intake.sh: 66 against 71 µs of server
  // CPU per answer with 2 against 4 threads on 2 cores).
  int threads = static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 4u));
  // Mail (issue 3). Notices go out over SMTP when smtp_url is set; e-mail
  // intake polls the IMAP folder when imap_url is set. Passwords come only
  // from the environment (HEARKEN_SMTP_PASSWORD, HEARKEN_IMAP_PASSWORD).
  std::string smtp_url;        // --smtp-url or HEARKEN_SMTP_URL, e.g. smtp://127.0.0.1:2525
  std::string smtp_user;       // --smtp-user or HEARKEN_SMTP_USER; empty: no AUTH
  std::string smtp_password;
  std::string imap_url;        // --imap-url or HEARKEN_IMAP_URL, e.g. imap://127.0.0.1:143/INBOX
  std::string imap_user;       // --imap-user or HEARKEN_IMAP_USER
  std::string imap_password;
  std::string intake_address;  // --intake-address: Reply-To of every notice (the intake mailbox)
  int sla_interval_seconds = 60;   // how often the SLA job runs
  int imap_interval_seconds = 30;  // how often the intake mailbox is polled
  // Where the secret keys live (keys/key_file.h): --key-dir or
  // HEARKEN_KEY_DIR, by default DefaultKeyDir(the database URL).
  std::string key_dir;
  ServeLimits limits;  // worker pool, connection caps, timeouts, proxies, rate limits
  // The audit anchors (cli/audit_checkpoints.h): the signing key is loaded
  // or created on start, a checkpoint written every interval.
  AuditAnchorPaths audit_anchors;
  int checkpoint_interval_seconds = 3600;
};

// What the CLI needs from the composition root.
struct CliHooks {
  // Opens (does not migrate) the store named by a --db URL.
  std::function<Result<std::unique_ptr<Store>>(const std::string& url)> open_store;
  // Runs the server until SIGTERM/SIGINT; returns the process exit code.
  std::function<int(Store& store, const ServeCommand& command)> serve;
  const Clock* clock = nullptr;
  std::istream* in = nullptr;
  std::ostream* out = nullptr;
  std::ostream* err = nullptr;
};

// The default --db when neither the flag nor HEARKEN_DB is given.
inline constexpr const char* kDefaultDatabaseUrl = "sqlite:data/hearken.db";

// The default key directory for a database URL: "DIR/keys" beside a SQLite
// file at DIR/NAME ("data/keys" for the default database), "keys" in the
// working directory otherwise (PostgreSQL, in-memory SQLite). Outside the
// database either way, so a copy of the database alone holds no key.
std::string DefaultKeyDir(const std::string& database_url);

// Parses argv and runs the chosen command. Returns the process exit code:
// 0 success, 64 usage error, otherwise ExitCodeFor(error) — and 1 for
// `audit verify` when the chain is broken.
int RunCli(int argc, const char* const* argv, const CliHooks& hooks);

// 2 InvalidArgument, 3 NotFound, 4 AlreadyExists, 5 FailedPrecondition,
// 6 PermissionDenied, 7 Unavailable, 70 Internal.
int ExitCodeFor(ErrorCode code);

}  // namespace hearken
