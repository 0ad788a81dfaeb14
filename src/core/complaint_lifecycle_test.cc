#include "core/complaint_lifecycle.h"

#include <gtest/gtest.h>

#include "core/time_format.h"

namespace hearken {
namespace {

using S = ComplaintState;

TimePoint At(const char* text) { return *ParseTimestamp(text); }

TransitionRequest Move(S from, S to, std::string reason = "") {
  TransitionRequest r;
  r.from = from;
  r.to = to;
  r.reason = std::move(reason);
  r.actor = "user:3 handler@example.org";
  r.at = At("2026-11-24T10:00:00Z");
  r.record = {true, true};  // a case holding what every state needs; see the CaseRecord tests
  return r;
}

bool HasField(const Error& e, const std::string& field) {
  for (const auto& f : e.fields)
    if (f.field == field) return true;
  return false;
}

TEST(ComplaintLifecycleTest, EveryStateNameParsesBack) {
  auto names = EnumNames<ComplaintState>();
  EXPECT_EQ(names.size(), 10u);
  for (auto name : names) EXPECT_EQ(ToString(*ParseComplaintState(name)), name);
  for (auto name : EnumNames<ClosureKind>()) EXPECT_EQ(ToString(*ParseClosureKind(name)), name);
  for (auto name : EnumNames<SlaClockChange>()) EXPECT_EQ(ToString(*ParseSlaClockChange(name)), name);
  EXPECT_EQ(ToString(S::kWaitingOnComplainant), "waiting_on_complainant");
  EXPECT_EQ(ToString(ClosureKind::kNoReply), "no_reply");
  EXPECT_FALSE(ParseComplaintState("open").has_value());
  EXPECT_FALSE(ParseComplaintState("Received").has_value());
}

TEST(ComplaintLifecycleTest, HappyPathFromReceiptToClosureByAcceptance) {
  const S path[] = {S::kReceived, S::kAcknowledged, S::kAssessed, S::kInvestigating, S::kResponded};
  for (size_t i = 0; i + 1 < std::size(path); ++i) {
    auto t = ApplyTransition(Move(path[i], path[i + 1]));
    ASSERT_TRUE(t.ok()) << ToString(path[i]) << " -> " << ToString(path[i + 1]) << ": " << t.error().message;
    EXPECT_EQ(t->from, path[i]);
    EXPECT_EQ(t->to, path[i + 1]);
    EXPECT_EQ(t->actor, "user:3 handler@example.org");
    EXPECT_EQ(t->at, At("2026-11-24T10:00:00Z"));
  }
  auto close = Move(S::kResponded, S::kClosed);
  close.closure = ClosureKind::kAccepted;
  auto t = ApplyTransition(close);
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->closure, ClosureKind::kAccepted);
  EXPECT_FALSE(IsOpen(S::kClosed));
}

TEST(ComplaintLifecycleTest, DisallowedTransitionIsFailedPreconditionNamingBothStates) {
  auto t = ApplyTransition(Move(S::kReceived, S::kClosed));
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(t.error().message.find("'received'"), std::string::npos) << t.error().message;
  EXPECT_NE(t.error().message.find("'closed'"), std::string::npos) << t.error().message;
  EXPECT_NE(t.error().message.find("acknowledged, withdrawn"), std::string::npos) << t.error().message;

  EXPECT_EQ(ApplyTransition(Move(S::kReceived, S::kInvestigating)).error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(ApplyTransition(Move(S::kAssessed, S::kResponded)).error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(ApplyTransition(Move(S::kReferred, S::kReopened, "x")).error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(ApplyTransition(Move(S::kResponded, S::kReopened, "x")).error().code, ErrorCode::kFailedPrecondition);
}

TEST(ComplaintLifecycleTest, MovingToTheSameStateIsRefused) {
  auto t = ApplyTransition(Move(S::kAssessed, S::kAssessed));
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, ErrorCode::kFailedPrecondition);
}

TEST(ComplaintLifecycleTest, WithdrawnIsFinalAndClosedOnlyReopens) {
  EXPECT_TRUE(IsFinal(S::kWithdrawn));
  EXPECT_TRUE(AllowedNextStates(S::kWithdrawn).empty());
  for (auto name : EnumNames<ComplaintState>()) EXPECT_FALSE(IsAllowedTransition(S::kWithdrawn, *ParseComplaintState(name)));
  EXPECT_EQ(AllowedNextStates(S::kClosed), std::vector<S>{S::kReopened});
  EXPECT_EQ(AllowedNextStates(S::kReferred), std::vector<S>{S::kClosed});
  EXPECT_TRUE(IsOpen(S::kReferred));
  EXPECT_TRUE(IsOpen(S::kWaitingOnComplainant));
  EXPECT_FALSE(IsOpen(S::kWithdrawn));
}

TEST(ComplaintLifecycleTest, AllowedNextStatesFollowTheDocumentedTable) {
  EXPECT_EQ(AllowedNextStates(S::kReceived), (std::vector<S>{S::kAcknowledged, S::kWithdrawn}));
  EXPECT_EQ(AllowedNextStates(S::kAcknowledged),
            (std::vector<S>{S::kAssessed, S::kWaitingOnComplainant, S::kWithdrawn}));
  EXPECT_EQ(AllowedNextStates(S::kResponded), (std::vector<S>{S::kInvestigating, S::kClosed,
                                                              S::kWaitingOnComplainant, S::kWithdrawn, S::kReferred}));
  EXPECT_EQ(AllowedNextStates(S::kReopened), (std::vector<S>{S::kAssessed, S::kInvestigating, S::kWithdrawn}));
  EXPECT_EQ(AllowedNextStates(S::kWaitingOnComplainant, S::kAssessed), (std::vector<S>{S::kAssessed, S::kWithdrawn}));
  EXPECT_EQ(AllowedNextStates(S::kWaitingOnComplainant), std::vector<S>{S::kWithdrawn});
}

TEST(ComplaintLifecycleTest, WithdrawReopenReferAndPauseRequireAReason) {
  struct Case {
    S from, to;
  } cases[] = {{S::kReceived, S::kWithdrawn},
               {S::kInvestigating, S::kWithdrawn},
               {S::kClosed, S::kReopened},
               {S::kResponded, S::kReferred},
               {S::kAssessed, S::kWaitingOnComplainant},
               {S::kResponded, S::kInvestigating}};
  for (const Case& c : cases) {
    EXPECT_TRUE(RequiresReason(c.from, c.to));
    auto blank = ApplyTransition(Move(c.from, c.to, "  \t "));
    ASSERT_FALSE(blank.ok()) << ToString(c.from) << " -> " << ToString(c.to);
    EXPECT_EQ(blank.error().code, ErrorCode::kInvalidArgument);
    EXPECT_TRUE(HasField(blank.error(), "reason")) << blank.error().message;
    auto given = ApplyTransition(Move(c.from, c.to, "  complainant asked by phone "));
    ASSERT_TRUE(given.ok()) << given.error().message;
    EXPECT_EQ(given->reason, "complainant asked by phone");
  }
  EXPECT_FALSE(RequiresReason(S::kReceived, S::kAcknowledged));
  EXPECT_TRUE(ApplyTransition(Move(S::kReceived, S::kAcknowledged)).ok());
}

TEST(ComplaintLifecycleTest, BlankActorIsRejected) {
  auto r = Move(S::kReceived, S::kAcknowledged);
  r.actor = " ";
  auto t = ApplyTransition(r);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(HasField(t.error(), "actor"));
}

TEST(ComplaintLifecycleTest, ReasonWithControlCharactersIsRejected) {
  auto t = ApplyTransition(Move(S::kClosed, S::kReopened, std::string("new\0facts", 9)));
  ASSERT_FALSE(t.ok());
  EXPECT_TRUE(HasField(t.error(), "reason"));
}

TEST(ComplaintLifecycleTest, PausingRecordsTheStateAndPausesTheResolveClock) {
  auto t = ApplyTransition(Move(S::kInvestigating, S::kWaitingOnComplainant, "asked for the order number"));
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->paused_from, S::kInvestigating);
  EXPECT_EQ(t->resolve_clock, SlaClockChange::kPause);
  EXPECT_EQ(t->acknowledge_clock, SlaClockChange::kNone);
}

TEST(ComplaintLifecycleTest, ResumingReturnsOnlyToThePausedFromStateAndResumesTheClock) {
  auto back = Move(S::kWaitingOnComplainant, S::kInvestigating);
  back.paused_from = S::kInvestigating;
  auto t = ApplyTransition(back);
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->resolve_clock, SlaClockChange::kResume);
  EXPECT_FALSE(t->paused_from.has_value());

  auto elsewhere = Move(S::kWaitingOnComplainant, S::kAssessed);
  elsewhere.paused_from = S::kInvestigating;
  auto refused = ApplyTransition(elsewhere);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(refused.error().message.find("'investigating'"), std::string::npos) << refused.error().message;

  auto closed = Move(S::kWaitingOnComplainant, S::kClosed);
  closed.paused_from = S::kResponded;
  closed.closure = ClosureKind::kNoReply;
  EXPECT_EQ(ApplyTransition(closed).error().code, ErrorCode::kFailedPrecondition);
}

TEST(ComplaintLifecycleTest, ResumingWithoutKnowingThePausedFromStateIsInvalid) {
  auto t = ApplyTransition(Move(S::kWaitingOnComplainant, S::kAssessed));
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(HasField(t.error(), "paused_from"));
  auto bad = Move(S::kWaitingOnComplainant, S::kReceived);
  bad.paused_from = S::kReceived;
  EXPECT_TRUE(HasField(ApplyTransition(bad).error(), "paused_from"));
}

TEST(ComplaintLifecycleTest, WithdrawingWhilePausedStopsTheResolveClock) {
  auto r = Move(S::kWaitingOnComplainant, S::kWithdrawn, "no longer wanted");
  r.paused_from = S::kAssessed;
  auto t = ApplyTransition(r);
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->resolve_clock, SlaClockChange::kStop);
}

