// Contract tests of the write path's group commit (SqlStore::SubmitWrite):
// groups are formed deterministically through the test hook — the first
// leader blocks until the other writers have queued behind it, so they run
// as one group in the next transaction.
#include <algorithm>
#include <future>
#include <stdexcept>
#include <thread>

#include "store/contract/store_contract_test_complaints.h"

namespace hearken {
namespace {

// Blocks the first leader until `queued` writes wait behind it, then (when
// `throw_first`) throws from inside its turn. Records every group's size.
class GroupGate {
 public:
  GroupGate(SqlStore& store, size_t queued, bool throw_first) : store_(store), queued_(queued), throw_(throw_first) {}
  void Install() {
    store_.SetWriteGroupHookForTesting([this](size_t size) {
      std::unique_lock lock(mutex_);
      sizes_.push_back(size);
      if (sizes_.size() > 1) return;
      lock.unlock();
      leading_.set_value();
      while (store_.QueuedWritesForTesting() < queued_) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      if (throw_) throw std::runtime_error("the leader fails");
    });
  }
  void WaitForFirstLeader() { leading_.get_future().wait(); }
  std::vector<size_t> sizes() {
    std::lock_guard lock(mutex_);
    return sizes_;
  }

 private:
  SqlStore& store_;
  size_t queued_;
  bool throw_;
  std::promise<void> leading_;
  std::mutex mutex_;
  std::vector<size_t> sizes_;
};

ComplaintFiling Filing(const std::string& summary, const std::string& token_hash, size_t files = 0) {
  return {complaint_test::Intake(summary), token_hash, std::vector<AttachmentUpload>(files, {"note.txt", "a note"}),
          IntakeAcknowledgement::kLater, ""};
}

// The complaints a search finds, by summary.
std::vector<std::string> Found(SqlStore& store, const std::string& search) {
  ComplaintFilter filter;
  filter.search = search;
  auto page = store.complaints().ListComplaints(filter, {});
  EXPECT_TRUE(page.ok()) << ErrorText(page);
  std::vector<std::string> out;
  if (page.ok())
    for (const Complaint& c : page->items) out.push_back(c.intake.summary);
  std::sort(out.begin(), out.end());
  return out;
}

Customer Named(const std::string& name, const std::string& email) {
  Customer c;
  c.name = name;
  c.email = email;
  return c;
}

}  // namespace

TEST_P(StoreContractTest, AGroupWithOneFailingMemberCommitsTheOthers) {
  AddCustomer("Taken", "taken@example.org");
  GroupGate gate(*store_, 3, false);
  gate.Install();
  std::future<Result<Customer>> first = std::async(std::launch::async, [&] {
    return store_->customers().CreateCustomer(ctx_, Named("First", "first@example.org"));
  });
  gate.WaitForFirstLeader();
  std::vector<std::future<Result<Customer>>> group;
  for (auto [name, email] : {std::pair{"Alpha", "alpha@example.org"}, {"Clash", "TAKEN@example.org"},
                             {"Gamma", "gamma@example.org"}})
    group.push_back(std::async(std::launch::async, [&, name = std::string(name), email = std::string(email)] {
      return store_->customers().CreateCustomer(ctx_, Named(name, email));
    }));
  HEARKEN_ASSERT_OK(first.get());
  std::vector<Result<Customer>> results;
  for (auto& f : group) results.push_back(f.get());
  store_->SetWriteGroupHookForTesting(nullptr);

  EXPECT_EQ(gate.sizes(), (std::vector<size_t>{1, 3}));  // the three ran in one transaction
  HEARKEN_ASSERT_OK(results[0]);
  HEARKEN_EXPECT_ERROR(results[1], kAlreadyExists);
  HEARKEN_ASSERT_OK(results[2]);
  auto names = store_->customers().ListCustomers({}, Sorted("name"));
  HEARKEN_ASSERT_OK(names);
  EXPECT_THAT(Names(*names), ::testing::ElementsAre("Alpha", "First", "Gamma", "Taken"));
  auto v = store_->audit().VerifyAudit();
  HEARKEN_ASSERT_OK(v);
  EXPECT_TRUE(v->intact);
  EXPECT_EQ(v->entries_checked, 4);  // the failed member left no audit entry
}

TEST_P(StoreContractTest, ALeaderThatFailsHandsLeadershipBackAndTheQueueCommits) {
  GroupGate gate(*store_, 2, true);
  gate.Install();
  std::future<Result<Customer>> first = std::async(std::launch::async, [&] {
    return store_->customers().CreateCustomer(ctx_, Named("Doomed", "doomed@example.org"));
  });
  gate.WaitForFirstLeader();
  std::vector<std::future<Result<Customer>>> queued;
  for (const char* name : {"Next", "After"})
    queued.push_back(std::async(std::launch::async, [&, name = std::string(name)] {
      return store_->customers().CreateCustomer(ctx_, Named(name, ""));
    }));
  HEARKEN_EXPECT_ERROR(first.get(), kInternal);  // an error, not an exception or a hang
  for (auto& f : queued) HEARKEN_ASSERT_OK(f.get());
  store_->SetWriteGroupHookForTesting(nullptr);

  EXPECT_EQ(gate.sizes(), (std::vector<size_t>{1, 2}));
  auto names = store_->customers().ListCustomers({}, Sorted("name"));
  HEARKEN_ASSERT_OK(names);
  EXPECT_THAT(Names(*names), ::testing::ElementsAre("After", "Next"));
  // The failed turn left no transaction open: the next write commits alone.
  HEARKEN_ASSERT_OK(store_->customers().CreateCustomer(ctx_, Named("Later", "")));
  auto v = store_->audit().VerifyAudit();
  HEARKEN_ASSERT_OK(v);
  EXPECT_TRUE(v->intact);
  EXPECT_EQ(v->entries_checked, 3);
}

}  // namespace hearken

