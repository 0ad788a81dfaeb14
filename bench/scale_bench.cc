// scale_bench: what a page, a queue, a search, one complaint, the export and
// the analysis cost at a million complaints, on SQLite and PostgreSQL in the
// same run, with the PostgreSQL/SQLite ratio of each and the process's
// memory after the analyses and exports.
//
// The databases are made once and kept under --data (default
// /work/scale-data): scale.db (SQLite) and pg/ (a PostgreSQL cluster started
// for the run, database "scale"), each by importing the CFPB sample (demo/)
// --complaints / 1000 times with distinct external references; a marker file
// records that a store is complete, and an interrupted seeding resumes
// (the import skips external references already filed).
//
// Figures (each "<Name>/sqlite" and "<Name>/postgres"):
//   ListFirstPage   the first page of the list, newest received first (store)
//   QueueOpen, QueueOverdue, QueueUnassigned   first page of each queue
//   Search          "credit report", the first page in the default order
//   SearchSorted    the same, sorted by received_at
//   ListBySeverity, ListByResolveDue, ListByUpdated   the first page of the
//                   whole list most severe first, resolve due soonest,
//                   recently updated
//   GetOne          GET /api/v1/complaints/{id} through the Api (server time,
//                   no socket: authentication, the store, the JSON)
//   ListApi         GET /api/v1/complaints (the first page as the UI asks)
//   ExportCsv       every complaint as CSV, drained piece by piece
//   Analysis        the analysis of every complaint (facts + AnalyseComplaints)
// Then: the CSV's size and rate, and VmRSS / VmHWM after everything.
// With --filing: complaints filed through the staff API over 64 keep-alive
// connections (wrk, 10 s) on a fresh SQLite database, in complaints/s.
//
// With --sqlite-only: SQLite alone (no PostgreSQL cluster, no ratios), for a
// machine or a session without time to seed the second store.
//
//   scale_bench [--data=DIR] [--complaints=N] [--filing] [--sqlite-only] [google benchmark flags]
#include <benchmark/benchmark.h>
#include <malloc.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

#include "analytics/complaint_analysis.h"
#include "analytics/complaint_facts.h"
#include "core/crypto.h"
#include "http/api.h"
#include "http/complaints/complaint_export_stream.h"
#include "http/server.h"
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

// One store under test with what the Api benchmarks need.
struct Target {
  std::string name;
  SqlStore* store = nullptr;
  std::unique_ptr<http::Api> api;
  std::string bearer;
  Id some_complaint = 0;
};

std::string ProcStatus(const std::string& key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key + ":", 0) == 0) return line.substr(key.size() + 1);
  return "?";
}

bool Seed(Store& store, const std::vector<ingest::CfpbComplaint>& rows, long complaints, const std::string& marker,
          const std::string& name) {
  if (std::filesystem::exists(marker)) return true;
  const long copies = (complaints + static_cast<long>(rows.size()) - 1) / static_cast<long>(rows.size());
  const auto started = std::chrono::steady_clock::now();
  long done = 0;
  for (long copy = 0; copy < copies; ++copy) {
    std::vector<ImportedComplaint> batch;
    for (const auto& row : rows) {
      ImportedComplaint imported = ingest::FromCfpb(row);
      imported.fields.external_ref += "-" + std::to_string(copy);
      batch.push_back(std::move(imported));
    }
    auto report = store.complaints().ImportComplaints(kCtx, batch);
    if (!report.ok()) {
      std::cerr << name << ": import failed: " << report.error().message << "\n";
      return false;
    }
    done += static_cast<long>(batch.size());
    if (copy % 50 == 49) {
      const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      std::cerr << name << ": " << done << " complaints (" << static_cast<long>(done / s) << "/s)\n";
    }
  }
  std::ofstream(marker) << complaints << "\n";
  return true;
}

