// Complaints over HTTP (docs/API.md "Complaints (issue 3)"): the public form
// (JSON and multipart with attachments), its limits and bot trap, the status
// page and replies, the rating link, and a handler's work on a case through
// every staff route. Runs on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include "http/test_support.h"
#include "media/sample_images.h"

namespace hearken::http::testing {
namespace {

const std::string kPng = media::kTinyPng;
const std::string kPdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<<>>\nendobj\n%%EOF\n";
const std::string kExe = std::string("MZ\x90\0\x03\0\0\0\x04\0\0\0", 12) + "This program cannot be run in DOS mode";

struct FilePart {
  std::string filename;
  std::string content;
};

// A multipart/form-data body as a browser sends it.
std::string Multipart(const std::vector<std::pair<std::string, std::string>>& fields,
                      const std::vector<FilePart>& files, const std::string& boundary = "----hearkenTestBoundary") {
  std::string body;
  for (const auto& [name, value] : fields)
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
  for (const auto& f : files)
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"attachment\"; filename=\"" + f.filename +
            "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + f.content + "\r\n";
  return body + "--" + boundary + "--\r\n";
}
const char kMultipartType[] = "multipart/form-data; boundary=----hearkenTestBoundary";

std::string TokenOf(const std::string& url) { return url.substr(url.find_last_of('/') + 1); }

class ComplaintHttpTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ServerOptions options;
    options.public_submissions_per_hour = 1000;
    options.public_status_requests_per_hour = 1000;
    h_ = new Harness(options);
  }
  static void TearDownTestSuite() {
    delete h_;
    h_ = nullptr;
  }

  static Reply PublicPost(const std::string& target, const Json& body) {
    return Send(h_->port(), "POST", target, body.dump());
  }
  static Reply PublicForm(const std::string& body) {
    return Send(h_->port(), "POST", "/api/v1/public/complaints", body, {}, {}, kMultipartType);
  }
  // Files a public complaint by JSON; returns the 201 answer's JSON.
  static Json FilePublic(const std::string& summary, const std::string& email = "") {
    Json form = {{"summary", summary}, {"description", "The kettle stopped working after two days."},
                 {"product", "Kettle K2"}, {"occurred_on", "2026-09-01"}, {"remedy_wanted", "A new kettle"},
                 {"contact_name", "Ann Example"}, {"contact_email", email}, {"consent_contact", !email.empty()}};
    Reply r = PublicPost("/api/v1/public/complaints", form);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json();
  }
  static Json ByReference(const std::string& reference) {
    Reply r = h_->Get("/api/v1/complaints/by-reference/" + reference, h_->BearerOf(Role::kViewer));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }
  static std::string Path(const Json& complaint, const std::string& rest = "") {
    return "/api/v1/complaints/" + std::to_string(complaint["id"].get<Id>()) + rest;
  }
  static Auth Handler() { return h_->BearerOf(Role::kHandler); }

  static Harness* h_;
};
Harness* ComplaintHttpTest::h_ = nullptr;

TEST_F(ComplaintHttpTest, PublicJsonFormFilesAnAcknowledgedComplaintWithAStatusLink) {
  Json receipt = FilePublic("Kettle broke");
  ASSERT_TRUE(receipt.is_object());
  const std::string reference = receipt["reference"];
  EXPECT_EQ(reference.substr(0, 2), "C-");
  const std::string status_url = receipt["status_url"];
  ASSERT_EQ(status_url.rfind("/status/", 0), 0u);

  Json c = ByReference(reference);
  EXPECT_EQ(c["state"], "acknowledged");
  EXPECT_EQ(c["intake"], "public_form");
  EXPECT_EQ(c["channel"], "portal");
  EXPECT_EQ(c["summary"], "Kettle broke");
  EXPECT_EQ(c["occurred_on"], "2026-09-01");
  EXPECT_TRUE(c["sla"].contains("acknowledge"));
  EXPECT_TRUE(c["allowed_next"].is_array());
  EXPECT_FALSE(c.contains("status_token_hash"));

  Reply status = h_->Get("/api/v1/public/status/" + TokenOf(status_url), {});
  ASSERT_EQ(status.status, 200) << status.body;
  Json s = status.json();
  EXPECT_EQ(s["reference"], reference);
  EXPECT_EQ(s["state"], "acknowledged");
  EXPECT_EQ(s["stage_label"], "Acknowledged");
  EXPECT_EQ(s["summary"], "Kettle broke");
  EXPECT_TRUE(s["can_reply"].get<bool>());
  EXPECT_EQ(status.body.find("hash"), std::string::npos) << status.body;
}

