// ComplaintNotifier against a real SQLite store and the aiosmtpd capture
// server: what the complainant receives, and what the case records.
#include "workflow/complaint_notifier.h"

#include <gtest/gtest.h>

#include "workflow/complaint_mail_test_util.h"

namespace hearken {
namespace {

using std::chrono::milliseconds;
using testing_util::ComplaintMailTest;
using testing_util::kBaseUrl;
using testing_util::kIntake;
using testing_util::kSender;
using testing_util::UniqueAddress;

class ComplaintNotifierTest : public ComplaintMailTest {
 protected:
  std::vector<ReceivedMail> MailsTo(const std::string& address, size_t count) {
    auto mails = smtp_->WaitForMessagesTo(address, count, milliseconds(5000));
    EXPECT_TRUE(mails.ok()) << (mails.ok() ? "" : mails.error().message);
    return mails.ok() ? *mails : std::vector<ReceivedMail>{};
  }

  // Takes a filed complaint through assessment, investigation and response
  // to closed.
  Complaint Close(Id id) {
    Move(id, ComplaintState::kAcknowledged);
    ComplaintAssessment assessment;
    assessment.severity = 3;
    EXPECT_TRUE(store_->complaints().AssessComplaint(ctx_, id, assessment).ok());
    ComplaintInvestigation investigation;
    investigation.whys = {"The box was too weak"};
    investigation.cause_category = CauseCategory::kMaterial;
    investigation.root_cause = "Single-wall boxes for glass";
    EXPECT_TRUE(store_->complaints().RecordInvestigation(ctx_, id, investigation).ok());
    ComplaintResponse response;
    response.decision = "We refund the vase.";
    response.remedies = {Remedy::kRefund};
    auto responded = store_->complaints().RespondToComplaint(ctx_, id, response);
    EXPECT_TRUE(responded.ok()) << responded.error().message;
    return Move(id, ComplaintState::kClosed, "accepted", ClosureKind::kAccepted);
  }
};

TEST(CaseMailSubjectTest, PrefixesTheReferenceOnceAndKeepsOneLine) {
  EXPECT_EQ(CaseMailSubject("C-2026-000001", "Your complaint"), "[C-2026-000001] Your complaint");
  EXPECT_EQ(CaseMailSubject("C-2026-000001", "Re: [C-2026-000001] x"), "Re: [C-2026-000001] x");
  EXPECT_EQ(CaseMailSubject("C-2026-000001", "two\nlines"), "[C-2026-000001] two lines");
  EXPECT_EQ(CaseMailSubject("C-2026-000001", ""), "[C-2026-000001]");
}

TEST_F(ComplaintNotifierTest, AcknowledgementCarriesReferenceAndStatusLinkAndAcknowledgesTheCase) {
  std::string to = UniqueAddress("ann");
  auto filed = File(to);
  auto result = notifier_->AcknowledgeNew(filed.complaint, NoticeOrigin::kPublic);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->outcome, NoticeOutcome::kSent) << result->detail;

  auto mails = MailsTo(to, 1);
  ASSERT_EQ(mails.size(), 1u);
  const ReceivedMail& mail = mails[0];
  const std::string& ref = filed.complaint.reference;
  EXPECT_NE(mail.Header("Subject").find("[" + ref + "]"), std::string::npos) << mail.Header("Subject");
  EXPECT_EQ(mail.Header("X-Hearken-Case"), ref);
  EXPECT_NE(mail.Header("Reply-To").find(kIntake), std::string::npos);
  EXPECT_NE(mail.Header("From").find(kSender), std::string::npos);
  EXPECT_EQ(mail.mail_from, kSender);
  EXPECT_NE(mail.body.find(std::string(kBaseUrl) + "/status/" + filed.token), std::string::npos) << mail.body;
  EXPECT_EQ(mail.Header("Auto-Submitted"), "auto-generated");

