// Secrets: password hashing (argon2id), random tokens, and token digests,
// all by libsodium. Used by the HTTP edge (sign-in, sessions, bearer tokens)
// and the CLI (user add, token create).
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace hearken {

// argon2id with 3 passes and 64 MiB (above the OWASP minimum of 2 passes and
// 19 MiB). The password is hashed whole: nothing is truncated. Returns the
// self-describing "$argon2id$v=19$m=...,t=...,p=1$..." string. Errors:
// Internal when memory for the hash cannot be had.
Result<std::string> HashPassword(std::string_view password);

// True when `password` matches `hash` (a HashPassword result); false for any
// malformed hash. Takes the same time whether or not the user exists when
// called with DummyPasswordHash().
bool VerifyPassword(std::string_view hash, std::string_view password);

// The most argon2id computations (hash or verify) that have run at once in
// this process: never more than the cores, however many threads ask.
int PasswordHashingPeak();

// A valid hash of a random password, to verify against when the user is
// unknown, so that timing does not reveal which e-mails exist.
const std::string& DummyPasswordHash();

// `bytes` random bytes from the system CSPRNG, URL-safe base64 without padding.
std::string RandomToken(size_t bytes = 32);

// Hex BLAKE2b-256 digest of a token (what the store keeps instead of the token).
std::string HashToken(std::string_view token);

// Hex BLAKE2b-256 of arbitrary bytes.
std::string Blake2bHex(std::string_view data);

// Constant-time equality for secrets of equal length; false when lengths differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace hearken