// Mail naming the case from another sender (IMAP intake keeps it as
// unverified_mail): staff see it marked as such, the complainant never.
TEST_F(ComplaintHttpTest, UnverifiedMailIsShownToStaffAsSuchAndNotOnTheStatusPage) {
  Json receipt = FilePublic("Spoof target", "victim@example.org");
  Json c = ByReference(receipt["reference"]);
  ComplaintMessage spoof;
  spoof.complaint_id = c["id"].get<Id>();
  spoof.kind = MessageKind::kUnverifiedMail;
  spoof.body = "Send the refund to account 666.";
  spoof.author = "mallory@attacker.example";
  ASSERT_TRUE(h_->store().complaint_messages().AddComplaintMessage({Actor{std::nullopt, "email:x"}, ""}, spoof).ok());
  Reply staff = h_->Get(Path(c, "/messages"), h_->BearerOf(Role::kViewer));
  ASSERT_EQ(staff.status, 200) << staff.body;
  const Json listed = staff.json();
  bool shown = false;
  for (const auto& m : listed["items"]) shown = shown || m["kind"] == "unverified_mail";
  EXPECT_TRUE(shown) << staff.body;
  Reply status = h_->Get("/api/v1/public/status/" + TokenOf(receipt["status_url"]), {});
  ASSERT_EQ(status.status, 200) << status.body;
  EXPECT_EQ(status.body.find("account 666"), std::string::npos) << status.body;
}

TEST_F(ComplaintHttpTest, UnknownStatusAndRatingTokensAre404) {
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/public/status/not-a-real-token", {}), 404));
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/public/ratings/not-a-real-token", {}), 404));
  EXPECT_TRUE(IsProblem(PublicPost("/api/v1/public/status/nope/replies", {{"body", "hello"}}), 404));
}

TEST_F(ComplaintHttpTest, MultipartFormStoresPngAndPdfAttachmentsThatDownloadSafely) {
  Reply r = PublicForm(Multipart({{"summary", "Damaged parcel"}, {"description", "Box crushed, see photo and letter"},
                                  {"consent_contact", "false"}, {"website", ""}},
                                 {{"photo.png", kPng}, {"../../etc/letter \xC3\xA9t\xC3\xA9.pdf", kPdf}}));
  ASSERT_EQ(r.status, 201) << r.body;
  Json c = ByReference(r.json()["reference"]);
  Reply list = h_->Get(Path(c, "/attachments"), h_->BearerOf(Role::kViewer));
  ASSERT_EQ(list.status, 200) << list.body;
  Json items = list.json()["items"];
  ASSERT_EQ(items.size(), 2u) << list.body;
  EXPECT_EQ(items[0]["filename"], "photo.png");
  EXPECT_EQ(items[0]["content_type"], "image/png");
  EXPECT_EQ(items[0]["size"], kPng.size());
  EXPECT_EQ(items[1]["filename"], "letter \xC3\xA9t\xC3\xA9.pdf");
  EXPECT_EQ(items[1]["content_type"], "application/pdf");

  Reply png = h_->Get("/api/v1/attachments/" + std::to_string(items[0]["id"].get<Id>()) + "/content",
                      h_->BearerOf(Role::kViewer));
  ASSERT_EQ(png.status, 200);
  EXPECT_EQ(png.body, kPng);
  EXPECT_EQ(png.Header("content-type"), "image/png");
  EXPECT_EQ(png.Header("x-content-type-options"), "nosniff");
  EXPECT_NE(png.Header("content-security-policy").find("sandbox"), std::string::npos);
  EXPECT_NE(png.Header("content-disposition").find("attachment;"), std::string::npos);
  Reply pdf = h_->Get("/api/v1/attachments/" + std::to_string(items[1]["id"].get<Id>()) + "/content",
                      h_->BearerOf(Role::kViewer));
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.body, kPdf);
  EXPECT_NE(pdf.Header("content-disposition").find("filename*=UTF-8''letter%20%C3%A9t%C3%A9.pdf"), std::string::npos)
      << pdf.Header("content-disposition");
}

