// The vocabulary every area interface of the store shares: who writes and
// why (WriteContext, recorded in the audit entry of every write), how a list
// is paged and sorted (ListOptions), and a page of results (Page).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/entities.h"

namespace hearken {

// Who makes a change, and why. `label` is what the audit trail shows.
struct Actor {
  std::optional<Id> user_id;  // empty for the CLI, the system and the public
  std::string label;          // e.g. "user:3 alice@example.org", "cli", "system"
};

struct WriteContext {
  Actor actor;
  std::string reason;  // optional, recorded in the audit entry
  // The Idempotency-Key claim this write runs under (scope and key hash;
  // empty: none): the write's first audited entity is linked to the key in
  // the same transaction (IdempotencyStore, kCreated).
  std::string idempotency_scope, idempotency_key_hash;
};

enum class SortDirection { kAscending, kDescending };

// Paging and sorting of a list. `sort` names an allow-listed field of the
// listed entity (see each List* method); empty means the default order.
struct ListOptions {
  int limit = 50;  // 1..500
  int offset = 0;  // >= 0
  std::string sort;
  SortDirection direction = SortDirection::kAscending;
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::int64_t total = 0;  // matching records, ignoring limit and offset
  // True when `total` is a lower bound: at least that many match (lists
  // that stop counting at a cap, ListComplaints).
  bool total_capped = false;
};

}  // namespace hearken
