// Real IMAP against a local dovecot (ImapTestServer), one server per test.
#include "mail/imap_mailbox.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <memory>

#include "mail/testing/imap_test_server.h"

namespace hearken {
namespace {

std::string Message(const std::string& from, const std::string& subject, const std::string& body) {
  return "From: " + from + "\r\nTo: complaints@example.org\r\nSubject: " + subject +
         "\r\nMessage-ID: <" + subject.substr(0, 8) + "@example.com>\r\n\r\n" + body + "\r\n";
}

class ImapMailboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = ImapTestServer::Start();
    ASSERT_TRUE(server.ok()) << server.error().message;
    server_ = std::move(*server);
  }

  ImapSettings Settings() const {
    ImapSettings settings;
    settings.url = server_->Url();
    settings.user = server_->user();
    settings.password = server_->password();
    settings.connect_timeout = std::chrono::seconds(5);
    settings.timeout = std::chrono::seconds(20);
    return settings;
  }

  std::unique_ptr<ImapTestServer> server_;
};

TEST_F(ImapMailboxTest, ListUnseenReturnsDeliveredMessagesAndFetchDoesNotMarkThemSeen) {
  ASSERT_TRUE(server_->Deliver(Message("a@example.com", "first", "one")).ok());
  ASSERT_TRUE(server_->Deliver(Message("b@example.com", "second", "two")).ok());
  ImapMailbox mailbox(Settings());
  auto unseen = mailbox.ListUnseen();
  ASSERT_TRUE(unseen.ok()) << unseen.error().message << "\n" << server_->LogTail();
  ASSERT_EQ(unseen->size(), 2u);
  auto raw = mailbox.Fetch((*unseen)[0]);
  ASSERT_TRUE(raw.ok()) << raw.error().message;
  EXPECT_NE(raw->find("Subject: first\r\n"), std::string::npos);
  EXPECT_NE(raw->find("\r\n\r\none\r\n"), std::string::npos);
  auto again = mailbox.ListUnseen();
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(*again, *unseen);
}

TEST_F(ImapMailboxTest, ListingAndFetchingSeeMessagesThatArriveLaterAndFetchesShareOneLogin) {
  ASSERT_TRUE(server_->Deliver(Message("a@example.com", "early", "one")).ok());
  ImapMailbox mailbox(Settings());
  auto first = mailbox.ListUnseen();
  ASSERT_TRUE(first.ok()) << first.error().message;
  ASSERT_EQ(first->size(), 1u);
  ASSERT_TRUE(mailbox.Fetch((*first)[0]).ok());
  ASSERT_TRUE(server_->Deliver(Message("b@example.com", "late", "two")).ok());
  auto second = mailbox.ListUnseen();
  ASSERT_TRUE(second.ok()) << second.error().message;
  ASSERT_EQ(second->size(), 2u);
  auto late = mailbox.Fetch((*second)[1]);
  ASSERT_TRUE(late.ok()) << late.error().message;
  EXPECT_NE(late->find("Subject: late\r\n"), std::string::npos);
  // One login per listing (a fresh SELECT each time) and one for both
  // fetches (the log may lag, never lead).
  std::string log = server_->LogTail();
  size_t logins = 0;
  for (size_t pos = 0; (pos = log.find("Login: user=<", pos)) != std::string::npos; ++pos) ++logins;
  EXPECT_LE(logins, 3u) << log;
}

TEST_F(ImapMailboxTest, FetchOfMissingUidIsNotFound) {
  ImapMailbox mailbox(Settings());
  auto raw = mailbox.Fetch(4242);
  ASSERT_FALSE(raw.ok());
  EXPECT_EQ(raw.error().code, ErrorCode::kNotFound) << raw.error().message;
}

