// SqliteStore: the embedded default store, SqlStore over libsqlite3 (WAL,
// synchronous=FULL, foreign_keys=ON, busy_timeout 5 s). One writer
// connection, used by one call at a time, plus a few read-only connections
// that read while it writes. BEGIN IMMEDIATE makes writers wait for each
// other across processes too, which also serialises audit appends.
#pragma once

#include <memory>
#include <string>

#include "store/sql/sql_store.h"

namespace hearken {

class SqliteStore final : public SqlStore {
 public:
  // Opens (creating when missing, readable by the owner only) the database
  // file at `path` (":memory:" for a private in-memory database). Does not
  // migrate. `clock` must outlive the
  // store. Errors: Unavailable when the file cannot be opened.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path, const Clock& clock);

  SqliteStore(std::unique_ptr<SqlPool> pool, const Clock& clock);
};

// The embedded migrations/sqlite/*.sql (generated at build time).
std::vector<SqlMigration> SqliteMigrations();

}  // namespace hearken
