// SLA notices per recipient of SqlStore (issue 6, "Writes that are whole"):
// which staff addresses already got a notice about one run of a complaint's
// SLA clock, so that the SLA job mails only the ones still missing.
#include "core/complaint.h"
#include "store/sql/sql_store.h"
#include "store/sql/sql_store_internal.h"

namespace hearken {

using namespace sql;

namespace {

// The column holding the start of `clock`'s current run (a constant).
const char* StartedColumn(SlaClock clock) {
  return clock == SlaClock::kAcknowledge ? "ack_started_at" : "resolve_started_at";
}

std::string LowerAscii(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

}  // namespace

Status SqlStore::RecordSlaNoticeRecipient(Id id, SlaClock clock, SlaNotice notice, const std::string& recipient,
                                          TimePoint at) {
  if (recipient.empty()) return Error::InvalidField("recipient", "is required");
  return ToStatus(Write<Unit>([&](SqlConnection& db, TimePoint) -> Result<Unit> {
    // The clock's start is taken from the row itself, so the record belongs
    // to the run of the clock that is current now.
    auto inserted = db.Execute(
        std::string("INSERT INTO complaint_sla_notice_recipients "
                    "(complaint_id, clock, notice, clock_started_at, recipient, sent_at) "
                    "SELECT id, ?, ?, ") +
            StartedColumn(clock) + ", ?, ? FROM complaints WHERE id = ? ON CONFLICT DO NOTHING",
        {std::string(ToString(clock)), std::string(ToString(notice)), LowerAscii(recipient), at, id});
    if (!inserted.ok()) return inserted.error();
    if (inserted->affected == 0) {
      auto found = Exists(db, "complaints", id);
      if (!found.ok()) return found.error();
      if (!*found) return Error::NotFound("no such complaint: " + std::to_string(id));
    }
    return Unit{};
  }));
}

Result<std::vector<std::string>> SqlStore::ListSlaNoticeRecipients(Id id, SlaClock clock, SlaNotice notice) {
  return Read<std::vector<std::string>>([&](SqlConnection& db) -> Result<std::vector<std::string>> {
    auto found = Exists(db, "complaints", id);
    if (!found.ok()) return found.error();
    if (!*found) return Error::NotFound("no such complaint: " + std::to_string(id));
    auto rows = db.Execute(
        std::string("SELECT r.recipient FROM complaint_sla_notice_recipients r JOIN complaints c ON c.id = "
                    "r.complaint_id WHERE r.complaint_id = ? AND r.clock = ? AND r.notice = ? AND "
                    "r.clock_started_at = c.") +
            StartedColumn(clock) + " ORDER BY r.recipient",
        {id, std::string(ToString(clock)), std::string(ToString(notice))});
    if (!rows.ok()) return rows.error();
    std::vector<std::string> out;
    for (const auto& r : rows->rows) out.push_back(r.Text(0));
    return out;
  });
}

}  // namespace hearken
