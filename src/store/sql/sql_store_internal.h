// Helpers shared by the sql_store_*.cc files: list options, ORDER BY from
// allow-lists, WHERE building, LIKE patterns and the audit append. Internal to
// store_sql.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "store/sql/sql_connection.h"
#include "store/store.h"

namespace hearken::sql {

// The value of a write that returns nothing.
struct Unit {};
inline Status ToStatus(const Result<Unit>& r) { return r.ok() ? Status::Ok() : Status(r.error()); }

// limit 1..500, offset >= 0. Errors: InvalidArgument naming the field.
Status ValidateListOptions(const ListOptions& options);

// An allow-listed sort field: its API name and its SQL expression.
struct SortField {
  const char* name;
  const char* expr;
};

// A filter text must be clean UTF-8. Errors: InvalidArgument naming `field`.
Status CheckFilterText(const char* field, const std::string& value);

// " ORDER BY <expr> <dir>, <id_column> <dir>" for options.sort (or the
// default when empty). Errors: InvalidArgument naming "sort" for a field not
// in `allowed`.
Result<std::string> OrderBy(const ListOptions& options, std::initializer_list<SortField> allowed,
                            std::string_view default_sort, SortDirection default_direction,
                            const char* id_column);

// "%text%" with %, _ and \ escaped, for `lower(col) LIKE lower(?) ESCAPE '\'`.
std::string ContainsPattern(std::string_view text);
inline constexpr const char* kEscape = " ESCAPE '\\'";

// Conjunction of conditions with their parameters.
class Where {
 public:
  void Add(std::string condition, SqlParams params = {}) {
    conditions_.push_back(std::move(condition));
    for (auto& p : params) params_.push_back(std::move(p));
  }
  std::string Clause() const;
  const SqlParams& params() const { return params_; }

 private:
  std::vector<std::string> conditions_;
  SqlParams params_;
};

// Marks the running write as one that changes the complaint settings, the
// organisation settings or the categories: when its group commits, the
// store's cache of them (SqlStore::Admin) is dropped. Call inside a write.
void NoteAdminChange();
// Clears and returns the mark (the group-commit leader, around a group).
bool TakeAdminChange();

// Appends limit and offset to `params`.
SqlParams WithPaging(SqlParams params, const ListOptions& options);

// The single integer a query such as SELECT count(*) returns.
Result<std::int64_t> QueryInt(SqlConnection& db, std::string_view sql, const SqlParams& params = {});

// True when table has a row with this id; `table` is a constant of the code.
Result<bool> Exists(SqlConnection& db, const char* table, Id id);

// What a write records in the audit trail besides actor, time and reason.
struct AuditRecord {
  std::string entity_type;
  std::string entity_id;
  std::string action;
  std::string old_value;  // JSON text or ""
  std::string new_value;  // JSON text or ""
  std::optional<Id> customer_id;
  // The complaint the record belongs to (its timeline, AuditFilter.complaint_id).
  std::optional<Id> complaint_id;
  // Instead of new_value, the value itself: written as its JSON text, its
  // personal fields sealed in place (one text made, none parsed again).
  std::optional<nlohmann::json> new_json;
};

// Appends one entry to the chain and moves the head (in memory until
// FlushAuditHead), in the caller's write transaction. The record is taken by value: its new_json is sealed in place.
Status AppendAudit(SqlConnection& db, TimePoint now, const WriteContext& ctx, AuditRecord record);

// Writes the audit head that AppendAudit moved in this transaction to
// audit_head; nothing when it did not move. Called before COMMIT.
Status FlushAuditHead(SqlConnection& db);

// Moves the survey and version answer counters by what the transaction's
// answers added (SqlConnection::survey_answer_counts) and clears them.
// Called before COMMIT. Implemented in surveys/sql_store_survey_answers.cc.
Status FlushSurveyAnswerCounts(SqlConnection& db);

// Links the Idempotency-Key the write runs under (ctx) to the entity it
// wrote first, in the caller's transaction; nothing without a key. Called by
// AppendAudit. Implemented in sql_store_idempotency.cc.
Status LinkIdempotencyKey(SqlConnection& db, const WriteContext& ctx, const std::string& entity_type,
                          const std::string& entity_id);

// JSON text of a value for the audit trail (invalid UTF-8 is replaced, never
// thrown on).
inline std::string JsonText(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Errors of the adapters mapped to what a method promises when the backstop
// constraint fires: AlreadyExists naming `field`.
Error DuplicateField(const std::string& what, const std::string& field);

}  // namespace hearken::sql
