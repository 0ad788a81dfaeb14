// The complainant's secret links over HTTP (issue 6, "Secrets never reach
// staff"): every mail that should carry the status link carries a working
// one (acknowledgement on the public form, on staff entry and on a
// handler's acknowledgement, decision, closure), the closure mail carries a
// working one-use rating link, and no staff answer, message, timeline or
// audit entry holds either link. Mails are captured by a Mailer in memory.
// Runs on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <mutex>
#include <regex>

#include "core/crypto.h"
#include "http/test_support.h"
#include "mail/mail_rate_limit.h"
#include "mail/mailer.h"
#include "workflow/complaint_notifier.h"

namespace hearken::http::testing {
namespace {

const std::string kBase = "https://complaints.example.org";

class CapturingMailer : public Mailer {
 public:
  Status Send(const OutgoingMail& mail) override {
    std::lock_guard<std::mutex> lock(mutex_);
    mails_.push_back(mail);
    return Status::Ok();
  }
  std::vector<OutgoingMail> mails() {
    std::lock_guard<std::mutex> lock(mutex_);
    return mails_;
  }
  size_t size() {
    std::lock_guard<std::mutex> lock(mutex_);
    return mails_.size();
  }

 private:
  std::mutex mutex_;
  std::vector<OutgoingMail> mails_;
};

// The token after kBase + "/" + `kind` + "/" in `body`, or empty.
std::string LinkToken(const std::string& body, const std::string& kind) {
  std::smatch m;
  const std::regex link(std::regex_replace(kBase, std::regex("\\."), "\\.") + "/" + kind + "/([A-Za-z0-9._~-]+)");
  return std::regex_search(body, m, link) ? m[1].str() : "";
}

class ComplaintLinksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerOptions options;
    options.public_submissions_per_hour = 1000;
    options.public_status_requests_per_hour = 1000;
    h_ = std::make_unique<Harness>(options);
    limiter_ = std::make_unique<MailRateLimiter>(h_->clock());
    notifier_ = std::make_unique<ComplaintNotifier>(h_->store(), &mailer_, h_->clock(), *limiter_);
    h_->server().SetComplaintNotifier(notifier_.get());
    Json settings = h_->Get("/api/v1/complaint-settings", h_->BearerOf(Role::kAdmin)).json();
    settings["mail_from"] = "complaints@example.org";
    settings["public_base_url"] = kBase;
    Reply saved = h_->Put("/api/v1/complaint-settings", settings, h_->BearerOf(Role::kAdmin));
    ASSERT_EQ(saved.status, 200) << saved.body;
  }
  void TearDown() override {
    h_->server().SetComplaintNotifier(nullptr);
    h_.reset();
  }

  // The last mail's body, after checking one more mail went out.
  std::string NextMail(size_t* seen) {
    auto mails = mailer_.mails();
    EXPECT_EQ(mails.size(), *seen + 1);
    if (mails.size() <= *seen) return "";
    *seen = mails.size();
    return mails.back().body;
  }

  // A link must open the status page of `reference`.
  void ExpectStatusLinkWorks(const std::string& token, const Json& reference) {
    ASSERT_FALSE(token.empty());
    Reply status = h_->Get("/api/v1/public/status/" + token, {});
    ASSERT_EQ(status.status, 200) << status.body;
    EXPECT_EQ(status.json()["reference"], reference);
  }

  Auth Handler() const { return h_->BearerOf(Role::kHandler); }

  std::unique_ptr<Harness> h_;
  CapturingMailer mailer_;
  std::unique_ptr<MailRateLimiter> limiter_;
  std::unique_ptr<ComplaintNotifier> notifier_;
};

