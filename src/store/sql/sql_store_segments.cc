// Segments and their ordered needs, of SqlStore.
#include <map>

#include "core/json_codec.h"
#include "core/validation.h"
#include "store/sql/sql_store.h"
#include "store/sql/sql_store_internal.h"

namespace hearken {

using namespace sql;

namespace {

constexpr const char* kSegmentColumns = "s.id, s.name, s.description, s.created_at, s.updated_at";

Segment SegmentFromRow(const SqlRow& r) {
  Segment s;
  s.id = r.Int(0);
  s.name = r.Text(1);
  s.description = r.Text(2);
  s.created_at = r.Time(3);
  s.updated_at = r.Time(4);
  return s;
}

// Fills the needs of `segments` in their stored order, with one query.
Status LoadNeeds(SqlConnection& db, std::vector<Segment>& segments) {
  if (segments.empty()) return Status::Ok();
  std::string in;
  SqlParams params;
  std::map<Id, Segment*> by_id;
  for (auto& s : segments) {
    in += in.empty() ? "?" : ", ?";
    params.push_back(s.id);
    by_id[s.id] = &s;
  }
  auto rows = db.Execute("SELECT segment_id, description, need_class, importance FROM segment_needs WHERE segment_id "
                         "IN (" + in + ") ORDER BY segment_id, position",
                         params);
  if (!rows.ok()) return rows.error();
  for (const auto& r : rows->rows) {
    auto it = by_id.find(r.Int(0));
    if (it == by_id.end()) continue;
    it->second->needs.push_back({r.Text(1), ParseNeedClass(r.Text(2)).value_or(NeedClass::kPerformance),
                                 static_cast<int>(r.Int(3))});
  }
  return Status::Ok();
}

Result<Segment> LoadSegment(SqlConnection& db, Id id) {
  auto rows = db.Execute(std::string("SELECT ") + kSegmentColumns + " FROM segments s WHERE s.id = ?", {id});
  if (!rows.ok()) return rows.error();
  if (rows->rows.empty()) return Error::NotFound("no such segment");
  std::vector<Segment> one{SegmentFromRow(rows->rows[0])};
  if (Status s = LoadNeeds(db, one); !s.ok()) return s.error();
  return one[0];
}

Status CheckNameFree(SqlConnection& db, const std::string& name, Id except_id) {
  auto taken = QueryInt(db, "SELECT count(*) FROM segments WHERE name_lower = ? AND id <> ?",
                        {AsciiLower(name), except_id});
  if (!taken.ok()) return taken.error();
  if (*taken > 0) return DuplicateField("a segment with this name already exists", "name");
  return Status::Ok();
}

Status WriteNeeds(SqlConnection& db, const Segment& s) {
  auto cleared = db.Execute("DELETE FROM segment_needs WHERE segment_id = ?", {s.id});
  if (!cleared.ok()) return cleared.error();
  for (size_t i = 0; i < s.needs.size(); ++i) {
    const Need& n = s.needs[i];
    auto inserted = db.Execute(
        "INSERT INTO segment_needs (segment_id, position, description, need_class, importance) VALUES (?, ?, ?, ?, ?)",
        {s.id, static_cast<std::int64_t>(i), n.description, std::string(ToString(n.need_class)),
         std::int64_t{n.importance}});
    if (!inserted.ok()) return inserted.error();
  }
  return Status::Ok();
}

Error MapSegmentWriteError(const Error& e) {
  if (e.code == ErrorCode::kAlreadyExists) return DuplicateField("a segment with this name already exists", "name");
  return e;
}

}  // namespace

Result<Segment> SqlStore::CreateSegment(const WriteContext& ctx, const Segment& input) {
  if (Status s = ValidateSegment(input); !s.ok()) return s.error();
  return Write<Segment>([&](SqlConnection& db, TimePoint now) -> Result<Segment> {
    if (Status s = CheckNameFree(db, input.name, 0); !s.ok()) return s.error();
    Segment s = input;
    s.created_at = s.updated_at = now;
    auto rows = db.Execute(
        "INSERT INTO segments (name, name_lower, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?) "
        "RETURNING id",
        {s.name, AsciiLower(s.name), s.description, now, now});
    if (!rows.ok()) return MapSegmentWriteError(rows.error());
    s.id = rows->rows.at(0).Int(0);
    if (Status w = WriteNeeds(db, s); !w.ok()) return w.error();
    Status audited =
        AppendAudit(db, now, ctx, {"segment", std::to_string(s.id), "create", "", JsonText(ToJson(s)), {}});
    if (!audited.ok()) return audited.error();
    return s;
  });
}

Result<Segment> SqlStore::GetSegment(Id id) {
  return Read<Segment>([&](SqlConnection& db) { return LoadSegment(db, id); });
}

Result<Page<Segment>> SqlStore::ListSegments(const std::string& search, const ListOptions& options) {
  if (Status s = ValidateListOptions(options); !s.ok()) return s.error();
  if (Status s = CheckFilterText("search", search); !s.ok()) return s.error();
  auto order = OrderBy(options, {{"name", "s.name_lower"}, {"created_at", "s.created_at"}}, "name",
                       SortDirection::kAscending, "s.id");
  if (!order.ok()) return order.error();
  return ReadSnapshot<Page<Segment>>([&](SqlConnection& db) -> Result<Page<Segment>> {
    Where where;
    if (!search.empty()) where.Add(std::string("lower(s.name) LIKE lower(?)") + kEscape, {ContainsPattern(search)});
    Page<Segment> page;
    auto total = QueryInt(db, "SELECT count(*) FROM segments s" + where.Clause(), where.params());
    if (!total.ok()) return total.error();
    page.total = *total;
    auto rows = db.Execute(std::string("SELECT ") + kSegmentColumns + " FROM segments s" + where.Clause() + *order +
                               " LIMIT ? OFFSET ?",
                           WithPaging(where.params(), options));
    if (!rows.ok()) return rows.error();
    for (const auto& r : rows->rows) page.items.push_back(SegmentFromRow(r));
    if (Status s = LoadNeeds(db, page.items); !s.ok()) return s.error();
    return page;
  });
}

Result<Segment> SqlStore::UpdateSegment(const WriteContext& ctx, const Segment& input) {
  if (Status s = ValidateSegment(input); !s.ok()) return s.error();
  return Write<Segment>([&](SqlConnection& db, TimePoint now) -> Result<Segment> {
    auto old = LoadSegment(db, input.id);
    if (!old.ok()) return old.error();
    if (Status s = CheckNameFree(db, input.name, input.id); !s.ok()) return s.error();
    Segment s = input;
    s.created_at = old->created_at;
    s.updated_at = now;
    auto changed = db.Execute("UPDATE segments SET name = ?, name_lower = ?, description = ?, updated_at = ? WHERE id = ?",
                              {s.name, AsciiLower(s.name), s.description, now, s.id});
    if (!changed.ok()) return MapSegmentWriteError(changed.error());
    if (Status w = WriteNeeds(db, s); !w.ok()) return w.error();
    Status audited = AppendAudit(
        db, now, ctx, {"segment", std::to_string(s.id), "update", JsonText(ToJson(*old)), JsonText(ToJson(s)), {}});
    if (!audited.ok()) return audited.error();
    return s;
  });
}

Status SqlStore::DeleteSegment(const WriteContext& ctx, Id id) {
  return ToStatus(Write<Unit>([&](SqlConnection& db, TimePoint now) -> Result<Unit> {
    auto old = LoadSegment(db, id);
    if (!old.ok()) return old.error();
    auto refs = QueryInt(db,
                         "SELECT (SELECT count(*) FROM customers WHERE segment_id = ?) + "
                         "(SELECT count(*) FROM requirements WHERE segment_id = ?)",
                         {id, id});
    if (!refs.ok()) return refs.error();
    if (*refs > 0)
      return Error::FailedPrecondition("customers or requirements refer to the segment; it cannot be deleted");
    auto needs = db.Execute("DELETE FROM segment_needs WHERE segment_id = ?", {id});
    if (!needs.ok()) return needs.error();
    auto deleted = db.Execute("DELETE FROM segments WHERE id = ?", {id});
    if (!deleted.ok()) return deleted.error();
    Status audited = AppendAudit(db, now, ctx, {"segment", std::to_string(id), "delete", JsonText(ToJson(*old)), "", {}});
    if (!audited.ok()) return audited.error();
    return Unit{};
  }));
}

}  // namespace hearken