TEST_F(ComplaintHttpTest, RefusedFileTypeIs422NamingAttachmentAndNothingIsFiled) {
  const auto before = h_->Get("/api/v1/complaints", Handler()).json()["total"].get<int>();
  Reply r = PublicForm(Multipart({{"summary", "Has an exe"}, {"description", "see file"}}, {{"setup.exe", kExe}}));
  EXPECT_TRUE(IsProblem(r, 422, "attachment")) << r.body;
  Reply html = PublicForm(Multipart({{"summary", "Has html"}, {"description", "see file"}},
                                    {{"page.txt", "<html><script>alert(1)</script></html>"}}));
  EXPECT_TRUE(IsProblem(html, 422, "attachment")) << html.body;
  EXPECT_EQ(h_->Get("/api/v1/complaints", Handler()).json()["total"].get<int>(), before);
}

TEST_F(ComplaintHttpTest, FileNamesLoseBidiControlsOnEveryFormAndImagesMustDecode) {
  // filename*= (RFC 5987) carrying U+202E RIGHT-TO-LEFT OVERRIDE, and a plain
  // filename= with U+2067 RIGHT-TO-LEFT ISOLATE.
  const std::string boundary = "----hearkenTestBoundary";
  std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"summary\"\r\n\r\nBidi names\r\n--" +
                     boundary + "\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\nsee files\r\n--" +
                     boundary +
                     "\r\nContent-Disposition: form-data; name=\"attachment\"; filename*=UTF-8''%E2%80%AEgnp.exe\r\n"
                     "Content-Type: image/png\r\n\r\n" +
                     kPng + "\r\n--" + boundary +
                     "\r\nContent-Disposition: form-data; name=\"attachment\"; filename=\"a\xE2\x81\xA7" "b.pdf\"\r\n"
                     "Content-Type: application/pdf\r\n\r\n" +
                     kPdf + "\r\n--" + boundary + "--\r\n";
  Reply r = PublicForm(body);
  ASSERT_EQ(r.status, 201) << r.body;
  Json items = h_->Get(Path(ByReference(r.json()["reference"]), "/attachments"), Handler()).json()["items"];
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0]["filename"], "gnp.exe");
  EXPECT_EQ(items[1]["filename"], "ab.pdf");
  Reply download = h_->Get("/api/v1/attachments/" + std::to_string(items[0]["id"].get<Id>()) + "/content", Handler());
  EXPECT_EQ(download.Header("content-disposition").find("%E2%80%AE"), std::string::npos)
      << download.Header("content-disposition");

  // Starts like a PNG, is not one.
  const std::string fake = kPng.substr(0, 16) + std::string(200, 'x');
  Reply refused = PublicForm(Multipart({{"summary", "Fake image"}, {"description", "see file"}}, {{"p.png", fake}}));
  EXPECT_TRUE(IsProblem(refused, 422, "attachment")) << refused.body;
  EXPECT_NE(refused.body.find("PNG"), std::string::npos) << refused.body;
}

TEST_F(ComplaintHttpTest, FileOverTenMegabytesIs413NamingAttachment) {
  std::string big = kPdf + std::string(11u << 20, 'x');
  Reply r = PublicForm(Multipart({{"summary", "Big file"}, {"description", "huge scan"}}, {{"scan.pdf", big}}));
  EXPECT_TRUE(IsProblem(r, 413, "attachment")) << r.status << " " << r.body.substr(0, 300);
  // Six files are one too many.
  std::vector<FilePart> six(6, FilePart{"p.png", kPng});
  EXPECT_TRUE(IsProblem(PublicForm(Multipart({{"summary", "s"}, {"description", "d"}}, six)), 422, "attachment"));
}