TEST(ComplaintLifecycleTest, PausingAfterTheResponseLeavesTheStoppedClockAlone) {
  auto pause = ApplyTransition(Move(S::kResponded, S::kWaitingOnComplainant, "awaiting bank details"));
  ASSERT_TRUE(pause.ok());
  EXPECT_EQ(pause->resolve_clock, SlaClockChange::kNone);
  auto back = Move(S::kWaitingOnComplainant, S::kResponded);
  back.paused_from = S::kResponded;
  auto resumed = ApplyTransition(back);
  ASSERT_TRUE(resumed.ok());
  EXPECT_EQ(resumed->resolve_clock, SlaClockChange::kNone);
}

TEST(ComplaintLifecycleTest, AcknowledgementStopsTheAcknowledgeClockOnly) {
  auto t = ApplyTransition(Move(S::kReceived, S::kAcknowledged));
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->acknowledge_clock, SlaClockChange::kStop);
  EXPECT_EQ(t->resolve_clock, SlaClockChange::kNone);
  auto withdrawn = ApplyTransition(Move(S::kReceived, S::kWithdrawn, "sent by mistake"));
  ASSERT_TRUE(withdrawn.ok());
  EXPECT_EQ(withdrawn->acknowledge_clock, SlaClockChange::kStop);
  EXPECT_EQ(withdrawn->resolve_clock, SlaClockChange::kStop);
}

