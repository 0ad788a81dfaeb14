// Contract tests of Store: requirements, communications, the audit trail,
// its tamper detection and concurrent writers.
#include <atomic>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/audit_checkpoint.h"
#include "store/contract/store_contract_test.h"

namespace hearken {
namespace {

using ::testing::ElementsAre;

// ---- Requirements -------------------------------------------------------------

TEST_P(StoreContractTest, RequirementStartsAtVersionOneOpenWithItsAuthor) {
  Requirement r = NewRequirement("Invoices in EUR");
  r.kind = RequirementKind::kStatutory;
  r.source_ref = "VAT Act §14";
  r.status = RequirementStatus::kAccepted;  // ignored: new requirements are open
  auto created = store_->requirements().CreateRequirement(ctx_, r);
  HEARKEN_ASSERT_OK(created);
  auto read = store_->requirements().GetRequirement(created->id);
  HEARKEN_ASSERT_OK(read);
  EXPECT_EQ(read->version, 1);
  EXPECT_EQ(read->status, RequirementStatus::kOpen);
  EXPECT_EQ(read->created_by, ctx_.actor.label);
  EXPECT_EQ(read->kind, RequirementKind::kStatutory);
  EXPECT_EQ(read->source_ref, "VAT Act §14");
  EXPECT_EQ(read->created_at, clock_.Now());
  auto versions = store_->requirements().ListRequirementVersions(created->id);
  HEARKEN_ASSERT_OK(versions);
  ASSERT_EQ(versions->size(), 1u);
  EXPECT_EQ((*versions)[0].text, "Invoices in EUR");
}

TEST_P(StoreContractTest, RequirementScopeMustMatchItsReference) {
  Requirement r = NewRequirement("Mismatch");
  r.scope = RequirementScope::kCustomer;
  auto bad = store_->requirements().CreateRequirement(ctx_, r);
  HEARKEN_EXPECT_ERROR(bad, kInvalidArgument);
  EXPECT_TRUE(NamesField(bad, "customer_id"));
  r.customer_id = 4040;
  HEARKEN_EXPECT_ERROR(store_->requirements().CreateRequirement(ctx_, r), kNotFound);
  Requirement s = NewRequirement("Unknown segment");
  s.scope = RequirementScope::kSegment;
  s.segment_id = 4040;
  HEARKEN_EXPECT_ERROR(store_->requirements().CreateRequirement(ctx_, s), kNotFound);
  HEARKEN_EXPECT_ERROR(store_->requirements().GetRequirement(4040), kNotFound);
  HEARKEN_EXPECT_ERROR(store_->requirements().ListRequirementVersions(4040), kNotFound);
  HEARKEN_EXPECT_ERROR(store_->requirements().ListRequirementReviews(4040), kNotFound);
  HEARKEN_EXPECT_ERROR(store_->requirements().ReviewRequirement(ctx_, 4040, ReviewOutcome::kAccepted, "", std::nullopt), kNotFound);
  HEARKEN_EXPECT_ERROR(store_->requirements().WithdrawRequirement(ctx_, 4040), kNotFound);
}

TEST_P(StoreContractTest, AmendedReviewCreatesVersionTwoAndKeepsVersionOneReadable) {
  auto created = store_->requirements().CreateRequirement(ctx_, NewRequirement("Reply within 5 days"));
  HEARKEN_ASSERT_OK(created);
  clock_.Advance(std::chrono::hours(1));
  WriteContext reviewer{{9, "user:9 quinn@example.org"}, "annual review"};
  auto review = store_->requirements().ReviewRequirement(reviewer, created->id, ReviewOutcome::kAmended, "customer asked for 3",
                                          Amendment{"Reply within 3 days", "call 2026-02-01", RequirementKind::kImplied});
  HEARKEN_ASSERT_OK(review);
  EXPECT_EQ(review->version, 1);
  EXPECT_EQ(review->reviewer_id, 9);
  EXPECT_EQ(review->reviewer, "user:9 quinn@example.org");
  EXPECT_EQ(review->reviewed_at, clock_.Now());
  auto current = store_->requirements().GetRequirement(created->id);
  EXPECT_EQ(current->version, 2);
  EXPECT_EQ(current->text, "Reply within 3 days");
  EXPECT_EQ(current->source_ref, "call 2026-02-01");
  EXPECT_EQ(current->kind, RequirementKind::kImplied);
  EXPECT_EQ(current->status, RequirementStatus::kAccepted);
  auto versions = store_->requirements().ListRequirementVersions(created->id);
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ((*versions)[0].version, 1);
  EXPECT_EQ((*versions)[0].text, "Reply within 5 days");
  EXPECT_EQ((*versions)[0].kind, RequirementKind::kCustomerStated);
  EXPECT_EQ((*versions)[1].version, 2);
  EXPECT_EQ((*versions)[1].text, "Reply within 3 days");
  EXPECT_EQ((*versions)[1].created_by, "user:9 quinn@example.org");
  auto audit = AllAudit();
  EXPECT_EQ(audit.back().action, "review");
  EXPECT_EQ(audit.back().reason, "annual review");
  EXPECT_NE(audit.back().old_value.find("5 days"), std::string::npos);
  EXPECT_NE(audit.back().new_value.find("3 days"), std::string::npos);
}

TEST_P(StoreContractTest, ReviewOutcomesSetStatusAndAreListedNewestFirst) {
  auto created = store_->requirements().CreateRequirement(ctx_, NewRequirement("Packaging recyclable"));
  HEARKEN_ASSERT_OK(created);
  auto missing_text = store_->requirements().ReviewRequirement(ctx_, created->id, ReviewOutcome::kAmended, "", std::nullopt);
  HEARKEN_EXPECT_ERROR(missing_text, kInvalidArgument);
  EXPECT_TRUE(NamesField(missing_text, "text"));
  HEARKEN_EXPECT_ERROR(
      store_->requirements().ReviewRequirement(ctx_, created->id, ReviewOutcome::kAccepted, "", Amendment{"x", {}, {}}),
      kInvalidArgument);
  HEARKEN_ASSERT_OK(store_->requirements().ReviewRequirement(ctx_, created->id, ReviewOutcome::kRejected, "too costly", {}));
  EXPECT_EQ(store_->requirements().GetRequirement(created->id)->status, RequirementStatus::kRejected);
  clock_.Advance(std::chrono::minutes(1));
  HEARKEN_ASSERT_OK(store_->requirements().ReviewRequirement(ctx_, created->id, ReviewOutcome::kAccepted, "ok after all", {}));
  EXPECT_EQ(store_->requirements().GetRequirement(created->id)->status, RequirementStatus::kAccepted);
  EXPECT_EQ(store_->requirements().GetRequirement(created->id)->version, 1);
  auto reviews = store_->requirements().ListRequirementReviews(created->id);
  HEARKEN_ASSERT_OK(reviews);
  ASSERT_EQ(reviews->size(), 2u);
  EXPECT_EQ((*reviews)[0].notes, "ok after all");
  EXPECT_EQ((*reviews)[0].outcome, ReviewOutcome::kAccepted);
  EXPECT_EQ((*reviews)[1].outcome, ReviewOutcome::kRejected);
}

TEST_P(StoreContractTest, WithdrawnRequirementCannotBeReviewedOrWithdrawnAgain) {
  auto created = store_->requirements().CreateRequirement(ctx_, NewRequirement("Old rule"));
  HEARKEN_ASSERT_OK(created);
  auto withdrawn = store_->requirements().WithdrawRequirement(ctx_, created->id);
  HEARKEN_ASSERT_OK(withdrawn);
  EXPECT_EQ(withdrawn->status, RequirementStatus::kWithdrawn);
  EXPECT_EQ(store_->requirements().GetRequirement(created->id)->status, RequirementStatus::kWithdrawn);
  HEARKEN_EXPECT_ERROR(store_->requirements().WithdrawRequirement(ctx_, created->id), kFailedPrecondition);
  HEARKEN_EXPECT_ERROR(store_->requirements().ReviewRequirement(ctx_, created->id, ReviewOutcome::kAccepted, "", {}),
                       kFailedPrecondition);
  EXPECT_EQ(AllAudit().back().action, "withdraw");
}

TEST_P(StoreContractTest, ListRequirementsFiltersSortsAndPages) {
  Customer c = AddCustomer("Client");
  Segment s = AddSegment("Segment");
  Requirement for_customer = NewRequirement("Customer specific");
  for_customer.scope = RequirementScope::kCustomer;
  for_customer.customer_id = c.id;
  for_customer.source_ref = "Contract 12";
  auto rc = store_->requirements().CreateRequirement(ctx_, for_customer);
  clock_.Advance(std::chrono::seconds(1));
  Requirement for_segment = NewRequirement("Segment wide");
  for_segment.scope = RequirementScope::kSegment;
  for_segment.segment_id = s.id;
  for_segment.kind = RequirementKind::kRegulatory;
  auto rs = store_->requirements().CreateRequirement(ctx_, for_segment);
  clock_.Advance(std::chrono::seconds(1));
  auto ra = store_->requirements().CreateRequirement(ctx_, NewRequirement("Everyone"));
  ASSERT_TRUE(rc.ok() && rs.ok() && ra.ok());
  HEARKEN_ASSERT_OK(store_->requirements().WithdrawRequirement(ctx_, ra->id));
  auto texts = [](const Page<Requirement>& p) {
    std::vector<std::string> out;
    for (const auto& r : p.items) out.push_back(r.text);
    return out;
  };
  EXPECT_THAT(texts(*store_->requirements().ListRequirements({}, {})), ElementsAre("Customer specific", "Segment wide", "Everyone"));
  EXPECT_THAT(texts(*store_->requirements().ListRequirements({.scope = RequirementScope::kSegment}, {})), ElementsAre("Segment wide"));
  EXPECT_THAT(texts(*store_->requirements().ListRequirements({.customer_id = c.id}, {})), ElementsAre("Customer specific"));
  EXPECT_THAT(texts(*store_->requirements().ListRequirements({.segment_id = s.id}, {})), ElementsAre("Segment wide"));
  EXPECT_THAT(texts(*store_->requirements().ListRequirements({.kind = RequirementKind::kRegulatory}, {})),
              ElementsAre("Segment wide"));
  EXPECT_THAT(texts(*store_->requirements().ListRequirements({.status = RequirementStatus::kWithdrawn}, {})),
              ElementsAre("Everyone"));
  EXPECT_THAT(texts(*store_->requirements().ListRequirements({.search = "contract 1"}, {})), ElementsAre("Customer specific"));
  EXPECT_THAT(texts(*store_->requirements().ListRequirements({.search = "WIDE"}, {})), ElementsAre("Segment wide"));
  EXPECT_THAT(texts(*store_->requirements().ListRequirements({}, Sorted("created_at", SortDirection::kDescending, 2))),
              ElementsAre("Everyone", "Segment wide"));
  EXPECT_EQ(store_->requirements().ListRequirements({}, Sorted("status", SortDirection::kAscending, 1))->total, 3);
  auto unknown = store_->requirements().ListRequirements({}, Sorted("text"));
  HEARKEN_EXPECT_ERROR(unknown, kInvalidArgument);
  EXPECT_TRUE(NamesField(unknown, "sort"));
}

// ---- Communications -----------------------------------------------------------

TEST_P(StoreContractTest, CommunicationRoundTripsAndRecordsWhoLoggedIt) {
  Customer c = AddCustomer("Caller");
  Communication in = NewCommunication(c.id, "Complaint call");
  in.channel = Channel::kPhone;
  in.direction = Direction::kOutbound;
  auto created = store_->communications().CreateCommunication(ctx_, in);
  HEARKEN_ASSERT_OK(created);
  auto read = store_->communications().GetCommunication(created->id);
  HEARKEN_ASSERT_OK(read);
  EXPECT_EQ(read->customer_id, c.id);
  EXPECT_EQ(read->channel, Channel::kPhone);
  EXPECT_EQ(read->direction, Direction::kOutbound);
  EXPECT_EQ(read->subject, "Complaint call");
  EXPECT_EQ(read->body, "body of Complaint call");
  EXPECT_EQ(read->occurred_at, in.occurred_at);
  EXPECT_EQ(read->recorded_by_id, 7);
  EXPECT_EQ(read->recorded_by, "user:7 alice@example.org");
  EXPECT_EQ(read->created_at, clock_.Now());
  HEARKEN_EXPECT_ERROR(store_->communications().CreateCommunication(ctx_, NewCommunication(999, "x")), kNotFound);
  auto invalid = store_->communications().CreateCommunication(ctx_, NewCommunication(c.id, ""));
  HEARKEN_EXPECT_ERROR(invalid, kInvalidArgument);
  EXPECT_TRUE(NamesField(invalid, "subject"));
  HEARKEN_EXPECT_ERROR(store_->communications().GetCommunication(999), kNotFound);
}

TEST_P(StoreContractTest, ListCommunicationsNewestFirstWithFilters) {
  Customer a = AddCustomer("A");
  Customer b = AddCustomer("B");
  Communication first = NewCommunication(a.id, "first");
  first.occurred_at = clock_.Now() - std::chrono::hours(5);
  Communication second = NewCommunication(a.id, "second");
  second.occurred_at = clock_.Now() - std::chrono::hours(3);
  second.channel = Channel::kMeeting;
  Communication third = NewCommunication(b.id, "third");
  third.occurred_at = clock_.Now() - std::chrono::hours(4);
  third.direction = Direction::kOutbound;
  for (const auto& c : {first, second, third}) ASSERT_TRUE(store_->communications().CreateCommunication(ctx_, c).ok());
  auto subjects = [](const Page<Communication>& p) {
    std::vector<std::string> out;
    for (const auto& c : p.items) out.push_back(c.subject);
    return out;
  };
  EXPECT_THAT(subjects(*store_->communications().ListCommunications({}, {})), ElementsAre("second", "third", "first"));
  EXPECT_THAT(subjects(*store_->communications().ListCommunications({}, Sorted("occurred_at"))), ElementsAre("first", "third", "second"));
  EXPECT_THAT(subjects(*store_->communications().ListCommunications({.customer_id = a.id}, {})), ElementsAre("second", "first"));
  EXPECT_THAT(subjects(*store_->communications().ListCommunications({.channel = Channel::kMeeting}, {})), ElementsAre("second"));
  EXPECT_THAT(subjects(*store_->communications().ListCommunications({.direction = Direction::kOutbound}, {})), ElementsAre("third"));
  EXPECT_EQ(store_->communications().ListCommunications({}, Sorted("channel", SortDirection::kAscending, 1))->total, 3);
  HEARKEN_EXPECT_ERROR(store_->communications().ListCommunications({}, Sorted("body")), kInvalidArgument);
}

TEST_P(StoreContractTest, UpdateAndDeleteCommunication) {
  Customer a = AddCustomer("A");
  auto created = store_->communications().CreateCommunication(ctx_, NewCommunication(a.id, "draft"));
  HEARKEN_ASSERT_OK(created);
  clock_.Advance(std::chrono::minutes(2));
  Communication edit = *created;
  edit.subject = "final";
  WriteContext other{{8, "user:8 bob@example.org"}, ""};
  auto updated = store_->communications().UpdateCommunication(other, edit);
  HEARKEN_ASSERT_OK(updated);
  EXPECT_EQ(updated->recorded_by, "user:7 alice@example.org");
  EXPECT_EQ(store_->communications().GetCommunication(created->id)->subject, "final");
  EXPECT_EQ(store_->communications().GetCommunication(created->id)->updated_at, clock_.Now());
  Communication ghost = edit;
  ghost.id = 999;
  HEARKEN_EXPECT_ERROR(store_->communications().UpdateCommunication(ctx_, ghost), kNotFound);
  HEARKEN_ASSERT_OK(store_->communications().DeleteCommunication(ctx_, created->id));
  HEARKEN_EXPECT_ERROR(store_->communications().GetCommunication(created->id), kNotFound);
  HEARKEN_EXPECT_ERROR(store_->communications().DeleteCommunication(ctx_, created->id), kNotFound);
}

// ---- Audit trail --------------------------------------------------------------

TEST_P(StoreContractTest, EveryWriteAppendsOneChainedAuditEntry) {
  Customer c = AddCustomer("Audited", "audited@example.org");
  clock_.Advance(std::chrono::seconds(10));
  Customer edit = c;
  edit.name = "Audited Ltd";
  WriteContext why{{7, "user:7 alice@example.org"}, "typo in name"};
  HEARKEN_ASSERT_OK(store_->customers().UpdateCustomer(why, edit));
  auto audit = AllAudit();
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[0].seq, 1);
  EXPECT_EQ(audit[0].entity_type, "customer");
  EXPECT_EQ(audit[0].entity_id, std::to_string(c.id));
  EXPECT_EQ(audit[0].action, "create");
  EXPECT_EQ(audit[0].actor, "user:7 alice@example.org");
  EXPECT_EQ(audit[0].old_value, "");
  EXPECT_EQ(nlohmann::json::parse(audit[0].new_value)["name"], "Audited");
  EXPECT_EQ(audit[0].prev_hash, std::string(64, '0'));
  // The hash covers the stored text, whose personal fields are sealed
  // (ListAudit shows them opened).
  auto stored = store_->QueryRows("SELECT new_value FROM audit_entries WHERE seq = 1");
  HEARKEN_ASSERT_OK(stored);
  AuditEntry as_stored = audit[0];
  as_stored.new_value = (*stored)[0][0];
  EXPECT_EQ(audit[0].hash, ChainHash(as_stored));
  EXPECT_EQ(audit[1].seq, 2);
  EXPECT_EQ(audit[1].action, "update");
  EXPECT_EQ(audit[1].reason, "typo in name");
  EXPECT_EQ(audit[1].at, clock_.Now());
  EXPECT_EQ(nlohmann::json::parse(audit[1].old_value)["name"], "Audited");
  EXPECT_EQ(nlohmann::json::parse(audit[1].new_value)["name"], "Audited Ltd");
  EXPECT_EQ(audit[1].prev_hash, audit[0].hash);
  auto verified = store_->audit().VerifyAudit();
  HEARKEN_ASSERT_OK(verified);
  EXPECT_TRUE(verified->intact);
  EXPECT_EQ(verified->entries_checked, 2);
}

TEST_P(StoreContractTest, FailedWriteLeavesNoAuditEntry) {
  AddCustomer("One", "one@example.org");
  WriteContext bad_reason{ctx_.actor, "\xff not text"};
  auto refused = store_->customers().CreateCustomer(bad_reason, NewCustomer("Two"));
  HEARKEN_EXPECT_ERROR(refused, kInvalidArgument);
  EXPECT_TRUE(NamesField(refused, "reason"));
  ASSERT_FALSE(store_->customers().CreateCustomer(ctx_, NewCustomer("Two", "one@example.org")).ok());
  ASSERT_FALSE(store_->customers().DeleteCustomer(ctx_, 999).ok());
  EXPECT_EQ(AllAudit().size(), 1u);
  EXPECT_EQ(store_->customers().ListCustomers({}, {})->total, 1);
  EXPECT_TRUE(store_->audit().VerifyAudit()->intact);
  // The failed writes did not consume a sequence number.
  AddCustomer("Three");
  EXPECT_EQ(AllAudit().back().seq, 2);
}

TEST_P(StoreContractTest, CustomerHistoryCoversItsRequirementsReviewsAndCommunications) {
  Customer c = AddCustomer("Historic");
  Customer other = AddCustomer("Other");
  Requirement r = NewRequirement("Weekly report");
  r.scope = RequirementScope::kCustomer;
  r.customer_id = c.id;
  auto req = store_->requirements().CreateRequirement(ctx_, r);
  HEARKEN_ASSERT_OK(req);
  HEARKEN_ASSERT_OK(store_->requirements().ReviewRequirement(ctx_, req->id, ReviewOutcome::kAccepted, "", {}));
  auto comm = store_->communications().CreateCommunication(ctx_, NewCommunication(c.id, "Hi"));
  HEARKEN_ASSERT_OK(comm);
  ASSERT_TRUE(store_->communications().CreateCommunication(ctx_, NewCommunication(other.id, "Not theirs")).ok());
  ASSERT_TRUE(store_->requirements().CreateRequirement(ctx_, NewRequirement("Global")).ok());
  auto history = store_->audit().ListAudit({.customer_id = c.id}, {});
  HEARKEN_ASSERT_OK(history);
  std::vector<std::string> what;
  for (const auto& e : history->items) what.push_back(e.entity_type + " " + e.action);
  EXPECT_THAT(what, ElementsAre("customer create", "requirement create", "requirement review", "communication create"));
  EXPECT_EQ(history->total, 4);
  auto one = store_->audit().ListAudit({.entity_type = "communication", .entity_id = std::to_string(comm->id)}, {});
  ASSERT_EQ(one->items.size(), 1u);
  EXPECT_EQ(one->items[0].entity_id, std::to_string(comm->id));
  EXPECT_EQ(store_->audit().ListAudit({.entity_type = "requirement"}, {})->total, 3);
  auto paged = store_->audit().ListAudit({}, Sorted("seq", SortDirection::kDescending, 2, 1));
  ASSERT_EQ(paged->items.size(), 2u);
  EXPECT_EQ(paged->items[0].seq, 6);
  HEARKEN_EXPECT_ERROR(store_->audit().ListAudit({}, Sorted("actor")), kInvalidArgument);
}

TEST_P(StoreContractTest, AuditEntriesCannotBeChangedThroughTheDatabaseGuard) {
  AddCustomer("Guarded");
  EXPECT_FALSE(store_->ExecuteScript("UPDATE audit_entries SET reason = 'x'").ok());
  EXPECT_FALSE(store_->ExecuteScript("DELETE FROM audit_entries").ok());
  EXPECT_TRUE(store_->audit().VerifyAudit()->intact);
}

// The tamper tests write five entries, then play an attacker with database
// access who first removes the append-only guard.
class Tampering {
 public:
  static void WriteFive(StoreContractTest* t, Store& store, const WriteContext& ctx, ManualClock& clock) {
    for (int i = 1; i <= 5; ++i) {
      Customer c;
      c.name = "Customer " + std::to_string(i);
      ASSERT_TRUE(store.customers().CreateCustomer(ctx, c).ok());
      clock.Advance(std::chrono::seconds(1));
    }
    (void)t;
  }
};

void ExpectOneProblem(const Result<AuditVerification>& v, const std::string& kind, std::int64_t seq) {
  ASSERT_TRUE(v.ok()) << ErrorText(v);
  EXPECT_FALSE(v->intact);
  ASSERT_EQ(v->problems.size(), 1u) << v->problems[0].kind << " " << v->problems[0].message;
  EXPECT_EQ(v->problems[0].kind, kind) << v->problems[0].message;
  EXPECT_EQ(v->problems[0].seq, seq);
  EXPECT_FALSE(v->problems[0].message.empty());
}

TEST_P(StoreContractTest, TamperAlteringOneByteIsDetected) {
  Tampering::WriteFive(this, *store_, ctx_, clock_);
  HEARKEN_ASSERT_OK(Tamper("UPDATE audit_entries SET actor = 'user:7 alice@example.orh' WHERE seq = 3"));
  ExpectOneProblem(store_->audit().VerifyAudit(), "altered", 3);
}

TEST_P(StoreContractTest, TamperDeletingOneEntryIsDetected) {
  Tampering::WriteFive(this, *store_, ctx_, clock_);
  HEARKEN_ASSERT_OK(Tamper("DELETE FROM audit_entries WHERE seq = 2"));
  ExpectOneProblem(store_->audit().VerifyAudit(), "missing", 2);
}

TEST_P(StoreContractTest, TamperSwappingTwoEntriesIsDetected) {
  Tampering::WriteFive(this, *store_, ctx_, clock_);
  HEARKEN_ASSERT_OK(Tamper(
      "UPDATE audit_entries SET seq = -3 WHERE seq = 3; UPDATE audit_entries SET seq = 3 WHERE seq = 4; "
      "UPDATE audit_entries SET seq = 4 WHERE seq = -3;"));
  auto v = store_->audit().VerifyAudit();
  HEARKEN_ASSERT_OK(v);
  EXPECT_FALSE(v->intact);
  ASSERT_EQ(v->problems.size(), 2u);
  EXPECT_EQ(v->problems[0].kind, "reordered");
  EXPECT_EQ(v->problems[0].seq, 3);
  EXPECT_EQ(v->problems[1].kind, "reordered");
  EXPECT_EQ(v->problems[1].seq, 4);
}

TEST_P(StoreContractTest, TamperTruncatingTheTailIsDetected) {
  Tampering::WriteFive(this, *store_, ctx_, clock_);
  HEARKEN_ASSERT_OK(Tamper("DELETE FROM audit_entries WHERE seq >= 4"));
  ExpectOneProblem(store_->audit().VerifyAudit(), "truncated", 4);
}

TEST_P(StoreContractTest, TamperMovingAnEntryToAnotherHistoryIsDetected) {
  Customer a = AddCustomer("Ada", "ada@example.org");
  Customer b = AddCustomer("Bea", "bea@example.org");
  auto comm = store_->communications().CreateCommunication(ctx_, NewCommunication(a.id, "Call about invoice"));
  HEARKEN_ASSERT_OK(comm);
  auto entries = AllAudit();
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[2].customer_id, a.id);
  EXPECT_EQ(entries[2].form, kAuditFormCurrent);
  ASSERT_TRUE(store_->audit().VerifyAudit()->intact);
  // Into Bea's history, then out of every customer's, then into a complaint's.
  HEARKEN_ASSERT_OK(Tamper("UPDATE audit_entries SET customer_id = " + std::to_string(b.id) + " WHERE seq = 3"));
  ExpectOneProblem(store_->audit().VerifyAudit(), "altered", 3);
  HEARKEN_ASSERT_OK(Tamper("UPDATE audit_entries SET customer_id = NULL WHERE seq = 3"));
  ExpectOneProblem(store_->audit().VerifyAudit(), "altered", 3);
  HEARKEN_ASSERT_OK(Tamper("UPDATE audit_entries SET customer_id = " + std::to_string(a.id) + " WHERE seq = 3"));
  ASSERT_TRUE(store_->audit().VerifyAudit()->intact);
  HEARKEN_ASSERT_OK(Tamper("UPDATE audit_entries SET complaint_id = 42 WHERE seq = 2"));
  ExpectOneProblem(store_->audit().VerifyAudit(), "altered", 2);
}