// A quality manager with a bearer token, and an Api over the store.
bool Prepare(Target& t) {
  http::ServerOptions options;
  t.api = std::make_unique<http::Api>(*t.store, g_clock, options);
  User user;
  user.email = "bench-" + RandomToken(4) + "@example.org";
  user.display_name = "Bench";
  user.role = Role::kQualityManager;
  user.password_hash = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo";
  auto created = t.store->users().CreateUser(kCtx, user);
  if (!created.ok()) {
    std::cerr << "scale_bench: " << t.name << ": " << created.error().message << "\n";
    return false;
  }
  t.bearer = RandomToken();
  if (!t.store->users().CreateApiToken(kCtx, created->id, "bench", HashToken(t.bearer)).ok()) return false;
  ComplaintFilter all;
  auto page = t.store->complaints().ListComplaints(all, {});
  if (!page.ok() || page->items.empty()) {
    std::cerr << "scale_bench: " << t.name << ": " << (page.ok() ? "no complaints" : page.error().message) << "\n";
    return false;
  }
  t.some_complaint = page->items[page->items.size() / 2].id;
  return true;
}

void BM_List(benchmark::State& state, Target* t, ComplaintFilter filter, ListOptions options) {
  for (auto _ : state) {
    auto page = t->store->complaints().ListComplaints(filter, options);
    if (!page.ok()) {
      state.SkipWithError(page.error().message.c_str());
      break;
    }
    benchmark::DoNotOptimize(page);
  }
}

void BM_Api(benchmark::State& state, Target* t, std::string target) {
  http::HttpRequest request;
  request.method = "GET";
  request.target = target == "one" ? "/api/v1/complaints/" + std::to_string(t->some_complaint) : target;
  http::SplitTarget(request.target, &request.path, &request.query);
  request.headers = {{"authorization", "Bearer " + t->bearer}};
  request.client_address = "127.0.0.1";
  for (auto _ : state) {
    http::HttpResponse response = t->api->Handle(request);
    if (response.status != 200) {
      state.SkipWithError(("status " + std::to_string(response.status) + ": " + response.body).c_str());
      break;
    }
    benchmark::DoNotOptimize(response);
  }
}

void BM_ExportCsv(benchmark::State& state, Target* t) {
  size_t bytes = 0;
  for (auto _ : state) {
    http::HttpResponse response =
        http::ComplaintExportResponse(*t->store, {}, http::ExportFormat::kCsv, g_clock.Now());
    if (response.status != 200 || !response.stream) {
      state.SkipWithError(response.body.c_str());
      break;
    }
    bytes = response.body.size();
    std::string piece;
    http::BodyPiece next = http::BodyPiece::kMore;
    while (next == http::BodyPiece::kMore) {
      next = response.stream(piece);
      bytes += piece.size();
    }
    if (next == http::BodyPiece::kFailed) state.SkipWithError("the export failed");
    malloc_trim(0);  // as the server does after an export
  }
  state.counters["MB"] = static_cast<double>(bytes) / 1e6;
}

void BM_Analysis(benchmark::State& state, Target* t) {
  auto settings = t->store->complaint_admin().GetComplaintSettings();
  auto calendar = settings.ok() ? BusinessCalendar::Create(settings->calendar)
                                : Result<BusinessCalendar>(settings.error());
  if (!calendar.ok()) {
    state.SkipWithError(calendar.error().message.c_str());
    return;
  }
  for (auto _ : state) {
    auto facts = analytics::LoadComplaintFacts(*t->store, {});
    if (!facts.ok()) {
      state.SkipWithError(facts.error().message.c_str());
      break;
    }
    auto analysis = analytics::AnalyseComplaints(*facts, {}, *calendar, settings->sla);
    if (!analysis.ok()) state.SkipWithError(analysis.error().message.c_str());
    benchmark::DoNotOptimize(analysis);
    facts->clear();
    facts->shrink_to_fit();
    malloc_trim(0);  // as the server does after an analysis
  }
}

