// Compares SqliteStore and PostgresStore on complaint handling's hot paths,
// on the same data in the same run: filing one complaint (a durable
// transaction with its reference, SLA due times, full-text row and audit
// entry), a full-text search of the complaint list, the overdue queue, and
// the analysis page's work (reading every complaint's facts and analysing
// them in memory). The data is the CFPB sample (demo/) imported `--copies`
// times with distinct external references. Prints the PostgreSQL/SQLite
// time ratio of each benchmark after the table.
//
//   complaint_bench [--copies=N] [google benchmark flags]
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>

#include "analytics/complaint_analysis.h"
#include "core/crypto.h"
#include "ingest/cfpb_csv.h"
#include "ingest/cfpb_import.h"
#include "ratio_reporter.h"
#include "store/postgres/postgres_store.h"
#include "store/postgres/testing/pg_test_server.h"
#include "store/sqlite/sqlite_store.h"

namespace hearken {
namespace {

SystemClock g_clock;
const WriteContext kCtx{{std::nullopt, "bench"}, ""};

bool Seed(Store& store, const std::vector<ingest::CfpbComplaint>& rows, int copies) {
  for (int copy = 0; copy < copies; ++copy) {
    std::vector<ImportedComplaint> batch;
    for (const auto& row : rows) {
      ImportedComplaint imported = ingest::FromCfpb(row);
      imported.fields.external_ref += "-" + std::to_string(copy);
      batch.push_back(std::move(imported));
      if (batch.size() == 500) {
        if (!store.complaints().ImportComplaints(kCtx, batch).ok()) return false;
        batch.clear();
      }
    }
    if (!batch.empty() && !store.complaints().ImportComplaints(kCtx, batch).ok()) return false;
  }
  return true;
}

void BM_File(benchmark::State& state, Store* store) {
  static std::atomic<int> next{0};
  for (auto _ : state) {
    ComplaintIntakeFields fields;
    fields.intake = ComplaintIntake::kPublicForm;
    fields.summary = "Parcel arrived damaged " + std::to_string(next++);
    fields.description = "The box was crushed and the kettle inside is dented.";
    fields.contact_email = "bench@example.org";
    fields.consent_contact = true;
    auto created = store->complaints().CreateComplaint(kCtx, fields, HashToken(RandomToken()));
    if (!created.ok()) state.SkipWithError(created.error().message.c_str());
  }
}

void BM_List(benchmark::State& state, Store* store, ComplaintFilter filter) {
  for (auto _ : state) {
    auto page = store->complaints().ListComplaints(filter, {});
    if (!page.ok()) state.SkipWithError(page.error().message.c_str());
    benchmark::DoNotOptimize(page);
  }
}

void BM_Analysis(benchmark::State& state, Store* store) {
  auto settings = store->complaint_admin().GetComplaintSettings();
  auto calendar = settings.ok() ? BusinessCalendar::Create(settings->calendar) : Result<BusinessCalendar>(settings.error());
  if (!calendar.ok()) {
    state.SkipWithError(calendar.error().message.c_str());
    return;
  }
  for (auto _ : state) {
    auto facts = analytics::LoadComplaintFacts(*store, {});
    if (!facts.ok()) {
      state.SkipWithError(facts.error().message.c_str());
      break;
    }
    auto analysis = analytics::AnalyseComplaints(*facts, {}, *calendar, settings->sla);
    if (!analysis.ok()) state.SkipWithError(analysis.error().message.c_str());
    benchmark::DoNotOptimize(analysis);
  }
}

}  // namespace
}  // namespace hearken

int main(int argc, char** argv) {
  using namespace hearken;
  int copies = 5;
  std::string csv = HEARKEN_SOURCE_DIR "/demo/cfpb_complaints_sample_1000.csv";
  for (int i = 1; i < argc; ++i)
    if (std::strncmp(argv[i], "--copies=", 9) == 0) copies = std::atoi(argv[i] + 9);
  benchmark::Initialize(&argc, argv);

  std::ifstream in(csv, std::ios::binary);
  auto rows = ingest::ReadCfpbCsv(in);
  if (!rows.ok()) {
    std::cerr << "complaint_bench: " << csv << ": " << rows.error().message << "\n";
    return 1;
  }
  auto server = PgTestServer::Start(PgDurability::kDurable);
  if (!server.ok()) {
    std::cerr << "complaint_bench: " << server.error().message << "\n";
    return 1;
  }
  auto uri = (*server)->CreateDatabase();
  auto postgres = uri.ok() ? PostgresStore::Open(*uri, g_clock) : Result<std::unique_ptr<PostgresStore>>(uri.error());
  auto sqlite = SqliteStore::Open((*server)->directory() + "/bench-sqlite.db", g_clock);
  if (!postgres.ok() || !sqlite.ok() || !(*postgres)->Migrate().ok() || !(*sqlite)->Migrate().ok()) {
    std::cerr << "complaint_bench: cannot open the stores\n";
    return 1;
  }
  std::cerr << "importing " << rows->size() * copies << " complaints into each store...\n";
  if (!Seed(**sqlite, *rows, copies) || !Seed(**postgres, *rows, copies)) {
    std::cerr << "complaint_bench: seeding failed\n";
    return 1;
  }
  ComplaintFilter search;
  search.search = "credit report";
  ComplaintFilter overdue;
  overdue.overdue = true;
  for (auto [name, store] : {std::pair<const char*, Store*>{"sqlite", sqlite->get()}, {"postgres", postgres->get()}}) {
    benchmark::RegisterBenchmark((std::string("File/") + name).c_str(), BM_File, store);
    benchmark::RegisterBenchmark((std::string("File16/") + name).c_str(), BM_File, store)->Threads(16)->UseRealTime();
    benchmark::RegisterBenchmark((std::string("Search/") + name).c_str(), BM_List, store, search);
    benchmark::RegisterBenchmark((std::string("Overdue/") + name).c_str(), BM_List, store, overdue);
    benchmark::RegisterBenchmark((std::string("Analysis/") + name).c_str(), BM_Analysis, store)
        ->Unit(benchmark::kMillisecond);
  }
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.PrintRatios({"File", "File16", "Search", "Overdue", "Analysis"});
  benchmark::Shutdown();
  return 0;
}
