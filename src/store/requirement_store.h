// The requirements register (ISO 9001 8.2.2 / 8.2.3): requirements scoped to
// a customer, a segment or everyone, their versions and review records. Part
// of Store (store.h); the contracts there hold.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/entities.h"
#include "core/result.h"
#include "store/store_types.h"

namespace hearken {

struct RequirementFilter {
  std::optional<RequirementScope> scope;
  std::optional<Id> customer_id;  // requirements scoped to this customer
  std::optional<Id> segment_id;   // requirements scoped to this segment
  std::optional<RequirementKind> kind;
  std::optional<RequirementStatus> status;
  std::string search;  // case-insensitive substring of text or source_ref
};

// The amendment carried by a review whose outcome is kAmended.
struct Amendment {
  std::string text;
  std::optional<std::string> source_ref;  // unchanged when empty
  std::optional<RequirementKind> kind;    // unchanged when empty
};

class RequirementStore {
 public:
  virtual ~RequirementStore() = default;

  // Creates version 1 with status open. Errors: InvalidArgument (scope and its
  // reference disagree), NotFound (customer or segment).
  virtual Result<Requirement> CreateRequirement(const WriteContext& ctx, const Requirement& requirement) = 0;
  virtual Result<Requirement> GetRequirement(Id id) = 0;
  // Sort fields: created_at, updated_at, kind, status. Default: created_at.
  virtual Result<Page<Requirement>> ListRequirements(const RequirementFilter& filter, const ListOptions& options) = 0;
  // Every version, oldest first. Errors: NotFound.
  virtual Result<std::vector<RequirementVersion>> ListRequirementVersions(Id requirement_id) = 0;
  // Records a review of the current version. accepted / rejected set the
  // status; amended requires `amendment`, creates the next version from it and
  // sets the status to accepted. Errors: NotFound, InvalidArgument (amended
  // without text, or an amendment with another outcome), FailedPrecondition
  // (requirement withdrawn).
  virtual Result<RequirementReview> ReviewRequirement(const WriteContext& ctx, Id requirement_id,
                                                      ReviewOutcome outcome, const std::string& notes,
                                                      const std::optional<Amendment>& amendment) = 0;
  // Newest first. Errors: NotFound.
  virtual Result<std::vector<RequirementReview>> ListRequirementReviews(Id requirement_id) = 0;
  // Marks the requirement withdrawn (requirements are never deleted).
  // Errors: NotFound, FailedPrecondition (already withdrawn).
  virtual Result<Requirement> WithdrawRequirement(const WriteContext& ctx, Id requirement_id) = 0;
};

}  // namespace hearken
