// Secret keys kept in files outside the database (DESIGN.md "Secrets"): the
// key that derives status and rating links, the Ed25519 key that signs audit
// checkpoints, the key that wraps per-person data keys. Someone who can read
// or write the database alone learns none of them.
//
// A key file holds the key as lower-case hex on one line. A missing file is
// created with fresh random bytes (libsodium), mode 0600, in a directory
// created with mode 0700 when missing; an existing file is read as it is.
#pragma once

#include <cstddef>
#include <string>

#include "core/result.h"

namespace hearken::keys {

struct LoadedKey {
  std::string bytes;     // the raw key, `size` bytes
  bool created = false;  // true when this call made the file
};

// Reads the key of `size` bytes at `path`, or creates it when missing.
// Errors: InvalidArgument (empty path, size 0, or the file holds no hex key
// of `size` bytes), FailedPrecondition (the file is readable by group or
// others), Unavailable (the file or its directory cannot be read or written).
Result<LoadedKey> LoadOrCreateKey(const std::string& path, std::size_t size);

// Reads a key of `size` bytes from `path` (hex, as written above), never
// creating one (verification with a public key, for example).
// Errors: NotFound (no such file), InvalidArgument, Unavailable.
Result<std::string> ReadKey(const std::string& path, std::size_t size);

// Writes `bytes` as a key file at `path` (mode 0600), replacing none: an
// existing file is an error. Errors: AlreadyExists, Unavailable.
Status WriteNewKey(const std::string& path, const std::string& bytes);

}  // namespace hearken::keys
