#include "analytics/complaint_facts.h"

#include <algorithm>

namespace hearken::analytics {

ComplaintFact FactOf(const Complaint& c, const FactLabels& labels) {
  ComplaintFact f;
  f.id = c.id;
  f.reference = c.reference;
  f.state = c.state;
  f.channel = c.intake.channel;
  f.intake = c.intake.intake;
  f.category_id = c.intake.category_id;
  if (f.category_id)
    if (auto it = labels.category_paths.find(*f.category_id); it != labels.category_paths.end())
      f.category_path = it->second;
  f.product = c.intake.product;
  f.segment_id = c.segment_id;
  if (f.segment_id)
    if (auto it = labels.segment_names.find(*f.segment_id); it != labels.segment_names.end())
      f.segment_name = it->second;
  f.site = c.intake.site;
  f.severity = c.severity;
  f.received_at = c.received_at;
  f.acknowledged_at = c.acknowledged_at;
  f.responded_at = c.responded_at;
  f.closed_at = c.closed_at;
  f.ack_due_at = c.ack_due_at;
  f.resolve_due_at = c.resolve_due_at;
  f.ack_stopped_at = c.ack_stopped_at;
  f.resolve_stopped_at = c.resolve_stopped_at;
  f.reopen_count = c.reopen_count;
  f.rating = c.rating;
  f.source_outcome = c.source_outcome;
  f.source_timely = c.source_timely;
  return f;
}

Result<FactLabels> LoadFactLabels(Store& store) {
  FactLabels labels;
  auto categories = store.complaint_admin().ListCategories();
  if (!categories.ok()) return categories.error();
  for (const ComplaintCategory& category : *categories) labels.category_paths[category.id] = category.path;
  ListOptions options;
  options.limit = 500;
  while (true) {
    auto page = store.customers().ListSegments("", options);
    if (!page.ok()) return page.error();
    for (const Segment& segment : page->items) labels.segment_names[segment.id] = segment.name;
    if (page->items.empty() || options.offset + static_cast<std::int64_t>(page->items.size()) >= page->total) break;
    options.offset += static_cast<int>(page->items.size());
  }
  return labels;
}

Result<std::vector<ComplaintFact>> LoadComplaintFacts(Store& store, const ComplaintFilter& wanted, int page_size) {
  // A duplicate merged into another case is that case's complaint, counted there.
  ComplaintFilter filter = wanted;
  filter.exclude_merged = true;
  auto labels = LoadFactLabels(store);
  if (!labels.ok()) return labels.error();
  std::vector<ComplaintFact> facts;
  ComplaintScan scan;
  scan.limit = page_size;
  scan.detail = ComplaintDetail::kFacts;
  while (true) {
    auto page = store.complaints().ScanComplaints(filter, scan);
    if (!page.ok()) return page.error();
    for (const Complaint& complaint : *page) facts.push_back(FactOf(complaint, *labels));
    if (static_cast<int>(page->size()) < scan.limit) break;
    scan.after_id = page->back().id;
  }
  std::stable_sort(facts.begin(), facts.end(), [](const ComplaintFact& a, const ComplaintFact& b) {
    return a.received_at < b.received_at;
  });
  return facts;
}

}  // namespace hearken::analytics
