#include "http/streamed_body.h"

namespace hearken::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

asio::awaitable<bool> WriteStreamed(beast::tcp_stream& stream, HttpResponse response, unsigned version,
                                    bool keep_alive, bool head, std::chrono::seconds timeout, PieceMaker next) {
  bhttp::response<bhttp::empty_body> out{static_cast<bhttp::status>(response.status), version};
  for (auto& [name, value] : response.headers) out.insert(name, value);
  out.set(bhttp::field::server, "hearken");
  out.keep_alive(keep_alive);
  out.chunked(true);
  bhttp::response_serializer<bhttp::empty_body> serializer{out};
  beast::error_code ec;
  stream.expires_after(timeout);
  co_await bhttp::async_write_header(stream, serializer, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return false;
  if (head) co_return keep_alive;

  std::string piece = std::move(response.body);
  BodyPiece state = BodyPiece::kMore;
  for (;;) {
    if (!piece.empty()) {
      stream.expires_after(timeout);
      co_await asio::async_write(stream, bhttp::make_chunk(asio::buffer(piece)),
                                 asio::redirect_error(asio::use_awaitable, ec));
      if (ec) co_return false;
    }
    if (state == BodyPiece::kLast) break;
    piece.clear();
    state = co_await next(piece);
    if (state == BodyPiece::kFailed) co_return false;  // no closing chunk: the client sees a cut-off body
  }
  stream.expires_after(timeout);
  co_await asio::async_write(stream, bhttp::make_chunk_last(), asio::redirect_error(asio::use_awaitable, ec));
  co_return !ec && keep_alive;
}

}  // namespace hearken::http
