// A throw-away IMAP server for tests: Debian's dovecot (package
// dovecot-imapd) run as a plain process with a generated configuration in a
// fresh temporary directory, listening on 127.0.0.1 and a free port, with one
// user, a static password and a Maildir that `Deliver` drops messages into.
// Everything is stopped and removed on destruction (a watchdog process does
// the same if the test process dies first). When the test runs as root the
// mail is owned by `nobody` and dovecot's own users (`dovecot`, `dovenull`)
// run its helper processes; otherwise everything runs as the current user.
//
//   auto server = hearken::ImapTestServer::Start();
//   ASSERT_TRUE(server.ok()) << server.error().message;
//   (*server)->Deliver("From: a@example.com\r\nSubject: hi\r\n\r\nbody\r\n");
//   ImapMailbox mailbox({.url = (*server)->Url(), .user = (*server)->user(), ...});
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <sys/types.h>

#include "core/result.h"

namespace hearken {

class ImapTestServer {
 public:
  // Writes the configuration and starts `/usr/sbin/dovecot -F -c CONFIG`
  // in its own process group (stdin from /dev/null, stdout and stderr to a
  // file in the directory), then waits until the port answers with an IMAP
  // greeting.
  // Errors: FailedPrecondition when dovecot or the users it needs are missing
  // (install dovecot-imapd; scripts/setup does), Unavailable when it does not
  // start (the message carries the end of its log).
  static Result<std::unique_ptr<ImapTestServer>> Start(std::string user = "hearken",
                                                       std::string password = "intake-secret");

  ~ImapTestServer();
  ImapTestServer(const ImapTestServer&) = delete;
  ImapTestServer& operator=(const ImapTestServer&) = delete;

  // Delivers one raw message (as written: CRLF or LF) into the user's INBOX
  // as a new, unseen message (Maildir tmp/ then rename into new/).
  // Safe from several threads. Errors: Internal when the file cannot be written.
  Status Deliver(const std::string& raw_message);

  // "imap://127.0.0.1:PORT/INBOX".
  std::string Url() const;
  int port() const { return port_; }
  const std::string& user() const { return user_; }
  const std::string& password() const { return password_; }
  const std::string& directory() const { return dir_; }
  // The end of dovecot's log, for failure messages.
  std::string LogTail() const;

  // Stops dovecot now (also done by the destructor); idempotent.
  void Stop();

 private:
  ImapTestServer() = default;
  Status Launch();

  std::string dir_;
  std::string user_;
  std::string password_;
  std::string maildir_;
  int port_ = 0;
  pid_t pid_ = -1;
  uid_t mail_uid_ = 0;
  gid_t mail_gid_ = 0;
  std::atomic<int> next_message_{0};
};

}  // namespace hearken
