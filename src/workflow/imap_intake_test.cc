// E-mail intake on a real dovecot (ImapTestServer), a real SQLite store and
// the aiosmtpd capture server for the acknowledgements.
#include "workflow/imap_intake.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cctype>

#include "workflow/complaint_mail_test_util.h"
#include "mail/testing/imap_test_server.h"

namespace hearken {
namespace {

using std::chrono::milliseconds;
using testing_util::ComplaintMailTest;
using testing_util::UniqueAddress;

std::string Mail(const std::string& from, const std::string& subject, const std::string& body,
                 const std::string& message_id, const std::string& extra_headers = "") {
  return "From: " + from + "\r\nTo: intake@hearken.example.org\r\nSubject: " + subject + "\r\nMessage-ID: <" +
         message_id + ">\r\n" + extra_headers + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n";
}

class ImapIntakeTest : public ComplaintMailTest {
 protected:
  void SetUp() override {
    ComplaintMailTest::SetUp();
    if (HasFatalFailure()) return;
    auto server = ImapTestServer::Start();
    ASSERT_TRUE(server.ok()) << server.error().message;
    imap_ = std::move(*server);
    ImapSettings settings;
    settings.url = imap_->Url();
    settings.user = imap_->user();
    settings.password = imap_->password();
    settings.connect_timeout = std::chrono::seconds(5);
    settings.timeout = std::chrono::seconds(20);
    mailbox_ = std::make_unique<ImapMailbox>(settings);
  }

  IntakeReport Poll() {
    auto report = PollIntakeOnce(*mailbox_, *store_, *notifier_, clock_);
    EXPECT_TRUE(report.ok()) << report.error().message << "\n" << imap_->LogTail();
    return report.ok() ? *report : IntakeReport{};
  }

  std::vector<std::uint32_t> Unseen() {
    auto unseen = mailbox_->ListUnseen();
    EXPECT_TRUE(unseen.ok()) << unseen.error().message;
    return unseen.ok() ? *unseen : std::vector<std::uint32_t>{};
  }

  // Files one parsed message directly (no IMAP round trip).
  IntakeReport FileRaw(const std::string& raw) {
    IntakeReport report;
    auto message = ParseInboundMessage(raw);
    EXPECT_TRUE(message.ok()) << message.error().message;
    if (!message.ok()) return report;
    Status filed = FileInboundMessage(*message, *store_, *notifier_, clock_, report);
    EXPECT_TRUE(filed.ok()) << filed.error().message;
    return report;
  }

  std::vector<Complaint> AllComplaints() {
    auto page = store_->complaints().ListComplaints({}, {.limit = 500});
    EXPECT_TRUE(page.ok()) << page.error().message;
    return page.ok() ? page->items : std::vector<Complaint>{};
  }

  // Runs SQL on the store's database through a connection of its own.
  void Sql(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir_ / "h.db").c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    std::string message = error ? error : "";
    sqlite3_free(error);
    sqlite3_close(db);
    ASSERT_EQ(rc, SQLITE_OK) << message;
  }

