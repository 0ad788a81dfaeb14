#include "core/notification.h"

#include "core/enum_names.h"

namespace hearken {
namespace {

constexpr NameTable<NotificationKind, 6> kNotificationKindNames{{
    {NotificationKind::kAssigned, "assigned"},
    {NotificationKind::kComplainantReplied, "complainant_replied"},
    {NotificationKind::kComplainantRated, "complainant_rated"},
    {NotificationKind::kSlaWarning, "sla_warning"},
    {NotificationKind::kSlaBreached, "sla_breached"},
    {NotificationKind::kActionDue, "action_due"},
}};

}  // namespace

std::string_view ToString(NotificationKind v) { return NameOf(kNotificationKindNames, v); }

std::optional<NotificationKind> ParseNotificationKind(std::string_view s) { return ValueOf(kNotificationKindNames, s); }

template <>
std::vector<std::string_view> EnumNames<NotificationKind>() {
  return NamesOf(kNotificationKindNames);
}

const std::array<NotificationKind, 6>& AllNotificationKinds() {
  static const std::array<NotificationKind, 6> kinds = {
      NotificationKind::kAssigned,   NotificationKind::kComplainantReplied, NotificationKind::kComplainantRated,
      NotificationKind::kSlaWarning, NotificationKind::kSlaBreached,        NotificationKind::kActionDue};
  return kinds;
}

}  // namespace hearken
