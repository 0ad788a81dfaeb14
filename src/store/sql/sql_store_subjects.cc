// The data subject's export (GDPR Art. 15, 20) and erasure (Art. 17) of
// SqlStore: the records that hold one e-mail address, read through the
// store's own methods; erased in one write that destroys their data keys.
#include <algorithm>

#include "core/complaint.h"
#include "core/personal_seal.h"
#include "core/validation.h"
#include "store/sql/complaints/complaint_rows.h"
#include "store/sql/sql_store.h"
#include "store/sql/sql_store_internal.h"

namespace hearken {

using namespace sql;

namespace {

std::string NormalisedEmail(const std::string& email) {
  const size_t first = email.find_first_not_of(" \t");
  const size_t last = email.find_last_not_of(" \t");
  return first == std::string::npos ? "" : AsciiLower(email.substr(first, last - first + 1));
}

// Replaces every occurrence of each needle (case-sensitive) by "[erased]".
std::string Redact(std::string text, const std::vector<std::string>& needles) {
  for (const std::string& needle : needles) {
    for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 8))
      text.replace(at, needle.size(), kErasedText);
  }
  return text;
}

// The texts a person's name, address and phone may appear in: kept at
// least 3 characters long so that erasure never rewrites common letters.
void AddNeedle(std::vector<std::string>& needles, const std::string& text) {
  if (text.size() >= 3 && text != kErasedText) needles.push_back(text);
}

}  // namespace

Result<SubjectData> SqlStore::ExportSubject(const std::string& email_in) {
  const std::string email = NormalisedEmail(email_in);
  if (!IsPlausibleEmail(email) || !IsCleanUtf8(email) || email.size() > kMaxShortTextLength)
    return Error::InvalidField("email", "must be an e-mail address");
  SubjectData data;
  data.email = email;
  auto customers = FindCustomersByEmail(email);
  if (!customers.ok()) return customers.error();
  data.customers = std::move(*customers);
  std::vector<Id> customer_ids;
  for (const Customer& c : data.customers) {
    customer_ids.push_back(c.id);
    ListOptions options;
    options.limit = 500;
    options.sort = "occurred_at";
    options.direction = SortDirection::kAscending;
    for (;;) {
      CommunicationFilter filter;
      filter.customer_id = c.id;
      auto page = ListCommunications(filter, options);
      if (!page.ok()) return page.error();
      for (auto& item : page->items) data.communications.push_back(std::move(item));
      if (static_cast<std::int64_t>(options.offset) + options.limit >= page->total || page->items.empty()) break;
      options.offset += options.limit;
    }
  }
  // The complaints filed with the address or by those customers.
  auto ids = Read<std::vector<Id>>([&](SqlConnection& db) -> Result<std::vector<Id>> {
    std::string sql = "SELECT id FROM complaints WHERE lower(contact_email) = ?";
    SqlParams params{email};
    for (Id id : customer_ids) {
      sql += " OR customer_id = ?";
      params.push_back(id);
    }
    auto rows = db.Execute(sql + " ORDER BY id", params);
    if (!rows.ok()) return rows.error();
    std::vector<Id> out;
    for (const auto& r : rows->rows) out.push_back(r.Int(0));
    return out;
  });
  if (!ids.ok()) return ids.error();
  for (Id id : *ids) {
    auto complaint = GetComplaint(id);
    if (!complaint.ok()) return complaint.error();
    data.complaints.push_back(std::move(*complaint));
    auto messages = ListComplaintMessages(id, /*include_internal=*/false);
    if (!messages.ok()) return messages.error();
    for (auto& m : *messages) data.messages.push_back(std::move(m));
    auto attachments = ListAttachments(id);
    if (!attachments.ok()) return attachments.error();
    for (auto& a : *attachments) data.attachments.push_back(std::move(a));
    auto rating = GetRating(id);
    if (rating.ok()) data.ratings.push_back(std::move(*rating));
    else if (rating.error().code != ErrorCode::kNotFound) return rating.error();
  }
  return data;
}

