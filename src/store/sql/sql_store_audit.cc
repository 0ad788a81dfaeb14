// Audit trail reading and verification of SqlStore (appending is
// sql::AppendAudit, called inside every write transaction).
#include <limits>
#include <map>
#include <optional>

#include "core/personal_seal.h"

#include "store/sql/sql_store.h"
#include "store/sql/sql_store_internal.h"

namespace hearken {

using namespace sql;

namespace {

constexpr const char* kAuditColumns =
    "seq, at, actor, entity_type, entity_id, action, old_value, new_value, reason, prev_hash, hash, customer_id, "
    "complaint_id, form";

AuditEntry AuditFromRow(const SqlRow& r) {
  AuditEntry e;
  e.seq = r.Int(0);
  e.at = r.Time(1);
  e.actor = r.Text(2);
  e.entity_type = r.Text(3);
  e.entity_id = r.Text(4);
  e.action = r.Text(5);
  e.old_value = r.Text(6);
  e.new_value = r.Text(7);
  e.reason = r.Text(8);
  e.prev_hash = r.Text(9);
  e.hash = r.Text(10);
  e.customer_id = r.OptInt(11);
  e.complaint_id = r.OptInt(12);
  e.form = static_cast<int>(r.Int(13));
  return e;
}

constexpr std::int64_t kVerifyBatch = 5000;

// Opens the sealed personal fields of `entries` (core/personal_seal.h) with
// their data keys: "[erased]" once a key was destroyed, "[sealed]" when no
// server key is configured to open them.
Status OpenPersonalFields(SqlConnection& db, const std::string& server_key, std::vector<AuditEntry>& entries) {
  std::map<std::int64_t, std::optional<std::string>> keys;  // nullopt: destroyed or unknown
  std::optional<Error> failure;
  auto open = [&](const std::string& sealed) -> std::string {
    if (server_key.empty()) return "[sealed]";
    const std::int64_t id = *SealedKeyId(sealed);
    auto known = keys.find(id);
    if (known == keys.end()) {
      std::optional<std::string> key;
      auto row = db.Execute("SELECT wrapped_key FROM data_keys WHERE id = ?", {id});
      if (!row.ok()) {
        failure = row.error();
      } else if (!row->rows.empty() && !row->rows[0].IsNull(0)) {
        auto unwrapped = UnwrapDataKey(row->rows[0].Text(0), server_key);
        if (unwrapped.ok()) key = std::move(*unwrapped);
      }
      known = keys.emplace(id, std::move(key)).first;
    }
    if (!known->second) return kErasedText;
    auto text = OpenText(sealed, *known->second);
    return text.ok() ? *text : std::string(kErasedText);
  };
  for (AuditEntry& e : entries) {
    e.old_value = OpenSealedFields(e.old_value, open);
    e.new_value = OpenSealedFields(e.new_value, open);
  }
  if (failure) return *failure;
  return Status::Ok();
}

}  // namespace

Result<Page<AuditEntry>> SqlStore::ListAudit(const AuditFilter& filter, const ListOptions& options) {
  if (Status s = ValidateListOptions(options); !s.ok()) return s.error();
  auto order = OrderBy(options, {{"seq", "seq"}, {"at", "at"}}, "seq", SortDirection::kAscending, "seq");
  if (!order.ok()) return order.error();
  if (!filter.entity_id.empty() && filter.entity_type.empty())
    return Error::InvalidField("entity_id", "needs entity_type");
  return ReadSnapshot<Page<AuditEntry>>([&](SqlConnection& db) -> Result<Page<AuditEntry>> {
    Where where;
    if (!filter.entity_type.empty()) where.Add("entity_type = ?", {filter.entity_type});
    if (!filter.entity_id.empty()) where.Add("entity_id = ?", {filter.entity_id});
    if (filter.customer_id) where.Add("customer_id = ?", {*filter.customer_id});
    if (!filter.hidden_entity_types.empty()) {
      std::string marks;
      SqlParams hidden;
      for (const std::string& type : filter.hidden_entity_types) {
        marks += marks.empty() ? "?" : ", ?";
        hidden.push_back(type);
      }
      where.Add("entity_type NOT IN (" + marks + ")", std::move(hidden));
    }
    if (filter.complaint_id) {
      // Entries that carry the complaint's id, plus those of corrective
      // actions linked to it (an action may serve several complaints).
      const std::string id_text = std::to_string(*filter.complaint_id);
      where.Add(
          "complaint_id = ? OR (entity_type = 'complaint' AND entity_id = ?) OR (entity_type = 'corrective_action' "
          "AND entity_id IN (SELECT CAST(action_id AS TEXT) FROM corrective_action_complaints WHERE complaint_id = ?))",
          {*filter.complaint_id, id_text, *filter.complaint_id});
    }
    Page<AuditEntry> page;
    auto total = QueryInt(db, "SELECT count(*) FROM audit_entries" + where.Clause(), where.params());
    if (!total.ok()) return total.error();
    page.total = *total;
    auto rows = db.Execute(std::string("SELECT ") + kAuditColumns + " FROM audit_entries" + where.Clause() + *order +
                               " LIMIT ? OFFSET ?",
                           WithPaging(where.params(), options));
    if (!rows.ok()) return rows.error();
    for (const auto& r : rows->rows) page.items.push_back(AuditFromRow(r));
    if (Status opened = OpenPersonalFields(db, sealing_key_, page.items); !opened.ok()) return opened.error();
    return page;
  });
}

Result<AuditVerification> SqlStore::VerifyAudit(const std::vector<AuditAnchor>& anchors) {
  // One snapshot of the chain and its head.
  return ReadSnapshot<AuditVerification>([&](SqlConnection& db) -> Result<AuditVerification> {
    auto head = db.Execute("SELECT seq, hash FROM audit_head WHERE id = 1");
    if (!head.ok()) return head.error();
    std::int64_t head_seq = head->rows.empty() ? 0 : head->rows[0].Int(0);
    std::string head_hash = head->rows.empty() ? "" : head->rows[0].Text(1);
    // Batches streamed through the verifier: memory stays constant however
    // long the trail is.
    AuditChainVerifier verifier(anchors);
    std::int64_t after = std::numeric_limits<std::int64_t>::min();
    while (true) {
      auto rows = db.Execute(std::string("SELECT ") + kAuditColumns +
                                 " FROM audit_entries WHERE seq > ? ORDER BY seq LIMIT ?",
                             {after, kVerifyBatch});
      if (!rows.ok()) return rows.error();
      for (const auto& r : rows->rows) {
        AuditEntry e = AuditFromRow(r);
        after = e.seq;
        verifier.Add(e);
      }
      if (static_cast<std::int64_t>(rows->rows.size()) < kVerifyBatch) break;
    }
    return verifier.Finish(head_seq, head_hash);
  });
}

}  // namespace hearken
