// Customers of SqlStore.
#include "core/json_codec.h"
#include "core/validation.h"
#include "store/sql/sql_store.h"
#include "store/sql/sql_store_internal.h"

namespace hearken {

using namespace sql;

namespace {

constexpr const char* kCustomerColumns =
    "c.id, c.kind, c.name, c.email, c.phone, c.segment_id, c.site, c.tags, c.consent_survey, c.consent_survey_at, "
    "c.consent_marketing, c.consent_marketing_at, c.external_ref, c.created_at, c.updated_at";

Customer CustomerFromRow(const SqlRow& r) {
  Customer c;
  c.id = r.Int(0);
  c.kind = ParseCustomerKind(r.Text(1)).value_or(CustomerKind::kPerson);
  c.name = r.Text(2);
  c.email = r.Text(3);
  c.phone = r.Text(4);
  c.segment_id = r.OptInt(5);
  c.site = r.Text(6);
  auto tags = nlohmann::json::parse(r.Text(7), nullptr, false);
  if (tags.is_array())
    for (const auto& t : tags)
      if (t.is_string()) c.tags.push_back(t.get<std::string>());
  c.consent_survey = r.Bool(8);
  c.consent_survey_at = r.OptTime(9);
  c.consent_marketing = r.Bool(10);
  c.consent_marketing_at = r.OptTime(11);
  c.external_ref = r.Text(12);
  c.created_at = r.Time(13);
  c.updated_at = r.Time(14);
  return c;
}

Result<Customer> LoadCustomer(SqlConnection& db, Id id) {
  auto rows = db.Execute(std::string("SELECT ") + kCustomerColumns + " FROM customers c WHERE c.id = ?", {id});
  if (!rows.ok()) return rows.error();
  if (rows->rows.empty()) return Error::NotFound("no such customer");
  return CustomerFromRow(rows->rows[0]);
}

// NULL for an empty address so that the unique index ignores it.
SqlValue EmailKey(const std::string& email) {
  return email.empty() ? SqlNull() : SqlValue(AsciiLower(email));
}

Status CheckCustomerRefs(SqlConnection& db, const Customer& c) {
  if (c.segment_id) {
    auto found = Exists(db, "segments", *c.segment_id);
    if (!found.ok()) return found.error();
    if (!*found) return Error::NotFound("no such segment: " + std::to_string(*c.segment_id));
  }
  if (!c.email.empty()) {
    auto taken = QueryInt(db, "SELECT count(*) FROM customers WHERE email_lower = ? AND id <> ?",
                          {AsciiLower(c.email), c.id});
    if (!taken.ok()) return taken.error();
    if (*taken > 0) return DuplicateField("a customer with this e-mail already exists", "email");
  }
  return Status::Ok();
}

Error MapCustomerWriteError(const Error& e) {
  if (e.code == ErrorCode::kAlreadyExists) return DuplicateField("a customer with this e-mail already exists", "email");
  return e;
}

// The consent time: kept while the flag stays true, set when it turns true,
// cleared when it is false.
std::optional<TimePoint> ConsentTime(bool now_given, bool was_given, const std::optional<TimePoint>& was_at,
                                     TimePoint now) {
  if (!now_given) return std::nullopt;
  if (was_given && was_at) return was_at;
  return now;
}

}  // namespace

Result<Customer> SqlStore::CreateCustomer(const WriteContext& ctx, const Customer& input) {
  if (Status s = ValidateCustomer(input); !s.ok()) return s.error();
  return Write<Customer>([&](SqlConnection& db, TimePoint now) -> Result<Customer> {
    Customer c = input;
    c.id = 0;
    if (Status s = CheckCustomerRefs(db, c); !s.ok()) return s.error();
    c.consent_survey_at = ConsentTime(c.consent_survey, false, std::nullopt, now);
    c.consent_marketing_at = ConsentTime(c.consent_marketing, false, std::nullopt, now);
    c.created_at = c.updated_at = now;
    auto rows = db.Execute(
        "INSERT INTO customers (kind, name, email, email_lower, phone, segment_id, site, tags, consent_survey, "
        "consent_survey_at, consent_marketing, consent_marketing_at, external_ref, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {std::string(ToString(c.kind)), c.name, c.email, EmailKey(c.email), c.phone, SqlOptional(c.segment_id),
         c.site, JsonText(c.tags), c.consent_survey, SqlOptional(c.consent_survey_at), c.consent_marketing,
         SqlOptional(c.consent_marketing_at), c.external_ref, now, now});
    if (!rows.ok()) return MapCustomerWriteError(rows.error());
    c.id = rows->rows.at(0).Int(0);
    Status audited =
        AppendAudit(db, now, ctx, {"customer", std::to_string(c.id), "create", "", JsonText(ToJson(c)), c.id});
    if (!audited.ok()) return audited.error();
    return c;
  });
}

Result<Customer> SqlStore::GetCustomer(Id id) {
  return Read<Customer>([&](SqlConnection& db) { return LoadCustomer(db, id); });
}

