// ComplaintNotifier::SendAcknowledgement: the acknowledgement mail for a
// complaint a handler acknowledged (the staff routes make the transition).
#include "workflow/complaint_notifier.h"

namespace hearken {

NoticeResult ComplaintNotifier::SendAcknowledgement(const Complaint& complaint, const std::string& status_token) {
  Result<ComplaintSettings> settings = store_.complaint_admin().GetComplaintSettings();
  if (!settings.ok()) return {NoticeOutcome::kFailed, settings.error().message};
  TemplateValues values = ValuesFor(complaint);
  if (!status_token.empty()) {
    std::string base = settings->public_base_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    values.status_link = base + "/status/" + status_token;
  }
  return Deliver(*settings, complaint, RenderTemplate(settings->acknowledgement.subject, values),
                 RenderTemplate(settings->acknowledgement.body, values), NoticeOrigin::kStaff, nullptr);
}

}  // namespace hearken