namespace hearken {

// The full-text rows of a group are written together before COMMIT (on
// SQLite, SqlConnection::complaints_to_index): every filing of the group is
// found, and one rolled back after its row was noted leaves none behind.
TEST_P(StoreContractTest, FilingsOfOneGroupAreSearchableAndAFailedOneLeavesNoSearchRow) {
  GroupGate gate(*store_, 3, false);
  gate.Install();
  auto file = [&](ComplaintFiling filing) {
    return std::async(std::launch::async, [this, filing] { return store_->complaints().FileComplaint(ctx_, filing); });
  };
  auto first = file(Filing("zebra crossing first", "hash-first"));
  gate.WaitForFirstLeader();
  std::vector<std::future<Result<Complaint>>> group;
  group.push_back(file(Filing("zebra crossing alpha", "hash-alpha")));
  // Refused inside its transaction, after the complaint row was written:
  // one file over the per-complaint cap.
  group.push_back(file(Filing("zebra crossing refused", "hash-refused", kMaxAttachmentsPerComplaint + 1)));
  group.push_back(file(Filing("zebra crossing gamma", "hash-gamma")));
  HEARKEN_ASSERT_OK(first.get());
  std::vector<Result<Complaint>> results;
  for (auto& f : group) results.push_back(f.get());
  store_->SetWriteGroupHookForTesting(nullptr);

  EXPECT_EQ(gate.sizes(), (std::vector<size_t>{1, 3}));
  HEARKEN_ASSERT_OK(results[0]);
  HEARKEN_EXPECT_ERROR(results[1], kFailedPrecondition);
  HEARKEN_ASSERT_OK(results[2]);
  EXPECT_THAT(Found(*store_, "zebra"), ::testing::ElementsAre("zebra crossing alpha", "zebra crossing first",
                                                              "zebra crossing gamma"));
  EXPECT_TRUE(Found(*store_, "refused").empty());
}

// SQLite: FTS5 writes its pending rows out as a new segment at every later
// statement of the transaction, so rows written one by one inside a group
// cost a segment each (and the merges after them). Written together, the
// group costs one.
TEST_P(StoreContractTest, AGroupOfFilingsWritesOneFullTextSegmentOnSqlite) {
  if (GetParam().name != "Sqlite") GTEST_SKIP() << "FTS5 segments are SQLite's";
  HEARKEN_ASSERT_OK(store_->ExecuteScript("INSERT INTO complaint_fts (complaint_fts, rank) VALUES ('automerge', 0)"));
  auto segment_rows = [&] {
    auto rows = store_->QueryRows("SELECT count(*) FROM complaint_fts_data");
    EXPECT_TRUE(rows.ok()) << ErrorText(rows);
    return rows.ok() ? std::stoi((*rows)[0][0]) : -1;
  };
  HEARKEN_ASSERT_OK(store_->complaints().FileComplaint(ctx_, Filing("warm up", "hash-warm")));
  const int before = segment_rows();
  constexpr size_t kGroup = 8;
  GroupGate gate(*store_, kGroup, false);
  gate.Install();
  auto first = std::async(std::launch::async, [&] {
    return store_->complaints().FileComplaint(ctx_, Filing("kettle dented on arrival", "hash-lead"));
  });
  gate.WaitForFirstLeader();
  std::vector<std::future<Result<Complaint>>> group;
  for (size_t i = 0; i < kGroup; ++i)
    group.push_back(std::async(std::launch::async, [&, i] {
      return store_->complaints().FileComplaint(
          ctx_, Filing("parcel " + std::to_string(i) + " crushed in transit", "hash-" + std::to_string(i)));
    }));
  HEARKEN_ASSERT_OK(first.get());
  for (auto& f : group) HEARKEN_ASSERT_OK(f.get());
  store_->SetWriteGroupHookForTesting(nullptr);

  ASSERT_EQ(gate.sizes(), (std::vector<size_t>{1, kGroup}));
  // Two transactions, two small segments (a leaf page each); one segment per
  // filing would add at least kGroup + 1 rows.
  EXPECT_LE(segment_rows() - before, 4);
  EXPECT_EQ(Found(*store_, "crushed").size(), kGroup);
}

}  // namespace hearken
