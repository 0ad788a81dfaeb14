// Satisfaction with complaint handling (ISO 10002 8.3): one-use rating
// tokens issued at closure (stored as hashes) and the ratings given with
// them. Part of Store (store.h); the contracts there hold.
#pragma once

#include <string>

#include "core/complaint.h"
#include "core/result.h"
#include "store/store_types.h"

namespace hearken {

class RatingStore {
 public:
  virtual ~RatingStore() = default;

  // Stores the hash of a one-use rating token for a closed complaint
  // (replacing an unused one). Errors: NotFound, FailedPrecondition (not
  // closed, or already rated).
  virtual Status IssueRatingToken(const WriteContext& ctx, Id complaint_id, const std::string& token_hash) = 0;
  // The complaint a rating token belongs to (to show the form).
  // Errors: NotFound (unknown), FailedPrecondition (already used).
  virtual Result<Complaint> GetComplaintByRatingToken(const std::string& token_hash) = 0;
  // Uses the token. Errors: NotFound, FailedPrecondition (used), InvalidArgument.
  virtual Result<HandlingRating> SubmitRating(const WriteContext& ctx, const std::string& token_hash, int score,
                                              const std::string& comment) = 0;
  // Errors: NotFound when not rated.
  virtual Result<HandlingRating> GetRating(Id complaint_id) = 0;
};

}  // namespace hearken
