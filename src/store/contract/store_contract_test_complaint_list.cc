// Contract tests of Store: complaint messages and attachments, the
// complaint's audit timeline, and the complaint list with its filters, sort
// allow-list and full-text search.
#include <nlohmann/json.hpp>

#include "core/crypto.h"
#include "media/sample_images.h"
#include "store/contract/store_contract_test_complaints.h"

namespace hearken {
namespace {

using namespace complaint_test;
using ::testing::ElementsAre;

// ---- Messages and attachments -----------------------------------------------------

TEST_P(StoreContractTest, ComplaintInternalNotesAreListedOnlyWhenAskedFor) {
  Kit k(*store_, ctx_, clock_);
  Complaint c = k.File("messages");
  ComplaintMessage note;
  note.complaint_id = c.id;
  note.kind = MessageKind::kInternalNote;
  note.body = "check the courier's log";
  auto added = store_->complaint_messages().AddComplaintMessage(ctx_, note);
  HEARKEN_ASSERT_OK(added);
  EXPECT_EQ(added->author, ctx_.actor.label);
  EXPECT_EQ(added->created_at, clock_.Now());
  clock_.Advance(std::chrono::minutes(1));
  ComplaintMessage reply;
  reply.complaint_id = c.id;
  reply.kind = MessageKind::kFromComplainant;
  reply.subject = "Re: your complaint";
  reply.body = "Here is my invoice";
  reply.author = "carla@example.org";
  reply.mail_message_id = "<reply-1@mail.example>";
  HEARKEN_ASSERT_OK(store_->complaint_messages().AddComplaintMessage(ctx_, reply));
  auto dup = store_->complaint_messages().AddComplaintMessage(ctx_, reply);
  HEARKEN_EXPECT_ERROR(dup, kAlreadyExists);
  EXPECT_TRUE(NamesField(dup, "mail_message_id"));
  auto all = store_->complaint_messages().ListComplaintMessages(c.id, true);
  HEARKEN_ASSERT_OK(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].kind, MessageKind::kInternalNote);
  EXPECT_EQ((*all)[1].mail_message_id, "<reply-1@mail.example>");
  auto shown = store_->complaint_messages().ListComplaintMessages(c.id, false);
  ASSERT_EQ(shown->size(), 1u);
  EXPECT_EQ((*shown)[0].body, "Here is my invoice");
  ComplaintMessage empty;
  empty.complaint_id = c.id;
  HEARKEN_EXPECT_ERROR(store_->complaint_messages().AddComplaintMessage(ctx_, empty), kInvalidArgument);
  empty.body = "x";
  empty.complaint_id = 4040;
  HEARKEN_EXPECT_ERROR(store_->complaint_messages().AddComplaintMessage(ctx_, empty), kNotFound);
}

TEST_P(StoreContractTest, ComplaintAttachmentsRoundTripBinaryBytesWithNuls) {
  Kit k(*store_, ctx_, clock_);
  Complaint c = k.File("attachments");
  std::string png = media::kTinyPng;  // a real image, then every byte value after its end
  for (int i = 0; i < 256; ++i) png += static_cast<char>(i);
  Attachment meta;
  meta.complaint_id = c.id;
  meta.filename = "../../etc/photo.png";
  auto added = store_->complaint_messages().AddAttachment(ctx_, meta, png);
  HEARKEN_ASSERT_OK(added);
  EXPECT_EQ(added->filename, "photo.png");
  EXPECT_EQ(added->content_type, "image/png");
  EXPECT_EQ(added->size, static_cast<std::int64_t>(png.size()));
  EXPECT_EQ(added->blake2b, Blake2bHex(png));
  EXPECT_EQ(added->uploaded_by, ctx_.actor.label);
  auto content = store_->complaint_messages().GetAttachmentContent(added->id);
  HEARKEN_ASSERT_OK(content);
  EXPECT_EQ(*content, png);
  auto meta_read = store_->complaint_messages().GetAttachment(added->id);
  HEARKEN_ASSERT_OK(meta_read);
  EXPECT_EQ(meta_read->blake2b, added->blake2b);
  HEARKEN_EXPECT_ERROR(store_->complaint_messages().GetAttachment(4040), kNotFound);
  HEARKEN_EXPECT_ERROR(store_->complaint_messages().GetAttachmentContent(4040), kNotFound);
  HEARKEN_EXPECT_ERROR(store_->complaint_messages().AddAttachment(ctx_, meta, ""), kInvalidArgument);
  HEARKEN_EXPECT_ERROR(store_->complaint_messages().AddAttachment(ctx_, meta, std::string("MZ\x90\0", 4)), kInvalidArgument);
  meta.complaint_id = 4040;
  HEARKEN_EXPECT_ERROR(store_->complaint_messages().AddAttachment(ctx_, meta, png), kNotFound);
}

TEST_P(StoreContractTest, ComplaintAtMostTwentyAttachmentsPerComplaint) {
  Kit k(*store_, ctx_, clock_);
  Complaint c = k.File("many files");
  Attachment meta;
  meta.complaint_id = c.id;
  meta.filename = "note.txt";
  for (size_t i = 0; i < kMaxAttachmentsPerComplaint; ++i)
    HEARKEN_ASSERT_OK(store_->complaint_messages().AddAttachment(ctx_, meta, "note " + std::to_string(i)));
  HEARKEN_EXPECT_ERROR(store_->complaint_messages().AddAttachment(ctx_, meta, "one too many"), kFailedPrecondition);
  auto listed = store_->complaint_messages().ListAttachments(c.id);
  HEARKEN_ASSERT_OK(listed);
  EXPECT_EQ(listed->size(), kMaxAttachmentsPerComplaint);
  EXPECT_EQ(*store_->complaint_messages().GetAttachmentContent((*listed)[19].id), "note 19");
}

// One intake is one write: the complaint, its files and the acknowledgement
// are committed together or not at all.
TEST_P(StoreContractTest, ComplaintFiledWithItsFilesAndAcknowledgementIsOneWriteOrNothing) {
  Kit k(*store_, ctx_, clock_);
  auto totals = [&] {
    auto complaints = store_->complaints().ListComplaints({}, {});
    auto audit = store_->audit().ListAudit({}, {});
    EXPECT_TRUE(complaints.ok() && audit.ok());
    return std::pair(complaints.ok() ? complaints->total : -1, audit.ok() ? audit->total : -1);
  };
  ComplaintFiling filing{Intake("filed whole"), "hash-whole", {{"photo.png", media::kTinyPng}, {"note.txt", "a note"}},
                         IntakeAcknowledgement::kNow, "Carla Complainant"};
  auto filed = store_->complaints().FileComplaint(ctx_, filing);
  HEARKEN_ASSERT_OK(filed);
  EXPECT_EQ(filed->state, S::kAcknowledged);
  EXPECT_TRUE(filed->acknowledged_at.has_value());
  auto files = store_->complaint_messages().ListAttachments(filed->id);
  HEARKEN_ASSERT_OK(files);
  ASSERT_EQ(files->size(), 2u);
  EXPECT_EQ((*files)[0].content_type, "image/png");
  EXPECT_EQ((*files)[1].uploaded_by, "Carla Complainant");

  const auto before = totals();
  // A file refused by its content: nothing filed, and the error names it.
  filing.fields = Intake("refused file");
  filing.status_token_hash = "hash-refused";
  filing.attachments = {{"photo.png", media::kTinyPng}, {"photo2.png", std::string("MZ\x90\0", 4)}};
  auto refused = store_->complaints().FileComplaint(ctx_, filing);
  HEARKEN_EXPECT_ERROR(refused, kInvalidArgument);
  ASSERT_FALSE(refused.ok());
  ASSERT_FALSE(refused.error().fields.empty());
  EXPECT_EQ(refused.error().fields[0].field, "attachments/1");
  EXPECT_EQ(totals(), before);
  // A file refused inside the transaction (one over the per-complaint cap),
  // after the complaint row was written: rolled back whole.
  filing.attachments.assign(kMaxAttachmentsPerComplaint + 1, {"note.txt", "a note"});
  auto too_many = store_->complaints().FileComplaint(ctx_, filing);
  HEARKEN_EXPECT_ERROR(too_many, kFailedPrecondition);
  ASSERT_FALSE(too_many.ok());
  EXPECT_NE(too_many.error().message.find("attachments/20"), std::string::npos) << too_many.error().message;
  EXPECT_EQ(totals(), before);
  // The next filing takes the next reference: the refused ones used none.
  filing.attachments.clear();
  auto next = store_->complaints().FileComplaint(ctx_, filing);
  HEARKEN_ASSERT_OK(next);
  auto sequence = [](const std::string& ref) { return std::stoi(ref.substr(ref.rfind('-') + 1)); };
  EXPECT_EQ(sequence(next->reference), sequence(filed->reference) + 1);
}

TEST_P(StoreContractTest, ComplaintTimelineHoldsTheComplaintsMessagesAndAttachmentsOnly) {
  Kit k(*store_, ctx_, clock_);
  Complaint c = k.File("timeline");
  Complaint other = k.File("other");
  ComplaintMessage m;
  m.complaint_id = c.id;
  m.body = "a note";
  HEARKEN_ASSERT_OK(store_->complaint_messages().AddComplaintMessage(ctx_, m));
  m.complaint_id = other.id;
  HEARKEN_ASSERT_OK(store_->complaint_messages().AddComplaintMessage(ctx_, m));
  Attachment a;
  a.complaint_id = c.id;
  a.filename = "a.txt";
  HEARKEN_ASSERT_OK(store_->complaint_messages().AddAttachment(ctx_, a, "text"));
  k.MustMove(c.id, S::kAcknowledged);
  std::vector<std::string> entities;
  for (const auto& e : k.Timeline(c.id)) entities.push_back(e.entity_type + ":" + e.action);
  EXPECT_THAT(entities, ElementsAre("complaint:create", "complaint_message:create", "complaint_attachment:create",
                                    "complaint:transition"));
  auto verified = store_->audit().VerifyAudit();
  HEARKEN_ASSERT_OK(verified);
  EXPECT_TRUE(verified->intact);
}

// ---- The list ---------------------------------------------------------------------

TEST_P(StoreContractTest, ComplaintListFiltersByEveryField) {
  Kit k(*store_, ctx_, clock_);
  User handler = AddUser("h@example.org", Role::kHandler);
  Customer cust = AddCustomer("Eve");
  Segment seg = AddSegment("Business");
  ComplaintIntakeFields f = Intake("alpha");
  f.channel = Channel::kPhone;
  f.intake = ComplaintIntake::kStaff;
  f.site = "Leeds";
  f.customer_id = cust.id;
  Complaint alpha = k.File("", f);
  Complaint beta = k.FileIn("beta", S::kAssessed);  // severity 2
  clock_.Advance(std::chrono::hours(1));
  ComplaintIntakeFields g = Intake("gamma");
  g.intake = ComplaintIntake::kPublicForm;
  Complaint gamma = k.File("", g);
  HEARKEN_ASSERT_OK(store_->complaints().AssignComplaint(ctx_, alpha.id, handler.id));
  ComplaintAssessment with_segment = Assessment(4);
  with_segment.segment_id = seg.id;
  HEARKEN_ASSERT_OK(store_->complaints().AssessComplaint(ctx_, beta.id, with_segment));
  k.MustMove(gamma.id, S::kWithdrawn, "never mind");

  auto refs = [&](auto set) {
    ComplaintFilter filter;
    set(filter);
    return k.Refs(filter);
  };
  EXPECT_THAT(refs([](ComplaintFilter&) {}), ElementsAre("alpha", "beta", "gamma"));
  EXPECT_THAT(refs([](ComplaintFilter& x) { x.states = {S::kReceived, S::kWithdrawn}; }),
              ElementsAre("alpha", "gamma"));
  EXPECT_THAT(refs([](ComplaintFilter& x) { x.open_only = true; }), ElementsAre("alpha", "beta"));
  EXPECT_THAT(refs([&](ComplaintFilter& x) { x.assignee_id = handler.id; }), ElementsAre("alpha"));
  EXPECT_THAT(refs([](ComplaintFilter& x) { x.unassigned = true; }), ElementsAre("beta", "gamma"));
  EXPECT_THAT(refs([](ComplaintFilter& x) { x.severity = 4; }), ElementsAre("beta"));
  EXPECT_THAT(refs([&](ComplaintFilter& x) { x.segment_id = seg.id; }), ElementsAre("beta"));
  EXPECT_THAT(refs([](ComplaintFilter& x) { x.site = "Leeds"; }), ElementsAre("alpha"));
  EXPECT_THAT(refs([](ComplaintFilter& x) { x.channel = Channel::kPhone; }), ElementsAre("alpha"));
  EXPECT_THAT(refs([](ComplaintFilter& x) { x.intake = ComplaintIntake::kPublicForm; }), ElementsAre("gamma"));
  EXPECT_THAT(refs([&](ComplaintFilter& x) { x.customer_id = cust.id; }), ElementsAre("alpha"));
  EXPECT_THAT(refs([&](ComplaintFilter& x) { x.received_from = gamma.received_at; }), ElementsAre("gamma"));
  EXPECT_THAT(refs([&](ComplaintFilter& x) { x.received_to = gamma.received_at; }), ElementsAre("alpha", "beta"));
  auto page = store_->complaints().ListComplaints({}, Sorted("reference", SortDirection::kAscending, 1, 1));
  HEARKEN_ASSERT_OK(page);
  EXPECT_EQ(page->total, 3);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].id, beta.id);
}

