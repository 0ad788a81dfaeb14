#include "workflow/sla_monitor.h"

#include <date/tz.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>
#include <vector>

#include "core/complaint.h"
#include "core/time_format.h"
#include "store/complaint_scan_range.h"
#include "core/complaint_json.h"
#include "workflow/complaint_notifier.h"
#include "workflow/notification_mailer.h"
#include "workflow/staff_notices.h"

namespace hearken {
namespace {

// A due time as the organisation reads it: "2026-12-02 17:00 CET".
std::string LocalTime(TimePoint t, const std::string& time_zone) {
  try {
    auto zoned = date::make_zoned(date::locate_zone(time_zone), std::chrono::time_point_cast<std::chrono::minutes>(t));
    return date::format("%Y-%m-%d %H:%M %Z", zoned);
  } catch (const std::exception&) {
    return FormatTimestamp(t);
  }
}

std::string_view ClockVerb(SlaClock clock) {
  return clock == SlaClock::kAcknowledge ? "acknowledge" : "resolve";
}

// One run's shared state: what every notice needs.
struct RunContext {
  Store& store;
  const ComplaintSettings& settings;
  const std::vector<User>& managers;
  TimePoint now;
};

// The enabled assignee of `complaint`, if any.
std::optional<User> Assignee(Store& store, const Complaint& complaint) {
  if (!complaint.assignee_id) return std::nullopt;
  auto user = store.users().GetUser(*complaint.assignee_id);
  if (!user.ok() || !user->enabled) return std::nullopt;
  return *user;
}

// What the notice says besides its title. Hearken's own words only (no
// complainant text: core/notification.h).
std::string NoticeBody(const Complaint& complaint, const SlaStatus& status, const std::optional<User>& assignee) {
  const long percent = std::lround(status.fraction_elapsed * 100);
  std::string body = "Business time used: " + std::to_string(status.elapsed.count()) + " of " +
                     std::to_string(status.budget.count()) + " minutes (" + std::to_string(percent) + " %). ";
  body += "State: " + std::string(ToString(complaint.state)) + ". ";
  body += "Assignee: " + (assignee ? assignee->display_name : std::string("nobody")) + ".";
  return body;
}

// Puts `notice` about one clock into the notifications of its recipients —
// the assignee for a warning (every quality manager while unassigned); every
// quality manager and the assignee at a breach — once per recipient and run
// of the clock (the dedupe key). True when it is delivered to at least one.
bool QueueNotice(const RunContext& run, const Complaint& complaint, SlaClock clock, const SlaStatus& status,
                 SlaNotice notice) {
  std::optional<User> assignee = Assignee(run.store, complaint);
  std::vector<Id> recipients;
  if (notice == SlaNotice::kWarning && assignee) {
    recipients.push_back(assignee->id);
  } else {
    for (const User& manager : run.managers) recipients.push_back(manager.id);
    if (notice == SlaNotice::kEscalation && assignee &&
        std::find(recipients.begin(), recipients.end(), assignee->id) == recipients.end())
      recipients.push_back(assignee->id);
  }
  if (recipients.empty()) {
    spdlog::warn("SLA {} for {} ({}): nobody to tell (unassigned and no enabled quality manager)",
                 ToString(notice), complaint.reference, ClockVerb(clock));
    return false;
  }
  const std::string due = LocalTime(status.due, run.settings.calendar.time_zone);
  const TimePoint started = clock == SlaClock::kAcknowledge ? complaint.ack_started_at : complaint.resolve_started_at;
  std::vector<NotificationDraft> drafts;
  for (Id user : recipients) {
    NotificationDraft d;
    d.user_id = user;
    d.kind = notice == SlaNotice::kWarning ? NotificationKind::kSlaWarning : NotificationKind::kSlaBreached;
    d.complaint_id = complaint.id;
    d.title = complaint.reference + (notice == SlaNotice::kWarning
                                         ? " SLA warning: " + std::string(ClockVerb(clock)) + " due " + due
                                         : " SLA breached: " + std::string(ClockVerb(clock)) + " was due " + due);
    d.body = NoticeBody(complaint, status, assignee);
    d.link = CaseLink(complaint);
    d.dedupe_key = "sla:" + std::to_string(complaint.id) + ":" + std::string(ClockVerb(clock)) + ":" +
                   std::string(ToString(notice)) + ":" + FormatTimestamp(started);
    drafts.push_back(std::move(d));
  }
  auto stored = run.store.notifications().Notify(drafts);
  if (!stored.ok()) {
    spdlog::error("SLA {} for {} not stored: {}", ToString(notice), complaint.reference, stored.error().message);
    return false;
  }
  return true;
}

// Tells each owner of an open corrective action that is due today or
// overdue (in the organisation's zone), once per due date.
int QueueDueActions(Store& store, const BusinessCalendar& calendar, TimePoint now) {
  const auto today = calendar.LocalDate(now);
  int told = 0;
  for (ActionStatus status : {ActionStatus::kOpen, ActionStatus::kInProgress}) {
    ListOptions options;
    options.limit = 500;
    options.sort = "due_date";
    for (;;) {
      auto page = store.corrective_actions().ListCorrectiveActions(std::nullopt, status, options);
      if (!page.ok()) {
        spdlog::error("corrective actions not readable for due notices: {}", page.error().message);
        return told;
      }
      std::vector<NotificationDraft> drafts;
      for (const CorrectiveAction& a : page->items) {
        if (!a.owner_id || !a.due_date || *a.due_date > today) continue;
        NotificationDraft d;
        d.user_id = *a.owner_id;
        d.kind = NotificationKind::kActionDue;
        d.action_id = a.id;
        d.title = std::string(*a.due_date == today ? "Corrective action due today: " : "Corrective action overdue: ") +
                  a.title.substr(0, 150);
        d.body = "Due " + FormatIsoDate(*a.due_date) + ". Status: " + std::string(ToString(a.status)) + ".";
        d.link = "/corrective-actions";
        d.dedupe_key = "action_due:" + std::to_string(a.id) + ":" + FormatIsoDate(*a.due_date);
        drafts.push_back(std::move(d));
      }
      auto stored = store.notifications().Notify(drafts);
      if (!stored.ok()) spdlog::error("corrective action due notices not stored: {}", stored.error().message);
      else told += *stored;
      options.offset += static_cast<int>(page->items.size());
      if (page->items.empty() || options.offset >= page->total) break;
    }
  }
  return told;
}

}  // namespace

SlaMonitor::SlaMonitor(Store& store, Mailer* mailer, const Clock& clock)
    : store_(store), mailer_(mailer), clock_(clock) {}

Result<SlaRunReport> SlaMonitor::RunOnce() {
  std::optional<Result<SlaRunReport>> outcome;
  auto ran = store_.jobs().RunExclusive("sla-monitor", [&] { outcome.emplace(RunLocked()); });
  if (!ran.ok()) return ran.error();
  if (!*ran || !outcome) {
    SlaRunReport report;
    report.skipped = "another node runs the SLA job";
    return report;
  }
  return std::move(*outcome);
}

Result<SlaRunReport> SlaMonitor::RunLocked() {
  SlaRunReport report;
  auto settings = store_.complaint_admin().GetComplaintSettings();
  if (!settings.ok()) return settings.error();
  auto calendar = BusinessCalendar::Create(settings->calendar);
  if (!calendar.ok()) return calendar.error();
  auto managers = EnabledQualityManagers(store_);
  if (!managers.ok()) return managers.error();
  // Every open complaint, in keyset pages (constant memory at any size).
  ComplaintFilter open;
  open.open_only = true;
  ComplaintScanRange complaints(store_.complaints(), open);

  const TimePoint now = clock_.Now();
  RunContext run{store_, *settings, *managers, now};
  const WriteContext ctx{Actor{std::nullopt, "system"}, "SLA monitor"};
  for (const Complaint& complaint : complaints) {
    ++report.complaints_checked;
    ComplaintSlaView view = EvaluateComplaintSla(*calendar, settings->sla, complaint, now);
    struct ClockState {
      SlaClock clock;
      const std::optional<SlaStatus>& status;
      const std::optional<TimePoint>& warned;
      const std::optional<TimePoint>& escalated;
    };
    const ClockState clocks[] = {
        {SlaClock::kAcknowledge, view.acknowledge, complaint.ack_warned_at, complaint.ack_escalated_at},
        {SlaClock::kResolve, view.resolve, complaint.resolve_warned_at, complaint.resolve_escalated_at},
    };
    for (const ClockState& c : clocks) {
      if (!c.status || c.status->stopped || c.status->paused) continue;
      std::optional<SlaNotice> notice;
      if (c.status->breached && !c.escalated) {
        notice = SlaNotice::kEscalation;
      } else if (c.status->warning && !c.status->breached && !c.warned && !c.escalated) {
        notice = SlaNotice::kWarning;
      }
      if (!notice) continue;
      if (!QueueNotice(run, complaint, c.clock, *c.status, *notice)) {
        ++report.failures;
        continue;
      }
      if (Status recorded = store_.complaints().RecordSlaNotice(ctx, complaint.id, c.clock, *notice, now); !recorded.ok()) {
        spdlog::error("SLA {} for {} told but not recorded: {}", ToString(*notice), complaint.reference,
                      recorded.error().message);
        ++report.failures;
        continue;
      }
      ++(*notice == SlaNotice::kWarning ? report.warnings_sent : report.escalations_sent);
    }
  }
  if (!complaints.status().ok()) return complaints.status().error();
  report.actions_due = QueueDueActions(store_, *calendar, now);

  // Everything this run (and the events since the last one) told, as one
  // mail per person.
  auto digests = NotificationMailer(store_, mailer_).SendPending();
  if (!digests.ok()) return digests.error();
  report.mails_sent = digests->mails_sent;
  report.failures += digests->failures;
  report.skipped = digests->skipped;
  if (report.warnings_sent + report.escalations_sent + report.failures + report.mails_sent > 0)
    spdlog::info("SLA job: {} complaints checked, {} warnings, {} escalations, {} digests mailed, {} failed",
                 report.complaints_checked, report.warnings_sent, report.escalations_sent, report.mails_sent,
                 report.failures);
  return report;
}

}  // namespace hearken
