// Shared set-up of the complaint mail tests (notifier, SLA job, intake): a
// fresh SQLite store with a sender configured, a manual clock on a Monday
// morning, one aiosmtpd capture server per test binary, and helpers that
// file complaints and users. Test-only.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include "core/crypto.h"
#include "core/time_format.h"
#include "workflow/complaint_notifier.h"
#include "mail/mail_rate_limit.h"
#include "mail/smtp_mailer.h"
#include "mail/testing/smtp_test_server.h"
#include "store/open_store.h"

namespace hearken::testing_util {

inline constexpr const char* kSender = "complaints@hearken.example.org";
inline constexpr const char* kBaseUrl = "https://hearken.example.org";
inline constexpr const char* kIntake = "intake@hearken.example.org";

// The SMTP capture server, started once for the whole binary and stopped
// when the process exits (the static's destructor).
inline SmtpTestServer* SharedSmtpServer(std::string* error) {
  static std::string start_error;
  static std::unique_ptr<SmtpTestServer> server = []() -> std::unique_ptr<SmtpTestServer> {
    auto started = SmtpTestServer::Start();
    if (!started.ok()) {
      start_error = started.error().message;
      return nullptr;
    }
    return std::move(*started);
  }();
  if (error) *error = start_error;
  return server.get();
}

// An address no other test uses.
inline std::string UniqueAddress(const std::string& prefix) {
  static std::atomic<int> n{0};
  return prefix + std::to_string(++n) + "-" + RandomToken(4) + "@example.net";
}

class ComplaintMailTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    smtp_ = SharedSmtpServer(&error);
    ASSERT_NE(smtp_, nullptr) << "SMTP test server: " << error;
    auto mailer = SmtpMailer::Create({.url = smtp_->Url(), .start_tls = StartTls::kNever}, clock_);
    ASSERT_TRUE(mailer.ok()) << mailer.error().message;
    mailer_ = std::move(*mailer);

    dir_ = std::filesystem::temp_directory_path() / ("hearken-mail-" + RandomToken(6));
    std::filesystem::create_directories(dir_);
    auto store = OpenStore("sqlite:" + (dir_ / "h.db").string(), clock_);
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(*store);
    ASSERT_TRUE(store_->Migrate().ok());

    auto settings = store_->complaint_admin().GetComplaintSettings();
    ASSERT_TRUE(settings.ok()) << settings.error().message;
    settings->mail_from = kSender;
    settings->mail_from_name = "Hearken complaints";
    settings->public_base_url = kBaseUrl;
    settings->calendar.time_zone = "UTC";
    settings->calendar.week = WorkWeek();  // Monday to Friday, 09:00-17:00
    settings->sla.unassessed.acknowledge = {4, SlaUnit::kBusinessHours};
    settings->sla.unassessed.resolve = {8, SlaUnit::kBusinessHours};
    settings->sla.warn_at_percent = 75;
    auto saved = store_->complaint_admin().UpdateComplaintSettings(ctx_, *settings);
    ASSERT_TRUE(saved.ok()) << saved.error().message;
    settings_ = *saved;

    limiter_ = std::make_unique<MailRateLimiter>(clock_);
    notifier_ = std::make_unique<ComplaintNotifier>(*store_, mailer_.get(), clock_, *limiter_, kIntake);
  }

  void TearDown() override {
    notifier_.reset();
    store_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  struct Filed {
    Complaint complaint;
    std::string token;  // the status token notifier_ derives for it
  };

  // Files a complaint through the public form's path (no acknowledgement).
  Filed File(const std::string& email, const std::string& summary = "The parcel arrived broken") {
    ComplaintIntakeFields fields;
    fields.intake = ComplaintIntake::kPublicForm;
    fields.channel = Channel::kPortal;
    fields.summary = summary;
    fields.description = "The box was crushed and the vase inside broken.";
    fields.contact_name = "Ann Example";
    fields.contact_email = email;
    fields.consent_contact = true;
    auto filed = store_->complaints().CreateComplaint(ctx_, fields, HashToken(RandomToken()));
    EXPECT_TRUE(filed.ok()) << filed.error().message;
    if (!filed.ok()) return {};
    return {*filed, notifier_ ? notifier_->StatusToken(filed->id) : ""};
  }

  User AddUser(const std::string& email, Role role, bool enabled = true) {
    User user;
    user.email = email;
    user.display_name = "Name of " + email;
    user.role = role;
    user.enabled = enabled;
    user.password_hash = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo";
    auto created = store_->users().CreateUser(ctx_, user);
    EXPECT_TRUE(created.ok()) << created.error().message;
    return created.ok() ? *created : User{};
  }

  Complaint Get(Id id) {
    auto c = store_->complaints().GetComplaint(id);
    EXPECT_TRUE(c.ok()) << c.error().message;
    return c.ok() ? *c : Complaint{};
  }

  Complaint Move(Id id, ComplaintState to, const std::string& reason = "test",
                 std::optional<ClosureKind> closure = std::nullopt) {
    auto moved = store_->complaints().TransitionComplaint(ctx_, id, {to, reason, closure});
    EXPECT_TRUE(moved.ok()) << moved.error().message;
    return moved.ok() ? *moved : Complaint{};
  }

  // Monday 30 November 2026, 09:00 UTC: the start of a working day.
  ManualClock clock_{*ParseTimestamp("2026-11-30T09:00:00Z")};
  WriteContext ctx_{Actor{std::nullopt, "test"}, ""};
  SmtpTestServer* smtp_ = nullptr;
  std::unique_ptr<SmtpMailer> mailer_;
  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
  ComplaintSettings settings_;
  std::unique_ptr<MailRateLimiter> limiter_;
  std::unique_ptr<ComplaintNotifier> notifier_;
};

}  // namespace hearken::testing_util
