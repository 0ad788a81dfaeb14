// Incoming-webhook sources on SqlStore (FeedbackStore, schema 17): each
// source's secret sealed with the server's data-wrapping key (the key that
// wraps the personal data keys, core/personal_seal.h), rotation with a grace
// period for the previous secret, and each delivery recorded with its
// mentions in one transaction, so a delivery id is accepted once.
#include "core/personal_seal.h"
#include "core/time_format.h"
#include "core/validation.h"
#include "store/sql/feedback/feedback_rows.h"
#include "store/sql/sql_store.h"

namespace hearken {

using namespace sql;

namespace sql {
Status CheckSocialBatch(const std::vector<FeedbackItem>& items);
Result<SocialImportReport> InsertSocialBatch(SqlConnection& db, TimePoint now, const WriteContext& ctx,
                                             const std::vector<FeedbackItem>& items);
}  // namespace sql

namespace {

constexpr size_t kMinSecretBytes = 24;
constexpr size_t kMaxDeliveryIdBytes = 200;

bool IsSourceName(const std::string& name) {
  if (name.empty() || name.size() > 40) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  return true;
}

Status NoSealingKey() {
  return Error::FailedPrecondition("webhook secrets need the server's data-wrapping key (the key directory)");
}

}  // namespace

Result<WebhookSource> SqlStore::SetWebhookSecret(const WriteContext& ctx, const std::string& name,
                                                 const std::string& secret) {
  if (!IsSourceName(name)) return Error::InvalidField("name", "must be 1 to 40 of a-z, 0-9, _ and -");
  if (secret.size() < kMinSecretBytes) return Error::InvalidField("secret", "must be at least 24 bytes");
  return Write<WebhookSource>([&](SqlConnection& db, TimePoint now) -> Result<WebhookSource> {
    if (!db.sealing_key) return NoSealingKey().error();
    const std::string sealed = WrapDataKey(secret, *db.sealing_key);
    auto existing = db.Execute("SELECT sealed_secret, created_at FROM webhook_sources WHERE name = ?", {name});
    if (!existing.ok()) return existing.error();
    WebhookSource source;
    source.name = name;
    std::string action = "create";
    if (existing->rows.empty()) {
      source.created_at = now;
      auto added = db.Execute("INSERT INTO webhook_sources (name, sealed_secret, created_at) VALUES (?, ?, ?)",
                              {name, sealed, now});
      if (!added.ok()) return added.error();
    } else {
      action = "rotate";
      source.created_at = existing->rows[0].Time(1);
      source.rotated_at = now;
      source.previous_valid_until = now + kWebhookRotationGrace;
      auto rotated = db.Execute(
          "UPDATE webhook_sources SET previous_sealed_secret = sealed_secret, previous_valid_until = ?, "
          "sealed_secret = ?, rotated_at = ? WHERE name = ?",
          {*source.previous_valid_until, sealed, now, name});
      if (!rotated.ok()) return rotated.error();
    }
    AuditRecord record{"webhook_source", name, action, "",
                       JsonText({{"name", name},
                                 {"previous_valid_until", source.previous_valid_until
                                                              ? nlohmann::json(FormatTimestamp(*source.previous_valid_until))
                                                              : nlohmann::json()}})};
    if (Status s = AppendAudit(db, now, ctx, std::move(record)); !s.ok()) return s.error();
    return source;
  });
}

Result<std::vector<WebhookSource>> SqlStore::ListWebhookSources() {
  return Read<std::vector<WebhookSource>>([&](SqlConnection& db) -> Result<std::vector<WebhookSource>> {
    auto rows = db.Execute(
        "SELECT s.name, s.created_at, s.rotated_at, s.previous_valid_until, "
        "(SELECT count(*) FROM webhook_deliveries d WHERE d.source = s.name), "
        "(SELECT max(d.received_at) FROM webhook_deliveries d WHERE d.source = s.name) "
        "FROM webhook_sources s ORDER BY s.name");
    if (!rows.ok()) return rows.error();
    std::vector<WebhookSource> out;
    for (const auto& r : rows->rows) {
      WebhookSource s;
      s.name = r.Text(0);
      s.created_at = r.Time(1);
      s.rotated_at = r.OptTime(2);
      s.previous_valid_until = r.OptTime(3);
      s.deliveries = r.Int(4);
      s.last_delivery_at = r.OptTime(5);
      out.push_back(std::move(s));
    }
    return out;
  });
}

Result<std::vector<std::string>> SqlStore::WebhookSecrets(const std::string& name, TimePoint now) {
  // Reads run outside the write path, which alone hands the key to its
  // connection: the store's own copy opens the secrets.
  if (sealing_key_.empty()) return NoSealingKey().error();
  return Read<std::vector<std::string>>([&](SqlConnection& db) -> Result<std::vector<std::string>> {
    auto rows = db.Execute(
        "SELECT sealed_secret, previous_sealed_secret, previous_valid_until FROM webhook_sources WHERE name = ?",
        {name});
    if (!rows.ok()) return rows.error();
    if (rows->rows.empty()) return Error::NotFound("no such webhook source: " + name);
    const SqlRow& r = rows->rows[0];
    std::vector<std::string> secrets;
    auto current = UnwrapDataKey(r.Text(0), sealing_key_);
    if (!current.ok()) return Error::FailedPrecondition("the secret of " + name + " does not open with this key");
    secrets.push_back(std::move(*current));
    if (!r.IsNull(1) && r.OptTime(2) && now < *r.OptTime(2)) {
      auto previous = UnwrapDataKey(r.Text(1), sealing_key_);
      if (previous.ok()) secrets.push_back(std::move(*previous));
    }
    return secrets;
  });
}

Result<SocialImportReport> SqlStore::ReceiveWebhookDelivery(const WriteContext& ctx, const std::string& name,
                                                            const std::string& delivery_id,
                                                            const std::vector<FeedbackItem>& items) {
  if (delivery_id.empty() || delivery_id.size() > kMaxDeliveryIdBytes || !IsCleanUtf8(delivery_id))
    return Error::InvalidField("delivery_id", "must be 1 to 200 bytes of text");
  if (Status s = CheckSocialBatch(items); !s.ok()) return s.error();
  return Write<SocialImportReport>([&](SqlConnection& db, TimePoint now) -> Result<SocialImportReport> {
    auto known = QueryInt(db, "SELECT count(*) FROM webhook_sources WHERE name = ?", {name});
    if (!known.ok()) return known.error();
    if (*known == 0) return Error::NotFound("no such webhook source: " + name);
    auto seen = db.Execute("SELECT received_at FROM webhook_deliveries WHERE source = ? AND delivery_id = ?",
                           {name, delivery_id});
    if (!seen.ok()) return seen.error();
    if (!seen->rows.empty())
      return Error::AlreadyExists("delivery " + delivery_id + " was received at " +
                                      FormatTimestamp(seen->rows[0].Time(0)) + "; a replay is refused",
                                  {{"delivery_id", "was received before"}});
    auto report = InsertSocialBatch(db, now, ctx, items);
    if (!report.ok()) return report.error();
    auto recorded = db.Execute(
        "INSERT INTO webhook_deliveries (source, delivery_id, received_at, created, duplicates) VALUES (?, ?, ?, ?, ?)",
        {name, delivery_id, now, report->created, report->duplicates});
    if (!recorded.ok()) {
      if (recorded.error().code == ErrorCode::kAlreadyExists)
        return Error::AlreadyExists("delivery " + delivery_id + " was received before; a replay is refused",
                                    {{"delivery_id", "was received before"}});
      return recorded.error();
    }
    AuditRecord record{"webhook_delivery", name + "/" + delivery_id, "receive", "",
                       JsonText({{"source", name}, {"created", report->created}, {"duplicates", report->duplicates},
                                 {"feedback_ids", report->created_ids}})};
    if (Status s = AppendAudit(db, now, ctx, std::move(record)); !s.ok()) return s.error();
    return report;
  });
}

}  // namespace hearken