TEST_P(StoreContractTest, TamperDowngradingAnEntryToTheLegacyFormIsDetected) {
  Tampering::WriteFive(this, *store_, ctx_, clock_);
  HEARKEN_ASSERT_OK(Tamper("UPDATE audit_entries SET form = 1 WHERE seq = 4"));
  ExpectOneProblem(store_->audit().VerifyAudit(), "altered", 4);
}

// An attacker with write access to the database rewrites the chain from
// entry `from` on, recomputing every hash and the head: only an anchor kept
// outside the database can tell.
std::string SqlText(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

std::string RewriteChainSql(std::vector<AuditEntry> chain, std::int64_t from) {
  std::string sql;
  for (auto& e : chain) {
    if (e.seq < from) continue;
    if (e.seq == from) e.new_value = R"({"name":"Forged"})";
    e.prev_hash = e.seq == 1 ? std::string(kAuditGenesisHash) : chain[static_cast<size_t>(e.seq - 2)].hash;
    e.hash = ChainHash(e);
    sql += "UPDATE audit_entries SET new_value = " + SqlText(e.new_value) + ", prev_hash = " + SqlText(e.prev_hash) +
           ", hash = " + SqlText(e.hash) + " WHERE seq = " + std::to_string(e.seq) + ";";
  }
  sql += "UPDATE audit_head SET hash = " + SqlText(chain.back().hash) + " WHERE id = 1;";
  return sql;
}

// Anchors from a checkpoint signed at entry `seq` (core/audit_checkpoint.h).
std::vector<AuditAnchor> CheckpointAnchors(const std::vector<AuditEntry>& chain, std::int64_t seq, TimePoint at) {
  auto key = *AuditSigningKeyFromSeed(std::string(kAuditKeySeedBytes, '\x11'));
  const std::string file = CheckpointLine(SignCheckpoint(seq, chain[static_cast<size_t>(seq - 1)].hash, at, key)) + "\n";
  CheckedCheckpoints checked = CheckCheckpoints(file, key.public_key);
  EXPECT_EQ(checked.good, 1);
  return checked.anchors;
}

TEST_P(StoreContractTest, TamperRewritingTheChainWithEveryHashRecomputedIsFoundFromTheLastCheckpoint) {
  Tampering::WriteFive(this, *store_, ctx_, clock_);
  const auto anchors = CheckpointAnchors(AllAudit(), 4, clock_.Now());
  ASSERT_TRUE(store_->audit().VerifyAudit(anchors)->intact);
  HEARKEN_ASSERT_OK(Tamper(RewriteChainSql(AllAudit(), 2)));
  auto chain_only = store_->audit().VerifyAudit();
  HEARKEN_ASSERT_OK(chain_only);
  EXPECT_TRUE(chain_only->intact) << "the rewrite itself must be consistent";
  ExpectOneProblem(store_->audit().VerifyAudit(anchors), "rewritten", 4);
}

TEST_P(StoreContractTest, TamperTruncatingTheChainAndTheHeadIsFoundFromTheLastCheckpoint) {
  Tampering::WriteFive(this, *store_, ctx_, clock_);
  const auto chain = AllAudit();
  const auto anchors = CheckpointAnchors(chain, 5, clock_.Now());
  HEARKEN_ASSERT_OK(Tamper("DELETE FROM audit_entries WHERE seq >= 4; UPDATE audit_head SET seq = 3, hash = " +
                           SqlText(chain[2].hash) + " WHERE id = 1;"));
  EXPECT_TRUE(store_->audit().VerifyAudit()->intact);
  ExpectOneProblem(store_->audit().VerifyAudit(anchors), "truncated", 4);
}

TEST_P(StoreContractTest, ConcurrentWritersKeepTheChainIntact) {
  constexpr int kThreads = 4, kEach = 15;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        Customer c;
        c.name = "T" + std::to_string(t) + "-" + std::to_string(i);
        c.email = c.name + "@example.org";
        auto created = store_->customers().CreateCustomer(ctx_, c);
        if (!created.ok()) {
          ++failures;
          continue;
        }
        Customer edit = *created;
        edit.site = "site";
        if (!store_->customers().UpdateCustomer(ctx_, edit).ok()) ++failures;
        clock_.Advance(std::chrono::microseconds(1));
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(store_->customers().ListCustomers({}, {})->total, kThreads * kEach);
  auto v = store_->audit().VerifyAudit();
  HEARKEN_ASSERT_OK(v);
  EXPECT_TRUE(v->intact) << (v->problems.empty() ? "" : v->problems[0].message);
  EXPECT_EQ(v->entries_checked, 2 * kThreads * kEach);
}

TEST_P(StoreContractTest, ConcurrentConflictingWritesFailAloneAndTheChainStaysIntact) {
  constexpr int kThreads = 4, kEmails = 12;
  std::vector<std::thread> threads;
  std::atomic<int> created{0}, duplicates{0}, other{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEmails; ++i) {
        Customer c;
        c.name = "Racer " + std::to_string(t);
        c.email = "shared" + std::to_string(i) + "@example.org";
        auto r = store_->customers().CreateCustomer(ctx_, c);
        if (r.ok()) ++created;
        else if (r.error().code == ErrorCode::kAlreadyExists) ++duplicates;
        else ++other;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(created.load(), kEmails);
  EXPECT_EQ(duplicates.load(), (kThreads - 1) * kEmails);
  EXPECT_EQ(other.load(), 0);
  auto v = store_->audit().VerifyAudit();
  HEARKEN_ASSERT_OK(v);
  EXPECT_TRUE(v->intact);
  EXPECT_EQ(v->entries_checked, kEmails);
  auto audit = AllAudit();
  for (size_t i = 0; i < audit.size(); ++i) EXPECT_EQ(audit[i].seq, static_cast<std::int64_t>(i + 1));
}

TEST_P(StoreContractTest, ASecondStoreOnTheSameDatabaseSeesCommittedWrites) {
  Customer c = AddCustomer("Durable", "durable@example.org");
  auto second = database_->Open(clock_);
  auto read = second->customers().GetCustomer(c.id);
  HEARKEN_ASSERT_OK(read);
  EXPECT_EQ(read->email, "durable@example.org");
  // Both stores append to one chain.
  AddCustomer("From first");
  Customer from_second;
  from_second.name = "From second";
  HEARKEN_ASSERT_OK(second->customers().CreateCustomer(ctx_, from_second));
  AddCustomer("First again");
  EXPECT_TRUE(store_->audit().VerifyAudit()->intact);
  EXPECT_EQ(second->audit().VerifyAudit()->entries_checked, 4);
}

}  // namespace
}  // namespace hearken
