// Contract tests of Store: complaints (intake, references, SLA clocks and due
// times, the state machine, assessment, investigation, response, assignment,
// SLA notices). Messages, attachments, the timeline and the list:
// store_contract_test_complaint_list.cc.
#include <nlohmann/json.hpp>

#include "core/complaint_json.h"
#include "store/contract/store_contract_test_complaints.h"

namespace hearken {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using namespace complaint_test;

// ---- Intake ---------------------------------------------------------------------

TEST_P(StoreContractTest, ComplaintCreateAssignsReferenceStartsClocksAndComputesDueTimes) {
  Kit k(*store_, ctx_, clock_);
  ComplaintIntakeFields f = Intake("Late delivery");
  f.channel = Channel::kEmail;
  f.intake = ComplaintIntake::kEmail;
  f.product = "Parcel";
  f.site = "Leeds";
  f.occurred_on = std::chrono::year{2026} / std::chrono::February / std::chrono::day{28};  // two days before
  auto created = store_->complaints().CreateComplaint(ctx_, f, "token-hash-1");
  HEARKEN_ASSERT_OK(created);
  auto c = store_->complaints().GetComplaint(created->id);
  HEARKEN_ASSERT_OK(c);
  EXPECT_EQ(c->reference, "C-2026-000001");
  EXPECT_EQ(c->state, S::kReceived);
  EXPECT_EQ(c->intake.summary, "Late delivery");
  EXPECT_EQ(c->intake.channel, Channel::kEmail);
  EXPECT_EQ(c->intake.intake, ComplaintIntake::kEmail);
  EXPECT_EQ(c->intake.product, "Parcel");
  EXPECT_EQ(c->intake.site, "Leeds");
  EXPECT_EQ(c->intake.occurred_on, f.occurred_on);
  EXPECT_TRUE(c->intake.consent_contact);
  EXPECT_EQ(c->received_at, kMonday);
  EXPECT_EQ(c->ack_started_at, kMonday);
  EXPECT_EQ(c->resolve_started_at, kMonday);
  EXPECT_FALSE(c->ack_stopped_at || c->resolve_stopped_at || c->acknowledged_at);
  EXPECT_EQ(c->status_token_hash, "token-hash-1");
  EXPECT_EQ(c->created_at, kMonday);
  // Default targets, unassessed: acknowledge in 1 business day, resolve in 10.
  ASSERT_TRUE(c->ack_due_at && c->resolve_due_at);
  EXPECT_GT(*c->ack_due_at, kMonday);
  EXPECT_LE(*c->ack_due_at, kMonday + std::chrono::hours(24));
  EXPECT_GE(*c->resolve_due_at, kMonday + std::chrono::days(13));  // two weekends in ten business days
  EXPECT_LE(*c->resolve_due_at, kMonday + std::chrono::days(15));
  auto settings = store_->complaint_admin().GetComplaintSettings();
  HEARKEN_ASSERT_OK(settings);
  DueTimes expected = ComputeDueTimes(*BusinessCalendar::Create(settings->calendar), settings->sla, *c, kMonday);
  EXPECT_EQ(c->ack_due_at, expected.ack_due_at);
  EXPECT_EQ(c->resolve_due_at, expected.resolve_due_at);
}

TEST_P(StoreContractTest, ComplaintReferencesCountPerYearOfReceipt) {
  Kit k(*store_, ctx_, clock_);
  EXPECT_EQ(k.File("one").reference, "C-2026-000001");
  EXPECT_EQ(k.File("two").reference, "C-2026-000002");
  ComplaintIntakeFields old = Intake("from last year");
  old.received_at = *ParseTimestamp("2025-12-31T23:59:59Z");
  EXPECT_EQ(k.File("", old).reference, "C-2025-000001");
  EXPECT_EQ(k.File("three").reference, "C-2026-000003");
  clock_.Set(*ParseTimestamp("2027-01-01T00:00:00Z"));
  EXPECT_EQ(k.File("new year").reference, "C-2027-000001");
}

TEST_P(StoreContractTest, ComplaintReferenceYearsAreTheOrganisationsLocalYears) {
  Kit k(*store_, ctx_, clock_);
  clock_.Set(*ParseTimestamp("2027-02-01T09:00:00Z"));  // every receipt below is in the past
  auto settings = store_->complaint_admin().GetComplaintSettings();
  HEARKEN_ASSERT_OK(settings);
  settings->calendar.time_zone = "Pacific/Auckland";  // UTC+13 at New Year
  HEARKEN_ASSERT_OK(store_->complaint_admin().UpdateComplaintSettings(ctx_, *settings));
  ComplaintIntakeFields f = Intake("New Year's morning in Auckland");
  f.received_at = *ParseTimestamp("2026-12-31T11:30:00Z");  // 2027-01-01 00:30 local
  EXPECT_EQ(k.File("", f).reference, "C-2027-000001");
  f = Intake("New Year's Eve in Auckland");
  f.received_at = *ParseTimestamp("2026-12-31T10:30:00Z");  // 23:30 local
  EXPECT_EQ(k.File("", f).reference, "C-2026-000001");

  settings->calendar.time_zone = "America/Los_Angeles";  // UTC-8
  HEARKEN_ASSERT_OK(store_->complaint_admin().UpdateComplaintSettings(ctx_, *settings));
  f = Intake("New Year's Eve in Los Angeles");
  f.received_at = *ParseTimestamp("2027-01-01T07:30:00Z");  // 2026-12-31 23:30 local
  EXPECT_EQ(k.File("", f).reference, "C-2026-000002");
  // The import files with the same rule.
  ImportedComplaint imported;
  imported.fields = Intake("imported on New Year's Eve");
  imported.fields.intake = ComplaintIntake::kImport;
  imported.fields.external_ref = "EXT-NYE";
  imported.fields.received_at = *ParseTimestamp("2027-01-01T06:00:00Z");  // 22:00 local
  auto report = store_->complaints().ImportComplaints(ctx_, {imported});
  HEARKEN_ASSERT_OK(report);
  EXPECT_EQ(report->created, 1);
  auto c = store_->complaints().GetComplaintByReference("C-2026-000003");
  HEARKEN_ASSERT_OK(c);
  EXPECT_EQ(c->intake.external_ref, "EXT-NYE");
}

TEST_P(StoreContractTest, ComplaintInvalidIntakeNamesTheFieldsAndUnknownReferencesAreNotFound) {
  Kit k(*store_, ctx_, clock_);
  ComplaintIntakeFields f = Intake("x");
  f.summary = "";
  f.description = "";
  f.contact_email = "not an address";
  auto bad = store_->complaints().CreateComplaint(ctx_, f, "h");
  HEARKEN_EXPECT_ERROR(bad, kInvalidArgument);
  EXPECT_TRUE(NamesField(bad, "summary"));
  EXPECT_TRUE(NamesField(bad, "description"));
  EXPECT_TRUE(NamesField(bad, "contact_email"));
  ComplaintIntakeFields g = Intake("unknown customer");
  g.customer_id = 4040;
  HEARKEN_EXPECT_ERROR(store_->complaints().CreateComplaint(ctx_, g, "h"), kNotFound);
  g = Intake("unknown category");
  g.category_id = 4040;
  HEARKEN_EXPECT_ERROR(store_->complaints().CreateComplaint(ctx_, g, "h"), kNotFound);
  HEARKEN_EXPECT_ERROR(store_->complaints().GetComplaint(4040), kNotFound);
  HEARKEN_EXPECT_ERROR(k.Move(4040, S::kAcknowledged), kNotFound);
}

TEST_P(StoreContractTest, ComplaintDuplicateExternalRefOrMessageIdIsAlreadyExistsNamingTheField) {
  Kit k(*store_, ctx_, clock_);
  ComplaintIntakeFields f = Intake("imported");
  f.external_ref = "CFPB-1";
  k.File("", f);
  ComplaintIntakeFields again = Intake("again");
  again.external_ref = "CFPB-1";
  auto dup = store_->complaints().CreateComplaint(ctx_, again, "h2");
  HEARKEN_EXPECT_ERROR(dup, kAlreadyExists);
  EXPECT_TRUE(NamesField(dup, "external_ref"));
  ComplaintIntakeFields mail = Intake("mailed");
  mail.source_message_id = "<abc@mail.example>";
  k.File("", mail);
  mail.summary = "mailed twice";
  auto dup_mail = store_->complaints().CreateComplaint(ctx_, mail, "h3");
  HEARKEN_EXPECT_ERROR(dup_mail, kAlreadyExists);
  EXPECT_TRUE(NamesField(dup_mail, "source_message_id"));
  // Complaints without either never clash; the failed ones took no number.
  EXPECT_EQ(k.File("plain 1").reference, "C-2026-000003");
  EXPECT_EQ(k.File("plain 2").reference, "C-2026-000004");
}

TEST_P(StoreContractTest, ComplaintFoundByReference) {
  Kit k(*store_, ctx_, clock_);
  Complaint c = k.File("findable");
  auto by_ref = store_->complaints().GetComplaintByReference(c.reference);
  HEARKEN_ASSERT_OK(by_ref);
  EXPECT_EQ(by_ref->id, c.id);
  HEARKEN_EXPECT_ERROR(store_->complaints().GetComplaintByReference("C-2026-999999"), kNotFound);
}

TEST_P(StoreContractTest, ComplaintCreateIsAuditedWithoutTheStatusTokenHash) {
  Kit k(*store_, ctx_, clock_);
  Complaint c = k.File("audited");
  auto timeline = k.Timeline(c.id);
  ASSERT_EQ(timeline.size(), 1u);
  EXPECT_EQ(timeline[0].entity_type, "complaint");
  EXPECT_EQ(timeline[0].entity_id, std::to_string(c.id));
  EXPECT_EQ(timeline[0].action, "create");
  EXPECT_EQ(timeline[0].actor, ctx_.actor.label);
  EXPECT_NE(timeline[0].new_value.find(c.reference), std::string::npos);
  EXPECT_EQ(timeline[0].new_value.find(c.status_token_hash), std::string::npos);
  EXPECT_EQ(timeline[0].new_value.find("status_token"), std::string::npos);
}

// ---- Transitions and SLA clocks ---------------------------------------------------

TEST_P(StoreContractTest, ComplaintAcknowledgingStopsTheAckClockOnceAndIsAuditedWithTheReason) {
  Kit k(*store_, ctx_, clock_);
  Complaint c = k.File("ack");
  clock_.Advance(std::chrono::hours(2));
  WriteContext with_reason = ctx_;
  auto moved = store_->complaints().TransitionComplaint(with_reason, c.id, {S::kAcknowledged, "phoned the customer", {}});
  HEARKEN_ASSERT_OK(moved);
  EXPECT_EQ(moved->acknowledged_at, clock_.Now());
  EXPECT_EQ(moved->ack_stopped_at, clock_.Now());
  EXPECT_FALSE(moved->ack_due_at.has_value());
  EXPECT_TRUE(moved->resolve_due_at.has_value());
  EXPECT_EQ(moved->updated_at, clock_.Now());
  auto timeline = k.Timeline(c.id);
  ASSERT_EQ(timeline.size(), 2u);
  EXPECT_EQ(timeline[1].action, "transition");
  EXPECT_EQ(nlohmann::json::parse(timeline[1].old_value)["state"], "received");
  EXPECT_EQ(nlohmann::json::parse(timeline[1].new_value)["state"], "acknowledged");
  EXPECT_EQ(timeline[1].reason, "phoned the customer");
}

TEST_P(StoreContractTest, ComplaintForbiddenMovesAndMissingReasonsAreRefused) {
  Kit k(*store_, ctx_, clock_);
  Complaint c = k.File("rules");
  HEARKEN_EXPECT_ERROR(k.Move(c.id, S::kClosed, "", ClosureKind::kAccepted), kFailedPrecondition);
  HEARKEN_EXPECT_ERROR(k.Move(c.id, S::kReceived), kFailedPrecondition);
  auto no_reason = k.Move(c.id, S::kWithdrawn);
  HEARKEN_EXPECT_ERROR(no_reason, kInvalidArgument);
  EXPECT_TRUE(NamesField(no_reason, "reason"));
  EXPECT_EQ(store_->complaints().GetComplaint(c.id)->state, S::kReceived);
  EXPECT_EQ(k.Timeline(c.id).size(), 1u);  // refused moves leave no trace
}

TEST_P(StoreContractTest, ComplaintWaitingOnTheComplainantPausesAndResumingMovesTheDueTimeLater) {
  Kit k(*store_, ctx_, clock_);
  Complaint c = k.FileIn("pause", S::kAssessed);
  const TimePoint due_before = *c.resolve_due_at;
  clock_.Advance(std::chrono::hours(1));
  auto paused = k.Move(c.id, S::kWaitingOnComplainant, "need the invoice number");
  HEARKEN_ASSERT_OK(paused);
  EXPECT_EQ(paused->paused_from, S::kAssessed);
  EXPECT_FALSE(paused->resolve_due_at.has_value());
  ASSERT_EQ(paused->resolve_pauses.size(), 1u);
  EXPECT_EQ(paused->resolve_pauses[0].from, clock_.Now());
  EXPECT_FALSE(paused->resolve_pauses[0].to.has_value());
  // Resuming into another state than the paused one is refused.
  HEARKEN_EXPECT_ERROR(k.Move(c.id, S::kInvestigating), kFailedPrecondition);
  clock_.Advance(std::chrono::days(1));  // Tuesday 11:00: a full business day paused
  auto resumed = k.Move(c.id, S::kAssessed);
  HEARKEN_ASSERT_OK(resumed);
  EXPECT_FALSE(resumed->paused_from.has_value());
  ASSERT_EQ(resumed->resolve_pauses.size(), 1u);
  EXPECT_EQ(resumed->resolve_pauses[0].to, clock_.Now());
  ASSERT_TRUE(resumed->resolve_due_at.has_value());
  EXPECT_GT(*resumed->resolve_due_at, due_before);
  // Pausing again at the same instant as the resumption works too.
  HEARKEN_ASSERT_OK(k.Move(c.id, S::kWaitingOnComplainant, "again"));
  HEARKEN_ASSERT_OK(k.Move(c.id, S::kAssessed));
}

TEST_P(StoreContractTest, ComplaintResponseStopsTheResolveClockAndClosingKeepsTheClosureKind) {
  Kit k(*store_, ctx_, clock_);
  Complaint c = k.FileIn("close", S::kResponded);
  EXPECT_EQ(c.responded_at, clock_.Now());
  EXPECT_EQ(c.resolve_stopped_at, clock_.Now());
  EXPECT_FALSE(c.resolve_due_at.has_value());
  HEARKEN_EXPECT_ERROR(k.Move(c.id, S::kClosed), kInvalidArgument);  // closure kind missing
  clock_.Advance(std::chrono::hours(3));
  auto closed = k.Move(c.id, S::kClosed, "", ClosureKind::kAccepted);
  HEARKEN_ASSERT_OK(closed);
  EXPECT_EQ(closed->closure, ClosureKind::kAccepted);
  EXPECT_EQ(closed->closed_at, clock_.Now());
  EXPECT_EQ(store_->complaints().GetComplaint(c.id)->closure, ClosureKind::kAccepted);
}

TEST_P(StoreContractTest, ComplaintClosesForNoReplyOnlyAfterTheConfiguredDaysWithoutAReply) {
  Kit k(*store_, ctx_, clock_);
  auto settings = store_->complaint_admin().GetComplaintSettings();
  HEARKEN_ASSERT_OK(settings);
  settings->closure.no_reply_days = 5;
  HEARKEN_ASSERT_OK(store_->complaint_admin().UpdateComplaintSettings(ctx_, *settings));
  Complaint quiet = k.FileIn("quiet", S::kResponded);
  Complaint replied = k.FileIn("replied", S::kResponded);
  clock_.Advance(std::chrono::days(4));
  HEARKEN_EXPECT_ERROR(k.Move(quiet.id, S::kClosed, "", ClosureKind::kNoReply), kFailedPrecondition);
  ComplaintMessage reply;
  reply.complaint_id = replied.id;
  reply.kind = MessageKind::kFromComplainant;
  reply.body = "I still have not received the refund.";
  reply.author = "complainant";
  HEARKEN_ASSERT_OK(store_->complaint_messages().AddComplaintMessage(ctx_, reply));
  clock_.Advance(std::chrono::days(1));
  auto closed = k.Move(quiet.id, S::kClosed, "", ClosureKind::kNoReply);
  HEARKEN_ASSERT_OK(closed);
  EXPECT_EQ(closed->closure, ClosureKind::kNoReply);
  HEARKEN_EXPECT_ERROR(k.Move(replied.id, S::kClosed, "", ClosureKind::kNoReply), kFailedPrecondition);
  HEARKEN_ASSERT_OK(k.Move(replied.id, S::kClosed, "", ClosureKind::kAccepted));
}

TEST_P(StoreContractTest, ComplaintReopeningRestartsTheResolveClockAndCountsReopens) {
  Kit k(*store_, ctx_, clock_);
  Complaint c = k.FileIn("reopen", S::kResponded);
  HEARKEN_ASSERT_OK(store_->complaints().RecordSlaNotice(ctx_, c.id, SlaClock::kResolve, SlaNotice::kWarning, clock_.Now()));
  k.MustMove(c.id, S::kClosed, "", ClosureKind::kAccepted);
  clock_.Advance(std::chrono::days(7));
  auto reopened = k.Move(c.id, S::kReopened, "the refund never arrived");
  HEARKEN_ASSERT_OK(reopened);
  EXPECT_EQ(reopened->reopen_count, 1);
  EXPECT_FALSE(reopened->closed_at.has_value());
  EXPECT_FALSE(reopened->closure.has_value());
  EXPECT_EQ(reopened->resolve_started_at, clock_.Now());
  EXPECT_FALSE(reopened->resolve_stopped_at.has_value());
  EXPECT_FALSE(reopened->resolve_warned_at.has_value());
  ASSERT_TRUE(reopened->resolve_due_at.has_value());
  EXPECT_GT(*reopened->resolve_due_at, clock_.Now());
  EXPECT_TRUE(reopened->resolve_pauses.empty());
  // Reopened → assessed by assessing, and the case runs again.
  auto assessed = store_->complaints().AssessComplaint(ctx_, c.id, Assessment(1));
  HEARKEN_ASSERT_OK(assessed);
  EXPECT_EQ(assessed->state, S::kAssessed);
}

TEST_P(StoreContractTest, ComplaintRejectedResponseGoesBackToInvestigatingWithANewClock) {
  Kit k(*store_, ctx_, clock_);
  Complaint c = k.FileIn("rejected", S::kResponded);
  clock_.Advance(std::chrono::days(1));
  auto back = k.Move(c.id, S::kInvestigating, "the customer disagrees");
  HEARKEN_ASSERT_OK(back);
  EXPECT_EQ(back->resolve_started_at, clock_.Now());
  EXPECT_TRUE(back->resolve_due_at.has_value());
  EXPECT_EQ(back->reopen_count, 0);
}

TEST_P(StoreContractTest, ComplaintStepsCannotBeSkippedWithoutTheirRecords) {
  Kit k(*store_, ctx_, clock_);
  // No assessment: a bare move to assessed is refused, the assessment moves it.
  Complaint c = k.FileIn("no shortcuts", S::kAcknowledged);
  HEARKEN_EXPECT_ERROR(k.Move(c.id, S::kAssessed), kFailedPrecondition);
  EXPECT_EQ(store_->complaints().GetComplaint(c.id)->state, S::kAcknowledged);
  HEARKEN_ASSERT_OK(store_->complaints().AssessComplaint(ctx_, c.id, Assessment()));
  k.MustMove(c.id, S::kInvestigating);
  // No decision: responded only by recording the response.
  HEARKEN_EXPECT_ERROR(k.Move(c.id, S::kResponded), kFailedPrecondition);
  HEARKEN_ASSERT_OK(store_->complaints().RespondToComplaint(ctx_, c.id, Response()));
  // The complainant rejects it: the old decision no longer stands.
  clock_.Advance(std::chrono::hours(2));
  k.MustMove(c.id, S::kInvestigating, "the customer disagrees");
  HEARKEN_EXPECT_ERROR(k.Move(c.id, S::kResponded), kFailedPrecondition);
  HEARKEN_ASSERT_OK(store_->complaints().RespondToComplaint(ctx_, c.id, Response()));
  k.MustMove(c.id, S::kClosed, "", ClosureKind::kAccepted);
  // Reopened: a new decision is needed before it closes again.
  clock_.Advance(std::chrono::hours(2));
  k.MustMove(c.id, S::kReopened, "the refund never arrived");
  k.MustMove(c.id, S::kInvestigating);
  HEARKEN_EXPECT_ERROR(k.Move(c.id, S::kResponded), kFailedPrecondition);
  // Paused after the response, the decision still stands when it resumes.
  HEARKEN_ASSERT_OK(store_->complaints().RespondToComplaint(ctx_, c.id, Response()));
  k.MustMove(c.id, S::kWaitingOnComplainant, "asked for the account number");
  k.MustMove(c.id, S::kResponded);
  k.MustMove(c.id, S::kClosed, "", ClosureKind::kAccepted);
}

TEST_P(StoreContractTest, ComplaintImportedClosedWithoutItsResponseIsRefused) {
  ImportedComplaint row;
  row.fields = Intake("closed elsewhere");
  row.fields.intake = ComplaintIntake::kImport;
  row.fields.received_at = kMonday;
  row.fields.external_ref = "SRC-1";
  row.closed_at = kMonday + std::chrono::hours(48);
  row.closure = ClosureKind::kAccepted;
  auto refused = store_->complaints().ImportComplaints(ctx_, {row});
  HEARKEN_EXPECT_ERROR(refused, kFailedPrecondition);
  EXPECT_THAT(refused.error().message, HasSubstr("rows/0"));
  row.response = Response();
  auto filed = store_->complaints().ImportComplaints(ctx_, {row});
  HEARKEN_ASSERT_OK(filed);
  auto all = ScanAll({}, ComplaintDetail::kFull);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].state, S::kClosed);
  EXPECT_EQ(all[0].decision, Response().decision);
  EXPECT_EQ(all[0].responded_at, row.closed_at);
  EXPECT_TRUE(CaseRecordOf(all[0]).decision);
}