TEST_F(ComplaintHttpTest, BodyLimitsArePerRoute) {
  // A 2 MiB JSON body is too large for an ordinary route ...
  std::string two_mib = "{\"summary\":\"" + std::string(2u << 20, 'a') + "\"}";
  Reply ordinary = Send(h_->port(), "POST", "/api/v1/customers", two_mib, Handler());
  EXPECT_TRUE(IsProblem(ordinary, 413)) << ordinary.status;
  // ... but reaches the complaint form (which then finds the fields invalid).
  Reply form = PublicPost("/api/v1/public/complaints", Json::parse(two_mib));
  EXPECT_TRUE(IsProblem(form, 422)) << form.status;
  // A declared length above the largest route limit is refused from the head alone.
  Reply huge = SendRaw(h_->port(), "POST /api/v1/public/complaints HTTP/1.1\r\nHost: x\r\n"
                                   "Content-Type: application/json\r\nContent-Length: 60000000\r\n\r\n");
  EXPECT_EQ(huge.status, 413);
}

TEST_F(ComplaintHttpTest, MalformedMultipartIs400) {
  Reply r = Send(h_->port(), "POST", "/api/v1/public/complaints", "--nope\r\n", {}, {}, kMultipartType);
  EXPECT_TRUE(IsProblem(r, 400)) << r.body;
  Reply no_boundary = Send(h_->port(), "POST", "/api/v1/public/complaints", "x", {}, {}, "multipart/form-data");
  EXPECT_TRUE(IsProblem(no_boundary, 400)) << no_boundary.body;
}

TEST_F(ComplaintHttpTest, BotTrapAnswersLikeSuccessButStoresNothing) {
  const auto before = h_->Get("/api/v1/complaints", Handler()).json()["total"].get<int>();
  Reply r = PublicPost("/api/v1/public/complaints",
                       {{"summary", "Buy cheap pills"}, {"description", "spam"}, {"website", "http://spam.example"}});
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string reference = r.json()["reference"];
  EXPECT_EQ(reference.substr(0, 2), "C-");
  EXPECT_EQ(h_->Get("/api/v1/complaints", Handler()).json()["total"].get<int>(), before);
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/public/status/" + TokenOf(r.json()["status_url"]), {}), 404));
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/complaints/by-reference/" + reference, Handler()), 404));
}

TEST_F(ComplaintHttpTest, PublicFormValidationNamesTheFields) {
  Reply r = PublicPost("/api/v1/public/complaints",
                       {{"summary", ""}, {"occurred_on", "yesterday"}, {"consent_contact", "yes"}, {"extra", 1}});
  EXPECT_TRUE(IsProblem(r, 422, "description")) << r.body;
  EXPECT_TRUE(IsProblem(r, 422, "occurred_on")) << r.body;
  EXPECT_TRUE(IsProblem(r, 422, "consent_contact")) << r.body;
  EXPECT_TRUE(IsProblem(r, 422, "extra")) << r.body;
  Reply bad_email = PublicPost("/api/v1/public/complaints",
                               {{"summary", "s"}, {"description", "d"}, {"contact_email", "not an address"}});
  EXPECT_TRUE(IsProblem(bad_email, 422, "contact_email")) << bad_email.body;
}