TEST_P(StoreContractTest, ComplaintCategoryFilterIncludesSubcategories) {
  Kit k(*store_, ctx_, clock_);
  ComplaintCategory top;
  top.name = "Delivery";
  auto delivery = store_->complaint_admin().CreateCategory(ctx_, top);
  HEARKEN_ASSERT_OK(delivery);
  ComplaintCategory sub;
  sub.name = "Late";
  sub.parent_id = delivery->id;
  auto late = store_->complaint_admin().CreateCategory(ctx_, sub);
  HEARKEN_ASSERT_OK(late);
  ComplaintCategory sibling;
  sibling.name = "Delivery notes";  // a name sharing the prefix is no descendant
  auto notes = store_->complaint_admin().CreateCategory(ctx_, sibling);
  HEARKEN_ASSERT_OK(notes);
  for (auto [summary, category] : {std::pair<const char*, Id>{"top", delivery->id}, {"sub", late->id},
                                   {"notes", notes->id}}) {
    ComplaintIntakeFields f = Intake(summary);
    f.category_id = category;
    k.File("", f);
  }
  ComplaintFilter filter;
  filter.category_id = delivery->id;
  EXPECT_THAT(k.Refs(filter), ElementsAre("top", "sub"));
  filter.category_id = late->id;
  EXPECT_THAT(k.Refs(filter), ElementsAre("sub"));
}

