// Contract tests of the feedback area (issue 8, one feedback model): items
// of every source with their customer's segment, times with their offsets
// and tags; social mentions deduplicated by (platform, post id); the list's
// filters; an item turned into a complaint in one write, once; webhook
// secrets sealed and rotated, deliveries accepted once.
#include <set>

#include <nlohmann/json.hpp>

#include "core/personal_seal.h"
#include "store/contract/store_contract_test.h"
#include "store/contract/store_contract_test_complaints.h"

namespace hearken {
namespace {

FeedbackItem Form(const std::string& text, std::optional<int> stars = std::nullopt) {
  FeedbackItem f;
  f.source = FeedbackSource::kForm;
  f.text = text;
  if (stars) {
    f.rating = stars;
    f.rating_scale = 5;
  }
  return f;
}

FeedbackItem Mention(const std::string& platform, const std::string& post_id, const std::string& text) {
  FeedbackItem f;
  f.source = FeedbackSource::kSocial;
  f.text = text;
  SocialMention m;
  m.platform = platform;
  m.post_id = post_id;
  m.author_handle = "@ravi";
  m.url = "https://example.social/" + post_id;
  m.posted_at = *ParseTimestamp("2026-02-28T03:45:00Z");
  m.posted_offset_minutes = 330;
  f.social = m;
  return f;
}

std::int64_t AuditCount(Store& store, const std::string& entity_type) {
  AuditFilter filter;
  filter.entity_type = entity_type;
  auto page = store.audit().ListAudit(filter, ListOptions{});
  EXPECT_TRUE(page.ok()) << ErrorText(page);
  return page.ok() ? page->total : -1;
}

TEST_P(StoreContractTest, FeedbackItemKeepsItsFieldsSegmentAndOffset) {
  Segment retail = AddSegment("Retail");
  Customer c = NewCustomer("Asha Rao", "asha@example.org");
  c.segment_id = retail.id;
  auto customer = store_->customers().CreateCustomer(ctx_, c);
  ASSERT_TRUE(customer.ok()) << ErrorText(customer);

  FeedbackItem f = Form("Queue was long but staff were kind", 4);
  f.customer_id = customer->id;
  f.site = "Zurich HB";
  f.touchpoint = "checkout";
  f.occurred_at = *ParseTimestamp("2026-02-27T16:30:00Z");
  f.occurred_offset_minutes = 60;
  f.language = "de-CH";
  f.tags = {"queue", "staff"};
  f.contact_email = "asha@example.org";
  auto created = store_->feedback().CreateFeedback(ctx_, f);
  ASSERT_TRUE(created.ok()) << ErrorText(created);
  EXPECT_GT(created->id, 0);
  EXPECT_EQ(created->segment_id, retail.id);

  auto read = store_->feedback().GetFeedback(created->id);
  ASSERT_TRUE(read.ok()) << ErrorText(read);
  EXPECT_EQ(read->source, FeedbackSource::kForm);
  EXPECT_EQ(read->text, f.text);
  EXPECT_EQ(read->rating, 4);
  EXPECT_EQ(read->rating_scale, 5);
  EXPECT_EQ(read->site, "Zurich HB");
  EXPECT_EQ(read->touchpoint, "checkout");
  EXPECT_EQ(read->occurred_at, f.occurred_at);
  EXPECT_EQ(read->occurred_offset_minutes, 60);
  EXPECT_EQ(read->language, "de-CH");
  EXPECT_EQ(read->tags, (std::vector<std::string>{"queue", "staff"}));
  EXPECT_EQ(read->created_at, clock_.Now());
  EXPECT_FALSE(read->complaint_id.has_value());
  EXPECT_EQ(AuditCount(*store_, "feedback_item"), 1);

  // The text is personal: sealed in the trail with the customer's key,
  // opened again for the reader.
  auto raw = store_->QueryRows("SELECT new_value FROM audit_entries WHERE entity_type = 'feedback_item'");
  ASSERT_TRUE(raw.ok());
  EXPECT_EQ(raw->at(0).at(0).find("Queue was long"), std::string::npos);
  AuditFilter filter;
  filter.entity_type = "feedback_item";
  auto opened = store_->audit().ListAudit(filter, ListOptions{});
  ASSERT_TRUE(opened.ok());
  EXPECT_NE(opened->items.at(0).new_value.find("Queue was long"), std::string::npos);
}

TEST_P(StoreContractTest, AnonymousFeedbackKeepsNoTextInTheTrail) {
  auto created = store_->feedback().CreateFeedback(ctx_, Form("The app crashed at payment", 1));
  ASSERT_TRUE(created.ok()) << ErrorText(created);
  EXPECT_EQ(created->occurred_at, clock_.Now());
  AuditFilter filter;
  filter.entity_type = "feedback_item";
  auto entries = store_->audit().ListAudit(filter, ListOptions{});
  ASSERT_TRUE(entries.ok());
  EXPECT_EQ(entries->items.at(0).new_value.find("crashed"), std::string::npos);
  EXPECT_NE(entries->items.at(0).new_value.find("text_bytes"), std::string::npos);
}

TEST_P(StoreContractTest, FeedbackRefusesBadFieldsNamingEach) {
  FeedbackItem f = Form("");
  f.rating = 6;
  f.rating_scale = 5;
  f.tags = {"a", "a"};
  f.contact_email = "nope";
  f.occurred_zone = "Mars/Olympus";
  auto refused = store_->feedback().CreateFeedback(ctx_, f);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  std::set<std::string> named;
  for (const auto& e : refused.error().fields) named.insert(e.field);
  EXPECT_EQ(named, (std::set<std::string>{"rating", "tags/1", "contact_email", "occurred_zone"}));
  EXPECT_FALSE(store_->feedback().CreateFeedback(ctx_, Form("")).ok());  // neither text nor rating
  FeedbackItem nobody = Form("who?");
  nobody.customer_id = 999;
  auto unknown = store_->feedback().CreateFeedback(ctx_, nobody);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().fields.at(0).field, "customer_id");
  EXPECT_EQ(AuditCount(*store_, "feedback_item"), 0);
}

TEST_P(StoreContractTest, SocialMentionsAreDeduplicatedByPlatformAndPost) {
  auto first = store_->feedback().CreateFeedback(ctx_, Mention("twitter", "1001", "Love the new branch"));
  ASSERT_TRUE(first.ok()) << ErrorText(first);
  ASSERT_TRUE(first->social.has_value());
  EXPECT_EQ(first->detail_kind, "social_mention");
  EXPECT_EQ(first->occurred_at, *ParseTimestamp("2026-02-28T03:45:00Z"));
  EXPECT_EQ(first->occurred_offset_minutes, 330);
  auto read = store_->feedback().GetFeedback(first->id);
  ASSERT_TRUE(read.ok());
  ASSERT_TRUE(read->social.has_value());
  EXPECT_EQ(read->social->author_handle, "@ravi");
  EXPECT_EQ(read->social->posted_offset_minutes, 330);

  auto again = store_->feedback().CreateFeedback(ctx_, Mention("twitter", "1001", "again"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);

  auto report = store_->feedback().ImportSocialMentions(
      ctx_, {Mention("twitter", "1001", "stored already"), Mention("facebook", "1001", "other platform"),
             Mention("twitter", "1002", "new"), Mention("twitter", "1002", "twice in the batch")});
  ASSERT_TRUE(report.ok()) << ErrorText(report);
  EXPECT_EQ(report->created, 2);
  EXPECT_EQ(report->duplicates, 2);
  EXPECT_EQ(report->created_ids.size(), 2u);

  // A bad row names itself and nothing is written.
  FeedbackItem bad = Mention("Twitter!", "", "x");
  auto refused = store_->feedback().ImportSocialMentions(ctx_, {Mention("twitter", "2000", "fine"), bad});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields.at(0).field, "rows/1/social/platform");
  FeedbackFilter social;
  social.sources = {FeedbackSource::kSocial};
  auto page = store_->feedback().ListFeedback(social, ListOptions{});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 3);
}

