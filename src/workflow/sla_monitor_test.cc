// The SLA job on a real SQLite store, a manual clock and the aiosmtpd
// capture server. The fixture's calendar is Monday to Friday 09:00-17:00 UTC;
// unassessed complaints must be acknowledged within 4 business hours and
// resolved within 8, with a warning at 75 %. Complaints are filed on Monday
// 30 November 2026 at 09:00.
#include "workflow/sla_monitor.h"

#include <gtest/gtest.h>

#include "workflow/complaint_mail_test_util.h"

namespace hearken {
namespace {

using testing_util::ComplaintMailTest;
using testing_util::UniqueAddress;

class SlaMonitorTest : public ComplaintMailTest {
 protected:
  void SetUp() override {
    ComplaintMailTest::SetUp();
    if (HasFatalFailure()) return;
    monitor_ = std::make_unique<SlaMonitor>(*store_, mailer_.get(), clock_);
    qm1_ = AddUser(UniqueAddress("qm"), Role::kQualityManager);
    qm2_ = AddUser(UniqueAddress("qm"), Role::kQualityManager);
    qm_disabled_ = AddUser(UniqueAddress("qm-off"), Role::kQualityManager, false);
    handler_ = AddUser(UniqueAddress("handler"), Role::kHandler);
  }

  SlaRunReport RunAt(const std::string& time) {
    clock_.Set(*ParseTimestamp(time));
    auto report = monitor_->RunOnce();
    EXPECT_TRUE(report.ok()) << report.error().message;
    return report.ok() ? *report : SlaRunReport{};
  }

  void Assign(Id complaint, Id user) {
    auto assigned = store_->complaints().AssignComplaint(ctx_, complaint, user);
    ASSERT_TRUE(assigned.ok()) << assigned.error().message;
  }

  size_t MailCount(const User& user) { return smtp_->MessagesTo(user.email).size(); }

