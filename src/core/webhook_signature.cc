#include "core/webhook_signature.h"

#include <sodium.h>

#include "core/crypto.h"

namespace hearken {
namespace {

std::string Hex(const unsigned char* bytes, size_t n) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (size_t i = 0; i < n; ++i) {
    out += digits[bytes[i] >> 4];
    out += digits[bytes[i] & 0xF];
  }
  return out;
}

bool IsHex64(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
  return true;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace

std::string WebhookSignature(std::string_view secret, std::int64_t timestamp, std::string_view body) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
  const std::string prefix = std::to_string(timestamp) + ".";
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(prefix.data()), prefix.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(body.data()), body.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, mac);
  return Hex(mac, sizeof mac);
}

std::string WebhookSignatureHeader(std::string_view secret, std::int64_t timestamp, std::string_view body) {
  return "t=" + std::to_string(timestamp) + ",v1=" + WebhookSignature(secret, timestamp, body);
}

Result<ParsedSignatureHeader> ParseWebhookSignatureHeader(std::string_view header) {
  ParsedSignatureHeader out;
  bool have_t = false;
  size_t start = 0;
  while (start <= header.size()) {
    size_t comma = header.find(',', start);
    if (comma == std::string_view::npos) comma = header.size();
    std::string_view part = header.substr(start, comma - start);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    const size_t eq = part.find('=');
    if (eq != std::string_view::npos) {
      const std::string_view key = part.substr(0, eq), value = part.substr(eq + 1);
      if (key == "t") {
        if (value.empty() || value.size() > 12 || have_t) return Error::InvalidArgument("signature header malformed");
        std::int64_t t = 0;
        for (char c : value) {
          if (c < '0' || c > '9') return Error::InvalidArgument("signature header malformed");
          t = t * 10 + (c - '0');
        }
        out.timestamp = t;
        have_t = true;
      } else if (key == "v1") {
        if (!IsHex64(value)) return Error::InvalidArgument("signature header malformed");
        out.v1.push_back(Lower(value));
      }
    }
    start = comma + 1;
  }
  if (!have_t || out.v1.empty()) return Error::InvalidArgument("signature header malformed");
  return out;
}

Status VerifyWebhookSignature(const std::vector<std::string>& secrets, std::string_view header, std::string_view body,
                              TimePoint now) {
  auto parsed = ParseWebhookSignatureHeader(header);
  if (!parsed.ok()) return Error::PermissionDenied("signature header malformed");
  const auto sent = TimePoint(std::chrono::seconds(parsed->timestamp));
  if (sent > now + kWebhookTolerance || sent < now - kWebhookTolerance)
    return Error::PermissionDenied("timestamp outside the tolerance of 5 minutes");
  bool match = false;
  for (const std::string& secret : secrets) {
    const std::string expected = WebhookSignature(secret, parsed->timestamp, body);
    for (const std::string& given : parsed->v1) match |= ConstantTimeEquals(expected, given);
  }
  if (!match) return Error::PermissionDenied("signature does not match");
  return Status::Ok();
}

}  // namespace hearken
