// Contract tests of the daily-work essentials (issue 7): bulk assignment and
// bulk moves (all or none), the merge of a duplicate into the case that
// carries on, and saved views.
#include <nlohmann/json.hpp>

#include "store/contract/store_contract_test_complaints.h"

namespace hearken {
namespace {

using namespace complaint_test;

bool Names(const Error& e, const std::string& field) {
  for (const auto& f : e.fields)
    if (f.field == field) return true;
  return false;
}

TEST_P(StoreContractTest, BulkAssignmentIsAllOrNone) {
  Kit k(*store_, ctx_, clock_);
  User handler = AddUser("h@example.org", Role::kHandler);
  User viewer = AddUser("v@example.org", Role::kViewer);
  Complaint a = k.File("bulk a");
  Complaint b = k.File("bulk b");
  Complaint gone = k.File("bulk withdrawn");
  k.MustMove(gone.id, S::kWithdrawn, "sent twice");

  auto done = store_->complaints().AssignComplaints(ctx_, {a.id, b.id}, handler.id);
  HEARKEN_ASSERT_OK(done);
  ASSERT_EQ(done->size(), 2u);
  EXPECT_EQ((*done)[0].assignee_id, handler.id);
  EXPECT_EQ(store_->complaints().GetComplaint(b.id)->assignee_id, handler.id);
  EXPECT_EQ(k.Timeline(a.id).back().action, "assign");

  // One case that cannot be assigned stops them all, and is named.
  auto refused = store_->complaints().AssignComplaints(ctx_, {a.id, gone.id}, std::nullopt);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(Names(refused.error(), "ids/1")) << refused.error().message;
  EXPECT_NE(refused.error().message.find(gone.reference), std::string::npos) << refused.error().message;
  EXPECT_EQ(store_->complaints().GetComplaint(a.id)->assignee_id, handler.id);  // untouched

  auto missing = store_->complaints().AssignComplaints(ctx_, {a.id, 4040}, std::nullopt);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(Names(missing.error(), "ids/1"));
  HEARKEN_EXPECT_ERROR(store_->complaints().AssignComplaints(ctx_, {a.id}, viewer.id), kFailedPrecondition);
  HEARKEN_EXPECT_ERROR(store_->complaints().AssignComplaints(ctx_, {}, handler.id), kInvalidArgument);
  auto twice = store_->complaints().AssignComplaints(ctx_, {a.id, a.id}, handler.id);
  ASSERT_FALSE(twice.ok());
  EXPECT_TRUE(Names(twice.error(), "ids/1"));
  std::vector<Id> too_many(kMaxBulkComplaints + 1);
  for (size_t i = 0; i < too_many.size(); ++i) too_many[i] = static_cast<Id>(i + 1);
  HEARKEN_EXPECT_ERROR(store_->complaints().AssignComplaints(ctx_, too_many, handler.id), kInvalidArgument);
}

TEST_P(StoreContractTest, BulkMoveIsAllOrNoneAndNamesTheCaseThatCannotMove) {
  Kit k(*store_, ctx_, clock_);
  Complaint a = k.File("move a");
  Complaint b = k.File("move b");
  Complaint c = k.FileIn("move c", S::kAcknowledged);
  const size_t entries = AllAudit().size();

  auto refused = store_->complaints().TransitionComplaints(ctx_, {a.id, c.id, b.id}, {S::kAcknowledged, "", {}});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(Names(refused.error(), "ids/1")) << refused.error().message;
  EXPECT_EQ(store_->complaints().GetComplaint(a.id)->state, S::kReceived);  // rolled back
  EXPECT_EQ(AllAudit().size(), entries);

  auto moved = store_->complaints().TransitionComplaints(ctx_, {a.id, b.id}, {S::kAcknowledged, "", {}});
  HEARKEN_ASSERT_OK(moved);
  for (const Complaint& m : *moved) {
    EXPECT_EQ(m.state, S::kAcknowledged);
    EXPECT_TRUE(m.acknowledged_at.has_value());
    EXPECT_TRUE(m.ack_stopped_at.has_value());
  }
  // A required reason is the request's, named as such.
  auto no_reason = store_->complaints().TransitionComplaints(ctx_, {a.id, b.id}, {S::kWithdrawn, "", {}});
  ASSERT_FALSE(no_reason.ok());
  EXPECT_TRUE(Names(no_reason.error(), "reason"));
  EXPECT_TRUE(Names(no_reason.error(), "ids/0"));
  // Only a merge closes a case as a duplicate.
  auto as_duplicate = store_->complaints().TransitionComplaints(ctx_, {a.id}, {S::kClosed, "x", ClosureKind::kDuplicate});
  ASSERT_FALSE(as_duplicate.ok());
  EXPECT_TRUE(Names(as_duplicate.error(), "closure"));
  auto single = store_->complaints().TransitionComplaint(ctx_, a.id, {S::kClosed, "x", ClosureKind::kDuplicate});
  ASSERT_FALSE(single.ok());
  EXPECT_TRUE(Names(single.error(), "closure"));
}

TEST_P(StoreContractTest, AMergedDuplicateIsClosedAndNamesTheCaseThatCarriesOn) {
  Kit k(*store_, ctx_, clock_);
  Complaint keep = k.FileIn("router keeps failing", S::kAssessed);
  Complaint dup = k.File("router fails again");
  Complaint dup2 = k.File("router, third mail");
  ComplaintMessage note;
  note.complaint_id = dup.id;
  note.kind = MessageKind::kInternalNote;
  note.body = "Called back, same fault as the first case";
  HEARKEN_ASSERT_OK(store_->complaint_messages().AddComplaintMessage(ctx_, note));

  // dup2 first into dup, then dup into keep: dup2 follows to keep.
  HEARKEN_ASSERT_OK(store_->complaints().MergeComplaint(ctx_, dup2.id, dup.id, "same customer, same fault"));
  auto merged = store_->complaints().MergeComplaint(ctx_, dup.id, keep.id, "same customer, same fault");
  HEARKEN_ASSERT_OK(merged);
  EXPECT_EQ(merged->state, S::kClosed);
  EXPECT_EQ(merged->closure, ClosureKind::kDuplicate);
  EXPECT_EQ(merged->merged_into_id, keep.id);
  EXPECT_TRUE(merged->ack_stopped_at.has_value());
  EXPECT_TRUE(merged->resolve_stopped_at.has_value());
  EXPECT_FALSE(merged->ack_due_at.has_value());
  EXPECT_EQ(store_->complaints().GetComplaint(dup2.id)->merged_into_id, keep.id);
  // Its messages stay with it.
  auto messages = store_->complaint_messages().ListComplaintMessages(dup.id, true);
  HEARKEN_ASSERT_OK(messages);
  ASSERT_EQ(messages->size(), 1u);
  EXPECT_EQ((*messages)[0].body, note.body);
  // The survivor lists its duplicates; the analysis leaves them out.
  ComplaintFilter into;
  into.merged_into_id = keep.id;
  EXPECT_EQ(k.Refs(into), (std::vector<std::string>{"router fails again", "router, third mail"}));
  ComplaintFilter counted;
  counted.exclude_merged = true;
  EXPECT_EQ(k.Refs(counted), std::vector<std::string>{"router keeps failing"});
  // Both timelines say so; the reason names the survivor.
  auto out = k.Timeline(dup.id);
  ASSERT_GE(out.size(), 2u);
  EXPECT_EQ(out.back().action, "merge");
  EXPECT_EQ(out[out.size() - 2].action, "transition");
  EXPECT_NE(out[out.size() - 2].reason.find("Duplicate of " + keep.reference), std::string::npos);
  auto in = k.Timeline(keep.id);
  EXPECT_EQ(in.back().action, "merge_in");
  EXPECT_EQ(nlohmann::json::parse(in.back().new_value)["duplicate"], dup.reference);

  // Refused: itself, blank reason, a closed duplicate, into a duplicate or a withdrawn case.
  Complaint other = k.File("another");
  HEARKEN_EXPECT_ERROR(store_->complaints().MergeComplaint(ctx_, other.id, other.id, "x"), kInvalidArgument);
  HEARKEN_EXPECT_ERROR(store_->complaints().MergeComplaint(ctx_, other.id, keep.id, "  "), kInvalidArgument);
  HEARKEN_EXPECT_ERROR(store_->complaints().MergeComplaint(ctx_, dup.id, other.id, "again"), kFailedPrecondition);
  auto into_dup = store_->complaints().MergeComplaint(ctx_, other.id, dup.id, "x");
  ASSERT_FALSE(into_dup.ok());
  EXPECT_TRUE(Names(into_dup.error(), "into"));
  Complaint withdrawn = k.File("withdrawn one");
  k.MustMove(withdrawn.id, S::kWithdrawn, "by mistake");
  HEARKEN_EXPECT_ERROR(store_->complaints().MergeComplaint(ctx_, other.id, withdrawn.id, "x"), kFailedPrecondition);
  HEARKEN_EXPECT_ERROR(store_->complaints().MergeComplaint(ctx_, other.id, 4040, "x"), kNotFound);
  EXPECT_EQ(store_->complaints().GetComplaint(other.id)->state, S::kReceived);

  // Reopened, a duplicate is a case of its own again.
  k.MustMove(dup.id, S::kReopened, "not the same fault after all");
  EXPECT_FALSE(store_->complaints().GetComplaint(dup.id)->merged_into_id.has_value());
}

TEST_P(StoreContractTest, SavedViewsArePrivateOrSharedAndAudited) {
  User anna = AddUser("anna@example.org", Role::kHandler);
  User ben = AddUser("ben@example.org", Role::kHandler);
  SavedView mine;
  mine.list = "complaints";
  mine.name = "My severe ones";
  mine.query = "queue=mine&severity=4";
  mine.owner_id = anna.id;
  auto saved = store_->saved_views().CreateSavedView(ctx_, mine);
  HEARKEN_ASSERT_OK(saved);
  SavedView team = mine;
  team.name = "Overdue billing";
  team.query = "queue=overdue&category_id=3";
  team.shared = true;
  HEARKEN_ASSERT_OK(store_->saved_views().CreateSavedView(ctx_, team));

  auto annas = store_->saved_views().ListSavedViews("complaints", anna.id);
  HEARKEN_ASSERT_OK(annas);
  ASSERT_EQ(annas->size(), 2u);
  EXPECT_EQ((*annas)[0].name, "My severe ones");
  EXPECT_EQ((*annas)[0].owner_name, anna.display_name);
  auto bens = store_->saved_views().ListSavedViews("complaints", ben.id);
  HEARKEN_ASSERT_OK(bens);
  ASSERT_EQ(bens->size(), 1u);
  EXPECT_EQ((*bens)[0].name, "Overdue billing");

  auto twice = store_->saved_views().CreateSavedView(ctx_, mine);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::kAlreadyExists);
  EXPECT_TRUE(Names(twice.error(), "name"));
  SavedView bens_own = mine;
  bens_own.owner_id = ben.id;  // the same name is free for another person
  HEARKEN_ASSERT_OK(store_->saved_views().CreateSavedView(ctx_, bens_own));
  SavedView blank = mine;
  blank.name = " ";
  HEARKEN_EXPECT_ERROR(store_->saved_views().CreateSavedView(ctx_, blank), kInvalidArgument);
  HEARKEN_EXPECT_ERROR(store_->saved_views().ListSavedViews("customers", anna.id), kInvalidArgument);

  SavedView renamed = *saved;
  renamed.name = "Severe, mine";
  renamed.shared = true;
  auto updated = store_->saved_views().UpdateSavedView(ctx_, renamed);
  HEARKEN_ASSERT_OK(updated);
  EXPECT_EQ(updated->name, "Severe, mine");
  EXPECT_TRUE(updated->shared);
  HEARKEN_ASSERT_OK(store_->saved_views().DeleteSavedView(ctx_, saved->id));
  HEARKEN_EXPECT_ERROR(store_->saved_views().GetSavedView(saved->id), kNotFound);
  HEARKEN_EXPECT_ERROR(store_->saved_views().DeleteSavedView(ctx_, saved->id), kNotFound);
  int audited = 0;
  for (const AuditEntry& e : AllAudit())
    if (e.entity_type == "saved_view") ++audited;
  EXPECT_EQ(audited, 5);  // three created, one updated, one deleted
}

}  // namespace
}  // namespace hearken
