// Staff notifications (core/notification.h): the inbox of each person, their
// preferences per kind, and the queue of notices the mail job sends as one
// digest per person. Part of Store (store.h); the contracts there hold.
// Notifications are not audited: they are messages to a person about audited
// events, not records of the quality system.
#pragma once

#include <optional>
#include <vector>

#include "core/notification.h"
#include "core/result.h"
#include "store/store_types.h"

namespace hearken {

// One person's notices waiting for the mail job, oldest first.
struct PendingNotificationMail {
  Id user_id = 0;
  std::vector<Notification> notifications;
};

class NotificationStore {
 public:
  virtual ~NotificationStore() = default;

  // Delivers each draft to its person, in one transaction, as their
  // preference for its kind says: into the inbox (in_app), queued for the mail
  // job (email), both, or — both off — not at all. A draft whose dedupe_key
  // that person already has is left out. Returns how many were stored.
  // Errors: InvalidArgument (unknown user, empty title, over-long text).
  virtual Result<int> Notify(const std::vector<NotificationDraft>& drafts) = 0;

  // The person's inbox, newest first (only what they want in the app).
  virtual Result<Page<Notification>> ListNotifications(Id user_id, bool unread_only, const ListOptions& options) = 0;
  virtual Result<std::int64_t> CountUnread(Id user_id) = 0;
  // Marks the given notices of `user_id` (others' ids are ignored), or all of
  // theirs when `ids` is empty and `all` is true, as read now. Returns the
  // unread count after.
  virtual Result<std::int64_t> MarkRead(Id user_id, const std::vector<Id>& ids, bool all) = 0;

  // One entry per kind, in AllNotificationKinds() order.
  virtual Result<std::vector<NotificationPreference>> GetNotificationPreferences(Id user_id) = 0;
  // Replaces the choices for the kinds given (others keep theirs).
  virtual Status SetNotificationPreferences(Id user_id, const std::vector<NotificationPreference>& preferences) = 0;

  // Notices queued for e-mail, grouped per person (at most `max_people`
  // people, each with every notice they have waiting).
  virtual Result<std::vector<PendingNotificationMail>> ListPendingNotificationMail(int max_people) = 0;
  // The mail job's outcome for these notices: sent (true) or given up
  // (false: no address, disabled user); either way they leave the queue.
  virtual Status MarkNotificationsMailed(const std::vector<Id>& ids, bool sent) = 0;
};

}  // namespace hearken