TEST_P(StoreContractTest, FeedbackListFilters) {
  Customer customer = AddCustomer("Lee", "lee@example.org");
  FeedbackItem a = Form("Great coffee", 5);
  a.site = "Bern";
  a.touchpoint = "cafe";
  a.tags = {"coffee"};
  a.customer_id = customer.id;
  a.occurred_at = *ParseTimestamp("2026-02-01T10:00:00Z");
  FeedbackItem b = Form("Cold coffee, rude", 2);
  b.site = "Basel";
  b.tags = {"coffee", "staff"};
  b.occurred_at = *ParseTimestamp("2026-02-10T10:00:00Z");
  FeedbackItem c = Mention("instagram", "abc", "Nice view from the terrace");
  c.occurred_at = *ParseTimestamp("2026-02-20T10:00:00Z");
  for (const auto& f : {a, b, c}) ASSERT_TRUE(store_->feedback().CreateFeedback(ctx_, f).ok());

  auto ids = [&](const FeedbackFilter& filter) {
    std::vector<std::string> texts;
    auto page = store_->feedback().ListFeedback(filter, ListOptions{});
    EXPECT_TRUE(page.ok()) << ErrorText(page);
    if (page.ok())
      for (const auto& f : page->items) texts.push_back(f.text.substr(0, 4));
    return texts;
  };
  EXPECT_EQ(ids({}), (std::vector<std::string>{"Nice", "Cold", "Grea"}));  // newest first
  FeedbackFilter f;
  f.tag = "coffee";
  EXPECT_EQ(ids(f), (std::vector<std::string>{"Cold", "Grea"}));
  f = {};
  f.tag = "staff";
  f.site = "Basel";
  EXPECT_EQ(ids(f), (std::vector<std::string>{"Cold"}));
  f = {};
  f.rating_min = 3;
  EXPECT_EQ(ids(f), (std::vector<std::string>{"Grea"}));
  f = {};
  f.rating_max = 4;
  EXPECT_EQ(ids(f), (std::vector<std::string>{"Cold"}));
  f = {};
  f.customer_id = customer.id;
  EXPECT_EQ(ids(f), (std::vector<std::string>{"Grea"}));
  f = {};
  f.from = *ParseTimestamp("2026-02-05T00:00:00Z");
  f.to = *ParseTimestamp("2026-02-15T00:00:00Z");
  EXPECT_EQ(ids(f), (std::vector<std::string>{"Cold"}));
  f = {};
  f.search = "RUDE";
  EXPECT_EQ(ids(f), (std::vector<std::string>{"Cold"}));
  f = {};
  f.search = "@rav";  // the author handle
  EXPECT_EQ(ids(f), (std::vector<std::string>{"Nice"}));
  f = {};
  f.touchpoint = "cafe";
  f.has_complaint = false;
  EXPECT_EQ(ids(f), (std::vector<std::string>{"Grea"}));
  f = {};
  f.has_complaint = true;
  EXPECT_TRUE(ids(f).empty());
  ListOptions bad;
  bad.sort = "text";
  EXPECT_FALSE(store_->feedback().ListFeedback({}, bad).ok());
}

