// ComplaintNotifier::SendAcknowledgement: the acknowledgement mail for a
// complaint a handler acknowledged (the staff routes make the transition).
#include "workflow/complaint_notifier.h"

namespace hearken {

NoticeResult ComplaintNotifier::SendAcknowledgement(const Complaint& complaint) {
  Result<ComplaintSettings> settings = store_.complaint_admin().GetComplaintSettings();
  if (!settings.ok()) return {NoticeOutcome::kFailed, settings.error().message};
  TemplateValues values = ValuesFor(*settings, complaint);
  return Deliver(*settings, complaint, RenderTemplate(settings->acknowledgement.subject, values),
                 RenderTemplate(settings->acknowledgement.body, values), NoticeOrigin::kStaff, nullptr);
}

}  // namespace hearken
