// Requirements register of SqlStore: current version, versions and reviews.
#include "core/json_codec.h"
#include "core/validation.h"
#include "store/sql/sql_store.h"
#include "store/sql/sql_store_internal.h"

namespace hearken {

using namespace sql;

namespace {

constexpr const char* kRequirementColumns =
    "r.id, r.version, r.scope, r.customer_id, r.segment_id, r.kind, r.text, r.source_ref, r.status, r.created_by, "
    "r.created_at, r.updated_at";
constexpr const char* kReviewColumns = "id, requirement_id, version, reviewer_id, reviewer, reviewed_at, outcome, notes";

Requirement RequirementFromRow(const SqlRow& row) {
  Requirement r;
  r.id = row.Int(0);
  r.version = static_cast<int>(row.Int(1));
  r.scope = ParseRequirementScope(row.Text(2)).value_or(RequirementScope::kAll);
  r.customer_id = row.OptInt(3);
  r.segment_id = row.OptInt(4);
  r.kind = ParseRequirementKind(row.Text(5)).value_or(RequirementKind::kCustomerStated);
  r.text = row.Text(6);
  r.source_ref = row.Text(7);
  r.status = ParseRequirementStatus(row.Text(8)).value_or(RequirementStatus::kOpen);
  r.created_by = row.Text(9);
  r.created_at = row.Time(10);
  r.updated_at = row.Time(11);
  return r;
}

RequirementReview ReviewFromRow(const SqlRow& row) {
  RequirementReview v;
  v.id = row.Int(0);
  v.requirement_id = row.Int(1);
  v.version = static_cast<int>(row.Int(2));
  v.reviewer_id = row.OptInt(3);
  v.reviewer = row.Text(4);
  v.reviewed_at = row.Time(5);
  v.outcome = ParseReviewOutcome(row.Text(6)).value_or(ReviewOutcome::kAccepted);
  v.notes = row.Text(7);
  return v;
}

Result<Requirement> LoadRequirement(SqlConnection& db, Id id) {
  auto rows = db.Execute(std::string("SELECT ") + kRequirementColumns + " FROM requirements r WHERE r.id = ?", {id});
  if (!rows.ok()) return rows.error();
  if (rows->rows.empty()) return Error::NotFound("no such requirement");
  return RequirementFromRow(rows->rows[0]);
}

Status InsertVersion(SqlConnection& db, const Requirement& r, const std::string& created_by, TimePoint now) {
  auto inserted = db.Execute(
      "INSERT INTO requirement_versions (requirement_id, version, kind, text, source_ref, created_by, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      {r.id, std::int64_t{r.version}, std::string(ToString(r.kind)), r.text, r.source_ref, created_by, now});
  return inserted.ok() ? Status::Ok() : Status(inserted.error());
}

Status SaveCurrent(SqlConnection& db, const Requirement& r) {
  auto changed = db.Execute(
      "UPDATE requirements SET version = ?, kind = ?, text = ?, source_ref = ?, status = ?, updated_at = ? "
      "WHERE id = ?",
      {std::int64_t{r.version}, std::string(ToString(r.kind)), r.text, r.source_ref, std::string(ToString(r.status)),
       r.updated_at, r.id});
  return changed.ok() ? Status::Ok() : Status(changed.error());
}

}  // namespace

Result<Requirement> SqlStore::CreateRequirement(const WriteContext& ctx, const Requirement& input) {
  if (Status s = ValidateRequirement(input); !s.ok()) return s.error();
  return Write<Requirement>([&](SqlConnection& db, TimePoint now) -> Result<Requirement> {
    if (input.customer_id) {
      auto found = Exists(db, "customers", *input.customer_id);
      if (!found.ok()) return found.error();
      if (!*found) return Error::NotFound("no such customer: " + std::to_string(*input.customer_id));
    }
    if (input.segment_id) {
      auto found = Exists(db, "segments", *input.segment_id);
      if (!found.ok()) return found.error();
      if (!*found) return Error::NotFound("no such segment: " + std::to_string(*input.segment_id));
    }
    Requirement r = input;
    r.version = 1;
    r.status = RequirementStatus::kOpen;
    r.created_by = ctx.actor.label;
    r.created_at = r.updated_at = now;
    auto rows = db.Execute(
        "INSERT INTO requirements (version, scope, customer_id, segment_id, kind, text, source_ref, status, "
        "created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {std::int64_t{1}, std::string(ToString(r.scope)), SqlOptional(r.customer_id), SqlOptional(r.segment_id),
         std::string(ToString(r.kind)), r.text, r.source_ref, std::string(ToString(r.status)), r.created_by, now,
         now});
    if (!rows.ok()) return rows.error();
    r.id = rows->rows.at(0).Int(0);
    if (Status s = InsertVersion(db, r, r.created_by, now); !s.ok()) return s.error();
    Status audited = AppendAudit(
        db, now, ctx, {"requirement", std::to_string(r.id), "create", "", JsonText(ToJson(r)), r.customer_id});
    if (!audited.ok()) return audited.error();
    return r;
  });
}

Result<Requirement> SqlStore::GetRequirement(Id id) {
  return Read<Requirement>([&](SqlConnection& db) { return LoadRequirement(db, id); });
}

Result<Page<Requirement>> SqlStore::ListRequirements(const RequirementFilter& filter, const ListOptions& options) {
  if (Status s = ValidateListOptions(options); !s.ok()) return s.error();
  if (Status s = CheckFilterText("search", filter.search); !s.ok()) return s.error();
  auto order = OrderBy(options,
                       {{"created_at", "r.created_at"},
                        {"updated_at", "r.updated_at"},
                        {"kind", "r.kind"},
                        {"status", "r.status"}},
                       "created_at", SortDirection::kAscending, "r.id");
  if (!order.ok()) return order.error();
  return ReadSnapshot<Page<Requirement>>([&](SqlConnection& db) -> Result<Page<Requirement>> {
    Where where;
    if (filter.scope) where.Add("r.scope = ?", {std::string(ToString(*filter.scope))});
    if (filter.customer_id) where.Add("r.customer_id = ?", {*filter.customer_id});
    if (filter.segment_id) where.Add("r.segment_id = ?", {*filter.segment_id});
    if (filter.kind) where.Add("r.kind = ?", {std::string(ToString(*filter.kind))});
    if (filter.status) where.Add("r.status = ?", {std::string(ToString(*filter.status))});
    if (!filter.search.empty()) {
      std::string pattern = ContainsPattern(filter.search);
      where.Add(std::string("lower(r.text) LIKE lower(?)") + kEscape + " OR lower(r.source_ref) LIKE lower(?)" +
                    kEscape,
                {pattern, pattern});
    }
    Page<Requirement> page;
    auto total = QueryInt(db, "SELECT count(*) FROM requirements r" + where.Clause(), where.params());
    if (!total.ok()) return total.error();
    page.total = *total;
    auto rows = db.Execute(std::string("SELECT ") + kRequirementColumns + " FROM requirements r" + where.Clause() +
                               *order + " LIMIT ? OFFSET ?",
                           WithPaging(where.params(), options));
    if (!rows.ok()) return rows.error();
    for (const auto& r : rows->rows) page.items.push_back(RequirementFromRow(r));
    return page;
  });
}

Result<std::vector<RequirementVersion>> SqlStore::ListRequirementVersions(Id requirement_id) {
  return Read<std::vector<RequirementVersion>>([&](SqlConnection& db) -> Result<std::vector<RequirementVersion>> {
    auto found = Exists(db, "requirements", requirement_id);
    if (!found.ok()) return found.error();
    if (!*found) return Error::NotFound("no such requirement");
    auto rows = db.Execute(
        "SELECT requirement_id, version, kind, text, source_ref, created_by, created_at FROM requirement_versions "
        "WHERE requirement_id = ? ORDER BY version",
        {requirement_id});
    if (!rows.ok()) return rows.error();
    std::vector<RequirementVersion> out;
    for (const auto& r : rows->rows) {
      out.push_back({r.Int(0), static_cast<int>(r.Int(1)),
                     ParseRequirementKind(r.Text(2)).value_or(RequirementKind::kCustomerStated), r.Text(3), r.Text(4),
                     r.Text(5), r.Time(6)});
    }
    return out;
  });
}

Result<RequirementReview> SqlStore::ReviewRequirement(const WriteContext& ctx, Id requirement_id,
                                                      ReviewOutcome outcome, const std::string& notes,
                                                      const std::optional<Amendment>& amendment) {
  if (outcome == ReviewOutcome::kAmended) {
    if (!amendment || amendment->text.find_first_not_of(" \t\r\n") == std::string::npos)
      return Error::InvalidField("text", "is required when the outcome is amended");
  } else if (amendment) {
    return Error::InvalidField("outcome", "only an amended review carries an amendment");
  }
  if (!IsCleanUtf8(notes) || notes.size() > kMaxLongTextLength)
    return Error::InvalidField("notes", "must be valid text of at most " + std::to_string(kMaxLongTextLength) +
                                            " bytes");
  return Write<RequirementReview>([&](SqlConnection& db, TimePoint now) -> Result<RequirementReview> {
    auto old = LoadRequirement(db, requirement_id);
    if (!old.ok()) return old.error();
    if (old->status == RequirementStatus::kWithdrawn)
      return Error::FailedPrecondition("the requirement is withdrawn; it can no longer be reviewed");
    Requirement r = *old;
    r.updated_at = now;
    switch (outcome) {
      case ReviewOutcome::kAccepted: r.status = RequirementStatus::kAccepted; break;
      case ReviewOutcome::kRejected: r.status = RequirementStatus::kRejected; break;
      case ReviewOutcome::kAmended:
        r.status = RequirementStatus::kAccepted;
        r.version = old->version + 1;
        r.text = amendment->text;
        if (amendment->source_ref) r.source_ref = *amendment->source_ref;
        if (amendment->kind) r.kind = *amendment->kind;
        break;
    }
    if (Status s = ValidateRequirement(r); !s.ok()) return s.error();
    if (Status s = SaveCurrent(db, r); !s.ok()) return s.error();
    if (outcome == ReviewOutcome::kAmended) {
      if (Status s = InsertVersion(db, r, ctx.actor.label, now); !s.ok()) return s.error();
    }
    RequirementReview review{0, r.id, old->version, ctx.actor.user_id, ctx.actor.label, now, outcome, notes};
    auto rows = db.Execute(
        "INSERT INTO requirement_reviews (requirement_id, version, reviewer_id, reviewer, reviewed_at, outcome, notes) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {review.requirement_id, std::int64_t{review.version}, SqlOptional(review.reviewer_id), review.reviewer, now,
         std::string(ToString(outcome)), notes});
    if (!rows.ok()) return rows.error();
    review.id = rows->rows.at(0).Int(0);
    nlohmann::json after = ToJson(r);
    after["review"] = ToJson(review);
    Status audited = AppendAudit(db, now, ctx,
                                 {"requirement", std::to_string(r.id), "review", JsonText(ToJson(*old)),
                                  JsonText(after), r.customer_id});
    if (!audited.ok()) return audited.error();
    return review;
  });
}

