// Corrective actions (ISO 9001 10.2) raised from one or more complaints,
// with owner, due date and status. Part of Store (store.h); the contracts
// there hold.
#pragma once

#include <optional>

#include "core/complaint.h"
#include "core/result.h"
#include "store/store_types.h"

namespace hearken {

class CorrectiveActionStore {
 public:
  virtual ~CorrectiveActionStore() = default;

  // Errors: InvalidArgument, NotFound (owner or a complaint).
  virtual Result<CorrectiveAction> CreateCorrectiveAction(const WriteContext& ctx, const CorrectiveAction& action) = 0;
  virtual Result<CorrectiveAction> GetCorrectiveAction(Id id) = 0;
  // Newest first; `complaint_id` lists the actions linked to one complaint.
  virtual Result<Page<CorrectiveAction>> ListCorrectiveActions(std::optional<Id> complaint_id,
                                                               std::optional<ActionStatus> status,
                                                               const ListOptions& options) = 0;
  // Replaces title, description, owner, due date, status and the linked
  // complaints. Errors: NotFound, InvalidArgument.
  virtual Result<CorrectiveAction> UpdateCorrectiveAction(const WriteContext& ctx, const CorrectiveAction& action) = 0;
};

}  // namespace hearken
