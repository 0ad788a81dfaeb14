// The hash chain of the audit trail (ISO 9001 7.5.3): the canonical text of an
// entry, its chained BLAKE2b hash, and the verification that names every
// tampering it finds. Pure functions with no I/O; the stores use them to
// append entries and to implement Store::VerifyAudit.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/entities.h"

namespace hearken {

// A problem found by VerifyAudit, named for people: kind is one of
// "altered" (an entry's content no longer matches its hash), "missing"
// (a sequence number is absent), "reordered" (an entry does not link to the
// one before it), "truncated" (entries at the end were removed), "rewritten"
// (an entry differs from a signed checkpoint taken outside the database).
struct AuditProblem {
  std::int64_t seq = 0;
  std::string kind;
  std::string message;
};

struct AuditVerification {
  bool intact = true;
  std::int64_t entries_checked = 0;
  std::vector<AuditProblem> problems;
  // The last entry read (0 and "" for an empty trail): what a checkpoint of
  // an intact chain signs.
  std::int64_t last_seq = 0;
  std::string last_hash;
};

// What the chain must hold at one position, known from outside the
// database (a signed checkpoint, core/audit_checkpoint.h): the entry at
// `seq` has hash `hash`. `label` names the anchor in problem messages.
struct AuditAnchor {
  std::int64_t seq = 0;
  std::string hash;
  std::string label;
};

// The prev_hash of the first entry: 64 zeros.
extern const char* const kAuditGenesisHash;

// The canonical forms, recorded per entry (AuditEntry.form):
// 1 (entries written before schema 6): the JSON array [seq, at
//   (FormatTimestamp), actor, entity_type, entity_id, action, old_value,
//   new_value, reason, prev_hash];
// 2: [2, seq, at, actor, entity_type, entity_id, action, old_value,
//   new_value, reason, prev_hash, customer_id, complaint_id] (ids as numbers
//   or null) — every stored column but the hash, so an entry cannot be moved
//   into another customer's or complaint's history unnoticed.
inline constexpr int kAuditFormLegacy = 1;
inline constexpr int kAuditFormCurrent = 2;

// Deterministic text of the entry in its form, as dumped by nlohmann::json;
// "" for an unknown form (which then never matches a hash).
std::string CanonicalAuditForm(const AuditEntry& entry);

// Hex BLAKE2b-256 of prev_hash + "\n" + CanonicalAuditForm(entry): the value
// `entry.hash` must hold.
std::string ChainHash(const AuditEntry& entry);

// Checks a chain read from storage, sorted by seq ascending, against the
// recorded head (last seq and hash; 0 and "" for an empty trail) and the
// anchors. Reports, each with the seq concerned:
// - "altered": the entry's content does not match its hash, or it is in an
//   older form than an entry before it (a downgrade);
// - "missing": sequence numbers absent between two entries (one problem per
//   gap, at the first absent seq);
// - "reordered": the entry is intact but stored at another position than it
//   was written at, or does not link to the entry before it;
// - "truncated": the chain ends before the recorded head or before an
//   anchor;
// - "rewritten": the entry at an anchor's seq has another hash than the
//   anchor (the chain was rewritten, hashes and head recomputed).
// Never fails; `intact` is true exactly when no problem was found.
AuditVerification VerifyAuditChain(const std::vector<AuditEntry>& entries, std::int64_t head_seq,
                                   const std::string& head_hash, const std::vector<AuditAnchor>& anchors = {});

// The same check, fed one entry at a time in seq order, in constant memory
// (for chains too long to hold): Add every entry, then Finish once.
class AuditChainVerifier {
 public:
  // How far from its stored position a moved entry is looked for.
  static constexpr std::int64_t kMoveWindow = 256;

  explicit AuditChainVerifier(std::vector<AuditAnchor> anchors = {});
  void Add(const AuditEntry& entry);
  AuditVerification Finish(std::int64_t head_seq, const std::string& head_hash);

 private:
  void Problem(std::int64_t seq, const char* kind, std::string message);

  AuditVerification result_;
  std::int64_t expected_seq_ = 1;
  std::int64_t last_seq_ = 0;
  std::string last_hash_;
  bool previous_flagged_ = false;
  std::int64_t move_searches_ = 0;
  int highest_form_ = 0;
  std::vector<AuditAnchor> anchors_;  // sorted by seq
  std::size_t next_anchor_ = 0;
};

}  // namespace hearken
