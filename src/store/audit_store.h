// The audit trail (ISO 9001 7.5.3): the hash-chained entries every write
// appends (core/audit_chain.h), read back by entity, customer or complaint,
// and verified end to end. Part of Store (store.h); the contracts there hold.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/audit_chain.h"
#include "core/entities.h"
#include "core/result.h"
#include "store/store_types.h"

namespace hearken {

struct AuditFilter {
  std::string entity_type;  // empty: all
  std::string entity_id;    // empty: all (only with entity_type)
  // The history of one customer: entries about the customer itself and about
  // records that belong to it (its requirements, reviews, communications).
  std::optional<Id> customer_id;
  // The timeline of one complaint: entries about the complaint and about its
  // messages, attachments, rating and corrective-action links.
  std::optional<Id> complaint_id;
  // Entries of these entity types are left out (and not counted): what the
  // reader's role may not see (the HTTP edge fills it from the role rules).
  std::vector<std::string> hidden_entity_types;
};

class AuditStore {
 public:
  virtual ~AuditStore() = default;

  // Entries oldest first (seq ascending); `total` counts the filtered entries.
  virtual Result<Page<AuditEntry>> ListAudit(const AuditFilter& filter, const ListOptions& options) = 0;
  // Walks the whole chain and the recorded head, and checks it against
  // `anchors` (signed checkpoints kept outside the database, so that a chain
  // rewritten with every hash and the head recomputed, or truncated, is
  // found from the last checkpoint on). Never fails on tampering (it reports
  // it), only on database errors.
  virtual Result<AuditVerification> VerifyAudit(const std::vector<AuditAnchor>& anchors) = 0;
  Result<AuditVerification> VerifyAudit() { return VerifyAudit({}); }
};

}  // namespace hearken
