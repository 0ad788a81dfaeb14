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
#include "workflow/complaint_notifier.h"

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

// Every enabled user with role quality_manager.
Result<std::vector<User>> QualityManagers(Store& store) {
  std::vector<User> managers;
  ListOptions options;
  options.limit = 500;
  for (;;) {
    auto page = store.users().ListUsers(options);
    if (!page.ok()) return page.error();
    for (User& user : page->items)
      if (user.enabled && user.role == Role::kQualityManager) managers.push_back(std::move(user));
    options.offset += static_cast<int>(page->items.size());
    if (page->items.empty() || options.offset >= page->total) break;
  }
  return managers;
}

// One run's shared state: what every notice needs.
struct RunContext {
  Store& store;
  Mailer& mailer;
  const ComplaintSettings& settings;
  const std::vector<User>& managers;
  TimePoint now;
};

// The enabled assignee of `complaint`, if any.
std::optional<User> Assignee(Store& store, const Complaint& complaint) {
  if (!complaint.assignee_id) return std::nullopt;
  auto user = store.users().GetUser(*complaint.assignee_id);
  if (!user.ok() || !user->enabled || user->email.empty()) return std::nullopt;
  return *user;
}

std::string NoticeBody(const RunContext& run, const Complaint& complaint, SlaClock clock, const SlaStatus& status,
                       SlaNotice notice, const std::optional<User>& assignee) {
  std::string base = run.settings.public_base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  std::string due = LocalTime(status.due, run.settings.calendar.time_zone);
  std::string body;
  if (notice == SlaNotice::kWarning) {
    body += "The complaint " + complaint.reference + " must be " + (clock == SlaClock::kAcknowledge ? "acknowledged" : "resolved") +
            " by " + due + ".\n";
  } else {
    body += "The complaint " + complaint.reference + " missed its target: it had to be " +
            (clock == SlaClock::kAcknowledge ? "acknowledged" : "resolved") + " by " + due + ".\n";
  }
  long percent = std::lround(status.fraction_elapsed * 100);
  body += "\nBusiness time used: " + std::to_string(status.elapsed.count()) + " of " +
          std::to_string(status.budget.count()) + " minutes (" + std::to_string(percent) + " %).\n";
  body += "Summary: " + complaint.intake.summary + "\n";
  body += "State: " + std::string(ToString(complaint.state)) + "\n";
  body += "Assignee: " + (assignee ? assignee->display_name + " <" + assignee->email + ">" : std::string("nobody")) + "\n";
  body += "\n" + base + "/complaints/" + std::to_string(complaint.id) + "\n";
  return body;
}

std::string LowerAscii(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// Sends `notice` about one clock to those of its recipients who did not get
// it yet (recorded per recipient as each mail is accepted); true when every
// recipient has it now (and there was at least one recipient).
bool SendNotice(const RunContext& run, const Complaint& complaint, SlaClock clock, const SlaStatus& status,
                SlaNotice notice) {
  std::optional<User> assignee = Assignee(run.store, complaint);
  std::vector<const User*> recipients;
  if (notice == SlaNotice::kWarning && assignee) {
    recipients.push_back(&*assignee);
  } else {
    for (const User& manager : run.managers) recipients.push_back(&manager);
    if (notice == SlaNotice::kEscalation && assignee) {
      bool is_manager = false;
      for (const User& manager : run.managers) is_manager = is_manager || manager.id == assignee->id;
      if (!is_manager) recipients.push_back(&*assignee);
    }
  }
  if (recipients.empty()) {
    spdlog::warn("SLA {} for {} ({}): nobody to mail (unassigned and no enabled quality manager)",
                 ToString(notice), complaint.reference, ClockVerb(clock));
    return false;
  }
  std::string due = LocalTime(status.due, run.settings.calendar.time_zone);
  std::string subject = notice == SlaNotice::kWarning
                            ? "SLA warning: " + std::string(ClockVerb(clock)) + " due " + due
                            : "SLA breached: " + std::string(ClockVerb(clock)) + " was due " + due;
  std::string body = NoticeBody(run, complaint, clock, status, notice, assignee);
  auto already = run.store.complaints().ListSlaNoticeRecipients(complaint.id, clock, notice);
  if (!already.ok()) {
    spdlog::error("SLA {} for {}: recipients not readable: {}", ToString(notice), complaint.reference,
                  already.error().message);
    return false;
  }
  bool all_sent = true;
  for (const User* user : recipients) {
    if (std::find(already->begin(), already->end(), LowerAscii(user->email)) != already->end()) continue;
    OutgoingMail mail;
    mail.from = run.settings.mail_from;
    mail.from_name = run.settings.mail_from_name;
    mail.to = user->email;
    mail.to_name = user->display_name;
    mail.subject = CaseMailSubject(complaint.reference, subject);
    mail.body = body;
    mail.headers.push_back({"X-Hearken-Case", complaint.reference});
    if (Status sent = run.mailer.Send(mail); !sent.ok()) {
      spdlog::error("SLA {} for {} to {} failed: {}", ToString(notice), complaint.reference, user->email,
                    sent.error().message);
      all_sent = false;
      continue;
    }
    if (Status recorded =
            run.store.complaints().RecordSlaNoticeRecipient(complaint.id, clock, notice, user->email, run.now);
        !recorded.ok()) {
      spdlog::error("SLA {} for {} mailed to {} but not recorded: {}", ToString(notice), complaint.reference,
                    user->email, recorded.error().message);
      all_sent = false;
    }
  }
  return all_sent;
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
  if (mailer_ == nullptr) {
    report.skipped = "no mail server configured";
    return report;
  }
  auto settings = store_.complaint_admin().GetComplaintSettings();
  if (!settings.ok()) return settings.error();
  if (settings->mail_from.empty()) {
    report.skipped = "no sender (mail_from) configured";
    return report;
  }
  auto calendar = BusinessCalendar::Create(settings->calendar);
  if (!calendar.ok()) return calendar.error();
  auto managers = QualityManagers(store_);
  if (!managers.ok()) return managers.error();
  // Every open complaint, in keyset pages (constant memory at any size).
  ComplaintFilter open;
  open.open_only = true;
  ComplaintScanRange complaints(store_.complaints(), open);

  const TimePoint now = clock_.Now();
  RunContext run{store_, *mailer_, *settings, *managers, now};
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
      if (!SendNotice(run, complaint, c.clock, *c.status, *notice)) {
        ++report.failures;
        continue;
      }
      if (Status recorded = store_.complaints().RecordSlaNotice(ctx, complaint.id, c.clock, *notice, now); !recorded.ok()) {
        spdlog::error("SLA {} for {} sent but not recorded: {}", ToString(*notice), complaint.reference,
                      recorded.error().message);
        ++report.failures;
        continue;
      }
      ++(*notice == SlaNotice::kWarning ? report.warnings_sent : report.escalations_sent);
    }
  }
  if (!complaints.status().ok()) return complaints.status().error();
  if (report.warnings_sent + report.escalations_sent + report.failures > 0)
    spdlog::info("SLA monitor: {} complaints checked, {} warnings, {} escalations, {} failed", report.complaints_checked,
                 report.warnings_sent, report.escalations_sent, report.failures);
  return report;
}

}  // namespace hearken