// Complaints filed through POST /api/v1/complaints over 64 connections (wrk).
void FilingThroughput(const std::string& dir, int workers) {
  const std::string path = dir + "/filing-" + RandomToken(4) + ".db";
  auto store = SqliteStore::Open(path, g_clock);
  if (!store.ok() || !(*store)->Migrate().ok()) {
    std::cerr << "filing: cannot open " << path << "\n";
    return;
  }
  Target t{"sqlite", store->get()};
  User user;
  user.email = "filer@example.org";
  user.display_name = "Filer";
  user.role = Role::kHandler;
  user.password_hash = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo";
  auto created = t.store->users().CreateUser(kCtx, user);
  const std::string bearer = RandomToken();
  if (!created.ok() || !t.store->users().CreateApiToken(kCtx, created->id, "bench", HashToken(bearer)).ok()) return;
  http::ServerOptions options;
  options.port = 0;
  options.session_sweep_interval = std::chrono::milliseconds(0);
  if (workers > 0) options.workers = workers;
  http::Server server(*t.store, g_clock, options);
  if (!server.Start().ok()) return;
  const std::string script = dir + "/filing.lua";
  std::ofstream(script) << "wrk.method = \"POST\"\n"
                           "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
                           "wrk.headers[\"Authorization\"] = \"Bearer "
                        << bearer
                        << "\"\n"
                           "wrk.body = '{\"channel\":\"phone\",\"summary\":\"Parcel arrived damaged\","
                           "\"description\":\"The box was crushed and the kettle inside is dented.\","
                           "\"contact_email\":\"carla@example.org\",\"consent_contact\":true}'\n";
  const std::string command = "wrk -t2 -c64 -d10s -s " + script + " http://127.0.0.1:" +
                              std::to_string(server.Port()) + "/api/v1/complaints 2>&1";
  std::string out;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[512];
    while (fgets(buffer, sizeof buffer, pipe)) out += buffer;
    pclose(pipe);
  }
  server.RequestStop();
  server.Wait();
  std::cout << "\nFiling through the staff API, 64 connections, SQLite (wrk -t2 -c64 -d10s):\n" << out;
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
}

}  // namespace
}  // namespace hearken

