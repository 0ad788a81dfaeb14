// Communication log of SqlStore.
#include "core/json_codec.h"
#include "core/validation.h"
#include "store/sql/sql_store.h"
#include "store/sql/sql_store_internal.h"

namespace hearken {

using namespace sql;

namespace {

constexpr const char* kCommunicationColumns =
    "m.id, m.customer_id, m.channel, m.direction, m.subject, m.body, m.occurred_at, m.recorded_by_id, "
    "m.recorded_by, m.created_at, m.updated_at";

Communication CommunicationFromRow(const SqlRow& r) {
  Communication c;
  c.id = r.Int(0);
  c.customer_id = r.Int(1);
  c.channel = ParseChannel(r.Text(2)).value_or(Channel::kOther);
  c.direction = ParseDirection(r.Text(3)).value_or(Direction::kInbound);
  c.subject = r.Text(4);
  c.body = r.Text(5);
  c.occurred_at = r.Time(6);
  c.recorded_by_id = r.OptInt(7);
  c.recorded_by = r.Text(8);
  c.created_at = r.Time(9);
  c.updated_at = r.Time(10);
  return c;
}

Result<Communication> LoadCommunication(SqlConnection& db, Id id) {
  auto rows =
      db.Execute(std::string("SELECT ") + kCommunicationColumns + " FROM communications m WHERE m.id = ?", {id});
  if (!rows.ok()) return rows.error();
  if (rows->rows.empty()) return Error::NotFound("no such communication");
  return CommunicationFromRow(rows->rows[0]);
}

Status CheckCustomer(SqlConnection& db, Id customer_id) {
  auto found = Exists(db, "customers", customer_id);
  if (!found.ok()) return found.error();
  if (!*found) return Error::NotFound("no such customer: " + std::to_string(customer_id));
  return Status::Ok();
}

}  // namespace

Result<Communication> SqlStore::CreateCommunication(const WriteContext& ctx, const Communication& input) {
  if (Status s = ValidateCommunication(input); !s.ok()) return s.error();
  return Write<Communication>([&](SqlConnection& db, TimePoint now) -> Result<Communication> {
    if (Status s = CheckCustomer(db, input.customer_id); !s.ok()) return s.error();
    Communication c = input;
    c.recorded_by_id = ctx.actor.user_id;
    c.recorded_by = ctx.actor.label;
    c.created_at = c.updated_at = now;
    auto rows = db.Execute(
        "INSERT INTO communications (customer_id, channel, direction, subject, body, occurred_at, recorded_by_id, "
        "recorded_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {c.customer_id, std::string(ToString(c.channel)), std::string(ToString(c.direction)), c.subject, c.body,
         c.occurred_at, SqlOptional(c.recorded_by_id), c.recorded_by, now, now});
    if (!rows.ok()) return rows.error();
    c.id = rows->rows.at(0).Int(0);
    Status audited = AppendAudit(
        db, now, ctx, {"communication", std::to_string(c.id), "create", "", JsonText(ToJson(c)), c.customer_id});
    if (!audited.ok()) return audited.error();
    return c;
  });
}

Result<Communication> SqlStore::GetCommunication(Id id) {
  return Read<Communication>([&](SqlConnection& db) { return LoadCommunication(db, id); });
}

Result<Page<Communication>> SqlStore::ListCommunications(const CommunicationFilter& filter,
                                                         const ListOptions& options) {
  if (Status s = ValidateListOptions(options); !s.ok()) return s.error();
  auto order = OrderBy(options,
                       {{"occurred_at", "m.occurred_at"}, {"created_at", "m.created_at"}, {"channel", "m.channel"}},
                       "occurred_at", SortDirection::kDescending, "m.id");
  if (!order.ok()) return order.error();
  return ReadSnapshot<Page<Communication>>([&](SqlConnection& db) -> Result<Page<Communication>> {
    Where where;
    if (filter.customer_id) where.Add("m.customer_id = ?", {*filter.customer_id});
    if (filter.channel) where.Add("m.channel = ?", {std::string(ToString(*filter.channel))});
    if (filter.direction) where.Add("m.direction = ?", {std::string(ToString(*filter.direction))});
    Page<Communication> page;
    auto total = QueryInt(db, "SELECT count(*) FROM communications m" + where.Clause(), where.params());
    if (!total.ok()) return total.error();
    page.total = *total;
    auto rows = db.Execute(std::string("SELECT ") + kCommunicationColumns + " FROM communications m" +
                               where.Clause() + *order + " LIMIT ? OFFSET ?",
                           WithPaging(where.params(), options));
    if (!rows.ok()) return rows.error();
    for (const auto& r : rows->rows) page.items.push_back(CommunicationFromRow(r));
    return page;
  });
}

Result<Communication> SqlStore::UpdateCommunication(const WriteContext& ctx, const Communication& input) {
  if (Status s = ValidateCommunication(input); !s.ok()) return s.error();
  return Write<Communication>([&](SqlConnection& db, TimePoint now) -> Result<Communication> {
    auto old = LoadCommunication(db, input.id);
    if (!old.ok()) return old.error();
    if (Status s = CheckCustomer(db, input.customer_id); !s.ok()) return s.error();
    Communication c = input;
    c.recorded_by_id = old->recorded_by_id;
    c.recorded_by = old->recorded_by;
    c.created_at = old->created_at;
    c.updated_at = now;
    auto changed = db.Execute(
        "UPDATE communications SET customer_id = ?, channel = ?, direction = ?, subject = ?, body = ?, "
        "occurred_at = ?, updated_at = ? WHERE id = ?",
        {c.customer_id, std::string(ToString(c.channel)), std::string(ToString(c.direction)), c.subject, c.body,
         c.occurred_at, now, c.id});
    if (!changed.ok()) return changed.error();
    Status audited = AppendAudit(db, now, ctx,
                                 {"communication", std::to_string(c.id), "update", JsonText(ToJson(*old)),
                                  JsonText(ToJson(c)), c.customer_id});
    if (!audited.ok()) return audited.error();
    return c;
  });
}

Status SqlStore::DeleteCommunication(const WriteContext& ctx, Id id) {
  return ToStatus(Write<Unit>([&](SqlConnection& db, TimePoint now) -> Result<Unit> {
    auto old = LoadCommunication(db, id);
    if (!old.ok()) return old.error();
    auto deleted = db.Execute("DELETE FROM communications WHERE id = ?", {id});
    if (!deleted.ok()) return deleted.error();
    Status audited = AppendAudit(
        db, now, ctx, {"communication", std::to_string(id), "delete", JsonText(ToJson(*old)), "", old->customer_id});
    if (!audited.ok()) return audited.error();
    return Unit{};
  }));
}

}  // namespace hearken
