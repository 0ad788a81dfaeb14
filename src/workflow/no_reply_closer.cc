#include "workflow/no_reply_closer.h"

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
  ListOptions page;
  page.limit = 200;
  page.sort = "received_at";
  std::vector<Id> due;
  for (;;) {
    auto list = store.complaints().ListComplaints(responded, page);
    if (!list.ok()) return list.error();
    for (const Complaint& c : list->items) {
      ++report.checked;
      if (c.responded_at && clock.Now() >= NoReplyClosureDue(*c.responded_at, settings->closure))
        due.push_back(c.id);
    }
    page.offset += static_cast<int>(list->items.size());
    if (list->items.empty() || page.offset >= list->total) break;
  }
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
