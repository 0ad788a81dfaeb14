// The complaint state machine (ISO 10002:2018 clauses 7.3 to 7.10): which
// state a complaint may move to from which, what each move must carry (actor,
// reason, how a case was closed), and what each move does to the two SLA
// clocks (time to acknowledge, time to resolve). Pure rules, no I/O: the store
// records the resulting Transition together with its audit entry.
//
// States and their stable text names (JSON, SQL, UI):
//   received                 filed through any channel, reference assigned
//   acknowledged             the complainant has been told it was received
//   assessed                 severity, priority, category set
//   investigating            root cause being established
//   responded                decision and remedy communicated
//   closed                   finished (see ClosureKind for how)
//   waiting_on_complainant   paused for the complainant; SLA clock stopped
//   reopened                 a closed case taken up again
//   withdrawn                the complainant withdrew the complaint (final)
//   referred                 taken to external dispute resolution
//
// Allowed transitions ("R" = a reason is required):
//   received               -> acknowledged | withdrawn R
//   acknowledged           -> assessed | waiting_on_complainant R | withdrawn R
//   assessed               -> investigating | waiting_on_complainant R | withdrawn R
//   investigating          -> responded | waiting_on_complainant R | withdrawn R
//   responded              -> closed | waiting_on_complainant R | referred R
//                             | investigating R (the complainant rejected the
//                               decision; ISO 10002 7.9 keeps it open) | withdrawn R
//   waiting_on_complainant -> the state it paused from | withdrawn R
//   reopened               -> assessed | investigating | withdrawn R
//   closed                 -> reopened R
//   referred               -> closed (closure kind "referral")
//   withdrawn              -> nothing (final)
//   any open state         -> closed R with closure kind "duplicate" (the
//                             case was merged into another that carries on;
//                             only the store's merge makes this move)
// A case is reopened only after closure; a rejected response goes back to
// investigating instead, so "reopen rate" counts genuinely reopened cases.
//
// SLA clocks. The acknowledge clock runs from receipt and stops when the
// complaint is acknowledged (or withdrawn first). The resolve clock runs from
// receipt, pauses while waiting on the complainant, stops at the response (or
// on withdrawal) and restarts from zero when the case is reopened or the
// response is rejected. Pausing after the response changes nothing, as the
// resolve clock is already stopped there.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/entities.h"
#include "core/result.h"

