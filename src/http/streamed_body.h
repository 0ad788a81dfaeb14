// Sending a streamed response (HttpResponse::stream) on a Beast stream: the
// head with Transfer-Encoding: chunked, then `body` and each piece of the
// source as one chunk, then the closing chunk. Only server.cc uses it; it
// is apart so that the server's connection loop stays one call away from it.
#pragma once

#include "http/beast.h"  // first: Asio needs <utility> before its headers

#include <chrono>
#include <functional>

#include "http/http_types.h"

namespace hearken::http {

// Makes the next piece of the body into `piece` (replacing what it held);
// the server makes it on its worker pool, since a source reads the store.
using PieceMaker = std::function<boost::asio::awaitable<BodyPiece>(std::string& piece)>;

// Writes `response` (whose `stream` is set) and returns true when the
// connection may serve another request: the whole body went out and
// `keep_alive` holds. Each write is given `timeout`. Pieces come from `next`,
// one at a time, each after the previous was written; kFailed stops the body
// without its closing chunk.
boost::asio::awaitable<bool> WriteStreamed(boost::beast::tcp_stream& stream, HttpResponse response, unsigned version,
                                           bool keep_alive, bool head, std::chrono::seconds timeout,
                                           PieceMaker next);

}  // namespace hearken::http