  std::unique_ptr<SlaMonitor> monitor_;
  User qm1_, qm2_, qm_disabled_, handler_;
};

TEST_F(SlaMonitorTest, WarnsTheAssigneeAtThreeQuartersAndEscalatesToQualityManagersAtBreachEachOnce) {
  auto filed = File(UniqueAddress("ann"));
  Assign(filed.complaint.id, handler_.id);

  SlaRunReport early = RunAt("2026-11-30T11:59:00Z");
  EXPECT_EQ(early.warnings_sent, 0);
  EXPECT_EQ(early.complaints_checked, 1);
  EXPECT_EQ(MailCount(handler_), 0u);

  SlaRunReport warned = RunAt("2026-11-30T12:00:00Z");  // 3 of 4 hours to acknowledge
  EXPECT_EQ(warned.warnings_sent, 1);
  EXPECT_EQ(warned.escalations_sent, 0);
  auto to_handler = smtp_->MessagesTo(handler_.email);
  ASSERT_EQ(to_handler.size(), 1u);
  EXPECT_EQ(to_handler[0].Header("Subject"),
            "[" + filed.complaint.reference + "] SLA warning: acknowledge due 2026-11-30 13:00 UTC");
  EXPECT_EQ(to_handler[0].Header("X-Hearken-Case"), filed.complaint.reference);
  EXPECT_EQ(MailCount(qm1_), 0u);
  EXPECT_TRUE(Get(filed.complaint.id).ack_warned_at.has_value());

  EXPECT_EQ(RunAt("2026-11-30T12:30:00Z").warnings_sent, 0);
  EXPECT_EQ(MailCount(handler_), 1u);

  SlaRunReport breached = RunAt("2026-11-30T13:01:00Z");
  EXPECT_EQ(breached.escalations_sent, 1);
  EXPECT_EQ(breached.warnings_sent, 0);
  ASSERT_EQ(MailCount(qm1_), 1u);
  EXPECT_EQ(MailCount(qm2_), 1u);
  EXPECT_EQ(MailCount(qm_disabled_), 0u);
  EXPECT_EQ(MailCount(handler_), 2u);  // the copy
  EXPECT_NE(smtp_->MessagesTo(qm1_.email)[0].Header("Subject").find("SLA breached: acknowledge"), std::string::npos);
  EXPECT_TRUE(Get(filed.complaint.id).ack_escalated_at.has_value());

  SlaRunReport again = RunAt("2026-11-30T13:30:00Z");
  EXPECT_EQ(again.escalations_sent + again.warnings_sent, 0);
  EXPECT_EQ(MailCount(qm1_), 1u);
  EXPECT_EQ(MailCount(handler_), 2u);
}

TEST_F(SlaMonitorTest, WarningOfAnUnassignedComplaintGoesToTheQualityManagers) {
  auto filed = File(UniqueAddress("ann"));
  SlaRunReport warned = RunAt("2026-11-30T12:10:00Z");
  EXPECT_EQ(warned.warnings_sent, 1);
  EXPECT_EQ(MailCount(qm1_), 1u);
  EXPECT_EQ(MailCount(qm2_), 1u);
  EXPECT_EQ(MailCount(qm_disabled_), 0u);
  EXPECT_EQ(MailCount(handler_), 0u);
}

TEST_F(SlaMonitorTest, WaitingOnTheComplainantPostponesTheResolveWarning) {
  auto filed = File(UniqueAddress("ann"));
  Assign(filed.complaint.id, handler_.id);
  clock_.Set(*ParseTimestamp("2026-11-30T09:10:00Z"));
  Move(filed.complaint.id, ComplaintState::kAcknowledged);
  clock_.Set(*ParseTimestamp("2026-11-30T10:00:00Z"));
  Move(filed.complaint.id, ComplaintState::kWaitingOnComplainant, "photos of the damage needed");

  // Without the pause 7 of 8 hours would have run: no warning while paused.
  EXPECT_EQ(RunAt("2026-11-30T16:00:00Z").warnings_sent, 0);
  Move(filed.complaint.id, ComplaintState::kAcknowledged, "photos arrived");
  // The clock ran 09:00-10:00 and 16:00-17:00: 2 of 8 hours, past the unpaused due time.
  SlaRunReport after_due = RunAt("2026-11-30T17:30:00Z");
  EXPECT_EQ(after_due.warnings_sent + after_due.escalations_sent, 0);
  // Tuesday 13:30: 6.5 of 8 hours; due Tuesday 15:00.
  SlaRunReport warned = RunAt("2026-12-01T13:30:00Z");
  EXPECT_EQ(warned.warnings_sent, 1);
  EXPECT_EQ(warned.escalations_sent, 0);
  auto to_handler = smtp_->MessagesTo(handler_.email);
  ASSERT_EQ(to_handler.size(), 1u);
  EXPECT_NE(to_handler[0].Header("Subject").find("SLA warning: resolve due 2026-12-01 15:00 UTC"), std::string::npos)
      << to_handler[0].Header("Subject");
}

// A digest the mail server refuses stays queued and is tried again on the
// next run; the notice itself is told (in the app) and recorded once.
TEST_F(SlaMonitorTest, FailedDigestIsTriedAgainNextRunAndTheNoticeIsToldOnce) {
  User refused = AddUser(UniqueAddress("data451-handler"), Role::kHandler);
  auto filed = File(UniqueAddress("ann"));
  Assign(filed.complaint.id, refused.id);
  SlaRunReport first = RunAt("2026-11-30T12:00:00Z");
  EXPECT_EQ(first.warnings_sent, 1);
  EXPECT_EQ(first.mails_sent, 0);
  EXPECT_EQ(first.failures, 1);
  EXPECT_TRUE(Get(filed.complaint.id).ack_warned_at.has_value());
  auto inbox = store_->notifications().ListNotifications(refused.id, true, {});
  ASSERT_TRUE(inbox.ok());
  ASSERT_EQ(inbox->items.size(), 1u);
  EXPECT_EQ(inbox->items[0].kind, NotificationKind::kSlaWarning);

  SlaRunReport second = RunAt("2026-11-30T12:05:00Z");
  EXPECT_EQ(second.warnings_sent, 0);
  EXPECT_EQ(second.failures, 1);  // the digest again, not a second notice
  EXPECT_EQ(store_->notifications().CountUnread(refused.id).value(), 1);
}

// Issue 6: one address that keeps failing does not make the job mail the
// other recipients again on every run.
TEST_F(SlaMonitorTest, OneFailingAddressDoesNotRemailTheOthers) {
  User refusing = AddUser(UniqueAddress("data554-qm"), Role::kQualityManager);
  auto filed = File(UniqueAddress("ann"));  // unassigned: the warning goes to every quality manager
  SlaRunReport first = RunAt("2026-11-30T12:00:00Z");
  EXPECT_EQ(first.warnings_sent, 1);
  EXPECT_EQ(first.mails_sent, 2);
  EXPECT_EQ(first.failures, 1);
  EXPECT_EQ(MailCount(qm1_), 1u);
  EXPECT_EQ(MailCount(qm2_), 1u);
  for (const char* at : {"2026-11-30T12:01:00Z", "2026-11-30T12:02:00Z", "2026-11-30T12:03:00Z"}) {
    SlaRunReport again = RunAt(at);
    EXPECT_EQ(again.failures, 1) << at;
  }
  EXPECT_EQ(MailCount(qm1_), 1u);  // not re-mailed every minute
  EXPECT_EQ(MailCount(qm2_), 1u);
  // A disabled person is given up on: the queue empties.
  refusing.enabled = false;
  ASSERT_TRUE(store_->users().UpdateUser(ctx_, refusing).ok());
  SlaRunReport done = RunAt("2026-11-30T12:04:00Z");
  EXPECT_EQ(done.failures, 0);
  EXPECT_EQ(MailCount(qm1_), 1u);
}

// Issue 7: "creating the first quality manager produced 36 separate mails".
// Everything one run tells a person is one mail.
TEST_F(SlaMonitorTest, ManyBreachesInOneRunAreOneDigestPerPerson) {
  std::vector<std::string> references;
  for (int i = 0; i < 6; ++i) references.push_back(File(UniqueAddress("ann")).complaint.reference);
  SlaRunReport report = RunAt("2026-12-02T12:00:00Z");  // both clocks of all six long past due
  EXPECT_EQ(report.escalations_sent, 12);
  auto to_qm = smtp_->MessagesTo(qm1_.email);
  ASSERT_EQ(to_qm.size(), 1u);
  EXPECT_EQ(to_qm[0].Header("Subject"), "12 things need you in Hearken");
  for (const std::string& reference : references) {
    EXPECT_NE(to_qm[0].body.find(reference + " SLA breached: acknowledge was due"), std::string::npos) << reference;
    EXPECT_NE(to_qm[0].body.find(reference + " SLA breached: resolve was due"), std::string::npos) << reference;
  }
  EXPECT_EQ(MailCount(qm2_), 1u);
  EXPECT_EQ(store_->notifications().CountUnread(qm1_.id).value(), 12);
  EXPECT_EQ(RunAt("2026-12-02T12:01:00Z").mails_sent, 0);  // told once
  EXPECT_EQ(MailCount(qm1_), 1u);
}

// A person who does not want a kind by e-mail still sees it in the app; one
// who wants neither is not told.
TEST_F(SlaMonitorTest, PreferencesDecideTheInboxAndTheMail) {
  ASSERT_TRUE(store_->notifications()
                  .SetNotificationPreferences(qm1_.id, {{NotificationKind::kSlaWarning, true, false}})
                  .ok());
  ASSERT_TRUE(store_->notifications()
                  .SetNotificationPreferences(qm2_.id, {{NotificationKind::kSlaWarning, false, false}})
                  .ok());
  File(UniqueAddress("ann"));
  SlaRunReport warned = RunAt("2026-11-30T12:10:00Z");
  EXPECT_EQ(warned.warnings_sent, 1);
  EXPECT_EQ(MailCount(qm1_), 0u);
  EXPECT_EQ(store_->notifications().CountUnread(qm1_.id).value(), 1);
  EXPECT_EQ(MailCount(qm2_), 0u);
  EXPECT_EQ(store_->notifications().CountUnread(qm2_.id).value(), 0);
}

// A corrective action due today tells its owner once.
TEST_F(SlaMonitorTest, ACorrectiveActionDueTellsItsOwnerOnce) {
  CorrectiveAction action;
  action.title = "Recalibrate the depot scales";
  action.owner_id = handler_.id;
  action.due_date = std::chrono::year{2026} / std::chrono::December / std::chrono::day{1};
  ASSERT_TRUE(store_->corrective_actions().CreateCorrectiveAction(ctx_, action).ok());
  EXPECT_EQ(RunAt("2026-11-30T12:00:00Z").actions_due, 0);  // the day before
  SlaRunReport due = RunAt("2026-12-01T08:00:00Z");
  EXPECT_EQ(due.actions_due, 1);
  auto to_handler = smtp_->MessagesTo(handler_.email);
  ASSERT_EQ(to_handler.size(), 1u);
  EXPECT_EQ(to_handler[0].Header("Subject"), "Corrective action due today: Recalibrate the depot scales");
  EXPECT_EQ(RunAt("2026-12-01T09:00:00Z").actions_due, 0);
  EXPECT_EQ(MailCount(handler_), 1u);
}

TEST_F(SlaMonitorTest, WithoutSenderNoticesAreInTheAppOnly) {
  ComplaintSettings settings = settings_;
  settings.mail_from.clear();
  ASSERT_TRUE(store_->complaint_admin().UpdateComplaintSettings(ctx_, settings).ok());
  auto filed = File(UniqueAddress("ann"));
  SlaRunReport report = RunAt("2026-11-30T14:00:00Z");
  EXPECT_EQ(report.escalations_sent, 1);
  EXPECT_EQ(report.mails_sent, 0);
  EXPECT_NE(report.skipped.find("sender"), std::string::npos);
  EXPECT_TRUE(Get(filed.complaint.id).ack_escalated_at.has_value());
  EXPECT_EQ(MailCount(qm1_), 0u);
  EXPECT_EQ(store_->notifications().CountUnread(qm1_.id).value(), 1);

  SlaMonitor no_mailer(*store_, nullptr, clock_);
  auto skipped = no_mailer.RunOnce();
  ASSERT_TRUE(skipped.ok());
  EXPECT_FALSE(skipped->skipped.empty());
}

TEST_F(SlaMonitorTest, ClosedAndAcknowledgedClocksSendNothing) {
  auto filed = File(UniqueAddress("ann"));
  Move(filed.complaint.id, ComplaintState::kAcknowledged);  // at 09:00: the acknowledge clock stops
  Move(filed.complaint.id, ComplaintState::kWithdrawn, "sorted out by phone");
  SlaRunReport report = RunAt("2026-12-02T12:00:00Z");
  EXPECT_EQ(report.complaints_checked, 0);
  EXPECT_EQ(report.warnings_sent + report.escalations_sent + report.failures, 0);
}

}  // namespace
}  // namespace hearken