TEST_P(StoreContractTest, FeedbackTagsAreReplacedAndAudited) {
  auto created = store_->feedback().CreateFeedback(ctx_, Form("ok", 3));
  ASSERT_TRUE(created.ok());
  auto tagged = store_->feedback().SetFeedbackTags(ctx_, created->id, {"billing", "app"});
  ASSERT_TRUE(tagged.ok()) << ErrorText(tagged);
  EXPECT_EQ(tagged->tags, (std::vector<std::string>{"billing", "app"}));
  auto retagged = store_->feedback().SetFeedbackTags(ctx_, created->id, {"app"});
  ASSERT_TRUE(retagged.ok());
  FeedbackFilter billing;
  billing.tag = "billing";
  EXPECT_EQ(store_->feedback().ListFeedback(billing, ListOptions{})->total, 0);
  EXPECT_FALSE(store_->feedback().SetFeedbackTags(ctx_, 999, {"x"}).ok());
  EXPECT_FALSE(store_->feedback().SetFeedbackTags(ctx_, created->id, {""}).ok());
  EXPECT_EQ(AuditCount(*store_, "feedback_item"), 3);
}

TEST_P(StoreContractTest, FeedbackBecomesAComplaintOnceWithTheLinkOnBothSides) {
  Customer customer = AddCustomer("Mia", "mia@example.org");
  FeedbackItem f = Form("The card reader charged me twice", 1);
  f.customer_id = customer.id;
  f.site = "Geneva";
  auto item = store_->feedback().CreateFeedback(ctx_, f);
  ASSERT_TRUE(item.ok());
  ComplaintIntakeFields fields = complaint_test::Intake("Charged twice at the card reader");
  fields.description = f.text;
  fields.customer_id = customer.id;
  fields.site = "Geneva";
  auto complaint = store_->feedback().FileComplaintFromFeedback(ctx_, item->id, fields, "hash-of-nothing");
  ASSERT_TRUE(complaint.ok()) << ErrorText(complaint);
  EXPECT_EQ(complaint->intake.description, f.text);
  EXPECT_EQ(complaint->intake.site, "Geneva");
  EXPECT_EQ(store_->feedback().GetFeedback(item->id)->complaint_id, complaint->id);

  // The complaint's own "create" entry says where it came from.
  AuditFilter timeline;
  timeline.complaint_id = complaint->id;
  auto entries = store_->audit().ListAudit(timeline, ListOptions{});
  ASSERT_TRUE(entries.ok());
  bool from_feedback = false;
  for (const auto& e : entries->items)
    if (e.entity_type == "complaint" && e.action == "create")
      from_feedback = e.reason.find("from feedback " + std::to_string(item->id)) == 0;
  EXPECT_TRUE(from_feedback);

  auto twice = store_->feedback().FileComplaintFromFeedback(ctx_, item->id, fields, "hash-of-nothing");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::kAlreadyExists);
  EXPECT_NE(twice.error().message.find(complaint->reference), std::string::npos);
  EXPECT_EQ(store_->complaints().ListComplaints({}, ListOptions{})->total, 1);

  FeedbackFilter linked;
  linked.has_complaint = true;
  EXPECT_EQ(store_->feedback().ListFeedback(linked, ListOptions{})->total, 1);

  // A complaint the intake rules refuse writes nothing, the link neither.
  auto other = store_->feedback().CreateFeedback(ctx_, Form("another", 2));
  ComplaintIntakeFields blank = fields;
  blank.summary = "";
  EXPECT_FALSE(store_->feedback().FileComplaintFromFeedback(ctx_, other->id, blank, "h").ok());
  EXPECT_FALSE(store_->feedback().GetFeedback(other->id)->complaint_id.has_value());
  EXPECT_EQ(store_->feedback().FileComplaintFromFeedback(ctx_, 999, fields, "h").error().code,
            ErrorCode::kNotFound);
}

