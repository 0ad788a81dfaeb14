// What is held about one person (GDPR Art. 15 access, Art. 20 portability)
// and its JSON document: {"subject": {"email"}, "exported_at", "customers",
// "communications", "complaints", "messages", "attachments", "ratings"},
// each record in its usual JSON form (json_codec.h, complaint_json.h).
// Filled by SubjectStore::ExportSubject (store/subject_store.h).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/complaint.h"
#include "core/entities.h"

namespace hearken {

struct SubjectData {
  std::string email;  // as searched: trimmed, lower-case
  std::vector<Customer> customers;
  std::vector<Communication> communications;
  std::vector<Complaint> complaints;
  std::vector<ComplaintMessage> messages;
  std::vector<Attachment> attachments;
  std::vector<HandlingRating> ratings;
};

nlohmann::json SubjectDocument(const SubjectData& data, TimePoint exported_at);

}  // namespace hearken
