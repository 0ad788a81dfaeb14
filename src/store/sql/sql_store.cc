#include "store/sql/sql_store.h"

#include <algorithm>

#include "core/json_codec.h"
#include "core/personal_seal.h"
#include "core/time_format.h"
#include "core/validation.h"
#include "store/sql/complaints/complaint_rows.h"
#include "store/sql/sql_store_internal.h"

namespace hearken {
namespace sql {

Status ValidateListOptions(const ListOptions& options) {
  if (options.limit < 1 || options.limit > 500) return Error::InvalidField("limit", "must be from 1 to 500");
  if (options.offset < 0) return Error::InvalidField("offset", "must not be negative");
  return Status::Ok();
}

Status CheckFilterText(const char* field, const std::string& value) {
  if (!IsCleanUtf8(value) || value.size() > kMaxShortTextLength)
    return Error::InvalidField(field, "must be valid text of at most " + std::to_string(kMaxShortTextLength) +
                                          " bytes");
  return Status::Ok();
}

Result<std::string> OrderBy(const ListOptions& options, std::initializer_list<SortField> allowed,
                            std::string_view default_sort, SortDirection default_direction,
                            const char* id_column) {
  std::string_view name = options.sort.empty() ? default_sort : std::string_view(options.sort);
  SortDirection direction = options.sort.empty() ? default_direction : options.direction;
  for (const SortField& field : allowed) {
    if (name == field.name) {
      const char* dir = direction == SortDirection::kAscending ? " ASC" : " DESC";
      return std::string(" ORDER BY ") + field.expr + dir + ", " + id_column + dir;
    }
  }
  std::string names;
  for (const SortField& field : allowed) names += std::string(names.empty() ? "" : ", ") + field.name;
  return Error::InvalidField("sort", "must be one of: " + names);
}

std::string ContainsPattern(std::string_view text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  out += '%';
  return out;
}

std::string Where::Clause() const {
  if (conditions_.empty()) return "";
  std::string out = " WHERE ";
  for (size_t i = 0; i < conditions_.size(); ++i) {
    if (i) out += " AND ";
    out += "(" + conditions_[i] + ")";
  }
  return out;
}

SqlParams WithPaging(SqlParams params, const ListOptions& options) {
  params.push_back(std::int64_t{options.limit});
  params.push_back(std::int64_t{options.offset});
  return params;
}

Result<std::int64_t> QueryInt(SqlConnection& db, std::string_view sql, const SqlParams& params) {
  auto rows = db.Execute(sql, params);
  if (!rows.ok()) return rows.error();
  if (rows->rows.empty() || rows->rows[0].size() == 0) return std::int64_t{0};
  return rows->rows[0].Int(0);
}

Result<bool> Exists(SqlConnection& db, const char* table, Id id) {
  auto rows = db.Execute(std::string("SELECT 1 FROM ") + table + " WHERE id = ?", {id});
  if (!rows.ok()) return rows.error();
  return !rows->rows.empty();
}

namespace {

// The record whose data key seals an entry's personal fields: its
// complaint, else its customer; "" when it has neither.
std::string DataKeyOwner(const AuditRecord& r) {
  if (r.complaint_id) return "complaint:" + std::to_string(*r.complaint_id);
  if (r.customer_id) return "customer:" + std::to_string(*r.customer_id);
  return "";
}

// Seals the personal fields of the entry's values with the data key of its
// record (made on first use), when the connection has a sealing key. After
// the key was destroyed (erasure) they are written as erased.
Status SealAuditValues(SqlConnection& db, TimePoint now, AuditRecord& r, AuditEntry& e) {
  const std::string owner = db.sealing_key && !PersonalFields(r.entity_type).empty() ? DataKeyOwner(r) : "";
  if (owner.empty()) {
    if (r.new_json) e.new_value = JsonText(*r.new_json);
    return Status::Ok();
  }
  auto found = db.Execute("SELECT id, wrapped_key FROM data_keys WHERE owner = ?", {owner});
  if (!found.ok()) return found.error();
  std::int64_t key_id = 0;
  std::optional<std::string> data_key;
  if (found->rows.empty()) {
    data_key = NewDataKey();
    auto made = db.Execute("INSERT INTO data_keys (owner, wrapped_key, created_at) VALUES (?, ?, ?) RETURNING id",
                           {owner, WrapDataKey(*data_key, *db.sealing_key), now});
    if (!made.ok()) return made.error();
    key_id = made->rows.at(0).Int(0);
  } else if (!found->rows[0].IsNull(1)) {
    key_id = found->rows[0].Int(0);
    auto unwrapped = UnwrapDataKey(found->rows[0].Text(1), *db.sealing_key);
    if (!unwrapped.ok())
      return Error::FailedPrecondition("the data key of " + owner + " does not open with the configured key");
    data_key = std::move(*unwrapped);
  }
  auto seal = [&](const std::string& text) {
    return data_key ? SealText(text, key_id, *data_key) : std::string(kErasedText);
  };
  e.old_value = SealPersonalFields(e.old_value, r.entity_type, seal);
  if (r.new_json) {
    SealPersonalFieldsIn(*r.new_json, r.entity_type, seal);
    e.new_value = JsonText(*r.new_json);
  } else {
    e.new_value = SealPersonalFields(e.new_value, r.entity_type, seal);
  }
  return Status::Ok();
}

}  // namespace

Status AppendAudit(SqlConnection& db, TimePoint now, const WriteContext& ctx, AuditRecord r) {
  if (!IsCleanUtf8(ctx.reason) || ctx.reason.size() > kMaxShortTextLength)
    return Error::InvalidField("reason", "must be valid text of at most " + std::to_string(kMaxShortTextLength) +
                                             " bytes");
  if (!IsCleanUtf8(ctx.actor.label)) return Error::InvalidField("actor", "must be valid UTF-8 text");
  if (!db.audit_head) {
    // Entries are written in the current canonical form from schema 6 on (the
    // form column), in the legacy form on an older schema (before `migrate`).
    auto head = db.Execute(
        "SELECT seq, hash, (SELECT count(*) FROM schema_migrations WHERE version >= 6) FROM audit_head WHERE id = 1");
    if (!head.ok()) return head.error();
    if (head->rows.empty()) return Error::Internal("the audit head row is missing");
    const SqlRow& row = head->rows[0];
    db.audit_head = SqlConnection::AuditHead{row.Int(0), row.Text(1),
                                             row.Int(2) > 0 ? kAuditFormCurrent : kAuditFormLegacy, false};
  }
  AuditEntry e;
  e.form = db.audit_head->form;
  e.seq = db.audit_head->seq + 1;
  e.prev_hash = e.seq == 1 ? std::string(kAuditGenesisHash) : db.audit_head->hash;
  e.at = now;
  e.actor = ctx.actor.label;
  e.entity_type = r.entity_type;
  e.entity_id = r.entity_id;
  e.action = r.action;
  e.old_value = r.old_value;
  e.new_value = r.new_value;
  e.reason = ctx.reason;
  e.customer_id = r.customer_id;
  e.complaint_id = r.complaint_id;
  if (Status sealed = SealAuditValues(db, now, r, e); !sealed.ok()) return sealed;
  e.hash = ChainHash(e);
  // complaint_id (schema 3) and form (schema 6) are named only when needed,
  // so that writes of the older entities still work on a database not yet
  // migrated.
  std::string sql =
      "INSERT INTO audit_entries (seq, at, actor, entity_type, entity_id, action, old_value, new_value, reason, "
      "prev_hash, hash, customer_id";
  SqlParams params{e.seq,       e.at,        e.actor,  e.entity_type, e.entity_id, e.action,
                   e.old_value, e.new_value, e.reason, e.prev_hash,   e.hash,      SqlOptional(r.customer_id)};
  if (r.complaint_id) {
    sql += ", complaint_id";
    params.push_back(*r.complaint_id);
  }
  if (e.form != kAuditFormLegacy) {
    sql += ", form";
    params.push_back(std::int64_t{e.form});
  }
  sql += ") VALUES (?";
  for (size_t i = 1; i < params.size(); ++i) sql += ", ?";
  sql += ")";
  auto inserted = db.Execute(sql, params);
  if (!inserted.ok()) return inserted.error();
  db.audit_head->seq = e.seq;
  db.audit_head->hash = e.hash;
  db.audit_head->moved = true;
  return LinkIdempotencyKey(db, ctx, r.entity_type, r.entity_id);
}

Status FlushAuditHead(SqlConnection& db) {
  if (!db.audit_head || !db.audit_head->moved) return Status::Ok();
  auto moved = db.Execute("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1",
                          {db.audit_head->seq, db.audit_head->hash});
  if (!moved.ok()) return moved.error();
  db.audit_head->moved = false;
  return Status::Ok();
}

namespace {
thread_local bool t_admin_changed = false;  // the leader runs every write of a group on its thread
}  // namespace

void NoteAdminChange() { t_admin_changed = true; }

bool TakeAdminChange() { return std::exchange(t_admin_changed, false); }

Error DuplicateField(const std::string& what, const std::string& field) {
  return Error::AlreadyExists(what, {{field, "is already in use"}});
}

}  // namespace sql

using namespace sql;

namespace {

constexpr std::int64_t kAuditLockKey = 0x4865617274;  // "Heart": serialises writers on PostgreSQL

const char* MigrationsTableSql(SqlDialect dialect) {
  return dialect == SqlDialect::kSqlite
             ? "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
             : "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ "
               "NOT NULL)";
}

const char* MigrationsTableExistsSql(SqlDialect dialect) {
  return dialect == SqlDialect::kSqlite
             ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
             : "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND "
               "table_name = 'schema_migrations'";
}

Result<int> ReadSchemaVersion(SqlConnection& db) {
  auto exists = QueryInt(db, MigrationsTableExistsSql(db.dialect()));
  if (!exists.ok()) return exists.error();
  if (*exists == 0) return 0;
  auto version = QueryInt(db, "SELECT coalesce(max(version), 0) FROM schema_migrations");
  if (!version.ok()) return version.error();
  return static_cast<int>(*version);
}

Error NewerSchema(int found, int latest) {
  return Error::FailedPrecondition("database schema version " + std::to_string(found) +
                                   " is newer than this binary (" + std::to_string(latest) + "); upgrade Hearken");
}

OrgSettings SettingsFromRow(const SqlRow& row) {
  return {row.Text(0), row.Text(1), row.Time(2)};
}

}  // namespace

SqlStore::SqlStore(std::unique_ptr<SqlPool> pool, std::vector<SqlMigration> migrations, const Clock& clock)
    : pool_(std::move(pool)), migrations_(std::move(migrations)), clock_(clock) {}

SqlStore::~SqlStore() {
  {
    std::lock_guard lock(queue_mutex_);
    stop_writer_ = true;
  }
  writer_wake_.notify_all();
  if (writer_.joinable()) writer_.join();  // it runs what is queued first
}

Status SqlStore::BeginWrite(SqlConnection& db) {
  if (db.dialect() == SqlDialect::kSqlite) {
    auto begun = db.Execute("BEGIN IMMEDIATE");
    return begun.ok() ? Status::Ok() : Status(begun.error());
  }
  auto begun = db.Execute("BEGIN");
  if (!begun.ok()) return begun.error();
  auto locked = db.Execute("SELECT pg_advisory_xact_lock(?)", {kAuditLockKey});
  return locked.ok() ? Status::Ok() : Status(locked.error());
}

struct SqlStore::PendingWrite {
  const WriteFn* run = nullptr;
  Status outcome = Error::Internal("the write group stopped before this write was run");
  bool done = false;
  // Its writer waits on this alone (under queue_mutex_), so that the end of a
  // group wakes the writers of that group and the next leader, not every
  // writer that waits.
  std::condition_variable wake;
  // An asynchronous write owns its body and is told through `on_done`
  // (SubmitWriteAsync); nobody waits on `wake`. It is an intake write: its
  // body may run twice (RunGroup) and leaves its answer counts pending.
  WriteFn owned_run;
  WriteDone on_done;
  bool async() const { return static_cast<bool>(on_done); }
};

void SqlStore::WakeNextLeader() {
  if (queue_.empty()) {
    if (stop_writer_) writer_wake_.notify_one();  // it may end now
    return;
  }
  if (queue_.front()->async()) writer_wake_.notify_one();
  else queue_.front()->wake.notify_one();
}

// One leader's turn: takes leadership and a group of queued writes under the
// queue lock; its destructor (on every path: return, exception) re-takes the
// lock, marks every write of the group done (a write not reached keeps the
// Internal outcome it started with) and wakes their writers, hands
// leadership back and wakes the first queued writer to take it, so that no
// writer waits for a leader that has gone.
class SqlStore::LeaderTurn {
 public:
  LeaderTurn(SqlStore& store, std::unique_lock<std::mutex>& lock) : store_(store), lock_(lock) {
    group_.reserve(kMaxGroup);
    store_.leader_active_ = true;
    while (!store_.queue_.empty() && group_.size() < kMaxGroup) {
      group_.push_back(store_.queue_.front());
      store_.queue_.pop_front();
    }
  }
  ~LeaderTurn() {
    if (!lock_.owns_lock()) lock_.lock();
    std::vector<std::unique_ptr<PendingWrite>> finished_async;
    for (PendingWrite* p : group_) {
      if (p->async()) {
        finished_async.emplace_back(p);
        --store_.queued_async_;
        continue;
      }
      p->done = true;
      p->wake.notify_one();
    }
    store_.leader_active_ = false;
    store_.WakeNextLeader();
    if (finished_async.empty()) return;
    // Told outside the lock: the next group is already free to start.
    lock_.unlock();
    for (auto& p : finished_async) {
      try {
        p->on_done(p->outcome);
      } catch (...) {
        // a reply that cannot be posted is the caller's loss, not the store's
      }
    }
    finished_async.clear();
    lock_.lock();
  }
  LeaderTurn(const LeaderTurn&) = delete;
  LeaderTurn& operator=(const LeaderTurn&) = delete;

