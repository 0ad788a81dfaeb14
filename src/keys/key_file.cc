#include "keys/key_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <sodium.h>

namespace hearken::keys {
namespace {

std::string ToHex(const std::string& bytes) {
  std::string hex(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  hex.pop_back();
  return hex;
}

Result<std::string> FromHex(const std::string& hex, std::size_t size, const std::string& path) {
  std::string bytes(size, '\0');
  size_t length = 0;
  const char* end = nullptr;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), hex.data(), hex.size(), nullptr,
                     &length, &end) != 0 ||
      length != size || end != hex.data() + hex.size())
    return Error::InvalidArgument("the key file " + path + " does not hold a key of " + std::to_string(size) +
                                  " bytes in hex");
  return bytes;
}

std::string SystemError(const std::string& what, const std::string& path) {
  return what + " " + path + ": " + std::strerror(errno);
}

}  // namespace

Result<std::string> ReadKey(const std::string& path, std::size_t size) {
  if (path.empty()) return Error::InvalidArgument("no key file named");
  if (size == 0) return Error::InvalidArgument("a key has at least one byte");
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return Error::NotFound("no key file at " + path);
    return Error::Unavailable(SystemError("cannot read the key file", path));
  }
  std::ifstream in(path);
  if (!in) return Error::Unavailable(SystemError("cannot open the key file", path));
  std::string hex;
  std::getline(in, hex);
  while (!hex.empty() && (hex.back() == '\r' || hex.back() == ' ')) hex.pop_back();
  return FromHex(hex, size, path);
}

Status WriteNewKey(const std::string& path, const std::string& bytes) {
  std::error_code ec;
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty() && !std::filesystem::exists(parent, ec)) {
    std::filesystem::create_directories(parent, ec);
    if (ec) return Error::Unavailable("cannot create the key directory " + parent.string() + ": " + ec.message());
    std::filesystem::permissions(parent, std::filesystem::perms::owner_all, ec);
  }
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return Error::AlreadyExists("a key file already exists at " + path);
    return Error::Unavailable(SystemError("cannot create the key file", path));
  }
  const std::string line = ToHex(bytes) + "\n";
  const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  const bool synced = written && ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) {
    ::unlink(path.c_str());
    return Error::Unavailable(SystemError("cannot write the key file", path));
  }
  return Status::Ok();
}

Result<LoadedKey> LoadOrCreateKey(const std::string& path, std::size_t size) {
  auto existing = ReadKey(path, size);
  if (existing.ok()) {
    struct stat st;
    if (::stat(path.c_str(), &st) == 0 && (st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
      return Error::FailedPrecondition("the key file " + path +
                                       " is readable by others; make it private (chmod 600)");
    return LoadedKey{std::move(*existing), false};
  }
  if (existing.error().code != ErrorCode::kNotFound) return existing.error();
  if (sodium_init() < 0) return Error::Internal("libsodium could not be initialised");
  std::string bytes(size, '\0');
  randombytes_buf(bytes.data(), bytes.size());
  Status written = WriteNewKey(path, bytes);
  if (!written.ok()) {
    // Another process may have created it first: read that one.
    if (written.error().code == ErrorCode::kAlreadyExists) {
      auto raced = ReadKey(path, size);
      if (!raced.ok()) return raced.error();
      return LoadedKey{std::move(*raced), false};
    }
    return written.error();
  }
  return LoadedKey{std::move(bytes), true};
}

}  // namespace hearken::keys
