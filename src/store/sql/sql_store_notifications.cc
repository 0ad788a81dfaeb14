// Staff notifications of SqlStore (NotificationStore): delivery by each
// person's preferences, the inbox, read marks, and the mail job's queue.
// Plain SQL that both dialects run the same.
#include <algorithm>
#include <map>
#include <set>

#include "store/sql/sql_store.h"
#include "store/sql/sql_store_internal.h"

namespace hearken {

using namespace sql;

namespace {

constexpr size_t kMaxTitleBytes = 200;
constexpr size_t kMaxBodyBytes = 2000;
constexpr const char* kPending = "pending";
constexpr const char* kSent = "sent";
constexpr const char* kSkipped = "skipped";
constexpr const char* kNotificationColumns =
    "id, user_id, kind, complaint_id, action_id, title, body, link, created_at, read_at";

Notification NotificationFromRow(const SqlRow& r) {
  Notification n;
  n.id = r.Int(0);
  n.user_id = r.Int(1);
  n.kind = ParseNotificationKind(r.Text(2)).value_or(NotificationKind::kAssigned);
  n.complaint_id = r.OptInt(3);
  n.action_id = r.OptInt(4);
  n.title = r.Text(5);
  n.body = r.Text(6);
  n.link = r.Text(7);
  n.created_at = r.Time(8);
  n.read_at = r.OptTime(9);
  return n;
}

// The stored choices of `user_id`, by kind (missing kinds: both on).
Result<std::map<NotificationKind, NotificationPreference>> StoredPreferences(SqlConnection& db, Id user_id) {
  std::map<NotificationKind, NotificationPreference> out;
  for (NotificationKind kind : AllNotificationKinds()) out[kind] = {kind, true, true};
  auto rows = db.Execute("SELECT kind, in_app, email FROM notification_preferences WHERE user_id = ?", {user_id});
  if (!rows.ok()) return rows.error();
  for (const SqlRow& r : rows->rows) {
    auto kind = ParseNotificationKind(r.Text(0));
    if (kind) out[*kind] = {*kind, r.Bool(1), r.Bool(2)};
  }
  return out;
}

Status CheckDraft(const NotificationDraft& d) {
  if (d.user_id <= 0) return Error::InvalidField("user_id", "must name a user");
  if (d.title.empty()) return Error::InvalidField("title", "is required");
  if (d.title.size() > kMaxTitleBytes) return Error::InvalidField("title", "at most 200 bytes");
  if (d.body.size() > kMaxBodyBytes) return Error::InvalidField("body", "at most 2000 bytes");
  return Status::Ok();
}

}  // namespace

Result<int> SqlStore::Notify(const std::vector<NotificationDraft>& drafts) {
  for (const NotificationDraft& d : drafts)
    if (Status st = CheckDraft(d); !st.ok()) return st.error();
  if (drafts.empty()) return 0;
  return Write<int>([&](SqlConnection& db, TimePoint now) -> Result<int> {
    std::map<Id, std::map<NotificationKind, NotificationPreference>> preferences;
    int stored = 0;
    for (const NotificationDraft& d : drafts) {
      if (!preferences.count(d.user_id)) {
        auto exists = Exists(db, "users", d.user_id);
        if (!exists.ok()) return exists.error();
        if (!*exists) return Error::InvalidField("user_id", "no such user");
        auto stored_preferences = StoredPreferences(db, d.user_id);
        if (!stored_preferences.ok()) return stored_preferences.error();
        preferences[d.user_id] = std::move(*stored_preferences);
      }
      const NotificationPreference& p = preferences[d.user_id][d.kind];
      if (!p.in_app && !p.email) continue;
      if (!d.dedupe_key.empty()) {
        auto seen = QueryInt(db, "SELECT count(*) FROM notifications WHERE user_id = ? AND dedupe_key = ?",
                             {d.user_id, d.dedupe_key});
        if (!seen.ok()) return seen.error();
        if (*seen > 0) continue;
      }
      auto inserted = db.Execute(
          "INSERT INTO notifications (user_id, kind, complaint_id, action_id, title, body, link, in_app, dedupe_key, "
          "created_at, mail_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {d.user_id, std::string(ToString(d.kind)), SqlOptional(d.complaint_id), SqlOptional(d.action_id), d.title,
           d.body, d.link, p.in_app, d.dedupe_key.empty() ? SqlNull() : SqlValue(d.dedupe_key), now,
           std::string(p.email ? kPending : kSkipped)});
      if (!inserted.ok()) return inserted.error();
      ++stored;
    }
    return stored;
  });
}

