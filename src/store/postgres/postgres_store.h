// PostgresStore: SqlStore over libpq (PQexecParams only, text parameters),
// with a small pool of connections, each with TimeZone=UTC. Write
// transactions take one transaction-level advisory lock, which serialises
// audit-chain appends across every Hearken node on the database.
#pragma once

#include <memory>
#include <string>

#include "store/sql/sql_store.h"

namespace hearken {

class PostgresStore final : public SqlStore {
 public:
  // Connects once to `conninfo` (a libpq URI "postgresql://..." or key=value
  // string) to check it is reachable; further connections, up to
  // `max_connections`, are opened on demand. Does not migrate. `clock` must
  // outlive the store. Errors: Unavailable when the server cannot be reached
  // or refuses the login.
  static Result<std::unique_ptr<PostgresStore>> Open(const std::string& conninfo, const Clock& clock,
                                                     int max_connections = 8);

  PostgresStore(std::unique_ptr<SqlPool> pool, const Clock& clock);
};

// The embedded migrations/postgres/*.sql (generated at build time).
std::vector<SqlMigration> PostgresMigrations();

// "?" placeholders outside quotes become $1, $2, ... (exposed for tests).
std::string NumberPlaceholders(std::string_view sql);

}  // namespace hearken
