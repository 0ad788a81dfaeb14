// Feedback over HTTP (issue 8): the public form with its bot trap (hidden
// field, minimum fill time), the staff list and its filters, tags, an item
// turned into a complaint once (409 naming it after), the social import of
// the fixture files with its report, and the signed webhook: a signature
// made here and one made by `openssl dgst` accepted, a tampered body, an
// old timestamp and a replayed delivery refused; secrets shown once, to
// admins only.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "core/webhook_signature.h"
#include "http/test_support.h"

namespace hearken::http::testing {
namespace {

std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(HEARKEN_INGEST_TESTDATA) + "/" + name, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class FeedbackHttpTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { h_ = new Harness(); }
  static void TearDownTestSuite() {
    delete h_;
    h_ = nullptr;
  }

  // A form token issued now, with the clock moved past the fill time.
  static std::string FilledToken() {
    Reply form = Send(h_->port(), "GET", "/api/v1/public/feedback/form");
    EXPECT_EQ(form.status, 200) << form.body;
    h_->clock().Advance(std::chrono::seconds(4));
    return form.json()["form_token"].get<std::string>();
  }
  static Reply PostPublic(const Json& body) {
    return Send(h_->port(), "POST", "/api/v1/public/feedback", body.dump());
  }
  static Json List(const std::string& query) {
    Reply r = h_->Get("/api/v1/feedback" + query, h_->BearerOf(Role::kViewer));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }
  static std::int64_t UnixNow() {
    return std::chrono::duration_cast<std::chrono::seconds>(h_->clock().Now().time_since_epoch()).count();
  }
  static Reply Deliver(const std::string& source, const std::string& body, const std::string& signature,
                       const std::string& delivery) {
    std::vector<std::pair<std::string, std::string>> headers = {{"X-Hearken-Signature", signature}};
    if (!delivery.empty()) headers.push_back({"X-Hearken-Delivery", delivery});
    return Send(h_->port(), "POST", "/api/v1/hooks/social/" + source, body, {}, headers);
  }