Result<Page<Notification>> SqlStore::ListNotifications(Id user_id, bool unread_only, const ListOptions& options) {
  if (Status s = ValidateListOptions(options); !s.ok()) return s.error();
  return ReadSnapshot<Page<Notification>>([&](SqlConnection& db) -> Result<Page<Notification>> {
    // In the inbox: what the person wanted in the app (not e-mail only).
    Where where;
    where.Add("user_id = ?", {user_id});
    where.Add("in_app");
    if (unread_only) where.Add("read_at IS NULL");
    Page<Notification> page;
    auto total = QueryInt(db, "SELECT count(*) FROM notifications" + where.Clause(), where.params());
    if (!total.ok()) return total.error();
    page.total = *total;
    auto rows = db.Execute(std::string("SELECT ") + kNotificationColumns + " FROM notifications" + where.Clause() +
                               " ORDER BY id DESC LIMIT ? OFFSET ?",
                           WithPaging(where.params(), options));
    if (!rows.ok()) return rows.error();
    for (const SqlRow& r : rows->rows) page.items.push_back(NotificationFromRow(r));
    return page;
  });
}

Result<std::int64_t> SqlStore::CountUnread(Id user_id) {
  return Read<std::int64_t>([&](SqlConnection& db) {
    return QueryInt(db, "SELECT count(*) FROM notifications WHERE user_id = ? AND in_app AND read_at IS NULL",
                    {user_id});
  });
}

Result<std::int64_t> SqlStore::MarkRead(Id user_id, const std::vector<Id>& ids, bool all) {
  return Write<std::int64_t>([&](SqlConnection& db, TimePoint now) -> Result<std::int64_t> {
    if (all) {
      auto marked = db.Execute("UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL",
                               {now, user_id});
      if (!marked.ok()) return marked.error();
    } else {
      for (Id id : ids) {
        auto marked = db.Execute(
            "UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL", {now, id, user_id});
        if (!marked.ok()) return marked.error();
      }
    }
    return QueryInt(db, "SELECT count(*) FROM notifications WHERE user_id = ? AND in_app AND read_at IS NULL",
                    {user_id});
  });
}

Result<std::vector<NotificationPreference>> SqlStore::GetNotificationPreferences(Id user_id) {
  return Read<std::vector<NotificationPreference>>(
      [&](SqlConnection& db) -> Result<std::vector<NotificationPreference>> {
        auto stored = StoredPreferences(db, user_id);
        if (!stored.ok()) return stored.error();
        std::vector<NotificationPreference> out;
        for (NotificationKind kind : AllNotificationKinds()) out.push_back((*stored)[kind]);
        return out;
      });
}

Status SqlStore::SetNotificationPreferences(Id user_id, const std::vector<NotificationPreference>& preferences) {
  auto done = Write<bool>([&](SqlConnection& db, TimePoint) -> Result<bool> {
    auto exists = Exists(db, "users", user_id);
    if (!exists.ok()) return exists.error();
    if (!*exists) return Error::NotFound("no such user");
    for (const NotificationPreference& p : preferences) {
      auto saved = db.Execute(
          "INSERT INTO notification_preferences (user_id, kind, in_app, email) VALUES (?, ?, ?, ?) "
          "ON CONFLICT (user_id, kind) DO UPDATE SET in_app = excluded.in_app, email = excluded.email",
          {user_id, std::string(ToString(p.kind)), p.in_app, p.email});
      if (!saved.ok()) return saved.error();
    }
    return true;
  });
  if (!done.ok()) return done.error();
  return Status::Ok();
}

Result<std::vector<PendingNotificationMail>> SqlStore::ListPendingNotificationMail(int max_people) {
  return ReadSnapshot<std::vector<PendingNotificationMail>>(
      [&](SqlConnection& db) -> Result<std::vector<PendingNotificationMail>> {
        auto people = db.Execute(
            "SELECT DISTINCT user_id FROM notifications WHERE mail_state = ? ORDER BY user_id LIMIT ?",
            {std::string(kPending), static_cast<std::int64_t>(std::max(1, max_people))});
        if (!people.ok()) return people.error();
        std::vector<PendingNotificationMail> out;
        for (const SqlRow& person : people->rows) {
          PendingNotificationMail mail;
          mail.user_id = person.Int(0);
          auto rows = db.Execute(std::string("SELECT ") + kNotificationColumns +
                                     " FROM notifications WHERE user_id = ? AND mail_state = ? ORDER BY id",
                                 {mail.user_id, std::string(kPending)});
          if (!rows.ok()) return rows.error();
          for (const SqlRow& r : rows->rows) mail.notifications.push_back(NotificationFromRow(r));
          out.push_back(std::move(mail));
        }
        return out;
      });
}

Status SqlStore::MarkNotificationsMailed(const std::vector<Id>& ids, bool sent) {
  if (ids.empty()) return Status::Ok();
  auto done = Write<bool>([&](SqlConnection& db, TimePoint now) -> Result<bool> {
    for (Id id : ids) {
      auto marked = db.Execute("UPDATE notifications SET mail_state = ?, mailed_at = ? WHERE id = ? AND mail_state = ?",
                               {std::string(sent ? kSent : kSkipped), now, id, std::string(kPending)});
      if (!marked.ok()) return marked.error();
    }
    return true;
  });
  if (!done.ok()) return done.error();
  return Status::Ok();
}

}  // namespace hearken
