// Signed checkpoints of the audit chain (issue 6): (seq, head hash) signed
// with Ed25519 (libsodium) by a key kept in a file outside the database. A
// checkpoint is one JSON line of an append-only file beside the database;
// read back and checked with the public half only, the good ones become the
// anchors of core/audit_chain.h, so that someone who can write the database
// and rewrites or truncates the chain — recomputing every hash and the head
// — is found from the last checkpoint on. Pure functions; the files are
// keys/audit_anchor_files.h's business.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit_chain.h"
#include "core/clock.h"
#include "core/result.h"

namespace hearken {

// An Ed25519 key pair (libsodium's layout): secret_key 64 bytes (seed and
// public key), public_key 32 bytes. Raw bytes, not hex.
struct AuditSigningKey {
  std::string secret_key;
  std::string public_key;
};

inline constexpr std::size_t kAuditKeySeedBytes = 32;
inline constexpr std::size_t kAuditPublicKeyBytes = 32;

// The key pair of a 32-byte seed (what the key file holds).
// Errors: InvalidArgument for a seed of another size.
Result<AuditSigningKey> AuditSigningKeyFromSeed(const std::string& seed);

struct AuditCheckpoint {
  std::int64_t seq = 0;    // the last entry of the chain when taken (0: empty)
  std::string hash;        // that entry's hash (hex; "" for an empty chain)
  TimePoint at{};          // when it was taken
  std::string public_key;  // hex of the key that signed it
  std::string signature;   // hex Ed25519 signature of CheckpointMessage
};

// The signed text: "hearken-audit-checkpoint/1\n<seq>\n<hash>\n<at>\n".
std::string CheckpointMessage(const AuditCheckpoint& checkpoint);

// A checkpoint of (seq, hash) at `at`, signed by `key`.
AuditCheckpoint SignCheckpoint(std::int64_t seq, const std::string& hash, TimePoint at, const AuditSigningKey& key);

// True when `checkpoint` is signed by `public_key` (raw 32 bytes).
bool CheckpointSignedBy(const AuditCheckpoint& checkpoint, const std::string& public_key);

// One line of the checkpoint file (JSON, no newline):
// {"seq":..,"hash":"..","at":"..","key":"..","signature":".."}.
std::string CheckpointLine(const AuditCheckpoint& checkpoint);
// Errors: InvalidArgument when the line is not such an object.
Result<AuditCheckpoint> ParseCheckpointLine(std::string_view line);

// The checkpoints of a file's text that `public_key` signed, as anchors
// (labelled "the checkpoint of <at>"), and one "forged" problem per line
// that is not one (unparsable, or signed by another key or not at all);
// blank lines are skipped. `last` is the latest good checkpoint (seq 0 when
// none).
struct CheckedCheckpoints {
  std::vector<AuditAnchor> anchors;
  std::vector<AuditProblem> problems;
  AuditCheckpoint last;
  std::int64_t good = 0;
};
CheckedCheckpoints CheckCheckpoints(std::string_view file_text, const std::string& public_key);

// Lower-case hex of raw bytes, and the `size` raw bytes of hex
// (InvalidArgument for anything else).
std::string HexEncode(std::string_view bytes);
Result<std::string> HexDecode(std::string_view hex, std::size_t size);

}  // namespace hearken
