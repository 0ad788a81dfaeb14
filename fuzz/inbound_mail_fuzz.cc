// Fuzz target: inbound mail decoding (mail/inbound_message.h and
// mail/mime_decode.h). The input is a raw RFC 5322 message as IMAP would
// hand it over. The parser must never crash, and every text field it returns
// must be valid UTF-8 as its header promises; the MIME decoders run on the
// same bytes (with the first line as the charset name) and must keep their
// own promises: total, UTF-8 out, base64 never longer than 3/4 of its input.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/validation.h"
#include "fuzz_check.h"
#include "mail/inbound_message.h"
#include "mail/mime_decode.h"

using namespace hearken;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view raw(reinterpret_cast<const char*>(data), size);

  auto message = ParseInboundMessage(raw, 7);
  if (message.ok()) {
    const InboundMessage& m = *message;
    FUZZ_CHECK(m.uid == 7);
    FUZZ_CHECK(!m.from.address.empty());
    for (const std::string* text : {&m.message_id, &m.from.address, &m.from.display_name, &m.subject,
                                    &m.date_header, &m.auto_submitted, &m.precedence, &m.body}) {
      FUZZ_CHECK(IsValidUtf8(*text));
    }
    for (const InboundAttachment& a : m.attachments) {
      FUZZ_CHECK(a.size == a.bytes.size());
      FUZZ_CHECK(IsValidUtf8(a.file_name));
      FUZZ_CHECK(IsValidUtf8(a.content_type));
    }
    if (auto reference = FindCaseReference(m.subject)) {
      FUZZ_CHECK(reference->size() == 13 && (*reference)[0] == 'C');
    }
  }

  const std::string_view head = raw.substr(0, 4096);
  FUZZ_CHECK(IsValidUtf8(DecodeHeaderWords(head)));
  (void)FindCaseReference(head);
  FUZZ_CHECK(Base64Decode(head).size() <= head.size() * 3 / 4 + 3);
  FUZZ_CHECK(QuotedPrintableDecode(head, QpMode::kBody).size() <= head.size());
  FUZZ_CHECK(QuotedPrintableDecode(head, QpMode::kHeaderQ).size() <= head.size());
  FUZZ_CHECK(PercentDecode(head).size() <= head.size());
  const std::size_t eol = head.find('\n');
  const std::string_view charset = head.substr(0, eol == std::string_view::npos ? 0 : eol);
  const std::string_view text = eol == std::string_view::npos ? head : head.substr(eol + 1);
  FUZZ_CHECK(IsValidUtf8(CharsetToUtf8(text, charset.substr(0, 40))));
  FUZZ_CHECK(IsValidUtf8(Latin1ToUtf8(text)));
  FUZZ_CHECK(IsValidUtf8(ReplaceInvalidUtf8(text)));
  return 0;
}
