#include "mail/inbound_message.h"

#include <gtest/gtest.h>

#include <chrono>

namespace hearken {
namespace {

std::string Crlf(std::string text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

TEST(InboundMessageTest, ParsesSimplePlainTextMessageWithCrlf) {
  auto m = ParseInboundMessage(Crlf("From: Jane Doe <jane@example.com>\n"
                                    "To: complaints@example.org\n"
                                    "Subject: Broken kettle\n"
                                    "Message-ID: <abc.123@example.com>\n"
                                    "Date: Tue, 24 Nov 2026 18:24:41 +0100\n"
                                    "\n"
                                    "It leaks.\nPlease help.\n"),
                               7);
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->uid, 7u);
  EXPECT_EQ(m->from.address, "jane@example.com");
  EXPECT_EQ(m->from.display_name, "Jane Doe");
  EXPECT_EQ(m->subject, "Broken kettle");
  EXPECT_EQ(m->message_id, "abc.123@example.com");
  EXPECT_EQ(m->body, "It leaks.\nPlease help.\n");
  EXPECT_TRUE(m->attachments.empty());
  ASSERT_TRUE(m->date.has_value());
  using namespace std::chrono;
  EXPECT_EQ(*m->date, time_point_cast<microseconds>(sys_days(year(2026) / November / 24) + hours(17) + minutes(24) +
                                                    seconds(41)));
}

TEST(InboundMessageTest, UnfoldsHeadersAndMatchesNamesCaseInsensitively) {
  auto m = ParseInboundMessage("FROM: bob@example.com\nsubject: a long\n\tsubject line\n  continued\n\nx\n");
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->subject, "a long subject line continued");
  EXPECT_EQ(m->from.address, "bob@example.com");
  EXPECT_EQ(m->from.display_name, "");
}

TEST(InboundMessageTest, DecodesEncodedWordsInSubjectAndDisplayName) {
  auto m = ParseInboundMessage(
      "From: =?iso-8859-1?Q?J=FCrgen_M=FCller?= <jm@example.de>\n"
      "Subject: =?utf-8?B?R3LDvMOfZSBhdXMgS8O2bG4=?= und =?UTF-8?Q?K=C3=A4se?=\n"
      "  =?utf-8?q?_mehr?=\n\nbody\n");
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->from.display_name, "Jürgen Müller");
  EXPECT_EQ(m->subject, "Grüße aus Köln und Käse mehr");
}

TEST(InboundMessageTest, KeepsQuotedDisplayNameAndCommentForm) {
  auto quoted = ParseInboundMessage("From: \"Doe, Jane\" <jane@example.com>, other@example.com\n\nx");
  ASSERT_TRUE(quoted.ok()) << quoted.error().message;
  EXPECT_EQ(quoted->from.display_name, "Doe, Jane");
  EXPECT_EQ(quoted->from.address, "jane@example.com");
  auto comment = ParseInboundMessage("From: jane@example.com (Jane Doe)\n\nx");
  ASSERT_TRUE(comment.ok()) << comment.error().message;
  EXPECT_EQ(comment->from.address, "jane@example.com");
  EXPECT_EQ(comment->from.display_name, "Jane Doe");
}

TEST(InboundMessageTest, DecodesQuotedPrintableLatin1Body) {
  auto m = ParseInboundMessage(
      "From: a@example.com\nContent-Type: text/plain; charset=\"ISO-8859-1\"\n"
      "Content-Transfer-Encoding: quoted-printable\n\n"
      "Caf=E9 au lait co=\n=FBte trop cher =3D non.\n");
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->body, "Café au lait coûte trop cher = non.\n");
}

TEST(InboundMessageTest, DecodesBase64Utf8Body) {
  // "Rückerstattung bitte\n" in UTF-8, base64 over two lines.
  auto m = ParseInboundMessage(
      "From: a@example.com\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: BASE64\n\n"
      "UsO8Y2tlcnN0YXR0dW5n\nIGJpdHRlCg==\n");
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->body, "Rückerstattung bitte\n");
}

TEST(InboundMessageTest, TakesFirstPlainPartOfNestedMultipartAndListsAttachments) {
  auto m = ParseInboundMessage(Crlf(
      "From: a@example.com\n"
      "Subject: with photo\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/mixed; boundary=\"outer\"\n"
      "\n"
      "preamble\n"
      "--outer\n"
      "Content-Type: multipart/alternative; boundary=inner\n"
      "\n"
      "--inner\n"
      "Content-Type: text/plain; charset=utf-8\n"
      "Content-Transfer-Encoding: 8bit\n"
      "\n"
      "See the photo.\n"
      "--inner\n"
      "Content-Type: text/html\n"
      "\n"
      "<p>See the photo.</p>\n"
      "--inner--\n"
      "--outer\n"
      "Content-Type: image/png; name=\"ignored.png\"\n"
      "Content-Disposition: attachment; filename=\"kettle.png\"\n"
      "Content-Transfer-Encoding: base64\n"
      "\n"
      "iVBORw0KGgo=\n"
      "--outer\n"
      "Content-Type: application/pdf\n"
      "Content-Disposition: attachment; filename*=utf-8''Rechnung%20M%C3%A4rz.pdf\n"
      "\n"
      "%PDF-1.4\n"
      "--outer--\n"
      "epilogue\n"));
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->body, "See the photo.");
  ASSERT_EQ(m->attachments.size(), 2u);
  EXPECT_EQ(m->attachments[0].file_name, "kettle.png");
  EXPECT_EQ(m->attachments[0].content_type, "image/png");
  EXPECT_EQ(m->attachments[0].size, 8u);
  EXPECT_EQ(m->attachments[0].bytes, std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_EQ(m->attachments[1].file_name, "Rechnung März.pdf");
  EXPECT_EQ(m->attachments[1].content_type, "application/pdf");
  EXPECT_EQ(m->attachments[1].bytes, "%PDF-1.4");
}