Result<Page<Customer>> SqlStore::ListCustomers(const CustomerFilter& filter, const ListOptions& options) {
  if (Status s = ValidateListOptions(options); !s.ok()) return s.error();
  for (auto [field, value] : {std::pair<const char*, const std::string*>{"search", &filter.search},
                              {"tag", &filter.tag},
                              {"site", &filter.site}})
    if (Status s = CheckFilterText(field, *value); !s.ok()) return s.error();
  auto order = OrderBy(options,
                       {{"name", "lower(c.name)"},
                        {"email", "lower(c.email)"},
                        {"created_at", "c.created_at"},
                        {"updated_at", "c.updated_at"},
                        {"site", "lower(c.site)"}},
                       "name", SortDirection::kAscending, "c.id");
  if (!order.ok()) return order.error();
  return ReadSnapshot<Page<Customer>>([&](SqlConnection& db) -> Result<Page<Customer>> {
    Where where;
    if (!filter.search.empty()) {
      std::string pattern = ContainsPattern(filter.search);
      // Tags are a JSON array in text: a part of one tag matches inside it.
      where.Add(std::string("lower(c.name) LIKE lower(?)") + kEscape + " OR lower(c.email) LIKE lower(?)" + kEscape +
                    " OR lower(c.external_ref) LIKE lower(?)" + kEscape + " OR lower(c.tags) LIKE lower(?)" + kEscape,
                {pattern, pattern, pattern, pattern});
    }
    if (filter.segment_id) where.Add("c.segment_id = ?", {*filter.segment_id});
    if (filter.kind) where.Add("c.kind = ?", {std::string(ToString(*filter.kind))});
    if (!filter.site.empty()) where.Add("c.site = ?", {filter.site});
    if (!filter.tag.empty()) {
      where.Add(db.dialect() == SqlDialect::kSqlite
                    ? "EXISTS (SELECT 1 FROM json_each(c.tags) t WHERE t.value = ?)"
                    : "EXISTS (SELECT 1 FROM jsonb_array_elements_text(c.tags::jsonb) t(value) WHERE t.value = ?)",
                {filter.tag});
    }
    Page<Customer> page;
    auto total = QueryInt(db, "SELECT count(*) FROM customers c" + where.Clause(), where.params());
    if (!total.ok()) return total.error();
    page.total = *total;
    auto rows = db.Execute(std::string("SELECT ") + kCustomerColumns + " FROM customers c" + where.Clause() + *order +
                               " LIMIT ? OFFSET ?",
                           WithPaging(where.params(), options));
    if (!rows.ok()) return rows.error();
    for (const auto& r : rows->rows) page.items.push_back(CustomerFromRow(r));
    return page;
  });
}

Result<Customer> SqlStore::UpdateCustomer(const WriteContext& ctx, const Customer& input) {
  if (Status s = ValidateCustomer(input); !s.ok()) return s.error();
  return Write<Customer>([&](SqlConnection& db, TimePoint now) -> Result<Customer> {
    auto old = LoadCustomer(db, input.id);
    if (!old.ok()) return old.error();
    if (Status s = CheckCustomerRefs(db, input); !s.ok()) return s.error();
    Customer c = input;
    c.consent_survey_at = ConsentTime(c.consent_survey, old->consent_survey, old->consent_survey_at, now);
    c.consent_marketing_at = ConsentTime(c.consent_marketing, old->consent_marketing, old->consent_marketing_at, now);
    c.created_at = old->created_at;
    c.updated_at = now;
    auto changed = db.Execute(
        "UPDATE customers SET kind = ?, name = ?, email = ?, email_lower = ?, phone = ?, segment_id = ?, site = ?, "
        "tags = ?, consent_survey = ?, consent_survey_at = ?, consent_marketing = ?, consent_marketing_at = ?, "
        "external_ref = ?, updated_at = ? WHERE id = ?",
        {std::string(ToString(c.kind)), c.name, c.email, EmailKey(c.email), c.phone, SqlOptional(c.segment_id),
         c.site, JsonText(c.tags), c.consent_survey, SqlOptional(c.consent_survey_at), c.consent_marketing,
         SqlOptional(c.consent_marketing_at), c.external_ref, now, c.id});
    if (!changed.ok()) return MapCustomerWriteError(changed.error());
    Status audited = AppendAudit(
        db, now, ctx, {"customer", std::to_string(c.id), "update", JsonText(ToJson(*old)), JsonText(ToJson(c)), c.id});
    if (!audited.ok()) return audited.error();
    return c;
  });
}

Status SqlStore::DeleteCustomer(const WriteContext& ctx, Id id) {
  return ToStatus(Write<Unit>([&](SqlConnection& db, TimePoint now) -> Result<Unit> {
    auto old = LoadCustomer(db, id);
    if (!old.ok()) return old.error();
    auto refs = QueryInt(db,
                         "SELECT (SELECT count(*) FROM requirements WHERE customer_id = ?) + "
                         "(SELECT count(*) FROM communications WHERE customer_id = ?)",
                         {id, id});
    if (!refs.ok()) return refs.error();
    if (*refs > 0)
      return Error::FailedPrecondition("the customer has requirements or communications; it cannot be deleted");
    auto deleted = db.Execute("DELETE FROM customers WHERE id = ?", {id});
    if (!deleted.ok()) return deleted.error();
    Status audited =
        AppendAudit(db, now, ctx, {"customer", std::to_string(id), "delete", JsonText(ToJson(*old)), "", id});
    if (!audited.ok()) return audited.error();
    return Unit{};
  }));
}

Result<std::vector<Customer>> SqlStore::FindCustomersByEmail(const std::string& email) {
  if (email.empty()) return std::vector<Customer>{};
  return Read<std::vector<Customer>>([&](SqlConnection& db) -> Result<std::vector<Customer>> {
    auto rows = db.Execute(
        std::string("SELECT ") + kCustomerColumns + " FROM customers c WHERE c.email_lower = ? ORDER BY c.id",
        {AsciiLower(email)});
    if (!rows.ok()) return rows.error();
    std::vector<Customer> out;
    for (const auto& r : rows->rows) out.push_back(CustomerFromRow(r));
    return out;
  });
}

}  // namespace hearken
