// Who the client is behind a reverse proxy: the peer of the TCP connection,
// unless the peer is a trusted proxy (--trusted-proxy CIDR), in which case
// X-Forwarded-For or Forwarded (RFC 7239) name the client — the rightmost
// address in the chain that is not itself a trusted proxy — and
// X-Forwarded-Proto / Forwarded proto= its scheme. Headers from any other
// peer are ignored, so a client cannot choose its own address.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace hearken::http {

class TrustedProxies {
 public:
  // Parses CIDRs ("10.0.0.0/8", "192.0.2.7", "::1/128", "fd00::/8").
  // Errors: InvalidArgument naming the bad entry.
  static Result<TrustedProxies> Parse(const std::vector<std::string>& cidrs);

  bool empty() const { return nets_.empty(); }
  // True when `address` (textual IPv4 or IPv6) is inside one of the nets.
  bool Contains(std::string_view address) const;

  struct Client {
    std::string address;  // canonical text
    bool https = false;   // the proxy said the client used TLS
  };
  // The client of a connection from `peer` with the given header values
  // (nullptr when absent; several header lines joined with ", ").
  Client Resolve(const std::string& peer, const std::string* x_forwarded_for, const std::string* forwarded,
                 const std::string* x_forwarded_proto) const;

 private:
  struct Net {
    std::array<unsigned char, 16> bytes{};  // IPv4 as ::ffff:a.b.c.d
    int prefix = 128;
  };
  std::vector<Net> nets_;
};

// `text` as a canonical IP address ("::ffff:1.2.3.4" becomes "1.2.3.4";
// brackets and a port are removed: "[::1]:80", "1.2.3.4:80"), or nullopt.
std::optional<std::string> CanonicalAddress(std::string_view text);

}  // namespace hearken::http
