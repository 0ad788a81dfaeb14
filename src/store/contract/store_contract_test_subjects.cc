// Contract tests of Store: what is held about one person, found by e-mail
// address (GDPR Art. 15, 20).
#include <nlohmann/json.hpp>

#include "store/contract/store_contract_test_complaints.h"

namespace hearken {
namespace {

using namespace complaint_test;

// One person with a customer record, a communication, two complaints (one
// filed with the address, one by the customer from another address), a
// reply, an internal note, an attachment and a rating; and someone else.
struct Person {
  Customer customer;
  Complaint filed, by_customer, other;
};

Person FileEverything(Store& store, const WriteContext& ctx, ManualClock& clock, Kit& k,
                      StoreContractTest& t, Customer customer) {
  (void)t;
  Person p;
  p.customer = customer;
  Communication call;
  call.customer_id = customer.id;
  call.subject = "Call about the kettle";
  call.body = "Ada phoned: the kettle leaks";
  call.occurred_at = clock.Now() - std::chrono::hours(1);
  EXPECT_TRUE(store.communications().CreateCommunication(ctx, call).ok());
  ComplaintIntakeFields f = Intake("Leaking kettle");
  f.contact_name = "Ada Lovelace";
  f.contact_email = "ADA@Example.org";
  f.contact_phone = "+44 20 7946 0991";
  f.description = "The kettle Ada bought leaks boiling water";
  p.filed = k.File("Leaking kettle", f);
  ComplaintIntakeFields g = Intake("Late parcel");
  g.contact_name = "Ada L.";
  g.contact_email = "a.lovelace@work.example";
  g.customer_id = customer.id;
  p.by_customer = k.File("Late parcel", g);
  p.other = k.File("Someone else's complaint");
  ComplaintMessage reply;
  reply.complaint_id = p.filed.id;
  reply.kind = MessageKind::kFromComplainant;
  reply.body = "Ada again: still leaking";
  reply.author = "ada@example.org";
  EXPECT_TRUE(store.complaint_messages().AddComplaintMessage(ctx, reply).ok());
  ComplaintMessage note = reply;
  note.kind = MessageKind::kInternalNote;
  note.body = "staff only";
  note.author = ctx.actor.label;
  EXPECT_TRUE(store.complaint_messages().AddComplaintMessage(ctx, note).ok());
  Attachment meta;
  meta.complaint_id = p.filed.id;
  meta.filename = "kettle.txt";
  EXPECT_TRUE(store.complaint_messages().AddAttachment(ctx, meta, "photo of Ada's kettle").ok());
  EXPECT_TRUE(k.Move(p.filed.id, S::kAcknowledged).ok());
  EXPECT_TRUE(store.complaints().AssessComplaint(ctx, p.filed.id, Assessment()).ok());
  EXPECT_TRUE(store.complaints().RecordInvestigation(ctx, p.filed.id, Investigation()).ok());
  EXPECT_TRUE(store.complaints().RespondToComplaint(ctx, p.filed.id, Response()).ok());
  EXPECT_TRUE(k.Move(p.filed.id, S::kClosed, "", ClosureKind::kAccepted).ok());
  EXPECT_TRUE(store.ratings().IssueRatingToken(ctx, p.filed.id, "rating-ada").ok());
  EXPECT_TRUE(store.ratings().SubmitRating(ctx, "rating-ada", 2, "Ada says: slow").ok());
  return p;
}

TEST_P(StoreContractTest, ExportSubjectGathersEverythingHeldAboutAnAddress) {
  Customer ada = AddCustomer("Ada Lovelace", "ada@example.org");
  AddCustomer("Bea Other", "bea@example.org");
  Kit k(*store_, ctx_, clock_);
  Person p = FileEverything(*store_, ctx_, clock_, k, *this, ada);
  auto d = store_->subjects().ExportSubject("  Ada@Example.ORG ");
  HEARKEN_ASSERT_OK(d);
  EXPECT_EQ(d->email, "ada@example.org");
  ASSERT_EQ(d->customers.size(), 1u);
  EXPECT_EQ(d->customers[0].id, ada.id);
  ASSERT_EQ(d->communications.size(), 1u);
  EXPECT_EQ(d->communications[0].body, "Ada phoned: the kettle leaks");
  ASSERT_EQ(d->complaints.size(), 2u);
  EXPECT_EQ(d->complaints[0].id, p.filed.id);
  EXPECT_EQ(d->complaints[1].id, p.by_customer.id);
  bool reply_found = false;
  for (const auto& m : d->messages) {
    EXPECT_NE(m.kind, MessageKind::kInternalNote) << m.body;
    if (m.body == "Ada again: still leaking") reply_found = true;
  }
  EXPECT_TRUE(reply_found);
  ASSERT_EQ(d->attachments.size(), 1u);
  EXPECT_EQ(d->attachments[0].filename, "kettle.txt");
  ASSERT_EQ(d->ratings.size(), 1u);
  EXPECT_EQ(d->ratings[0].comment, "Ada says: slow");

  nlohmann::json doc = SubjectDocument(*d, clock_.Now());
  EXPECT_EQ(doc["subject"]["email"], "ada@example.org");
  EXPECT_EQ(doc["complaints"][0]["contact_name"], "Ada Lovelace");
  EXPECT_EQ(doc["customers"][0]["name"], "Ada Lovelace");
  for (const char* key : {"customers", "communications", "complaints", "messages", "attachments", "ratings"})
    EXPECT_TRUE(doc[key].is_array()) << key;

  auto nobody = store_->subjects().ExportSubject("nobody@example.org");
  HEARKEN_ASSERT_OK(nobody);
  EXPECT_TRUE(nobody->customers.empty() && nobody->complaints.empty() && nobody->messages.empty());
  auto bad = store_->subjects().ExportSubject("not an address");
  HEARKEN_EXPECT_ERROR(bad, kInvalidArgument);
  EXPECT_TRUE(NamesField(bad, "email"));
}

}  // namespace
}  // namespace hearken
