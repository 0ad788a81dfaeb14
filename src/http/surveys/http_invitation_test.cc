// Survey invitations over HTTP (issue 8, "Distribution"): a quality manager
// invites customers under the contact rules; the mail (a capturing mailer)
// holds the personal link; the respondent opens it with the token in
// X-Survey-Token, saves answers partway and resumes, answers once (a second
// answer is 409, an Idempotency-Key retry gets the first), or opts out; an
// unknown token is 404 without detail; bounces, events, templates, QR codes
// and roles.
#include <gtest/gtest.h>

#include <mutex>
#include <regex>

#include "http/api.h"
#include "http/server.h"
#include "http/test_support.h"
#include "mail/mail_rate_limit.h"
#include "workflow/survey_invitation_sender.h"

namespace hearken::http::testing {
namespace {

const Json kNps = Json::parse(R"({
  "pages": [
    {"name": "score", "elements": [{"type": "rating", "name": "nps", "title": "How likely are you to recommend us?",
      "isRequired": true, "rateCount": 11, "rateMin": 0, "rateMax": 10}]},
    {"name": "followUp", "elements": [{"type": "comment", "name": "reason", "title": "Why?"}]}
  ]
})");

// Captures mail; an address at bounce.example is refused permanently.
class CapturingMailer final : public Mailer {
 public:
  Status Send(const OutgoingMail& mail) override {
    if (mail.to.ends_with("@bounce.example")) return Error::Internal("550 5.1.1 no such user");
    std::lock_guard lock(mutex_);
    mails_.push_back(mail);
    return Status::Ok();
  }
  std::vector<OutgoingMail> To(const std::string& address) {
    std::lock_guard lock(mutex_);
    std::vector<OutgoingMail> out;
    for (const auto& m : mails_)
      if (m.to == address) out.push_back(m);
    return out;
  }

 private:
  std::mutex mutex_;
  std::vector<OutgoingMail> mails_;
};

const WriteContext& TestContext() {
  static const WriteContext ctx{{std::nullopt, "test"}, "fixture"};
  return ctx;
}

class InvitationHttpTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    h_ = new Harness();
    mailer_ = new CapturingMailer();
    limiter_ = new MailRateLimiter(h_->clock());
    sender_ = new SurveyInvitationSender(h_->store(), mailer_, h_->clock(), *limiter_);
    h_->server().api().SetSurveyInvitationSender(sender_);
    auto settings = h_->store().complaint_admin().GetComplaintSettings();
    ASSERT_TRUE(settings.ok());
    settings->mail_from = "surveys@example.org";
    settings->public_base_url = "https://feedback.example.org";
    ASSERT_TRUE(h_->store().complaint_admin().UpdateComplaintSettings(TestContext(), *settings).ok());
    // No quiet hours and no gap between invitations, whatever the test clock says.
    Reply rules = h_->Put("/api/v1/settings/contact-rules",
                          {{"min_days_between", 0}, {"quiet_start", "00:00"}, {"quiet_end", "00:00"}},
                          h_->BearerOf(Role::kQualityManager));
    ASSERT_EQ(rules.status, 200) << rules.body;
  }
  static void TearDownTestSuite() {
    h_->server().api().SetSurveyInvitationSender(nullptr);
    delete h_;
    delete sender_;
    delete limiter_;
    delete mailer_;
    h_ = nullptr;
  }

  // An open survey that takes no anonymous answers (invitation only).
  static Json InvitationOnlySurvey(const std::string& name, Json settings = Json::object()) {
    Auth qm = h_->BearerOf(Role::kQualityManager);
    Reply created = h_->Post("/api/v1/surveys", {{"name", name}, {"definition", kNps}, {"metric_map", {{"nps", "nps"}}}}, qm);
    EXPECT_EQ(created.status, 201) << created.body;
    settings["status"] = "open";
    settings["anonymous_allowed"] = false;
    Reply opened = h_->Put("/api/v1/surveys/" + std::to_string(created.json()["id"].get<Id>()), settings, qm);
    EXPECT_EQ(opened.status, 200) << opened.body;
    return opened.json();
  }
  static Id AddCustomer(const std::string& email, bool consent = true) {
    Customer c;
    c.name = "Ann Example";
    c.email = email;
    c.consent_survey = consent;
    auto made = h_->store().customers().CreateCustomer(TestContext(), c);
    EXPECT_TRUE(made.ok());
    return made.ok() ? made->id : 0;
  }
  static std::string Path(const Json& survey, const std::string& rest = "") {
    return "/api/v1/surveys/" + std::to_string(survey["id"].get<Id>()) + rest;
  }
  static std::string PublicPath(const Json& survey, const std::string& rest = "") {
    return "/api/v1/public/surveys/" + survey["public_slug"].get<std::string>() + rest;
  }
  // The token of the latest mail to `address` (what follows "?t=").
  static std::string TokenMailedTo(const std::string& address) {
    auto mails = mailer_->To(address);
    if (mails.empty()) return "";
    std::smatch m;
    const std::string body = mails.back().body;
    if (!std::regex_search(body, m, std::regex(R"(/s/[A-Za-z0-9_-]{22}\?t=([A-Za-z0-9_-]+))"))) return "";
    return m[1];
  }
  static Reply Public(const std::string& method, const std::string& target, const std::string& token,
                      const Json& body = nullptr, const std::string& key = "") {
    std::vector<std::pair<std::string, std::string>> headers;
    if (!token.empty()) headers.push_back({"X-Survey-Token", token});
    if (!key.empty()) headers.push_back({"Idempotency-Key", key});
    return Send(h_->port(), method, target, body.is_null() ? "" : body.dump(), {}, headers);
  }

  static Harness* h_;
  static CapturingMailer* mailer_;
  static MailRateLimiter* limiter_;
  static SurveyInvitationSender* sender_;
};
Harness* InvitationHttpTest::h_ = nullptr;
CapturingMailer* InvitationHttpTest::mailer_ = nullptr;
MailRateLimiter* InvitationHttpTest::limiter_ = nullptr;
SurveyInvitationSender* InvitationHttpTest::sender_ = nullptr;

