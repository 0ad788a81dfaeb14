// Saved views of SqlStore (SavedViewStore): named list filters, private or
// shared, each change audited. Plain SQL that both dialects run the same.
#include <nlohmann/json.hpp>

#include "store/sql/sql_store.h"
#include "store/sql/sql_store_internal.h"

namespace hearken {

using namespace sql;

namespace {

constexpr const char* kViewSelect =
    "SELECT v.id, v.list, v.name, v.query, v.owner_id, u.display_name, v.shared, v.created_at, v.updated_at "
    "FROM saved_views v JOIN users u ON u.id = v.owner_id";

SavedView ViewFromRow(const SqlRow& r) {
  SavedView v;
  v.id = r.Int(0);
  v.list = r.Text(1);
  v.name = r.Text(2);
  v.query = r.Text(3);
  v.owner_id = r.Int(4);
  v.owner_name = r.Text(5);
  v.shared = r.Bool(6);
  v.created_at = r.Time(7);
  v.updated_at = r.Time(8);
  return v;
}

std::string ViewJson(const SavedView& v) {
  return JsonText(nlohmann::json{
      {"list", v.list}, {"name", v.name}, {"query", v.query}, {"owner_id", v.owner_id}, {"shared", v.shared}});
}

Result<SavedView> LoadView(SqlConnection& db, Id id) {
  auto rows = db.Execute(std::string(kViewSelect) + " WHERE v.id = ?", {id});
  if (!rows.ok()) return rows.error();
  if (rows->rows.empty()) return Error::NotFound("no such saved view: " + std::to_string(id));
  return ViewFromRow(rows->rows[0]);
}

Status CheckNameFree(SqlConnection& db, const SavedView& v) {
  auto taken = QueryInt(db, "SELECT count(*) FROM saved_views WHERE list = ? AND owner_id = ? AND name = ? AND id <> ?",
                        {v.list, v.owner_id, v.name, v.id});
  if (!taken.ok()) return taken.error();
  if (*taken > 0) return DuplicateField("you already have a view of this name", "name");
  return Status::Ok();
}

}  // namespace

Result<std::vector<SavedView>> SqlStore::ListSavedViews(const std::string& list, Id user_id) {
  SavedView probe;
  probe.list = list;
  probe.name = "x";
  if (Status s = ValidateSavedView(probe); !s.ok()) return s.error();
  return Read<std::vector<SavedView>>([&](SqlConnection& db) -> Result<std::vector<SavedView>> {
    auto rows = db.Execute(std::string(kViewSelect) +
                               " WHERE v.list = ? AND (v.owner_id = ? OR v.shared = ?) ORDER BY v.name, v.id",
                           {list, user_id, true});
    if (!rows.ok()) return rows.error();
    std::vector<SavedView> out;
    for (const auto& r : rows->rows) out.push_back(ViewFromRow(r));
    return out;
  });
}

Result<SavedView> SqlStore::GetSavedView(Id id) {
  return Read<SavedView>([&](SqlConnection& db) { return LoadView(db, id); });
}

Result<SavedView> SqlStore::CreateSavedView(const WriteContext& ctx, const SavedView& view) {
  if (Status s = ValidateSavedView(view); !s.ok()) return s.error();
  return Write<SavedView>([&](SqlConnection& db, TimePoint now) -> Result<SavedView> {
    if (auto owner = Exists(db, "users", view.owner_id); !owner.ok() || !*owner)
      return owner.ok() ? Error::InvalidField("owner_id", "must name a user") : owner.error();
    if (Status s = CheckNameFree(db, view); !s.ok()) return s.error();
    auto added = db.Execute(
        "INSERT INTO saved_views (list, name, query, owner_id, shared, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {view.list, view.name, view.query, view.owner_id, view.shared, now, now});
    if (!added.ok()) return added.error();
    auto saved = LoadView(db, added->rows.at(0).Int(0));
    if (!saved.ok()) return saved.error();
    AuditRecord record{"saved_view", std::to_string(saved->id), "create", "", ViewJson(*saved), std::nullopt};
    if (Status s = AppendAudit(db, now, ctx, record); !s.ok()) return s.error();
    return saved;
  });
}

Result<SavedView> SqlStore::UpdateSavedView(const WriteContext& ctx, const SavedView& view) {
  if (Status s = ValidateSavedView(view); !s.ok()) return s.error();
  return Write<SavedView>([&](SqlConnection& db, TimePoint now) -> Result<SavedView> {
    auto before = LoadView(db, view.id);
    if (!before.ok()) return before.error();
    SavedView next = *before;
    next.name = view.name;
    next.query = view.query;
    next.shared = view.shared;
    if (Status s = CheckNameFree(db, next); !s.ok()) return s.error();
    auto updated = db.Execute("UPDATE saved_views SET name = ?, query = ?, shared = ?, updated_at = ? WHERE id = ?",
                              {next.name, next.query, next.shared, now, view.id});
    if (!updated.ok()) return updated.error();
    AuditRecord record{"saved_view", std::to_string(view.id), "update", ViewJson(*before), ViewJson(next),
                       std::nullopt};
    if (Status s = AppendAudit(db, now, ctx, record); !s.ok()) return s.error();
    return LoadView(db, view.id);
  });
}

Status SqlStore::DeleteSavedView(const WriteContext& ctx, Id id) {
  return ToStatus(Write<Unit>([&](SqlConnection& db, TimePoint now) -> Result<Unit> {
    auto before = LoadView(db, id);
    if (!before.ok()) return before.error();
    auto deleted = db.Execute("DELETE FROM saved_views WHERE id = ?", {id});
    if (!deleted.ok()) return deleted.error();
    AuditRecord record{"saved_view", std::to_string(id), "delete", ViewJson(*before), "", std::nullopt};
    if (Status s = AppendAudit(db, now, ctx, record); !s.ok()) return s.error();
    return Unit{};
  }));
}

}  // namespace hearken
