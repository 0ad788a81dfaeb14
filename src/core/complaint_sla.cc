// The SLA view of one complaint: its two clocks evaluated with the targets
// for its severity (complaint.h).
#include "core/complaint.h"

namespace hearken {
namespace {

// The clock's start; the receipt time when the store left it unset.
std::optional<TimePoint> StartOf(TimePoint started, const Complaint& c) {
  if (started != TimePoint{}) return started;
  if (c.received_at != TimePoint{}) return c.received_at;
  return std::nullopt;
}

bool HasOpenPause(const std::vector<SlaPause>& pauses) {
  for (const SlaPause& p : pauses)
    if (!p.to) return true;
  return false;
}

}  // namespace

ComplaintSlaView EvaluateComplaintSla(const BusinessCalendar& calendar, const SlaPolicy& policy,
                                      const Complaint& complaint, TimePoint now) {
  ComplaintSlaView view;
  const SlaTargets& targets = policy.For(complaint.severity);
  if (auto start = StartOf(complaint.ack_started_at, complaint))
    view.acknowledge = EvaluateSla(calendar, targets.acknowledge, *start, {}, now, policy.warn_at_percent,
                                   complaint.ack_stopped_at);
  if (auto start = StartOf(complaint.resolve_started_at, complaint))
    view.resolve = EvaluateSla(calendar, targets.resolve, *start, complaint.resolve_pauses, now,
                               policy.warn_at_percent, complaint.resolve_stopped_at);
  return view;
}

DueTimes ComputeDueTimes(const BusinessCalendar& calendar, const SlaPolicy& policy, const Complaint& complaint,
                         TimePoint now) {
  DueTimes due;
  const SlaTargets& targets = policy.For(complaint.severity);
  if (!complaint.ack_stopped_at)
    if (auto start = StartOf(complaint.ack_started_at, complaint))
      due.ack_due_at = EvaluateSla(calendar, targets.acknowledge, *start, {}, now, policy.warn_at_percent).due;
  if (!complaint.resolve_stopped_at && !HasOpenPause(complaint.resolve_pauses))
    if (auto start = StartOf(complaint.resolve_started_at, complaint))
      due.resolve_due_at =
          EvaluateSla(calendar, targets.resolve, *start, complaint.resolve_pauses, now, policy.warn_at_percent).due;
  return due;
}

}  // namespace hearken
