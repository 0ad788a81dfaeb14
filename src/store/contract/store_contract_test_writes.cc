// Contract tests of the write path's group commit (SqlStore::SubmitWrite):
// groups are formed deterministically through the test hook — the first
// leader blocks until the other writers have queued behind it, so they run
// as one group in the next transaction.
#include <future>
#include <stdexcept>
#include <thread>

#include "store/contract/store_contract_test.h"

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
