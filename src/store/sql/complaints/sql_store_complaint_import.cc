// The batch import of complaints (ImportComplaints) of SqlStore: one write
// transaction for the whole batch; rows whose external_ref is already filed
// are skipped; categories are found or created by path; each complaint is
// filed by sql::InsertComplaint with its own audit entry and a fresh status
// token.
#include <map>
#include <set>

#include "core/crypto.h"
#include "core/validation.h"
#include "store/sql/complaints/category_rows.h"
#include "store/sql/complaints/complaint_rows.h"
#include "store/sql/sql_store.h"
#include "store/sql/sql_store_internal.h"

namespace hearken {

using namespace sql;

namespace {

// `error` with every field renamed "rows/<i>/<field>" (or "rows/<i>" when it
// named none).
Error ForRow(size_t i, const Error& error) {
  const std::string prefix = "rows/" + std::to_string(i);
  Error out = error;
  out.message = prefix + ": " + error.message;
  out.fields.clear();
  for (const auto& f : error.fields) out.fields.push_back({prefix + "/" + f.field, f.message});
  if (out.fields.empty()) out.fields.push_back({prefix, error.message});
  return out;
}

// Every problem of every row, before anything is written.
Status ValidateRows(const std::vector<ImportedComplaint>& rows) {
  std::vector<FieldError> problems;
  for (size_t i = 0; i < rows.size(); ++i) {
    const std::string prefix = "rows/" + std::to_string(i) + "/";
    const ImportedComplaint& row = rows[i];
    if (Status s = ValidateComplaintIntake(row.fields); !s.ok())
      for (const auto& f : s.error().fields) problems.push_back({prefix + f.field, f.message});
    if (row.category_path.size() > kMaxCategoryDepth)
      problems.push_back({prefix + "category_path",
                          "may have at most " + std::to_string(kMaxCategoryDepth) + " levels"});
    for (size_t j = 0; j < row.category_path.size(); ++j)
      if (Status s = ValidateCategoryName(row.category_path[j]); !s.ok())
        problems.push_back({prefix + "category_path/" + std::to_string(j), s.error().message});
    if (row.response)
      if (Status s = ValidateResponse(*row.response); !s.ok())
        for (const auto& f : s.error().fields) problems.push_back({prefix + "response/" + f.field, f.message});
    if (row.severity && (*row.severity < kMinSeverity || *row.severity > kMaxSeverity))
      problems.push_back({prefix + "severity", "must be from " + std::to_string(kMinSeverity) + " to " +
                                                   std::to_string(kMaxSeverity)});
    const TimePoint received = row.fields.received_at.value_or(TimePoint::min());
    if (row.responded_at && (!row.closed_at || *row.responded_at < received || *row.responded_at > *row.closed_at))
      problems.push_back({prefix + "responded_at", "needs closed_at and lies between received_at and closed_at"});
    if (row.reopen_count < 0 || row.reopen_count > 1000 || (row.reopen_count > 0 && !row.closed_at))
      problems.push_back({prefix + "reopen_count", "must be 0..1000, and 0 unless the case is closed"});
    if (row.rating) {
      if (!row.closed_at || row.rating->rated_at < *row.closed_at)
        problems.push_back({prefix + "rating", "needs closed_at and is given at or after it"});
      else if (Status s = ValidateRating(row.rating->score, row.rating->comment); !s.ok())
        problems.push_back({prefix + "rating", s.error().message});
    }
    if (!IsCleanUtf8(row.source_outcome) || row.source_outcome.size() > kMaxNameLength)
      problems.push_back({prefix + "source_outcome",
                          "must be valid text of at most " + std::to_string(kMaxNameLength) + " bytes"});
  }
  if (problems.empty()) return Status::Ok();
  std::string message = "the import has " + std::to_string(problems.size()) + " invalid field(s); first: " +
                        problems[0].field + ": " + problems[0].message;
  return Error::InvalidArgument(std::move(message), std::move(problems));
}

}  // namespace

Result<ImportReport> SqlStore::ImportComplaints(const WriteContext& ctx, const std::vector<ImportedComplaint>& rows) {
  if (Status s = ValidateRows(rows); !s.ok()) return s.error();
  return Write<ImportReport>([&](SqlConnection& db, TimePoint now) -> Result<ImportReport> {
    ImportReport report;
    auto settings = LoadComplaintSettings(db);
    if (!settings.ok()) return settings.error();
    std::map<std::string, Id> category_cache;
    std::set<std::string> seen_refs;  // within this batch
    for (size_t i = 0; i < rows.size(); ++i) {
      const ImportedComplaint& row = rows[i];
      ComplaintIntakeFields fields = row.fields;
      if (!fields.external_ref.empty()) {
        if (!seen_refs.insert(fields.external_ref).second) {
          ++report.skipped_duplicates;
          continue;
        }
        auto exists = QueryInt(db, "SELECT count(*) FROM complaints WHERE external_ref = ?", {fields.external_ref});
        if (!exists.ok()) return exists.error();
        if (*exists > 0) {
          ++report.skipped_duplicates;
          continue;
        }
      }
      if (!row.category_path.empty()) {
        auto category =
            FindOrCreateCategoryPath(db, now, ctx, row.category_path, category_cache, report.categories_created);
        if (!category.ok()) return ForRow(i, category.error());
        fields.category_id = *category;
      }
      ComplaintImportExtras extras{row.source_outcome, row.source_timely, row.sent_at,  row.closed_at,
                                   row.closure,        row.response ? &*row.response : nullptr,
                                   row.severity,       row.responded_at,
                                   row.reopen_count,   row.rating ? &*row.rating : nullptr};
      auto inserted = InsertComplaint(db, now, ctx, fields, HashToken(RandomToken()), *settings, &extras);
      if (!inserted.ok()) return ForRow(i, inserted.error());
      ++report.created;
    }
    return report;
  });
}

}  // namespace hearken
