// Contract tests of Store: what is held about one person, found by e-mail
// address (GDPR Art. 15, 20).
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/audit_checkpoint.h"
#include "core/complaint_json.h"

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
  call.direction = Direction::kInbound;
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

// Every text the person gave or that names them, as the database would
// hold it (attachment bytes are kept as hex).
std::vector<std::string> Secrets() {
  return {"Ada Lovelace", "ada@example.org", "ADA@Example.org", "+44 20 7946 0991",
          "The kettle Ada bought leaks boiling water", "Ada again: still leaking", "Ada says: slow",
          "Ada phoned: the kettle leaks", "a.lovelace@work.example", "kettle.txt",
          HexEncode("photo of Ada's kettle")};
}

// The rows of the tables that hold personal data, every cell as text.
std::string EverythingStored(SqlStore& store) {
  std::string all;
  for (const char* table : {"customers", "communications", "complaints", "complaint_messages",
                            "complaint_attachments", "handling_ratings", "complaint_fts", "audit_entries",
                            "data_keys"}) {
    auto rows = store.QueryRows(std::string("SELECT * FROM ") + table);
    EXPECT_TRUE(rows.ok()) << table << ": " << ErrorText(rows);
    if (!rows.ok()) continue;
    for (const auto& row : *rows)
      for (const auto& cell : row) all += cell + "\n";
  }
  return all;
}

// The bytes of the database's files (SQLite), "" for a server.
std::string FileBytes(const StoreTestDatabase& database) {
  std::string all;
  for (const std::string& path : database.DatabaseFiles()) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    all += bytes.str();
  }
  return all;
}

// The facts every statistic is computed from (ComplaintDetail::kFacts),
// without the time of the last change.
std::vector<nlohmann::json> Facts(StoreContractTest& t, Store& store) {
  (void)t;
  ComplaintScan scan;
  scan.limit = 500;
  scan.detail = ComplaintDetail::kFacts;
  auto complaints = store.complaints().ScanComplaints({}, scan);
  EXPECT_TRUE(complaints.ok()) << ErrorText(complaints);
  std::vector<nlohmann::json> out;
  if (!complaints.ok()) return out;
  for (const Complaint& c : *complaints) {
    nlohmann::json j = ToJson(c);
    for (const char* text : {"updated_at", "summary", "description", "remedy_wanted", "contact_name",
                             "contact_email", "contact_phone", "consent_contact"})
      j.erase(text);
    out.push_back(j);
  }
  return out;
}