TEST_F(ComplaintLinksTest, EveryMailCarriesAWorkingStatusLinkAndStaffSeeNone) {
  size_t seen = 0;
  // Staff entry acknowledged at once: the answer has no link, the mail a working one.
  Reply created = h_->Post("/api/v1/complaints",
                           {{"channel", "phone"}, {"summary", "Invoice charged twice"}, {"description", "Two debits."}, {"contact_name", "Bob"},
                            {"contact_email", "bob@example.org"}, {"consent_contact", true}, {"acknowledge", true}},
                           Handler());
  ASSERT_EQ(created.status, 201) << created.body;
  const Json c = created.json();
  const std::string path = "/api/v1/complaints/" + std::to_string(c["id"].get<Id>());
  EXPECT_FALSE(c.contains("status_url")) << created.body;
  EXPECT_EQ(c["notice"]["outcome"], "sent");
  const std::string token = LinkToken(NextMail(&seen), "status");
  ExpectStatusLinkWorks(token, c["reference"]);
  std::vector<std::string> staff_answers = {created.body};

  // Assessed, investigated, responded: the decision mail carries the same link.
  staff_answers.push_back(h_->Post(path + "/assessment", {{"severity", 2}}, Handler()).body);
  staff_answers.push_back(h_->Post(path + "/investigation",
                                   {{"whys", {"a", "b", "c", "d", "e"}}, {"cause_category", "process"},
                                    {"root_cause", "Retries are not idempotent"}},
                                   Handler())
                              .body);
  Reply responded =
      h_->Post(path + "/response", {{"decision", "We refund it."}, {"remedies", {"refund"}}}, Handler());
  ASSERT_EQ(responded.status, 200) << responded.body;
  staff_answers.push_back(responded.body);
  const std::string decision_link = LinkToken(NextMail(&seen), "status");
  EXPECT_EQ(decision_link, token);
  ExpectStatusLinkWorks(decision_link, c["reference"]);

  // Closed: the answer holds no rating link; the closure mail has a working
  // one-use rating link and the status link.
  Reply closed = h_->Post(path + "/transitions", {{"to", "closed"}, {"closure", "accepted"}}, Handler());
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_FALSE(closed.json().contains("rating_url")) << closed.body;
  EXPECT_EQ(closed.json()["notice"]["outcome"], "sent");
  staff_answers.push_back(closed.body);
  const std::string closure = NextMail(&seen);
  ExpectStatusLinkWorks(LinkToken(closure, "status"), c["reference"]);
  const std::string rating_token = LinkToken(closure, "rate");
  ASSERT_FALSE(rating_token.empty()) << closure;
  Reply form = h_->Get("/api/v1/public/ratings/" + rating_token, {});
  ASSERT_EQ(form.status, 200) << form.body;
  EXPECT_EQ(form.json()["reference"], c["reference"]);
  ASSERT_EQ(Send(h_->port(), "POST", "/api/v1/public/ratings/" + rating_token, Json({{"score", 4}}).dump()).status,
            201);
  // The rating reaches the case's people: nobody has the case, so the quality managers (issue 7).
  const Json told = h_->Get("/api/v1/notifications?unread=true", h_->BearerOf(Role::kQualityManager)).json()["items"];
  bool rated = false;
  for (const auto& n : told)
    rated = rated || (n["kind"] == "complainant_rated" &&
                      n["title"] == c["reference"].get<std::string>() + ": the complainant rated the handling 4 of 5");
  EXPECT_TRUE(rated) << told.dump();
  EXPECT_TRUE(IsProblem(Send(h_->port(), "POST", "/api/v1/public/ratings/" + rating_token,
                             Json({{"score", 5}}).dump()),
                        409));
  Reply used = h_->Get("/api/v1/public/ratings/" + rating_token, {});  // the page says "used", no 409
  ASSERT_EQ(used.status, 200) << used.body;
  EXPECT_EQ(used.json()["used"], true);
  EXPECT_EQ(used.json()["reference"], "");

  // Nothing staff can read holds either link.
  for (Role role : {Role::kViewer, Role::kHandler, Role::kQualityManager, Role::kAdmin}) {
    staff_answers.push_back(h_->Get(path, h_->BearerOf(role)).body);
    staff_answers.push_back(h_->Get(path + "/messages", h_->BearerOf(role)).body);
    staff_answers.push_back(h_->Get(path + "/timeline", h_->BearerOf(role)).body);
    staff_answers.push_back(h_->Get("/api/v1/audit?limit=500", h_->BearerOf(role)).body);
  }
  for (const std::string& answer : staff_answers) {
    EXPECT_EQ(answer.find(token), std::string::npos) << answer;
    EXPECT_EQ(answer.find(rating_token), std::string::npos) << answer;
  }
}