TEST_P(StoreContractTest, ComplaintWithdrawnIsFinal) {
  Kit k(*store_, ctx_, clock_);
  Complaint c = k.FileIn("withdrawn", S::kAcknowledged);
  k.MustMove(c.id, S::kWithdrawn, "customer withdrew");
  auto read = store_->complaints().GetComplaint(c.id);
  EXPECT_FALSE(read->resolve_due_at.has_value());
  EXPECT_TRUE(read->resolve_stopped_at.has_value());
  for (S to : {S::kAcknowledged, S::kAssessed, S::kReopened, S::kClosed})
    HEARKEN_EXPECT_ERROR(k.Move(c.id, to, "try", ClosureKind::kAccepted), kFailedPrecondition);
  HEARKEN_EXPECT_ERROR(store_->complaints().AssignComplaint(ctx_, c.id, std::nullopt), kFailedPrecondition);
  ComplaintMessage m;
  m.complaint_id = c.id;
  m.body = "too late";
  HEARKEN_EXPECT_ERROR(store_->complaint_messages().AddComplaintMessage(ctx_, m), kFailedPrecondition);
}

TEST_P(StoreContractTest, ComplaintReferredCaseClosesOnlyAsReferral) {
  Kit k(*store_, ctx_, clock_);
  Complaint c = k.FileIn("referred", S::kResponded);
  k.MustMove(c.id, S::kReferred, "ombudsman");
  HEARKEN_EXPECT_ERROR(k.Move(c.id, S::kClosed, "", ClosureKind::kAccepted), kInvalidArgument);
  k.MustMove(c.id, S::kClosed, "", ClosureKind::kReferral);
}

