// The background thread of `hearken serve`: the SLA job and e-mail intake run
// on their own at their intervals and stop cleanly, against a real SQLite
// store, aiosmtpd and dovecot.
#include "app/background_jobs.h"

#include <gtest/gtest.h>

#include <thread>

#include "workflow/complaint_mail_test_util.h"
#include "mail/testing/imap_test_server.h"

namespace hearken {
namespace {

using namespace std::chrono_literals;
using testing_util::ComplaintMailTest;
using testing_util::UniqueAddress;

class BackgroundJobsTest : public ComplaintMailTest {
 protected:
  // Waits up to 20 s for `done`.
  template <typename F>
  bool Eventually(F done) {
    for (int i = 0; i < 400; ++i) {
      if (done()) return true;
      std::this_thread::sleep_for(50ms);
    }
    return false;
  }
};

TEST_F(BackgroundJobsTest, SlaJobRunsRepeatedlyAndEscalatesABreachOnce) {
  User qm = AddUser(UniqueAddress("qm"), Role::kQualityManager);
  auto filed = File(UniqueAddress("ann"));
  clock_.Set(*ParseTimestamp("2026-11-30T14:00:00Z"));  // acknowledge was due at 13:00

  BackgroundJobSettings settings;
  settings.sla_interval = 50ms;
  BackgroundJobs jobs(*store_, *notifier_, mailer_.get(), clock_, settings);
  jobs.Start();
  auto mails = smtp_->WaitForMessagesTo(qm.email, 1, std::chrono::milliseconds(20000));
  ASSERT_TRUE(mails.ok()) << mails.error().message;
  ASSERT_TRUE(Eventually([&] { return jobs.sla_runs() >= 3; }));
  jobs.Stop();
  EXPECT_EQ(smtp_->MessagesTo(qm.email).size(), 1u);
  EXPECT_TRUE(Get(filed.complaint.id).ack_escalated_at.has_value());
  EXPECT_EQ(jobs.imap_polls(), 0);
}

TEST_F(BackgroundJobsTest, IntakeFilesMailFromTheMailboxAndStopEndsTheThread) {
  auto imap = ImapTestServer::Start();
  ASSERT_TRUE(imap.ok()) << imap.error().message;
  std::string sender = UniqueAddress("jane");
  ASSERT_TRUE((*imap)->Deliver("From: " + sender + "\r\nSubject: Broken kettle\r\nMessage-ID: <bg-1@x.example>\r\n\r\n"
                               "It leaks.\r\n").ok());
  BackgroundJobSettings settings;
  settings.sla_interval = 3600s;
  settings.imap_interval = 50ms;
  ImapSettings imap_settings;
  imap_settings.url = (*imap)->Url();
  imap_settings.user = (*imap)->user();
  imap_settings.password = (*imap)->password();
  settings.imap = imap_settings;
  BackgroundJobs jobs(*store_, *notifier_, mailer_.get(), clock_, settings);
  jobs.Start();
  ASSERT_TRUE(Eventually([&] {
    auto page = store_->complaints().ListComplaints({}, {});
    return page.ok() && page->total == 1;
  }));
  auto ack = smtp_->WaitForMessagesTo(sender, 1, std::chrono::milliseconds(20000));
  EXPECT_TRUE(ack.ok());
  ASSERT_TRUE(Eventually([&] { return jobs.imap_polls() >= 2; }));
  jobs.Stop();
  int polls = jobs.imap_polls();
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(jobs.imap_polls(), polls);
  EXPECT_EQ(jobs.sla_runs(), 1);  // once at start, then hourly
  auto page = store_->complaints().ListComplaints({}, {});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 1);  // later polls found nothing new
}

TEST_F(BackgroundJobsTest, StopWithoutStartAndTwiceIsHarmless) {
  BackgroundJobs jobs(*store_, *notifier_, nullptr, clock_, {});
  jobs.Stop();
  jobs.Stop();
  EXPECT_EQ(jobs.sla_runs(), 0);
}

}  // namespace
}  // namespace hearken