TEST_P(StoreContractTest, EraseSubjectLeavesNoPersonalDataWhileTheChainAndTheStatisticsStay) {
  Customer ada = AddCustomer("Ada Lovelace", "ada@example.org");
  Kit k(*store_, ctx_, clock_);
  Person p = FileEverything(*store_, ctx_, clock_, k, *this, ada);
  auto before = EverythingStored(*store_);
  const bool file_backed = !database_->DatabaseFiles().empty();
  if (file_backed) {
    ASSERT_NE(FileBytes(*database_).find("Ada Lovelace"), std::string::npos);
  }
  // Sealed in the audit trail from the start: only the live rows hold the text.
  auto entries = AllAudit();
  for (const auto& e : entries) EXPECT_EQ(e.new_value.find("sealed:1:"), std::string::npos) << "opened on read";
  ASSERT_NE(before.find("Ada Lovelace"), std::string::npos);
  const auto facts_before = Facts(*this, *store_);
  ComplaintFilter search;
  search.search = "kettle";
  ASSERT_EQ(store_->complaints().ListComplaints(search, {})->total, 1);

  WriteContext dpo{{1, "user:1 dpo@example.org"}, "GDPR Art. 17 request of 2026-03-02"};
  auto report = store_->subjects().EraseSubject(dpo, "ada@EXAMPLE.org");
  HEARKEN_ASSERT_OK(report);
  EXPECT_EQ(report->customers, std::vector<Id>{ada.id});
  EXPECT_EQ(report->complaints, (std::vector<Id>{p.filed.id, p.by_customer.id}));
  EXPECT_EQ(report->attachments, 1);
  EXPECT_EQ(report->ratings, 1);
  EXPECT_GE(report->messages, 1);
  EXPECT_EQ(report->communications, 1);  // the inbound call: their words
  EXPECT_EQ(report->keys_destroyed, 3);  // two complaints and the customer

  const std::string after = EverythingStored(*store_);
  for (const std::string& secret : Secrets()) EXPECT_EQ(after.find(secret), std::string::npos) << secret;
  // SQLite: the file itself (and its write-ahead log) holds none of it.
  const std::string file = FileBytes(*database_);
  for (const std::string& secret : Secrets()) EXPECT_EQ(file.find(secret), std::string::npos) << "file: " << secret;
  if (file_backed) {
    EXPECT_NE(file.find("Carla Complainant"), std::string::npos);
  }
  // Someone else's complaint is untouched.
  EXPECT_EQ(store_->complaints().GetComplaint(p.other.id)->intake.contact_name, "Carla Complainant");
  EXPECT_NE(after.find("Carla Complainant"), std::string::npos);

  auto verified = store_->audit().VerifyAudit();
  HEARKEN_ASSERT_OK(verified);
  EXPECT_TRUE(verified->intact) << (verified->problems.empty() ? "" : verified->problems[0].message);
  EXPECT_EQ(Facts(*this, *store_), facts_before);
  EXPECT_EQ(store_->complaints().ListComplaints(search, {})->total, 0);

  // The old values in the audit trail now read as erased; the erasure is an entry.
  auto timeline = k.Timeline(p.filed.id);
  ASSERT_FALSE(timeline.empty());
  EXPECT_EQ(nlohmann::json::parse(timeline[0].new_value)["contact_name"], "[erased]");
  EXPECT_EQ(nlohmann::json::parse(timeline[0].new_value)["state"], "received");
  auto last = AllAudit().back();
  EXPECT_EQ(last.entity_type, "subject");
  EXPECT_EQ(last.action, "erase");
  EXPECT_EQ(last.reason, "GDPR Art. 17 request of 2026-03-02");
  EXPECT_EQ(last.new_value.find("ada"), std::string::npos);

  auto exported = store_->subjects().ExportSubject("ada@example.org");
  HEARKEN_ASSERT_OK(exported);
  EXPECT_TRUE(exported->customers.empty() && exported->complaints.empty());
  EXPECT_EQ(store_->customers().GetCustomer(ada.id)->name, "[erased]");
  // Later work on the case stays possible, and keeps nothing personal.
  HEARKEN_ASSERT_OK(k.Move(p.by_customer.id, S::kAcknowledged));
  EXPECT_TRUE(store_->audit().VerifyAudit()->intact);
}

TEST_P(StoreContractTest, EraseSubjectNeedsTheSealingKeyAndAnAddress) {
  auto none = store_->subjects().EraseSubject(ctx_, "nobody@example.org");
  HEARKEN_ASSERT_OK(none);
  EXPECT_TRUE(none->complaints.empty() && none->customers.empty());
  auto bad = store_->subjects().EraseSubject(ctx_, "nobody");
  HEARKEN_EXPECT_ERROR(bad, kInvalidArgument);
  EXPECT_TRUE(NamesField(bad, "email"));
  auto keyless = database_->Open(clock_);
  HEARKEN_EXPECT_ERROR(keyless->subjects().EraseSubject(ctx_, "nobody@example.org"), kFailedPrecondition);
}

TEST_P(StoreContractTest, PersonalFieldsAreSealedInTheAuditTrailItself) {
  AddCustomer("Ada Lovelace", "ada@example.org");
  auto raw = store_->QueryRows("SELECT new_value FROM audit_entries");
  HEARKEN_ASSERT_OK(raw);
  ASSERT_EQ(raw->size(), 1u);
  EXPECT_EQ((*raw)[0][0].find("Ada Lovelace"), std::string::npos) << (*raw)[0][0];
  EXPECT_NE((*raw)[0][0].find("sealed:1:"), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(AllAudit()[0].new_value)["name"], "Ada Lovelace");
  // A store without the server key cannot open them.
  auto keyless = database_->Open(clock_);
  auto page = keyless->audit().ListAudit({}, {});
  HEARKEN_ASSERT_OK(page);
  EXPECT_EQ(nlohmann::json::parse(page->items[0].new_value)["name"], "[sealed]");
}

}  // namespace
}  // namespace hearken