// ---- Assessment, investigation, response -------------------------------------------

TEST_P(StoreContractTest, ComplaintAssessmentRecordsFieldsMovesToAssessedAndRecomputesDueTimes) {
  Kit k(*store_, ctx_, clock_);
  Segment seg = AddSegment("Retail");
  Customer cust = NewCustomer("Dora");
  cust.segment_id = seg.id;
  auto customer = store_->customers().CreateCustomer(ctx_, cust);
  HEARKEN_ASSERT_OK(customer);
  Complaint c = k.FileIn("assess me", S::kAcknowledged);
  HEARKEN_EXPECT_ERROR(store_->complaints().RecordInvestigation(ctx_, c.id, Investigation()), kFailedPrecondition);
  ComplaintAssessment a = Assessment(1);
  a.customer_id = customer->id;
  a.product = "Mortgage";
  a.site = "York";
  a.immediate_action = true;
  a.immediate_action_note = "stopped the debit";
  auto assessed = store_->complaints().AssessComplaint(ctx_, c.id, a);
  HEARKEN_ASSERT_OK(assessed);
  EXPECT_EQ(assessed->state, S::kAssessed);
  EXPECT_EQ(assessed->severity, 1);
  EXPECT_EQ(assessed->priority, Priority::kHigh);
  EXPECT_EQ(assessed->intake.customer_id, customer->id);
  EXPECT_EQ(assessed->segment_id, seg.id);  // from the customer
  EXPECT_EQ(assessed->intake.product, "Mortgage");
  EXPECT_EQ(assessed->intake.site, "York");
  EXPECT_TRUE(assessed->immediate_action);
  EXPECT_EQ(assessed->immediate_action_note, "stopped the debit");
  // Severity 1 resolves in 2 business days instead of 10.
  ASSERT_TRUE(assessed->resolve_due_at.has_value());
  EXPECT_LT(*assessed->resolve_due_at, *c.resolve_due_at);
  std::vector<std::string> actions;
  for (const auto& e : k.Timeline(c.id)) actions.push_back(e.action);
  EXPECT_THAT(actions, ElementsAre("create", "transition", "assess", "transition"));
  // Assessing again stays in assessed; bad input and unknown references fail.
  HEARKEN_ASSERT_OK(store_->complaints().AssessComplaint(ctx_, c.id, Assessment(3)));
  EXPECT_EQ(store_->complaints().GetComplaint(c.id)->state, S::kAssessed);
  auto bad = store_->complaints().AssessComplaint(ctx_, c.id, Assessment(9));
  HEARKEN_EXPECT_ERROR(bad, kInvalidArgument);
  EXPECT_TRUE(NamesField(bad, "severity"));
  ComplaintAssessment unknown = Assessment();
  unknown.segment_id = 4040;
  HEARKEN_EXPECT_ERROR(store_->complaints().AssessComplaint(ctx_, c.id, unknown), kNotFound);
  HEARKEN_EXPECT_ERROR(store_->complaints().AssessComplaint(ctx_, k.File("new").id, Assessment()), kFailedPrecondition);
}

