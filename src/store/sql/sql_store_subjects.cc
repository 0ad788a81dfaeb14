// The data subject's export (GDPR Art. 15, 20) of SqlStore: the records that
// hold one e-mail address, read through the store's own methods.
#include "core/validation.h"
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
      auto page = ListCommunications({.customer_id = c.id}, options);
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

}  // namespace hearken