TEST_F(InvitationHttpTest, TheMailedTokenOpensResumesAndTakesOneAnswer) {
  const Json survey = InvitationOnlySurvey("Invited NPS");
  const Id ann = AddCustomer("ann@example.org");
  Auth qm = h_->BearerOf(Role::kQualityManager);
  EXPECT_EQ(h_->Get(PublicPath(survey), {}).status, 404);  // invitation only

  Reply invited = h_->Post(Path(survey, "/invitations"), {{"customer_ids", {ann}}}, qm);
  ASSERT_EQ(invited.status, 200) << invited.body;
  ASSERT_EQ(invited.json()["created"].size(), 1u);
  EXPECT_EQ(invited.json()["created"][0]["status"], "sent");
  EXPECT_EQ(invited.body.find("?t="), std::string::npos) << "no route hands out the link";
  const std::string token = TokenMailedTo("ann@example.org");
  ASSERT_GE(token.size(), 32u) << "at least 128 random bits";
  const auto mail = mailer_->To("ann@example.org").back();
  EXPECT_NE(mail.body.find("Dear Ann Example,"), std::string::npos);
  EXPECT_NE(mail.body.find("https://feedback.example.org/s/" + survey["public_slug"].get<std::string>() +
                           "/opt-out?t=" + token),
            std::string::npos);

  Reply opened = Public("GET", PublicPath(survey), token);
  ASSERT_EQ(opened.status, 200) << opened.body;
  EXPECT_EQ(opened.json()["invitation"]["status"], "opened");
  EXPECT_TRUE(opened.json()["invitation"]["partial"].is_null());
  Reply saved = Public("PUT", PublicPath(survey, "/partial"), token, {{"answers", {{"nps", 4}}}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json()["status"], "started");
  Reply resumed = Public("GET", PublicPath(survey), token);
  EXPECT_EQ(resumed.json()["invitation"]["partial"], Json({{"nps", 4}}));

  Reply answered = Public("POST", PublicPath(survey, "/answers"), token, {{"answers", {{"nps", 9}}}}, "try-1");
  ASSERT_EQ(answered.status, 201) << answered.body;
  Reply retry = Public("POST", PublicPath(survey, "/answers"), token, {{"answers", {{"nps", 9}}}}, "try-1");
  EXPECT_EQ(retry.status, 200) << retry.body;
  EXPECT_EQ(retry.json()["id"], answered.json()["id"]);
  Reply second = Public("POST", PublicPath(survey, "/answers"), token, {{"answers", {{"nps", 2}}}}, "try-2");
  EXPECT_TRUE(IsProblem(second, 409, "token")) << second.body;
  EXPECT_EQ(Public("POST", PublicPath(survey, "/answers"), token, {{"answers", {{"nps", 2}}}}).status, 409);
  EXPECT_EQ(Public("GET", PublicPath(survey), token).json()["invitation"]["status"], "completed");

  Reply list = h_->Get(Path(survey, "/invitations"), h_->BearerOf(Role::kViewer));
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.json()["counts"]["completed"], 1);
  EXPECT_EQ(list.json()["items"][0]["answer_id"], answered.json()["id"]);
  Reply answers = h_->Get(Path(survey, "/answers"), qm);
  ASSERT_EQ(answers.json()["items"].size(), 1u);
  EXPECT_EQ(answers.json()["items"][0]["channel"], "invitation");
  EXPECT_EQ(answers.json()["items"][0]["customer_id"], ann);
}