TEST_P(StoreContractTest, ComplaintOverdueQueueFollowsTheClock) {
  Kit k(*store_, ctx_, clock_);
  Complaint late = k.File("late ack");
  Complaint acked = k.FileIn("acked", S::kAcknowledged);
  Complaint done = k.FileIn("done", S::kResponded);
  ComplaintFilter overdue;
  overdue.overdue = true;
  EXPECT_TRUE(k.Refs(overdue).empty());
  clock_.Advance(std::chrono::days(2));  // past the one-day acknowledgement target
  EXPECT_THAT(k.Refs(overdue), ElementsAre("late ack"));
  overdue.now = kMonday;  // an explicit instant overrides the clock
  EXPECT_TRUE(k.Refs(overdue).empty());
  overdue.now.reset();
  clock_.Advance(std::chrono::days(30));  // past the resolve target as well
  EXPECT_THAT(k.Refs(overdue), ElementsAre("late ack", "acked"));
  (void)late, (void)acked, (void)done;
}

TEST_P(StoreContractTest, ComplaintListSortsByAllowListedFieldsOnly) {
  Kit k(*store_, ctx_, clock_);
  k.File("first");
  clock_.Advance(std::chrono::hours(1));
  k.File("second");
  EXPECT_THAT(k.Refs({}, ListOptions{}), ElementsAre("second", "first"));  // default: received_at descending
  EXPECT_THAT(k.Refs({}, Sorted("received_at")), ElementsAre("first", "second"));
  for (const char* field : {"updated_at", "reference", "severity", "state", "ack_due_at", "resolve_due_at"})
    HEARKEN_ASSERT_OK(store_->complaints().ListComplaints({}, Sorted(field)));
  Complaint severe = k.FileIn("severe", S::kAssessed);
  HEARKEN_ASSERT_OK(store_->complaints().AssessComplaint(ctx_, severe.id, Assessment(1)));
  k.FileIn("mild", S::kAssessed);  // severity 2
  // Unassessed complaints come last in both directions.
  EXPECT_THAT(k.Refs({}, Sorted("severity")), ElementsAre("severe", "mild", "first", "second"));
  EXPECT_THAT(k.Refs({}, Sorted("severity", SortDirection::kDescending)),
              ElementsAre("mild", "severe", "second", "first"));
  auto bad = store_->complaints().ListComplaints({}, Sorted("summary; DROP TABLE complaints"));
  HEARKEN_EXPECT_ERROR(bad, kInvalidArgument);
  EXPECT_TRUE(NamesField(bad, "sort"));
}

