// StoreParts: a Store assembled from area implementations, for tests that
// replace one area (a fake or a mock of that interface) and keep a real
// store for the rest. Every part starts as the base store's own; set the
// members to swap one. Not thread-safe to modify while in use.
#pragma once

#include <functional>

#include "store/store.h"

namespace hearken {

class StoreParts final : public Store {
 public:
  explicit StoreParts(Store& base)
      : base_(base),
        organisation_part(&base.organisation()),
        users_part(&base.users()),
        customers_part(&base.customers()),
        requirements_part(&base.requirements()),
        communications_part(&base.communications()),
        complaints_part(&base.complaints()),
        complaint_messages_part(&base.complaint_messages()),
        complaint_admin_part(&base.complaint_admin()),
        ratings_part(&base.ratings()),
        corrective_actions_part(&base.corrective_actions()),
        audit_part(&base.audit()),
        jobs_part(&base.jobs()),
        idempotency_part(&base.idempotency()),
        subjects_part(&base.subjects()),
        notifications_part(&base.notifications()),
        saved_views_part(&base.saved_views()),
        surveys_part(&base.surveys()),
        survey_invitations_part(&base.survey_invitations()),
        feedback_part(&base.feedback()) {}

  Status Migrate() override { return base_.Migrate(); }
  Result<int> SchemaVersion() override { return base_.SchemaVersion(); }
  int LatestSchemaVersion() const override { return base_.LatestSchemaVersion(); }
  // Replaceable, like the parts (a test of readiness sets it).
  std::function<Status()> ping;
  Status Ping() override { return ping ? ping() : base_.Ping(); }

  OrganisationStore& organisation() override { return *organisation_part; }
  UserStore& users() override { return *users_part; }
  CustomerStore& customers() override { return *customers_part; }
  RequirementStore& requirements() override { return *requirements_part; }
  CommunicationStore& communications() override { return *communications_part; }
  ComplaintStore& complaints() override { return *complaints_part; }
  ComplaintMessageStore& complaint_messages() override { return *complaint_messages_part; }
  ComplaintAdminStore& complaint_admin() override { return *complaint_admin_part; }
  RatingStore& ratings() override { return *ratings_part; }
  CorrectiveActionStore& corrective_actions() override { return *corrective_actions_part; }
  AuditStore& audit() override { return *audit_part; }
  JobStore& jobs() override { return *jobs_part; }
  IdempotencyStore& idempotency() override { return *idempotency_part; }
  SubjectStore& subjects() override { return *subjects_part; }
  NotificationStore& notifications() override { return *notifications_part; }
  SavedViewStore& saved_views() override { return *saved_views_part; }
  SurveyStore& surveys() override { return *surveys_part; }
  SurveyInvitationStore& survey_invitations() override { return *survey_invitations_part; }
  FeedbackStore& feedback() override { return *feedback_part; }

 private:
  Store& base_;

 public:
  OrganisationStore* organisation_part;
  UserStore* users_part;
  CustomerStore* customers_part;
  RequirementStore* requirements_part;
  CommunicationStore* communications_part;
  ComplaintStore* complaints_part;
  ComplaintMessageStore* complaint_messages_part;
  ComplaintAdminStore* complaint_admin_part;
  RatingStore* ratings_part;
  CorrectiveActionStore* corrective_actions_part;
  AuditStore* audit_part;
  JobStore* jobs_part;
  IdempotencyStore* idempotency_part;
  SubjectStore* subjects_part;
  NotificationStore* notifications_part;
  SavedViewStore* saved_views_part;
  SurveyStore* surveys_part;
  SurveyInvitationStore* survey_invitations_part;
  FeedbackStore* feedback_part;
};

}  // namespace hearken
