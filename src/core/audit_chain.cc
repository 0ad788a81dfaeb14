#include "core/audit_chain.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/crypto.h"
#include "core/time_format.h"

namespace hearken {

const char* const kAuditGenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

namespace {

nlohmann::json OptionalId(const std::optional<Id>& id) { return id ? nlohmann::json(*id) : nlohmann::json(nullptr); }

}  // namespace

std::string CanonicalAuditForm(const AuditEntry& e) {
  nlohmann::json form;
  switch (e.form) {
    case kAuditFormLegacy:
      form = nlohmann::json::array({e.seq, FormatTimestamp(e.at), e.actor, e.entity_type, e.entity_id, e.action,
                                    e.old_value, e.new_value, e.reason, e.prev_hash});
      break;
    case kAuditFormCurrent:
      form = nlohmann::json::array({kAuditFormCurrent, e.seq, FormatTimestamp(e.at), e.actor, e.entity_type,
                                    e.entity_id, e.action, e.old_value, e.new_value, e.reason, e.prev_hash,
                                    OptionalId(e.customer_id), OptionalId(e.complaint_id)});
      break;
    default:
      return "";
  }
  // Invalid UTF-8 is replaced rather than thrown on: the form must exist for
  // any bytes an attacker may have stored.
  return form.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string ChainHash(const AuditEntry& entry) {
  const std::string form = CanonicalAuditForm(entry);
  if (form.empty()) return "";
  return Blake2bHex(entry.prev_hash + "\n" + form);
}

namespace {

std::string SeqText(std::int64_t seq) { return std::to_string(seq); }

// Searches near `entry`'s position for the seq it was written at: the one
// whose canonical form matches its hash. 0 when none does.
std::int64_t FindWrittenSeq(const AuditEntry& entry, std::int64_t window) {
  AuditEntry moved = entry;
  for (std::int64_t distance = 1; distance <= window; ++distance) {
    for (std::int64_t candidate : {entry.seq - distance, entry.seq + distance}) {
      if (candidate < 1) continue;
      moved.seq = candidate;
      if (ChainHash(moved) == entry.hash) return candidate;
    }
  }
  return 0;
}

// Bounds the work spent on move searches when a chain is badly damaged.
constexpr std::int64_t kMaxMoveSearches = 1000;

}  // namespace

AuditChainVerifier::AuditChainVerifier(std::vector<AuditAnchor> anchors) : anchors_(std::move(anchors)) {
  std::stable_sort(anchors_.begin(), anchors_.end(),
                   [](const AuditAnchor& a, const AuditAnchor& b) { return a.seq < b.seq; });
}

void AuditChainVerifier::Problem(std::int64_t seq, const char* kind, std::string message) {
  result_.problems.push_back({seq, kind, std::move(message)});
}

void AuditChainVerifier::Add(const AuditEntry& e) {
  ++result_.entries_checked;
  bool gap = false;
  if (e.seq > expected_seq_) {
    gap = true;
    std::string range = e.seq - 1 == expected_seq_
                            ? "entry " + SeqText(expected_seq_)
                            : "entries " + SeqText(expected_seq_) + " to " + SeqText(e.seq - 1);
    Problem(expected_seq_, "missing", range + " missing before entry " + SeqText(e.seq));
  }
  expected_seq_ = e.seq + 1;

  bool flagged = false;
  const bool known_form = e.form == kAuditFormLegacy || e.form == kAuditFormCurrent;
  if (!known_form || ChainHash(e) != e.hash) {
    flagged = true;
    std::int64_t written = 0;
    if (known_form && move_searches_ < kMaxMoveSearches) {
      ++move_searches_;
      written = FindWrittenSeq(e, kMoveWindow);
    }
    if (written > 0) {
      Problem(e.seq, "reordered", "entry stored at seq " + SeqText(e.seq) + " was written as seq " + SeqText(written));
    } else {
      Problem(e.seq, "altered", "entry " + SeqText(e.seq) + " does not match its hash: its content was changed");
    }
  } else if (e.form < highest_form_) {
    flagged = true;
    Problem(e.seq, "altered",
            "entry " + SeqText(e.seq) + " is in canonical form " + std::to_string(e.form) +
                " after entries in form " + std::to_string(highest_form_) + ": it was rewritten in an older form");
  } else if (!gap && !previous_flagged_) {
    const std::string expected_prev = result_.entries_checked == 1 ? std::string(kAuditGenesisHash) : last_hash_;
    if (e.prev_hash != expected_prev) {
      flagged = true;
      Problem(e.seq, "reordered",
              "entry " + SeqText(e.seq) + " does not link to the entry before it (entries were moved or replaced)");
    }
  }
  if (!flagged) highest_form_ = std::max(highest_form_, e.form);
  // Anchors at seqs absent from the chain are reported as "missing" above
  // (or as "truncated" by Finish).
  while (next_anchor_ < anchors_.size() && anchors_[next_anchor_].seq < e.seq) ++next_anchor_;
  bool rewritten = false;
  while (next_anchor_ < anchors_.size() && anchors_[next_anchor_].seq == e.seq) {
    const AuditAnchor& anchor = anchors_[next_anchor_++];
    if (!rewritten && anchor.hash != e.hash) {
      rewritten = true;
      Problem(e.seq, "rewritten",
              "entry " + SeqText(e.seq) + " is not the one " + anchor.label +
                  " recorded: the chain was rewritten from here or before");
    }
  }
  previous_flagged_ = flagged;
  last_seq_ = e.seq;
  last_hash_ = e.hash;
}

AuditVerification AuditChainVerifier::Finish(std::int64_t head_seq, const std::string& head_hash) {
  if (last_seq_ < head_seq) {
    Problem(last_seq_ + 1, "truncated",
            "the trail ends at seq " + SeqText(last_seq_) + " but the recorded head is seq " + SeqText(head_seq) +
                ": entries at the end were removed");
  } else if (last_seq_ > head_seq) {
    Problem(head_seq + 1, "altered",
            "entries after the recorded head (seq " + SeqText(head_seq) + ") were added outside Hearken");
  } else if (last_seq_ > 0 && last_hash_ != head_hash) {
    Problem(last_seq_, "altered", "the last entry (seq " + SeqText(last_seq_) + ") is not the one recorded as the head");
  }
  if (last_seq_ >= head_seq && !anchors_.empty() && anchors_.back().seq > last_seq_) {
    const AuditAnchor& anchor = anchors_.back();
    Problem(last_seq_ + 1, "truncated",
            "the trail ends at seq " + SeqText(last_seq_) + " but " + anchor.label + " recorded seq " +
                SeqText(anchor.seq) + ": entries at the end were removed");
  }
  result_.last_seq = last_seq_;
  result_.last_hash = last_hash_;
  result_.intact = result_.problems.empty();
  return std::move(result_);
}

AuditVerification VerifyAuditChain(const std::vector<AuditEntry>& entries, std::int64_t head_seq,
                                   const std::string& head_hash, const std::vector<AuditAnchor>& anchors) {
  AuditChainVerifier verifier(anchors);
  for (const AuditEntry& e : entries) verifier.Add(e);
  return verifier.Finish(head_seq, head_hash);
}

}  // namespace hearken
