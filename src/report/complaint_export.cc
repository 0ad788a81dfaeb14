#include "report/complaint_export.h"

#include <cstdint>

namespace hearken {
namespace {

Cell Text(std::string_view s) { return std::string(s); }
Cell TimeOrEmpty(const std::optional<TimePoint>& t) { return t ? Cell{*t} : Cell{}; }

Cell NameOf(const std::optional<Id>& id, const std::map<Id, std::string>& names, const char* fallback) {
  if (!id) return Cell{};
  auto it = names.find(*id);
  if (it != names.end()) return it->second;
  return std::string(fallback) + " " + std::to_string(*id);
}

std::string Remedies(const std::vector<Remedy>& remedies) {
  std::string out;
  for (std::size_t i = 0; i < remedies.size(); ++i) {
    if (i) out += "; ";
    out += ToString(remedies[i]);
  }
  return out;
}

}  // namespace

const std::vector<std::string>& ComplaintExportColumns() {
  static const std::vector<std::string> columns = {
      "reference",    "received_at",  "state",     "channel",        "intake",     "summary",  "product",
      "category",     "severity",     "priority",  "site",           "assignee",   "acknowledged_at",
      "responded_at", "closed_at",    "cause_category", "root_cause", "decision",  "remedies", "reopen_count"};
  return columns;
}

Table ComplaintExportTable(const std::vector<Complaint>& complaints, const std::map<Id, std::string>& category_paths,
                           const std::map<Id, std::string>& user_names) {
  Table table;
  table.columns = ComplaintExportColumns();
  table.rows.reserve(complaints.size());
  for (const Complaint& c : complaints) {
    // Built whole rather than grown: GCC 12 misreads a growing vector of
    // variants as -Wmaybe-uninitialized.
    std::vector<Cell> row = {
        Cell{c.reference},
        Cell{c.received_at},
        Text(ToString(c.state)),
        Text(ToString(c.intake.channel)),
        Text(ToString(c.intake.intake)),
        Cell{c.intake.summary},
        Cell{c.intake.product},
        NameOf(c.intake.category_id, category_paths, "category"),
        c.severity ? Cell{static_cast<std::int64_t>(*c.severity)} : Cell{},
        c.priority ? Text(ToString(*c.priority)) : Cell{},
        Cell{c.intake.site},
        NameOf(c.assignee_id, user_names, "user"),
        TimeOrEmpty(c.acknowledged_at),
        TimeOrEmpty(c.responded_at),
        TimeOrEmpty(c.closed_at),
        c.cause_category ? Text(ToString(*c.cause_category)) : Cell{},
        Cell{c.root_cause},
        Cell{c.decision},
        Remedies(c.remedies),
        Cell{static_cast<std::int64_t>(c.reopen_count)},
    };
    table.rows.push_back(std::move(row));
  }
  return table;
}

Table ComplaintExportTable(const std::vector<Complaint>& complaints, const std::vector<ComplaintCategory>& categories,
                           const std::map<Id, std::string>& user_names) {
  std::map<Id, std::string> paths;
  for (const auto& category : categories) paths[category.id] = category.path.empty() ? category.name : category.path;
  return ComplaintExportTable(complaints, paths, user_names);
}

}  // namespace hearken