  static Harness* h_;
};
Harness* FeedbackHttpTest::h_ = nullptr;

TEST_F(FeedbackHttpTest, PublicFormStoresStarsCommentSiteAndTouchpoint) {
  const std::string token = FilledToken();
  Reply sent = PostPublic({{"form_token", token}, {"rating", 2}, {"text", "Checkout queue took 20 minutes"},
                           {"site", "Bern"}, {"touchpoint", "checkout"}, {"widget", true},
                           {"contact_email", "guest@example.org"}, {"website", ""}});
  ASSERT_EQ(sent.status, 201) << sent.body;
  EXPECT_EQ(sent.json()["received"], true);
  Json page = List("?source=widget&site=Bern");
  ASSERT_EQ(page["total"], 1);
  const Json& item = page["items"][0];
  EXPECT_EQ(item["text"], "Checkout queue took 20 minutes");
  EXPECT_EQ(item["rating"], 2);
  EXPECT_EQ(item["rating_scale"], 5);
  EXPECT_EQ(item["touchpoint"], "checkout");
  EXPECT_EQ(item["contact_email"], "guest@example.org");

  // Out-of-range stars and a bad e-mail name their fields.
  EXPECT_TRUE(IsProblem(PostPublic({{"form_token", FilledToken()}, {"rating", 6}}), 422, "rating"));
  EXPECT_TRUE(IsProblem(PostPublic({{"form_token", FilledToken()}, {"rating", 3}, {"contact_email", "x"}}), 422,
                        "contact_email"));
  EXPECT_TRUE(IsProblem(PostPublic({{"form_token", "1.forged"}, {"rating", 3}}), 422, "form_token"));
  EXPECT_TRUE(IsProblem(PostPublic({{"rating", 3}}), 422, "form_token"));
}

TEST_F(FeedbackHttpTest, BotTrapAnswersLikeSuccessAndStoresNothing) {
  const std::int64_t before = List("")["total"];
  // The hidden field filled.
  Reply trapped = PostPublic({{"form_token", FilledToken()}, {"rating", 5}, {"text", "buy pills"},
                              {"website", "http://spam.example"}});
  EXPECT_EQ(trapped.status, 201);
  // Posted sooner than the minimum fill time.
  Reply form = Send(h_->port(), "GET", "/api/v1/public/feedback/form");
  Reply fast = PostPublic({{"form_token", form.json()["form_token"]}, {"rating", 5}, {"text", "too fast"}});
  EXPECT_EQ(fast.status, 201);
  EXPECT_EQ(List("")["total"], before);
  // A token older than a day is refused (the page is stale).
  Reply stale = Send(h_->port(), "GET", "/api/v1/public/feedback/form");
  h_->clock().Advance(std::chrono::hours(25));
  EXPECT_TRUE(IsProblem(PostPublic({{"form_token", stale.json()["form_token"]}, {"rating", 4}}), 422, "form_token"));
}

TEST_F(FeedbackHttpTest, ApiItemsTagsFiltersAndRoles) {
  Auth handler = h_->BearerOf(Role::kHandler);
  Reply created = h_->Post("/api/v1/feedback",
                           {{"text", "Agent was very helpful &amp; quick"}, {"rating", 9}, {"rating_scale", 10},
                            {"site", "Call centre"}, {"touchpoint", "phone"},
                            {"occurred_at", "2026-03-01T09:15:00+05:30"}, {"tags", {"agent"}}},
                           handler);
  ASSERT_EQ(created.status, 201) << created.body;
  const Json item = created.json();
  EXPECT_EQ(item["source"], "api");
  EXPECT_EQ(item["occurred_at"], "2026-03-01T03:45:00.000000Z");
  EXPECT_EQ(item["occurred_offset"], "+05:30");
  EXPECT_EQ(item["occurred_local"], "2026-03-01T09:15:00+05:30");
  const std::string id = std::to_string(item["id"].get<Id>());
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/feedback", {{"text", "x"}}, h_->BearerOf(Role::kViewer)), 403));
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/feedback", {{"rating", 11}, {"rating_scale", 10}}, handler), 422, "rating"));
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/feedback", {{"text", "x"}, {"colour", "red"}}, handler), 422, "colour"));

  Reply tagged = h_->Patch("/api/v1/feedback/" + id + "/tags", {{"tags", {"agent", "praise"}}}, handler);
  ASSERT_EQ(tagged.status, 200) << tagged.body;
  EXPECT_EQ(List("?tag=praise")["total"], 1);
  EXPECT_EQ(List("?tag=praise&rating_min=9&rating_max=10&source=api,form&touchpoint=phone")["total"], 1);
  EXPECT_EQ(List("?tag=praise&rating_max=8")["total"], 0);
  EXPECT_EQ(List("?q=HELPFUL&has_complaint=false")["total"], 1);
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/feedback?source=pigeon", h_->BearerOf(Role::kViewer)), 422, "source"));
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/feedback?has_complaint=maybe", h_->BearerOf(Role::kViewer)), 422,
                        "has_complaint"));
  EXPECT_EQ(h_->Get("/api/v1/feedback/" + id, h_->BearerOf(Role::kViewer)).status, 200);
  EXPECT_EQ(h_->Get("/api/v1/feedback/999999", h_->BearerOf(Role::kViewer)).status, 404);
}

TEST_F(FeedbackHttpTest, FeedbackBecomesAComplaintOnce) {
  Auth handler = h_->BearerOf(Role::kHandler);
  Reply created = h_->Post("/api/v1/feedback",
                           {{"text", "The self-service till charged my card twice for one coffee.\nPlease refund."},
                            {"rating", 1}, {"rating_scale", 5}, {"site", "Basel"},
                            {"contact_email", "twice@example.org"}},
                           handler);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = std::to_string(created.json()["id"].get<Id>());
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/feedback/" + id + "/complaint", Json::object(),
                                 h_->BearerOf(Role::kViewer)), 403));
  Reply turned = h_->Post("/api/v1/feedback/" + id + "/complaint", Json::object(), handler);
  ASSERT_EQ(turned.status, 201) << turned.body;
  const Id complaint_id = turned.json()["complaint_id"];
  const std::string reference = turned.json()["reference"];
  Reply complaint = h_->Get("/api/v1/complaints/" + std::to_string(complaint_id), handler);
  ASSERT_EQ(complaint.status, 200) << complaint.body;
  EXPECT_EQ(complaint.json()["summary"], "The self-service till charged my card twice for one coffee.");
  EXPECT_NE(complaint.json()["description"].get<std::string>().find("Please refund."), std::string::npos);
  EXPECT_EQ(complaint.json()["site"], "Basel");
  EXPECT_EQ(complaint.json()["channel"], "other");  // an api item; form and widget items map to portal
  EXPECT_EQ(h_->Get("/api/v1/feedback/" + id, handler).json()["complaint_id"], complaint_id);

  Reply again = h_->Post("/api/v1/feedback/" + id + "/complaint", Json::object(), handler);
  EXPECT_TRUE(IsProblem(again, 409, "complaint_id"));
  EXPECT_EQ(again.json()["complaint_id"], complaint_id);
  EXPECT_EQ(again.json()["reference"], reference);
  EXPECT_EQ(List("?has_complaint=true")["total"].get<int>() >= 1, true);
}