TEST_F(ComplaintHttpTest, StatusPageShowsOnlyPublicMessagesAndRepliesReachTheCase) {
  Json receipt = FilePublic("Late delivery");
  const std::string token = TokenOf(receipt["status_url"]);
  Json c = ByReference(receipt["reference"]);
  ASSERT_EQ(h_->Post(Path(c, "/messages"), {{"kind", "internal_note"}, {"body", "Customer is a VIP; secret"}},
                     Handler()).status, 201);
  Reply to = h_->Post(Path(c, "/messages"), {{"kind", "to_complainant"}, {"subject", "Update"},
                                            {"body", "We are looking into it."}}, Handler());
  ASSERT_EQ(to.status, 201) << to.body;
  EXPECT_EQ(to.json()["kind"], "to_complainant");

  Reply status = h_->Get("/api/v1/public/status/" + token, {});
  ASSERT_EQ(status.status, 200);
  EXPECT_EQ(status.body.find("secret"), std::string::npos) << "internal notes never reach the status page";
  EXPECT_EQ(status.body.find("handler@"), std::string::npos) << "no staff names: " << status.body;
  bool saw_update = false;
  const Json page = status.json();
  for (const auto& m : page["messages"]) {
    EXPECT_NE(m["kind"], "internal_note");
    if (m["body"] == "We are looking into it.") {
      saw_update = true;
      EXPECT_EQ(m["author"], "Complaints team");
    }
  }
  EXPECT_TRUE(saw_update) << status.body;

  Reply reply = PublicPost("/api/v1/public/status/" + token + "/replies", {{"body", "Thanks, it was order 42."}});
  ASSERT_EQ(reply.status, 201) << reply.body;
  EXPECT_EQ(reply.json()["kind"], "from_complainant");
  EXPECT_EQ(reply.json()["author"], "You");
  Json staff_view = h_->Get(Path(c, "/messages"), h_->BearerOf(Role::kViewer)).json();
  bool internal = false, from = false;
  for (const auto& m : staff_view["items"]) {
    internal = internal || m["kind"] == "internal_note";
    from = from || (m["kind"] == "from_complainant" && m["body"] == "Thanks, it was order 42.");
  }
  EXPECT_TRUE(internal);
  EXPECT_TRUE(from);
  EXPECT_TRUE(IsProblem(PublicPost("/api/v1/public/status/" + token + "/replies", {{"body", ""}}), 422, "body"));
}

TEST_F(ComplaintHttpTest, AReplyResumesACaseWaitingOnTheComplainant) {
  Json receipt = FilePublic("Wrong size");
  const std::string token = TokenOf(receipt["status_url"]);
  Json c = ByReference(receipt["reference"]);
  Reply waiting = h_->Post(Path(c, "/transitions"),
                           {{"to", "waiting_on_complainant"}, {"reason", "need the order number"}}, Handler());
  ASSERT_EQ(waiting.status, 200) << waiting.body;
  EXPECT_EQ(waiting.json()["state"], "waiting_on_complainant");
  EXPECT_EQ(waiting.json()["paused_from"], "acknowledged");
  EXPECT_EQ(h_->Get("/api/v1/public/status/" + token, {}).json()["stage_label"], "Waiting for your reply");
  ASSERT_EQ(PublicPost("/api/v1/public/status/" + token + "/replies", {{"body", "Order 77"}}).status, 201);
  Json after = h_->Get(Path(c), Handler()).json();
  EXPECT_EQ(after["state"], "acknowledged");
  bool resumed = false;
  const Json timeline = h_->Get(Path(c, "/timeline"), Handler()).json();
  for (const auto& item : timeline["items"])
    resumed = resumed || (item["actor"] == "public" && item["action"] == "transition" &&
                          item["detail"].get<std::string>().find("complainant replied") != std::string::npos);
  EXPECT_TRUE(resumed);
}

TEST_F(ComplaintHttpTest, WithdrawnCaseRefusesReplies) {
  Json receipt = FilePublic("Changed my mind");
  Json c = ByReference(receipt["reference"]);
  ASSERT_EQ(h_->Post(Path(c, "/transitions"), {{"to", "withdrawn"}, {"reason", "customer called"}}, Handler()).status,
            200);
  Reply r = PublicPost("/api/v1/public/status/" + TokenOf(receipt["status_url"]) + "/replies", {{"body", "hi"}});
  EXPECT_TRUE(IsProblem(r, 409)) << r.body;
  EXPECT_FALSE(h_->Get("/api/v1/public/status/" + TokenOf(receipt["status_url"]), {}).json()["can_reply"].get<bool>());
}

