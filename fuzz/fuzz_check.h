// FUZZ_CHECK for the fuzz targets: an invariant the code under test promises
// (valid UTF-8 out, views inside the input, ...). A broken one aborts with a
// message, which libFuzzer reports as a crash and the replay driver as a
// failed test.
#pragma once

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition)                                                              \
  do {                                                                                     \
    if (!(condition)) {                                                                    \
      std::fprintf(stderr, "%s:%d: fuzz invariant broken: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                        \
    }                                                                                      \
  } while (false)
