// Corrective actions (ISO 9001 10.2) of SqlStore, with the complaints each
// is linked to (corrective_action_complaints). Audited as entity type
// "corrective_action" with the linked complaint ids in the JSON; each newly
// linked complaint also gets a "link" entry carrying its id, so that the
// action appears in that complaint's timeline.
#include <algorithm>
#include <map>
#include <set>

#include "core/complaint_json.h"
#include "core/validation.h"
#include "store/sql/sql_store.h"
#include "store/sql/sql_store_internal.h"

namespace hearken {

using namespace sql;

namespace {

constexpr const char* kActionColumns =
    "a.id, a.title, a.description, a.owner_id, a.due_date, a.status, a.created_by, a.created_at, a.updated_at";

CorrectiveAction ActionFromRow(const SqlRow& r) {
  CorrectiveAction a;
  a.id = r.Int(0);
  a.title = r.Text(1);
  a.description = r.Text(2);
  if (auto v = r.OptInt(3)) a.owner_id = *v;
  if (!r.IsNull(4)) a.due_date = ParseIsoDate(r.Text(4));
  a.status = ParseActionStatus(r.Text(5)).value_or(ActionStatus::kOpen);
  a.created_by = r.Text(6);
  a.created_at = r.Time(7);
  a.updated_at = r.Time(8);
  return a;
}

// Fills the linked complaint ids (ascending) of `actions` with one query.
Status LoadLinks(SqlConnection& db, std::vector<CorrectiveAction>& actions) {
  if (actions.empty()) return Status::Ok();
  std::string in;
  SqlParams params;
  std::map<Id, CorrectiveAction*> by_id;
  for (auto& a : actions) {
    in += in.empty() ? "?" : ", ?";
    params.push_back(a.id);
    by_id[a.id] = &a;
    a.complaint_ids.clear();
  }
  auto rows = db.Execute("SELECT action_id, complaint_id FROM corrective_action_complaints WHERE action_id IN (" + in +
                             ") ORDER BY action_id, complaint_id",
                         params);
  if (!rows.ok()) return rows.error();
  for (const auto& r : rows->rows)
    if (auto it = by_id.find(r.Int(0)); it != by_id.end()) it->second->complaint_ids.push_back(r.Int(1));
  return Status::Ok();
}

Result<CorrectiveAction> LoadAction(SqlConnection& db, Id id) {
  auto rows = db.Execute(std::string("SELECT ") + kActionColumns + " FROM corrective_actions a WHERE a.id = ?", {id});
  if (!rows.ok()) return rows.error();
  if (rows->rows.empty()) return Error::NotFound("no such corrective action");
  std::vector<CorrectiveAction> one{ActionFromRow(rows->rows[0])};
  if (Status s = LoadLinks(db, one); !s.ok()) return s.error();
  return one[0];
}

// The linked ids sorted and without repeats.
std::vector<Id> NormalisedLinks(const std::vector<Id>& ids) {
  std::vector<Id> out = ids;
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Status CheckReferences(SqlConnection& db, const CorrectiveAction& a) {
  if (a.owner_id) {
    auto exists = Exists(db, "users", *a.owner_id);
    if (!exists.ok()) return exists.error();
    if (!*exists) return Error::NotFound("no such user (owner_id)");
  }
  for (Id id : a.complaint_ids) {
    auto exists = Exists(db, "complaints", id);
    if (!exists.ok()) return exists.error();
    if (!*exists) return Error::NotFound("no such complaint: " + std::to_string(id));
  }
  return Status::Ok();
}

// Replaces the links of `a` and appends a "link" / "unlink" entry for each
// complaint that gained or lost the action.
Status WriteLinks(SqlConnection& db, TimePoint now, const WriteContext& ctx, const CorrectiveAction& a,
                  const std::vector<Id>& old_links) {
  std::set<Id> before(old_links.begin(), old_links.end());
  std::set<Id> after(a.complaint_ids.begin(), a.complaint_ids.end());
  const std::string link_json = JsonText(Json{{"action_id", a.id}, {"title", a.title}});
  for (Id id : before) {
    if (after.count(id)) continue;
    auto removed = db.Execute("DELETE FROM corrective_action_complaints WHERE action_id = ? AND complaint_id = ?",
                              {a.id, id});
    if (!removed.ok()) return removed.error();
    Status audited = AppendAudit(db, now, ctx, {"corrective_action", std::to_string(a.id), "unlink", link_json, "", {}, id});
    if (!audited.ok()) return audited.error();
  }
  for (Id id : after) {
    if (before.count(id)) continue;
    auto added = db.Execute("INSERT INTO corrective_action_complaints (action_id, complaint_id) VALUES (?, ?)",
                            {a.id, id});
    if (!added.ok()) return added.error();
    Status audited = AppendAudit(db, now, ctx, {"corrective_action", std::to_string(a.id), "link", "", link_json, {}, id});
    if (!audited.ok()) return audited.error();
  }
  return Status::Ok();
}

SqlValue DueDateValue(const CorrectiveAction& a) {
  return a.due_date ? SqlValue(FormatIsoDate(*a.due_date)) : SqlNull();
}

}  // namespace

Result<CorrectiveAction> SqlStore::CreateCorrectiveAction(const WriteContext& ctx, const CorrectiveAction& input) {
  if (Status s = ValidateCorrectiveAction(input); !s.ok()) return s.error();
  return Write<CorrectiveAction>([&](SqlConnection& db, TimePoint now) -> Result<CorrectiveAction> {
    CorrectiveAction a = input;
    a.complaint_ids = NormalisedLinks(input.complaint_ids);
    if (Status s = CheckReferences(db, a); !s.ok()) return s.error();
    a.created_by = ctx.actor.label;
    a.created_at = a.updated_at = now;
    auto rows = db.Execute(
        "INSERT INTO corrective_actions (title, description, owner_id, due_date, status, created_by, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {a.title, a.description, SqlOptional(a.owner_id), DueDateValue(a), std::string(ToString(a.status)),
         a.created_by, now, now});
    if (!rows.ok()) return rows.error();
    a.id = rows->rows.at(0).Int(0);
    Status audited =
        AppendAudit(db, now, ctx, {"corrective_action", std::to_string(a.id), "create", "", JsonText(ToJson(a)), {}, {}});
    if (!audited.ok()) return audited.error();
    if (Status s = WriteLinks(db, now, ctx, a, {}); !s.ok()) return s.error();
    return a;
  });
}

Result<CorrectiveAction> SqlStore::GetCorrectiveAction(Id id) {
  return Read<CorrectiveAction>([&](SqlConnection& db) { return LoadAction(db, id); });
}

Result<Page<CorrectiveAction>> SqlStore::ListCorrectiveActions(std::optional<Id> complaint_id,
                                                               std::optional<ActionStatus> status,
                                                               const ListOptions& options) {
  if (Status s = ValidateListOptions(options); !s.ok()) return s.error();
  auto order = OrderBy(options,
                       {{"created_at", "a.created_at"},
                        {"updated_at", "a.updated_at"},
                        {"due_date", "coalesce(a.due_date, '')"},  // no date first on both databases
                        {"status", "a.status"},
                        {"title", "lower(a.title)"}},
                       "created_at", SortDirection::kDescending, "a.id");
  if (!order.ok()) return order.error();
  return ReadSnapshot<Page<CorrectiveAction>>([&](SqlConnection& db) -> Result<Page<CorrectiveAction>> {
    Where where;
    if (complaint_id)
      where.Add("EXISTS (SELECT 1 FROM corrective_action_complaints l WHERE l.action_id = a.id AND l.complaint_id = ?)",
                {*complaint_id});
    if (status) where.Add("a.status = ?", {std::string(ToString(*status))});
    Page<CorrectiveAction> page;
    auto total = QueryInt(db, "SELECT count(*) FROM corrective_actions a" + where.Clause(), where.params());
    if (!total.ok()) return total.error();
    page.total = *total;
    auto rows = db.Execute(std::string("SELECT ") + kActionColumns + " FROM corrective_actions a" + where.Clause() +
                               *order + " LIMIT ? OFFSET ?",
                           WithPaging(where.params(), options));
    if (!rows.ok()) return rows.error();
    for (const auto& r : rows->rows) page.items.push_back(ActionFromRow(r));
    if (Status s = LoadLinks(db, page.items); !s.ok()) return s.error();
    return page;
  });
}

Result<CorrectiveAction> SqlStore::UpdateCorrectiveAction(const WriteContext& ctx, const CorrectiveAction& input) {
  if (Status s = ValidateCorrectiveAction(input); !s.ok()) return s.error();
  return Write<CorrectiveAction>([&](SqlConnection& db, TimePoint now) -> Result<CorrectiveAction> {
    auto old = LoadAction(db, input.id);
    if (!old.ok()) return old.error();
    CorrectiveAction a = input;
    a.complaint_ids = NormalisedLinks(input.complaint_ids);
    if (Status s = CheckReferences(db, a); !s.ok()) return s.error();
    a.created_by = old->created_by;
    a.created_at = old->created_at;
    a.updated_at = now;
    auto changed = db.Execute(
        "UPDATE corrective_actions SET title = ?, description = ?, owner_id = ?, due_date = ?, status = ?, "
        "updated_at = ? WHERE id = ?",
        {a.title, a.description, SqlOptional(a.owner_id), DueDateValue(a), std::string(ToString(a.status)), now,
         a.id});
    if (!changed.ok()) return changed.error();
    Status audited = AppendAudit(db, now, ctx,
                                 {"corrective_action", std::to_string(a.id), "update", JsonText(ToJson(*old)),
                                  JsonText(ToJson(a)), {}, {}});
    if (!audited.ok()) return audited.error();
    if (Status s = WriteLinks(db, now, ctx, a, old->complaint_ids); !s.ok()) return s.error();
    return a;
  });
}

}  // namespace hearken
