#include "core/audit_checkpoint.h"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include "core/time_format.h"

namespace hearken {

std::string HexEncode(std::string_view bytes) {
  std::string hex(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  hex.pop_back();
  return hex;
}

Result<std::string> HexDecode(std::string_view hex, std::size_t size) {
  std::string bytes(size, '\0');
  size_t length = 0;
  const char* end = nullptr;
  if (hex.size() != size * 2 ||
      sodium_hex2bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), hex.data(), hex.size(), nullptr,
                     &length, &end) != 0 ||
      length != size || end != hex.data() + hex.size())
    return Error::InvalidArgument("expected " + std::to_string(size) + " bytes in hex");
  return bytes;
}

Result<AuditSigningKey> AuditSigningKeyFromSeed(const std::string& seed) {
  if (seed.size() != crypto_sign_SEEDBYTES) return Error::InvalidArgument("an Ed25519 seed has 32 bytes");
  if (sodium_init() < 0) return Error::Internal("libsodium could not be initialised");
  AuditSigningKey key;
  key.public_key.assign(crypto_sign_PUBLICKEYBYTES, '\0');
  key.secret_key.assign(crypto_sign_SECRETKEYBYTES, '\0');
  crypto_sign_seed_keypair(reinterpret_cast<unsigned char*>(key.public_key.data()),
                           reinterpret_cast<unsigned char*>(key.secret_key.data()),
                           reinterpret_cast<const unsigned char*>(seed.data()));
  return key;
}

std::string CheckpointMessage(const AuditCheckpoint& c) {
  return "hearken-audit-checkpoint/1\n" + std::to_string(c.seq) + "\n" + c.hash + "\n" + FormatTimestamp(c.at) + "\n";
}

AuditCheckpoint SignCheckpoint(std::int64_t seq, const std::string& hash, TimePoint at, const AuditSigningKey& key) {
  AuditCheckpoint c;
  c.seq = seq;
  c.hash = hash;
  c.at = at;
  c.public_key = HexEncode(key.public_key);
  const std::string message = CheckpointMessage(c);
  std::string signature(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(signature.data()), nullptr,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       reinterpret_cast<const unsigned char*>(key.secret_key.data()));
  c.signature = HexEncode(signature);
  return c;
}

bool CheckpointSignedBy(const AuditCheckpoint& c, const std::string& public_key) {
  if (public_key.size() != crypto_sign_PUBLICKEYBYTES) return false;
  if (c.public_key != HexEncode(public_key)) return false;
  auto signature = HexDecode(c.signature, crypto_sign_BYTES);
  if (!signature.ok()) return false;
  const std::string message = CheckpointMessage(c);
  return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature->data()),
                                     reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                     reinterpret_cast<const unsigned char*>(public_key.data())) == 0;
}

std::string CheckpointLine(const AuditCheckpoint& c) {
  nlohmann::ordered_json line{{"seq", c.seq},
                              {"hash", c.hash},
                              {"at", FormatTimestamp(c.at)},
                              {"key", c.public_key},
                              {"signature", c.signature}};
  return line.dump();
}

Result<AuditCheckpoint> ParseCheckpointLine(std::string_view text) {
  auto bad = Error::InvalidArgument("not a checkpoint line");
  nlohmann::json line = nlohmann::json::parse(text, nullptr, false);
  if (line.is_discarded() || !line.is_object()) return bad;
  for (const char* field : {"hash", "at", "key", "signature"})
    if (!line.contains(field) || !line[field].is_string()) return bad;
  if (!line.contains("seq") || !line["seq"].is_number_integer()) return bad;
  AuditCheckpoint c;
  c.seq = line["seq"].get<std::int64_t>();
  c.hash = line["hash"].get<std::string>();
  auto at = ParseTimestamp(line["at"].get<std::string>());
  if (!at || c.seq < 0) return bad;
  c.at = *at;
  c.public_key = line["key"].get<std::string>();
  c.signature = line["signature"].get<std::string>();
  return c;
}

CheckedCheckpoints CheckCheckpoints(std::string_view text, const std::string& public_key) {
  CheckedCheckpoints out;
  std::int64_t line_number = 0;
  while (!text.empty()) {
    const size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    auto parsed = ParseCheckpointLine(line);
    const std::string where = "line " + std::to_string(line_number) + " of the checkpoint file";
    if (!parsed.ok()) {
      out.problems.push_back({0, "forged", where + " is not a checkpoint"});
      continue;
    }
    if (!CheckpointSignedBy(*parsed, public_key)) {
      out.problems.push_back({parsed->seq, "forged",
                              where + " (seq " + std::to_string(parsed->seq) +
                                  ") is not signed by the audit key: it was added or changed outside Hearken"});
      continue;
    }
    ++out.good;
    if (parsed->seq > 0)
      out.anchors.push_back({parsed->seq, parsed->hash, "the checkpoint of " + FormatTimestamp(parsed->at)});
    if (parsed->seq >= out.last.seq) out.last = *parsed;
  }
  return out;
}

}  // namespace hearken
