// The background jobs of `hearken serve` (issue 3): the SLA job
// (SlaMonitor::RunOnce, every minute by default, followed by closure by no
// reply, CloseUnansweredOnce) and, when an intake mailbox
// is configured, e-mail intake (PollIntakeOnce, every 30 seconds), and the
// signed checkpoint of the audit chain (hourly by default), and the survey
// invitation mail that is due (every 30 seconds). They run
// on one thread of their own, started after the HTTP server and stopped
// before the store closes: Stop() wakes the thread, lets a job in progress
// finish (an IMAP or SMTP call is bounded by its timeout) and joins it.
// Each job takes its store lock (Store::RunExclusive "sla-monitor" and
// "imap-intake"), so with several nodes one runs it at a time. A job's failure is logged and the job
// runs again at its next interval.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "core/clock.h"
#include "workflow/complaint_notifier.h"
#include "workflow/survey_invitation_sender.h"
#include "mail/imap_mailbox.h"
#include "mail/mailer.h"
#include "store/store.h"

namespace hearken {

struct BackgroundJobSettings {
  std::chrono::milliseconds sla_interval = std::chrono::seconds(60);
  std::chrono::milliseconds imap_interval = std::chrono::seconds(30);
  std::optional<ImapSettings> imap;  // e-mail intake when set
  // The signed checkpoint of the audit chain (cli/audit_checkpoints.h), at
  // start and then every interval, when set; its error is logged.
  std::function<Status()> audit_checkpoint;
  std::chrono::milliseconds checkpoint_interval = std::chrono::hours(1);
  // Survey invitation mail (workflow/survey_invitation_sender.h) due by now,
  // every interval, when set.
  SurveyInvitationSender* invitations = nullptr;
  std::chrono::milliseconds invitation_interval = std::chrono::seconds(30);
};

class BackgroundJobs {
 public:
  // `mailer` may be null (the SLA job then only logs that it has nothing to
  // send with). All references must outlive the jobs.
  BackgroundJobs(Store& store, ComplaintNotifier& notifier, Mailer* mailer, const Clock& clock,
                 BackgroundJobSettings settings);
  ~BackgroundJobs();  // Stop()
  BackgroundJobs(const BackgroundJobs&) = delete;
  BackgroundJobs& operator=(const BackgroundJobs&) = delete;

  // Starts the thread; both jobs run at once, then at their intervals.
  void Start();
  // Idempotent; returns once the thread has ended.
  void Stop();

  // How many times each job has run (for tests and logs).
  int sla_runs() const;
  int imap_polls() const;
  int checkpoints() const;

 private:
  void Run();

  Store& store_;
  ComplaintNotifier& notifier_;
  Mailer* mailer_;
  const Clock& clock_;
  BackgroundJobSettings settings_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  int sla_runs_ = 0;
  int imap_polls_ = 0;
  int checkpoints_ = 0;
  std::thread thread_;
};

}  // namespace hearken
