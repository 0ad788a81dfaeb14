// How complaint handling is set up: the complaint settings (business
// calendar, SLA and closure policy, mail templates), the category taxonomy,
// and the period volumes that u-charts divide by. Part of Store (store.h);
// the contracts there hold.
#pragma once

#include <string>
#include <vector>

#include "core/complaint.h"
#include "core/result.h"
#include "store/store_types.h"

namespace hearken {

class ComplaintAdminStore {
 public:
  virtual ~ComplaintAdminStore() = default;

  // ---- Complaint settings (one record, created by the migration with
  // DefaultComplaintSettings and the organisation's time zone) ----
  virtual Result<ComplaintSettings> GetComplaintSettings() = 0;
  // Errors: InvalidArgument (ValidateComplaintSettings). Due times of open
  // complaints are not recomputed retroactively; each is on its next write.
  virtual Result<ComplaintSettings> UpdateComplaintSettings(const WriteContext& ctx,
                                                            const ComplaintSettings& settings) = 0;

  // ---- Category taxonomy ----
  // Errors: InvalidArgument (name), NotFound (parent), AlreadyExists (a
  // sibling has the name, case-insensitively), FailedPrecondition (deeper
  // than kMaxCategoryDepth).
  virtual Result<ComplaintCategory> CreateCategory(const WriteContext& ctx, const ComplaintCategory& category) = 0;
  // Every category, ordered by path.
  virtual Result<std::vector<ComplaintCategory>> ListCategories() = 0;
  virtual Result<ComplaintCategory> GetCategory(Id id) = 0;
  // Renames or (de)activates; the parent does not change. Paths of the
  // descendants follow. Errors: NotFound, InvalidArgument, AlreadyExists.
  virtual Result<ComplaintCategory> UpdateCategory(const WriteContext& ctx, const ComplaintCategory& category) = 0;

  // ---- Period volumes (denominators of u-charts) ----
  // Errors: InvalidArgument (ValidatePeriodVolume). Replaces the period's volume.
  virtual Result<PeriodVolume> SetPeriodVolume(const WriteContext& ctx, const PeriodVolume& volume) = 0;
  virtual Status DeletePeriodVolume(const WriteContext& ctx, const std::string& period) = 0;
  virtual Result<std::vector<PeriodVolume>> ListPeriodVolumes() = 0;
};

}  // namespace hearken
