#include "workflow/no_reply_closer.h"

#include "store/complaint_scan_range.h"

namespace hearken {

Result<NoReplyCloseReport> CloseUnansweredOnce(Store& store, ComplaintNotifier& notifier, const Clock& clock) {
  NoReplyCloseReport report;
  auto settings = store.complaint_admin().GetComplaintSettings();
  if (!settings.ok()) return settings.error();
  const WriteContext system{{std::nullopt, "system"},
                            "no reply within " + std::to_string(settings->closure.no_reply_days) +
                                " days of the response"};
  ComplaintFilter responded;
  responded.states = {ComplaintState::kResponded};
  std::vector<Id> due;
  ComplaintScanRange scan(store.complaints(), responded, 1000, ComplaintDetail::kFacts);  // keyset pages by id
  for (const Complaint& c : scan) {
    ++report.checked;
    if (c.responded_at && clock.Now() >= NoReplyClosureDue(*c.responded_at, settings->closure)) due.push_back(c.id);
  }
  if (!scan.status().ok()) return scan.status().error();
  for (Id id : due) {
    auto closed = store.complaints().TransitionComplaint(system, id, {ComplaintState::kClosed, system.reason, ClosureKind::kNoReply});
    if (!closed.ok()) continue;  // replied meanwhile, or moved by a handler
    ++report.closed;
    auto notice = notifier.SendClosure(*closed);
    if (!notice.ok() || notice->outcome == NoticeOutcome::kFailed) ++report.mail_failures;
  }
  return report;
}

}  // namespace hearken