TEST(InboundMessageTest, HtmlOnlyMessageHasEmptyBody) {
  auto m = ParseInboundMessage("From: a@example.com\nContent-Type: text/html\n\n<p>hi</p>\n");
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->body, "");
  EXPECT_TRUE(m->attachments.empty());
}

TEST(InboundMessageTest, InvalidBytesInBodyBecomeReplacementCharacters) {
  auto m = ParseInboundMessage("From: a@example.com\nContent-Type: text/plain; charset=utf-8\n\nok \xff\xfe end");
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->body, "ok \xEF\xBF\xBD\xEF\xBF\xBD end");
}

TEST(InboundMessageTest, UnparseableDateLeavesDateEmptyButKeepsHeader) {
  auto m = ParseInboundMessage("From: a@example.com\nDate: sometime last week\n\nx");
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->date_header, "sometime last week");
  EXPECT_FALSE(m->date.has_value());
}

TEST(InboundMessageTest, ObsoleteZoneNamesAndTwoDigitYearsAreRead) {
  auto m = ParseInboundMessage("From: a@example.com\nDate: 1 Feb 99 10:00 EST\n\nx");
  ASSERT_TRUE(m.ok()) << m.error().message;
  ASSERT_TRUE(m->date.has_value());
  using namespace std::chrono;
  EXPECT_EQ(*m->date, time_point_cast<microseconds>(sys_days(year(1999) / February / 1) + hours(15)));
}

TEST(InboundMessageTest, MalformedMessagesAreInvalidArgument) {
  for (const char* raw : {"", "   \r\n", "no colon here\n\nbody", "Subject: no sender\n\nbody",
                          "From: not an address\n\nbody", " continuation first\nFrom: a@b.c\n\nx",
                          "From: a@b.c\nContent-Type: multipart/mixed\n\nno boundary",
                          "From: a@b.c\nContent-Type: multipart/mixed; boundary=x\n\nno delimiter at all\n",
                          "From: <a@b.c\n\nx"}) {
    auto m = ParseInboundMessage(raw);
    ASSERT_FALSE(m.ok()) << "accepted: " << raw;
    EXPECT_EQ(m.error().code, ErrorCode::kInvalidArgument) << raw;
  }
}

TEST(InboundMessageTest, DeeplyNestedMultipartIsRejectedNotRecursedForever) {
  std::string raw = "From: a@b.c\n";
  for (int i = 0; i < 40; ++i)
    raw += "Content-Type: multipart/mixed; boundary=b" + std::to_string(i) + "\n\n--b" + std::to_string(i) + "\n";
  raw += "\nend\n";
  auto m = ParseInboundMessage(raw);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().code, ErrorCode::kInvalidArgument);
}

TEST(InboundMessageTest, GarbageInputNeverCrashes) {
  std::string seed =
      "From: =?utf-8?B?@@@?= <x@y.z>\nSubject: =?x?Q?=ZZ?= =?utf-8?\nContent-Type: multipart/mixed; boundary=\"q\"\n\n"
      "--q\nContent-Type: text/plain; charset=\"no-such-charset\"\nContent-Transfer-Encoding: quoted-printable\n\n"
      "=\n=4\n=G1\xff\n--q\nContent-Disposition: attachment; filename*0*=bad'';filename*1=%%\n\n\x01\n";
  for (size_t cut = 0; cut <= seed.size(); ++cut) {
    auto m = ParseInboundMessage(std::string_view(seed).substr(0, cut));
    (void)m;
  }
  auto m = ParseInboundMessage(seed);
  ASSERT_TRUE(m.ok()) << m.error().message;
}

TEST(InboundMessageTest, DecodeHeaderWordsLeavesBrokenWordsAsText) {
  EXPECT_EQ(DecodeHeaderWords("plain text"), "plain text");
  EXPECT_EQ(DecodeHeaderWords("=?utf-8?Q?not closed"), "=?utf-8?Q?not closed");
  EXPECT_EQ(DecodeHeaderWords("a =?utf-8?Q?b?= c"), "a b c");
  EXPECT_EQ(DecodeHeaderWords("caf\xe9"), "café");  // raw Latin-1 in a header
}

TEST(CaseReferenceTest, FindsBracketedAndBareReferences) {
  EXPECT_EQ(FindCaseReference("Re: [C-2026-000123] Broken kettle"), "C-2026-000123");
  EXPECT_EQ(FindCaseReference("AW: your case C-2025-004567, thanks"), "C-2025-004567");
  EXPECT_EQ(FindCaseReference("c-2026-000001"), "C-2026-000001");
}

TEST(CaseReferenceTest, IgnoresLookalikes) {
  EXPECT_EQ(FindCaseReference("Broken kettle"), std::nullopt);
  EXPECT_EQ(FindCaseReference("ABC-2026-000123"), std::nullopt);
  EXPECT_EQ(FindCaseReference("C-2026-0001234"), std::nullopt);
  EXPECT_EQ(FindCaseReference("C-2026-00012"), std::nullopt);
  EXPECT_EQ(FindCaseReference("C-26-000123"), std::nullopt);
  EXPECT_EQ(FindCaseReference("C-2026-000123x"), std::nullopt);
}

}  // namespace
}  // namespace hearken
