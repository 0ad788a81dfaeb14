// Opens the store named by a database URL: the one place that knows which
// Store implementations exist. Used by `app` (--db / HEARKEN_DB) and tools.
#pragma once

#include <memory>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "store/store.h"

namespace hearken {

// "sqlite:PATH" (the parent directory of PATH is created when missing;
// "sqlite::memory:" gives a private in-memory database) or
// "postgresql://..." / "postgres://..." (a libpq connection URI). Does not
// migrate: call Store::Migrate. `clock` must outlive the store.
// Errors: InvalidArgument (unknown scheme or empty path), Unavailable (the
// database cannot be opened or reached).
Result<std::unique_ptr<Store>> OpenStore(const std::string& url, const Clock& clock);

}  // namespace hearken
