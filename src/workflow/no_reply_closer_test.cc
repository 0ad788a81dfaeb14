// Closure by no reply on a real SQLite store, a manual clock and the aiosmtpd
// capture server: a responded case without a reply is closed by the system
// after the configured days and its closure mail carries a rating link; a
// case the complainant replied to stays open.
#include "workflow/no_reply_closer.h"

#include <gtest/gtest.h>

#include "workflow/complaint_mail_test_util.h"

namespace hearken {
namespace {

using std::chrono::days;
using std::chrono::milliseconds;
using testing_util::ComplaintMailTest;
using testing_util::kBaseUrl;
using testing_util::UniqueAddress;

class NoReplyCloserTest : public ComplaintMailTest {
 protected:
  Complaint Respond(Id id) {
    Move(id, ComplaintState::kAcknowledged);
    ComplaintAssessment assessment;
    EXPECT_TRUE(store_->complaints().AssessComplaint(ctx_, id, assessment).ok());
    ComplaintInvestigation investigation;
    investigation.whys = {"The box was too weak"};
    investigation.root_cause = "Single-wall boxes for glass";
    EXPECT_TRUE(store_->complaints().RecordInvestigation(ctx_, id, investigation).ok());
    ComplaintResponse response;
    response.decision = "We refund the vase.";
    response.remedies = {Remedy::kRefund};
    auto responded = store_->complaints().RespondToComplaint(ctx_, id, response);
    EXPECT_TRUE(responded.ok()) << responded.error().message;
    return responded.ok() ? *responded : Complaint{};
  }

  NoReplyCloseReport Run() {
    auto report = CloseUnansweredOnce(*store_, *notifier_, clock_);
    EXPECT_TRUE(report.ok()) << report.error().message;
    return report.ok() ? *report : NoReplyCloseReport{};
  }
};

TEST_F(NoReplyCloserTest, ClosesAfterTheConfiguredDaysWithoutAReplyAndMailsTheRatingLink) {
  const std::string quiet_address = UniqueAddress("quiet");
  auto quiet = File(quiet_address);
  auto replied = File(UniqueAddress("replied"));
  Respond(quiet.complaint.id);
  Respond(replied.complaint.id);
  ComplaintMessage reply;
  reply.complaint_id = replied.complaint.id;
  reply.kind = MessageKind::kFromComplainant;
  reply.body = "The refund has not arrived.";
  reply.author = "complainant";
  ASSERT_TRUE(store_->complaint_messages().AddComplaintMessage(ctx_, reply).ok());

  clock_.Advance(days(settings_.closure.no_reply_days) - std::chrono::hours(1));
  EXPECT_EQ(Run().closed, 0);
  EXPECT_EQ(Get(quiet.complaint.id).state, ComplaintState::kResponded);

  clock_.Advance(std::chrono::hours(1));
  NoReplyCloseReport report = Run();
  EXPECT_EQ(report.checked, 2);
  EXPECT_EQ(report.closed, 1);
  EXPECT_EQ(report.mail_failures, 0);
  Complaint closed = Get(quiet.complaint.id);
  EXPECT_EQ(closed.state, ComplaintState::kClosed);
  EXPECT_EQ(closed.closure, ClosureKind::kNoReply);
  EXPECT_EQ(Get(replied.complaint.id).state, ComplaintState::kResponded);

  auto mails = smtp_->WaitForMessagesTo(quiet_address, 1, milliseconds(5000));  // the closure notice
  ASSERT_TRUE(mails.ok()) << mails.error().message;
  EXPECT_NE(mails->back().body.find(std::string(kBaseUrl) + "/rate/"), std::string::npos) << mails->back().body;
  EXPECT_EQ(Run().closed, 0);  // nothing left to close
}

}  // namespace
}  // namespace hearken
