// Contract tests of survey distribution (issue 8): invitations made under
// the contact rules, their mail queue (quiet hours, consent withdrawn
// before the mail, bounces), the respondent's token (opened, partial
// answers, one complete answer, idempotent retries, opt-out), mail
// templates and contact rules, all audited without tokens or addresses.
#include <nlohmann/json.hpp>

#include "core/crypto.h"
#include "store/contract/store_contract_test.h"

namespace hearken {
namespace {

constexpr const char* kDefinition = R"({"pages":[{"elements":[{"type":"rating","name":"nps"}]}]})";

class InvitationKit {
 public:
  InvitationKit(SqlStore& store, const WriteContext& ctx) : store_(store), ctx_(ctx) {}

  Survey AddSurvey(const std::string& name) {
    Survey s;
    s.name = name;
    s.status = SurveyStatus::kOpen;
    s.anonymous_allowed = false;
    auto made = store_.surveys().CreateSurvey(ctx_, s, kDefinition, "");
    EXPECT_TRUE(made.ok()) << ErrorText(made);
    return made.ok() ? *made : Survey{};
  }
  Id AddCustomer(const std::string& email, bool consent = true) {
    Customer c;
    c.name = "Customer " + (email.empty() ? std::string("without mail") : email);
    c.email = email;
    c.consent_survey = consent;
    auto made = store_.customers().CreateCustomer(ctx_, c);
    EXPECT_TRUE(made.ok()) << ErrorText(made);
    return made.ok() ? made->id : 0;
  }
  std::vector<InvitationOutcome> Invite(Id survey_id, std::vector<Id> customers, TimePoint due) {
    std::vector<InvitationRequest> requests;
    for (Id c : customers) requests.push_back({c, InvitationOrigin::kStaff, "", "", due});
    auto made = store_.survey_invitations().CreateInvitations(ctx_, survey_id, requests);
    EXPECT_TRUE(made.ok()) << ErrorText(made);
    return made.ok() ? *made : std::vector<InvitationOutcome>{};
  }
  // Sends every due mail as the sender would; returns the raw tokens issued.
  std::vector<std::string> SendDue(TimePoint now) {
    std::vector<std::string> tokens;
    auto due = store_.survey_invitations().ListDueInvitationMails(now, 100);
    EXPECT_TRUE(due.ok()) << ErrorText(due);
    for (const auto& mail : *due) {
      const std::string token = RandomToken(24);
      auto prepared = store_.survey_invitations().PrepareInvitationMail(ctx_, mail.queue_id, HashToken(token));
      EXPECT_TRUE(prepared.ok()) << ErrorText(prepared);
      if (!prepared.ok() || !prepared->send) continue;
      EXPECT_TRUE(store_.survey_invitations()
                      .FinishInvitationMail(ctx_, mail.queue_id, InvitationMailResult::kSent, "", now)
                      .ok());
      tokens.push_back(token);
    }
    return tokens;
  }
  std::string AuditText(const std::string& entity_type) {
    AuditFilter filter;
    filter.entity_type = entity_type;
    ListOptions options;
    options.limit = 500;
    auto page = store_.audit().ListAudit(filter, options);
    EXPECT_TRUE(page.ok()) << ErrorText(page);
    std::string all;
    for (const auto& e : page->items) all += e.action + " " + e.old_value + " " + e.new_value + "\n";
    return all;
  }

