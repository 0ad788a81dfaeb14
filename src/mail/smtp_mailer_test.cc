#include "mail/smtp_mailer.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "core/time_format.h"
#include "mail/testing/smtp_test_server.h"

namespace hearken {
namespace {

using std::chrono::milliseconds;

// A port on 127.0.0.1 where nothing listens (bound, then closed).
int ClosedPort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

class SmtpMailerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto server = SmtpTestServer::Start();
    if (!server.ok()) {
      start_error_ = new std::string(server.error().message);
      return;
    }
    server_ = server->release();
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  void SetUp() override {
    ASSERT_NE(server_, nullptr) << "SMTP test server: " << (start_error_ ? *start_error_ : "");
    auto mailer = SmtpMailer::Create({.url = server_->Url(), .start_tls = StartTls::kNever}, clock_);
    ASSERT_TRUE(mailer.ok()) << mailer.error().message;
    mailer_ = std::move(*mailer);
  }

  // A recipient no other test uses.
  static std::string Recipient(const std::string& prefix) {
    static std::atomic<int> n{0};
    return prefix + std::to_string(++n) + "@example.net";
  }

  static OutgoingMail Mail(const std::string& to) {
    OutgoingMail mail;
    mail.from = "complaints@hearken.example.org";
    mail.from_name = "Hearken Beschwerdestelle";
    mail.to = to;
    mail.subject = "Your complaint C-2026-00042 was received";
    mail.body = "Hello,\n\nwe received your complaint.\n";
    return mail;
  }