TEST_F(ComplaintLinksTest, TheKeptAcknowledgementShowsThePlaceholderAndTheMailTheLink) {
  size_t seen = 0;
  Reply receipt = Send(h_->port(), "POST", "/api/v1/public/complaints",
                       Json({{"summary", "The kettle broke"}, {"description", "After two days."},
                             {"contact_name", "Ann"}, {"contact_email", "ann@example.org"},
                             {"consent_contact", true}})
                           .dump());
  ASSERT_EQ(receipt.status, 201) << receipt.body;
  const std::string url = receipt.json()["status_url"];
  const std::string token = url.substr(url.find_last_of('/') + 1);
  const std::string mail = NextMail(&seen);
  EXPECT_EQ(LinkToken(mail, "status"), token);  // the receipt and the mail name the same link
  ExpectStatusLinkWorks(token, receipt.json()["reference"]);

  Json c = h_->Get("/api/v1/complaints/by-reference/" + receipt.json()["reference"].get<std::string>(), Handler())
               .json();
  Reply messages = h_->Get("/api/v1/complaints/" + std::to_string(c["id"].get<Id>()) + "/messages", Handler());
  ASSERT_EQ(messages.status, 200) << messages.body;
  ASSERT_EQ(messages.json()["items"].size(), 1u) << messages.body;
  const std::string kept = messages.json()["items"][0]["body"];
  EXPECT_NE(kept.find(kStatusLinkPlaceholder), std::string::npos) << kept;
  EXPECT_EQ(kept.find(token), std::string::npos) << kept;
  EXPECT_EQ(kept.find("/status/"), std::string::npos) << kept;
  // The complainant's status page shows the same kept copy.
  Reply status = h_->Get("/api/v1/public/status/" + token, {});
  EXPECT_EQ(status.body.find(token), std::string::npos);
}

TEST_F(ComplaintLinksTest, AHandlersAcknowledgementCarriesAWorkingLink) {
  size_t seen = 0;
  Reply created = h_->Post("/api/v1/complaints",
                           {{"channel", "letter"}, {"summary", "Late delivery"}, {"description", "Two weeks late."},
                            {"contact_email", "cy@example.org"},
                            {"consent_contact", true}},
                           Handler());
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_FALSE(created.json().contains("status_url"));
  EXPECT_EQ(mailer_.size(), 0u);
  Reply ack = h_->Post("/api/v1/complaints/" + std::to_string(created.json()["id"].get<Id>()) + "/transitions",
                       {{"to", "acknowledged"}}, Handler());
  ASSERT_EQ(ack.status, 200) << ack.body;
  ExpectStatusLinkWorks(LinkToken(NextMail(&seen), "status"), created.json()["reference"]);
}

TEST_F(ComplaintLinksTest, ForgedOldAndForeignLinksOpenNothing) {
  Reply receipt = Send(h_->port(), "POST", "/api/v1/public/complaints",
                       Json({{"summary", "Broken lid"}, {"description", "It fell off."}}).dump());
  ASSERT_EQ(receipt.status, 201) << receipt.body;
  const std::string url = receipt.json()["status_url"];
  const std::string token = url.substr(url.find_last_of('/') + 1);
  const std::string id = token.substr(0, token.find('.'));
  const std::string mac = token.substr(token.find('.') + 1);
  std::string altered = token;
  altered.back() = altered.back() == 'A' ? 'B' : 'A';
  // Another server's key (an ephemeral signer) makes links this one refuses.
  const std::string foreign = keys::LinkSigner::Ephemeral()->Token(keys::kStatusLinkPurpose, std::stoll(id));
  for (const std::string& bad : {altered, std::to_string(std::stoll(id) + 1) + "." + mac, foreign, RandomToken(),
                                 id, "0." + mac})
    EXPECT_TRUE(IsProblem(h_->Get("/api/v1/public/status/" + bad, {}), 404)) << bad;
  ExpectStatusLinkWorks(token, receipt.json()["reference"]);
}

}  // namespace
}  // namespace hearken::http::testing
