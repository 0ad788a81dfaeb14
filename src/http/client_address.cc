#include "http/client_address.h"

#include <arpa/inet.h>

#include <cstring>

#include "http/http_types.h"

namespace hearken::http {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Parses a bare address into 16 bytes (IPv4 mapped).
bool ToBytes(std::string_view text, std::array<unsigned char, 16>* out) {
  if (text.empty() || text.size() > 45) return false;
  const std::string s(text);
  in_addr v4{};
  if (inet_pton(AF_INET, s.c_str(), &v4) == 1) {
    out->fill(0);
    (*out)[10] = 0xff;
    (*out)[11] = 0xff;
    std::memcpy(out->data() + 12, &v4, 4);
    return true;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, s.c_str(), &v6) == 1) {
    std::memcpy(out->data(), &v6, 16);
    return true;
  }
  return false;
}

bool IsMappedV4(const std::array<unsigned char, 16>& b) {
  for (int i = 0; i < 10; ++i)
    if (b[i] != 0) return false;
  return b[10] == 0xff && b[11] == 0xff;
}

std::string ToText(const std::array<unsigned char, 16>& b) {
  char text[INET6_ADDRSTRLEN] = {};
  if (IsMappedV4(b)) inet_ntop(AF_INET, b.data() + 12, text, sizeof text);
  else inet_ntop(AF_INET6, b.data(), text, sizeof text);
  return text;
}

// Strips brackets, a port and quotes from one forwarded element.
std::string_view BareAddress(std::string_view s) {
  s = Trim(s);
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  if (!s.empty() && s.front() == '[') {
    auto close = s.find(']');
    return close == std::string_view::npos ? std::string_view() : s.substr(1, close - 1);
  }
  // One colon: IPv4 with a port. More: a bare IPv6 address.
  if (auto colon = s.find(':'); colon != std::string_view::npos && s.find(':', colon + 1) == std::string_view::npos)
    return s.substr(0, colon);
  return s;
}

std::vector<std::string_view> SplitList(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(sep, start);
    if (end == std::string_view::npos) end = s.size();
    out.push_back(Trim(s.substr(start, end - start)));
    start = end + 1;
  }
  return out;
}

// The value of parameter `name` (for, proto) of each Forwarded element.
std::vector<std::string_view> ForwardedParameter(std::string_view header, std::string_view name) {
  std::vector<std::string_view> out;
  for (std::string_view element : SplitList(header, ',')) {
    for (std::string_view pair : SplitList(element, ';')) {
      auto eq = pair.find('=');
      if (eq == std::string_view::npos) continue;
      if (EqualsIgnoreCase(Trim(pair.substr(0, eq)), name)) out.push_back(Trim(pair.substr(eq + 1)));
    }
  }
  return out;
}

}  // namespace

std::optional<std::string> CanonicalAddress(std::string_view text) {
  std::array<unsigned char, 16> bytes{};
  if (!ToBytes(BareAddress(text), &bytes)) return std::nullopt;
  return ToText(bytes);
}

Result<TrustedProxies> TrustedProxies::Parse(const std::vector<std::string>& cidrs) {
  TrustedProxies out;
  for (const std::string& cidr : cidrs) {
    std::string_view text = Trim(cidr);
    Net net;
    std::string_view address = text;
    int prefix = -1;
    if (auto slash = text.find('/'); slash != std::string_view::npos) {
      address = text.substr(0, slash);
      const std::string_view digits = text.substr(slash + 1);
      if (digits.empty() || digits.size() > 3) return Error::InvalidField("trusted-proxy", "bad CIDR " + cidr);
      prefix = 0;
      for (char c : digits) {
        if (c < '0' || c > '9') return Error::InvalidField("trusted-proxy", "bad CIDR " + cidr);
        prefix = prefix * 10 + (c - '0');
      }
    }
    if (!ToBytes(address, &net.bytes)) return Error::InvalidField("trusted-proxy", "bad address in " + cidr);
    const bool v4 = address.find(':') == std::string_view::npos;
    if (prefix < 0) prefix = v4 ? 32 : 128;
    if (prefix > (v4 ? 32 : 128)) return Error::InvalidField("trusted-proxy", "bad prefix length in " + cidr);
    net.prefix = v4 ? prefix + 96 : prefix;
    out.nets_.push_back(net);
  }
  return out;
}

bool TrustedProxies::Contains(std::string_view address) const {
  std::array<unsigned char, 16> bytes{};
  if (nets_.empty() || !ToBytes(BareAddress(address), &bytes)) return false;
  for (const Net& net : nets_) {
    int bits = net.prefix;
    bool inside = true;
    for (int i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
      const unsigned mask = bits >= 8 ? 0xffu : (0xffu << (8 - bits)) & 0xffu;
      if ((bytes[i] & mask) != (net.bytes[i] & mask)) {
        inside = false;
        break;
      }
    }
    if (inside) return true;
  }
  return false;
}

TrustedProxies::Client TrustedProxies::Resolve(const std::string& peer, const std::string* x_forwarded_for,
                                               const std::string* forwarded,
                                               const std::string* x_forwarded_proto) const {
  Client client{CanonicalAddress(peer).value_or(peer), false};
  if (!Contains(peer)) return client;
  std::vector<std::string_view> chain;
  std::vector<std::string_view> protos;
  if (forwarded) {
    chain = ForwardedParameter(*forwarded, "for");
    protos = ForwardedParameter(*forwarded, "proto");
  } else if (x_forwarded_for) {
    chain = SplitList(*x_forwarded_for, ',');
  }
  if (!forwarded && x_forwarded_proto) protos = SplitList(*x_forwarded_proto, ',');
  // From the right: the nearest hop that is not one of our proxies is the client.
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    auto address = CanonicalAddress(*it);
    if (!address) break;  // "unknown", garbage: trust nothing further left
    client.address = *address;
    if (!Contains(*address)) break;
  }
  if (!protos.empty()) {
    std::string_view proto = protos.back();
    if (proto.size() >= 2 && proto.front() == '"' && proto.back() == '"') proto = proto.substr(1, proto.size() - 2);
    client.https = EqualsIgnoreCase(proto, "https");
  }
  return client;
}

}  // namespace hearken::http