  // Runs the group without the queue lock. Whatever a step throws fails the
  // writes of the group that have no outcome yet (RunGroup rolls back).
  void Run() {
    std::function<void(size_t)> hook = store_.group_hook_;
    lock_.unlock();
    try {
      if (hook) hook(group_.size());
      store_.RunGroup(group_);
    } catch (const std::exception& e) {
      Fail(std::string("unexpected failure in a write group: ") + e.what());
    } catch (...) {
      Fail("unexpected failure in a write group");
    }
  }

 private:
  void Fail(const std::string& message) {
    for (PendingWrite* p : group_) p->outcome = Error::Internal(message);
  }

  SqlStore& store_;
  std::unique_lock<std::mutex>& lock_;
  std::vector<PendingWrite*> group_;
};

Status SqlStore::SubmitWrite(const WriteFn& run) {
  PendingWrite item;
  item.run = &run;
  std::unique_lock lock(queue_mutex_);
  queue_.push_back(&item);
  while (!item.done) {
    if (leader_active_) {
      item.wake.wait(lock);
      continue;
    }
    LeaderTurn turn(*this, lock);
    turn.Run();
  }
  return item.outcome;
}

void SqlStore::SubmitWriteAsync(WriteFn run, WriteDone done) {
  auto item = std::make_unique<PendingWrite>();
  item->owned_run = std::move(run);
  item->run = &item->owned_run;
  item->on_done = std::move(done);
  {
    std::lock_guard lock(queue_mutex_);
    if (queued_async_ < kMaxQueuedAsync && !stop_writer_) {
      if (!writer_.joinable()) writer_ = std::thread([this] { WriterLoop(); });
      ++queued_async_;
      queue_.push_back(item.release());
      if (!leader_active_) WakeNextLeader();
      return;
    }
  }
  item->on_done(Error::Unavailable("too many writes are waiting; try again shortly"));
}

// Leads whenever the queue's first write is an asynchronous one and nobody
// leads; on stop, runs what is still queued before it ends.
void SqlStore::WriterLoop() {
  std::unique_lock lock(queue_mutex_);
  for (;;) {
    if (!queue_.empty() && !leader_active_) {
      LeaderTurn turn(*this, lock);
      turn.Run();
      continue;  // the turn's end re-took the lock
    }
    if (stop_writer_ && queue_.empty()) return;
    writer_wake_.wait(lock);
  }
}

void SqlStore::SetWriteGroupHookForTesting(std::function<void(size_t group_size)> hook) {
  std::lock_guard lock(queue_mutex_);
  group_hook_ = std::move(hook);
}

size_t SqlStore::QueuedWritesForTesting() {
  std::lock_guard lock(queue_mutex_);
  return queue_.size();
}

void SqlStore::RunGroup(const std::vector<PendingWrite*>& group) {
  auto fail_all = [&group](const Error& e) {
    for (PendingWrite* p : group) p->outcome = e;
  };
  auto handle = pool_->Acquire(SqlAccess::kWrite);
  if (!handle.ok()) return fail_all(handle.error());
  SqlConnection& db = **handle;
  db.sealing_key = sealing_key_.empty() ? nullptr : &sealing_key_;
  // Whatever escapes below leaves no transaction open on the connection.
  struct RollbackUnlessDone {
    SqlConnection& db;
    bool done = false;
    ~RollbackUnlessDone() {
      if (!done) (void)db.Execute("ROLLBACK");
    }
  } guard{db};
  // What the transaction keeps in memory until COMMIT starts empty.
  auto start_transaction = [&]() -> Status {
    if (Status begun = BeginWrite(db); !begun.ok()) return begun;
    (void)TakeAdminChange();
    db.complaints_to_index.clear();
    db.audit_head.reset();  // read afresh: another process may have appended
    db.survey_answer_counts.clear();
    return Status::Ok();
  };
  if (Status begun = start_transaction(); !begun.ok()) return fail_all(begun.error());
  // A body that throws (a library bug) fails alone. A write that is not an
  // intake write sees exact answer counters: the pending ones move first.
  auto run_one = [&](PendingWrite* p) -> Status {
    try {
      if (!p->async() && !db.survey_answer_counts.empty())
        if (Status flushed = FlushSurveyAnswerCounts(db); !flushed.ok()) return flushed;
      return (*p->run)(db, clock_.Now());
    } catch (const std::exception& e) {
      return Error::Internal(std::string("unexpected failure in a write: ") + e.what());
    } catch (...) {
      return Error::Internal("unexpected failure in a write");
    }
  };
  bool any_succeeded = false;
  // A group of intake writes alone first runs without savepoints (two
  // statements less per write); if one of them fails, the whole attempt is
  // rolled back and the group runs again the careful way below.
  bool settled = group.size() == 1;
  if (!settled && std::all_of(group.begin(), group.end(), [](const PendingWrite* p) { return p->async(); })) {
    settled = true;
    for (PendingWrite* p : group) {
      p->outcome = run_one(p);
      if (!p->outcome.ok()) {
        settled = false;
        break;
      }
    }
    if (settled) {
      any_succeeded = true;
    } else {
      if (auto undone = db.Execute("ROLLBACK"); !undone.ok()) return fail_all(undone.error());
      if (Status begun = start_transaction(); !begun.ok()) return fail_all(begun.error());
    }
  }
  if (group.size() == 1) {
    group[0]->outcome = run_one(group[0]);
    any_succeeded = group[0]->outcome.ok();
  } else if (!settled) {
    for (PendingWrite* p : group) {
      if (auto saved = db.Execute("SAVEPOINT hearken_write"); !saved.ok()) return fail_all(saved.error());
      const size_t noted = db.complaints_to_index.size();
      const std::optional<SqlConnection::AuditHead> head_before = db.audit_head;
      const auto counts_before = db.survey_answer_counts;
      p->outcome = run_one(p);
      if (!p->outcome.ok()) {
        if (auto undone = db.Execute("ROLLBACK TO SAVEPOINT hearken_write"); !undone.ok())
          return fail_all(undone.error());
        db.complaints_to_index.resize(noted);  // its complaints are as they were
        db.audit_head = head_before;           // and so is the chain
        db.survey_answer_counts = counts_before;
      } else {
        any_succeeded = true;
      }
      if (auto released = db.Execute("RELEASE SAVEPOINT hearken_write"); !released.ok())
        return fail_all(released.error());
    }
  }
  if (!any_succeeded) return;  // the guard rolls back
  if (Status indexed = IndexPendingComplaintSearch(db); !indexed.ok()) return fail_all(indexed.error());
  if (Status counted = FlushSurveyAnswerCounts(db); !counted.ok()) return fail_all(counted.error());
  if (Status headed = FlushAuditHead(db); !headed.ok()) return fail_all(headed.error());
  auto committed = db.Execute("COMMIT");

  if (committed.ok()) {
    guard.done = true;
    if (TakeAdminChange()) InvalidateAdminCache();  // after COMMIT: no reader can cache the old values again
    return;
  }
  (void)TakeAdminChange();
  for (PendingWrite* p : group)
    if (p->outcome.ok()) p->outcome = committed.error();
}

Status SqlStore::ExecuteScript(const std::string& sql) {
  auto handle = pool_->Acquire(SqlAccess::kWrite);
  if (!handle.ok()) return handle.error();
  Status done = (*handle)->ExecuteScript(sql);
  InvalidateAdminCache();  // the script may have changed anything
  return done;
}

Result<std::vector<std::vector<std::string>>> SqlStore::QueryRows(const std::string& sql) {
  auto handle = pool_->Acquire(SqlAccess::kWrite);
  if (!handle.ok()) return handle.error();
  auto rows = (*handle)->Execute(sql);
  if (!rows.ok()) return rows.error();
  std::vector<std::vector<std::string>> out;
  for (const auto& r : rows->rows) {
    std::vector<std::string> cells;
    for (size_t i = 0; i < r.size(); ++i) cells.push_back(r.Text(i));
    out.push_back(std::move(cells));
  }
  return out;
}

int SqlStore::LatestSchemaVersion() const { return migrations_.empty() ? 0 : migrations_.back().version; }

Result<int> SqlStore::SchemaVersion() {
  return Read<int>([](SqlConnection& db) { return ReadSchemaVersion(db); });
}

Status SqlStore::Ping() {
  return ToStatus(Read<Unit>([](SqlConnection& db) -> Result<Unit> {
    auto rows = db.Execute("SELECT 1");
    if (!rows.ok()) return rows.error();
    return Unit{};
  }));
}

Status SqlStore::Migrate() {
  const int latest = LatestSchemaVersion();
  {
    auto handle = pool_->Acquire(SqlAccess::kWrite);
    if (!handle.ok()) return handle.error();
    auto version = ReadSchemaVersion(**handle);
    if (!version.ok()) return version.error();
    if (*version > latest) return NewerSchema(*version, latest);
    if (*version == latest) return Status::Ok();
  }
  for (const SqlMigration& migration : migrations_) {
    auto applied = Write<Unit>([&](SqlConnection& db, TimePoint now) -> Result<Unit> {
      // Re-read under the write lock: another process may have migrated.
      auto created = db.Execute(MigrationsTableSql(db.dialect()));
      if (!created.ok()) return created.error();
      auto version = ReadSchemaVersion(db);
      if (!version.ok()) return version.error();
      if (*version > latest) return NewerSchema(*version, latest);
      if (*version >= migration.version) return Unit{};
      if (Status s = db.ExecuteScript(migration.sql); !s.ok()) {
        return Error{s.error().code,
                     "migration " + std::to_string(migration.version) + " (" + migration.name + ") failed: " +
                         s.error().message,
                     {}};
      }
      auto recorded =
          db.Execute("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)", {migration.version, now});
      if (!recorded.ok()) return recorded.error();
      if (migration.version == 1) {
        auto stamped = db.Execute("UPDATE settings SET updated_at = ?", {now});
        if (!stamped.ok()) return stamped.error();
      }
      return Unit{};
    });
    if (!applied.ok()) return applied.error();
  }
  InvalidateAdminCache();
  return Status::Ok();
}

Result<OrgSettings> SqlStore::GetSettings() {
  return Read<OrgSettings>([](SqlConnection& db) -> Result<OrgSettings> {
    auto rows = db.Execute("SELECT name, time_zone, updated_at FROM settings WHERE id = 1");
    if (!rows.ok()) return rows.error();
    if (rows->rows.empty()) return Error::Internal("the settings row is missing; run `hearken migrate`");
    return SettingsFromRow(rows->rows[0]);
  });
}

Result<OrgSettings> SqlStore::UpdateSettings(const WriteContext& ctx, const OrgSettings& settings) {
  if (Status s = ValidateSettings(settings); !s.ok()) return s.error();
  return Write<OrgSettings>([&](SqlConnection& db, TimePoint now) -> Result<OrgSettings> {
    auto rows = db.Execute("SELECT name, time_zone, updated_at FROM settings WHERE id = 1");
    if (!rows.ok()) return rows.error();
    if (rows->rows.empty()) return Error::Internal("the settings row is missing; run `hearken migrate`");
    OrgSettings old = SettingsFromRow(rows->rows[0]);
    OrgSettings updated{settings.name, settings.time_zone, now};
    auto changed = db.Execute("UPDATE settings SET name = ?, time_zone = ?, updated_at = ? WHERE id = 1",
                              {updated.name, updated.time_zone, now});
    if (!changed.ok()) return changed.error();
    NoteAdminChange();  // complaint settings not yet saved default to this time zone
    Status audited = AppendAudit(db, now, ctx,
                                 {"settings", "1", "update", JsonText(ToJson(old)), JsonText(ToJson(updated)), {}});
    if (!audited.ok()) return audited.error();
    return updated;
  });
}

}  // namespace hearken
