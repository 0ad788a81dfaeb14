// Feedback items on SqlStore (FeedbackStore, schema 17): one audited write
// per item (entity "feedback_item"), social mentions with their detail row
// and (platform, post_id) duplicates dropped and counted, the list with its
// filters (tags through feedback_tags), tags replaced, and an item turned
// into a complaint in the same transaction that links both.
#include <set>
#include <utility>

#include "core/validation.h"
#include "store/sql/complaints/complaint_rows.h"
#include "store/sql/feedback/feedback_rows.h"
#include "store/sql/sql_store.h"

namespace hearken {

using namespace sql;
using namespace sql::feedback_rows;

namespace sql {

Result<std::optional<FeedbackItem>> FindFeedback(SqlConnection& db, Id id) {
  auto rows = db.Execute(std::string("SELECT ") + kFeedbackColumns + kFeedbackFrom + " WHERE f.id = ?", {id});
  if (!rows.ok()) return rows.error();
  if (rows->rows.empty()) return std::optional<FeedbackItem>();
  return std::optional<FeedbackItem>(FeedbackFromRow(rows->rows[0]));
}

Result<bool> SocialMentionStored(SqlConnection& db, const SocialMention& m) {
  auto found = db.Execute("SELECT 1 FROM social_mentions WHERE platform = ? AND post_id = ?", {m.platform, m.post_id});
  if (!found.ok()) return found.error();
  return !found->rows.empty();
}

Status WriteFeedbackTags(SqlConnection& db, Id id, const std::vector<std::string>& tags) {
  auto cleared = db.Execute("DELETE FROM feedback_tags WHERE feedback_id = ?", {id});
  if (!cleared.ok()) return cleared.error();
  for (const std::string& tag : tags) {
    auto added = db.Execute("INSERT INTO feedback_tags (feedback_id, tag) VALUES (?, ?)", {id, tag});
    if (!added.ok()) return added.error();
  }
  return Status::Ok();
}

// Inserts one validated item (and its social detail) with its audit entry,
// in the caller's write transaction. The caller has checked duplicates.
Result<FeedbackItem> InsertFeedback(SqlConnection& db, TimePoint now, const WriteContext& ctx,
                                    const FeedbackItem& input) {
  FeedbackItem f = input;
  f.complaint_id.reset();
  f.detail_kind.clear();
  f.detail_id.reset();
  f.created_at = now;
  f.created_by = ctx.actor.label;
  if (f.occurred_at == TimePoint{}) f.occurred_at = f.social ? f.social->posted_at : now;
  if (f.social && f.occurred_at == f.social->posted_at && !f.occurred_offset_minutes)
    f.occurred_offset_minutes = f.social->posted_offset_minutes;
  if (f.customer_id) {
    auto seg = db.Execute("SELECT segment_id FROM customers WHERE id = ?", {*f.customer_id});
    if (!seg.ok()) return seg.error();
    if (seg->rows.empty()) return Error::InvalidField("customer_id", "must name a customer");
    if (!f.segment_id) f.segment_id = seg->rows[0].OptInt(0);
  }
  if (f.segment_id && !input.customer_id) {
    auto known = Exists(db, "segments", *f.segment_id);
    if (!known.ok()) return known.error();
    if (!*known) return Error::InvalidField("segment_id", "must name a segment");
  }
  auto inserted = db.Execute(
      "INSERT INTO feedback_items (source, text, rating, rating_scale, customer_id, segment_id, site, touchpoint, "
      "occurred_at, occurred_offset_minutes, occurred_zone, language, tags, contact_email, detail_kind, created_at, "
      "created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {std::string(FeedbackSourceName(f.source)), f.text, SqlOptional(f.rating), SqlOptional(f.rating_scale),
       SqlOptional(f.customer_id), SqlOptional(f.segment_id), f.site, f.touchpoint, f.occurred_at,
       SqlOptional(f.occurred_offset_minutes), f.occurred_zone, f.language, JsonText(f.tags), f.contact_email,
       std::string(f.social ? kSocialDetail : ""), now, f.created_by});
  if (!inserted.ok()) return inserted.error();
  f.id = inserted->rows.at(0).Int(0);
  if (Status s = WriteFeedbackTags(db, f.id, f.tags); !s.ok()) return s.error();
  if (f.social) {
    const SocialMention& m = *f.social;
    auto detail = db.Execute(
        "INSERT INTO social_mentions (feedback_id, platform, post_id, author_handle, url, posted_at, "
        "posted_offset_minutes) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {f.id, m.platform, m.post_id, m.author_handle, m.url, m.posted_at, SqlOptional(m.posted_offset_minutes)});
    if (!detail.ok()) {
      if (detail.error().code == ErrorCode::kAlreadyExists)
        return Error::AlreadyExists("a mention of this post is stored already", {{"social/post_id", "is stored already"}});
      return detail.error();
    }
    f.detail_kind = kSocialDetail;
    f.detail_id = detail->rows.at(0).Int(0);
    auto linked = db.Execute("UPDATE feedback_items SET detail_id = ? WHERE id = ?", {*f.detail_id, f.id});
    if (!linked.ok()) return linked.error();
  }
  AuditRecord record{"feedback_item", std::to_string(f.id), "create", "", "", f.customer_id};
  record.new_json = FeedbackAuditJson(f);
  if (Status s = AppendAudit(db, now, ctx, std::move(record)); !s.ok()) return s.error();
  return f;
}

// Validates every row of a batch, naming "rows/<i>/<field>".
Status CheckSocialBatch(const std::vector<FeedbackItem>& items) {
  if (items.size() > kMaxSocialImportRows)
    return Error::InvalidField("rows", "at most " + std::to_string(kMaxSocialImportRows) + " mentions at once");
  std::vector<FieldError> fields;
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string at = "rows/" + std::to_string(i);
    if (items[i].source != FeedbackSource::kSocial || !items[i].social) {
      fields.push_back({at, "must be a social mention"});
      continue;
    }
    if (Status s = ValidateFeedbackItem(items[i]); !s.ok())
      for (const FieldError& f : s.error().fields) fields.push_back({at + "/" + f.field, f.message});
    if (fields.size() > 100) break;
  }
  if (fields.empty()) return Status::Ok();
  std::string summary;
  for (const FieldError& f : fields) summary += (summary.empty() ? "" : "; ") + f.field + ": " + f.message;
  return Error::InvalidArgument(std::move(summary), std::move(fields));
}

Result<SocialImportReport> InsertSocialBatch(SqlConnection& db, TimePoint now, const WriteContext& ctx,
                                             const std::vector<FeedbackItem>& items) {
  SocialImportReport report;
  std::set<std::pair<std::string, std::string>> in_batch;
  for (const FeedbackItem& item : items) {
    const SocialMention& m = *item.social;
    if (!in_batch.insert({m.platform, m.post_id}).second) {
      ++report.duplicates;
      continue;
    }
    auto stored = SocialMentionStored(db, m);
    if (!stored.ok()) return stored.error();
    if (*stored) {
      ++report.duplicates;
      continue;
    }
    auto added = InsertFeedback(db, now, ctx, item);
    if (!added.ok()) return added.error();
    ++report.created;
    report.created_ids.push_back(added->id);
  }
  return report;
}

}  // namespace sql

