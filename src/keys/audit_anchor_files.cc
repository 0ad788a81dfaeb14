#include "keys/audit_anchor_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "keys/key_file.h"

namespace hearken::keys {
namespace {

std::string SystemError(const std::string& what, const std::string& path) {
  return what + " " + path + ": " + std::strerror(errno);
}

// Writes `text` to `path` with `flags`, then fsyncs. Errors: Unavailable.
Status WriteFile(const std::string& path, const std::string& text, int flags, mode_t mode) {
  const int fd = ::open(path.c_str(), flags | O_WRONLY | O_CLOEXEC, mode);
  if (fd < 0) return Error::Unavailable(SystemError("cannot open", path));
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  const bool synced = written && ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) return Error::Unavailable(SystemError("cannot write", path));
  return Status::Ok();
}

}  // namespace

std::string DefaultAuditKeyPath(const std::string& key_dir) {
  return (std::filesystem::path(key_dir) / "audit-signing.key").string();
}

std::string DefaultCheckpointPath(const std::string& database_url) {
  const std::string prefix = "sqlite:";
  if (database_url.rfind(prefix, 0) != 0 || database_url == "sqlite::memory:") return "hearken-audit.checkpoints";
  return database_url.substr(prefix.size()) + ".checkpoints";
}

std::string AuditPublicKeyPath(const std::string& key_path) { return key_path + ".pub"; }

Result<LoadedAuditKey> LoadOrCreateAuditKey(const std::string& key_path) {
  auto seed = LoadOrCreateKey(key_path, kAuditKeySeedBytes);
  if (!seed.ok()) return seed.error();
  auto key = AuditSigningKeyFromSeed(seed->bytes);
  if (!key.ok()) return key.error();
  const std::string public_path = AuditPublicKeyPath(key_path);
  auto existing = ReadAuditPublicKey(public_path);
  if (!existing.ok() || *existing != key->public_key) {
    // Written whole under a temporary name, then renamed: never half a key.
    const std::string temporary = public_path + ".tmp";
    ::unlink(temporary.c_str());
    if (Status s = WriteFile(temporary, HexEncode(key->public_key) + "\n", O_CREAT | O_EXCL, 0644); !s.ok())
      return s.error();
    ::chmod(temporary.c_str(), 0644);  // whatever the umask
    if (::rename(temporary.c_str(), public_path.c_str()) != 0)
      return Error::Unavailable(SystemError("cannot write the public key", public_path));
  }
  return LoadedAuditKey{std::move(*key), seed->created};
}

Result<std::string> ReadAuditPublicKey(const std::string& file_or_hex) {
  if (file_or_hex.size() == kAuditPublicKeyBytes * 2 && !std::filesystem::exists(file_or_hex)) {
    auto raw = HexDecode(file_or_hex, kAuditPublicKeyBytes);
    if (raw.ok()) return raw;
  }
  return ReadKey(file_or_hex, kAuditPublicKeyBytes);
}

Status AppendCheckpoint(const std::string& path, const AuditCheckpoint& checkpoint) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  std::error_code ec;
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  return WriteFile(path, CheckpointLine(checkpoint) + "\n", O_CREAT | O_APPEND, 0644);
}

Result<std::string> ReadCheckpointFile(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return Error::NotFound("no checkpoint file at " + path);
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Unavailable("cannot read the checkpoint file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace hearken::keys
