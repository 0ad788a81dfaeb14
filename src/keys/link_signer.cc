#include "keys/link_signer.h"

#include <sodium.h>

#include <charconv>
#include <stdexcept>

namespace hearken::keys {
namespace {

constexpr std::size_t kMacBytes = 24;

std::string Base64Url(const unsigned char* bytes, std::size_t size) {
  std::string out(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes, size, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0') == std::string::npos ? out.size() : out.find('\0'));
  return out;
}

}  // namespace

LinkSigner::LinkSigner(std::string key) : key_(std::move(key)) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  if (key_.size() != kKeySize) throw std::invalid_argument("a link key has 32 bytes");
}

LinkSigner::~LinkSigner() { sodium_memzero(key_.data(), key_.size()); }

std::shared_ptr<const LinkSigner> LinkSigner::Ephemeral() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  std::string key(kKeySize, '\0');
  randombytes_buf(key.data(), key.size());
  return std::make_shared<const LinkSigner>(std::move(key));
}

std::string LinkSigner::Mac(std::string_view purpose, Id id) const {
  // purpose ‖ NUL ‖ decimal id: the NUL keeps purposes and ids apart.
  std::string message(purpose);
  message.push_back('\0');
  message += std::to_string(id);
  unsigned char mac[kMacBytes];
  crypto_generichash(mac, sizeof mac, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                     reinterpret_cast<const unsigned char*>(key_.data()), key_.size());
  return Base64Url(mac, sizeof mac);
}

std::string LinkSigner::Token(std::string_view purpose, Id id) const {
  return std::to_string(id) + "." + Mac(purpose, id);
}

std::optional<Id> LinkSigner::Verify(std::string_view purpose, std::string_view token) const {
  const std::size_t dot = token.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot > 19) return std::nullopt;
  Id id = 0;
  const char* begin = token.data();
  const char* end = token.data() + dot;
  if (token[0] == '0') return std::nullopt;  // one spelling per id
  auto [ptr, ec] = std::from_chars(begin, end, id);
  if (ec != std::errc() || ptr != end || id <= 0) return std::nullopt;
  const std::string expected = Mac(purpose, id);
  const std::string_view given = token.substr(dot + 1);
  if (given.size() != expected.size()) return std::nullopt;
  if (sodium_memcmp(given.data(), expected.data(), expected.size()) != 0) return std::nullopt;
  return id;
}

}  // namespace hearken::keys