Result<ErasureReport> SqlStore::EraseSubject(const WriteContext& ctx, const std::string& email_in) {
  const std::string email = NormalisedEmail(email_in);
  if (!IsPlausibleEmail(email) || !IsCleanUtf8(email) || email.size() > kMaxShortTextLength)
    return Error::InvalidField("email", "must be an e-mail address");
  if (sealing_key_.empty())
    return Error::FailedPrecondition(
        "erasure needs the data-key wrapping key (key directory): without it the audit trail cannot be shredded");
  auto erased = Write<ErasureReport>([&](SqlConnection& db, TimePoint now) -> Result<ErasureReport> {
    ErasureReport report;
    std::vector<std::string> needles;
    AddNeedle(needles, email);
    auto customers = db.Execute("SELECT id, name, email, phone FROM customers WHERE email_lower = ? ORDER BY id", {email});
    if (!customers.ok()) return customers.error();
    std::string sql = "SELECT id, contact_name, contact_email, contact_phone FROM complaints WHERE lower(contact_email) = ?";
    SqlParams params{email};
    for (const auto& r : customers->rows) {
      report.customers.push_back(r.Int(0));
      for (size_t i = 1; i <= 3; ++i) AddNeedle(needles, r.Text(i));
      sql += " OR customer_id = ?";
      params.push_back(r.Int(0));
    }
    auto complaints = db.Execute(sql + " ORDER BY id", params);
    if (!complaints.ok()) return complaints.error();
    for (const auto& r : complaints->rows) {
      report.complaints.push_back(r.Int(0));
      for (size_t i = 1; i <= 3; ++i) AddNeedle(needles, r.Text(i));
    }
    // Longest first, so that "Ada Lovelace" goes before "Ada".
    std::sort(needles.begin(), needles.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    const std::string from_complainant(ToString(MessageKind::kFromComplainant));
    std::vector<std::string> owners;

    for (Id id : report.complaints) {
      owners.push_back("complaint:" + std::to_string(id));
      auto row = db.Execute(
          "UPDATE complaints SET contact_name = ?, contact_email = '', contact_phone = '', consent_contact = ?, "
          "summary = ?, description = ?, remedy_wanted = '', updated_at = ? WHERE id = ?",
          {std::string(kErasedText), false, std::string(kErasedText), std::string(kErasedText), now, id});
      if (!row.ok()) return row.error();
      auto messages = db.Execute("SELECT id, kind, subject, body, author FROM complaint_messages WHERE complaint_id = ?", {id});
      if (!messages.ok()) return messages.error();
      for (const auto& m : messages->rows) {
        const bool theirs = m.Text(1) == from_complainant;
        std::string subject = theirs ? "" : Redact(m.Text(2), needles);
        std::string body = theirs ? kErasedText : Redact(m.Text(3), needles);
        std::string author = theirs ? kErasedText : Redact(m.Text(4), needles);
        if (subject == m.Text(2) && body == m.Text(3) && author == m.Text(4)) continue;
        auto changed = db.Execute("UPDATE complaint_messages SET subject = ?, body = ?, author = ? WHERE id = ?",
                                  {subject, body, author, m.Int(0)});
        if (!changed.ok()) return changed.error();
        ++report.messages;
      }
      auto attachments = db.Execute(
          "UPDATE complaint_attachments SET filename = ?, content = '', blake2b = '' WHERE complaint_id = ?",
          {std::string(kErasedText), id});
      if (!attachments.ok()) return attachments.error();
      report.attachments += attachments->affected;
      auto rating = db.Execute("UPDATE handling_ratings SET comment = ? WHERE complaint_id = ? AND comment <> ''",
                               {std::string(kErasedText), id});
      if (!rating.ok()) return rating.error();
      report.ratings += rating->affected;
      if (Status s = RefreshComplaintSearch(db, id); !s.ok()) return s.error();
    }
    for (Id id : report.customers) {
      owners.push_back("customer:" + std::to_string(id));
      auto row = db.Execute(
          "UPDATE customers SET name = ?, email = '', email_lower = NULL, phone = '', updated_at = ? WHERE id = ?",
          {std::string(kErasedText), now, id});
      if (!row.ok()) return row.error();
      auto comms = db.Execute("SELECT id, direction, subject, body FROM communications WHERE customer_id = ?", {id});
      if (!comms.ok()) return comms.error();
      for (const auto& m : comms->rows) {
        const bool theirs = m.Text(1) == std::string(ToString(Direction::kInbound));
        std::string subject = theirs ? kErasedText : Redact(m.Text(2), needles);
        std::string body = theirs ? kErasedText : Redact(m.Text(3), needles);
        if (subject == m.Text(2) && body == m.Text(3)) continue;
        auto changed = db.Execute("UPDATE communications SET subject = ?, body = ?, updated_at = ? WHERE id = ?",
                                  {subject, body, now, m.Int(0)});
        if (!changed.ok()) return changed.error();
        ++report.communications;
      }
    }
    // Their feedback (schema 17): by the e-mail given on the form or their
    // customer record; its audit values went under the customer's key.
    std::string feedback_sql = "SELECT id FROM feedback_items WHERE lower(contact_email) = ?";
    SqlParams feedback_params{email};
    for (Id id : report.customers) {
      feedback_sql += " OR customer_id = ?";
      feedback_params.push_back(id);
    }
    auto feedback = db.Execute(feedback_sql, feedback_params);
    if (!feedback.ok()) return feedback.error();
    for (const auto& r : feedback->rows) {
      auto blanked = db.Execute("UPDATE feedback_items SET text = ?, contact_email = '' WHERE id = ?",
                                {std::string(kErasedText), r.Int(0)});
      if (!blanked.ok()) return blanked.error();
      auto handle = db.Execute("UPDATE social_mentions SET author_handle = '', url = '' WHERE feedback_id = ?", {r.Int(0)});
      if (!handle.ok()) return handle.error();
      ++report.feedback_items;
    }
    for (const std::string& owner : owners) {
      auto destroyed = db.Execute(
          "UPDATE data_keys SET wrapped_key = NULL, destroyed_at = ? WHERE owner = ? AND wrapped_key IS NOT NULL",
          {now, owner});
      if (!destroyed.ok()) return destroyed.error();
      report.keys_destroyed += destroyed->affected;
    }
    if (db.dialect() == SqlDialect::kSqlite && !report.complaints.empty()) {
      // Merges the index segments, so that the erased words leave it.
      auto merged = db.Execute("INSERT INTO complaint_fts (complaint_fts) VALUES ('optimize')");
      if (!merged.ok()) return merged.error();
    }
    nlohmann::json summary{{"customers", report.customers},       {"complaints", report.complaints},
                           {"communications", report.communications}, {"messages", report.messages},
                           {"attachments", report.attachments},   {"ratings", report.ratings},
                           {"keys_destroyed", report.keys_destroyed}, {"feedback_items", report.feedback_items}};
    if (Status s = AppendAudit(db, now, ctx, {"subject", "erasure", "erase", "", JsonText(summary), {}, {}}); !s.ok())
      return s.error();
    return report;
  });
  if (!erased.ok()) return erased.error();
  if (pool_->dialect() == SqlDialect::kSqlite) {
    // The old pages leave the write-ahead log too.
    auto checkpointed = Read<Unit>([](SqlConnection& db) -> Result<Unit> {
      auto done = db.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
      if (!done.ok()) return done.error();
      return Unit{};
    }, SqlAccess::kWrite);
    if (!checkpointed.ok()) return checkpointed.error();
  }
  return erased;
}

}  // namespace hearken