 private:
  SqlStore& store_;
  const WriteContext& ctx_;
};

SurveyAnswer NpsAnswer(Id survey_id, int nps, const std::string& key_hash = "") {
  SurveyAnswer a;
  a.survey_id = survey_id;
  a.answers_json = R"({"nps":)" + std::to_string(nps) + "}";
  a.nps = nps;
  a.idempotency_key_hash = key_hash;
  return a;
}

TEST_P(StoreContractTest, InvitationsFollowTheContactRulesAcrossSurveys) {
  InvitationKit k(*store_, ctx_);
  auto& inv = store_->survey_invitations();
  const Survey first = k.AddSurvey("Onboarding");
  const Survey second = k.AddSurvey("Relationship");
  const Id ann = k.AddCustomer("ann@example.org");
  const Id bob = k.AddCustomer("bob@example.org", false);
  const Id cid = k.AddCustomer("");
  auto outcomes = k.Invite(first.id, {ann, bob, cid, 999999, ann}, clock_.Now());
  ASSERT_EQ(outcomes.size(), 5u);
  ASSERT_TRUE(outcomes[0].invitation) << outcomes[0].skipped;
  EXPECT_EQ(outcomes[0].invitation->status, InvitationStatus::kScheduled);
  EXPECT_EQ(outcomes[0].invitation->due_at, clock_.Now());
  EXPECT_EQ(outcomes[1].skipped, "no consent to surveys");
  EXPECT_EQ(outcomes[2].skipped, "no e-mail address");
  EXPECT_EQ(outcomes[3].skipped, "unknown customer");
  EXPECT_EQ(outcomes[4].skipped, "already invited to this survey");

  // Another survey within 30 days: skipped with the date; after them, invited.
  auto again = k.Invite(second.id, {ann}, clock_.Now());
  EXPECT_EQ(again.at(0).skipped, "invited on 2026-03-01, within 30 days");
  clock_.Advance(std::chrono::hours(24 * 30));
  again = k.Invite(second.id, {ann}, clock_.Now());
  EXPECT_TRUE(again.at(0).invitation) << again.at(0).skipped;

  auto counts = inv.CountInvitations(first.id);
  HEARKEN_ASSERT_OK(counts);
  ASSERT_EQ(counts->size(), 8u);
  EXPECT_EQ((*counts)[0], std::make_pair(InvitationStatus::kScheduled, std::int64_t{1}));
  const std::string audit = k.AuditText("survey_invitation");
  EXPECT_NE(audit.find("create"), std::string::npos);
  EXPECT_EQ(audit.find("ann@example.org"), std::string::npos) << audit;

  // A draft survey takes no invitations.
  Survey draft;
  draft.name = "Draft";
  auto made = store_->surveys().CreateSurvey(ctx_, draft, kDefinition, "");
  HEARKEN_ASSERT_OK(made);
  auto refused = inv.CreateInvitations(ctx_, made->id, {{ann, InvitationOrigin::kStaff, "", "", clock_.Now()}});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
}

TEST_P(StoreContractTest, AnInvitationTokenOpensResumesAndTakesOneAnswer) {
  InvitationKit k(*store_, ctx_);
  auto& inv = store_->survey_invitations();
  const Survey survey = k.AddSurvey("After delivery");
  const Survey other = k.AddSurvey("Other");
  const Id ann = k.AddCustomer("ann@example.org");
  k.Invite(survey.id, {ann}, clock_.Now());
  const auto tokens = k.SendDue(clock_.Now());
  ASSERT_EQ(tokens.size(), 1u);
  const std::string hash = HashToken(tokens[0]);

  EXPECT_EQ(inv.OpenInvitation(ctx_, survey.id, HashToken("unknown")).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(inv.OpenInvitation(ctx_, other.id, hash).error().code, ErrorCode::kNotFound);
  auto opened = inv.OpenInvitation(ctx_, survey.id, hash);
  HEARKEN_ASSERT_OK(opened);
  EXPECT_EQ(opened->status, InvitationStatus::kOpened);
  EXPECT_TRUE(opened->sent_at);
  EXPECT_TRUE(opened->opened_at);

  auto saved = inv.SaveInvitationPartial(ctx_, survey.id, hash, R"({"nps":4})", "de");
  HEARKEN_ASSERT_OK(saved);
  EXPECT_EQ(saved->status, InvitationStatus::kStarted);
  auto resumed = inv.OpenInvitation(ctx_, survey.id, hash);
  HEARKEN_ASSERT_OK(resumed);
  EXPECT_EQ(resumed->partial_json, R"({"nps":4})");
  EXPECT_EQ(resumed->language, "de");

  auto answered = inv.SubmitInvitationAnswer(ctx_, hash, NpsAnswer(survey.id, 9, HashToken("key-1")));
  HEARKEN_ASSERT_OK(answered);
  EXPECT_TRUE(answered->created);
  EXPECT_EQ(answered->answer.channel, AnswerChannel::kInvitation);
  EXPECT_EQ(answered->answer.customer_id, ann);
  // A retry with the same key gets the first answer; any other second answer is refused.
  auto replay = inv.SubmitInvitationAnswer(ctx_, hash, NpsAnswer(survey.id, 9, HashToken("key-1")));
  HEARKEN_ASSERT_OK(replay);
  EXPECT_FALSE(replay->created);
  EXPECT_EQ(replay->answer.id, answered->answer.id);
  auto second = inv.SubmitInvitationAnswer(ctx_, hash, NpsAnswer(survey.id, 3, HashToken("key-2")));
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(second.error().fields.at(0).field, "token");
  EXPECT_EQ(inv.SaveInvitationPartial(ctx_, survey.id, hash, "{}", "").error().code, ErrorCode::kFailedPrecondition);

  auto done = inv.GetInvitation(opened->id);
  HEARKEN_ASSERT_OK(done);
  EXPECT_EQ(done->status, InvitationStatus::kCompleted);
  EXPECT_EQ(done->answer_id, answered->answer.id);
  EXPECT_EQ(done->partial_json, "");
  auto got = store_->surveys().GetSurvey(survey.id);
  HEARKEN_ASSERT_OK(got);
  EXPECT_EQ(got->answer_count, 1);
  EXPECT_EQ(k.AuditText("survey_invitation").find(tokens[0]), std::string::npos);

  // No reminder for a completed invitation.
  auto reminders = inv.QueueReminders(ctx_, survey.id, 2);
  HEARKEN_ASSERT_OK(reminders);
  EXPECT_EQ(*reminders, 0);
}

TEST_P(StoreContractTest, InvitationMailsWaitForTheEndOfTheQuietHoursAndHonourWithdrawnConsent) {
  InvitationKit k(*store_, ctx_);
  auto& inv = store_->survey_invitations();
  // The clock says 09:00 UTC; quiet from 08:00 to 10:00.
  survey::ContactRules rules;
  rules.min_days_between = 0;
  rules.quiet_start_minute = 8 * 60;
  rules.quiet_end_minute = 10 * 60;
  HEARKEN_ASSERT_OK(inv.UpdateContactRules(ctx_, rules));
  auto stored = inv.GetContactRules();
  HEARKEN_ASSERT_OK(stored);
  EXPECT_EQ(stored->quiet_start_minute, 8 * 60);
  EXPECT_NE(k.AuditText("survey_contact_rules").find(R"("quiet_start":"08:00")"), std::string::npos);

  const Survey survey = k.AddSurvey("Quiet");
  const Id ann = k.AddCustomer("ann@example.org");
  const Id bob = k.AddCustomer("bob@example.org");
  auto outcomes = k.Invite(survey.id, {ann, bob}, clock_.Now());
  ASSERT_TRUE(outcomes.at(0).invitation);
  EXPECT_EQ(FormatTimestamp(*outcomes[0].invitation->due_at), "2026-03-01T10:00:00.000000Z");
  EXPECT_TRUE(k.SendDue(clock_.Now()).empty());

  // Bob withdraws his consent before the mail is due: it is never sent.
  auto customer = store_->customers().GetCustomer(bob);
  HEARKEN_ASSERT_OK(customer);
  customer->consent_survey = false;
  HEARKEN_ASSERT_OK(store_->customers().UpdateCustomer(ctx_, *customer));
  clock_.Advance(std::chrono::hours(1));
  EXPECT_EQ(k.SendDue(clock_.Now()).size(), 1u);
  auto bobs = inv.GetInvitation(outcomes[1].invitation->id);
  HEARKEN_ASSERT_OK(bobs);
  EXPECT_EQ(bobs->status, InvitationStatus::kCancelled);
  EXPECT_EQ(bobs->note, "no consent to surveys");
  auto anns = inv.GetInvitation(outcomes[0].invitation->id);
  EXPECT_EQ(anns->status, InvitationStatus::kSent);
}

TEST_P(StoreContractTest, BouncesRetriesRemindersAndOptOutAreRecorded) {
  InvitationKit k(*store_, ctx_);
  auto& inv = store_->survey_invitations();
  HEARKEN_ASSERT_OK(inv.UpdateContactRules(ctx_, {0, 0, 0, {}}));
  const Survey survey = k.AddSurvey("Mail outcomes");
  const Id ann = k.AddCustomer("ann@example.org");
  const Id bob = k.AddCustomer("bob@example.org");
  auto outcomes = k.Invite(survey.id, {ann, bob}, clock_.Now());
  auto due = inv.ListDueInvitationMails(clock_.Now(), 10);
  HEARKEN_ASSERT_OK(due);
  ASSERT_EQ(due->size(), 2u);
  // Ann's mail: temporary failure, then sent. Bob's: bounced.
  HEARKEN_ASSERT_OK(inv.PrepareInvitationMail(ctx_, (*due)[0].queue_id, HashToken("t-ann-1")));
  HEARKEN_ASSERT_OK(inv.FinishInvitationMail(ctx_, (*due)[0].queue_id, InvitationMailResult::kRetry, "421 busy",
                                             clock_.Now() + std::chrono::minutes(5)));
  HEARKEN_ASSERT_OK(inv.PrepareInvitationMail(ctx_, (*due)[1].queue_id, HashToken("t-bob-1")));
  HEARKEN_ASSERT_OK(inv.FinishInvitationMail(ctx_, (*due)[1].queue_id, InvitationMailResult::kBounced,
                                             "550 no such user", clock_.Now()));
  EXPECT_EQ(inv.GetInvitation(outcomes[1].invitation->id)->status, InvitationStatus::kBounced);
  EXPECT_EQ(inv.GetInvitation(outcomes[0].invitation->id)->note, "421 busy");
  EXPECT_TRUE(inv.ListDueInvitationMails(clock_.Now(), 10)->empty());
  clock_.Advance(std::chrono::minutes(5));
  const auto tokens = k.SendDue(clock_.Now());
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(inv.GetInvitation(outcomes[0].invitation->id)->status, InvitationStatus::kSent);

  // One reminder, then no more than max.
  EXPECT_EQ(*inv.QueueReminders(ctx_, survey.id, 1), 1);
  EXPECT_EQ(*inv.QueueReminders(ctx_, survey.id, 1), 0);  // already queued
  const auto reminder_tokens = k.SendDue(clock_.Now());
  ASSERT_EQ(reminder_tokens.size(), 1u);
  EXPECT_EQ(inv.GetInvitation(outcomes[0].invitation->id)->reminder_count, 1);
  EXPECT_EQ(*inv.QueueReminders(ctx_, survey.id, 1), 0);
  // Both links open the invitation.
  HEARKEN_ASSERT_OK(inv.OpenInvitation(ctx_, survey.id, HashToken(tokens[0])));
  HEARKEN_ASSERT_OK(inv.OpenInvitation(ctx_, survey.id, HashToken(reminder_tokens[0])));

  // Opting out withdraws the consent to surveys, audited on the customer.
  auto out = inv.OptOutOfInvitation(ctx_, survey.id, HashToken(tokens[0]));
  HEARKEN_ASSERT_OK(out);
  EXPECT_EQ(out->status, InvitationStatus::kOptedOut);
  EXPECT_FALSE(store_->customers().GetCustomer(ann)->consent_survey);
  EXPECT_NE(k.AuditText("customer").find("withdraw_survey_consent"), std::string::npos);
  auto page = inv.ListInvitations({survey.id, InvitationStatus::kOptedOut, std::nullopt}, {});
  HEARKEN_ASSERT_OK(page);
  ASSERT_EQ(page->total, 1);
  EXPECT_EQ(page->items[0].customer_name, "Customer ann@example.org");
}

TEST_P(StoreContractTest, EventInvitationsAreMadeOncePerEventAfterTheirDelay) {
  InvitationKit k(*store_, ctx_);
  auto& inv = store_->survey_invitations();
  HEARKEN_ASSERT_OK(inv.UpdateContactRules(ctx_, {0, 0, 0, {}}));
  const Survey survey = k.AddSurvey("Delivery");
  const Id ann = k.AddCustomer("ann@example.org");
  const TimePoint due = clock_.Now() + std::chrono::hours(2);
  InvitationRequest r{ann, InvitationOrigin::kEvent, "delivery", "D-1", due};
  auto made = inv.CreateInvitations(ctx_, survey.id, {r});
  HEARKEN_ASSERT_OK(made);
  ASSERT_TRUE(made->at(0).invitation);
  EXPECT_EQ(made->at(0).invitation->due_at, due);
  EXPECT_EQ(made->at(0).invitation->event_id, "D-1");
  auto again = inv.CreateInvitations(ctx_, survey.id, {r});
  HEARKEN_ASSERT_OK(again);
  EXPECT_EQ(again->at(0).skipped, "already invited for this event");
  EXPECT_TRUE(inv.ListDueInvitationMails(clock_.Now(), 10)->empty());
  EXPECT_EQ(inv.ListDueInvitationMails(due, 10)->size(), 1u);
}

TEST_P(StoreContractTest, SurveyMailTemplatesStartAsDefaultsAndAreSavedAudited) {
  InvitationKit k(*store_, ctx_);
  auto& inv = store_->survey_invitations();
  const Survey survey = k.AddSurvey("Templates");
  auto got = inv.GetSurveyMailTemplates(survey.id);
  HEARKEN_ASSERT_OK(got);
  EXPECT_TRUE(got->is_default);
  EXPECT_EQ(got->templates, survey::DefaultMailTemplates());
  SurveyMailTemplates edited = *got;
  edited.templates.invitation_subject = "Wie war die Lieferung, {{name}}?";
  auto saved = inv.UpdateSurveyMailTemplates(ctx_, edited);
  HEARKEN_ASSERT_OK(saved);
  EXPECT_FALSE(saved->is_default);
  EXPECT_EQ(inv.GetSurveyMailTemplates(survey.id)->templates.invitation_subject, "Wie war die Lieferung, {{name}}?");
  edited.templates.invitation_body = "no link";
  auto bad = inv.UpdateSurveyMailTemplates(ctx_, edited);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields.at(0).field, "invitation_body");
  EXPECT_EQ(inv.GetSurveyMailTemplates(999999).error().code, ErrorCode::kNotFound);
  EXPECT_NE(k.AuditText("survey_mail_templates").find("Wie war die Lieferung"), std::string::npos);
  // A survey without answers is deleted with its invitations and templates.
  const Id ann = k.AddCustomer("ann@example.org");
  k.Invite(survey.id, {ann}, clock_.Now());
  HEARKEN_ASSERT_OK(store_->surveys().DeleteSurvey(ctx_, survey.id));
}

}  // namespace
}  // namespace hearken