TEST_F(InvitationHttpTest, AnUnknownTokenIsNotFoundLikeAnUnknownSurvey) {
  const Json survey = InvitationOnlySurvey("Unknown tokens");
  const Json other = InvitationOnlySurvey("Other survey");
  const Id bob = AddCustomer("bob@example.org");
  h_->Post(Path(other, "/invitations"), {{"customer_ids", {bob}}}, h_->BearerOf(Role::kQualityManager));
  const std::string others = TokenMailedTo("bob@example.org");
  ASSERT_FALSE(others.empty());
  for (const std::string& token : {std::string(32, 'A'), std::string("short"), std::string("bad token!"), others}) {
    for (auto [method, rest] : {std::pair{"GET", ""}, std::pair{"PUT", "/partial"}, std::pair{"POST", "/opt-out"},
                                std::pair{"POST", "/answers"}}) {
      const std::string verb = method;
      Reply r = Public(verb, PublicPath(survey, rest), token, verb == "GET" ? Json(nullptr) : Json({{"answers", {{"nps", 9}}}}));
      EXPECT_TRUE(IsProblem(r, 404)) << method << rest << " " << r.body;
      EXPECT_EQ(r.body.find("token"), std::string::npos) << r.body;
      EXPECT_EQ(r.body.find("invitation"), std::string::npos) << r.body;
    }
  }
}

TEST_F(InvitationHttpTest, SkippedBouncedAndOptedOutInvitationsSayWhy) {
  const Json survey = InvitationOnlySurvey("Outcomes");
  const Id keen = AddCustomer("keen@example.org");
  const Id shy = AddCustomer("shy@example.org", false);
  const Id gone = AddCustomer("gone@bounce.example");
  Auth qm = h_->BearerOf(Role::kQualityManager);
  Reply invited = h_->Post(Path(survey, "/invitations"), {{"customer_ids", {keen, shy, gone}}}, qm);
  ASSERT_EQ(invited.status, 200) << invited.body;
  ASSERT_EQ(invited.json()["skipped"].size(), 1u);
  EXPECT_EQ(invited.json()["skipped"][0], Json({{"customer_id", shy}, {"reason", "no consent to surveys"}}));
  EXPECT_EQ(invited.json()["mail"]["bounced"], 1);
  Reply bounced = h_->Get(Path(survey, "/invitations?status=bounced"), qm);
  ASSERT_EQ(bounced.json()["items"].size(), 1u);
  EXPECT_EQ(bounced.json()["items"][0]["note"], "550 5.1.1 no such user");

  const std::string token = TokenMailedTo("keen@example.org");
  Reply out = Public("POST", PublicPath(survey, "/opt-out"), token);
  ASSERT_EQ(out.status, 200) << out.body;
  EXPECT_EQ(out.json()["status"], "opted_out");
  EXPECT_FALSE(h_->store().customers().GetCustomer(keen)->consent_survey);
  Reply reminders = h_->Post(Path(survey, "/invitations/reminders"), {{"max_reminders", 1}}, qm);
  ASSERT_EQ(reminders.status, 200) << reminders.body;
  EXPECT_EQ(reminders.json()["queued"], 0);
  EXPECT_EQ(mailer_->To("keen@example.org").size(), 1u);
  Reply counts = h_->Get(Path(survey, "/invitations"), qm);
  EXPECT_EQ(counts.json()["counts"]["opted_out"], 1);
  EXPECT_EQ(counts.json()["counts"]["bounced"], 1);
}

TEST_F(InvitationHttpTest, RemindersUseTheEditedTemplateAndAreCounted) {
  const Json survey = InvitationOnlySurvey("Reminded");
  const Id cat = AddCustomer("cat@example.org");
  Auth qm = h_->BearerOf(Role::kQualityManager);
  Reply templates = h_->Get(Path(survey, "/mail-templates"), qm);
  ASSERT_EQ(templates.status, 200);
  EXPECT_TRUE(templates.json()["is_default"].get<bool>());
  Json edited = templates.json();
  edited["reminder_subject"] = "Still time, {{name}}";
  Reply saved = h_->Put(Path(survey, "/mail-templates"), edited, qm);
  ASSERT_EQ(saved.status, 200) << saved.body;
  edited["reminder_body"] = "no link here {{coupon}}";
  EXPECT_TRUE(IsProblem(h_->Put(Path(survey, "/mail-templates"), edited, qm), 422, "reminder_body"));

  h_->Post(Path(survey, "/invitations"), {{"customer_ids", {cat}}}, qm);
  Reply reminders = h_->Post(Path(survey, "/invitations/reminders"), Json::object(), qm);
  ASSERT_EQ(reminders.status, 200) << reminders.body;
  EXPECT_EQ(reminders.json()["queued"], 1);
  EXPECT_EQ(reminders.json()["mail"]["sent"], 1);
  auto mails = mailer_->To("cat@example.org");
  ASSERT_EQ(mails.size(), 2u);
  EXPECT_EQ(mails[1].subject, "Still time, Ann Example");
  EXPECT_NE(TokenMailedTo("cat@example.org"), "");
  Reply list = h_->Get(Path(survey, "/invitations"), qm);
  EXPECT_EQ(list.json()["items"][0]["reminder_count"], 1);
}

