// The organisation's own settings (one row, created by the first migration):
// its name and time zone. Part of Store (store.h); the contracts there hold.
#pragma once

#include "core/entities.h"
#include "core/result.h"
#include "store/store_types.h"

namespace hearken {

class OrganisationStore {
 public:
  virtual ~OrganisationStore() = default;

  virtual Result<OrgSettings> GetSettings() = 0;
  // Errors: InvalidArgument (empty name, unknown time zone).
  virtual Result<OrgSettings> UpdateSettings(const WriteContext& ctx, const OrgSettings& settings) = 0;
};

}  // namespace hearken
