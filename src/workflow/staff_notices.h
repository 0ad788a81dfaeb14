// Who on the staff is told what (issue 7, "People told what needs them"):
// the notices that events on a case cause, built and handed to the store's
// notification inbox (NotificationStore::Notify), which delivers each by the
// person's preferences — in the app, and by e-mail in the next digest
// (workflow/notification_mailer.h).
//   assigned             the new assignee, unless they assigned it themselves;
//   complainant_replied  the assignee, or while nobody has the case every
//                        enabled quality manager; says when the reply came
//                        after closure and whether it reopened the case;
//   complainant_rated    the same people;
//   sla_warning/_breached and action_due come from the SLA job
//                        (workflow/sla_monitor.h).
// Notices are sent after the event committed (like the complainant's mails):
// a failure is logged and returned, the event stands.
#pragma once

#include <string>
#include <vector>

#include "core/complaint.h"
#include "core/notification.h"
#include "core/result.h"
#include "store/store.h"

namespace hearken {

// Every enabled user with role quality_manager.
Result<std::vector<User>> EnabledQualityManagers(Store& store);

// The people told about the complainant's words on `complaint`: its enabled
// assignee, else every enabled quality manager.
Result<std::vector<Id>> CaseWatchers(Store& store, const Complaint& complaint);

// The app path of a case: "/complaints/12".
std::string CaseLink(const Complaint& complaint);

Status NotifyAssigned(Store& store, const Complaint& complaint, Id assignee_id, const Actor& by);

// What a reply did to a closed case.
enum class ReplyAfterClosure { kNotClosed, kReopened, kLeftClosed };

// What a reply from the complainant does to the case it was added to
// (`current`, as it stands): a case waiting on them resumes where it paused;
// a closed case is reopened when the complaint settings say so
// (closure.reopen_on_reply), else stays closed. Moves are written with `ctx`
// (the complainant's own context on the status page, "system" for e-mail)
// and its reason. Safe to call again for the same reply (a moved case does
// not move twice). `what` (if not null) says what happened to a closed case.
Status FollowComplainantReply(Store& store, const Complaint& current, const WriteContext& ctx,
                              ReplyAfterClosure* what);

Status NotifyComplainantReplied(Store& store, const Complaint& complaint, ReplyAfterClosure closure);

Status NotifyComplainantRated(Store& store, const Complaint& complaint, int score);

}  // namespace hearken