TEST_F(ComplaintHttpTest, WrongTransitionsAre409NamingTheState) {
  Reply created = h_->Post("/api/v1/complaints",
                           {{"channel", "phone"}, {"summary", "Rude staff"}, {"description", "At the counter"}},
                           Handler());
  ASSERT_EQ(created.status, 201) << created.body;
  Json c = created.json();
  EXPECT_EQ(c["state"], "received");
  Reply r = h_->Post(Path(c, "/transitions"), {{"to", "closed"}, {"closure", "accepted"}}, Handler());
  EXPECT_TRUE(IsProblem(r, 409)) << r.body;
  EXPECT_NE(r.json()["detail"].get<std::string>().find("received"), std::string::npos) << r.body;
  EXPECT_TRUE(IsProblem(h_->Post(Path(c, "/response"), {{"decision", "x"}, {"remedies", Json::array({"apology"})}}, Handler()),
                        409));
  EXPECT_TRUE(IsProblem(h_->Post(Path(c, "/transitions"), {{"to", "flying"}}, Handler()), 422, "to"));
  EXPECT_TRUE(IsProblem(h_->Post(Path(c, "/transitions"), {{"to", "withdrawn"}}, Handler()), 422, "reason"));
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/complaints/999999/transitions", {{"to", "acknowledged"}}, Handler()), 404));
}

TEST_F(ComplaintHttpTest, BareTransitionsCannotSkipTheAssessmentOrTheResponse) {
  Json c = ByReference(FilePublic("Broken kettle")["reference"]);  // acknowledged at once
  Reply assessed = h_->Post(Path(c, "/transitions"), {{"to", "assessed"}}, Handler());
  EXPECT_TRUE(IsProblem(assessed, 409)) << assessed.body;
  EXPECT_NE(assessed.json()["detail"].get<std::string>().find("assessment"), std::string::npos) << assessed.body;
  ASSERT_EQ(h_->Post(Path(c, "/assessment"), {{"severity", 3}, {"priority", "normal"}}, Handler()).status, 200);
  ASSERT_EQ(h_->Post(Path(c, "/transitions"), {{"to", "investigating"}}, Handler()).status, 200);
  Reply responded = h_->Post(Path(c, "/transitions"), {{"to", "responded"}}, Handler());
  EXPECT_TRUE(IsProblem(responded, 409)) << responded.body;
  EXPECT_EQ(h_->Get(Path(c), Handler()).json()["state"], "investigating");
}

TEST_F(ComplaintHttpTest, StaffValidationNamesTheFields) {
  Reply r = h_->Post("/api/v1/complaints", {{"summary", ""}, {"channel", "pigeon"}, {"bogus", true}}, Handler());
  EXPECT_TRUE(IsProblem(r, 422, "channel")) << r.body;
  EXPECT_TRUE(IsProblem(r, 422, "description")) << r.body;
  EXPECT_TRUE(IsProblem(r, 422, "bogus")) << r.body;
  Json c = h_->Post("/api/v1/complaints", {{"channel", "letter"}, {"summary", "s"}, {"description", "d"},
                                           {"acknowledge", true}}, Handler()).json();
  ASSERT_EQ(c["state"], "acknowledged") << c.dump();
  EXPECT_TRUE(IsProblem(h_->Post(Path(c, "/assessment"), {{"severity", 9}}, Handler()), 422, "severity"));
  EXPECT_TRUE(IsProblem(h_->Post(Path(c, "/assessment"), {{"priority", "normal"}}, Handler()), 422, "severity"));
  EXPECT_TRUE(IsProblem(h_->Post(Path(c, "/messages"), {{"kind", "from_complainant"}, {"body", "x"}}, Handler()), 422,
                        "kind"));
  EXPECT_TRUE(IsProblem(h_->Post(Path(c, "/messages"), {{"kind", "internal_note"}}, Handler()), 422, "body"));
  EXPECT_TRUE(IsProblem(h_->Put(Path(c, "/assignee"), {{"assignee_id", "me"}}, Handler()), 422, "assignee_id"));
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/complaints?state=nonsense", Handler()), 422, "state"));
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/complaints?sort=colour", Handler()), 422, "sort"));
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/complaints/by-reference/C-2026-1", Handler()), 404));
}

