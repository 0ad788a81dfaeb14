// Complaint administration of SqlStore: the complaint settings, the category
// taxonomy, handling ratings, period volumes, the analysis facts
// (ListComplaintFacts) and the job locks (RunExclusive).
#include <algorithm>
#include <map>
#include <mutex>

#include "core/complaint_json.h"
#include "core/time_format.h"
#include "core/validation.h"
#include "store/sql/complaints/category_rows.h"
#include "store/sql/complaints/complaint_row_codec.h"
#include "store/sql/complaints/complaint_rows.h"
#include "store/sql/sql_store.h"
#include "store/sql/sql_store_internal.h"

namespace hearken {

using namespace sql;

namespace sql {

// ---- Settings ----------------------------------------------------------------------

Result<ComplaintSettings> LoadComplaintSettings(SqlConnection& db) {
  auto rows = db.Execute("SELECT settings, updated_at FROM complaint_settings WHERE id = 1");
  if (!rows.ok()) return rows.error();
  if (rows->rows.empty()) return Error::Internal("the complaint settings row is missing");
  const std::string text = rows->rows[0].Text(0);
  ComplaintSettings settings;
  if (text.empty()) {
    settings = DefaultComplaintSettings();
    auto org = db.Execute("SELECT time_zone FROM settings WHERE id = 1");
    if (!org.ok()) return org.error();
    if (!org->rows.empty() && !org->rows[0].Text(0).empty()) settings.calendar.time_zone = org->rows[0].Text(0);
  } else {
    nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
    if (json.is_discarded()) return Error::Internal("the stored complaint settings are not valid JSON");
    auto parsed = ComplaintSettingsFromJson(json);
    if (!parsed.ok()) return Error::Internal("the stored complaint settings are unreadable: " + parsed.error().message);
    settings = *parsed;
  }
  settings.updated_at = rows->rows[0].Time(1);
  return settings;
}

// ---- Categories ----------------------------------------------------------------------

namespace {

constexpr const char* kCategoryColumns = "id, parent_id, name, path, active, created_at, depth";

ComplaintCategory CategoryFromRow(const SqlRow& r) {
  ComplaintCategory c;
  c.id = r.Int(0);
  if (auto p = r.OptInt(1)) c.parent_id = *p;
  c.name = r.Text(2);
  c.path = r.Text(3);
  c.active = r.Bool(4);
  c.created_at = r.Time(5);
  return c;
}

struct CategoryRow {
  ComplaintCategory category;
  int depth = 0;
};

Result<CategoryRow> LoadCategoryRow(SqlConnection& db, Id id) {
  auto rows =
      db.Execute(std::string("SELECT ") + kCategoryColumns + " FROM complaint_categories WHERE id = ?", {id});
  if (!rows.ok()) return rows.error();
  if (rows->rows.empty()) return Error::NotFound("no such category");
  return CategoryRow{CategoryFromRow(rows->rows[0]), static_cast<int>(rows->rows[0].Int(6))};
}

std::string JoinPath(const std::string& parent_path, const std::string& name) {
  return parent_path.empty() ? name : parent_path + " / " + name;
}

Status CheckSiblingFree(SqlConnection& db, std::optional<Id> parent_id, const std::string& name, Id except_id) {
  auto taken = QueryInt(
      db, "SELECT count(*) FROM complaint_categories WHERE coalesce(parent_id, 0) = ? AND name_lower = ? AND id <> ?",
      {parent_id.value_or(0), AsciiLower(name), except_id});
  if (!taken.ok()) return taken.error();
  if (*taken > 0) return DuplicateField("a category with this name already exists here", "name");
  return Status::Ok();
}


}  // namespace

Result<ComplaintCategory> InsertCategory(SqlConnection& db, TimePoint now, const WriteContext& ctx,
                                         const ComplaintCategory& input) {
  if (Status s = ValidateCategoryName(input.name); !s.ok()) return s.error();
  ComplaintCategory c = input;
  int depth = 1;
  std::string parent_path;
  if (c.parent_id) {
    auto parent = LoadCategoryRow(db, *c.parent_id);
    if (!parent.ok()) {
      if (parent.error().code == ErrorCode::kNotFound) return Error::NotFound("no such parent category");
      return parent.error();
    }
    depth = parent->depth + 1;
    parent_path = parent->category.path;
  }
  if (static_cast<size_t>(depth) > kMaxCategoryDepth)
    return Error::FailedPrecondition("categories may be at most " + std::to_string(kMaxCategoryDepth) +
                                     " levels deep");
  if (Status s = CheckSiblingFree(db, c.parent_id, c.name, 0); !s.ok()) return s.error();
  c.path = JoinPath(parent_path, c.name);
  c.created_at = now;
  auto rows = db.Execute(
      "INSERT INTO complaint_categories (parent_id, name, name_lower, path, depth, active, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {SqlOptional(c.parent_id), c.name, AsciiLower(c.name), c.path, std::int64_t{depth}, c.active, now});
  if (!rows.ok()) {
    if (rows.error().code == ErrorCode::kAlreadyExists)
      return DuplicateField("a category with this name already exists here", "name");
    return rows.error();
  }
  c.id = rows->rows.at(0).Int(0);
  NoteAdminChange();
  Status audited = AppendAudit(
      db, now, ctx, {"complaint_category", std::to_string(c.id), "create", "", JsonText(ToJson(c)), {}, {}});
  if (!audited.ok()) return audited.error();
  return c;
}

Result<Id> FindOrCreateCategoryPath(SqlConnection& db, TimePoint now, const WriteContext& ctx,
                                    const std::vector<std::string>& path, std::map<std::string, Id>& cache,
                                    std::int64_t& created) {
  std::optional<Id> parent;
  std::string key;
  for (const std::string& name : path) {
    key += (key.empty() ? "" : " / ") + AsciiLower(name);
    if (auto it = cache.find(key); it != cache.end()) {
      parent = it->second;
      continue;
    }
    auto found = db.Execute("SELECT id FROM complaint_categories WHERE coalesce(parent_id, 0) = ? AND name_lower = ?",
                            {parent.value_or(0), AsciiLower(name)});
    if (!found.ok()) return found.error();
    Id id = 0;
    if (!found->rows.empty()) {
      id = found->rows[0].Int(0);
    } else {
      ComplaintCategory c;
      c.parent_id = parent;
      c.name = name;
      auto inserted = InsertCategory(db, now, ctx, c);
      if (!inserted.ok()) return inserted.error();
      id = inserted->id;
      ++created;
    }
    cache[key] = id;
    parent = id;
  }
  if (!parent) return Error::InvalidArgument("an empty category path");
  return *parent;
}

}  // namespace sql

struct SqlStore::AdminCache {
  std::uint64_t generation = 0;
  std::chrono::steady_clock::time_point loaded;
  ComplaintSettings settings;
  std::vector<ComplaintCategory> categories;  // ListCategories order
  std::map<Id, size_t> by_id;                 // index into categories
};

Result<std::shared_ptr<const SqlStore::AdminCache>> SqlStore::Admin() {
  const std::uint64_t generation = admin_generation_.load();
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(admin_mutex_);
    if (admin_cache_ && admin_cache_->generation == generation && now - admin_cache_->loaded < kAdminCacheTtl)
      return admin_cache_;
  }
  auto loaded = ReadSnapshot<std::shared_ptr<const AdminCache>>(
      [&](SqlConnection& db) -> Result<std::shared_ptr<const AdminCache>> {
        auto cache = std::make_shared<AdminCache>();
        cache->generation = generation;
        cache->loaded = now;
        auto settings = LoadComplaintSettings(db);
        if (!settings.ok()) return settings.error();
        cache->settings = std::move(*settings);
        auto rows = db.Execute(std::string("SELECT ") + kCategoryColumns + " FROM complaint_categories");
        if (!rows.ok()) return rows.error();
        for (const auto& r : rows->rows) cache->categories.push_back(CategoryFromRow(r));
        // Byte order of the path, the same on both databases whatever their collation.
        std::sort(cache->categories.begin(), cache->categories.end(),
                  [](const ComplaintCategory& a, const ComplaintCategory& b) {
                    return a.path != b.path ? a.path < b.path : a.id < b.id;
                  });
        for (size_t i = 0; i < cache->categories.size(); ++i) cache->by_id[cache->categories[i].id] = i;
        return std::shared_ptr<const AdminCache>(std::move(cache));
      });
  if (!loaded.ok()) return loaded.error();
  // Kept only when nothing changed while it loaded (else the next read loads again).
  std::lock_guard lock(admin_mutex_);
  if (admin_generation_.load() == generation) admin_cache_ = *loaded;
  return loaded;
}

Result<ComplaintSettings> SqlStore::GetComplaintSettings() {
  auto admin = Admin();
  if (!admin.ok()) return admin.error();
  return (*admin)->settings;
}

Result<ComplaintSettings> SqlStore::UpdateComplaintSettings(const WriteContext& ctx,
                                                            const ComplaintSettings& input) {
  if (Status s = ValidateComplaintSettings(input); !s.ok()) return s.error();
  return Write<ComplaintSettings>([&](SqlConnection& db, TimePoint now) -> Result<ComplaintSettings> {
    auto old = LoadComplaintSettings(db);
    if (!old.ok()) return old.error();
    ComplaintSettings updated = input;
    updated.updated_at = now;
    const std::string text = JsonText(ToJson(updated));
    auto changed =
        db.Execute("UPDATE complaint_settings SET settings = ?, updated_at = ? WHERE id = 1", {text, now});
    if (!changed.ok()) return changed.error();
    NoteAdminChange();
    Status audited = AppendAudit(db, now, ctx,
                                 {"complaint_settings", "1", "update", JsonText(ToJson(*old)), text, {}, {}});
    if (!audited.ok()) return audited.error();
    return updated;
  });
}

Result<ComplaintCategory> SqlStore::CreateCategory(const WriteContext& ctx, const ComplaintCategory& category) {
  if (Status s = ValidateCategoryName(category.name); !s.ok()) return s.error();
  return Write<ComplaintCategory>([&](SqlConnection& db, TimePoint now) -> Result<ComplaintCategory> {
    return InsertCategory(db, now, ctx, category);
  });
}

Result<std::vector<ComplaintCategory>> SqlStore::ListCategories() {
  auto admin = Admin();
  if (!admin.ok()) return admin.error();
  return (*admin)->categories;
}

Result<ComplaintCategory> SqlStore::GetCategory(Id id) {
  auto admin = Admin();
  if (!admin.ok()) return admin.error();
  if (auto it = (*admin)->by_id.find(id); it != (*admin)->by_id.end()) return (*admin)->categories[it->second];
  // Perhaps just made by another process: ask the database.
  return Read<ComplaintCategory>([&](SqlConnection& db) -> Result<ComplaintCategory> {
    auto row = LoadCategoryRow(db, id);
    if (!row.ok()) return row.error();
    return row->category;
  });
}

Result<ComplaintCategory> SqlStore::UpdateCategory(const WriteContext& ctx, const ComplaintCategory& input) {
  if (Status s = ValidateCategoryName(input.name); !s.ok()) return s.error();
  return Write<ComplaintCategory>([&](SqlConnection& db, TimePoint now) -> Result<ComplaintCategory> {
    auto old = LoadCategoryRow(db, input.id);
    if (!old.ok()) return old.error();
    ComplaintCategory c = old->category;  // the parent does not change
    if (Status s = CheckSiblingFree(db, c.parent_id, input.name, c.id); !s.ok()) return s.error();
    std::string parent_path;
    if (c.parent_id) {
      auto parent = LoadCategoryRow(db, *c.parent_id);
      if (!parent.ok()) return parent.error();
      parent_path = parent->category.path;
    }
    c.name = input.name;
    c.active = input.active;
    c.path = JoinPath(parent_path, c.name);
    auto changed = db.Execute(
        "UPDATE complaint_categories SET name = ?, name_lower = ?, path = ?, active = ? WHERE id = ?",
        {c.name, AsciiLower(c.name), c.path, c.active, c.id});
    NoteAdminChange();
    if (!changed.ok()) {
      if (changed.error().code == ErrorCode::kAlreadyExists)
        return DuplicateField("a category with this name already exists here", "name");
      return changed.error();
    }
    if (c.path != old->category.path) {
      // Rewrite the paths below, level by level from the renamed node.
      auto all = db.Execute("SELECT id, parent_id, name FROM complaint_categories WHERE parent_id IS NOT NULL");
      if (!all.ok()) return all.error();
      std::multimap<Id, std::pair<Id, std::string>> children;
      for (const auto& r : all->rows) children.emplace(r.Int(1), std::make_pair(r.Int(0), r.Text(2)));
      std::vector<std::pair<Id, std::string>> todo{{c.id, c.path}};
      while (!todo.empty()) {
        auto [id, path] = todo.back();
        todo.pop_back();
        auto range = children.equal_range(id);
        for (auto it = range.first; it != range.second; ++it) {
          std::string child_path = JoinPath(path, it->second.second);
          auto moved =
              db.Execute("UPDATE complaint_categories SET path = ? WHERE id = ?", {child_path, it->second.first});
          if (!moved.ok()) return moved.error();
          todo.emplace_back(it->second.first, child_path);
        }
      }
    }
    Status audited = AppendAudit(db, now, ctx,
                                 {"complaint_category", std::to_string(c.id), "update",
                                  JsonText(ToJson(old->category)), JsonText(ToJson(c)), {}, {}});
    if (!audited.ok()) return audited.error();
    return c;
  });
}

// ---- Ratings -------------------------------------------------------------------------

namespace {

struct RatingTokenRow {
  Id complaint_id = 0;
  bool used = false;
};

Result<RatingTokenRow> FindRatingToken(SqlConnection& db, const std::string& token_hash) {
  if (token_hash.empty()) return Error::NotFound("no such rating link");
  auto rows = db.Execute("SELECT id, rating_token_used FROM complaints WHERE rating_token_hash = ?", {token_hash});
  if (!rows.ok()) return rows.error();
  if (rows->rows.empty()) return Error::NotFound("no such rating link");
  return RatingTokenRow{rows->rows[0].Int(0), rows->rows[0].Bool(1)};
}

Result<HandlingRating> LoadRating(SqlConnection& db, Id complaint_id) {
  auto rows = db.Execute("SELECT complaint_id, score, comment, rated_at FROM handling_ratings WHERE complaint_id = ?",
                         {complaint_id});
  if (!rows.ok()) return rows.error();
  if (rows->rows.empty()) return Error::NotFound("the complaint has not been rated");
  HandlingRating r;
  r.complaint_id = rows->rows[0].Int(0);
  r.score = static_cast<int>(rows->rows[0].Int(1));
  r.comment = rows->rows[0].Text(2);
  r.rated_at = rows->rows[0].Time(3);
  return r;
}


}  // namespace

Status SqlStore::IssueRatingToken(const WriteContext& ctx, Id complaint_id, const std::string& token_hash) {
  if (token_hash.empty()) return Error::InvalidField("token", "must not be empty");
  return ToStatus(Write<Unit>([&](SqlConnection& db, TimePoint now) -> Result<Unit> {
    auto rows = db.Execute("SELECT state, rating_token_used FROM complaints WHERE id = ?", {complaint_id});
    if (!rows.ok()) return rows.error();
    if (rows->rows.empty()) return Error::NotFound("no such complaint");
    if (ParseComplaintState(rows->rows[0].Text(0)) != ComplaintState::kClosed)
      return Error::FailedPrecondition("only a closed complaint can be rated");
    auto rated = QueryInt(db, "SELECT count(*) FROM handling_ratings WHERE complaint_id = ?", {complaint_id});
    if (!rated.ok()) return rated.error();
    if (rows->rows[0].Bool(1) || *rated > 0) return Error::FailedPrecondition("the complaint has already been rated");
    auto changed = db.Execute("UPDATE complaints SET rating_token_hash = ?, rating_token_used = ? WHERE id = ?",
                              {token_hash, false, complaint_id});
    if (!changed.ok()) return changed.error();
    // The audit entry never contains the token hash.
    Status audited = AppendAudit(
        db, now, ctx, {"complaint_rating", std::to_string(complaint_id), "issue_link", "", "", {}, complaint_id});
    if (!audited.ok()) return audited.error();
    return Unit{};
  }));
}

Result<Complaint> SqlStore::GetComplaintByRatingToken(const std::string& token_hash) {
  return Read<Complaint>([&](SqlConnection& db) -> Result<Complaint> {
    auto token = FindRatingToken(db, token_hash);
    if (!token.ok()) return token.error();
    if (token->used) return Error::FailedPrecondition("this rating link has already been used");
    return LoadComplaint(db, token->complaint_id);
  });
}

Result<HandlingRating> SqlStore::SubmitRating(const WriteContext& ctx, const std::string& token_hash, int score,
                                              const std::string& comment) {
  if (Status s = ValidateRating(score, comment); !s.ok()) return s.error();
  return Write<HandlingRating>([&](SqlConnection& db, TimePoint now) -> Result<HandlingRating> {
    auto token = FindRatingToken(db, token_hash);
    if (!token.ok()) return token.error();
    if (token->used) return Error::FailedPrecondition("this rating link has already been used");
    HandlingRating r{token->complaint_id, score, comment, now};
    auto inserted = db.Execute("INSERT INTO handling_ratings (complaint_id, score, comment, rated_at) VALUES (?, ?, ?, ?)",
                               {r.complaint_id, std::int64_t{score}, comment, now});
    if (!inserted.ok()) {
      if (inserted.error().code == ErrorCode::kAlreadyExists)
        return Error::FailedPrecondition("the complaint has already been rated");
      return inserted.error();
    }
    auto used = db.Execute("UPDATE complaints SET rating_token_used = ? WHERE id = ?", {true, r.complaint_id});
    if (!used.ok()) return used.error();
    Status audited = AppendAudit(db, now, ctx,
                                 {"complaint_rating", std::to_string(r.complaint_id), "create", "",
                                  JsonText(ToJson(r)), {}, r.complaint_id});
    if (!audited.ok()) return audited.error();
    return r;
  });
}

Result<HandlingRating> SqlStore::GetRating(Id complaint_id) {
  return Read<HandlingRating>([&](SqlConnection& db) { return LoadRating(db, complaint_id); });
}

// ---- Period volumes ---------------------------------------------------------------------

namespace {


Result<std::optional<PeriodVolume>> LoadVolume(SqlConnection& db, const std::string& period) {
  auto rows = db.Execute("SELECT period, volume, unit FROM period_volumes WHERE period = ?", {period});
  if (!rows.ok()) return rows.error();
  if (rows->rows.empty()) return std::optional<PeriodVolume>{};
  return std::optional<PeriodVolume>{PeriodVolume{rows->rows[0].Text(0), rows->rows[0].Double(1), rows->rows[0].Text(2)}};
}

}  // namespace

Result<PeriodVolume> SqlStore::SetPeriodVolume(const WriteContext& ctx, const PeriodVolume& volume) {
  if (Status s = ValidatePeriodVolume(volume); !s.ok()) return s.error();
  return Write<PeriodVolume>([&](SqlConnection& db, TimePoint now) -> Result<PeriodVolume> {
    auto old = LoadVolume(db, volume.period);
    if (!old.ok()) return old.error();
    auto written = db.Execute(
        "INSERT INTO period_volumes (period, volume, unit, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (period) DO UPDATE SET volume = excluded.volume, unit = excluded.unit, "
        "updated_at = excluded.updated_at",
        {volume.period, volume.volume, volume.unit, now});
    if (!written.ok()) return written.error();
    Status audited = AppendAudit(db, now, ctx,
                                 {"period_volume", volume.period, *old ? "update" : "create",
                                  *old ? JsonText(ToJson(**old)) : "", JsonText(ToJson(volume)), {}, {}});
    if (!audited.ok()) return audited.error();
    return volume;
  });
}

Status SqlStore::DeletePeriodVolume(const WriteContext& ctx, const std::string& period) {
  return ToStatus(Write<Unit>([&](SqlConnection& db, TimePoint now) -> Result<Unit> {
    auto old = LoadVolume(db, period);
    if (!old.ok()) return old.error();
    if (!*old) return Error::NotFound("no volume is recorded for this period");
    auto deleted = db.Execute("DELETE FROM period_volumes WHERE period = ?", {period});
    if (!deleted.ok()) return deleted.error();
    Status audited =
        AppendAudit(db, now, ctx, {"period_volume", period, "delete", JsonText(ToJson(**old)), "", {}, {}});
    if (!audited.ok()) return audited.error();
    return Unit{};
  }));
}

Result<std::vector<PeriodVolume>> SqlStore::ListPeriodVolumes() {
  return Read<std::vector<PeriodVolume>>([&](SqlConnection& db) -> Result<std::vector<PeriodVolume>> {
    auto rows = db.Execute("SELECT period, volume, unit FROM period_volumes");
    if (!rows.ok()) return rows.error();
    std::vector<PeriodVolume> out;
    for (const auto& r : rows->rows) out.push_back({r.Text(0), r.Double(1), r.Text(2)});
    std::sort(out.begin(), out.end(), [](const PeriodVolume& a, const PeriodVolume& b) { return a.period < b.period; });
    return out;
  });
}

// ---- Scans ------------------------------------------------------------------------------

namespace {

// The columns of ComplaintDetail::kFacts, in the order FactsFromRow reads.
constexpr char kFactColumns[] =
    "c.id, c.reference, c.state, c.channel, c.intake, c.category_id, c.product, c.segment_id, c.site, c.severity, "
    "c.received_at, c.acknowledged_at, c.responded_at, c.closed_at, c.ack_due_at, c.resolve_due_at, "
    "c.ack_stopped_at, c.resolve_stopped_at, c.reopen_count, "
    "(SELECT r.score FROM handling_ratings r WHERE r.complaint_id = c.id), c.source_outcome, c.source_timely";

Complaint FactsFromRow(const SqlRow& r) {
  Complaint c;
  c.id = r.Int(0);
  c.reference = r.Text(1);
  c.state = ParseComplaintState(r.Text(2)).value_or(ComplaintState::kReceived);
  c.intake.channel = ParseChannel(r.Text(3)).value_or(Channel::kOther);
  c.intake.intake = ParseComplaintIntake(r.Text(4)).value_or(ComplaintIntake::kStaff);
  c.intake.category_id = r.OptInt(5);
  c.intake.product = r.Text(6);
  c.segment_id = r.OptInt(7);
  c.intake.site = r.Text(8);
  if (auto v = r.OptInt(9)) c.severity = static_cast<int>(*v);
  c.received_at = r.Time(10);
  c.intake.received_at = c.received_at;
  c.acknowledged_at = r.OptTime(11);
  c.responded_at = r.OptTime(12);
  c.closed_at = r.OptTime(13);
  c.ack_due_at = r.OptTime(14);
  c.resolve_due_at = r.OptTime(15);
  c.ack_stopped_at = r.OptTime(16);
  c.resolve_stopped_at = r.OptTime(17);
  c.reopen_count = static_cast<int>(r.Int(18));
  if (auto v = r.OptInt(19)) c.rating = static_cast<int>(*v);
  c.source_outcome = r.Text(20);
  if (!r.IsNull(21)) c.source_timely = r.Bool(21);
  return c;
}

}  // namespace

Result<std::vector<Complaint>> SqlStore::ScanComplaints(const ComplaintFilter& filter, const ComplaintScan& scan) {
  if (scan.limit < 1 || scan.limit > 10000) return Error::InvalidField("limit", "must be from 1 to 10000");
  if (scan.after_id < 0) return Error::InvalidField("after_id", "must not be negative");
  if (Status s = CheckFilterText("site", filter.site); !s.ok()) return s.error();
  if (Status s = CheckFilterText("search", filter.search); !s.ok()) return s.error();
  const TimePoint now = filter.now.value_or(clock_.Now());
  return Read<std::vector<Complaint>>([&](SqlConnection& db) -> Result<std::vector<Complaint>> {
    Where where = ComplaintWhere(db.dialect(), filter, now);
    where.Add("c.id > ?", {scan.after_id});
    SqlParams params = where.params();
    params.push_back(std::int64_t{scan.limit});
    const bool facts = scan.detail == ComplaintDetail::kFacts;
    const std::string sql = std::string("SELECT ") + (facts ? kFactColumns : kComplaintColumns) +
                            " FROM complaints c" + where.Clause() + " ORDER BY c.id LIMIT ?";
    if (!facts) return QueryComplaints(db, sql, params);
    auto rows = db.Execute(sql, params);
    if (!rows.ok()) return rows.error();
    std::vector<Complaint> out;
    out.reserve(rows->rows.size());
    for (const auto& r : rows->rows) out.push_back(FactsFromRow(r));
    return out;
  });
}

// ---- Job locks ---------------------------------------------------------------------------

namespace {

// SQLite serves one node: one mutex per lock name for the whole process.
std::mutex& ProcessLock(const std::string& name) {
  static std::mutex registry_mutex;
  static std::map<std::string, std::unique_ptr<std::mutex>> locks;
  std::lock_guard<std::mutex> guard(registry_mutex);
  auto& slot = locks[name];
  if (!slot) slot = std::make_unique<std::mutex>();
  return *slot;
}

// Runs `job`; an exception it throws becomes Internal (none leaves the store).
Status RunJob(const std::string& lock_name, const std::function<void()>& job) {
  try {
    job();
    return Status::Ok();
  } catch (const std::exception& e) {
    return Error::Internal("the job under lock \"" + lock_name + "\" failed: " + e.what());
  } catch (...) {
    return Error::Internal("the job under lock \"" + lock_name + "\" failed");
  }
}

}  // namespace

Result<bool> SqlStore::RunExclusive(const std::string& lock_name, const std::function<void()>& job) {
  if (pool_->dialect() == SqlDialect::kSqlite) {
    std::unique_lock<std::mutex> lock(ProcessLock(lock_name), std::try_to_lock);
    if (!lock.owns_lock()) return false;
    if (Status s = RunJob(lock_name, job); !s.ok()) return s.error();
    return true;
  }
  // PostgreSQL: a session advisory lock on a connection held for the job.
  auto handle = pool_->Acquire(SqlAccess::kWrite);
  if (!handle.ok()) return handle.error();
  SqlConnection& db = **handle;
  auto taken = db.Execute("SELECT pg_try_advisory_lock(hashtext(?))", {lock_name});
  if (!taken.ok()) return taken.error();
  if (taken->rows.empty() || !taken->rows[0].Bool(0)) return false;
  struct Unlock {
    SqlConnection& db;
    const std::string& name;
    ~Unlock() { (void)db.Execute("SELECT pg_advisory_unlock(hashtext(?))", {name}); }
  } unlock{db, lock_name};
  if (Status s = RunJob(lock_name, job); !s.ok()) return s.error();
  return true;
}

}  // namespace hearken
