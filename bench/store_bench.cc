// Compares SqliteStore and PostgresStore on the customer register's hot
// paths: one audited insert (a durable transaction), the default list page,
// and a case-insensitive substring search. Both stores are durable (SQLite
// synchronous=FULL, PostgreSQL fsync on). Prints the PostgreSQL/SQLite ratio
// of each benchmark after the table.
//
//   store_bench [--rows=N] [google benchmark flags]
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>

#include "ratio_reporter.h"
#include "store/postgres/postgres_store.h"
#include "store/postgres/testing/pg_test_server.h"
#include "store/sqlite/sqlite_store.h"

namespace hearken {
namespace {

SystemClock g_clock;
const WriteContext kCtx{{std::nullopt, "bench"}, ""};

Customer MakeCustomer(int i) {
  Customer c;
  c.name = "Customer " + std::to_string(i);
  c.email = "customer" + std::to_string(i) + "@example.org";
  c.site = i % 2 ? "Berlin" : "Paris";
  c.tags = {i % 3 ? "regular" : "vip"};
  return c;
}

bool Seed(Store& store, int rows) {
  for (int i = 0; i < rows; ++i) {
    if (!store.customers().CreateCustomer(kCtx, MakeCustomer(i)).ok()) return false;
  }
  return true;
}

void BM_Insert(benchmark::State& state, Store* store) {
  static std::atomic<int> next{10'000'000};
  for (auto _ : state) {
    auto created = store->customers().CreateCustomer(kCtx, MakeCustomer(next++));
    if (!created.ok()) state.SkipWithError(created.error().message.c_str());
  }
}

void BM_ListFirstPage(benchmark::State& state, Store* store) {
  for (auto _ : state) {
    auto page = store->customers().ListCustomers({}, {});
    if (!page.ok()) state.SkipWithError(page.error().message.c_str());
    benchmark::DoNotOptimize(page);
  }
}

void BM_Search(benchmark::State& state, Store* store) {
  CustomerFilter filter;
  filter.search = "MER12";
  for (auto _ : state) {
    auto page = store->customers().ListCustomers(filter, {});
    if (!page.ok()) state.SkipWithError(page.error().message.c_str());
    benchmark::DoNotOptimize(page);
  }
}

}  // namespace
}  // namespace hearken

int main(int argc, char** argv) {
  using namespace hearken;
  int rows = 5000;
  for (int i = 1; i < argc; ++i)
    if (std::strncmp(argv[i], "--rows=", 7) == 0) rows = std::atoi(argv[i] + 7);
  benchmark::Initialize(&argc, argv);

  auto server = PgTestServer::Start(PgDurability::kDurable);
  if (!server.ok()) {
    std::cerr << "store_bench: " << server.error().message << "\n";
    return 1;
  }
  auto uri = (*server)->CreateDatabase();
  auto postgres = uri.ok() ? PostgresStore::Open(*uri, g_clock) : Result<std::unique_ptr<PostgresStore>>(uri.error());
  const std::string sqlite_path = (*server)->directory() + "/bench-sqlite.db";
  auto sqlite = SqliteStore::Open(sqlite_path, g_clock);
  if (!postgres.ok() || !sqlite.ok() || !(*postgres)->Migrate().ok() || !(*sqlite)->Migrate().ok()) {
    std::cerr << "store_bench: cannot open the stores\n";
    return 1;
  }
  std::cerr << "seeding " << rows << " customers into each store...\n";
  if (!Seed(**sqlite, rows) || !Seed(**postgres, rows)) {
    std::cerr << "store_bench: seeding failed\n";
    return 1;
  }
  for (auto [name, store] : {std::pair<const char*, Store*>{"sqlite", sqlite->get()}, {"postgres", postgres->get()}}) {
    benchmark::RegisterBenchmark((std::string("Insert/") + name).c_str(), BM_Insert, store);
    // 16 writers at once: group commit shares one COMMIT among them.
    benchmark::RegisterBenchmark((std::string("Insert16/") + name).c_str(), BM_Insert, store)
        ->Threads(16)
        ->UseRealTime();
    benchmark::RegisterBenchmark((std::string("ListFirstPage/") + name).c_str(), BM_ListFirstPage, store);
    benchmark::RegisterBenchmark((std::string("Search/") + name).c_str(), BM_Search, store);
  }
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.PrintRatios({"Insert", "Insert16", "ListFirstPage", "Search"});
  benchmark::Shutdown();
  return 0;
}
