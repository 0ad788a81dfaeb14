#include "cli/audit_checkpoints.h"

#include <ostream>

#include "cli/commands.h"
#include "core/time_format.h"
#include "keys/audit_anchor_files.h"

namespace hearken {
namespace {

// The chain checked against the checkpoints `public_key` signed.
Result<AuditCheck> CheckWith(Store& store, const std::string& public_key, const std::string& text, bool found) {
  CheckedCheckpoints checked = CheckCheckpoints(text, public_key);
  auto verified = store.audit().VerifyAudit(checked.anchors);
  if (!verified.ok()) return verified.error();
  AuditCheck check;
  check.verification = std::move(*verified);
  check.checkpoints_read = checked.good;
  check.checkpoint_file_found = found;
  for (auto& p : checked.problems) check.verification.problems.push_back(std::move(p));
  check.verification.intact = check.verification.problems.empty();
  return check;
}

// The checkpoint file's text ("" when there is none yet) and whether it exists.
Result<std::pair<std::string, bool>> ReadCheckpoints(const std::string& path) {
  auto text = keys::ReadCheckpointFile(path);
  if (text.ok()) return std::make_pair(std::move(*text), true);
  if (text.error().code == ErrorCode::kNotFound) return std::make_pair(std::string(), false);
  return text.error();
}

}  // namespace

AuditAnchorPaths DefaultAuditAnchorPaths(const std::string& database_url, const std::string& key_dir) {
  AuditAnchorPaths paths;
  paths.key_file = keys::DefaultAuditKeyPath(key_dir);
  paths.public_key = keys::AuditPublicKeyPath(paths.key_file);
  paths.checkpoint_file = keys::DefaultCheckpointPath(database_url);
  return paths;
}

Result<AuditCheck> CheckAuditTrail(Store& store, const AuditAnchorPaths& paths) {
  auto text = ReadCheckpoints(paths.checkpoint_file);
  if (!text.ok()) return text.error();
  auto public_key = keys::ReadAuditPublicKey(paths.public_key);
  if (!public_key.ok()) {
    if (public_key.error().code != ErrorCode::kNotFound || text->second)
      return Error::FailedPrecondition("cannot check the checkpoints of " + paths.checkpoint_file + ": " +
                                       public_key.error().message + " (--audit-public-key)");
    // No key and no checkpoints yet: the chain alone.
    return CheckWith(store, std::string(kAuditPublicKeyBytes, '\0'), "", false);
  }
  return CheckWith(store, *public_key, text->first, text->second);
}

Result<AuditCheckpoint> WriteAuditCheckpoint(Store& store, const AuditSigningKey& key, const AuditAnchorPaths& paths,
                                             TimePoint now) {
  auto text = ReadCheckpoints(paths.checkpoint_file);
  if (!text.ok()) return text.error();
  auto check = CheckWith(store, key.public_key, text->first, text->second);
  if (!check.ok()) return check.error();
  const AuditVerification& v = check->verification;
  if (!v.intact)
    return Error::FailedPrecondition("the audit trail does not verify, so no checkpoint was signed: entry " +
                                     std::to_string(v.problems[0].seq) + ": " + v.problems[0].kind + ": " +
                                     v.problems[0].message);
  AuditCheckpoint checkpoint = SignCheckpoint(v.last_seq, v.last_hash, now, key);
  if (Status s = keys::AppendCheckpoint(paths.checkpoint_file, checkpoint); !s.ok()) return s.error();
  return checkpoint;
}

Result<AuditSigningKey> LoadAuditSigningKey(const AuditAnchorPaths& paths, std::ostream& out) {
  auto loaded = keys::LoadOrCreateAuditKey(paths.key_file);
  if (!loaded.ok()) return loaded.error();
  if (loaded->created)
    out << "created the audit signing key " << paths.key_file << " (mode 0600); its public half, all that "
        << "verification needs (" << keys::AuditPublicKeyPath(paths.key_file)
        << "):\n  " << HexEncode(loaded->key.public_key) << "\n";
  return std::move(loaded->key);
}

int RunAuditVerify(Store& store, const AuditAnchorPaths& paths, std::ostream& out, std::ostream& err) {
  auto check = CheckAuditTrail(store, paths);
  if (!check.ok()) return ReportError(check.error(), err);
  const AuditVerification& v = check->verification;
  if (v.intact) {
    out << "audit trail intact: " << v.entries_checked << " entries checked";
    if (check->checkpoints_read > 0)
      out << ", against " << check->checkpoints_read << " signed checkpoint(s) of " << paths.checkpoint_file << "\n";
    else
      out << "\nno signed checkpoints yet (`hearken audit checkpoint`): a chain rewritten with every hash "
             "recomputed would not be found\n";
    return 0;
  }
  out << "audit trail BROKEN: " << v.problems.size() << " problem(s) in " << v.entries_checked << " entries\n";
  for (const auto& p : v.problems) out << "  entry " << p.seq << ": " << p.kind << ": " << p.message << "\n";
  return 1;
}

int RunAuditCheckpoint(Store& store, const AuditAnchorPaths& paths, const Clock& clock, std::ostream& out,
                       std::ostream& err) {
  auto key = LoadAuditSigningKey(paths, out);
  if (!key.ok()) return ReportError(key.error(), err);
  auto checkpoint = WriteAuditCheckpoint(store, *key, paths, clock.Now());
  if (!checkpoint.ok()) return ReportError(checkpoint.error(), err);
  out << "checkpoint signed: seq " << checkpoint->seq << " hash " << checkpoint->hash << " at "
      << FormatTimestamp(checkpoint->at) << ", appended to " << paths.checkpoint_file << "\n";
  return 0;
}

int RunAuditExportCheckpoints(const AuditAnchorPaths& paths, std::ostream& out, std::ostream& err) {
  auto text = keys::ReadCheckpointFile(paths.checkpoint_file);
  if (!text.ok()) return ReportError(text.error(), err);
  auto public_key = keys::ReadAuditPublicKey(paths.public_key);
  if (!public_key.ok()) return ReportError(public_key.error(), err);
  std::int64_t forged = 0;
  std::string_view rest = *text;
  while (!rest.empty()) {
    const size_t newline = rest.find('\n');
    std::string_view line = rest.substr(0, newline);
    rest = newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    auto parsed = ParseCheckpointLine(line);
    if (parsed.ok() && CheckpointSignedBy(*parsed, *public_key))
      out << CheckpointLine(*parsed) << "\n";
    else
      ++forged;
  }
  if (forged > 0) err << "hearken: " << forged << " line(s) of " << paths.checkpoint_file
                      << " are not checkpoints signed by the audit key and were left out\n";
  return forged == 0 ? 0 : 1;
}

}  // namespace hearken
