// The small database abstraction under SqlStore: one SQL text with `?`
// placeholders plus positional values in, rows of text cells out. SQLite and
// PostgreSQL adapters implement it (sqlite/, postgres/) so that every query of
// the store is written once. Adapters turn library errors into Error:
// busy/locked/connection failures → Unavailable, unique violations →
// AlreadyExists, foreign-key violations → FailedPrecondition, anything else →
// Internal.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/clock.h"
#include "core/result.h"

namespace hearken {

// A parameter value. Adapters bind bool and TimePoint in their own way
// (SQLite: 0/1 and FormatTimestamp text; PostgreSQL: boolean and timestamptz).
using SqlValue = std::variant<std::monostate, std::int64_t, double, std::string, bool, TimePoint>;
using SqlParams = std::vector<SqlValue>;

inline SqlValue SqlNull() { return std::monostate{}; }
template <typename T>
SqlValue SqlOptional(const std::optional<T>& v) {
  return v ? SqlValue(*v) : SqlValue(std::monostate{});
}

// One result row; every cell as text (NULL as nullopt), read through typed
// getters. Getters on malformed cells return the type's zero value.
class SqlRow {
 public:
  explicit SqlRow(std::vector<std::optional<std::string>> cells) : cells_(std::move(cells)) {}
  size_t size() const { return cells_.size(); }
  bool IsNull(size_t i) const { return !cells_.at(i).has_value(); }
  std::string Text(size_t i) const { return cells_.at(i).value_or(""); }
  std::int64_t Int(size_t i) const;
  std::optional<std::int64_t> OptInt(size_t i) const;
  double Double(size_t i) const;
  // Accepts 1/0 (SQLite) and t/f, true/false (PostgreSQL).
  bool Bool(size_t i) const;
  // FormatTimestamp text (SQLite) or PostgreSQL timestamptz output.
  TimePoint Time(size_t i) const;
  std::optional<TimePoint> OptTime(size_t i) const;

 private:
  std::vector<std::optional<std::string>> cells_;
};

struct SqlRows {
  std::vector<SqlRow> rows;
  std::int64_t affected = 0;  // rows changed by INSERT/UPDATE/DELETE
};

// The few places where SQL differs between the dialects.
enum class SqlDialect { kSqlite, kPostgres };

// One database connection. Not thread-safe: a SqlPool hands it to one caller
// at a time.
class SqlConnection {
 public:
  virtual ~SqlConnection() = default;
  virtual SqlDialect dialect() const = 0;
  // Runs one statement with `?` placeholders bound to `params` in order.
  virtual Result<SqlRows> Execute(std::string_view sql, const SqlParams& params = {}) = 0;
  // Runs several statements without parameters (migrations, test tampering).
  virtual Status ExecuteScript(const std::string& sql) = 0;

  // Set by SqlStore on the connection a write runs on: the server key that
  // wraps the per-record data keys (core/personal_seal.h), so that the audit
  // append seals personal fields; null when none is configured.
  const std::string* sealing_key = nullptr;

  // Complaints whose full-text row is out of date in the open write
  // transaction (SQLite): indexed together just before COMMIT, because FTS5
  // writes its pending rows out as a new segment at every statement of the
  // transaction that follows them (sql::IndexPendingComplaintSearch).
  std::vector<std::int64_t> complaints_to_index;

  // The end of the audit chain as the open write transaction has moved it
  // (sql::AppendAudit): read once per transaction, written back to
  // audit_head once, just before COMMIT (sql::FlushAuditHead), instead of a
  // read and an update per entry. Cleared when a write transaction begins;
  // a write undone to its savepoint puts back the state from before it.
  struct AuditHead {
    std::int64_t seq = 0;
    std::string hash;
    int form = 0;
    bool moved = false;  // not yet written to audit_head
  };
  std::optional<AuditHead> audit_head;

  // Survey answers the open write transaction added, by (survey, version):
  // their counters (surveys.answer_count, survey_versions.answer_count and
  // partial_count) are moved once per survey and version just before COMMIT
  // (sql::FlushSurveyAnswerCounts) instead of twice per answer; a write
  // undone to its savepoint takes its counts back.
  struct AnswerCounts {
    std::int64_t complete = 0;
    std::int64_t partial = 0;
  };
  std::map<std::pair<std::int64_t, int>, AnswerCounts> survey_answer_counts;
};

// What a connection is wanted for: SQLite lends its one writer connection for
// kWrite and any of its reader connections for kRead.
enum class SqlAccess { kRead, kWrite };

// A connection lent by a pool; returned when the handle is destroyed.
using SqlHandle = std::unique_ptr<SqlConnection, std::function<void(SqlConnection*)>>;

class SqlPool {
 public:
  virtual ~SqlPool() = default;
  virtual SqlDialect dialect() const = 0;
  // Blocks until a connection for `access` is free. Errors: Unavailable.
  virtual Result<SqlHandle> Acquire(SqlAccess access) = 0;
};

}  // namespace hearken
