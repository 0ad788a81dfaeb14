// Plain HTTP request and response values used by the router and handlers.
// Only server.cc knows Boost.Beast; everything else works on these structs so
// that handlers compile fast and can be tested without sockets.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hearken::http {

class DeferredResponse;

struct HttpRequest {
  std::string method;  // upper case, e.g. "GET"
  std::string target;  // raw request target, path and query
  std::string path;    // the target without its query (still percent-encoded)
  std::map<std::string, std::string> query;                 // decoded; the last value wins
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-case
  std::string body;
  std::string client_address;  // the peer, or the client named by a trusted proxy
  bool over_tls = false;       // a trusted proxy said the client used https

  // The first header named `name` (lower-case), or nullptr.
  const std::string* Header(std::string_view name) const;
  // The value of cookie `name` from the Cookie header, or nullopt.
  std::optional<std::string> Cookie(std::string_view name) const;
};

// What a BodySource call made: more pieces follow, this was the last, or
// making it failed (the response ends unfinished).
enum class BodyPiece { kMore, kLast, kFailed };
// Makes the next piece of a streamed body into `piece` (replacing what it
// held). May block on the store; called again only after the previous piece
// was sent, so one piece at a time is in memory.
using BodySource = std::function<BodyPiece(std::string& piece)>;

struct HttpResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // A body streamed in pieces (exports) instead of `body`: the server sends
  // `body` first when not empty, then the source's pieces as they come
  // (chunked transfer coding), until kLast. After kFailed the connection is
  // closed without the closing chunk, so the client sees a cut-off body,
  // never a complete-looking one. Not called for HEAD.
  BodySource stream;
  // Set instead of a status and body by a handler that answers later
  // (http/deferred_response.h): the server waits for it and sends what it
  // is completed with.
  std::shared_ptr<DeferredResponse> deferred;

  // Replaces any header of the same name (case-insensitive).
  void SetHeader(std::string name, std::string value);
  // Adds a header even when one of that name exists (Set-Cookie).
  void AddHeader(std::string name, std::string value);
  const std::string* Header(std::string_view name) const;
};

// Splits a raw target into path and decoded query parameters.
void SplitTarget(std::string_view target, std::string* path, std::map<std::string, std::string>* query);

// Decodes %XX escapes (and '+' as space when `plus_is_space`). Returns nullopt
// for malformed escapes or an encoded NUL byte.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space);

// Case-insensitive ASCII comparison.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace hearken::http
