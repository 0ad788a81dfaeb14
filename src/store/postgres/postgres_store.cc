#include "store/postgres/postgres_store.h"

#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <unordered_map>
#include <vector>

#include <libpq-fe.h>

#include "core/time_format.h"

namespace hearken {

std::string NumberPlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  char quote = 0;
  for (char c : sql) {
    if (quote) {
      if (c == quote) quote = 0;
      out += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '?') {
      out += '$' + std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

namespace {

Error PgError(PGconn* conn, const PGresult* res, std::string_view what) {
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  std::string detail = res ? PQresultErrorMessage(res) : "";
  if (detail.empty() && conn) detail = PQerrorMessage(conn);
  while (!detail.empty() && (detail.back() == '\n' || detail.back() == ' ')) detail.pop_back();
  std::string message = std::string(what) + ": " + detail;
  if (!conn || PQstatus(conn) != CONNECTION_OK) return Error::Unavailable(message);
  std::string code = state ? state : "";
  if (code == "23505") return Error::AlreadyExists(message);
  if (code == "23503") return Error::FailedPrecondition(message);
  // Data exceptions (invalid byte sequences, numbers out of range) are bad input.
  if (code.rfind("22", 0) == 0) return Error::InvalidArgument(message);
  if (code.rfind("08", 0) == 0 || code.rfind("53", 0) == 0 || code.rfind("57P", 0) == 0 || code == "40001" ||
      code == "40P01" || code == "55P03")
    return Error::Unavailable(message);
  return Error::Internal(message);
}

std::string ParamText(const SqlValue& v) {
  return std::visit(
      [](const auto& x) -> std::string {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate>) return "";
        else if constexpr (std::is_same_v<T, std::int64_t>) return std::to_string(x);
        else if constexpr (std::is_same_v<T, double>) {
          char buffer[64];
          std::snprintf(buffer, sizeof buffer, "%.17g", x);
          return buffer;
        } else if constexpr (std::is_same_v<T, std::string>) return x;
        else if constexpr (std::is_same_v<T, bool>) return x ? "true" : "false";
        else return FormatTimestamp(x);
      },
      v);
}

class PgConnection final : public SqlConnection {
 public:
  explicit PgConnection(PGconn* conn) : conn_(conn) {}
  ~PgConnection() override { PQfinish(conn_); }

  SqlDialect dialect() const override { return SqlDialect::kPostgres; }
  bool healthy() const { return PQstatus(conn_) == CONNECTION_OK; }
  bool idle() const { return PQtransactionStatus(conn_) == PQTRANS_IDLE; }

  Result<SqlRows> Execute(std::string_view sql, const SqlParams& params) override {
    std::string text = NumberPlaceholders(sql);
    std::vector<std::string> values;
    std::vector<const char*> pointers;
    values.reserve(params.size());
    for (const auto& p : params) values.push_back(ParamText(p));
    for (size_t i = 0; i < params.size(); ++i)
      pointers.push_back(std::holds_alternative<std::monostate>(params[i]) ? nullptr : values[i].c_str());
    PGresult* res = nullptr;
    if (const std::string* name = Prepared(text, static_cast<int>(params.size()))) {
      res = PQexecPrepared(conn_, name->c_str(), static_cast<int>(params.size()), pointers.data(), nullptr, nullptr, 0);
    } else {
      res = PQexecParams(conn_, text.c_str(), static_cast<int>(params.size()), nullptr, pointers.data(), nullptr,
                         nullptr, 0);
    }
    std::unique_ptr<PGresult, decltype(&PQclear)> guard(res, &PQclear);
    ExecStatusType status = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return PgError(conn_, res, "executing SQL");
    SqlRows out;
    const int rows = PQntuples(res), columns = PQnfields(res);
    out.rows.reserve(rows);
    for (int r = 0; r < rows; ++r) {
      std::vector<std::optional<std::string>> cells;
      cells.reserve(columns);
      for (int c = 0; c < columns; ++c) {
        if (PQgetisnull(res, r, c)) cells.emplace_back(std::nullopt);
        else cells.emplace_back(std::string(PQgetvalue(res, r, c), PQgetlength(res, r, c)));
      }
      out.rows.emplace_back(std::move(cells));
    }
    const char* affected = PQcmdTuples(res);
    out.affected = affected && *affected ? std::stoll(affected) : 0;
    return out;
  }

  Status ExecuteScript(const std::string& sql) override {
    PGresult* res = PQexec(conn_, sql.c_str());
    std::unique_ptr<PGresult, decltype(&PQclear)> guard(res, &PQclear);
    ExecStatusType status = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return PgError(conn_, res, "executing script");
    return Status::Ok();
  }

 private:
  // The name of a server-side prepared statement for `text`, preparing it on
  // first use; nullptr when it cannot be prepared now (then the statement is
  // sent unprepared, and fails there if it must). Transaction control is
  // never prepared.
  const std::string* Prepared(const std::string& text, int param_count) {
    if (auto it = prepared_.find(text); it != prepared_.end()) return &it->second;
    if (prepared_.size() >= kMaxPrepared || PQtransactionStatus(conn_) == PQTRANS_INERROR) return nullptr;
    for (const char* control : {"BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE"})
      if (text.rfind(control, 0) == 0) return nullptr;
    std::string name = "hk" + std::to_string(prepared_.size() + 1);
    PGresult* res = PQprepare(conn_, name.c_str(), text.c_str(), param_count, nullptr);
    const bool ok = res && PQresultStatus(res) == PGRES_COMMAND_OK;
    PQclear(res);
    if (!ok) return nullptr;
    return &prepared_.emplace(text, std::move(name)).first->second;
  }

  static constexpr size_t kMaxPrepared = 400;
  PGconn* conn_;
  std::unordered_map<std::string, std::string> prepared_;
};

Result<std::unique_ptr<PgConnection>> Connect(const std::string& conninfo) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  auto connection = std::make_unique<PgConnection>(conn);
  if (!conn || PQstatus(conn) != CONNECTION_OK) {
    std::string message = conn ? PQerrorMessage(conn) : "out of memory";
    while (!message.empty() && message.back() == '\n') message.pop_back();
    return Error::Unavailable("cannot connect to PostgreSQL: " + message);
  }
  if (PQsetClientEncoding(conn, "UTF8") != 0) return Error::Unavailable("cannot set client encoding UTF8");
  if (Status s = connection->ExecuteScript("SET TIME ZONE 'UTC'"); !s.ok()) return s.error();
  return connection;
}

// Connections opened on demand up to a maximum, reused while healthy.
class PgPool final : public SqlPool {
 public:
  PgPool(std::string conninfo, int max_connections) : conninfo_(std::move(conninfo)), max_(max_connections) {}

  SqlDialect dialect() const override { return SqlDialect::kPostgres; }

  void Add(std::unique_ptr<PgConnection> connection) {
    std::lock_guard lock(mutex_);
    ++open_;
    idle_.push_back(std::move(connection));
  }

  Result<SqlHandle> Acquire(SqlAccess) override {
    std::unique_lock lock(mutex_);
    cv_.wait(lock, [this] { return !idle_.empty() || open_ < max_; });
    std::unique_ptr<PgConnection> connection;
    if (!idle_.empty()) {
      connection = std::move(idle_.back());
      idle_.pop_back();
    } else {
      ++open_;
      lock.unlock();
      auto made = Connect(conninfo_);
      lock.lock();
      if (!made.ok()) {
        --open_;
        cv_.notify_one();
        return made.error();
      }
      connection = std::move(*made);
    }
    PgConnection* raw = connection.release();
    return SqlHandle(raw, [this](SqlConnection* c) { Release(static_cast<PgConnection*>(c)); });
  }

  ~PgPool() override = default;

 private:
  void Release(PgConnection* raw) {
    std::unique_ptr<PgConnection> connection(raw);
    if (connection->healthy() && !connection->idle()) (void)connection->Execute("ROLLBACK", {});
    std::lock_guard lock(mutex_);
    if (connection->healthy() && connection->idle()) {
      idle_.push_back(std::move(connection));
    } else {
      --open_;  // dropped; a new one is opened on demand
    }
    cv_.notify_one();
  }

  std::string conninfo_;
  int max_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<PgConnection>> idle_;
  int open_ = 0;
};

}  // namespace

PostgresStore::PostgresStore(std::unique_ptr<SqlPool> pool, const Clock& clock)
    : SqlStore(std::move(pool), PostgresMigrations(), clock) {}

Result<std::unique_ptr<PostgresStore>> PostgresStore::Open(const std::string& conninfo, const Clock& clock,
                                                           int max_connections) {
  auto first = Connect(conninfo);
  if (!first.ok()) return first.error();
  auto pool = std::make_unique<PgPool>(conninfo, max_connections < 1 ? 1 : max_connections);
  pool->Add(std::move(*first));
  return std::make_unique<PostgresStore>(std::move(pool), clock);
}

}  // namespace hearken