TEST_P(StoreContractTest, ComplaintInvestigationAndResponseMoveTheCaseAndAddTheDecisionMessage) {
  Kit k(*store_, ctx_, clock_);
  Complaint c = k.FileIn("investigate", S::kAssessed);
  HEARKEN_EXPECT_ERROR(store_->complaints().RespondToComplaint(ctx_, c.id, Response()), kFailedPrecondition);
  auto investigating = store_->complaints().RecordInvestigation(ctx_, c.id, Investigation());
  HEARKEN_ASSERT_OK(investigating);
  EXPECT_EQ(investigating->state, S::kInvestigating);
  EXPECT_EQ(investigating->whys, Investigation().whys);
  EXPECT_EQ(investigating->cause_category, CauseCategory::kProcess);
  EXPECT_EQ(investigating->root_cause, "no capacity planning with the courier");
  ComplaintInvestigation empty;
  auto bad = store_->complaints().RecordInvestigation(ctx_, c.id, empty);
  HEARKEN_EXPECT_ERROR(bad, kInvalidArgument);
  ComplaintResponse no_remedy = Response();
  no_remedy.remedies.clear();
  HEARKEN_EXPECT_ERROR(store_->complaints().RespondToComplaint(ctx_, c.id, no_remedy), kInvalidArgument);
  auto responded = store_->complaints().RespondToComplaint(ctx_, c.id, Response());
  HEARKEN_ASSERT_OK(responded);
  EXPECT_EQ(responded->state, S::kResponded);
  EXPECT_EQ(responded->decision, "We refund the delivery fee");
  EXPECT_THAT(responded->remedies, ElementsAre(Remedy::kApology, Remedy::kRefund));
  auto messages = store_->complaint_messages().ListComplaintMessages(c.id, false);
  HEARKEN_ASSERT_OK(messages);
  ASSERT_EQ(messages->size(), 1u);
  EXPECT_EQ((*messages)[0].kind, MessageKind::kToComplainant);
  EXPECT_EQ((*messages)[0].body, "We refund the delivery fee");
  EXPECT_EQ((*messages)[0].author, ctx_.actor.label);
  HEARKEN_EXPECT_ERROR(store_->complaints().RecordInvestigation(ctx_, c.id, Investigation()), kFailedPrecondition);
}

