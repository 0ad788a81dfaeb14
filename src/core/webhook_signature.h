// Signatures of incoming webhooks (social-media mentions pushed to
// POST /api/v1/hooks/social/{source}; docs/API.md "Feedback (issue 8)"):
//
//   X-Hearken-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>
//
// where the HMAC is keyed with the source's secret and computed over
// "<t>.<raw body>", byte for byte as sent. Several v1= values may be given
// (while a secret is being rotated); one matching is enough. The timestamp
// must be within kWebhookTolerance of the server's clock either way, so a
// captured request cannot be replayed later; a replay within the window is
// refused by its delivery id (the store remembers the ids it has seen).
// HMAC-SHA256 by libsodium; comparison in constant time.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"

namespace hearken {

inline constexpr std::chrono::seconds kWebhookTolerance{300};
inline constexpr std::string_view kWebhookSignatureHeader = "X-Hearken-Signature";
inline constexpr std::string_view kWebhookDeliveryHeader = "X-Hearken-Delivery";

// Lower-case hex HMAC-SHA256 of "<timestamp>.<body>" under `secret`.
std::string WebhookSignature(std::string_view secret, std::int64_t timestamp, std::string_view body);

// The whole header value for a delivery at `timestamp` ("t=...,v1=...").
std::string WebhookSignatureHeader(std::string_view secret, std::int64_t timestamp, std::string_view body);

struct ParsedSignatureHeader {
  std::int64_t timestamp = 0;
  std::vector<std::string> v1;  // hex signatures, as given
};

// Errors: InvalidArgument when the header is not "t=<digits>" and at least
// one "v1=<64 hex>", comma-separated (unknown keys are ignored).
Result<ParsedSignatureHeader> ParseWebhookSignatureHeader(std::string_view header);

// Ok when `header` carries a v1 signature of `body` under one of `secrets`
// and its timestamp is within kWebhookTolerance of `now`. Errors:
// PermissionDenied naming what failed ("signature header malformed",
// "timestamp outside the tolerance", "signature does not match").
Status VerifyWebhookSignature(const std::vector<std::string>& secrets, std::string_view header, std::string_view body,
                              TimePoint now);

}  // namespace hearken