namespace {

Result<Where> FeedbackWhere(const FeedbackFilter& f) {
  for (auto [name, value] : {std::pair{"site", &f.site}, {"touchpoint", &f.touchpoint}, {"tag", &f.tag},
                             {"search", &f.search}})
    if (Status s = CheckFilterText(name, *value); !s.ok()) return s.error();
  Where where;
  if (!f.sources.empty()) {
    std::string in;
    SqlParams params;
    for (FeedbackSource s : f.sources) {
      in += in.empty() ? "?" : ", ?";
      params.push_back(std::string(FeedbackSourceName(s)));
    }
    where.Add("f.source IN (" + in + ")", params);
  }
  if (f.from) where.Add("f.occurred_at >= ?", {*f.from});
  if (f.to) where.Add("f.occurred_at < ?", {*f.to});
  if (f.customer_id) where.Add("f.customer_id = ?", {*f.customer_id});
  if (f.segment_id) where.Add("f.segment_id = ?", {*f.segment_id});
  if (!f.site.empty()) where.Add("f.site = ?", {f.site});
  if (!f.touchpoint.empty()) where.Add("f.touchpoint = ?", {f.touchpoint});
  if (!f.tag.empty())
    where.Add("EXISTS (SELECT 1 FROM feedback_tags t WHERE t.feedback_id = f.id AND t.tag = ?)", {f.tag});
  if (f.rating_min) where.Add("f.rating >= ?", {std::int64_t{*f.rating_min}});
  if (f.rating_max) where.Add("f.rating <= ?", {std::int64_t{*f.rating_max}});
  if (f.has_complaint) where.Add(*f.has_complaint ? "f.complaint_id IS NOT NULL" : "f.complaint_id IS NULL");
  if (!f.search.empty()) {
    const std::string pattern = ContainsPattern(f.search);
    where.Add(std::string("(lower(f.text) LIKE lower(?)") + kEscape + " OR lower(coalesce(m.author_handle, '')) LIKE lower(?)" +
                  kEscape + ")",
              {pattern, pattern});
  }
  return where;
}

}  // namespace