TEST_F(ComplaintHttpTest, AHandlerTakesACaseFromEntryToClosureAndTheComplainantRatesIt) {
  const Auth handler = Handler();
  Reply created = h_->Post("/api/v1/complaints",
                           {{"channel", "phone"}, {"summary", "Invoice charged twice"},
                            {"description", "Two debits of 40 EUR for one order"}, {"contact_name", "Bob"},
                            {"contact_email", "bob@example.org"}, {"consent_contact", true}},
                           handler);
  ASSERT_EQ(created.status, 201) << created.body;
  Json c = created.json();
  EXPECT_EQ(c["intake"], "api");  // a bearer token: the API
  EXPECT_EQ(created.Header("location"), Path(c));
  EXPECT_FALSE(c.contains("status_url"));  // the status link goes to the complainant only
  EXPECT_EQ(c["allowed_next"], Json({"acknowledged", "withdrawn"}));

  Reply ack = Send(h_->port(), "POST", Path(c, "/transitions"), Json({{"to", "acknowledged"}}).dump(), handler,
                       {{"X-Audit-Reason", "called back"}});
  ASSERT_EQ(ack.status, 200) << ack.body;
  EXPECT_EQ(ack.json()["state"], "acknowledged");
  EXPECT_EQ(ack.json()["notice"]["outcome"], "no_recipient");  // the test server has no mailer

  const Id handler_id = h_->user(Role::kHandler).id;
  Reply assigned = h_->Put(Path(c, "/assignee"), {{"assignee_id", handler_id}}, handler);
  ASSERT_EQ(assigned.status, 200) << assigned.body;
  EXPECT_EQ(assigned.json()["assignee_id"], handler_id);
  Json mine = h_->Get("/api/v1/complaints?queue=mine", handler).json();
  ASSERT_EQ(mine["total"], 1) << mine.dump();
  EXPECT_EQ(mine["items"][0]["id"], c["id"]);

  Reply assessed = h_->Post(Path(c, "/assessment"),
                            {{"severity", 2}, {"priority", "high"}, {"product", "Billing"}, {"site", "Leeds"}},
                            handler);
  ASSERT_EQ(assessed.status, 200) << assessed.body;
  EXPECT_EQ(assessed.json()["state"], "assessed");
  EXPECT_EQ(assessed.json()["severity"], 2);

  Reply investigated = h_->Post(Path(c, "/investigation"),
                                {{"whys", {"Charged twice", "Retry after timeout", "No idempotency key",
                                           "Gateway client written before the key existed", "No review checklist"}},
                                 {"cause_category", "process"},
                                 {"root_cause", "Payment retries are not idempotent"},
                                 {"evidence", "Gateway log lines 10-12"}},
                                handler);
  ASSERT_EQ(investigated.status, 200) << investigated.body;
  EXPECT_EQ(investigated.json()["state"], "investigating");
  EXPECT_EQ(investigated.json()["whys"].size(), 5u);

  Reply responded = h_->Post(Path(c, "/response"),
                             {{"decision", "We refund the second debit."}, {"remedies", {"refund", "apology"}},
                              {"remedy_detail", "40 EUR"}},
                             handler);
  ASSERT_EQ(responded.status, 200) << responded.body;
  EXPECT_EQ(responded.json()["state"], "responded");
  EXPECT_EQ(responded.json()["remedies"], Json({"refund", "apology"}));

  Reply closed = h_->Post(Path(c, "/transitions"), {{"to", "closed"}, {"closure", "accepted"}}, handler);
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(closed.json()["state"], "closed");
  EXPECT_EQ(closed.json()["closure"], "accepted");
  // The rating link is only in the closure mail (http_complaint_links_test.cc).
  EXPECT_FALSE(closed.json().contains("rating_url")) << closed.body;
  Reply unrated = h_->Get(Path(c, "/rating"), handler);  // not rated yet: null, not a 404 in the console
  EXPECT_EQ(unrated.status, 200) << unrated.body;
  EXPECT_TRUE(unrated.json().is_null()) << unrated.body;
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/complaints/987654/rating", handler), 404));

  // The timeline holds every step in order, with the audit reason given.
  Json timeline = h_->Get(Path(c, "/timeline"), h_->BearerOf(Role::kViewer)).json();
  ASSERT_TRUE(timeline["items"].is_array());
  std::vector<std::string> actions;
  std::string previous_at;
  bool reason_seen = false, decision_message = false;
  for (const auto& item : timeline["items"]) {
    EXPECT_GE(item["at"].get<std::string>(), previous_at);
    previous_at = item["at"];
    actions.push_back(item["action"]);
    reason_seen = reason_seen || item["detail"].get<std::string>().find("called back") != std::string::npos;
    decision_message = decision_message || (item["kind"] == "message" && item["action"] == "to_complainant");
  }
  EXPECT_TRUE(reason_seen) << timeline.dump();
  EXPECT_TRUE(decision_message) << timeline.dump();
  EXPECT_NE(std::find(actions.begin(), actions.end(), "transition"), actions.end());
  EXPECT_NE(std::find(actions.begin(), actions.end(), "create"), actions.end());

  // Closed: the list filters see it, and reopening needs a reason.
  Json closed_list = h_->Get("/api/v1/complaints?state=closed", handler).json();
  bool listed = false;
  for (const auto& item : closed_list["items"]) listed = listed || item["id"] == c["id"];
  EXPECT_TRUE(listed);
  EXPECT_TRUE(IsProblem(h_->Post(Path(c, "/transitions"), {{"to", "reopened"}}, handler), 422, "reason"));
}