  static SmtpTestServer* server_;
  static std::string* start_error_;
  ManualClock clock_{*ParseTimestamp("2026-11-24T16:45:58Z")};
  std::unique_ptr<SmtpMailer> mailer_;
};

SmtpTestServer* SmtpMailerTest::server_ = nullptr;
std::string* SmtpMailerTest::start_error_ = nullptr;

TEST_F(SmtpMailerTest, DeliveredMessageCarriesTheExpectedHeadersAndEnvelope) {
  std::string to = Recipient("ann");
  OutgoingMail mail = Mail(to);
  mail.to_name = "Ann Example";
  mail.reply_to = "handler@hearken.example.org";
  mail.headers = {{"X-Hearken-Case", "C-2026-00042"}};
  ASSERT_TRUE(mailer_->Send(mail).ok());

  auto received = server_->MessagesTo(to);
  ASSERT_EQ(received.size(), 1u);
  const ReceivedMail& r = received[0];
  EXPECT_EQ(r.mail_from, "complaints@hearken.example.org");
  EXPECT_EQ(r.rcpt_tos, std::vector<std::string>{to});
  EXPECT_TRUE(r.defects.empty()) << r.defects[0];
  EXPECT_EQ(r.Header("Date"), "Tue, 24 Nov 2026 16:45:58 +0000");
  EXPECT_EQ(r.Header("From"), "Hearken Beschwerdestelle <complaints@hearken.example.org>");
  EXPECT_EQ(r.Header("To"), "Ann Example <" + to + ">");
  EXPECT_EQ(r.Header("Reply-To"), "handler@hearken.example.org");
  EXPECT_EQ(r.Header("Subject"), "Your complaint C-2026-00042 was received");
  EXPECT_EQ(r.Header("X-Hearken-Case"), "C-2026-00042");
  EXPECT_EQ(r.Header("MIME-Version"), "1.0");
  EXPECT_EQ(r.Header("Auto-Submitted"), "auto-generated");
  EXPECT_TRUE(r.Header("Message-ID").starts_with("<"));
  EXPECT_TRUE(r.Header("Message-ID").ends_with("@hearken.example.org>"));
  EXPECT_EQ(r.content_type, "text/plain");
  EXPECT_EQ(r.charset, "utf-8");
  EXPECT_EQ(r.body, "Hello,\n\nwe received your complaint.\n");
  EXPECT_EQ(r.HeaderCount("Subject"), 1u);
  EXPECT_EQ(r.HeaderCount("Bcc"), 0u);
}

TEST_F(SmtpMailerTest, Utf8SubjectAndNamesArriveEncodedAndDecodeToTheOriginal) {
  std::string to = Recipient("jurgen");
  OutgoingMail mail = Mail(to);
  mail.from_name = "Beschwerdestelle Müller & Söhne";
  mail.to_name = "Jürgen Groß";
  mail.subject = "Ihre Beschwerde über die Lieferung — Fall C-2026-00042 ✓ 日本語のテキスト, "
                 "und noch ein recht langer Rest, damit gefaltet werden muss";
  ASSERT_TRUE(mailer_->Send(mail).ok());
  auto received = server_->MessagesTo(to);
  ASSERT_EQ(received.size(), 1u);
  const ReceivedMail& r = received[0];
  EXPECT_TRUE(r.defects.empty()) << r.defects[0];
  EXPECT_EQ(r.Header("Subject"), mail.subject);
  EXPECT_EQ(r.Header("From"), "Beschwerdestelle Müller & Söhne <complaints@hearken.example.org>");
  EXPECT_EQ(r.Header("To"), "Jürgen Groß <" + to + ">");
  // On the wire the header is ASCII encoded-words.
  size_t subject = r.raw.find("Subject: =?UTF-8?B?");
  ASSERT_NE(subject, std::string::npos) << r.raw;
  size_t header_end = r.raw.find("\r\n\r\n");
  for (size_t i = 0; i < header_end; ++i) EXPECT_LT(static_cast<unsigned char>(r.raw[i]), 0x80) << i;
}

TEST_F(SmtpMailerTest, BodyArrivesIntactWithDotLinesLongLinesAndUtf8) {
  std::string to = Recipient("dots");
  OutgoingMail mail = Mail(to);
  std::string long_line;
  for (int i = 0; i < 120; ++i) long_line += "lang" + std::to_string(i) + " ";
  mail.body = ".\n"                                 // alone, this line would end DATA
              ".starts with a dot\n"
              "..two dots\n"
              "Grüße aus Köln = 100 % ✓\n" +
              long_line + "\n"
              "trailing spaces   \n"
              "\n"
              ".\n"
              "last line";
  ASSERT_TRUE(mailer_->Send(mail).ok());
  auto received = server_->MessagesTo(to);
  ASSERT_EQ(received.size(), 1u);
  EXPECT_TRUE(received[0].defects.empty()) << received[0].defects[0];
  EXPECT_EQ(received[0].body, mail.body + "\n");  // a final line break is added
  EXPECT_NE(received[0].raw.find("Content-Transfer-Encoding: quoted-printable"), std::string::npos);
}

TEST_F(SmtpMailerTest, AsciiBodyWithDotLinesIsSentAs7bitAndArrivesIntact) {
  std::string to = Recipient("ascii");
  OutgoingMail mail = Mail(to);
  mail.body = "line one\r\n.\r\n.hidden?\r\n..\r\nend\r\n";
  ASSERT_TRUE(mailer_->Send(mail).ok());
  auto received = server_->MessagesTo(to);
  ASSERT_EQ(received.size(), 1u);
  EXPECT_NE(received[0].raw.find("Content-Transfer-Encoding: 7bit"), std::string::npos);
  EXPECT_TRUE(received[0].raw.ends_with("\r\n\r\nline one\r\n.\r\n.hidden?\r\n..\r\nend\r\n")) << received[0].raw;
  EXPECT_EQ(received[0].body, "line one\n.\n.hidden?\n..\nend\n");
}

TEST_F(SmtpMailerTest, HeaderInjectionIsRefusedAndNothingIsSent) {
  std::string to = Recipient("inject");
  OutgoingMail mail = Mail(to);
  mail.subject = "Hello\r\nBcc: victim@example.com";
  Status s = mailer_->Send(mail);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
  mail = Mail(to + "\r\nRCPT TO:<victim@example.com>");
  s = mailer_->Send(mail);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(server_->MessagesTo(to).empty());
  EXPECT_TRUE(server_->MessagesTo("victim@example.com").empty());
}

TEST_F(SmtpMailerTest, ClosedPortIsUnavailable) {
  auto mailer = SmtpMailer::Create(
      {.url = "smtp://127.0.0.1:" + std::to_string(ClosedPort()), .connect_timeout = milliseconds(2000)}, clock_);
  ASSERT_TRUE(mailer.ok());
  Status s = (*mailer)->Send(Mail(Recipient("nobody")));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kUnavailable) << s.error().message;
}

