// The SLA job (issue 3, "SLAs on business hours"; issue 7, digests): once a
// minute it looks at every open complaint's two SLA clocks (acknowledge,
// resolve) on the organisation's business calendar and tells staff before
// and when a target is missed, as notifications (workflow/staff_notices.h):
// - warning: when warn_at_percent of a clock's business-time budget has run,
//   the assignee (or, while unassigned, every enabled quality manager) is
//   told "C-… SLA warning: acknowledge due <local time>";
// - escalation: when the clock passed its due time, every enabled quality
//   manager and the assignee are told "C-… SLA breached: …".
// It also tells the owner of each open corrective action due today or
// overdue. Each notice reaches a person once per clock run (a dedupe key;
// a reopened case restarts its clocks and may be told again), and the notice
// on the complaint (Store::RecordSlaNotice) is recorded once delivered.
// A paused clock (waiting on the complainant) tells nothing; stopped clocks
// are done. Then the run mails what everyone was told — this run's notices
// and the events since the last run — as ONE digest per person
// (workflow/notification_mailer.h), so forty breaches make one mail, not
// forty. Without a mailer or a sender the notices are in the app only.
// With several nodes, Store::RunExclusive makes one of them run the job.
#pragma once

#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "mail/mailer.h"
#include "store/store.h"

namespace hearken {

// What one run did.
struct SlaRunReport {
  int warnings_sent = 0;     // warning notices told and recorded
  int escalations_sent = 0;  // escalation notices told and recorded
  int actions_due = 0;       // corrective-action due notices told
  int mails_sent = 0;        // digests mailed
  int failures = 0;          // notices not told (no recipient, store error) or digests not mailed: retried next run
  int complaints_checked = 0;
  // Why the run did nothing (or mailed nothing), or empty: "another node runs
  // the SLA job", "no mail server configured", "no sender (mail_from) configured".
  std::string skipped;
};

class SlaMonitor {
 public:
  // `mailer` may be null (then every run is skipped). References must
  // outlive the monitor.
  SlaMonitor(Store& store, Mailer* mailer, const Clock& clock);

  // One pass over the open complaints and corrective actions at clock.Now(),
  // then the digests, inside store.jobs().RunExclusive("sla-monitor"). Mail
  // failures are counted in the report, not returned. Errors: those of the store when the settings, the
  // users or the complaint list cannot be read; InvalidArgument when the
  // stored calendar is invalid.
  Result<SlaRunReport> RunOnce();

 private:
  Result<SlaRunReport> RunLocked();

  Store& store_;
  Mailer* mailer_;
  const Clock& clock_;
};

}  // namespace hearken
