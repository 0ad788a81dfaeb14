// The one contract test suite that every Store implementation passes. A
// store's test binary instantiates it with a backend that can make fresh
// databases:
//
//   INSTANTIATE_TEST_SUITE_P(Sqlite, StoreContractTest,
//                            ::testing::Values(SqliteBackend()), BackendName);
//
// The tests use SqlStore::ExecuteScript to play an attacker with direct
// database access (tampering with the audit trail).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/clock.h"
#include "core/time_format.h"
#include "store/sql/sql_store.h"
#include "store/store.h"

namespace hearken {

// One fresh, empty database (not migrated) for one test.
class StoreTestDatabase {
 public:
  virtual ~StoreTestDatabase() = default;
  // A new store on this database; several may be open at once.
  virtual std::unique_ptr<SqlStore> Open(const Clock& clock) = 0;
  // SQL that removes the append-only guard of audit_entries (what an
  // attacker with database access would do first).
  virtual std::string DropAuditGuardSql() const = 0;
  // The store's embedded migrations, to build an older schema by hand.
  virtual std::vector<SqlMigration> Migrations() const = 0;
  // The files the database lives in, when it is a file (SQLite: the file
  // and its -wal); empty for a server.
  virtual std::vector<std::string> DatabaseFiles() const { return {}; }
};

struct StoreTestBackend {
  std::string name;
  std::function<std::unique_ptr<StoreTestDatabase>()> make_database;
};

inline void PrintTo(const StoreTestBackend& backend, std::ostream* os) { *os << backend.name; }

inline std::string BackendName(const ::testing::TestParamInfo<StoreTestBackend>& info) { return info.param.name; }

template <typename T>
std::string ErrorText(const Result<T>& r) {
  return r.ok() ? "" : std::string(ErrorCodeName(r.error().code)) + ": " + r.error().message;
}
inline std::string ErrorText(const Status& s) {
  return s.ok() ? "" : std::string(ErrorCodeName(s.error().code)) + ": " + s.error().message;
}

#define HEARKEN_ASSERT_OK(expr)                     \
  do {                                              \
    const auto& hearken_result_ = (expr);           \
    ASSERT_TRUE(hearken_result_.ok()) << ErrorText(hearken_result_); \
  } while (0)

// Asserts that `expr` failed with `code`.
#define HEARKEN_EXPECT_ERROR(expr, expected_code)                          \
  do {                                                                     \
    const auto& hearken_result_ = (expr);                                  \
    ASSERT_FALSE(hearken_result_.ok()) << "expected " #expected_code;      \
    EXPECT_EQ(hearken_result_.error().code, ErrorCode::expected_code)      \
        << hearken_result_.error().message;                                \
  } while (0)

// True when the error of `r` names `field`.
template <typename R>
bool NamesField(const R& r, const std::string& field) {
  if (r.ok()) return false;
  for (const auto& f : r.error().fields)
    if (f.field == field) return true;
  return false;
}

// List options sorted by `field`.
inline ListOptions Sorted(const std::string& field, SortDirection direction = SortDirection::kAscending, int limit = 50,
                   int offset = 0) {
  ListOptions o;
  o.sort = field;
  o.direction = direction;
  o.limit = limit;
  o.offset = offset;
  return o;
}

template <typename T>
std::vector<std::string> Names(const Page<T>& page) {
  std::vector<std::string> out;
  for (const auto& item : page.items) out.push_back(item.name);
  return out;
}

class StoreContractTest : public ::testing::TestWithParam<StoreTestBackend> {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Makes valid records (not stored).
  static Customer NewCustomer(const std::string& name, const std::string& email = "");
  static Segment NewSegment(const std::string& name);
  static Requirement NewRequirement(const std::string& text);
  Communication NewCommunication(Id customer_id, const std::string& subject) const;
  static User NewUser(const std::string& email, Role role);

  // Stores a record and asserts success.
  Customer AddCustomer(const std::string& name, const std::string& email = "");
  Segment AddSegment(const std::string& name);
  User AddUser(const std::string& email, Role role);

  std::vector<AuditEntry> AllAudit();
  // Every complaint matching `filter` read with ScanComplaints in pages of
  // `page` (id ascending), asserting success.
  std::vector<Complaint> ScanAll(const ComplaintFilter& filter = {},
                                 ComplaintDetail detail = ComplaintDetail::kFacts, int page = 2);
  Status Tamper(const std::string& sql);

  ManualClock clock_{*ParseTimestamp("2026-03-01T09:00:00.123456Z")};
  std::unique_ptr<StoreTestDatabase> database_;
  std::unique_ptr<SqlStore> store_;
  WriteContext ctx_{{7, "user:7 alice@example.org"}, "contract test"};
};

}  // namespace hearken
