// Inbound e-mail for complaint intake (issue 3, "E-mail"): turns one RFC 5322
// message, as fetched over IMAP, into the few things intake needs — sender,
// subject, date, the plain-text body and the attachments — and finds a case
// reference such as `C-2026-000123` in a subject, so that a reply lands on its
// case instead of opening a new complaint.
//
// The parser is deliberately lenient about what real mail gets wrong (unknown
// charsets, junk dates, stray bytes in base64) and strict only where nothing
// sensible can be extracted; every text field it returns is valid UTF-8.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"

namespace hearken {

// Upper bound on a raw message the parser accepts (larger → InvalidArgument).
inline constexpr std::size_t kMaxInboundMessageBytes = 64 * 1024 * 1024;

struct MailAddress {
  std::string address;       // "jane@example.com", as written (case kept)
  std::string display_name;  // "Jane Doe", RFC 2047 decoded; empty when absent
};

struct InboundAttachment {
  std::string file_name;     // from Content-Disposition filename or Content-Type name; may be empty
  std::string content_type;  // lower-case "type/subtype"
  std::size_t size = 0;      // decoded size in bytes (== bytes.size())
  std::string bytes;         // decoded content
};

struct InboundMessage {
  std::uint32_t uid = 0;            // IMAP UID the message was fetched under (0 if unknown)
  std::string message_id;           // Message-ID without the angle brackets; may be empty
  MailAddress from;
  std::string subject;              // RFC 2047 decoded, unfolded, trimmed
  std::string date_header;          // the Date header as written (unfolded)
  std::string auto_submitted;       // Auto-Submitted (RFC 3834) as written, trimmed; empty when absent
  std::string precedence;           // Precedence ("bulk", "list", "auto_reply"), trimmed; empty when absent
  std::optional<TimePoint> date;    // parsed Date (UTC); empty when absent or unparseable
  std::string body;                 // plain text, UTF-8, LF line ends; empty when no text/plain part
  std::vector<InboundAttachment> attachments;
};

// Parses `raw` (CRLF or LF line ends). The body is the single-part
// text/plain content, or the first text/plain part (not marked as an
// attachment) of a multipart/* tree; HTML-only mail yields an empty body.
// Transfer encodings quoted-printable, base64, 7bit, 8bit and binary are
// decoded; the body charset is converted to UTF-8 with iconv (any charset
// glibc knows; undecodable bytes become U+FFFD). Other leaves (and parts with a
// file name or Content-Disposition: attachment, and message/rfc822 parts)
// become attachments.
// Errors: InvalidArgument when the message is empty or too large, has no
// header/body structure (a header line without a colon), no usable From
// address, a multipart without a boundary or without any part, or nests
// multiparts deeper than 16 levels.
Result<InboundMessage> ParseInboundMessage(std::string_view raw, std::uint32_t uid = 0);

// Decodes RFC 2047 encoded-words (B and Q, any iconv charset) in a header
// value and returns UTF-8. Whitespace between adjacent encoded-words is
// dropped; raw 8-bit text that is not UTF-8 is read as ISO-8859-1.
std::string DecodeHeaderWords(std::string_view value);

// The first case reference `C-YYYY-NNNNNN` (four-digit year, six-digit
// number, a lower-case `c` accepted) that stands on its own in `subject` —
// bracketed like `[C-2026-000123]` or not, but not glued to other letters or
// digits. Returned in canonical form with an upper-case `C`.
std::optional<std::string> FindCaseReference(std::string_view subject);

}  // namespace hearken
