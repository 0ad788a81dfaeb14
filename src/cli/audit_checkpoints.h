// Checkpoints of the audit chain (issue 6), used by `hearken audit
// checkpoint | verify | export-checkpoints` and by the hourly job of `hearken
// serve`: a checkpoint is written only for a chain that verifies against the
// checkpoints before it, and verification checks the chain against every
// checkpoint signed by the audit key's public half. The files are
// keys/audit_anchor_files.h's.
#pragma once

#include <iosfwd>
#include <string>

#include "core/audit_checkpoint.h"
#include "core/clock.h"
#include "store/store.h"

namespace hearken {

// Where the audit anchors live; every path configurable (--audit-key,
// --audit-public-key, --audit-checkpoints), defaults from the key directory
// and the database URL.
struct AuditAnchorPaths {
  std::string key_file;         // the signing key (secret), mode 0600
  std::string public_key;       // its public half: a file or 64 hex digits
  std::string checkpoint_file;  // the append-only file of checkpoints
};

AuditAnchorPaths DefaultAuditAnchorPaths(const std::string& database_url, const std::string& key_dir);

// The chain checked against the checkpoint file with the public key only.
// A missing checkpoint file means no checkpoints yet (checkpoints_read 0).
// Forged checkpoint lines are problems of the result, as are those of the
// chain. Errors: FailedPrecondition (checkpoints exist but the public key
// does not), those of reading the files or the store.
struct AuditCheck {
  AuditVerification verification;
  std::int64_t checkpoints_read = 0;
  bool checkpoint_file_found = false;
};
Result<AuditCheck> CheckAuditTrail(Store& store, const AuditAnchorPaths& paths);

// Verifies the chain against the checkpoints so far, then signs its last
// entry and appends the checkpoint. Errors: FailedPrecondition naming the
// first problem when the chain does not verify (nothing is signed), those
// of the files.
Result<AuditCheckpoint> WriteAuditCheckpoint(Store& store, const AuditSigningKey& key, const AuditAnchorPaths& paths,
                                             TimePoint now);

// The commands. Exit 0 on success; `audit verify` exits 1 when broken.
int RunAuditVerify(Store& store, const AuditAnchorPaths& paths, std::ostream& out, std::ostream& err);
int RunAuditCheckpoint(Store& store, const AuditAnchorPaths& paths, const Clock& clock, std::ostream& out,
                       std::ostream& err);
// Prints the checkpoint lines signed by the public key, in the file's own
// format, for keeping a copy elsewhere (`audit verify --audit-checkpoints
// COPY --audit-public-key HEX` checks against it); exit 1 when the file
// holds lines that are not.
int RunAuditExportCheckpoints(const AuditAnchorPaths& paths, std::ostream& out, std::ostream& err);

// Loads or creates the signing key; on creation prints where and its public
// half to `out`. Errors: those of the key files.
Result<AuditSigningKey> LoadAuditSigningKey(const AuditAnchorPaths& paths, std::ostream& out);

}  // namespace hearken
