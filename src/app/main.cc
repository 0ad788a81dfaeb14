// The composition root: the only place that knows which store, clock and
// server are real. It opens the store named by --db (store/open_store.h),
// hands it to the command line (cli/cli.h), and for `serve` runs the HTTP
// server (http/server.h) with the complaint mail (SMTP notices, the SLA job
// and IMAP intake on a background thread, app/background_jobs.h) until
// SIGTERM or SIGINT, then shuts down gracefully: the background jobs stop
// before the HTTP server finishes and before the store closes.
#include <utility>  // Boost 1.74's Asio needs it before its headers under C++20.

#include <csignal>
#include <filesystem>
#include <iostream>
#include <memory>

#include <malloc.h>
#include <pthread.h>
#include <spdlog/spdlog.h>

#include "app/background_jobs.h"
#include "app/log_sink.h"
#include "cli/audit_checkpoints.h"
#include "cli/cli.h"
#include "core/clock.h"
#include "http/api.h"
#include "http/server.h"
#include "keys/key_file.h"
#include "keys/link_signer.h"
#include "workflow/complaint_notifier.h"
#include "mail/mail_rate_limit.h"
#include "mail/smtp_mailer.h"
#include "workflow/survey_invitation_sender.h"
#include "store/open_store.h"

namespace hearken {
namespace {

// The built web UI: --static-dir, else ./web/dist, else the source tree's.
std::string FindStaticDir(const std::string& configured) {
  if (!configured.empty()) return configured;
  for (std::string candidate : {std::string("web/dist"), std::string(HEARKEN_SOURCE_DIR) + "/web/dist"})
    if (std::filesystem::exists(candidate + "/index.html")) return candidate;
  return "";
}

int Serve(Store& store, const Clock& clock, const ServeCommand& command, const sigset_t& stop_signals) {
  UseServerLog();
  http::ServerOptions options;
  options.host = command.host;
  options.port = command.port;
  options.threads = command.threads;
  options.secure_cookies = command.secure_cookies;
  options.static_dir = FindStaticDir(command.static_dir);
  const ServeLimits& limits = command.limits;
  options.workers = limits.workers;
  options.max_queued = static_cast<std::size_t>(limits.max_queued);
  options.queue_deadline = std::chrono::milliseconds(limits.queue_deadline_ms);
  options.analysis_slots = limits.analysis_slots;
  options.max_connections = limits.max_connections;
  options.max_connections_per_address = limits.max_connections_per_address;
  options.header_timeout = std::chrono::milliseconds(limits.header_timeout_ms);
  options.body_timeout = std::chrono::milliseconds(limits.body_timeout_ms);
  options.keep_alive_timeout = std::chrono::milliseconds(limits.keep_alive_timeout_ms);
  options.trusted_proxies = limits.trusted_proxies;
  options.api_requests_per_minute = limits.api_requests_per_minute;
  options.public_submissions_per_hour = limits.public_submissions_per_hour;
  options.public_survey_answers_per_hour = limits.public_survey_answers_per_hour;
  options.public_status_requests_per_hour = limits.public_status_requests_per_hour;
  options.sign_in = {limits.signin_failures_per_account_address, limits.signin_failures_per_address,
                     std::chrono::minutes(limits.signin_window_minutes)};
  if (options.static_dir.empty())
    spdlog::warn("no built web UI found (run `make web`); serving the API only");

  // Mail: the SMTP mailer when configured, one notifier for the HTTP routes
  // and e-mail intake, and the rate limit of mail caused by public actions.
  std::unique_ptr<SmtpMailer> mailer;
  if (!command.smtp_url.empty()) {
    SmtpConfig smtp;
    smtp.url = command.smtp_url;
    smtp.username = command.smtp_user;
    smtp.password = command.smtp_password;
    smtp.start_tls = StartTls::kIfOffered;
    auto created = SmtpMailer::Create(smtp, clock);
    if (!created.ok()) {
      spdlog::error("--smtp-url: {}", created.error().message);
      return ExitCodeFor(created.error().code);
    }
    mailer = std::move(*created);
  } else {
    spdlog::warn("no --smtp-url: complaint notices and SLA warnings are not mailed");
  }
  // The key the complainants' status links are derived from, in a file
  // outside the database (created on first start).
  const std::string link_key_path = (std::filesystem::path(command.key_dir) / "link.key").string();
  auto link_key = keys::LoadOrCreateKey(link_key_path, keys::LinkSigner::kKeySize);
  if (!link_key.ok()) {
    spdlog::error("link key {}: {}", link_key_path, link_key.error().message);
    return ExitCodeFor(link_key.error().code);
  }
  if (link_key->created) spdlog::info("created the link key {}", link_key_path);
  auto links = std::make_shared<const keys::LinkSigner>(std::move(link_key->bytes));

  MailRateLimiter public_limiter(clock);
  ComplaintNotifier notifier(store, mailer.get(), clock, public_limiter, command.intake_address, links);

  BackgroundJobSettings jobs_settings;
  jobs_settings.sla_interval = std::chrono::seconds(command.sla_interval_seconds);
  jobs_settings.imap_interval = std::chrono::seconds(command.imap_interval_seconds);
  if (!command.imap_url.empty()) {
    ImapSettings imap;
    imap.url = command.imap_url;
    imap.user = command.imap_user;
    imap.password = command.imap_password;
    imap.tls = ImapTls::kIfAvailable;
    jobs_settings.imap = std::move(imap);
  }
  // The audit signing key, created on first start (its public half printed),
  // and the signed checkpoints of the chain written by the jobs.
  auto audit_key = LoadAuditSigningKey(command.audit_anchors, std::cout);
  if (!audit_key.ok()) {
    spdlog::error("audit signing key: {}", audit_key.error().message);
    return ExitCodeFor(audit_key.error().code);
  }
  jobs_settings.checkpoint_interval = std::chrono::seconds(command.checkpoint_interval_seconds);
  jobs_settings.audit_checkpoint = [&store, &clock, &command, key = *audit_key]() -> Status {
    auto written = WriteAuditCheckpoint(store, key, command.audit_anchors, clock.Now());
    if (!written.ok()) return written.error();
    spdlog::info("audit checkpoint signed: seq {} in {}", written->seq, command.audit_anchors.checkpoint_file);
    return Status::Ok();
  };
  // Survey invitation mail: sent by the routes that make invitations and by the jobs.
  SurveyInvitationSender invitations(store, mailer.get(), clock, public_limiter);
  jobs_settings.invitations = &invitations;
  BackgroundJobs jobs(store, notifier, mailer.get(), clock, std::move(jobs_settings));

  http::Server server(store, clock, options);
  server.SetComplaintNotifier(&notifier);
  server.api().SetSurveyInvitationSender(&invitations);
  if (auto started = server.Start(); !started.ok()) {
    spdlog::error("cannot start: {}", started.error().message);
    return ExitCodeFor(started.error().code);
  }
  spdlog::info("Hearken listening on http://{}:{}", options.host, server.Port());
  jobs.Start();
  if (!command.imap_url.empty()) spdlog::info("e-mail intake: reading {} every {} s", command.imap_url,
                                              command.imap_interval_seconds);

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  spdlog::info("signal {} received: finishing in-flight requests", signal_number);
  server.RequestStop();
  jobs.Stop();
  server.Wait();
  spdlog::info("stopped");
  return 0;
}

}  // namespace
}  // namespace hearken

int main(int argc, char** argv) {
  // Memory policy: at most two malloc arenas (glibc makes up to 8 per core,
  // one per busy thread, and keeps what each held), and the heavy routes (the
  // complaint analysis and exports) hand freed memory back with malloc_trim.
  mallopt(M_ARENA_MAX, 2);
  using namespace hearken;
  // Block the stop signals in every thread (threads inherit the mask); the
  // main thread waits for them with sigwait while serving.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%l%$ %v", spdlog::pattern_time_type::utc);

  SystemClock clock;
  CliHooks hooks;
  hooks.open_store = [&clock](const std::string& url) { return OpenStore(url, clock); };
  hooks.serve = [&clock, &stop_signals](Store& store, const ServeCommand& command) {
    return Serve(store, clock, command, stop_signals);
  };
  hooks.clock = &clock;
  hooks.in = &std::cin;
  hooks.out = &std::cout;
  hooks.err = &std::cerr;
  const int code = RunCli(argc, argv, hooks);
  spdlog::default_logger()->flush();  // what the log's buffer still holds reaches stdout
  spdlog::shutdown();
  return code;
}
