// Complaints of SqlStore handled several at once (issue 7, "Daily-work
// essentials"): a bulk assignment and a bulk move, each all or none in one
// transaction, and the merge of a duplicate into the case that carries on.
#include <set>

#include <nlohmann/json.hpp>

#include "store/sql/complaints/complaint_row_codec.h"
#include "store/sql/complaints/complaint_rows.h"
#include "store/sql/sql_store.h"
#include "store/sql/sql_store_internal.h"

namespace hearken {

using namespace sql;

namespace {

using Json = nlohmann::json;

Status CheckIds(const std::vector<Id>& ids) {
  if (ids.empty()) return Error::InvalidField("ids", "must name at least one complaint");
  if (ids.size() > kMaxBulkComplaints)
    return Error::InvalidField("ids", "names " + std::to_string(ids.size()) + " complaints; at most " +
                                          std::to_string(kMaxBulkComplaints) + " are handled at once");
  std::set<Id> seen;
  for (size_t i = 0; i < ids.size(); ++i)
    if (!seen.insert(ids[i]).second)
      return Error::InvalidField("ids/" + std::to_string(i), "names complaint " + std::to_string(ids[i]) + " twice");
  return Status::Ok();
}

// The error of one complaint of a bulk action, naming it: "ids/<i>" as a
// field (besides the request fields it names, such as "reason"), and by its
// reference in the message, which is what a person reads. A complaint that does not exist is an invalid
// item of the request rather than a missing resource.
Error ForItem(Error e, size_t index, Id id, const std::string& reference) {
  const std::string at = "ids/" + std::to_string(index);
  const std::string who = reference.empty() ? "complaint " + std::to_string(id) : reference;
  if (e.code == ErrorCode::kNotFound) return Error::InvalidField(at, "no such complaint: " + std::to_string(id));
  e.fields.insert(e.fields.begin(), FieldError{at, who + ": " + e.message});
  e.message = who + ": " + e.message;
  return e;
}

std::string Trimmed(const std::string& text) {
  const char* kSpace = " \t\r\n";
  const size_t begin = text.find_first_not_of(kSpace);
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(kSpace) - begin + 1);
}

std::string ReferenceOf(SqlConnection& db, Id id) {
  auto c = LoadComplaint(db, id);
  return c.ok() ? c->reference : "";
}

}  // namespace

Result<std::vector<Complaint>> SqlStore::AssignComplaints(const WriteContext& ctx, const std::vector<Id>& ids,
                                                          std::optional<Id> assignee_id) {
  if (Status s = CheckIds(ids); !s.ok()) return s.error();
  return Write<std::vector<Complaint>>([&](SqlConnection& db, TimePoint now) -> Result<std::vector<Complaint>> {
    if (Status s = CheckAssignee(db, assignee_id); !s.ok()) {
      Error e = s.error();
      if (e.fields.empty()) e.fields.push_back({"assignee_id", e.message});
      return e;
    }
    std::vector<Complaint> out;
    for (size_t i = 0; i < ids.size(); ++i) {
      auto done = AssignInTransaction(db, now, ctx, ids[i], assignee_id);
      if (!done.ok()) return ForItem(done.error(), i, ids[i], ReferenceOf(db, ids[i]));
      out.push_back(std::move(*done));
    }
    return out;
  });
}

Result<std::vector<Complaint>> SqlStore::TransitionComplaints(const WriteContext& ctx, const std::vector<Id>& ids,
                                                              const ComplaintMove& move) {
  if (Status s = CheckIds(ids); !s.ok()) return s.error();
  if (Status s = RefuseDuplicateClosure(move); !s.ok()) return s.error();
  return Write<std::vector<Complaint>>([&](SqlConnection& db, TimePoint now) -> Result<std::vector<Complaint>> {
    std::vector<Complaint> out;
    for (size_t i = 0; i < ids.size(); ++i) {
      auto done = TransitionInTransaction(db, now, ctx, ids[i], move);
      if (!done.ok()) return ForItem(done.error(), i, ids[i], ReferenceOf(db, ids[i]));
      out.push_back(std::move(*done));
    }
    return out;
  });
}

Result<Complaint> SqlStore::MergeComplaint(const WriteContext& ctx, Id duplicate_id, Id into_id,
                                           const std::string& reason) {
  if (duplicate_id == into_id) return Error::InvalidField("into", "must be another complaint than the duplicate");
  if (Trimmed(reason).empty())
    return Error::InvalidField("reason", "is required: say why the cases are the same");
  return Write<Complaint>([&](SqlConnection& db, TimePoint now) -> Result<Complaint> {
    auto into = LoadComplaint(db, into_id);
    if (!into.ok()) return into.error();
    auto duplicate = LoadComplaint(db, duplicate_id);
    if (!duplicate.ok()) return duplicate.error();
    if (into->state == ComplaintState::kWithdrawn)
      return Error{ErrorCode::kFailedPrecondition, into->reference + " was withdrawn: merge into a case that carries on",
                   {{"into", "was withdrawn"}}};
    if (into->merged_into_id)
      return Error{ErrorCode::kFailedPrecondition,
                   into->reference + " is itself a duplicate: merge into the case it was merged into",
                   {{"into", "is itself merged into another case"}}};
    ComplaintMove move{ComplaintState::kClosed, "Duplicate of " + into->reference + ": " + Trimmed(reason),
                       ClosureKind::kDuplicate};
    auto closed = TransitionInTransaction(db, now, ctx, duplicate_id, move);
    if (!closed.ok()) return closed.error();
    auto linked = db.Execute("UPDATE complaints SET merged_into_id = ? WHERE id = ?", {into_id, duplicate_id});
    if (!linked.ok()) return linked.error();
    // Duplicates of the duplicate follow it, so every one names the case that carries on.
    auto followers = db.Execute("SELECT id FROM complaints WHERE merged_into_id = ?", {duplicate_id});
    if (!followers.ok()) return followers.error();
    Json moved = Json::array();
    for (const auto& row : followers->rows) moved.push_back(row.Int(0));
    auto repointed = db.Execute("UPDATE complaints SET merged_into_id = ? WHERE merged_into_id = ?",
                                {into_id, duplicate_id});
    if (!repointed.ok()) return repointed.error();

    AuditRecord out{"complaint", std::to_string(duplicate_id), "merge", "",
                    JsonText(Json{{"merged_into_id", into_id}, {"merged_into", into->reference}}),
                    duplicate->intake.customer_id};
    out.complaint_id = duplicate_id;
    if (Status s = AppendAudit(db, now, ctx, out); !s.ok()) return s.error();
    AuditRecord in{"complaint", std::to_string(into_id), "merge_in", "",
                   JsonText(Json{{"duplicate_id", duplicate_id},
                                 {"duplicate", duplicate->reference},
                                 {"also_moved", moved}}),
                   into->intake.customer_id};
    in.complaint_id = into_id;
    if (Status s = AppendAudit(db, now, ctx, in); !s.ok()) return s.error();
    auto touched = db.Execute("UPDATE complaints SET updated_at = ? WHERE id = ?", {now, into_id});
    if (!touched.ok()) return touched.error();
    return LoadComplaint(db, duplicate_id);
  });
}

}  // namespace hearken