  Complaint now = Get(filed.complaint.id);
  EXPECT_EQ(now.state, ComplaintState::kAcknowledged);
  EXPECT_TRUE(now.acknowledged_at.has_value());
  auto messages = store_->complaint_messages().ListComplaintMessages(filed.complaint.id, true);
  ASSERT_TRUE(messages.ok());
  ASSERT_EQ(messages->size(), 1u);
  EXPECT_EQ((*messages)[0].kind, MessageKind::kToComplainant);
  // What the case keeps is the mail with the link as a placeholder.
  std::string expected = mail.body;
  const std::string link = std::string(kBaseUrl) + "/status/" + filed.token;
  expected.replace(expected.find(link), link.size(), kStatusLinkPlaceholder);
  EXPECT_EQ((*messages)[0].body, expected.substr(0, (*messages)[0].body.size()));
  EXPECT_EQ((*messages)[0].body.find(filed.token), std::string::npos);
  EXPECT_EQ((*messages)[0].body.find("/status/"), std::string::npos);
  EXPECT_NE((*messages)[0].body.find(kStatusLinkPlaceholder), std::string::npos);
  // The link is derived again, never stored: it opens this complaint only.
  EXPECT_EQ(notifier_->links().Verify(keys::kStatusLinkPurpose, filed.token), filed.complaint.id);
  EXPECT_NE(mail.Header("Message-ID").find((*messages)[0].mail_message_id), std::string::npos);
  EXPECT_FALSE((*messages)[0].mail_message_id.empty());
}

TEST_F(ComplaintNotifierTest, AComplainantWithoutANameIsGreetedAsCustomer) {
  std::string to = UniqueAddress("noname");
  ComplaintIntakeFields fields;
  fields.intake = ComplaintIntake::kPublicForm;
  fields.summary = "No name given";
  fields.description = "d";
  fields.contact_email = to;
  fields.consent_contact = true;
  auto filed = store_->complaints().CreateComplaint(ctx_, fields, HashToken(RandomToken()));
  ASSERT_TRUE(filed.ok()) << filed.error().message;
  ASSERT_TRUE(notifier_->AcknowledgeNew(*filed, NoticeOrigin::kPublic).ok());
  auto mails = MailsTo(to, 1);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_NE(mails[0].body.find("Dear customer,"), std::string::npos) << mails[0].body;
  EXPECT_EQ(mails[0].body.find("Dear ,"), std::string::npos);
}

TEST_F(ComplaintNotifierTest, SixthPublicMailToOneAddressWithinAnHourIsNotSentButTheCaseIsAcknowledged) {
  std::string to = UniqueAddress("flood");
  std::vector<NoticeOutcome> outcomes;
  Id last = 0;
  for (int i = 0; i < 6; ++i) {
    auto filed = File(to, "Complaint number " + std::to_string(i + 1));
    auto result = notifier_->AcknowledgeNew(filed.complaint, NoticeOrigin::kPublic);
    ASSERT_TRUE(result.ok()) << result.error().message;
    outcomes.push_back(result->outcome);
    last = filed.complaint.id;
    clock_.Advance(std::chrono::minutes(1));
  }
  EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), NoticeOutcome::kSent), 5);
  EXPECT_EQ(outcomes.back(), NoticeOutcome::kRateLimited);
  EXPECT_EQ(MailsTo(to, 5).size(), 5u);
  EXPECT_EQ(Get(last).state, ComplaintState::kAcknowledged);

  // Staff mail is not limited; public mail is again an hour after the first.
  auto staff = File(to);
  Move(staff.complaint.id, ComplaintState::kAcknowledged);
  ComplaintMessage message{.complaint_id = staff.complaint.id, .kind = MessageKind::kToComplainant,
                           .subject = "A question", .body = "Which vase was it?"};
  EXPECT_EQ(notifier_->SendMessage(Get(staff.complaint.id), message).outcome, NoticeOutcome::kSent);
  clock_.Advance(std::chrono::minutes(60));
  auto later = File(to);
  auto result = notifier_->AcknowledgeNew(later.complaint, NoticeOrigin::kPublic);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->outcome, NoticeOutcome::kSent);
  EXPECT_EQ(smtp_->MessagesTo(to).size(), 7u);
}

TEST_F(ComplaintNotifierTest, WithoutConsentNothingIsMailedButTheCaseIsAcknowledged) {
  std::string to = UniqueAddress("noconsent");
  ComplaintIntakeFields fields;
  fields.summary = "Late delivery";
  fields.description = "Two weeks late.";
  fields.contact_email = to;
  fields.consent_contact = false;
  auto filed = store_->complaints().CreateComplaint(ctx_, fields, HashToken(RandomToken()));
  ASSERT_TRUE(filed.ok()) << filed.error().message;
  auto result = notifier_->AcknowledgeNew(*filed, NoticeOrigin::kPublic);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->outcome, NoticeOutcome::kNoRecipient);
  EXPECT_EQ(Get(filed->id).state, ComplaintState::kAcknowledged);
  EXPECT_TRUE(smtp_->MessagesTo(to).empty());
}