TEST_F(FeedbackHttpTest, SocialImportReportsCreatedDuplicatesAndRejectedRows) {
  Auth qm = h_->BearerOf(Role::kQualityManager);
  Reply csv = Send(h_->port(), "POST", "/api/v1/feedback/social/import?format=csv", Fixture("social_mentions.csv"), qm,
                   {}, "text/csv");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.json()["created"], 4);
  EXPECT_EQ(csv.json()["duplicates"], 1);
  ASSERT_EQ(csv.json()["rejected"].size(), 2u);
  EXPECT_EQ(csv.json()["rejected"][0]["line"], 6);
  // Again: everything is a duplicate now.
  Reply twice = Send(h_->port(), "POST", "/api/v1/feedback/social/import?format=csv", Fixture("social_mentions.csv"),
                     qm, {}, "text/csv");
  EXPECT_EQ(twice.json()["created"], 0);
  EXPECT_EQ(twice.json()["duplicates"], 5);
  Reply json = Send(h_->port(), "POST", "/api/v1/feedback/social/import", Fixture("social_mentions.json"), qm);
  ASSERT_EQ(json.status, 200) << json.body;
  EXPECT_EQ(json.json()["created"], 2);
  EXPECT_EQ(json.json()["duplicates"], 1);

  Json page = List("?source=social&q=priya_k");
  ASSERT_EQ(page["total"], 1);
  EXPECT_EQ(page["items"][0]["social"]["posted_local"], "2026-03-01T09:15:00+05:30");
  EXPECT_EQ(page["items"][0]["occurred_offset"], "+05:30");
  EXPECT_EQ(List("?source=social&q=Market%20St")["items"][0]["social"]["posted_local"], "2026-02-28T22:10:05-08:00");

  EXPECT_TRUE(IsProblem(Send(h_->port(), "POST", "/api/v1/feedback/social/import?format=csv", "platform,text\nx,y\n",
                             qm, {}, "text/csv"),
                        422, "file"));
  EXPECT_TRUE(IsProblem(Send(h_->port(), "POST", "/api/v1/feedback/social/import?format=xml", "<x/>", qm), 422,
                        "format"));
  EXPECT_TRUE(IsProblem(Send(h_->port(), "POST", "/api/v1/feedback/social/import", "[]", h_->BearerOf(Role::kViewer)),
                        403));
}

TEST_F(FeedbackHttpTest, WebhookSecretsAreAdminsAndShownOnce) {
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/feedback/webhooks/listen/secret", Json::object(),
                                 h_->BearerOf(Role::kQualityManager)),
                        403));
  Reply made = h_->Post("/api/v1/feedback/webhooks/listen/secret", Json::object(), h_->BearerOf(Role::kAdmin));
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string secret = made.json()["secret"];
  EXPECT_EQ(secret.rfind("whsec_", 0), 0u);
  Reply listed = h_->Get("/api/v1/feedback/webhooks", h_->BearerOf(Role::kAdmin));
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.body.find(secret), std::string::npos);
  EXPECT_EQ(listed.json()["items"][0]["name"], "listen");
  Reply audit = h_->Get("/api/v1/audit?entity_type=webhook_source", h_->BearerOf(Role::kAdmin));
  EXPECT_EQ(audit.body.find(secret), std::string::npos);
  Reply rotated = h_->Post("/api/v1/feedback/webhooks/listen/secret", Json::object(), h_->BearerOf(Role::kAdmin));
  EXPECT_EQ(rotated.status, 200);
  EXPECT_FALSE(rotated.json()["previous_valid_until"].is_null());
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/feedback/webhooks/NOT_OK/secret", Json::object(), h_->BearerOf(Role::kAdmin)),
                        422, "name"));
}