TEST_F(InvitationHttpTest, AnEventInvitesOnceToTheTransactionalSurveysItTriggers) {
  const Json survey = InvitationOnlySurvey("After delivery", {{"kind", "transactional"}, {"trigger_event", "delivery"},
                                                              {"trigger_delay_minutes", 0}, {"sampling_percent", 100}});
  const Id dan = AddCustomer("dan@example.org");
  Auth handler = h_->BearerOf(Role::kHandler);
  const Json event = {{"event", "delivery"}, {"customer_id", dan}, {"event_id", "D-42"}};
  Reply first = h_->Post("/api/v1/survey-events", event, handler);
  ASSERT_EQ(first.status, 200) << first.body;
  ASSERT_EQ(first.json()["scheduled"].size(), 1u);
  EXPECT_EQ(first.json()["scheduled"][0]["survey_id"], survey["id"]);
  EXPECT_EQ(mailer_->To("dan@example.org").size(), 1u);
  Reply again = h_->Post("/api/v1/survey-events", event, handler);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_TRUE(again.json()["scheduled"].empty());
  EXPECT_EQ(again.json()["skipped"][0]["reason"], "already invited for this event");
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/survey-events", {{"event", "delivery"}, {"customer_id", dan}}, handler), 422,
                        "event_id"));
}

TEST_F(InvitationHttpTest, QrCodesOfTheLinksAreSvgAndPng) {
  const Json survey = InvitationOnlySurvey("QR");
  Auth viewer = h_->BearerOf(Role::kViewer);
  Reply svg = h_->Get(Path(survey, "/qr.svg"), viewer);
  ASSERT_EQ(svg.status, 200) << svg.body;
  EXPECT_EQ(svg.Header("content-type"), "image/svg+xml");
  EXPECT_EQ(svg.body.rfind("<svg", 0), 0u);
  Reply png = h_->Get(Path(survey, "/qr.png?target=embed"), viewer);
  ASSERT_EQ(png.status, 200);
  EXPECT_EQ(png.Header("content-type"), "image/png");
  EXPECT_EQ(png.body.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_TRUE(IsProblem(h_->Get(Path(survey, "/qr.png?target=elsewhere"), viewer), 422, "target"));
}

TEST_F(InvitationHttpTest, OnlyQualityManagersAndAdminsInviteAndSetTheRules) {
  const Json survey = InvitationOnlySurvey("Roles");
  const Id eve = AddCustomer("eve@example.org");
  for (Role role : {Role::kViewer, Role::kHandler}) {
    EXPECT_EQ(h_->Post(Path(survey, "/invitations"), {{"customer_ids", {eve}}}, h_->BearerOf(role)).status, 403);
    EXPECT_EQ(h_->Post(Path(survey, "/invitations/reminders"), Json::object(), h_->BearerOf(role)).status, 403);
    EXPECT_EQ(h_->Put("/api/v1/settings/contact-rules",
                      {{"min_days_between", 1}, {"quiet_start", "22:00"}, {"quiet_end", "07:00"}}, h_->BearerOf(role))
                  .status,
              403);
  }
  EXPECT_EQ(h_->Get(Path(survey, "/invitations"), h_->BearerOf(Role::kViewer)).status, 200);
  Reply rules = h_->Get("/api/v1/settings/contact-rules", h_->BearerOf(Role::kViewer));
  ASSERT_EQ(rules.status, 200);
  EXPECT_EQ(rules.json()["quiet_start"], "00:00");
  EXPECT_TRUE(IsProblem(h_->Put("/api/v1/settings/contact-rules",
                                {{"min_days_between", -1}, {"quiet_start", "25:00"}, {"quiet_end", "07:00"}},
                                h_->BearerOf(Role::kAdmin)),
                        422));
  EXPECT_TRUE(IsProblem(h_->Post(Path(survey, "/invitations"), Json::object(), h_->BearerOf(Role::kAdmin)), 422,
                        "customer_ids"));
}

}  // namespace
}  // namespace hearken::http::testing
