// The category taxonomy inside a write transaction, shared by the category
// methods (sql_store_complaint_admin.cc) and the import
// (sql_store_complaint_import.cc). Internal to store_sql.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "store/sql/sql_connection.h"
#include "store/store.h"

namespace hearken::sql {

// Inserts category `category` (name and parent; active as given) under its
// parent, computing path and depth, and appends its "create" audit entry.
// Errors: InvalidArgument (name), NotFound (parent), AlreadyExists (a
// sibling has the name, case-insensitively; field "name"),
// FailedPrecondition (deeper than kMaxCategoryDepth).
Result<ComplaintCategory> InsertCategory(SqlConnection& db, TimePoint now, const WriteContext& ctx,
                                         const ComplaintCategory& category);

// The id of the category at `path` (top-level name first), creating the
// missing levels (active, audited). `cache` maps already resolved path
// prefixes (joined with " / ", lower-cased) to ids within one call;
// `created` counts the categories made. Errors: as InsertCategory.
Result<Id> FindOrCreateCategoryPath(SqlConnection& db, TimePoint now, const WriteContext& ctx,
                                    const std::vector<std::string>& path, std::map<std::string, Id>& cache,
                                    std::int64_t& created);

}  // namespace hearken::sql