namespace hearken {

enum class ComplaintState {
  kReceived,
  kAcknowledged,
  kAssessed,
  kInvestigating,
  kResponded,
  kClosed,
  kWaitingOnComplainant,
  kReopened,
  kWithdrawn,
  kReferred,
};

// How a complaint was closed: the complainant accepted the response, did not
// reply within the configured number of days after it, the case went
// through external dispute resolution, or it was a duplicate merged into
// another case (ComplaintStore::MergeComplaint).
enum class ClosureKind { kAccepted, kNoReply, kReferral, kDuplicate };

// What a transition does to one SLA clock.
enum class SlaClockChange {
  kNone,     // no effect (not running, or keeps running)
  kStop,     // the target is met or no longer applies
  kPause,    // stops counting until resumed
  kResume,   // counts again after a pause
  kRestart,  // a new target counted from this transition
};

std::string_view ToString(ComplaintState v);
std::string_view ToString(ClosureKind v);
std::string_view ToString(SlaClockChange v);
std::optional<ComplaintState> ParseComplaintState(std::string_view s);
std::optional<ClosureKind> ParseClosureKind(std::string_view s);
std::optional<SlaClockChange> ParseSlaClockChange(std::string_view s);
// EnumNames<ComplaintState>(), EnumNames<ClosureKind>() and
// EnumNames<SlaClockChange>() are defined too (see entities.h).

// What a case already holds that some states need (ISO 10002:2018): an
// assessment before it is assessed or investigated (7.4), a decision that
// stands — recorded and not rejected since — before it is responded, closed
// or referred (7.7, 7.8). The store fills this from the record.
struct CaseRecord {
  bool assessment = false;  // severity and priority recorded
  bool decision = false;    // a decision with its remedies stands
};

// Whether a complaint holding `record` may be in `state` (closed with
// `closure`): assessed and investigating need the assessment; responded,
// referred and closed need a standing decision, except a case closed by
// referral (the outside body decided) or as a duplicate (the case it was
// merged into gets the decision). Withdrawal needs neither. Every path
// that sets a state checks this: ApplyTransition for moves, the import for
// the state it files a case in.
// Errors: FailedPrecondition naming what is missing and how to record it.
Status CheckCaseRecord(ComplaintState state, const CaseRecord& record, std::optional<ClosureKind> closure);

// A requested move of one complaint.
struct TransitionRequest {
  ComplaintState from = ComplaintState::kReceived;  // the complaint's current state
  ComplaintState to = ComplaintState::kReceived;    // the requested state
  std::string reason;                               // why; required where the table says R
  std::string actor;                                // audit actor label, e.g. "user:3 alice@example.org"
  TimePoint at{};
  // The state the complaint paused from; required when `from` is
  // waiting_on_complainant (the store keeps it with the complaint).
  std::optional<ComplaintState> paused_from;
  // Required when `to` is closed, ignored otherwise.
  std::optional<ClosureKind> closure;
  // What the case holds after any record the same write adds (the assessment
  // AssessComplaint saves, the decision RespondToComplaint saves).
  CaseRecord record;
};

// An accepted move, ready to be stored and audited.
struct Transition {
  ComplaintState from = ComplaintState::kReceived;
  ComplaintState to = ComplaintState::kReceived;
  std::string reason;  // trimmed
  std::string actor;
  TimePoint at{};
  // Set when `to` is waiting_on_complainant: the state to resume into. The
  // caller stores it with the complaint and passes it back on resumption.
  std::optional<ComplaintState> paused_from;
  std::optional<ClosureKind> closure;  // set exactly when `to` is closed
  SlaClockChange acknowledge_clock = SlaClockChange::kNone;
  SlaClockChange resolve_clock = SlaClockChange::kNone;
  bool operator==(const Transition&) const = default;
};

// True when the table above lets a complaint move from `from` to `to`. For
// waiting_on_complainant the resumption target is checked by ApplyTransition
// (any state that may pause counts as allowed here).
bool IsAllowedTransition(ComplaintState from, ComplaintState to);

// The states a complaint may move to next, in declaration order. For
// waiting_on_complainant pass `paused_from` to get the one resumption target
// (without it only withdrawn is listed).
std::vector<ComplaintState> AllowedNextStates(ComplaintState from,
                                              std::optional<ComplaintState> paused_from = std::nullopt);

// True when moving from `from` to `to` must carry a reason: withdrawing,
// pausing for the complainant, referring, reopening, and taking a rejected
// response back to investigation.
bool RequiresReason(ComplaintState from, ComplaintState to);

// True for states that never change again (withdrawn).
bool IsFinal(ComplaintState state);

// True while the complaint still needs work or an outside decision (every
// state except closed and withdrawn); used for queues and "open" counts.
bool IsOpen(ComplaintState state);

// Checks a requested move against the table and returns the transition to
// record, including its effect on the SLA clocks.
// Errors:
//   FailedPrecondition when the table forbids the move (the message names both
//     states and what is allowed), when `from` and `to` are the same, or when a
//     paused complaint is resumed into another state than the one it paused from;
//   FailedPrecondition from CheckCaseRecord when the case lacks what `to` needs;
//   InvalidArgument (fields "actor", "reason", "closure", "paused_from") when
//     the actor is blank, a required reason is blank or not clean text, a
//     closure kind is missing or does not fit the state closed from (responded:
//     accepted or no_reply; referred: referral), or paused_from is missing or is
//     not a state that can pause.
Result<Transition> ApplyTransition(const TransitionRequest& request);

// ---- Closure by no reply -------------------------------------------------------

// Days after the response without a reply from the complainant after which
// the case may be closed as kNoReply. Calendar days, counted as 24-hour
// periods from the response (the complainant's wait, not office time).
struct ClosurePolicy {
  int no_reply_days = 14;
  // A reply from the complainant on a closed case reopens it (true), or
  // leaves it closed and tells the assignee, who may reopen it (false).
  bool reopen_on_reply = false;
};

// Errors: InvalidArgument (field "no_reply_days") unless 1 <= days <= 365.
Status ValidateClosurePolicy(const ClosurePolicy& policy);

// The instant from which a case responded at `responded_at`, and not replied
// to since, may be closed for no reply.
TimePoint NoReplyClosureDue(TimePoint responded_at, const ClosurePolicy& policy);

}  // namespace hearken
