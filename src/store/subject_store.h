// The personal data held about one person, found by e-mail address (GDPR
// Art. 15 access, Art. 20 portability): the customer records with that
// address, their communications, the complaints filed with that address or
// by those customers, the messages of those complaints as the complainant
// sees them (internal notes excluded), the attachments' descriptions and the
// ratings. Part of Store (store.h); the contracts there hold.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/subject_json.h"

namespace hearken {

// What an erasure changed: the records found and how many of their parts
// were erased, and the data keys destroyed.
struct ErasureReport {
  std::vector<Id> customers;
  std::vector<Id> complaints;
  std::int64_t communications = 0;
  std::int64_t messages = 0;
  std::int64_t attachments = 0;
  std::int64_t ratings = 0;
  std::int64_t keys_destroyed = 0;
  std::int64_t feedback_items = 0;  // feedback by their e-mail or customer: text, e-mail, author handle blanked
};

class SubjectStore {
 public:
  virtual ~SubjectStore() = default;

  // The server key (32 bytes, from a file of the key directory) that wraps
  // the data keys of crypto-shredding (core/personal_seal.h). Once set, the
  // personal fields of new audit entries are sealed and ListAudit opens
  // them. Set once, after Migrate and before the first write.
  virtual void UseSealingKey(const std::string& server_key) = 0;

  // Everything held about `email` (compared case-insensitively), each list
  // oldest first; empty lists when nothing is held.
  // Errors: InvalidArgument naming "email" when it is not an address.
  virtual Result<SubjectData> ExportSubject(const std::string& email) = 0;

  // Erases the person's personal data everywhere (GDPR Art. 17), in one
  // transaction with one audit entry (entity "subject", action "erase",
  // the ids and counts of the report): on the complaints found as above the
  // contact (name, e-mail, phone; no more consent to contact), summary, description and remedy wanted;
  // the complainant's messages, every attachment, the rating comment; their
  // customer records' name, e-mail and phone; the text of inbound
  // communications; the name, e-mail and phone wherever else they occur in
  // those records' text (staff messages, outbound communications); the
  // full-text index rows; and the data keys of those records, so the
  // personal fields sealed in older audit entries read "[erased]". States,
  // dates, categories, severities and scores stay: every statistic is
  // unchanged, and the chain still verifies. On SQLite the freed space is
  // zeroed (secure_delete) and the WAL checkpointed, so the file holds none
  // of the erased text. Erasing an address that holds nothing succeeds with
  // an empty report. Errors: InvalidArgument naming "email",
  // FailedPrecondition when no sealing key is set.
  virtual Result<ErasureReport> EraseSubject(const WriteContext& ctx, const std::string& email) = 0;
};

}  // namespace hearken