TEST_F(ComplaintHttpTest, StaffUploadsOneAttachmentByMultipart) {
  Json c = h_->Post("/api/v1/complaints", {{"channel", "letter"}, {"summary", "Letter"}, {"description", "scan"}},
                    Handler()).json();
  Reply up = Send(h_->port(), "POST", Path(c, "/attachments"), Multipart({}, {{"scan.pdf", kPdf}}), Handler(), {},
                  kMultipartType);
  ASSERT_EQ(up.status, 201) << up.body;
  EXPECT_EQ(up.json()["content_type"], "application/pdf");
  EXPECT_NE(up.json()["uploaded_by"].get<std::string>().find("handler"), std::string::npos);
  Reply two = Send(h_->port(), "POST", Path(c, "/attachments"), Multipart({}, {{"a.pdf", kPdf}, {"b.pdf", kPdf}}),
                   Handler(), {}, kMultipartType);
  EXPECT_TRUE(IsProblem(two, 422, "attachment")) << two.body;
  Reply none = Send(h_->port(), "POST", Path(c, "/attachments"), Multipart({{"note", "x"}}, {}), Handler(), {},
                    kMultipartType);
  EXPECT_TRUE(IsProblem(none, 422, "attachment")) << none.body;
}

TEST(ComplaintRateLimitTest, PublicRoutesAreLimitedPerAddressWithRetryAfter) {
  ServerOptions options;
  options.public_submissions_per_hour = 2;
  options.public_status_requests_per_hour = 3;
  Harness h(options);
  Json form = {{"summary", "s"}, {"description", "d"}};
  Reply first = Send(h.port(), "POST", "/api/v1/public/complaints", form.dump());
  ASSERT_EQ(first.status, 201) << first.body;
  ASSERT_EQ(Send(h.port(), "POST", "/api/v1/public/complaints", form.dump()).status, 201);
  Reply third = Send(h.port(), "POST", "/api/v1/public/complaints", form.dump());
  EXPECT_TRUE(IsProblem(third, 429)) << third.body;
  EXPECT_FALSE(third.Header("retry-after").empty());
  EXPECT_LE(std::stoi(third.Header("retry-after")), 3600);

  const std::string status = "/api/v1/public/status/" + TokenOf(first.json()["status_url"]);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(h.Get(status, {}).status, 200) << i;
  Reply limited = h.Get(status, {});
  EXPECT_TRUE(IsProblem(limited, 429)) << limited.body;
  EXPECT_FALSE(limited.Header("retry-after").empty());

  h.clock().Advance(std::chrono::minutes(61));
  EXPECT_EQ(Send(h.port(), "POST", "/api/v1/public/complaints", form.dump()).status, 201);
  EXPECT_EQ(h.Get(status, {}).status, 200);
}

}  // namespace
}  // namespace hearken::http::testing
