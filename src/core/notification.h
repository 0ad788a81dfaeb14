// What staff are told (issue 7, "People told what needs them"): a notice to
// one person about one event — a case assigned to them, the complainant's
// reply or rating, an SLA near or breached on a case they own, a corrective
// action of theirs due — and each person's choice, per kind, of the inbox in
// the app and e-mail. The text is Hearken's own (reference, what happened,
// who did it), never what the complainant wrote, so an erased complainant
// leaves nothing behind here.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/entities.h"

namespace hearken {

enum class NotificationKind { kAssigned, kComplainantReplied, kComplainantRated, kSlaWarning, kSlaBreached, kActionDue };

std::string_view ToString(NotificationKind v);
std::optional<NotificationKind> ParseNotificationKind(std::string_view s);
// Every kind, in the order the preferences list them.
const std::array<NotificationKind, 6>& AllNotificationKinds();

// A notice to be delivered (Store::Notify).
struct NotificationDraft {
  Id user_id = 0;
  NotificationKind kind = NotificationKind::kAssigned;
  std::optional<Id> complaint_id;
  std::optional<Id> action_id;
  std::string title;  // one line, <= 200 bytes: "C-2026-000123 assigned to you by Ada Admin"
  std::string body;   // a few lines of detail, <= 2,000 bytes
  std::string link;   // an app path: "/complaints/12"
  // Not empty: at most one notification per person with this key (an event
  // seen again, such as a breach on every SLA run, is told once).
  std::string dedupe_key;
};

struct Notification {
  Id id = 0;
  Id user_id = 0;
  NotificationKind kind = NotificationKind::kAssigned;
  std::optional<Id> complaint_id;
  std::optional<Id> action_id;
  std::string title;
  std::string body;
  std::string link;
  TimePoint created_at{};
  std::optional<TimePoint> read_at;
};

// One person's choice for one kind; without a stored choice both are on.
struct NotificationPreference {
  NotificationKind kind = NotificationKind::kAssigned;
  bool in_app = true;
  bool email = true;
};

}  // namespace hearken