TEST_P(StoreContractTest, ComplaintFullTextSearchMatchesWordsPrefixesMessagesAndReferences) {
  Kit k(*store_, ctx_, clock_);
  ComplaintIntakeFields f = Intake("Broken kettle");
  f.description = "The kettle stopped heating after a week";
  f.product = "Kettle deluxe";
  Complaint kettle = k.File("", f);
  Complaint toaster = k.File("Burnt toast from the toaster");
  ComplaintMessage m;
  m.complaint_id = toaster.id;
  m.kind = MessageKind::kFromComplainant;
  m.body = "The crumb tray is cracked too";
  HEARKEN_ASSERT_OK(store_->complaint_messages().AddComplaintMessage(ctx_, m));
  EXPECT_THAT(k.Search("kettle"), ElementsAre("Broken kettle"));
  EXPECT_THAT(k.Search("KETTLE heating"), ElementsAre("Broken kettle"));
  EXPECT_THAT(k.Search("kettle toast"), ElementsAre());           // words are ANDed
  EXPECT_THAT(k.Search("toas"), ElementsAre("Burnt toast from the toaster"));  // last word a prefix
  EXPECT_THAT(k.Search("crumb"), ElementsAre("Burnt toast from the toaster"));  // only in a message
  EXPECT_THAT(k.Search(toaster.reference), ElementsAre("Burnt toast from the toaster"));
  EXPECT_THAT(k.Search("\"); DROP TABLE complaints; --"), ElementsAre());
  EXPECT_THAT(k.Search("kettle AND OR NOT NEAR("), ElementsAre());
  EXPECT_THAT(k.Search("'kettle' & !"), ElementsAre("Broken kettle"));
  EXPECT_THAT(k.Search("\u2014 kettle \u2026"), ElementsAre("Broken kettle"));  // dashes and ellipses separate
  // The investigation and the decision are searchable once recorded.
  Complaint later = k.FileIn("courier", S::kResponded);
  EXPECT_THAT(k.Search("capacity planning"), ElementsAre("courier"));
  EXPECT_THAT(k.Search("refund"), ElementsAre("courier"));
  EXPECT_EQ(store_->complaints().GetComplaint(kettle.id)->state, S::kReceived);  // the tables survived
  (void)later;
}

}  // namespace
}  // namespace hearken
