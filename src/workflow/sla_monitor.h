// The SLA job (issue 3, "SLAs on business hours"): once a minute it looks at
// every open complaint's two SLA clocks (acknowledge, resolve) on the
// organisation's business calendar and mails staff before and when a target
// is missed:
// - warning: when warn_at_percent of a clock's business-time budget has run,
//   the assignee (or, while unassigned, every enabled quality manager) gets
//   "[C-…] SLA warning: acknowledge due <local time>";
// - escalation: when the clock passed its due time, every enabled quality
//   manager gets "[C-…] SLA breached: …", and the assignee a copy (a mail of
//   its own).
// Each notice is sent once per clock and recipient: every accepted mail is
// recorded for its recipient (Store::RecordSlaNoticeRecipient), and the
// notice on the complaint (Store::RecordSlaNotice) once all its recipients
// have it. A notice with a failed mail is tried again on the next run, for
// the recipients still missing only — one bad address does not make the job
// mail everyone else every minute. Restarting a clock (a reopened case)
// clears its notices in the store and starts a new run with no recipients. A paused clock (waiting on
// the complainant) sends nothing; stopped clocks are done.
//
// Staff mail is not rate-limited. The sender is the complaint settings'
// mail_from; without one (or without a mailer) nothing is sent or recorded.
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
  int warnings_sent = 0;     // warning notices sent and recorded
  int escalations_sent = 0;  // escalation notices sent and recorded
  int failures = 0;          // notices not recorded (mail failed, no recipient, store error): retried next run
  int complaints_checked = 0;
  // Why the run did nothing, or empty: "another node runs the SLA job", "no
  // mail server configured", "no sender (mail_from) configured".
  std::string skipped;
};

class SlaMonitor {
 public:
  // `mailer` may be null (then every run is skipped). References must
  // outlive the monitor.
  SlaMonitor(Store& store, Mailer* mailer, const Clock& clock);

  // One pass over the open complaints at clock.Now(), inside
  // store.jobs().RunExclusive("sla-monitor"). Mail failures are counted in the
  // report, not returned. Errors: those of the store when the settings, the
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