TEST_F(ComplaintNotifierTest, WithoutSenderOrMailerNothingIsSent) {
  std::string to = UniqueAddress("nosender");
  ComplaintNotifier no_mailer(*store_, nullptr, clock_, *limiter_);
  auto first = File(to);
  auto result = no_mailer.AcknowledgeNew(first.complaint, NoticeOrigin::kPublic);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->outcome, NoticeOutcome::kNoRecipient);
  EXPECT_EQ(Get(first.complaint.id).state, ComplaintState::kAcknowledged);

  ComplaintSettings settings = settings_;
  settings.mail_from.clear();
  ASSERT_TRUE(store_->complaint_admin().UpdateComplaintSettings(ctx_, settings).ok());
  auto second = File(to);
  result = notifier_->AcknowledgeNew(second.complaint, NoticeOrigin::kPublic);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->outcome, NoticeOutcome::kNoRecipient);
  EXPECT_TRUE(smtp_->MessagesTo(to).empty());
}

TEST_F(ComplaintNotifierTest, RefusedMailIsReportedAndTheCaseIsStillAcknowledged) {
  std::string to = UniqueAddress("data554-refused");
  auto filed = File(to);
  auto result = notifier_->AcknowledgeNew(filed.complaint, NoticeOrigin::kPublic);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->outcome, NoticeOutcome::kFailed);
  EXPECT_FALSE(result->detail.empty());
  EXPECT_EQ(Get(filed.complaint.id).state, ComplaintState::kAcknowledged);
}

TEST_F(ComplaintNotifierTest, ClosureMailCarriesAWorkingOneUseRatingLink) {
  std::string to = UniqueAddress("closed");
  auto filed = File(to);
  Complaint closed = Close(filed.complaint.id);
  ASSERT_EQ(closed.state, ComplaintState::kClosed);
  auto sent = notifier_->SendClosure(closed);
  ASSERT_TRUE(sent.ok()) << sent.error().message;
  EXPECT_EQ(sent->outcome, NoticeOutcome::kSent) << sent->detail;
  std::string prefix = std::string(kBaseUrl) + "/rate/";

  auto mails = MailsTo(to, 1);
  ASSERT_EQ(mails.size(), 1u);
  const size_t at = mails[0].body.find(prefix);
  ASSERT_NE(at, std::string::npos) << mails[0].body;
  const std::string link = mails[0].body.substr(at, mails[0].body.find_first_of(" \r\n", at) - at);
  EXPECT_NE(mails[0].Header("Subject").find("[" + closed.reference + "]"), std::string::npos);
  // The closure mail carries the status link as well.
  EXPECT_NE(mails[0].body.find(std::string(kBaseUrl) + "/status/" + filed.token), std::string::npos)
      << mails[0].body;

  std::string token = link.substr(prefix.size());
  auto rated = store_->ratings().GetComplaintByRatingToken(HashToken(token));
  ASSERT_TRUE(rated.ok()) << rated.error().message;
  EXPECT_EQ(rated->id, closed.id);
}

TEST_F(ComplaintNotifierTest, ClosureOfAnOpenComplaintIssuesNoToken) {
  auto filed = File(UniqueAddress("open"));
  auto sent = notifier_->SendClosure(filed.complaint);
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.error().code, ErrorCode::kFailedPrecondition);
}

TEST_F(ComplaintNotifierTest, DecisionAndHandlerMessagesAreMailedButInternalNotesNever) {
  std::string to = UniqueAddress("decision");
  auto filed = File(to);
  Complaint closed = Close(filed.complaint.id);
  EXPECT_EQ(notifier_->SendDecision(closed).outcome, NoticeOutcome::kSent);
  ComplaintMessage note{.complaint_id = closed.id, .kind = MessageKind::kInternalNote, .body = "internal"};
  EXPECT_EQ(notifier_->SendMessage(closed, note).outcome, NoticeOutcome::kNoRecipient);
  auto mails = MailsTo(to, 1);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_NE(mails[0].Header("Subject").find("[" + closed.reference + "]"), std::string::npos);
  // The decision mail carries a working status link (it rendered empty before).
  EXPECT_NE(mails[0].body.find(std::string(kBaseUrl) + "/status/" + filed.token), std::string::npos)
      << mails[0].body;
  EXPECT_EQ(smtp_->MessagesTo(to).size(), 1u);
}

}  // namespace
}  // namespace hearken