TEST(ComplaintLifecycleTest, ResponseStopsAndReopeningOrRejectionRestartsTheResolveClock) {
  EXPECT_EQ(ApplyTransition(Move(S::kInvestigating, S::kResponded))->resolve_clock, SlaClockChange::kStop);
  EXPECT_EQ(ApplyTransition(Move(S::kClosed, S::kReopened, "same fault again"))->resolve_clock,
            SlaClockChange::kRestart);
  EXPECT_EQ(ApplyTransition(Move(S::kResponded, S::kInvestigating, "complainant rejected the refund"))->resolve_clock,
            SlaClockChange::kRestart);
  EXPECT_EQ(ApplyTransition(Move(S::kReopened, S::kInvestigating))->resolve_clock, SlaClockChange::kNone);
}

TEST(ComplaintLifecycleTest, ClosingNeedsAClosureKindThatFitsTheState) {
  auto none = ApplyTransition(Move(S::kResponded, S::kClosed));
  ASSERT_FALSE(none.ok());
  EXPECT_TRUE(HasField(none.error(), "closure"));

  auto r = Move(S::kResponded, S::kClosed);
  r.closure = ClosureKind::kNoReply;
  EXPECT_EQ(ApplyTransition(r)->closure, ClosureKind::kNoReply);
  r.closure = ClosureKind::kReferral;
  EXPECT_TRUE(HasField(ApplyTransition(r).error(), "closure"));

  auto referred = Move(S::kReferred, S::kClosed);
  referred.closure = ClosureKind::kAccepted;
  EXPECT_TRUE(HasField(ApplyTransition(referred).error(), "closure"));
  referred.closure = ClosureKind::kReferral;
  EXPECT_EQ(ApplyTransition(referred)->closure, ClosureKind::kReferral);
}