Result<FeedbackItem> SqlStore::CreateFeedback(const WriteContext& ctx, const FeedbackItem& item) {
  if (Status s = ValidateFeedbackItem(item); !s.ok()) return s.error();
  return Write<FeedbackItem>([&](SqlConnection& db, TimePoint now) -> Result<FeedbackItem> {
    if (item.social) {
      auto stored = SocialMentionStored(db, *item.social);
      if (!stored.ok()) return stored.error();
      if (*stored)
        return Error::AlreadyExists("a mention of " + item.social->platform + " post " + item.social->post_id +
                                        " is stored already",
                                    {{"social/post_id", "is stored already"}});
    }
    return InsertFeedback(db, now, ctx, item);
  });
}

Result<SocialImportReport> SqlStore::ImportSocialMentions(const WriteContext& ctx,
                                                          const std::vector<FeedbackItem>& items) {
  if (Status s = CheckSocialBatch(items); !s.ok()) return s.error();
  return Write<SocialImportReport>(
      [&](SqlConnection& db, TimePoint now) { return InsertSocialBatch(db, now, ctx, items); });
}

Result<FeedbackItem> SqlStore::GetFeedback(Id id) {
  return Read<FeedbackItem>([&](SqlConnection& db) -> Result<FeedbackItem> {
    auto found = FindFeedback(db, id);
    if (!found.ok()) return found.error();
    if (!*found) return Error::NotFound("no such feedback item: " + std::to_string(id));
    return std::move(**found);
  });
}

Result<Page<FeedbackItem>> SqlStore::ListFeedback(const FeedbackFilter& filter, const ListOptions& options) {
  if (Status s = ValidateListOptions(options); !s.ok()) return s.error();
  auto order = OrderBy(options,
                       {{"occurred_at", "f.occurred_at"}, {"created_at", "f.created_at"}, {"rating", "f.rating"},
                        {"id", "f.id"}},
                       "occurred_at", SortDirection::kDescending, "f.id");
  if (!order.ok()) return order.error();
  auto where = FeedbackWhere(filter);
  if (!where.ok()) return where.error();
  return ReadSnapshot<Page<FeedbackItem>>([&](SqlConnection& db) -> Result<Page<FeedbackItem>> {
    Page<FeedbackItem> page;
    auto total = QueryInt(db, std::string("SELECT count(*)") + kFeedbackFrom + where->Clause(), where->params());
    if (!total.ok()) return total.error();
    page.total = *total;
    auto rows = db.Execute(std::string("SELECT ") + kFeedbackColumns + kFeedbackFrom + where->Clause() + *order +
                               " LIMIT ? OFFSET ?",
                           WithPaging(where->params(), options));
    if (!rows.ok()) return rows.error();
    for (const auto& r : rows->rows) page.items.push_back(FeedbackFromRow(r));
    return page;
  });
}

