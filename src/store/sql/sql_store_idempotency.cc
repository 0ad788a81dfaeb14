// Idempotency keys of SqlStore (IdempotencyStore): claims, answers, the link
// from a key to the entity its write created, and the purge of expired keys.
// Claims run in the serialised write path, so two concurrent requests with one
// key cannot both claim it.
#include "store/sql/sql_store.h"
#include "store/sql/sql_store_internal.h"

namespace hearken {

using namespace sql;

namespace {
constexpr const char* kPending = "pending";
constexpr const char* kDone = "done";
}  // namespace

Status sql::LinkIdempotencyKey(SqlConnection& db, const WriteContext& ctx, const std::string& entity_type,
                               const std::string& entity_id) {
  if (ctx.idempotency_key_hash.empty()) return Status::Ok();
  auto linked = db.Execute(
      "UPDATE idempotency_keys SET entity_type = ?, entity_id = ? WHERE scope = ? AND key_hash = ? AND state = ? "
      "AND entity_type IS NULL",
      {entity_type, entity_id, ctx.idempotency_scope, ctx.idempotency_key_hash, std::string(kPending)});
  if (!linked.ok()) return linked.error();
  return Status::Ok();
}

Result<IdempotencyClaim> SqlStore::ClaimIdempotencyKey(const IdempotencyRequest& request,
                                                       std::chrono::seconds stale_after,
                                                       std::chrono::seconds keep_for) {
  if (request.scope.empty() || request.key_hash.empty() || request.fingerprint.empty())
    return Error::InvalidArgument("an idempotency claim needs a scope, a key hash and a fingerprint");
  return Write<IdempotencyClaim>([&](SqlConnection& db, TimePoint now) -> Result<IdempotencyClaim> {
    auto purged = db.Execute("DELETE FROM idempotency_keys WHERE expires_at < ?", {now});
    if (!purged.ok()) return purged.error();
    auto rows = db.Execute(
        "SELECT fingerprint, state, status, content_type, location, body, entity_type, entity_id, created_at "
        "FROM idempotency_keys WHERE scope = ? AND key_hash = ?",
        {request.scope, request.key_hash});
    if (!rows.ok()) return rows.error();
    IdempotencyClaim claim;
    if (!rows->rows.empty()) {
      const SqlRow& r = rows->rows[0];
      if (r.Text(0) != request.fingerprint) {
        claim.outcome = IdempotencyOutcome::kMismatch;
        return claim;
      }
      if (r.Text(1) == kDone) {
        claim.outcome = IdempotencyOutcome::kReplay;
        claim.answer = IdempotentAnswer{static_cast<int>(r.Int(2)), r.Text(3), r.Text(4), r.Text(5)};
        return claim;
      }
      if (!r.IsNull(6)) {
        claim.outcome = IdempotencyOutcome::kCreated;
        claim.entity_type = r.Text(6);
        claim.entity_id = r.Text(7);
        return claim;
      }
      if (r.Time(8) > now - stale_after) {
        claim.outcome = IdempotencyOutcome::kInProgress;
        return claim;
      }
      // A claim that died without writing: take it over.
      auto gone = db.Execute("DELETE FROM idempotency_keys WHERE scope = ? AND key_hash = ?",
                             {request.scope, request.key_hash});
      if (!gone.ok()) return gone.error();
    }
    auto claimed = db.Execute(
        "INSERT INTO idempotency_keys (scope, key_hash, fingerprint, state, created_at, expires_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        {request.scope, request.key_hash, request.fingerprint, std::string(kPending), now, now + keep_for});
    if (!claimed.ok()) return claimed.error();
    claim.outcome = IdempotencyOutcome::kClaimed;
    return claim;
  });
}

Status SqlStore::CompleteIdempotencyKey(const IdempotencyRequest& request, const IdempotentAnswer& answer) {
  auto done = Write<bool>([&](SqlConnection& db, TimePoint) -> Result<bool> {
    auto updated = db.Execute(
        "UPDATE idempotency_keys SET state = ?, status = ?, content_type = ?, location = ?, body = ? "
        "WHERE scope = ? AND key_hash = ? AND fingerprint = ?",
        {std::string(kDone), std::int64_t{answer.status}, answer.content_type, answer.location, answer.body,
         request.scope, request.key_hash, request.fingerprint});
    if (!updated.ok()) return updated.error();
    return true;
  });
  if (!done.ok()) return done.error();
  return Status::Ok();
}

Status SqlStore::ReleaseIdempotencyKey(const IdempotencyRequest& request) {
  auto done = Write<bool>([&](SqlConnection& db, TimePoint) -> Result<bool> {
    // A claim whose request wrote something stays: its entity is the proof.
    auto gone = db.Execute(
        "DELETE FROM idempotency_keys WHERE scope = ? AND key_hash = ? AND state = ? AND entity_type IS NULL",
        {request.scope, request.key_hash, std::string(kPending)});
    if (!gone.ok()) return gone.error();
    return true;
  });
  if (!done.ok()) return done.error();
  return Status::Ok();
}

}  // namespace hearken