// A duplicate is closed from wherever it stands, with a reason, stopping
// any running clock; it needs no decision (the surviving case gets one).
TEST(ComplaintLifecycleTest, ADuplicateClosesFromAnyOpenStateWithAReason) {
  for (S from : {S::kReceived, S::kAcknowledged, S::kAssessed, S::kInvestigating, S::kResponded, S::kReopened,
                 S::kReferred}) {
    auto r = Move(from, S::kClosed, "duplicate of C-2026-00001");
    r.closure = ClosureKind::kDuplicate;
    r.record = {false, false};
    auto t = ApplyTransition(r);
    ASSERT_TRUE(t.ok()) << ToString(from) << ": " << t.error().message;
    EXPECT_EQ(t->closure, ClosureKind::kDuplicate);
    EXPECT_EQ(t->acknowledge_clock, from == S::kReceived ? SlaClockChange::kStop : SlaClockChange::kNone);
    const bool resolving = from != S::kResponded && from != S::kReferred;
    EXPECT_EQ(t->resolve_clock, resolving ? SlaClockChange::kStop : SlaClockChange::kNone) << ToString(from);
  }
  auto paused = Move(S::kWaitingOnComplainant, S::kClosed, "duplicate");
  paused.paused_from = S::kInvestigating;
  paused.closure = ClosureKind::kDuplicate;
  EXPECT_EQ(ApplyTransition(paused)->resolve_clock, SlaClockChange::kStop);

  auto no_reason = Move(S::kAssessed, S::kClosed);
  no_reason.closure = ClosureKind::kDuplicate;
  EXPECT_TRUE(HasField(ApplyTransition(no_reason).error(), "reason"));
  for (S from : {S::kClosed, S::kWithdrawn}) {
    auto r = Move(from, S::kClosed, "duplicate");
    r.closure = ClosureKind::kDuplicate;
    EXPECT_FALSE(ApplyTransition(r).ok()) << ToString(from);
  }
  // Only the merge closes as a duplicate; the list of next states never offers it.
  EXPECT_EQ(AllowedNextStates(S::kReceived), (std::vector<S>{S::kAcknowledged, S::kWithdrawn}));
}

TEST(ComplaintLifecycleTest, ClosureKindIsIgnoredWhenNotClosing) {
  auto r = Move(S::kReceived, S::kAcknowledged);
  r.closure = ClosureKind::kAccepted;
  auto t = ApplyTransition(r);
  ASSERT_TRUE(t.ok());
  EXPECT_FALSE(t->closure.has_value());
}

TEST(ComplaintLifecycleTest, EveryProblemIsReportedAtOnce) {
  auto r = Move(S::kResponded, S::kClosed);
  r.actor = "";
  auto t = ApplyTransition(r);
  ASSERT_FALSE(t.ok());
  EXPECT_TRUE(HasField(t.error(), "actor"));
  EXPECT_TRUE(HasField(t.error(), "closure"));
}