// ---- Assignment -------------------------------------------------------------------

TEST_P(StoreContractTest, ComplaintAssigneeMustBeAnEnabledHandlerQualityManagerOrAdmin) {
  Kit k(*store_, ctx_, clock_);
  Complaint c = k.File("assign");
  User handler = AddUser("h@example.org", Role::kHandler);
  User qm = AddUser("qm@example.org", Role::kQualityManager);
  User viewer = AddUser("v@example.org", Role::kViewer);
  User admin = AddUser("admin@example.org", Role::kAdmin);
  User gone = AddUser("gone@example.org", Role::kHandler);
  gone.enabled = false;
  HEARKEN_ASSERT_OK(store_->users().UpdateUser(ctx_, gone));
  auto assigned = store_->complaints().AssignComplaint(ctx_, c.id, handler.id);
  HEARKEN_ASSERT_OK(assigned);
  EXPECT_EQ(assigned->assignee_id, handler.id);
  HEARKEN_ASSERT_OK(store_->complaints().AssignComplaint(ctx_, c.id, admin.id));
  HEARKEN_ASSERT_OK(store_->complaints().AssignComplaint(ctx_, c.id, qm.id));
  HEARKEN_EXPECT_ERROR(store_->complaints().AssignComplaint(ctx_, c.id, viewer.id), kFailedPrecondition);
  HEARKEN_EXPECT_ERROR(store_->complaints().AssignComplaint(ctx_, c.id, gone.id), kFailedPrecondition);
  HEARKEN_EXPECT_ERROR(store_->complaints().AssignComplaint(ctx_, c.id, 4040), kNotFound);
  HEARKEN_EXPECT_ERROR(store_->complaints().AssignComplaint(ctx_, 4040, handler.id), kNotFound);
  EXPECT_EQ(store_->complaints().GetComplaint(c.id)->assignee_id, qm.id);
  auto unassigned = store_->complaints().AssignComplaint(ctx_, c.id, std::nullopt);
  HEARKEN_ASSERT_OK(unassigned);
  EXPECT_FALSE(unassigned->assignee_id.has_value());
  auto timeline = k.Timeline(c.id);
  ASSERT_EQ(timeline.size(), 5u);  // create and four assignments; refused ones leave no trace
  EXPECT_EQ(timeline[4].action, "assign");
  EXPECT_EQ(nlohmann::json::parse(timeline[4].old_value)["assignee_id"], qm.id);
}

