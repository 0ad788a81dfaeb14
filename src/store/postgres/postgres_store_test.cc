// Runs the Store contract suite on PostgresStore against a real PostgreSQL
// server that this binary starts itself (PgTestServer), one fresh database
// per test; plus what only PostgreSQL and OpenStore have.
#include "store/postgres/postgres_store.h"

#include <csignal>
#include <iostream>

#include "store/open_store.h"
#include "store/postgres/testing/pg_test_server.h"
#include "store/contract/store_contract_test.h"

namespace hearken {
namespace {

PgTestServer* g_server = nullptr;

class PostgresTestDatabase final : public StoreTestDatabase {
 public:
  PostgresTestDatabase() {
    auto uri = g_server->CreateDatabase();
    EXPECT_TRUE(uri.ok()) << ErrorText(uri);
    if (uri.ok()) uri_ = *uri;
  }
  ~PostgresTestDatabase() override {
    if (!uri_.empty()) (void)g_server->DropDatabase(uri_);
  }
  std::unique_ptr<SqlStore> Open(const Clock& clock) override {
    auto store = PostgresStore::Open(uri_, clock);
    EXPECT_TRUE(store.ok()) << ErrorText(store);
    return store.ok() ? std::move(*store) : nullptr;
  }
  std::string DropAuditGuardSql() const override {
    return "DROP TRIGGER IF EXISTS audit_entries_no_change ON audit_entries;";
  }
  std::vector<SqlMigration> Migrations() const override { return PostgresMigrations(); }
  const std::string& uri() const { return uri_; }

 private:
  std::string uri_;
};

StoreTestBackend PostgresBackend() {
  return {"Postgres", [] { return std::make_unique<PostgresTestDatabase>(); }};
}

INSTANTIATE_TEST_SUITE_P(Postgres, StoreContractTest, ::testing::Values(PostgresBackend()), BackendName);

TEST(PostgresStoreTest, PlaceholdersAreNumberedOutsideQuotes) {
  EXPECT_EQ(NumberPlaceholders("SELECT ? , '?' , \"a?\", ?"), "SELECT $1 , '?' , \"a?\", $2");
}

TEST(PostgresStoreTest, OpenStoreConnectsWithAPostgresUri) {
  PostgresTestDatabase database;
  ManualClock clock(TimePoint{});
  for (std::string uri : {database.uri(), "postgres://" + database.uri().substr(std::string("postgresql://").size())}) {
    auto store = OpenStore(uri, clock);
    ASSERT_TRUE(store.ok()) << ErrorText(store);
    ASSERT_TRUE((*store)->Migrate().ok());
    EXPECT_EQ(*(*store)->SchemaVersion(), (*store)->LatestSchemaVersion());
  }
}

TEST(PostgresStoreTest, UnreachableServerIsUnavailable) {
  ManualClock clock(TimePoint{});
  auto store = OpenStore("postgresql://postgres@127.0.0.1:1/none?connect_timeout=2", clock);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, ErrorCode::kUnavailable);
}

TEST(PostgresStoreTest, TimestampsKeepMicrosecondsWhateverTheSessionZone) {
  PostgresTestDatabase database;
  ManualClock clock(*ParseTimestamp("2026-07-01T23:59:59.654321Z"));
  auto store = database.Open(clock);
  ASSERT_TRUE(store->Migrate().ok());
  ASSERT_TRUE(store->ExecuteScript("ALTER DATABASE " + database.uri().substr(database.uri().rfind('/') + 1) +
                                   " SET TimeZone = 'Pacific/Auckland'")
                  .ok());
  auto fresh = database.Open(clock);
  Customer c;
  c.name = "Kiwi";
  auto created = fresh->customers().CreateCustomer({{}, "cli"}, c);
  ASSERT_TRUE(created.ok()) << ErrorText(created);
  EXPECT_EQ(fresh->customers().GetCustomer(created->id)->created_at, clock.Now());
  EXPECT_TRUE(fresh->audit().VerifyAudit()->intact);
}

TEST(PostgresStoreTest, LostConnectionsAreUnavailableOnceThenReplaced) {
  PostgresTestDatabase database;
  ManualClock clock(TimePoint{});
  auto store = database.Open(clock);
  ASSERT_TRUE(store->Migrate().ok());
  auto killer = database.Open(clock);
  ASSERT_TRUE(killer
                  ->ExecuteScript("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = "
                                  "current_database() AND pid <> pg_backend_pid()")
                  .ok());
  // The pooled connection is dead: the first call may fail, as Unavailable only.
  Status first = store->Ping();
  if (!first.ok()) {
    EXPECT_EQ(first.error().code, ErrorCode::kUnavailable) << first.error().message;
  }
  HEARKEN_ASSERT_OK(store->Ping());
  Customer c;
  c.name = "After reconnect";
  HEARKEN_ASSERT_OK(store->customers().CreateCustomer({{}, "cli"}, c));
  EXPECT_TRUE(store->audit().VerifyAudit()->intact);
}

void StopOnSignal(int signal) {
  if (g_server) g_server->Stop();
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

}  // namespace
}  // namespace hearken

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  auto server = hearken::PgTestServer::Start();
  if (!server.ok()) {
    std::cerr << "store_postgres_test: cannot start PostgreSQL: " << server.error().message << "\n";
    return 1;
  }
  hearken::g_server = server->get();
  for (int s : {SIGINT, SIGTERM, SIGABRT, SIGSEGV}) std::signal(s, hearken::StopOnSignal);
  int result = RUN_ALL_TESTS();
  hearken::g_server = nullptr;
  server->reset();
  return result;
}
