#include "core/personal_seal.h"

#include <cstdlib>
#include <sodium.h>

#include "core/audit_checkpoint.h"

namespace hearken {
namespace {

constexpr std::string_view kSealedPrefix = "sealed:1:";
constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;

const unsigned char* Bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

// nonce ‖ ciphertext of `plain` under `key` with associated data `ad`.
std::string Seal(std::string_view plain, std::string_view ad, const std::string& key) {
  if (sodium_init() < 0) std::abort();  // no CSPRNG: nothing secure can run
  std::string out(kNonce + plain.size() + kTag, '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(out.data());
  randombytes_buf(nonce, kNonce);
  unsigned long long length = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(nonce + kNonce, &length, Bytes(plain), plain.size(), Bytes(ad),
                                             ad.size(), nullptr, nonce, Bytes(key));
  out.resize(kNonce + length);
  return out;
}

Result<std::string> Open(std::string_view sealed, std::string_view ad, const std::string& key) {
  if (sealed.size() < kNonce + kTag || key.size() != crypto_aead_xchacha20poly1305_ietf_KEYBYTES)
    return Error::InvalidArgument("not sealed text");
  std::string plain(sealed.size() - kNonce - kTag, '\0');
  unsigned long long length = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(plain.data()), &length, nullptr,
                                                 Bytes(sealed) + kNonce, sealed.size() - kNonce, Bytes(ad),
                                                 ad.size(), Bytes(sealed), Bytes(key)) != 0)
    return Error::InvalidArgument("sealed text does not open with this key");
  plain.resize(length);
  return plain;
}

Result<std::string> FromHexAnySize(std::string_view hex) {
  if (hex.size() % 2 != 0) return Error::InvalidArgument("odd hex");
  return HexDecode(hex, hex.size() / 2);
}

void OpenAll(nlohmann::json& value, const std::function<std::string(const std::string&)>& open, bool& changed) {
  if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    if (SealedKeyId(text)) {
      value = open(text);
      changed = true;
    }
  } else if (value.is_object() || value.is_array()) {
    for (auto& item : value) OpenAll(item, open, changed);
  }
}

}  // namespace

std::string NewDataKey() {
  if (sodium_init() < 0) std::abort();  // no CSPRNG: nothing secure can run
  std::string key(kDataKeyBytes, '\0');
  randombytes_buf(key.data(), key.size());
  return key;
}

std::string WrapDataKey(const std::string& data_key, const std::string& server_key) {
  return HexEncode(Seal(data_key, "hearken data key", server_key));
}

Result<std::string> UnwrapDataKey(const std::string& wrapped, const std::string& server_key) {
  auto bytes = FromHexAnySize(wrapped);
  if (!bytes.ok()) return Error::InvalidArgument("not a wrapped data key");
  return Open(*bytes, "hearken data key", server_key);
}

std::string SealText(std::string_view text, std::int64_t key_id, const std::string& data_key) {
  const std::string id = std::to_string(key_id);
  return std::string(kSealedPrefix) + id + ":" + HexEncode(Seal(text, id, data_key));
}

std::optional<std::int64_t> SealedKeyId(std::string_view text) {
  if (text.substr(0, kSealedPrefix.size()) != kSealedPrefix) return std::nullopt;
  text.remove_prefix(kSealedPrefix.size());
  const size_t colon = text.find(':');
  if (colon == 0 || colon == std::string_view::npos || colon > 18) return std::nullopt;
  std::int64_t id = 0;
  for (char c : text.substr(0, colon)) {
    if (c < '0' || c > '9') return std::nullopt;
    id = id * 10 + (c - '0');
  }
  return id;
}

Result<std::string> OpenText(std::string_view sealed, const std::string& data_key) {
  auto id = SealedKeyId(sealed);
  if (!id) return Error::InvalidArgument("not sealed text");
  const std::string id_text = std::to_string(*id);
  auto bytes = FromHexAnySize(sealed.substr(kSealedPrefix.size() + id_text.size() + 1));
  if (!bytes.ok()) return Error::InvalidArgument("not sealed text");
  return Open(*bytes, id_text, data_key);
}

const std::vector<std::string>& PersonalFields(std::string_view entity_type) {
  static const std::vector<std::string> none;
  static const std::vector<std::string> customer{"name", "email", "phone"};
  static const std::vector<std::string> complaint{"contact_name", "contact_email", "contact_phone",
                                                  "summary",      "description",   "remedy_wanted"};
  static const std::vector<std::string> message{"subject", "body", "author"};
  static const std::vector<std::string> attachment{"filename"};
  static const std::vector<std::string> rating{"comment"};
  static const std::vector<std::string> communication{"subject", "body"};
  static const std::vector<std::string> feedback{"text", "contact_email", "author_handle"};
  if (entity_type == "customer") return customer;
  if (entity_type == "complaint") return complaint;
  if (entity_type == "complaint_message") return message;
  if (entity_type == "complaint_attachment") return attachment;
  if (entity_type == "complaint_rating") return rating;
  if (entity_type == "communication") return communication;
  if (entity_type == "feedback_item") return feedback;
  return none;
}

bool SealPersonalFieldsIn(nlohmann::json& value, std::string_view entity_type,
                          const std::function<std::string(const std::string&)>& seal) {
  if (!value.is_object()) return false;
  bool changed = false;
  for (const std::string& field : PersonalFields(entity_type)) {
    auto it = value.find(field);
    if (it == value.end() || !it->is_string() || it->get_ref<const std::string&>().empty()) continue;
    *it = seal(it->get<std::string>());
    changed = true;
  }
  return changed;
}

std::string SealPersonalFields(const std::string& json_text, std::string_view entity_type,
                               const std::function<std::string(const std::string&)>& seal) {
  if (PersonalFields(entity_type).empty() || json_text.empty()) return json_text;
  nlohmann::json value = nlohmann::json::parse(json_text, nullptr, false);
  if (value.is_discarded() || !SealPersonalFieldsIn(value, entity_type, seal)) return json_text;
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string OpenSealedFields(const std::string& json_text,
                             const std::function<std::string(const std::string&)>& open) {
  if (json_text.find(kSealedPrefix) == std::string::npos) return json_text;
  nlohmann::json value = nlohmann::json::parse(json_text, nullptr, false);
  if (value.is_discarded()) return json_text;
  bool changed = false;
  OpenAll(value, open, changed);
  if (!changed) return json_text;
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace hearken