TEST_P(StoreContractTest, WebhookSecretsAreSealedRotatedAndDeliveriesAcceptedOnce) {
  const std::string first(32, 'a'), second(32, 'b');
  auto made = store_->feedback().SetWebhookSecret(ctx_, "brandwatch", first);
  ASSERT_TRUE(made.ok()) << ErrorText(made);
  EXPECT_FALSE(made->rotated_at.has_value());
  EXPECT_FALSE(store_->feedback().SetWebhookSecret(ctx_, "Bad Name", first).ok());
  EXPECT_FALSE(store_->feedback().SetWebhookSecret(ctx_, "short", "tooshort").ok());
  EXPECT_EQ(*store_->feedback().WebhookSecrets("brandwatch", clock_.Now()), std::vector<std::string>{first});

  // Neither the table nor the trail holds the secret.
  auto raw = store_->QueryRows("SELECT sealed_secret FROM webhook_sources");
  ASSERT_TRUE(raw.ok());
  EXPECT_EQ(raw->at(0).at(0).find(first), std::string::npos);
  for (const auto& e : AllAudit()) EXPECT_EQ(e.new_value.find(first), std::string::npos);

  auto rotated = store_->feedback().SetWebhookSecret(ctx_, "brandwatch", second);
  ASSERT_TRUE(rotated.ok());
  ASSERT_TRUE(rotated->previous_valid_until.has_value());
  EXPECT_EQ(*store_->feedback().WebhookSecrets("brandwatch", clock_.Now()),
            (std::vector<std::string>{second, first}));
  EXPECT_EQ(*store_->feedback().WebhookSecrets("brandwatch", clock_.Now() + std::chrono::hours(25)),
            std::vector<std::string>{second});
  EXPECT_EQ(store_->feedback().WebhookSecrets("nobody", clock_.Now()).error().code, ErrorCode::kNotFound);

  auto delivered = store_->feedback().ReceiveWebhookDelivery(ctx_, "brandwatch", "evt_1",
                                                             {Mention("twitter", "77", "hello")});
  ASSERT_TRUE(delivered.ok()) << ErrorText(delivered);
  EXPECT_EQ(delivered->created, 1);
  auto replay = store_->feedback().ReceiveWebhookDelivery(ctx_, "brandwatch", "evt_1",
                                                          {Mention("twitter", "78", "sneaky")});
  ASSERT_FALSE(replay.ok());
  EXPECT_EQ(replay.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(replay.error().fields.at(0).field, "delivery_id");
  auto dup = store_->feedback().ReceiveWebhookDelivery(ctx_, "brandwatch", "evt_2", {Mention("twitter", "77", "x")});
  ASSERT_TRUE(dup.ok());
  EXPECT_EQ(dup->created, 0);
  EXPECT_EQ(dup->duplicates, 1);
  EXPECT_EQ(store_->feedback().ReceiveWebhookDelivery(ctx_, "nobody", "evt_1", {}).error().code,
            ErrorCode::kNotFound);
  auto sources = store_->feedback().ListWebhookSources();
  ASSERT_TRUE(sources.ok());
  ASSERT_EQ(sources->size(), 1u);
  EXPECT_EQ(sources->at(0).deliveries, 2);
  FeedbackFilter social;
  social.sources = {FeedbackSource::kSocial};
  EXPECT_EQ(store_->feedback().ListFeedback(social, ListOptions{})->total, 1);
}


TEST_P(StoreContractTest, ErasingASubjectBlanksTheirFeedback) {
  Customer customer = AddCustomer("Grace Hopper", "grace@example.org");
  FeedbackItem theirs = Form("Grace says the lift is broken", 2);
  theirs.customer_id = customer.id;
  FeedbackItem by_mail = Form("Grace again, from the form", 1);
  by_mail.contact_email = "GRACE@example.org";
  FeedbackItem other = Form("Someone else entirely", 4);
  Id ids[3];
  int i = 0;
  for (const auto& f : {theirs, by_mail, other}) {
    auto made = store_->feedback().CreateFeedback(ctx_, f);
    ASSERT_TRUE(made.ok()) << ErrorText(made);
    ids[i++] = made->id;
  }
  auto erased = store_->subjects().EraseSubject(ctx_, "grace@example.org");
  ASSERT_TRUE(erased.ok()) << ErrorText(erased);
  EXPECT_EQ(erased->feedback_items, 2);
  EXPECT_EQ(store_->feedback().GetFeedback(ids[0])->text, kErasedText);
  EXPECT_EQ(store_->feedback().GetFeedback(ids[1])->contact_email, "");
  EXPECT_EQ(store_->feedback().GetFeedback(ids[2])->text, "Someone else entirely");
  for (const auto& e : AllAudit()) EXPECT_EQ(e.new_value.find("lift is broken"), std::string::npos) << e.new_value;
}

}  // namespace
}  // namespace hearken