TEST_F(ImapMailboxTest, PollMarksSeenOnlyWhatCommittedAndRetriesTheRest) {
  ASSERT_TRUE(server_->Deliver(Message("ok@example.com", "Kettle leaks", "please refund")).ok());
  ASSERT_TRUE(server_->Deliver(Message("Fail <fail@example.com>", "Re: [C-2026-000123] still broken", "hello")).ok());
  ImapMailbox mailbox(Settings());

  std::vector<std::string> seen_from;
  std::optional<std::string> reference;
  auto commit = [&](const InboundMessage& message) -> Status {
    seen_from.push_back(message.from.address);
    if (message.from.address == "fail@example.com") {
      reference = FindCaseReference(message.subject);
      return Error::Unavailable("store is down");
    }
    return Status::Ok();
  };
  PollReport report;
  Status first = PollOnce(mailbox, commit, &report);
  ASSERT_FALSE(first.ok());
  EXPECT_EQ(first.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(first.error().message.find("store is down"), std::string::npos);
  EXPECT_EQ(seen_from, (std::vector<std::string>{"ok@example.com", "fail@example.com"}));
  ASSERT_EQ(report.committed.size(), 1u);
  ASSERT_EQ(report.failed.size(), 1u);
  EXPECT_EQ(reference, "C-2026-000123");

  auto unseen = mailbox.ListUnseen();
  ASSERT_TRUE(unseen.ok()) << unseen.error().message;
  EXPECT_EQ(*unseen, std::vector<std::uint32_t>{report.failed[0].first});

  seen_from.clear();
  PollReport second_report;
  Status second = PollOnce(mailbox, [&](const InboundMessage& m) -> Status {
    seen_from.push_back(m.from.address);
    return Status::Ok();
  }, &second_report);
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(seen_from, std::vector<std::string>{"fail@example.com"});
  auto none = mailbox.ListUnseen();
  ASSERT_TRUE(none.ok()) << none.error().message;
  EXPECT_TRUE(none->empty());
}

TEST_F(ImapMailboxTest, UnparseableMessageIsReportedAndLeftUnseen) {
  ASSERT_TRUE(server_->Deliver("Subject: nobody sent this\r\n\r\nbody\r\n").ok());
  ImapMailbox mailbox(Settings());
  int commits = 0;
  Status status = PollOnce(mailbox, [&](const InboundMessage&) -> Status {
    ++commits;
    return Status::Ok();
  });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(commits, 0);
  auto unseen = mailbox.ListUnseen();
  ASSERT_TRUE(unseen.ok()) << unseen.error().message;
  EXPECT_EQ(unseen->size(), 1u);
}

TEST_F(ImapMailboxTest, WrongPasswordIsUnavailable) {
  ImapSettings settings = Settings();
  settings.password = "wrong-password";
  ImapMailbox mailbox(settings);
  auto unseen = mailbox.ListUnseen();
  ASSERT_FALSE(unseen.ok());
  EXPECT_EQ(unseen.error().code, ErrorCode::kUnavailable) << unseen.error().message;
  auto raw = mailbox.Fetch(1);
  ASSERT_FALSE(raw.ok());
  EXPECT_EQ(raw.error().code, ErrorCode::kUnavailable) << raw.error().message;
}

TEST(ImapMailboxUnreachableTest, ClosedPortIsUnavailable) {
  // A port on 127.0.0.1 that nothing listens on: bound, then closed unlistened.
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  socklen_t length = sizeof address;
  ASSERT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length), 0);
  close(fd);
  ImapSettings settings;
  settings.url = "imap://127.0.0.1:" + std::to_string(ntohs(address.sin_port)) + "/INBOX";
  settings.user = "nobody";
  settings.password = "irrelevant";
  settings.connect_timeout = std::chrono::seconds(5);
  ImapMailbox mailbox(settings);
  auto unseen = mailbox.ListUnseen();
  Status marked = mailbox.MarkSeen(1);
  ASSERT_FALSE(unseen.ok());
  EXPECT_EQ(unseen.error().code, ErrorCode::kUnavailable) << unseen.error().message;
  ASSERT_FALSE(marked.ok());
  EXPECT_EQ(marked.error().code, ErrorCode::kUnavailable);
}

TEST(ImapMailboxUnreachableTest, ServerThatNeverGreetsTimesOutAsUnavailable) {
  // A socket that listens (the kernel completes the handshake) but never
  // answers, like a hung server.
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(listen(fd, 4), 0);
  ASSERT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  ImapSettings settings;
  settings.url = "imap://127.0.0.1:" + std::to_string(ntohs(addr.sin_port)) + "/INBOX";
  settings.user = "u";
  settings.password = "p";
  settings.connect_timeout = std::chrono::milliseconds(500);
  settings.timeout = std::chrono::milliseconds(800);
  ImapMailbox mailbox(settings);
  auto unseen = mailbox.ListUnseen();
  auto raw = mailbox.Fetch(1);
  close(fd);
  ASSERT_FALSE(unseen.ok());
  EXPECT_EQ(unseen.error().code, ErrorCode::kUnavailable) << unseen.error().message;
  ASSERT_FALSE(raw.ok());
  EXPECT_EQ(raw.error().code, ErrorCode::kUnavailable) << raw.error().message;
}

}  // namespace
}  // namespace hearken
