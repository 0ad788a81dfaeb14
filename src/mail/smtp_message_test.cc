#include "mail/smtp_message.h"

#include <gtest/gtest.h>

#include <sstream>

#include "core/time_format.h"

namespace hearken {
namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find("\r\n", start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  return lines;
}

OutgoingMail Basic() {
  OutgoingMail mail;
  mail.from = "complaints@example.org";
  mail.to = "ann@example.net";
  mail.subject = "Your complaint C-2026-00042";
  mail.body = "Hello Ann,\nwe received your complaint.\n";
  return mail;
}

TimePoint At(const char* text) { return *ParseTimestamp(text); }

TEST(SmtpMessageTest, DateIsRfc5322InUtc) {
  EXPECT_EQ(FormatRfc5322Date(At("2026-11-24T16:45:58.9Z")), "Tue, 24 Nov 2026 16:45:58 +0000");
  EXPECT_EQ(FormatRfc5322Date(At("2024-02-29T00:00:00Z")), "Thu, 29 Feb 2024 00:00:00 +0000");
}

TEST(SmtpMessageTest, ComposedMessageHasTheRequiredFieldsAndOnlyCrlfLineEnds) {
  OutgoingMail mail = Basic();
  mail.message_id = "abc.123@example.org";
  Result<std::string> message = ComposeMessage(mail, At("2026-11-24T16:45:58Z"));
  ASSERT_TRUE(message.ok()) << message.error().message;
  const std::string& m = *message;
  for (size_t i = 0; i < m.size(); ++i) {
    if (m[i] == '\n') {
      ASSERT_TRUE(i > 0 && m[i - 1] == '\r') << "bare LF at " << i;
    }
    if (m[i] == '\r') {
      ASSERT_TRUE(i + 1 < m.size() && m[i + 1] == '\n') << "bare CR at " << i;
    }
  }
  EXPECT_NE(m.find("Date: Tue, 24 Nov 2026 16:45:58 +0000\r\n"), std::string::npos);
  EXPECT_NE(m.find("From: complaints@example.org\r\n"), std::string::npos);
  EXPECT_NE(m.find("To: ann@example.net\r\n"), std::string::npos);
  EXPECT_NE(m.find("Message-ID: <abc.123@example.org>\r\n"), std::string::npos);
  EXPECT_NE(m.find("Subject: Your complaint C-2026-00042\r\n"), std::string::npos);
  EXPECT_NE(m.find("MIME-Version: 1.0\r\n"), std::string::npos);
  EXPECT_NE(m.find("Content-Type: text/plain; charset=UTF-8\r\n"), std::string::npos);
  EXPECT_NE(m.find("Content-Transfer-Encoding: 7bit\r\n"), std::string::npos);
  EXPECT_NE(m.find("Auto-Submitted: auto-generated\r\n"), std::string::npos);
  EXPECT_TRUE(m.ends_with("\r\n\r\nHello Ann,\r\nwe received your complaint.\r\n"));
}

TEST(SmtpMessageTest, GeneratedMessageIdsAreUniqueAndUseTheSenderDomain) {
  TimePoint now = At("2026-11-24T16:45:58Z");
  std::string a = NewMessageId("complaints@example.org", now);
  std::string b = NewMessageId("complaints@example.org", now);
  EXPECT_NE(a, b);
  EXPECT_TRUE(a.ends_with("@example.org"));
}

TEST(SmtpMessageTest, HeaderInjectionThroughCrOrLfIsRefused) {
  auto refused = [](OutgoingMail mail, const std::string& field) {
    Status s = ValidateOutgoingMail(mail);
    EXPECT_FALSE(s.ok()) << field;
    if (s.ok()) return;
    EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
    ASSERT_FALSE(s.error().fields.empty());
    EXPECT_EQ(s.error().fields[0].field, field);
    EXPECT_FALSE(ComposeMessage(mail, At("2026-11-24T16:45:58Z")).ok());
  };
  OutgoingMail m = Basic();
  m.subject = "Hi\r\nBcc: victim@example.com";
  refused(m, "subject");
  m = Basic();
  m.subject = "Hi\nthere";
  refused(m, "subject");
  m = Basic();
  m.to = "ann@example.net\r\nBcc: victim@example.com";
  refused(m, "to");
  m = Basic();
  m.from = "complaints@example.org\n";
  refused(m, "from");
  m = Basic();
  m.reply_to = "x@example.org\rBcc: y@example.org";
  refused(m, "reply_to");
  m = Basic();
  m.to_name = "Ann\r\nBcc: victim@example.com";
  refused(m, "to_name");
  m = Basic();
  m.headers = {{"X-Hearken-Case", "C-1\r\nBcc: victim@example.com"}};
  refused(m, "headers/0/value");
}

TEST(SmtpMessageTest, MalformedAddressesHeaderNamesAndTextAreRefused) {
  auto refused = [](OutgoingMail mail, const std::string& field) {
    Status s = ValidateOutgoingMail(mail);
    ASSERT_FALSE(s.ok()) << field;
    EXPECT_EQ(s.error().fields.at(0).field, field);
  };
  OutgoingMail m = Basic();
  m.to = "Ann <ann@example.net>";
  refused(m, "to");
  m = Basic();
  m.to = "ann@example.net, bob@example.net";
  refused(m, "to");
  m = Basic();
  m.to = "jürgen@example.net";
  refused(m, "to");
  m = Basic();
  m.from = "";
  refused(m, "from");
  m = Basic();
  m.headers = {{"Bcc", "victim@example.com"}};
  refused(m, "headers/0/name");
  m = Basic();
  m.headers = {{"X Case", "1"}};
  refused(m, "headers/0/name");
  m = Basic();
  m.subject = "bad \xC3";
  refused(m, "subject");
  m = Basic();
  m.body = "bad \xFF body";
  refused(m, "body");
  m = Basic();
  m.message_id = "<x@example.org>";
  refused(m, "message_id");
}

TEST(SmtpMessageTest, QuotedPrintableKeepsLinesShortAndEncodesWhatItMust) {
  std::string long_line(200, 'a');
  std::string qp = EncodeQuotedPrintable("Grüße = 1 \n" + long_line + "\r\nend\t");
  for (const std::string& line : Lines(qp)) EXPECT_LE(line.size(), 76u) << line;
  EXPECT_TRUE(qp.starts_with("Gr=C3=BC=C3=9Fe =3D 1=20\r\n")) << qp;
  EXPECT_NE(qp.find("=\r\n"), std::string::npos);  // the long line is soft-broken
  EXPECT_TRUE(qp.ends_with("end=09\r\n")) << qp;
}

TEST(SmtpMessageTest, LongAsciiSubjectIsFoldedAtSpaces) {
  std::string subject;
  for (int i = 0; i < 30; ++i) subject += "word" + std::to_string(i) + " ";
  subject += "end";
  std::string field = EncodeUnstructuredField("Subject", subject);
  for (const std::string& line : Lines(field)) EXPECT_LE(line.size(), 78u) << line;
  std::string unfolded;
  for (const std::string& line : Lines(field)) unfolded += line;
  EXPECT_EQ(unfolded, "Subject: " + subject);
}

TEST(SmtpMessageTest, NonAsciiSubjectBecomesEncodedWordsThatNeverSplitACharacter) {
  std::string subject;
  for (int i = 0; i < 40; ++i) subject += "Beschwerde über Lieferung ";  // 'ü' is two bytes
  std::string field = EncodeUnstructuredField("Subject", subject);
  for (const std::string& line : Lines(field)) {
    EXPECT_LE(line.size(), 78u);
    std::istringstream words(line);
    std::string word;
    while (words >> word) {
      if (word == "Subject:") continue;
      EXPECT_TRUE(word.starts_with("=?UTF-8?B?") && word.ends_with("?=")) << word;
      EXPECT_LE(word.size(), 75u);
    }
  }
}

TEST(SmtpMessageTest, AsciiTextThatLooksLikeAnEncodedWordIsEncoded) {
  EXPECT_TRUE(EncodeUnstructuredField("Subject", "=?UTF-8?B?aGk=?=").starts_with("Subject: =?UTF-8?B?"));
  EXPECT_EQ(EncodeUnstructuredField("Subject", "a = b"), "Subject: a = b");
}

TEST(SmtpMessageTest, DisplayNamesAreQuotedOrEncoded) {
  OutgoingMail m = Basic();
  m.from_name = "Hearken \"Support\"";
  m.to_name = "Jürgen Müller";
  Result<std::string> message = ComposeMessage(m, At("2026-11-24T16:45:58Z"));
  ASSERT_TRUE(message.ok());
  EXPECT_NE(message->find("From: \"Hearken \\\"Support\\\"\" <complaints@example.org>\r\n"), std::string::npos);
  EXPECT_NE(message->find("To: =?UTF-8?B?"), std::string::npos);
  EXPECT_NE(message->find(" <ann@example.net>\r\n"), std::string::npos);
}

}  // namespace
}  // namespace hearken
