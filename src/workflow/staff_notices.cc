#include "workflow/staff_notices.h"

#include <spdlog/spdlog.h>

namespace hearken {
namespace {

Status Deliver(Store& store, const std::vector<NotificationDraft>& drafts, const Complaint& complaint,
               const char* what) {
  if (drafts.empty()) return Status::Ok();
  auto stored = store.notifications().Notify(drafts);
  if (!stored.ok()) {
    spdlog::error("{} notice for {} not stored: {}", what, complaint.reference, stored.error().message);
    return stored.error();
  }
  return Status::Ok();
}

// `notice` about `complaint`, to each of its watchers (CaseWatchers).
Status TellWatchers(Store& store, const Complaint& complaint, NotificationDraft notice, const char* what) {
  auto watchers = CaseWatchers(store, complaint);
  if (!watchers.ok()) return watchers.error();
  notice.complaint_id = complaint.id;
  notice.link = CaseLink(complaint);
  std::vector<NotificationDraft> drafts;
  for (Id user : *watchers) {
    drafts.push_back(notice);
    drafts.back().user_id = user;
  }
  return Deliver(store, drafts, complaint, what);
}

}  // namespace

Result<std::vector<User>> EnabledQualityManagers(Store& store) {
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

Result<std::vector<Id>> CaseWatchers(Store& store, const Complaint& complaint) {
  if (complaint.assignee_id) {
    auto assignee = store.users().GetUser(*complaint.assignee_id);
    if (assignee.ok() && assignee->enabled) return std::vector<Id>{assignee->id};
    if (!assignee.ok() && assignee.error().code != ErrorCode::kNotFound) return assignee.error();
  }
  auto managers = EnabledQualityManagers(store);
  if (!managers.ok()) return managers.error();
  std::vector<Id> ids;
  for (const User& m : *managers) ids.push_back(m.id);
  return ids;
}

std::string CaseLink(const Complaint& complaint) { return "/complaints/" + std::to_string(complaint.id); }

Status NotifyAssigned(Store& store, const Complaint& complaint, Id assignee_id, const Actor& by) {
  if (by.user_id && *by.user_id == assignee_id) return Status::Ok();  // took it themselves
  NotificationDraft d;
  d.user_id = assignee_id;
  d.kind = NotificationKind::kAssigned;
  d.complaint_id = complaint.id;
  d.title = complaint.reference + " assigned to you";
  std::string who = by.label;
  if (auto space = who.find(' '); who.rfind("user:", 0) == 0 && space != std::string::npos) who = who.substr(space + 1);
  d.body = "Assigned by " + (who.empty() ? std::string("Hearken") : who) + ". State: " +
           std::string(ToString(complaint.state)) + ".";
  d.link = CaseLink(complaint);
  return Deliver(store, {d}, complaint, "assignment");
}

Status FollowComplainantReply(Store& store, const Complaint& current, const WriteContext& ctx,
                              ReplyAfterClosure* what) {
  if (what) *what = ReplyAfterClosure::kNotClosed;
  const std::string& reason = ctx.reason;
  if (current.state == ComplaintState::kWaitingOnComplainant && current.paused_from) {
    auto moved = store.complaints().TransitionComplaint(ctx, current.id, {*current.paused_from, reason, {}});
    if (!moved.ok()) return moved.error();
    return Status::Ok();
  }
  if (current.state != ComplaintState::kClosed) return Status::Ok();
  auto settings = store.complaint_admin().GetComplaintSettings();
  if (!settings.ok()) return settings.error();
  if (!settings->closure.reopen_on_reply) {
    if (what) *what = ReplyAfterClosure::kLeftClosed;
    return Status::Ok();
  }
  auto moved = store.complaints().TransitionComplaint(
      ctx, current.id, {ComplaintState::kReopened, reason + " after closure", {}});
  if (!moved.ok()) {
    if (what) *what = ReplyAfterClosure::kLeftClosed;
    return moved.error();
  }
  if (what) *what = ReplyAfterClosure::kReopened;
  return Status::Ok();
}

Status NotifyComplainantReplied(Store& store, const Complaint& complaint, ReplyAfterClosure closure) {
  NotificationDraft d;
  d.kind = NotificationKind::kComplainantReplied;
  switch (closure) {
    case ReplyAfterClosure::kNotClosed:
      d.title = complaint.reference + ": the complainant replied";
      d.body = "Read the reply on the case.";
      break;
    case ReplyAfterClosure::kReopened:
      d.title = complaint.reference + ": the complainant replied after closure; the case is reopened";
      d.body = "The case was reopened by the reply (complaint settings: reopen on a reply after closure).";
      break;
    case ReplyAfterClosure::kLeftClosed:
      d.title = complaint.reference + ": the complainant replied after closure";
      d.body = "The case stays closed; reopen it from the case page if the reply needs more work.";
      break;
  }
  return TellWatchers(store, complaint, std::move(d), "reply");
}

Status NotifyComplainantRated(Store& store, const Complaint& complaint, int score) {
  NotificationDraft d;
  d.kind = NotificationKind::kComplainantRated;
  d.title = complaint.reference + ": the complainant rated the handling " + std::to_string(score) + " of 5";
  d.body = "How the complaint was handled, rated by the complainant.";
  d.dedupe_key = "rated:" + std::to_string(complaint.id);
  return TellWatchers(store, complaint, std::move(d), "rating");
}

}  // namespace hearken