TEST_F(FeedbackHttpTest, SignedWebhookAcceptedTamperedOldAndReplayedRefused) {
  Reply made = h_->Post("/api/v1/feedback/webhooks/brandwatch/secret", Json::object(), h_->BearerOf(Role::kAdmin));
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string secret = made.json()["secret"];
  const std::string body =
      R"({"mentions":[{"platform":"twitter","post_id":"hook-1","author_handle":"@ana","posted_at":"2026-03-04T10:00:00-03:00","text":"Great &amp; fast"}]})";
  const std::int64_t now = UnixNow();

  Reply ok = Deliver("brandwatch", body, WebhookSignatureHeader(secret, now, body), "evt-1");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json()["created"], 1);
  Json item = List("?q=%40ana")["items"][0];
  EXPECT_EQ(item["text"], "Great & fast");
  EXPECT_EQ(item["social"]["posted_local"], "2026-03-04T10:00:00-03:00");
  EXPECT_EQ(item["created_by"], "webhook:brandwatch");

  // The same delivery again: refused, nothing stored.
  Reply replay = Deliver("brandwatch", body, WebhookSignatureHeader(secret, now, body), "evt-1");
  EXPECT_TRUE(IsProblem(replay, 409, "X-Hearken-Delivery")) << replay.body;
  // A tampered body, an old or future timestamp, a wrong secret, no signature, an unknown source: 401.
  const std::string tampered = R"({"mentions":[{"platform":"twitter","post_id":"hook-2","posted_at":"2026-03-04T10:00:00Z","text":"x"}]})";
  EXPECT_TRUE(IsProblem(Deliver("brandwatch", tampered, WebhookSignatureHeader(secret, now, body), "evt-2"), 401));
  EXPECT_TRUE(IsProblem(Deliver("brandwatch", body, WebhookSignatureHeader(secret, now - 301, body), "evt-3"), 401));
  EXPECT_TRUE(IsProblem(Deliver("brandwatch", body, WebhookSignatureHeader(secret, now + 301, body), "evt-4"), 401));
  EXPECT_TRUE(IsProblem(Deliver("brandwatch", body, WebhookSignatureHeader("whsec_wrong", now, body), "evt-5"), 401));
  EXPECT_TRUE(IsProblem(Send(h_->port(), "POST", "/api/v1/hooks/social/brandwatch", body), 401));
  EXPECT_TRUE(IsProblem(Deliver("nobody", body, WebhookSignatureHeader(secret, now, body), "evt-6"), 401));
  // Signed but without a delivery id.
  EXPECT_TRUE(IsProblem(Deliver("brandwatch", body, WebhookSignatureHeader(secret, now, body), ""), 422,
                        "X-Hearken-Delivery"));
  EXPECT_EQ(List("?source=social&q=hook")["total"], 0);  // only @ana's, whose text has no "hook"
}

// A signature computed outside the project is accepted: the secret set
// through the store, the clock at the signed time.
//   printf '1765150000.{"post_id":"42","text":"hi"}' | openssl dgst -sha256 -hmac 'whsec_test_secret_for_openssl_check'
TEST_F(FeedbackHttpTest, WebhookAcceptsASignatureMadeByOpenSsl) {
  WriteContext admin{{1, "test"}, ""};
  ASSERT_TRUE(h_->store().feedback().SetWebhookSecret(admin, "opensslcheck", "whsec_test_secret_for_openssl_check").ok());
  const std::string body = R"({"post_id":"42","text":"hi"})";
  const TimePoint saved = h_->clock().Now();
  h_->clock().Set(TimePoint(std::chrono::seconds(1765150000 + 20)));
  Reply r = Deliver("opensslcheck", body,
                    "t=1765150000,v1=4d39efbc1fb6e0d7330450fd1f45b683b1356a57f7d59203e8aaf8cc68c5fa1b", "evt-openssl");
  h_->clock().Set(saved);
  // Signed right; the body lacks platform and posted_at, so the one row is rejected.
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["created"], 0);
  ASSERT_EQ(r.json()["rejected"].size(), 1u);
}

}  // namespace
}  // namespace hearken::http::testing
