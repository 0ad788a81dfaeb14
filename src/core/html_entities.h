// HTML character references in text that arrives from elsewhere (social
// media exports and webhooks carry "&amp;", "&#39;", "&#x1F600;"): decoded to
// the characters they stand for, so that staff read the text and search
// finds it. Written here rather than pulled from a library because Debian's
// candidates (libxml2's HTML parser, gumbo) parse whole documents; this is a
// few dozen lines of pure code with its own tests.
#pragma once

#include <string>
#include <string_view>

namespace hearken {

// `text` with every character reference replaced:
// - numeric: "&#NNN;" and "&#xHHH;" (also without the closing ';' when the
//   next character cannot continue the number, as browsers do); a code
//   point that is zero, a surrogate or beyond U+10FFFF becomes U+FFFD;
// - named: the HTML 4 entities (amp, lt, gt, quot, apos, nbsp, the Latin-1
//   letters and signs, the Greek letters, dashes, quotes, euro, trade ...),
//   only with their ';'.
// Anything else (an unknown name, a lone '&') is kept as it is. Decoding
// runs once: "&amp;lt;" becomes "&lt;", not "<". Tags are not touched.
std::string DecodeHtmlEntities(std::string_view text);

// Appends the UTF-8 form of `code_point` (U+FFFD for one that is not a
// Unicode scalar value).
void AppendUtf8(std::string& out, char32_t code_point);

}  // namespace hearken
