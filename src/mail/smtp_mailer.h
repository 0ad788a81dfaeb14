// SmtpMailer: the Mailer that submits over SMTP with libcurl (smtp:// with
// optional STARTTLS, or smtps://), optionally authenticated. Each Send uses
// its own curl handle, so one SmtpMailer serves many threads.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "mail/mailer.h"

namespace hearken {

// Whether the session must be upgraded with STARTTLS (smtp:// URLs only;
// smtps:// is TLS from the first byte).
enum class StartTls {
  kNever,      // plain text, for a relay on localhost
  kIfOffered,  // upgrade when the server offers STARTTLS, else stay plain
  kRequired,   // fail (Internal) unless the session is upgraded
};

struct SmtpConfig {
  // "smtp://host[:port][/ehlo-name]" or "smtps://...". The path, when given,
  // is the name curl sends in EHLO.
  std::string url;
  std::string username;  // empty: no AUTH
  std::string password;
  StartTls start_tls = StartTls::kIfOffered;
  std::string ca_file;   // optional CA bundle; peers are always verified
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds total_timeout{60'000};  // whole transaction
};

class SmtpMailer final : public Mailer {
 public:
  // Checks the configuration and initialises libcurl (once per process).
  // `clock` fills the Date field and must outlive the mailer.
  // Errors: InvalidArgument when the URL is not smtp:// or smtps://, a
  // timeout is not positive, or a password is given without a username;
  // Internal when libcurl cannot be initialised.
  static Result<std::unique_ptr<SmtpMailer>> Create(SmtpConfig config, const Clock& clock);

  // See Mailer::Send. The envelope sender is mail.from, the one recipient
  // mail.to; the message is composed by ComposeMessage (smtp_message.h).
  Status Send(const OutgoingMail& mail) override;

 private:
  SmtpMailer(SmtpConfig config, const Clock& clock) : config_(std::move(config)), clock_(clock) {}

  SmtpConfig config_;
  const Clock& clock_;
};

}  // namespace hearken
