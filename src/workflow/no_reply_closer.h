// Closure by no reply (ISO 10002 7.9, issue 3 "closure ... by no reply
// within a configurable number of days"): a responded complaint whose
// complainant has not written since the response is closed with closure kind
// no_reply once settings.closure.no_reply_days have passed, by the system,
// and the closure notice with its rating link is mailed. A complainant who
// replied keeps the case open for the handler (the store refuses the
// closure). Run by the app's background jobs under
// Store::RunExclusive("no-reply-closer").
#pragma once

#include <cstdint>

#include "core/clock.h"
#include "core/result.h"
#include "workflow/complaint_notifier.h"
#include "store/store.h"

namespace hearken {

struct NoReplyCloseReport {
  std::int64_t checked = 0;  // responded complaints looked at
  std::int64_t closed = 0;
  std::int64_t mail_failures = 0;  // closed, but the closure mail failed (logged in the result only)
};

// One pass over the responded complaints. Errors: those of the store when
// the complaints cannot be listed; a case the store refuses to close (the
// complainant replied, or it moved meanwhile) is skipped.
Result<NoReplyCloseReport> CloseUnansweredOnce(Store& store, ComplaintNotifier& notifier, const Clock& clock);

}  // namespace hearken
