// A throw-away SMTP server for tests: Debian's aiosmtpd (run by Debian's own
// /usr/bin/python3, which has python3-aiosmtpd) with the handler in
// smtp_sink.py, listening on 127.0.0.1 at a free port and keeping every
// message it accepts in a temporary directory where the test reads it back,
// together with what Python's mail parser decoded from it. Stopped (its
// process group killed) and cleaned up on destruction.
//
//   auto server = hearken::SmtpTestServer::Start();
//   ASSERT_TRUE(server.ok()) << server.error().message;
//   ... send to (*server)->Url(), e.g. "smtp://127.0.0.1:41234" ...
//   auto mails = (*server)->MessagesTo("ann@example.org");
//
// Recipients whose local part starts with rcpt451, rcpt550, data451 or
// data554 are refused with that reply at RCPT or after DATA (smtp_sink.py).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace hearken {

// One accepted message.
struct ReceivedMail {
  std::string mail_from;                // envelope sender (MAIL FROM)
  std::vector<std::string> rcpt_tos;    // envelope recipients (RCPT TO)
  std::string raw;                      // the data as received, CRLF line ends
  // Decoded by Python's email package (email.policy.default): header values
  // with RFC 2047 words decoded and folding undone, the text body with its
  // transfer encoding and charset decoded (line ends "\n").
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string content_type;             // e.g. "text/plain"
  std::string charset;                  // e.g. "utf-8"
  std::vector<std::string> defects;     // parser complaints; empty for a well-formed message

  // The decoded value of the first header named `name` (case-insensitive),
  // or "" when absent.
  std::string Header(std::string_view name) const;
  // How many headers are named `name` (case-insensitive).
  size_t HeaderCount(std::string_view name) const;
};

class SmtpTestServer {
 public:
  // Starts the server and waits until it accepts connections (up to 15 s).
  // Errors: FailedPrecondition when /usr/bin/python3 or its aiosmtpd module
  // is missing (install python3-aiosmtpd; scripts/setup does); Unavailable
  // when the server does not start (the message carries its output).
  static Result<std::unique_ptr<SmtpTestServer>> Start();

  ~SmtpTestServer();
  SmtpTestServer(const SmtpTestServer&) = delete;
  SmtpTestServer& operator=(const SmtpTestServer&) = delete;

  // "smtp://127.0.0.1:PORT".
  std::string Url() const;
  int port() const { return port_; }

  // Every message accepted so far, in arrival order.
  std::vector<ReceivedMail> Messages() const;
  // The messages whose envelope recipients include `address` (case-insensitive).
  std::vector<ReceivedMail> MessagesTo(std::string_view address) const;
  // Waits until at least `count` messages to `address` arrived, for mail sent
  // in the background. Errors: Unavailable after `timeout`.
  Result<std::vector<ReceivedMail>> WaitForMessagesTo(std::string_view address, size_t count,
                                                      std::chrono::milliseconds timeout);

  // Stops the server now (also done by the destructor); idempotent.
  void Stop();

 private:
  SmtpTestServer() = default;

  std::string dir_;       // temporary directory; messages in dir_/messages
  int port_ = 0;
  pid_t pid_ = 0;         // the server, leader of its own process group
};

}  // namespace hearken
