#include "store/sqlite/sqlite_store.h"

#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <vector>
#include <unordered_map>

#include <sqlite3.h>

#include "core/time_format.h"

namespace hearken {
namespace {

Error SqliteError(sqlite3* db, int rc, std::string_view what) {
  int extended = db ? sqlite3_extended_errcode(db) : rc;
  std::string message = std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_READONLY:
      return Error::Unavailable(message);
    case SQLITE_CONSTRAINT:
      if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY)
        return Error::AlreadyExists(message);
      if (extended == SQLITE_CONSTRAINT_FOREIGNKEY) return Error::FailedPrecondition(message);
      return Error::Internal(message);
    default:
      return Error::Internal(message);
  }
}

class SqliteConnection final : public SqlConnection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  SqlDialect dialect() const override { return SqlDialect::kSqlite; }

  Result<SqlRows> Execute(std::string_view sql, const SqlParams& params) override {
    auto stmt = Prepare(sql);
    if (!stmt.ok()) return stmt.error();
    sqlite3_stmt* s = *stmt;
    // Reset on every exit so no statement keeps a read transaction open.
    struct Resetter {
      sqlite3_stmt* s;
      ~Resetter() {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
      }
    } resetter{s};
    if (sqlite3_bind_parameter_count(s) != static_cast<int>(params.size()))
      return Error::Internal("statement expects " + std::to_string(sqlite3_bind_parameter_count(s)) +
                             " parameters, got " + std::to_string(params.size()));
    for (size_t i = 0; i < params.size(); ++i) {
      int index = static_cast<int>(i) + 1;
      int rc = std::visit(
          [&](const auto& v) -> int {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>) return sqlite3_bind_null(s, index);
            else if constexpr (std::is_same_v<T, std::int64_t>) return sqlite3_bind_int64(s, index, v);
            else if constexpr (std::is_same_v<T, double>) return sqlite3_bind_double(s, index, v);
            else if constexpr (std::is_same_v<T, std::string>)
              return sqlite3_bind_text(s, index, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
            else if constexpr (std::is_same_v<T, bool>) return sqlite3_bind_int(s, index, v ? 1 : 0);
            else {
              std::string text = FormatTimestamp(v);
              return sqlite3_bind_text(s, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
            }
          },
          params[i]);
      if (rc != SQLITE_OK) return SqliteError(db_, rc, "binding a parameter");
    }
    SqlRows out;
    const int columns = sqlite3_column_count(s);
    while (true) {
      int rc = sqlite3_step(s);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) return SqliteError(db_, rc, "executing SQL");
      std::vector<std::optional<std::string>> cells;
      cells.reserve(columns);
      for (int c = 0; c < columns; ++c) {
        if (sqlite3_column_type(s, c) == SQLITE_NULL) {
          cells.emplace_back(std::nullopt);
        } else {
          const unsigned char* text = sqlite3_column_text(s, c);
          int bytes = sqlite3_column_bytes(s, c);
          cells.emplace_back(std::string(reinterpret_cast<const char*>(text), bytes));
        }
      }
      out.rows.emplace_back(std::move(cells));
    }
    out.affected = sqlite3_changes64(db_);
    return out;
  }

  Status ExecuteScript(const std::string& sql) override {
    char* message = nullptr;
    int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
    if (rc == SQLITE_OK) return Status::Ok();
    std::string text = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    Error e = SqliteError(db_, rc, "executing script");
    e.message = "executing script: " + text;
    return e;
  }

 private:
  Result<sqlite3_stmt*> Prepare(std::string_view sql) {
    if (auto it = statements_.find(sql); it != statements_.end()) return it->second;  // no copy of the text
    std::string key(sql);
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, key.c_str(), static_cast<int>(key.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                                nullptr);
    if (rc != SQLITE_OK) return SqliteError(db_, rc, "preparing SQL");
    if (statements_.size() > 500) {
      for (auto& [text, old] : statements_) sqlite3_finalize(old);
      statements_.clear();
    }
    statements_.emplace(std::move(key), stmt);
    return stmt;
  }

  // Found by the text itself (heterogeneous lookup): a hit copies nothing.
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const noexcept { return std::hash<std::string_view>{}(text); }
  };
  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*, TextHash, std::equal_to<>> statements_;
};

