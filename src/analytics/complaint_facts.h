// The input of the complaint analysis: one ComplaintFact per complaint, the
// few fields analysis needs with the category path and segment name
// resolved, and how to read them from the store (keyset pages of
// ComplaintStore::ScanComplaints with ComplaintDetail::kFacts).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/complaint.h"
#include "core/result.h"
#include "store/store.h"

namespace hearken::analytics {

struct ComplaintFact {
  Id id = 0;
  std::string reference;
  ComplaintState state = ComplaintState::kReceived;
  Channel channel = Channel::kPortal;
  ComplaintIntake intake = ComplaintIntake::kStaff;
  std::optional<Id> category_id;
  std::string category_path;  // "" when uncategorised
  std::string product;
  std::optional<Id> segment_id;
  std::string segment_name;
  std::string site;
  std::optional<int> severity;
  TimePoint received_at{};
  std::optional<TimePoint> acknowledged_at;
  std::optional<TimePoint> responded_at;
  std::optional<TimePoint> closed_at;
  std::optional<TimePoint> ack_due_at;      // as stored
  std::optional<TimePoint> resolve_due_at;  // as stored
  std::optional<TimePoint> ack_stopped_at;
  std::optional<TimePoint> resolve_stopped_at;
  int reopen_count = 0;
  std::optional<int> rating;  // handling satisfaction 1..5
  std::string source_outcome;
  std::optional<bool> source_timely;
};

// Names by id, to resolve a complaint's category path and segment name.
struct FactLabels {
  std::map<Id, std::string> category_paths;
  std::map<Id, std::string> segment_names;
};

// The fact of `complaint` (read with kFacts or kFull); labels missing from
// `labels` are left empty.
ComplaintFact FactOf(const Complaint& complaint, const FactLabels& labels);

// Every category path and segment name in the store.
// Errors: those of the store.
Result<FactLabels> LoadFactLabels(Store& store);

// The facts of every complaint matching `filter` — less the duplicates
// merged into another case, which count there — received_at ascending
// (ties by id), read in keyset pages of `page_size`. Errors: those of the store.
Result<std::vector<ComplaintFact>> LoadComplaintFacts(Store& store, const ComplaintFilter& filter,
                                                      int page_size = 5000);

}  // namespace hearken::analytics