int main(int argc, char** argv) {
  using namespace hearken;
  std::string data = "/work/scale-data";
  long complaints = 1000000;
  bool filing = false;
  bool sqlite_only = false;
  int workers = 0;  // the server's default
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--data=", 7) == 0) data = argv[i] + 7;
    if (std::strncmp(argv[i], "--complaints=", 13) == 0) complaints = std::atol(argv[i] + 13);
    if (std::strcmp(argv[i], "--filing") == 0) filing = true;
    if (std::strcmp(argv[i], "--sqlite-only") == 0) sqlite_only = true;
    if (std::strncmp(argv[i], "--workers=", 10) == 0) workers = std::atoi(argv[i] + 10);
  }
  benchmark::Initialize(&argc, argv);
  spdlog::set_level(spdlog::level::warn);  // no access log lines in the table
  mallopt(M_ARENA_MAX, 2);                 // the server's arena policy (src/app/main.cc)
  std::filesystem::create_directories(data);
  if (filing) {
    FilingThroughput(data, workers);
    return 0;
  }

  std::ifstream in(HEARKEN_SOURCE_DIR "/demo/cfpb_complaints_sample_1000.csv", std::ios::binary);
  auto rows = ingest::ReadCfpbCsv(in);
  if (!rows.ok()) {
    std::cerr << "scale_bench: " << rows.error().message << "\n";
    return 1;
  }
  const std::string tag = std::to_string(complaints);
  auto sqlite = SqliteStore::Open(data + "/scale-" + tag + ".db", g_clock);
  if (!sqlite.ok() || !(*sqlite)->Migrate().ok()) {
    std::cerr << "scale_bench: cannot open the SQLite store\n";
    return 1;
  }
  if (!Seed(**sqlite, *rows, complaints, data + "/scale-" + tag + ".db.done", "sqlite")) return 1;
  std::vector<Target> targets;
  targets.push_back({"sqlite", sqlite->get()});
  std::unique_ptr<PgTestServer> server;  // outlives the PostgreSQL store
  std::unique_ptr<PostgresStore> postgres;
  if (!sqlite_only) {
    auto started = PgTestServer::StartKept(data + "/pg", PgDurability::kDurable);
    if (!started.ok()) {
      std::cerr << "scale_bench: " << started.error().message << "\n";
      return 1;
    }
    server = std::move(*started);
    auto uri = server->EnsureDatabase("scale_" + tag);
    auto opened = uri.ok() ? PostgresStore::Open(*uri, g_clock) : Result<std::unique_ptr<PostgresStore>>(uri.error());
    if (!opened.ok() || !(*opened)->Migrate().ok()) {
      std::cerr << "scale_bench: cannot open the PostgreSQL store\n";
      return 1;
    }
    postgres = std::move(*opened);
    if (!Seed(*postgres, *rows, complaints, data + "/pg/scale_" + tag + ".done", "postgres")) return 1;
    (void)postgres->ExecuteScript("VACUUM ANALYZE");
    targets.push_back({"postgres", postgres.get()});
  }
  for (Target& t : targets) {
    if (!Prepare(t)) {
      std::cerr << "scale_bench: cannot prepare " << t.name << "\n";
      return 1;
    }
  }
  ComplaintFilter all, open, overdue, unassigned, search;
  open.open_only = true;
  overdue.overdue = true;
  unassigned.unassigned = true;
  unassigned.open_only = true;
  search.search = "credit report";
  ListOptions first_page, by_received;
  by_received.sort = "received_at";
  by_received.direction = SortDirection::kDescending;
  ListOptions by_severity, by_resolve_due, by_updated;
  by_severity.sort = "severity";
  by_resolve_due.sort = "resolve_due_at";
  by_updated.sort = "updated_at";
  by_updated.direction = SortDirection::kDescending;
  for (Target& t : targets) {
    auto reg = [&](const char* name, auto fn, auto... args) {
      return benchmark::RegisterBenchmark((std::string(name) + "/" + t.name).c_str(), fn, &t, args...);
    };
    reg("ListFirstPage", BM_List, all, first_page)->Unit(benchmark::kMillisecond);
    reg("QueueOpen", BM_List, open, first_page)->Unit(benchmark::kMillisecond);
    reg("QueueOverdue", BM_List, overdue, first_page)->Unit(benchmark::kMillisecond);
    reg("QueueUnassigned", BM_List, unassigned, first_page)->Unit(benchmark::kMillisecond);
    reg("Search", BM_List, search, first_page)->Unit(benchmark::kMillisecond);
    reg("SearchSorted", BM_List, search, by_received)->Unit(benchmark::kMillisecond)->Iterations(3);
    reg("ListBySeverity", BM_List, all, by_severity)->Unit(benchmark::kMillisecond)->Iterations(3);
    reg("ListByResolveDue", BM_List, all, by_resolve_due)->Unit(benchmark::kMillisecond)->Iterations(3);
    reg("ListByUpdated", BM_List, all, by_updated)->Unit(benchmark::kMillisecond)->Iterations(3);
    reg("GetOne", BM_Api, std::string("one"))->Unit(benchmark::kMillisecond);
    reg("ListApi", BM_Api, std::string("/api/v1/complaints?sort=-received_at&limit=25"))
        ->Unit(benchmark::kMillisecond);
    reg("ExportCsv", BM_ExportCsv)->Unit(benchmark::kSecond)->Iterations(1);
    reg("Analysis", BM_Analysis)->Unit(benchmark::kSecond)->Iterations(1);
  }
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.PrintRatios({"ListFirstPage", "QueueOpen", "QueueOverdue", "QueueUnassigned", "Search", "SearchSorted",
                        "ListBySeverity", "ListByResolveDue", "ListByUpdated", "GetOne", "ListApi", "ExportCsv", "Analysis"});
  malloc_trim(0);
  std::cout << "\nMemory after the analyses and exports: VmRSS" << ProcStatus("VmRSS") << ", peak VmHWM"
            << ProcStatus("VmHWM") << "\n";
  benchmark::Shutdown();
  return 0;
}