Result<FeedbackItem> SqlStore::SetFeedbackTags(const WriteContext& ctx, Id id, const std::vector<std::string>& tags) {
  if (Status s = ValidateFeedbackTags(tags); !s.ok()) return s.error();
  return Write<FeedbackItem>([&](SqlConnection& db, TimePoint now) -> Result<FeedbackItem> {
    auto found = FindFeedback(db, id);
    if (!found.ok()) return found.error();
    if (!*found) return Error::NotFound("no such feedback item: " + std::to_string(id));
    FeedbackItem f = std::move(**found);
    auto saved = db.Execute("UPDATE feedback_items SET tags = ? WHERE id = ?", {JsonText(tags), id});
    if (!saved.ok()) return saved.error();
    if (Status s = WriteFeedbackTags(db, id, tags); !s.ok()) return s.error();
    AuditRecord record{"feedback_item", std::to_string(id), "tag", JsonText({{"tags", f.tags}}),
                       JsonText({{"tags", tags}}), f.customer_id};
    if (Status s = AppendAudit(db, now, ctx, std::move(record)); !s.ok()) return s.error();
    f.tags = tags;
    return f;
  });
}

Result<Complaint> SqlStore::FileComplaintFromFeedback(const WriteContext& ctx, Id id,
                                                      const ComplaintIntakeFields& fields,
                                                      const std::string& status_token_hash) {
  if (Status s = ValidateComplaintIntake(fields); !s.ok()) return s.error();
  return Write<Complaint>([&](SqlConnection& db, TimePoint now) -> Result<Complaint> {
    auto found = FindFeedback(db, id);
    if (!found.ok()) return found.error();
    if (!*found) return Error::NotFound("no such feedback item: " + std::to_string(id));
    const FeedbackItem& f = **found;
    if (f.complaint_id) {
      auto existing = LoadComplaint(db, *f.complaint_id);
      if (!existing.ok()) return existing.error();
      return Error::AlreadyExists("feedback " + std::to_string(id) + " was turned into complaint " +
                                      existing->reference + " already",
                                  {{"complaint_id", std::to_string(existing->id) + " " + existing->reference}});
    }
    auto settings = LoadComplaintSettings(db);
    if (!settings.ok()) return settings.error();
    WriteContext from = ctx;
    from.reason = "from feedback " + std::to_string(id) + (ctx.reason.empty() ? "" : ": " + ctx.reason);
    if (from.reason.size() > kMaxShortTextLength) from.reason = "from feedback " + std::to_string(id);
    auto complaint = InsertComplaint(db, now, from, fields, status_token_hash, *settings, nullptr);
    if (!complaint.ok()) return complaint.error();
    auto linked = db.Execute("UPDATE feedback_items SET complaint_id = ? WHERE id = ?", {complaint->id, id});
    if (!linked.ok()) return linked.error();
    AuditRecord record{"feedback_item", std::to_string(id), "complaint", "",
                       JsonText({{"complaint_id", complaint->id}, {"reference", complaint->reference}}),
                       f.customer_id};
    record.complaint_id = complaint->id;
    if (Status s = AppendAudit(db, now, from, std::move(record)); !s.ok()) return s.error();
    return LoadComplaint(db, complaint->id);
  });
}

}  // namespace hearken
