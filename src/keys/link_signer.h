// Secret links derived from a server key instead of stored (DESIGN.md
// "Secrets"; issue 6): the complainant's status link is
// "<complaint id>.<MAC>", the MAC a keyed BLAKE2b (libsodium
// crypto_generichash, 32-byte key, 24-byte output, URL-safe base64) over the
// link's purpose and the complaint id. The server re-derives the link for
// every mail (acknowledgement, decision, closure) and checks a presented one
// by deriving it again; the database holds nothing from which a link can be
// rebuilt, so neither staff nor someone who reads the database can act as
// the complainant. The key lives in a file outside the database
// (keys/key_file.h, "link.key" in the key directory); replacing it ends
// every link issued with the old one.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/entities.h"

namespace hearken::keys {

// What a link opens: a purpose separates the MACs, so a status link is never
// accepted where another kind of link is expected.
inline constexpr std::string_view kStatusLinkPurpose = "hearken complaint status link v1";

class LinkSigner {
 public:
  static constexpr std::size_t kKeySize = 32;

  // `key` must be kKeySize bytes (LoadOrCreateKey(path, kKeySize)).
  explicit LinkSigner(std::string key);
  ~LinkSigner();
  LinkSigner(const LinkSigner&) = delete;
  LinkSigner& operator=(const LinkSigner&) = delete;

  // A signer with a fresh random key that lives as long as the process: its
  // links die with it (tests, and an API server given no key).
  static std::shared_ptr<const LinkSigner> Ephemeral();

  // The link token for `purpose` and `id`: "<id>.<32 URL-safe characters>".
  std::string Token(std::string_view purpose, Id id) const;

  // The id a token names when its MAC is right for `purpose` (constant-time
  // comparison); nullopt for anything else — a malformed token, a wrong MAC,
  // another purpose, a token from before (a random token without an id).
  std::optional<Id> Verify(std::string_view purpose, std::string_view token) const;

 private:
  std::string Mac(std::string_view purpose, Id id) const;
  std::string key_;
};

}  // namespace hearken::keys