TEST_P(StoreContractTest, ComplaintSlaNoticesAreRecordedPerClock) {
  Kit k(*store_, ctx_, clock_);
  Complaint c = k.File("notices");
  const TimePoint at = clock_.Now() + std::chrono::minutes(5);
  HEARKEN_ASSERT_OK(store_->complaints().RecordSlaNotice(ctx_, c.id, SlaClock::kAcknowledge, SlaNotice::kWarning, at));
  HEARKEN_ASSERT_OK(store_->complaints().RecordSlaNotice(ctx_, c.id, SlaClock::kResolve, SlaNotice::kEscalation, at));
  auto read = store_->complaints().GetComplaint(c.id);
  EXPECT_EQ(read->ack_warned_at, at);
  EXPECT_FALSE(read->ack_escalated_at.has_value());
  EXPECT_EQ(read->resolve_escalated_at, at);
  EXPECT_FALSE(read->resolve_warned_at.has_value());
  HEARKEN_EXPECT_ERROR(store_->complaints().RecordSlaNotice(ctx_, 4040, SlaClock::kResolve, SlaNotice::kWarning, at), kNotFound);
}

TEST_P(StoreContractTest, UnverifiedMailIsNotPartOfTheComplainantsConversation) {
  Kit k(*store_, ctx_, clock_);
  Complaint c = k.FileIn("unverified", S::kAcknowledged);
  for (MessageKind kind : {MessageKind::kToComplainant, MessageKind::kFromComplainant, MessageKind::kInternalNote,
                           MessageKind::kUnverifiedMail}) {
    ComplaintMessage m;
    m.complaint_id = c.id;
    m.kind = kind;
    m.body = "a " + std::string(ToString(kind)) + " message";
    HEARKEN_ASSERT_OK(store_->complaint_messages().AddComplaintMessage(ctx_, m));
  }
  auto all = store_->complaint_messages().ListComplaintMessages(c.id, true);
  HEARKEN_ASSERT_OK(all);
  ASSERT_EQ(all->size(), 4u);
  EXPECT_EQ((*all)[3].kind, MessageKind::kUnverifiedMail);
  auto conversation = store_->complaint_messages().ListComplaintMessages(c.id, false);
  HEARKEN_ASSERT_OK(conversation);
  ASSERT_EQ(conversation->size(), 2u);
  EXPECT_EQ((*conversation)[0].kind, MessageKind::kToComplainant);
  EXPECT_EQ((*conversation)[1].kind, MessageKind::kFromComplainant);
}

}  // namespace

}  // namespace hearken
