#include "core/subject_json.h"

#include "core/complaint_json.h"
#include "core/json_codec.h"
#include "core/time_format.h"

namespace hearken {
namespace {

template <typename T>
nlohmann::json Array(const std::vector<T>& items) {
  nlohmann::json out = nlohmann::json::array();
  for (const T& item : items) out.push_back(ToJson(item));
  return out;
}

}  // namespace

nlohmann::json SubjectDocument(const SubjectData& d, TimePoint exported_at) {
  return {{"subject", {{"email", d.email}}},
          {"exported_at", FormatTimestamp(exported_at)},
          {"customers", Array(d.customers)},
          {"communications", Array(d.communications)},
          {"complaints", Array(d.complaints)},
          {"messages", Array(d.messages)},
          {"attachments", Array(d.attachments)},
          {"ratings", Array(d.ratings)}};
}

}  // namespace hearken
