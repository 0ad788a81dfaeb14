#include "core/audit_chain.h"

#include <unordered_map>

#include <nlohmann/json.hpp>

#include "core/crypto.h"
#include "core/time_format.h"

namespace hearken {

const char* const kAuditGenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

std::string CanonicalAuditForm(const AuditEntry& e) {
  nlohmann::json form = nlohmann::json::array(
      {e.seq, FormatTimestamp(e.at), e.actor, e.entity_type, e.entity_id, e.action, e.old_value, e.new_value,
       e.reason, e.prev_hash});
  // Invalid UTF-8 is replaced rather than thrown on: the form must exist for
  // any bytes an attacker may have stored.
  return form.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string ChainHash(const AuditEntry& entry) { return Blake2bHex(entry.prev_hash + "\n" + CanonicalAuditForm(entry)); }

namespace {

// Finds the seq each entry was written at by following prev_hash links back to
// the genesis hash (0 when the links are broken). Used to tell an intact entry
// that was moved from one whose content was changed.
class OriginalSeqFinder {
 public:
  explicit OriginalSeqFinder(const std::vector<AuditEntry>& entries) : entries_(entries) {
    for (size_t i = 0; i < entries.size(); ++i) by_hash_.emplace(entries[i].hash, i);
  }

  std::int64_t Find(size_t index) {
    std::vector<size_t> path;
    std::int64_t base = 0;
    size_t current = index;
    while (true) {
      if (auto it = memo_.find(current); it != memo_.end()) {
        base = it->second;
        break;
      }
      path.push_back(current);
      const std::string& prev = entries_[current].prev_hash;
      if (prev == kAuditGenesisHash) {
        base = 0;
        break;
      }
      auto it = by_hash_.find(prev);
      if (it == by_hash_.end() || path.size() > entries_.size()) {
        base = -1;
        break;
      }
      current = it->second;
    }
    // Assign from the oldest link forward.
    for (auto it = path.rbegin(); it != path.rend(); ++it) {
      base = base < 0 ? -1 : base + 1;
      memo_[*it] = base;
    }
    std::int64_t result = memo_[index];
    return result < 0 ? 0 : result;
  }

 private:
  const std::vector<AuditEntry>& entries_;
  std::unordered_map<std::string, size_t> by_hash_;
  std::unordered_map<size_t, std::int64_t> memo_;
};

std::string SeqText(std::int64_t seq) { return std::to_string(seq); }

}  // namespace

AuditVerification VerifyAuditChain(const std::vector<AuditEntry>& entries, std::int64_t head_seq,
                                   const std::string& head_hash) {
  AuditVerification out;
  out.entries_checked = static_cast<std::int64_t>(entries.size());
  auto add = [&out](std::int64_t seq, const char* kind, std::string message) {
    out.problems.push_back({seq, kind, std::move(message)});
  };
  OriginalSeqFinder finder(entries);

  std::int64_t expected_seq = 1;
  bool previous_flagged = false;
  for (size_t i = 0; i < entries.size(); ++i) {
    const AuditEntry& e = entries[i];
    bool gap = false;
    if (e.seq > expected_seq) {
      gap = true;
      std::string range = e.seq - 1 == expected_seq ? "entry " + SeqText(expected_seq)
                                                     : "entries " + SeqText(expected_seq) + " to " + SeqText(e.seq - 1);
      add(expected_seq, "missing", range + " missing before entry " + SeqText(e.seq));
    }
    expected_seq = e.seq + 1;

    bool flagged = false;
    if (ChainHash(e) != e.hash) {
      flagged = true;
      std::int64_t original = finder.Find(i);
      AuditEntry moved = e;
      moved.seq = original;
      if (original > 0 && original != e.seq && ChainHash(moved) == e.hash) {
        add(e.seq, "reordered",
            "entry stored at seq " + SeqText(e.seq) + " was written as seq " + SeqText(original));
      } else {
        add(e.seq, "altered", "entry " + SeqText(e.seq) + " does not match its hash: its content was changed");
      }
    } else if (!gap && !previous_flagged) {
      const std::string& expected_prev = i == 0 ? std::string(kAuditGenesisHash) : entries[i - 1].hash;
      if (e.prev_hash != expected_prev) {
        flagged = true;
        add(e.seq, "reordered",
            "entry " + SeqText(e.seq) + " does not link to the entry before it (entries were moved or replaced)");
      }
    }
    previous_flagged = flagged;
  }

  const std::int64_t last_seq = entries.empty() ? 0 : entries.back().seq;
  if (last_seq < head_seq) {
    add(last_seq + 1, "truncated",
        "the trail ends at seq " + SeqText(last_seq) + " but the recorded head is seq " + SeqText(head_seq) +
            ": entries at the end were removed");
  } else if (last_seq > head_seq) {
    add(head_seq + 1, "altered",
        "entries after the recorded head (seq " + SeqText(head_seq) + ") were added outside Hearken");
  } else if (last_seq > 0 && entries.back().hash != head_hash) {
    add(last_seq, "altered", "the last entry (seq " + SeqText(last_seq) + ") is not the one recorded as the head");
  }
  out.intact = out.problems.empty();
  return out;
}

}  // namespace hearken
