// The files that anchor the audit chain outside the database (issue 6): the
// Ed25519 signing key (a key file of key_file.h holding the 32-byte seed,
// mode 0600), its public half beside it (KEY.pub, hex, readable by anyone:
// all that verification needs) and the append-only checkpoint file, one
// signed JSON line per checkpoint (core/audit_checkpoint.h). Someone who can
// write the database alone can change none of them.
#pragma once

#include <string>

#include "core/audit_checkpoint.h"
#include "core/result.h"

namespace hearken::keys {

// The file names used when none is configured: KEY_DIR/audit-signing.key
// and, for a SQLite database at DIR/NAME, DIR/NAME.checkpoints beside it
// ("hearken-audit.checkpoints" in the working directory otherwise).
std::string DefaultAuditKeyPath(const std::string& key_dir);
std::string DefaultCheckpointPath(const std::string& database_url);
// KEY.pub for a key at KEY.
std::string AuditPublicKeyPath(const std::string& key_path);

struct LoadedAuditKey {
  AuditSigningKey key;
  bool created = false;  // true when this call made the key file
};

// Reads the signing key at `key_path`, or creates it (mode 0600, its
// directory 0700); (re)writes the public half at AuditPublicKeyPath when it
// is missing. Errors: those of LoadOrCreateKey, Unavailable for the public
// file.
Result<LoadedAuditKey> LoadOrCreateAuditKey(const std::string& key_path);

// The public half (raw 32 bytes) from a file of hex, or from the hex itself
// when `file_or_hex` is 64 hex digits. Errors: NotFound, InvalidArgument.
Result<std::string> ReadAuditPublicKey(const std::string& file_or_hex);

// Appends one checkpoint line to `path` (created with mode 0644 when
// missing; O_APPEND, fsync before returning). Errors: Unavailable.
Status AppendCheckpoint(const std::string& path, const AuditCheckpoint& checkpoint);

// The whole text of the checkpoint file. Errors: NotFound, Unavailable.
Result<std::string> ReadCheckpointFile(const std::string& path);

}  // namespace hearken::keys
