// Composes the RFC 5322 text of an OutgoingMail for SMTP submission: header
// fields (Date, Message-ID, MIME-Version, text/plain; charset=UTF-8), RFC 2047
// encoded-words for non-ASCII header text, folding of long header lines, a
// 7bit or quoted-printable body, CRLF line ends. SMTP dot-stuffing is left to
// the transport (libcurl does it). Pure functions, no I/O.
#pragma once

#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"
#include "mail/mailer.h"

namespace hearken {

// True for a plain ASCII mailbox address "local@domain.tld" as Hearken sends
// to: IsPlausibleEmail, ASCII only, and none of ()[]\":,;<> or controls.
bool IsSendableAddress(std::string_view address);

// Checks every field of `mail` as Mailer::Send documents.
// Errors: InvalidArgument naming the fields at fault.
Status ValidateOutgoingMail(const OutgoingMail& mail);

// A new globally unique message id (without angle brackets),
// "<time>.<random>@<domain of from>".
std::string NewMessageId(std::string_view from_address, TimePoint now);

// The complete message, CRLF line ends, ready for DATA (before dot-stuffing).
// `now` fills the Date field; `mail.message_id` or a new one the Message-ID.
// Errors: InvalidArgument as ValidateOutgoingMail.
Result<std::string> ComposeMessage(const OutgoingMail& mail, TimePoint now);

// RFC 5322 date-time in UTC, "Tue, 24 Nov 2026 16:45:58 +0000".
std::string FormatRfc5322Date(TimePoint t);

// Quoted-printable (RFC 2045) of UTF-8 text: line breaks of any kind become
// CRLF hard breaks, encoded lines stay within 76 characters.
std::string EncodeQuotedPrintable(std::string_view text);

// The header field "Name: value" for unstructured UTF-8 text, folded with
// CRLF SP so no line passes 78 characters where the text allows; non-ASCII
// text (or text that looks like an encoded-word) becomes RFC 2047 "B"
// encoded-words of at most 75 characters that never split a character.
// No trailing CRLF.
std::string EncodeUnstructuredField(std::string_view name, std::string_view value);

}  // namespace hearken