Result<std::unique_ptr<SqliteConnection>> OpenConnection(const std::string& path, bool read_only) {
  sqlite3* db = nullptr;
  const int flags = (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                    SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Error e = Error::Unavailable("cannot open SQLite database " + path + ": " +
                                 (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
    sqlite3_close_v2(db);
    return e;
  }
  auto connection = std::make_unique<SqliteConnection>(db);
  sqlite3_busy_timeout(db, 5000);
  std::vector<const char*> pragmas = {"PRAGMA foreign_keys = ON"};
  // secure_delete: freed space is zeroed, so erased personal data
  // (SubjectStore::EraseSubject) leaves the file. temp_store in memory: the
  // savepoint of each write of a group journals the pages it changes, and a
  // temporary file made that 130 KB of writes per filed complaint.
  // wal_autocheckpoint of 8000 pages (32 MiB of WAL): the pages every write
  // touches (index ends, the audit head) are copied back once per
  // checkpoint, so a rarer checkpoint copies far fewer pages per write.
  if (!read_only)
    pragmas = {"PRAGMA journal_mode = WAL",    "PRAGMA synchronous = FULL",        "PRAGMA foreign_keys = ON",
               "PRAGMA secure_delete = ON",    "PRAGMA temp_store = MEMORY",       "PRAGMA wal_autocheckpoint = 8000"};
  for (const char* pragma : pragmas) {
    if (Status s = connection->ExecuteScript(pragma); !s.ok())
      return Error::Unavailable("cannot open SQLite database " + path + ": " + s.error().message);
  }
  return connection;
}

// One writer connection, lent to one caller at a time, and up to
// kMaxReaders read-only connections opened on demand (WAL lets them read
// while the writer writes). An in-memory database has only the writer.
class SqlitePool final : public SqlPool {
 public:
  static constexpr int kMaxReaders = 4;

  SqlitePool(std::string path, std::unique_ptr<SqliteConnection> writer)
      : path_(std::move(path)), writer_(std::move(writer)), readers_allowed_(path_ != ":memory:" && !path_.empty()) {}

  SqlDialect dialect() const override { return SqlDialect::kSqlite; }

  Result<SqlHandle> Acquire(SqlAccess access) override {
    if (access == SqlAccess::kWrite || !readers_allowed_) {
      writer_mutex_.lock();
      return SqlHandle(writer_.get(), [this](SqlConnection*) { writer_mutex_.unlock(); });
    }
    std::unique_lock lock(readers_mutex_);
    readers_cv_.wait(lock, [this] { return !idle_readers_.empty() || open_readers_ < kMaxReaders; });
    std::unique_ptr<SqliteConnection> reader;
    if (!idle_readers_.empty()) {
      reader = std::move(idle_readers_.back());
      idle_readers_.pop_back();
    } else {
      ++open_readers_;
      lock.unlock();
      auto opened = OpenConnection(path_, /*read_only=*/true);
      lock.lock();
      if (!opened.ok()) {
        --open_readers_;
        readers_cv_.notify_one();
        return opened.error();
      }
      reader = std::move(*opened);
    }
    return SqlHandle(reader.release(), [this](SqlConnection* c) {
      std::lock_guard back(readers_mutex_);
      idle_readers_.emplace_back(static_cast<SqliteConnection*>(c));
      readers_cv_.notify_one();
    });
  }

 private:
  std::string path_;
  std::mutex writer_mutex_;
  std::unique_ptr<SqliteConnection> writer_;
  const bool readers_allowed_;
  std::mutex readers_mutex_;
  std::condition_variable readers_cv_;
  std::vector<std::unique_ptr<SqliteConnection>> idle_readers_;
  int open_readers_ = 0;
};

}  // namespace

SqliteStore::SqliteStore(std::unique_ptr<SqlPool> pool, const Clock& clock)
    : SqlStore(std::move(pool), SqliteMigrations(), clock) {}

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path, const Clock& clock) {
  std::error_code ec;
  const bool is_file = path != ":memory:" && !path.empty() && path.rfind("file:", 0) != 0;
  const bool created = is_file && !std::filesystem::exists(path, ec);
  auto writer = OpenConnection(path, /*read_only=*/false);
  if (!writer.ok()) return writer.error();
  if (created) {
    // Customer data and password hashes: readable by the owner only. SQLite
    // gives the -wal and -shm files the same permissions.
    std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                                 std::filesystem::perm_options::replace, ec);
  }
  auto pool = std::make_unique<SqlitePool>(path, std::move(*writer));
  return std::make_unique<SqliteStore>(std::move(pool), clock);
}

}  // namespace hearken
