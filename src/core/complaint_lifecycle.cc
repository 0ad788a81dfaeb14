#include "core/complaint_lifecycle.h"

#include "core/enum_names.h"

#include <array>
#include <utility>

#include "core/validation.h"

namespace hearken {
namespace {

using S = ComplaintState;

constexpr NameTable<ComplaintState, 10> kStateNames{{{S::kReceived, "received"},
                                                     {S::kAcknowledged, "acknowledged"},
                                                     {S::kAssessed, "assessed"},
                                                     {S::kInvestigating, "investigating"},
                                                     {S::kResponded, "responded"},
                                                     {S::kClosed, "closed"},
                                                     {S::kWaitingOnComplainant, "waiting_on_complainant"},
                                                     {S::kReopened, "reopened"},
                                                     {S::kWithdrawn, "withdrawn"},
                                                     {S::kReferred, "referred"}}};
constexpr NameTable<ClosureKind, 4> kClosureNames{{{ClosureKind::kAccepted, "accepted"},
                                                   {ClosureKind::kNoReply, "no_reply"},
                                                   {ClosureKind::kReferral, "referral"},
                                                   {ClosureKind::kDuplicate, "duplicate"}}};
constexpr NameTable<SlaClockChange, 5> kClockChangeNames{{{SlaClockChange::kNone, "none"},
                                                          {SlaClockChange::kStop, "stop"},
                                                          {SlaClockChange::kPause, "pause"},
                                                          {SlaClockChange::kResume, "resume"},
                                                          {SlaClockChange::kRestart, "restart"}}};

// One row of the transition table.
struct Edge {
  S from;
  S to;
  bool reason_required;
};

// The table documented in the header. Resumption from waiting_on_complainant
// is handled apart (its target depends on the paused-from state).
constexpr std::array<Edge, 22> kEdges{{
    {S::kReceived, S::kAcknowledged, false},
    {S::kReceived, S::kWithdrawn, true},
    {S::kAcknowledged, S::kAssessed, false},
    {S::kAcknowledged, S::kWaitingOnComplainant, true},
    {S::kAcknowledged, S::kWithdrawn, true},
    {S::kAssessed, S::kInvestigating, false},
    {S::kAssessed, S::kWaitingOnComplainant, true},
    {S::kAssessed, S::kWithdrawn, true},
    {S::kInvestigating, S::kResponded, false},
    {S::kInvestigating, S::kWaitingOnComplainant, true},
    {S::kInvestigating, S::kWithdrawn, true},
    {S::kResponded, S::kInvestigating, true},
    {S::kResponded, S::kClosed, false},
    {S::kResponded, S::kWaitingOnComplainant, true},
    {S::kResponded, S::kWithdrawn, true},
    {S::kResponded, S::kReferred, true},
    {S::kWaitingOnComplainant, S::kWithdrawn, true},
    {S::kReopened, S::kAssessed, false},
    {S::kReopened, S::kInvestigating, false},
    {S::kReopened, S::kWithdrawn, true},
    {S::kClosed, S::kReopened, true},
    {S::kReferred, S::kClosed, false},
}};

// States from which a complaint may wait on the complainant, and so the
// states it may resume into.
bool CanPause(S state) {
  return state == S::kAcknowledged || state == S::kAssessed || state == S::kInvestigating ||
         state == S::kResponded;
}

// True when the resolve clock is running in `state` (before the response).
bool ResolveClockRuns(S state) {
  return state == S::kReceived || state == S::kAcknowledged || state == S::kAssessed ||
         state == S::kInvestigating || state == S::kReopened;
}

// Closing a duplicate: from any open state, with a reason (what it
// duplicates). Not in the table: it is allowed only with that closure kind.
constexpr Edge kCloseDuplicate{S::kReceived, S::kClosed, true};

const Edge* FindEdge(S from, S to) {
  if (from == S::kWaitingOnComplainant && to != S::kWithdrawn) {
    // Resumption: the reason is optional; ApplyTransition checks the target
    // against the paused-from state.
    static constexpr Edge kResume{S::kWaitingOnComplainant, S::kAcknowledged, false};
    return CanPause(to) ? &kResume : nullptr;
  }
  for (const Edge& e : kEdges)
    if (e.from == from && e.to == to) return &e;
  return nullptr;
}

std::string Trim(std::string_view text) {
  const char* kSpace = " \t\r\n";
  size_t begin = text.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return "";
  size_t end = text.find_last_not_of(kSpace);
  return std::string(text.substr(begin, end - begin + 1));
}

std::string Quoted(S state) { return "'" + std::string(ToString(state)) + "'"; }

std::string JoinStates(const std::vector<S>& states) {
  if (states.empty()) return "nothing (final state)";
  std::string out;
  for (S s : states) {
    if (!out.empty()) out += ", ";
    out += ToString(s);
  }
  return out;
}

}  // namespace

#define HEARKEN_ENUM_NAMES(Type, table, Parse)                                \
  std::string_view ToString(Type v) { return NameOf(table, v); }              \
  std::optional<Type> Parse(std::string_view s) { return ValueOf(table, s); } \
  template <> std::vector<std::string_view> EnumNames<Type>() { return NamesOf(table); }

HEARKEN_ENUM_NAMES(ComplaintState, kStateNames, ParseComplaintState)
HEARKEN_ENUM_NAMES(ClosureKind, kClosureNames, ParseClosureKind)
HEARKEN_ENUM_NAMES(SlaClockChange, kClockChangeNames, ParseSlaClockChange)

#undef HEARKEN_ENUM_NAMES

Status CheckCaseRecord(ComplaintState state, const CaseRecord& record, std::optional<ClosureKind> closure) {
  switch (state) {
    case S::kAssessed:
    case S::kInvestigating:
      if (!record.assessment)
        return Error::FailedPrecondition("a complaint is " + Quoted(state) +
                                         " only with an assessment: record the severity and priority first "
                                         "(PUT /complaints/{id}/assessment)");
      return Status::Ok();
    case S::kResponded:
    case S::kReferred:
      if (!record.decision)
        return Error::FailedPrecondition("a complaint is " + Quoted(state) +
                                         " only with a decision communicated to the complainant: record the "
                                         "response first (POST /complaints/{id}/response)");
      return Status::Ok();
    case S::kClosed:
      if (closure != ClosureKind::kReferral && closure != ClosureKind::kDuplicate && !record.decision)
        return Error::FailedPrecondition(
            "a complaint is closed only after a response (or by withdrawal or referral): record the decision "
            "first (POST /complaints/{id}/response)");
      return Status::Ok();
    default:
      return Status::Ok();
  }
}

bool IsAllowedTransition(ComplaintState from, ComplaintState to) { return FindEdge(from, to) != nullptr; }

std::vector<ComplaintState> AllowedNextStates(ComplaintState from, std::optional<ComplaintState> paused_from) {
  std::vector<ComplaintState> out;
  for (const auto& [state, name] : kStateNames) {
    if (from == S::kWaitingOnComplainant && state != S::kWithdrawn) {
      if (paused_from == state && CanPause(state)) out.push_back(state);
      continue;
    }
    if (IsAllowedTransition(from, state)) out.push_back(state);
  }
  return out;
}

bool RequiresReason(ComplaintState from, ComplaintState to) {
  const Edge* e = FindEdge(from, to);
  return e != nullptr && e->reason_required;
}

bool IsFinal(ComplaintState state) { return state == S::kWithdrawn; }

bool IsOpen(ComplaintState state) { return state != S::kClosed && state != S::kWithdrawn; }

Result<Transition> ApplyTransition(const TransitionRequest& request) {
  const S from = request.from;
  const S to = request.to;
  if (from == to) return Error::FailedPrecondition("complaint is already " + Quoted(from));

  if (from == S::kWaitingOnComplainant && (!request.paused_from || !CanPause(*request.paused_from)))
    return Error::InvalidField("paused_from",
                               "must name the state the complaint paused from (acknowledged, assessed, "
                               "investigating or responded)");

  const bool duplicate = to == S::kClosed && request.closure == ClosureKind::kDuplicate && IsOpen(from);
  const Edge* edge = duplicate ? &kCloseDuplicate : FindEdge(from, to);
  if (edge == nullptr)
    return Error::FailedPrecondition("complaint cannot go from " + Quoted(from) + " to " + Quoted(to) +
                                     "; allowed: " + JoinStates(AllowedNextStates(from, request.paused_from)));
  if (!duplicate && from == S::kWaitingOnComplainant && to != S::kWithdrawn && to != *request.paused_from)
    return Error::FailedPrecondition("complaint cannot go from " + Quoted(from) + " to " + Quoted(to) +
                                     "; it paused from " + Quoted(*request.paused_from) +
                                     " and resumes only there (or is withdrawn)");
  const std::optional<ClosureKind> closure = to == S::kClosed && from == S::kReferred ? ClosureKind::kReferral
                                                                                       : request.closure;
  if (Status held = CheckCaseRecord(to, request.record, closure); !held.ok()) return held.error();

  Transition t;
  t.from = from;
  t.to = to;
  t.at = request.at;
  t.actor = Trim(request.actor);
  t.reason = Trim(request.reason);

  std::vector<FieldError> problems;
  if (t.actor.empty()) problems.push_back({"actor", "must name who makes the change"});
  if (!IsCleanUtf8(t.actor) || t.actor.size() > kMaxShortTextLength)
    problems.push_back({"actor", "must be clean text of at most 500 bytes"});
  if (edge->reason_required && t.reason.empty())
    problems.push_back({"reason", "is required to go from " + Quoted(from) + " to " + Quoted(to)});
  if (!IsCleanUtf8(t.reason) || t.reason.size() > kMaxLongTextLength)
    problems.push_back({"reason", "must be clean text of at most 20000 bytes"});
  if (to == S::kClosed) {
    if (!request.closure) {
      problems.push_back({"closure", "is required to close: accepted, no_reply or referral"});
    } else if (duplicate) {
      t.closure = ClosureKind::kDuplicate;
    } else if (*request.closure == ClosureKind::kDuplicate) {
      problems.push_back({"closure", "duplicate is set by merging the case into another (POST /complaints/{id}/merge)"});
    } else if (from == S::kReferred && *request.closure != ClosureKind::kReferral) {
      problems.push_back({"closure", "must be referral when closing a referred complaint"});
    } else if (from == S::kResponded && *request.closure == ClosureKind::kReferral) {
      problems.push_back({"closure", "must be accepted or no_reply when closing after the response"});
    } else {
      t.closure = request.closure;
    }
  }
  if (!problems.empty()) {
    std::string summary = "transition " + std::string(ToString(from)) + " -> " + std::string(ToString(to)) + ": ";
    for (size_t i = 0; i < problems.size(); ++i)
      summary += (i ? "; " : "") + problems[i].field + " " + problems[i].message;
    return Error::InvalidArgument(std::move(summary), std::move(problems));
  }

  if (to == S::kWaitingOnComplainant) t.paused_from = from;

  // The acknowledge clock stops at the first of acknowledgement or withdrawal.
  if (from == S::kReceived) t.acknowledge_clock = SlaClockChange::kStop;

  // The resolve clock.
  const S effective_from = from == S::kWaitingOnComplainant ? *request.paused_from : from;
  if (to == S::kWaitingOnComplainant) {
    if (ResolveClockRuns(from)) t.resolve_clock = SlaClockChange::kPause;
  } else if (from == S::kWaitingOnComplainant) {
    if (ResolveClockRuns(effective_from))
      t.resolve_clock = to == S::kWithdrawn || duplicate ? SlaClockChange::kStop : SlaClockChange::kResume;
  } else if (to == S::kResponded || to == S::kWithdrawn || duplicate) {
    if (ResolveClockRuns(from)) t.resolve_clock = SlaClockChange::kStop;
  } else if (to == S::kReopened || (from == S::kResponded && to == S::kInvestigating)) {
    t.resolve_clock = SlaClockChange::kRestart;
  }
  return t;
}

Status ValidateClosurePolicy(const ClosurePolicy& policy) {
  if (policy.no_reply_days < 1 || policy.no_reply_days > 365)
    return Error::InvalidField("no_reply_days", "must be between 1 and 365");
  return Status::Ok();
}

TimePoint NoReplyClosureDue(TimePoint responded_at, const ClosurePolicy& policy) {
  return responded_at + std::chrono::hours(24) * policy.no_reply_days;
}

}  // namespace hearken