TEST_F(SmtpMailerTest, SilentServerIsUnavailableAfterTheTimeout) {
  // Accepts the connection (kernel backlog) but never sends a greeting.
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(listen(fd, 4), 0);
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  auto mailer = SmtpMailer::Create({.url = "smtp://127.0.0.1:" + std::to_string(ntohs(addr.sin_port)),
                                    .total_timeout = milliseconds(500)},
                                   clock_);
  ASSERT_TRUE(mailer.ok());
  Status s = (*mailer)->Send(Mail(Recipient("silent")));
  close(fd);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kUnavailable) << s.error().message;
}

TEST_F(SmtpMailerTest, TemporaryRefusalsAreUnavailable) {
  for (const char* prefix : {"rcpt451", "data451"}) {
    std::string to = Recipient(prefix);
    Status s = mailer_->Send(Mail(to));
    ASSERT_FALSE(s.ok()) << prefix;
    EXPECT_EQ(s.error().code, ErrorCode::kUnavailable) << prefix << ": " << s.error().message;
    EXPECT_TRUE(server_->MessagesTo(to).empty());
  }
}

TEST_F(SmtpMailerTest, PermanentRefusalsAreInternal) {
  for (const char* prefix : {"rcpt550", "data554"}) {
    Status s = mailer_->Send(Mail(Recipient(prefix)));
    ASSERT_FALSE(s.ok()) << prefix;
    EXPECT_EQ(s.error().code, ErrorCode::kInternal) << prefix << ": " << s.error().message;
  }
}

TEST_F(SmtpMailerTest, StartTlsRequiredButNotOfferedFailsWithoutSending) {
  auto mailer = SmtpMailer::Create({.url = server_->Url(), .start_tls = StartTls::kRequired}, clock_);
  ASSERT_TRUE(mailer.ok());
  std::string to = Recipient("tls");
  Status s = (*mailer)->Send(Mail(to));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kInternal) << s.error().message;
  EXPECT_TRUE(server_->MessagesTo(to).empty());
}

TEST_F(SmtpMailerTest, OneMailerSendsFromSeveralThreads) {
  std::string to = Recipient("threads");
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      OutgoingMail mail = Mail(to);
      mail.subject = "thread " + std::to_string(t);
      for (int i = 0; i < 3; ++i)
        if (mailer_->Send(mail).ok()) ++ok;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 12);
  EXPECT_EQ(server_->MessagesTo(to).size(), 12u);
}

TEST(SmtpMailerConfigTest, NonSmtpUrlsAndBadTimeoutsAreRefused) {
  ManualClock clock(*ParseTimestamp("2026-11-24T16:45:58Z"));
  EXPECT_EQ(SmtpMailer::Create({.url = "http://127.0.0.1:25"}, clock).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(SmtpMailer::Create({.url = "file:///etc/passwd"}, clock).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(SmtpMailer::Create({.url = "smtp://127.0.0.1:25", .connect_timeout = milliseconds(0)}, clock)
                .error()
                .code,
            ErrorCode::kInvalidArgument);
  EXPECT_TRUE(SmtpMailer::Create({.url = "smtps://mail.example.org"}, clock).ok());
}

}  // namespace
}  // namespace hearken
