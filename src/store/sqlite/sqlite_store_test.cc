// Runs the Store contract suite on SqliteStore (a temporary database file per
// test), plus what only SQLite and OpenStore have.
#include "store/sqlite/sqlite_store.h"

#include <cstdlib>
#include <filesystem>

#include "store/open_store.h"
#include "store/contract/store_contract_test.h"

namespace hearken {
namespace {

class SqliteTestDatabase final : public StoreTestDatabase {
 public:
  SqliteTestDatabase() {
    std::string pattern = (std::filesystem::temp_directory_path() / "hearken-sqlite-XXXXXX").string();
    dir_ = mkdtemp(pattern.data());
    path_ = dir_ + "/test.db";
  }
  ~SqliteTestDatabase() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  std::unique_ptr<SqlStore> Open(const Clock& clock) override {
    auto store = SqliteStore::Open(path_, clock);
    EXPECT_TRUE(store.ok()) << ErrorText(store);
    return store.ok() ? std::move(*store) : nullptr;
  }
  std::string DropAuditGuardSql() const override {
    return "DROP TRIGGER IF EXISTS audit_entries_no_update; DROP TRIGGER IF EXISTS audit_entries_no_delete;";
  }
  std::vector<SqlMigration> Migrations() const override { return SqliteMigrations(); }
  std::vector<std::string> DatabaseFiles() const override { return {path_, path_ + "-wal"}; }
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
  std::string path_;
};

StoreTestBackend SqliteBackend() {
  return {"Sqlite", [] { return std::make_unique<SqliteTestDatabase>(); }};
}

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreContractTest, ::testing::Values(SqliteBackend()), BackendName);

TEST(SqliteStoreTest, OpenStoreCreatesTheParentDirectory) {
  SqliteTestDatabase scratch;
  ManualClock clock(TimePoint{});
  const std::string path = scratch.dir() + "/nested/deeper/hearken.db";
  auto store = OpenStore("sqlite:" + path, clock);
  ASSERT_TRUE(store.ok()) << ErrorText(store);
  ASSERT_TRUE((*store)->Migrate().ok());
  EXPECT_TRUE(std::filesystem::exists(path));
  EXPECT_EQ(*(*store)->SchemaVersion(), (*store)->LatestSchemaVersion());
}

// A search whose last word is a prefix reads a prefix index of that length
// (3 to 6 characters) instead of merging the posting list of every word that
// starts so: "credit report" took 361 ms at 1,000,000 complaints without.
TEST(SqliteStoreTest, TheFullTextIndexHasPrefixIndexesForThreeToSixCharacters) {
  SqliteTestDatabase scratch;
  ManualClock clock(TimePoint{});
  auto store = scratch.Open(clock);
  ASSERT_TRUE(store && store->Migrate().ok());
  auto rows = store->QueryRows("SELECT sql FROM sqlite_master WHERE name = 'complaint_fts'");
  ASSERT_TRUE(rows.ok() && rows->size() == 1) << ErrorText(rows);
  EXPECT_NE((*rows)[0][0].find("prefix = '3 4 5 6'"), std::string::npos) << (*rows)[0][0];
}

TEST(SqliteStoreTest, OpenStoreAcceptsMemoryAndRejectsUnknownSchemes) {
  ManualClock clock(TimePoint{});
  auto memory = OpenStore("sqlite::memory:", clock);
  ASSERT_TRUE(memory.ok()) << ErrorText(memory);
  EXPECT_TRUE((*memory)->Migrate().ok());
  EXPECT_EQ((*memory)->organisation().GetSettings()->name, "My organisation");
  auto unknown = OpenStore("mysql://localhost/x", clock);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kInvalidArgument);
  auto empty = OpenStore("sqlite:", clock);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, ErrorCode::kInvalidArgument);
}

TEST(SqliteStoreTest, UnopenableFileIsUnavailable) {
  ManualClock clock(TimePoint{});
  auto store = SqliteStore::Open("/proc/hearken/nope/x.db", clock);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, ErrorCode::kUnavailable);
}

TEST(SqliteStoreTest, UsesWalAndFullSync) {
  SqliteTestDatabase scratch;
  ManualClock clock(TimePoint{});
  auto store = scratch.Open(clock);
  ASSERT_TRUE(store->Migrate().ok());
  EXPECT_TRUE(std::filesystem::exists(scratch.dir() + "/test.db-wal"));
}

TEST(SqliteStoreTest, NewDatabaseFileIsReadableByTheOwnerOnly) {
  SqliteTestDatabase scratch;
  ManualClock clock(TimePoint{});
  auto store = scratch.Open(clock);
  ASSERT_TRUE(store->Migrate().ok());
  auto perms = std::filesystem::status(scratch.dir() + "/test.db").permissions();
  using std::filesystem::perms;
  EXPECT_EQ(perms & (perms::group_all | perms::others_all), perms::none);
}

}  // namespace
}  // namespace hearken
