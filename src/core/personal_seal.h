// Crypto-shredding of personal data (GDPR Art. 17, issue 6): the personal
// fields of audit values are sealed with a data key of their own (one per
// complaint, one per customer record), the data keys are wrapped by a
// server key kept in a file outside the database, and erasure destroys the
// data keys. The audit chain hashes the sealed text, so it still verifies
// when the text can no longer be opened. XChaCha20-Poly1305 (libsodium).
// Pure functions; the store keeps the wrapped keys (table data_keys).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace hearken {

inline constexpr std::size_t kDataKeyBytes = 32;
// What a personal field reads after its key was destroyed.
inline constexpr const char* kErasedText = "[erased]";

// A fresh random data key.
std::string NewDataKey();

// The data key sealed under the server key (hex of nonce ‖ ciphertext), and
// back. Errors: InvalidArgument (not a wrapped key, or another server key).
std::string WrapDataKey(const std::string& data_key, const std::string& server_key);
Result<std::string> UnwrapDataKey(const std::string& wrapped, const std::string& server_key);

// "sealed:1:<key id>:<hex nonce ‖ ciphertext>" of `text` under `data_key`;
// the key id is bound as associated data.
std::string SealText(std::string_view text, std::int64_t key_id, const std::string& data_key);
// The key id of a sealed text; nullopt when `text` is not one.
std::optional<std::int64_t> SealedKeyId(std::string_view text);
// Errors: InvalidArgument (not sealed, or not by this key).
Result<std::string> OpenText(std::string_view sealed, const std::string& data_key);

// The personal fields of an audit value of `entity_type` (top-level keys of
// its JSON object): customer name, e-mail and phone; a complaint's contact
// and the text the complainant wrote; message subject, body and author;
// attachment file name; rating comment; communication subject and body;
// a feedback item's text, e-mail and author handle.
// Empty for other entity types.
const std::vector<std::string>& PersonalFields(std::string_view entity_type);

// Seals, in `value` itself, every personal field of `entity_type` that
// holds a non-empty string: replaced by `seal(value)`. True when any was.
bool SealPersonalFieldsIn(nlohmann::json& value, std::string_view entity_type,
                          const std::function<std::string(const std::string&)>& seal);

// `json_text` with every personal field of `entity_type` that holds a
// non-empty string replaced by `seal(value)`. Text that is not a JSON
// object is returned as it is.
std::string SealPersonalFields(const std::string& json_text, std::string_view entity_type,
                               const std::function<std::string(const std::string&)>& seal);

// `json_text` with every sealed string value (at any depth) replaced by
// `open(sealed)`. Text without a sealed value is returned as it is.
std::string OpenSealedFields(const std::string& json_text,
                             const std::function<std::string(const std::string&)>& open);

}  // namespace hearken
