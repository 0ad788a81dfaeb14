// Idempotency keys: a POST that creates carries an Idempotency-Key; a retry
// with the same key gets the first answer and creates nothing (http's
// WithIdempotency drives this). Part of Store (store.h); the contracts there
// hold.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/result.h"

namespace hearken {

// Which request a key belongs to. The key is kept only as a hash; `scope`
// separates callers (one user's key never answers another's request);
// `fingerprint` identifies the request (method, target, body).
struct IdempotencyRequest {
  std::string scope;
  std::string key_hash;
  std::string fingerprint;
};

// The answer recorded for a key.
struct IdempotentAnswer {
  int status = 0;
  std::string content_type;
  std::string location;
  std::string body;
};

enum class IdempotencyOutcome {
  kClaimed,     // new key (or a stale claim that wrote nothing): run the request
  kReplay,      // answered before: `answer` holds the first answer
  kInProgress,  // the first request with this key is still running
  kCreated,     // the first request wrote `entity_type`/`entity_id` but its answer was never recorded
  kMismatch,    // the key was used for another request
};

struct IdempotencyClaim {
  IdempotencyOutcome outcome = IdempotencyOutcome::kClaimed;
  std::optional<IdempotentAnswer> answer;
  std::string entity_type, entity_id;
};

class IdempotencyStore {
 public:
  virtual ~IdempotencyStore() = default;

  // Claims the key for the request, or says what became of it. A claim
  // older than `stale_after` whose request wrote nothing is taken over
  // (the first request died); keys expire `keep_for` after their claim and
  // are purged by later claims.
  virtual Result<IdempotencyClaim> ClaimIdempotencyKey(const IdempotencyRequest& request,
                                                       std::chrono::seconds stale_after,
                                                       std::chrono::seconds keep_for) = 0;
  // Records the answer of a claimed key (a later claim replays it).
  virtual Status CompleteIdempotencyKey(const IdempotencyRequest& request, const IdempotentAnswer& answer) = 0;
  // Gives up a claim whose request failed without writing (an error the
  // caller may retry, such as 503): the key can be used again at once.
  virtual Status ReleaseIdempotencyKey(const IdempotencyRequest& request) = 0;
};

}  // namespace hearken