Result<std::vector<RequirementReview>> SqlStore::ListRequirementReviews(Id requirement_id) {
  return Read<std::vector<RequirementReview>>([&](SqlConnection& db) -> Result<std::vector<RequirementReview>> {
    auto found = Exists(db, "requirements", requirement_id);
    if (!found.ok()) return found.error();
    if (!*found) return Error::NotFound("no such requirement");
    auto rows = db.Execute(std::string("SELECT ") + kReviewColumns +
                               " FROM requirement_reviews WHERE requirement_id = ? ORDER BY reviewed_at DESC, id DESC",
                           {requirement_id});
    if (!rows.ok()) return rows.error();
    std::vector<RequirementReview> out;
    for (const auto& r : rows->rows) out.push_back(ReviewFromRow(r));
    return out;
  });
}

Result<Requirement> SqlStore::WithdrawRequirement(const WriteContext& ctx, Id requirement_id) {
  return Write<Requirement>([&](SqlConnection& db, TimePoint now) -> Result<Requirement> {
    auto old = LoadRequirement(db, requirement_id);
    if (!old.ok()) return old.error();
    if (old->status == RequirementStatus::kWithdrawn)
      return Error::FailedPrecondition("the requirement is already withdrawn");
    Requirement r = *old;
    r.status = RequirementStatus::kWithdrawn;
    r.updated_at = now;
    if (Status s = SaveCurrent(db, r); !s.ok()) return s.error();
    Status audited = AppendAudit(db, now, ctx,
                                 {"requirement", std::to_string(r.id), "withdraw", JsonText(ToJson(*old)),
                                  JsonText(ToJson(r)), r.customer_id});
    if (!audited.ok()) return audited.error();
    return r;
  });
}

}  // namespace hearken
