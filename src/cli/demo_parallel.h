// Runs the demo seed's many independent writes from several threads at
// once. The store commits concurrent writes in groups (one transaction and
// one fsync for up to 64 of them, see src/store/README.md), so seven
// thousand customers cost a few hundred fsyncs instead of seven thousand:
// `demo seed` stays a matter of seconds on SQLite with synchronous=FULL.
#pragma once

#include <cstddef>
#include <functional>

#include "core/result.h"

namespace hearken {

inline constexpr size_t kDemoWriters = 32;

// Calls work(i) for every i in [0, count) from up to `threads` threads, in
// no particular order; work must be safe to call concurrently (store calls
// are). Stops handing out indices after the first error and returns it (the
// one of the lowest index among those that failed); Ok when all succeeded.
Status ForEachConcurrently(size_t count, const std::function<Status(size_t)>& work,
                           size_t threads = kDemoWriters);

}  // namespace hearken