  std::unique_ptr<ImapTestServer> imap_;
  std::unique_ptr<ImapMailbox> mailbox_;
};

TEST_F(ImapIntakeTest, NewMailIsFiledAndAcknowledgedAndAReplyLandsOnItsCaseBothMarkedSeen) {
  auto existing = File(UniqueAddress("ann"));
  Move(existing.complaint.id, ComplaintState::kAcknowledged);
  std::string jane = UniqueAddress("jane");
  ASSERT_TRUE(imap_->Deliver(Mail("Jane Doe <" + jane + ">", "Kettle leaks", "It leaks from the base.\r\nPlease refund.",
                                  "kettle-1@mail.example.com")).ok());
  ASSERT_TRUE(imap_->Deliver(Mail("Ann <" + existing.complaint.intake.contact_email + ">",
                                  "Re: [" + existing.complaint.reference + "] The parcel arrived broken",
                                  "Here is the order number: 4711.\r\n\r\nOn Monday, Hearken wrote:\r\n"
                                  "> We received your complaint.\r\n>\r\n",
                                  "reply-1@mail.example.com")).ok());

  IntakeReport report = Poll();
  EXPECT_EQ(report.poll.committed.size(), 2u);
  EXPECT_TRUE(report.poll.failed.empty());
  EXPECT_EQ(report.complaints_filed, 1);
  EXPECT_EQ(report.replies_added, 1);
  EXPECT_TRUE(Unseen().empty());

  // The new complaint, acknowledged by mail.
  auto all = AllComplaints();
  ASSERT_EQ(all.size(), 2u);
  const Complaint* filed = nullptr;
  for (const Complaint& c : all)
    if (c.id != existing.complaint.id) filed = &c;
  ASSERT_NE(filed, nullptr);
  EXPECT_EQ(filed->intake.intake, ComplaintIntake::kEmail);
  EXPECT_EQ(filed->intake.channel, Channel::kEmail);
  EXPECT_EQ(filed->intake.summary, "Kettle leaks");
  EXPECT_EQ(filed->intake.description, "It leaks from the base.\nPlease refund.");
  EXPECT_EQ(filed->intake.contact_email, jane);
  EXPECT_EQ(filed->intake.contact_name, "Jane Doe");
  EXPECT_TRUE(filed->intake.consent_contact);
  EXPECT_EQ(filed->intake.source_message_id, "kettle-1@mail.example.com");
  EXPECT_EQ(filed->state, ComplaintState::kAcknowledged);
  auto ack = smtp_->WaitForMessagesTo(jane, 1, milliseconds(5000));
  ASSERT_TRUE(ack.ok()) << ack.error().message;
  EXPECT_NE((*ack)[0].Header("Subject").find("[" + filed->reference + "]"), std::string::npos);
  EXPECT_NE((*ack)[0].body.find("/status/"), std::string::npos);

  // The reply, on the existing case.
  auto messages = store_->complaint_messages().ListComplaintMessages(existing.complaint.id, true);
  ASSERT_TRUE(messages.ok());
  ASSERT_EQ(messages->size(), 1u);
  EXPECT_EQ((*messages)[0].kind, MessageKind::kFromComplainant);
  EXPECT_EQ((*messages)[0].body, "Here is the order number: 4711.");
  EXPECT_EQ((*messages)[0].mail_message_id, "reply-1@mail.example.com");
  EXPECT_NE((*messages)[0].author.find(existing.complaint.intake.contact_email), std::string::npos);

  // Nothing is left for the next poll.
  IntakeReport next = Poll();
  EXPECT_TRUE(next.poll.committed.empty());
}

TEST_F(ImapIntakeTest, MessageWhoseCommitFailsStaysUnseenAndIsFiledByTheNextPoll) {
  Sql("CREATE TRIGGER intake_test_refuse BEFORE INSERT ON complaints "
      "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;");
  ASSERT_TRUE(imap_->Deliver(Mail(UniqueAddress("bob"), "Wrong invoice", "Charged twice.", "invoice-1@x.example")).ok());
  IntakeReport failed = Poll();
  EXPECT_TRUE(failed.poll.committed.empty());
  ASSERT_EQ(failed.poll.failed.size(), 1u);
  EXPECT_EQ(Unseen().size(), 1u);
  EXPECT_TRUE(AllComplaints().empty());

  Sql("DROP TRIGGER intake_test_refuse;");
  IntakeReport filed = Poll();
  EXPECT_EQ(filed.complaints_filed, 1);
  EXPECT_TRUE(Unseen().empty());
  EXPECT_EQ(AllComplaints().size(), 1u);
}

TEST_F(ImapIntakeTest, AutomaticRepliesAreMarkedSeenWithoutFiling) {
  auto existing = File(UniqueAddress("ann"));
  ASSERT_TRUE(imap_->Deliver(Mail(existing.complaint.intake.contact_email,
                                  "Out of office: [" + existing.complaint.reference + "] We received your complaint",
                                  "I am away until Monday.", "ooo-1@x.example", "Auto-Submitted: auto-replied\r\n"))
                  .ok());
  ASSERT_TRUE(imap_->Deliver(Mail(UniqueAddress("news"), "Our newsletter", "Buy now", "news-1@x.example",
                                  "Precedence: bulk\r\n")).ok());
  IntakeReport report = Poll();
  EXPECT_EQ(report.auto_replies_ignored, 2);
  EXPECT_EQ(report.poll.committed.size(), 2u);
  EXPECT_TRUE(Unseen().empty());
  EXPECT_EQ(AllComplaints().size(), 1u);
  auto messages = store_->complaint_messages().ListComplaintMessages(existing.complaint.id, true);
  ASSERT_TRUE(messages.ok());
  EXPECT_TRUE(messages->empty());
}

TEST_F(ImapIntakeTest, AReplyResumesACaseWaitingOnTheComplainant) {
  auto existing = File(UniqueAddress("ann"));
  Move(existing.complaint.id, ComplaintState::kAcknowledged);
  Move(existing.complaint.id, ComplaintState::kWaitingOnComplainant, "which order?");
  IntakeReport report = FileRaw(Mail(existing.complaint.intake.contact_email, "RE: [" + existing.complaint.reference + "]",
                                     "Order 4711.", "reply-2@x.example", "Auto-Submitted: no\r\n"));
  EXPECT_EQ(report.replies_added, 1);
  EXPECT_EQ(Get(existing.complaint.id).state, ComplaintState::kAcknowledged);
}

TEST(MailAddressTest, AddressesAreComparedNormalisedAndCaseInsensitive) {
  EXPECT_EQ(NormaliseMailAddress("  <Ann.Example@Mail.Example.COM> "), "ann.example@mail.example.com");
  Complaint c;
  c.intake.contact_email = "ann@example.org";
  EXPECT_TRUE(IsComplainantAddress("ANN@Example.org", c));
  EXPECT_TRUE(IsComplainantAddress(" ann@example.org\t", c));
  EXPECT_FALSE(IsComplainantAddress("ann@example.org.evil.example", c));
  EXPECT_FALSE(IsComplainantAddress("bob@example.org", c));
  EXPECT_FALSE(IsComplainantAddress("", c));
  c.intake.contact_email.clear();
  EXPECT_FALSE(IsComplainantAddress("", c));  // no contact address: nobody is the complainant
}

// References are sequential: a stranger who names a case in the subject is
// kept for staff as unverified mail, and neither resumes the case nor reaches
// the status page; the complainant's own address (in any case) still does.
TEST_F(ImapIntakeTest, MailNamingACaseFromAnotherSenderIsKeptUnverifiedAndChangesNothing) {
  auto existing = File(UniqueAddress("ann"));
  Move(existing.complaint.id, ComplaintState::kAcknowledged);
  Move(existing.complaint.id, ComplaintState::kWaitingOnComplainant, "which order?");
  const std::string subject = "Re: [" + existing.complaint.reference + "] The parcel arrived broken";
  ASSERT_TRUE(imap_->Deliver(Mail("Ann Example <mallory@attacker.example>", subject,
                                  "Please send the refund to account 666.", "spoof-1@attacker.example"))
                  .ok());
  IntakeReport spoofed = Poll();
  EXPECT_EQ(spoofed.unverified_kept, 1);
  EXPECT_EQ(spoofed.replies_added, 0);
  EXPECT_EQ(spoofed.complaints_filed, 0);
  EXPECT_TRUE(Unseen().empty());
  EXPECT_EQ(Get(existing.complaint.id).state, ComplaintState::kWaitingOnComplainant);  // the clock stays paused
  auto staff = store_->complaint_messages().ListComplaintMessages(existing.complaint.id, true);
  ASSERT_TRUE(staff.ok());
  ASSERT_EQ(staff->size(), 1u);
  EXPECT_EQ((*staff)[0].kind, MessageKind::kUnverifiedMail);
  EXPECT_NE((*staff)[0].author.find("mallory@attacker.example"), std::string::npos);
  auto public_view = store_->complaint_messages().ListComplaintMessages(existing.complaint.id, false);
  ASSERT_TRUE(public_view.ok());
  EXPECT_TRUE(public_view->empty());

  // The complainant, writing the address in capitals, is the complainant.
  std::string upper = existing.complaint.intake.contact_email;
  for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  ASSERT_TRUE(imap_->Deliver(Mail("Ann <" + upper + ">", subject, "Order 4711.", "genuine-1@mail.example")).ok());
  IntakeReport genuine = Poll();
  EXPECT_EQ(genuine.replies_added, 1);
  EXPECT_EQ(genuine.unverified_kept, 0);
  EXPECT_EQ(Get(existing.complaint.id).state, ComplaintState::kAcknowledged);
  public_view = store_->complaint_messages().ListComplaintMessages(existing.complaint.id, false);
  ASSERT_TRUE(public_view.ok());
  ASSERT_EQ(public_view->size(), 1u);
  EXPECT_EQ((*public_view)[0].kind, MessageKind::kFromComplainant);
}

TEST_F(ImapIntakeTest, TheSameMessageReadTwiceIsFiledOnce) {
  std::string raw = Mail(UniqueAddress("carl"), "Rude staff", "At the Leeds branch.", "rude-1@x.example");
  EXPECT_EQ(FileRaw(raw).complaints_filed, 1);
  IntakeReport again = FileRaw(raw);
  EXPECT_EQ(again.complaints_filed, 0);
  EXPECT_EQ(again.already_done, 1);
  EXPECT_EQ(AllComplaints().size(), 1u);

  auto existing = File(UniqueAddress("ann"));
  std::string reply = Mail(existing.complaint.intake.contact_email, "[" + existing.complaint.reference + "]", "More.",
                           "more-1@x.example");
  EXPECT_EQ(FileRaw(reply).replies_added, 1);
  EXPECT_EQ(FileRaw(reply).already_done, 1);
  auto messages = store_->complaint_messages().ListComplaintMessages(existing.complaint.id, true);
  ASSERT_TRUE(messages.ok());
  EXPECT_EQ(messages->size(), 1u);
}

TEST_F(ImapIntakeTest, AnUnknownReferenceOrNoSubjectFilesANewComplaint) {
  IntakeReport unknown = FileRaw(Mail(UniqueAddress("dora"), "Re: [C-2020-999999] old case", "Still waiting.",
                                      "old-1@x.example"));
  EXPECT_EQ(unknown.complaints_filed, 1);
  IntakeReport blank = FileRaw("From: " + UniqueAddress("eve") + "\r\nMessage-ID: <blank-1@x.example>\r\n\r\nHello\r\n");
  EXPECT_EQ(blank.complaints_filed, 1);
  bool found = false;
  for (const Complaint& c : AllComplaints()) found = found || c.intake.summary == "(no subject)";
  EXPECT_TRUE(found);
}

TEST_F(ImapIntakeTest, AllowedAttachmentsAreStoredAndRefusedOnesNamedInTheText) {
  std::string raw = "From: " + UniqueAddress("fay") +
                    "\r\nSubject: Photos\r\nMessage-ID: <att-1@x.example>\r\nMIME-Version: 1.0\r\n"
                    "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                    "--b1\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n"
                    "--b1\r\nContent-Type: text/plain; name=\"notes.txt\"\r\nContent-Disposition: attachment; "
                    "filename=\"notes.txt\"\r\n\r\nDelivered on Monday.\r\n"
                    "--b1\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; "
                    "filename=\"setup.exe\"\r\nContent-Transfer-Encoding: base64\r\n\r\nTVqQAAMAAAAEAAAA\r\n"
                    "--b1--\r\n";
  EXPECT_EQ(FileRaw(raw).complaints_filed, 1);
  auto all = AllComplaints();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_NE(all[0].intake.description.find("See attached."), std::string::npos);
  EXPECT_NE(all[0].intake.description.find("setup.exe"), std::string::npos);
  auto attachments = store_->complaint_messages().ListAttachments(all[0].id);
  ASSERT_TRUE(attachments.ok()) << attachments.error().message;
  ASSERT_EQ(attachments->size(), 1u);
  EXPECT_EQ((*attachments)[0].filename, "notes.txt");
  EXPECT_EQ((*attachments)[0].content_type, "text/plain");
}

}  // namespace
}  // namespace hearken
