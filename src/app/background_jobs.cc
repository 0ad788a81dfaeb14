#include "app/background_jobs.h"

#include <spdlog/spdlog.h>

#include <memory>
#include <utility>

#include "workflow/imap_intake.h"
#include "workflow/no_reply_closer.h"
#include "workflow/sla_monitor.h"

namespace hearken {

BackgroundJobs::BackgroundJobs(Store& store, ComplaintNotifier& notifier, Mailer* mailer, const Clock& clock,
                               BackgroundJobSettings settings)
    : store_(store), notifier_(notifier), mailer_(mailer), clock_(clock), settings_(std::move(settings)) {}

BackgroundJobs::~BackgroundJobs() { Stop(); }

void BackgroundJobs::Start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable() || stopping_) return;
  thread_ = std::thread([this] { Run(); });
}

void BackgroundJobs::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

int BackgroundJobs::sla_runs() const {
  std::lock_guard lock(mutex_);
  return sla_runs_;
}

int BackgroundJobs::imap_polls() const {
  std::lock_guard lock(mutex_);
  return imap_polls_;
}

int BackgroundJobs::checkpoints() const {
  std::lock_guard lock(mutex_);
  return checkpoints_;
}

void BackgroundJobs::Run() {
  using Steady = std::chrono::steady_clock;
  SlaMonitor sla(store_, mailer_, clock_);
  // The mailbox keeps its connection between polls; it lives on this thread only.
  std::unique_ptr<ImapMailbox> mailbox;
  if (settings_.imap) mailbox = std::make_unique<ImapMailbox>(*settings_.imap);
  Steady::time_point next_sla = Steady::now();
  Steady::time_point next_imap = Steady::now();
  Steady::time_point next_checkpoint = Steady::now();
  Steady::time_point next_invitations = Steady::now();
  const bool checkpointing = static_cast<bool>(settings_.audit_checkpoint);
  const bool inviting = settings_.invitations != nullptr;
  std::string last_sla_skip;
  std::string last_imap_error;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      Steady::time_point next = mailbox ? std::min(next_sla, next_imap) : next_sla;
      if (checkpointing) next = std::min(next, next_checkpoint);
      if (inviting) next = std::min(next, next_invitations);
      wake_.wait_until(lock, next, [this] { return stopping_; });
      if (stopping_) return;
    }
    Steady::time_point now = Steady::now();
    if (now >= next_sla) {
      auto report = sla.RunOnce();
      if (!report.ok()) {
        spdlog::error("SLA job failed: {}", report.error().message);
      } else if (report->skipped != last_sla_skip) {
        // Said once when it starts (or stops) being skipped, not every minute.
        if (!report->skipped.empty()) spdlog::info("SLA job idle: {}", report->skipped);
        last_sla_skip = report->skipped;
      }
      // Closure by no reply runs with the SLA job: both are about due times.
      auto ran = store_.jobs().RunExclusive("no-reply-closer", [&] {
        auto closed = CloseUnansweredOnce(store_, notifier_, clock_);
        if (!closed.ok()) spdlog::error("closure by no reply failed: {}", closed.error().message);
        else if (closed->closed > 0) spdlog::info("closed {} complaints for no reply", closed->closed);
      });
      if (!ran.ok()) spdlog::error("closure by no reply: {}", ran.error().message);
      std::lock_guard lock(mutex_);
      ++sla_runs_;
      next_sla = Steady::now() + settings_.sla_interval;
    }
    if (mailbox && Steady::now() >= next_imap) {
      // One node reads the mailbox at a time (Message-IDs make a second
      // reading harmless anyway).
      auto ran = store_.jobs().RunExclusive("imap-intake", [&] {
        auto report = PollIntakeOnce(*mailbox, store_, notifier_, clock_);
        // An unreachable mailbox is logged when it starts failing (or the
        // error changes) and when it recovers, not on every poll.
        std::string error = report.ok() ? "" : report.error().message;
        if (error != last_imap_error) {
          if (error.empty()) spdlog::info("e-mail intake: mailbox readable again");
          else spdlog::warn("e-mail intake: mailbox not read: {}", error);
          last_imap_error = error;
        }
      });
      if (!ran.ok()) spdlog::error("e-mail intake: {}", ran.error().message);
      std::lock_guard lock(mutex_);
      ++imap_polls_;
      next_imap = Steady::now() + settings_.imap_interval;
    }
    if (checkpointing && Steady::now() >= next_checkpoint) {
      auto ran = store_.jobs().RunExclusive("audit-checkpoint", [&] {
        Status written = settings_.audit_checkpoint();
        if (!written.ok()) spdlog::error("audit checkpoint: {}", written.error().message);
      });
      if (!ran.ok()) spdlog::error("audit checkpoint: {}", ran.error().message);
      std::lock_guard lock(mutex_);
      ++checkpoints_;
      next_checkpoint = Steady::now() + settings_.checkpoint_interval;
    }
    if (inviting && Steady::now() >= next_invitations) {
      // The sender takes the store's lock "survey-invitations" itself.
      auto report = settings_.invitations->SendDueOnce();
      if (!report.ok()) spdlog::error("survey invitations: {}", report.error().message);
      else if (report->sent + report->bounced > 0)
        spdlog::info("survey invitations: {} sent, {} bounced", report->sent, report->bounced);
      next_invitations = Steady::now() + settings_.invitation_interval;
    }
  }
}

}  // namespace hearken
