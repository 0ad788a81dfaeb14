// MIME text decoding for inbound mail: the transfer encodings (base64,
// quoted-printable, the RFC 2047 Q form, RFC 2231 percent-encoding) and
// charset conversion to UTF-8 with glibc's iconv. Used by inbound_message;
// every function is total (malformed input is decoded as far as it goes,
// never rejected) and every text result is valid UTF-8.
#pragma once

#include <string>
#include <string_view>

namespace hearken {

// RFC 2045 base64; characters outside the alphabet are skipped, decoding
// stops at the first '='.
std::string Base64Decode(std::string_view in);

// kBody: RFC 2045 quoted-printable (soft line breaks removed); kHeaderQ: the
// RFC 2047 "Q" form, where '_' stands for a space. A malformed '=' sequence is
// kept as written.
enum class QpMode { kBody, kHeaderQ };
std::string QuotedPrintableDecode(std::string_view in, QpMode mode);

// "%XX" sequences decoded (RFC 2231 parameter values); others kept.
std::string PercentDecode(std::string_view in);

// `in` converted from `charset` (any name iconv knows, case-insensitive) to
// UTF-8; bytes invalid in that charset become U+FFFD. Empty, unknown or
// unsupported charsets: the text is kept if it is UTF-8, else read as
// ISO-8859-1.
std::string CharsetToUtf8(std::string_view in, std::string_view charset);

// Each byte as the code point of the same value (ISO-8859-1 to UTF-8).
std::string Latin1ToUtf8(std::string_view in);

// Valid UTF-8 sequences kept, every other byte replaced by U+FFFD.
std::string ReplaceInvalidUtf8(std::string_view in);

}  // namespace hearken