TEST(ComplaintLifecycleTest, NoReplyClosureIsDueAfterTheConfiguredCalendarDays) {
  ClosurePolicy policy;
  EXPECT_EQ(policy.no_reply_days, 14);
  policy.no_reply_days = 10;
  EXPECT_EQ(NoReplyClosureDue(At("2026-11-24T10:00:00Z"), policy), At("2026-12-04T10:00:00Z"));
  EXPECT_TRUE(ValidateClosurePolicy(policy).ok());
  policy.no_reply_days = 0;
  auto s = ValidateClosurePolicy(policy);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().fields.at(0).field, "no_reply_days");
}

}  // namespace
}  // namespace hearken

namespace hearken {
namespace {

TransitionRequest Bare(S from, S to, CaseRecord record, std::optional<ClosureKind> closure = std::nullopt) {
  TransitionRequest r;
  r.from = from;
  r.to = to;
  r.actor = "user:3 handler@example.org";
  r.at = *ParseTimestamp("2026-11-24T10:00:00Z");
  r.record = record;
  r.closure = closure;
  return r;
}

TEST(ComplaintCaseRecordTest, AssessedAndInvestigatingNeedAnAssessment) {
  auto refused = ApplyTransition(Bare(S::kAcknowledged, S::kAssessed, {false, false}));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(refused.error().message.find("assessment"), std::string::npos);
  EXPECT_FALSE(ApplyTransition(Bare(S::kReopened, S::kInvestigating, {false, false})).ok());
  EXPECT_TRUE(ApplyTransition(Bare(S::kAcknowledged, S::kAssessed, {true, false})).ok());
  EXPECT_TRUE(ApplyTransition(Bare(S::kReopened, S::kInvestigating, {true, false})).ok());
}

TEST(ComplaintCaseRecordTest, RespondedReferredAndClosedNeedAStandingDecision) {
  auto responded = ApplyTransition(Bare(S::kInvestigating, S::kResponded, {true, false}));
  ASSERT_FALSE(responded.ok());
  EXPECT_EQ(responded.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(responded.error().message.find("response"), std::string::npos);
  EXPECT_TRUE(ApplyTransition(Bare(S::kInvestigating, S::kResponded, {true, true})).ok());
  EXPECT_FALSE(ApplyTransition(Bare(S::kResponded, S::kClosed, {true, false}, ClosureKind::kAccepted)).ok());
  auto referred = Bare(S::kResponded, S::kReferred, {true, false});
  referred.reason = "ombudsman";
  EXPECT_EQ(ApplyTransition(referred).error().code, ErrorCode::kFailedPrecondition);
  // Resuming into responded after a pause keeps the standing decision.
  auto resume = Bare(S::kWaitingOnComplainant, S::kResponded, {true, false});
  resume.paused_from = S::kResponded;
  EXPECT_FALSE(ApplyTransition(resume).ok());
  resume.record.decision = true;
  EXPECT_TRUE(ApplyTransition(resume).ok());
}

TEST(ComplaintCaseRecordTest, ReferralClosureAndWithdrawalNeedNoDecision) {
  EXPECT_TRUE(ApplyTransition(Bare(S::kReferred, S::kClosed, {false, false}, ClosureKind::kReferral)).ok());
  auto withdraw = Bare(S::kAcknowledged, S::kWithdrawn, {false, false});
  withdraw.reason = "the complainant withdrew";
  EXPECT_TRUE(ApplyTransition(withdraw).ok());
  EXPECT_TRUE(CheckCaseRecord(S::kClosed, {false, false}, ClosureKind::kReferral).ok());
  EXPECT_FALSE(CheckCaseRecord(S::kClosed, {true, false}, ClosureKind::kNoReply).ok());
  EXPECT_TRUE(CheckCaseRecord(S::kReceived, {false, false}, std::nullopt).ok());
}

}  // namespace
}  // namespace hearken
