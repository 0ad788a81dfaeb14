// Hearken's metric map of a survey version: which question carries the Net
// Promoter Score, customer satisfaction (CSAT), customer effort (CES), the
// overall rating and its drivers, so analysis can compute the scores and
// trace them across versions. Also says where a new version would break a
// metric's time series.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "core/survey/survey_definition.h"

namespace hearken::survey {

struct MetricMap {
  std::optional<std::string> nps;   // a rating question from 0 to 10
  std::optional<std::string> csat;  // a rating question from 1 to 5 or 1 to 7
  int csat_scale = 5;               // 5 or 7, from the CSAT question's range
  std::optional<std::string> ces;   // a rating question from 1 to 7
  std::optional<std::string> overall;  // a rating question on a whole-number scale
  std::vector<std::string> drivers;    // rating or choice questions, distinct, not the overall
  bool operator==(const MetricMap&) const = default;
};

// Reads `map` ({"nps": "q1", "csat": "q2", "ces": "q3", "overall": "q4",
// "drivers": ["q5", "q6"]}, every key optional; null counts as absent)
// against `def`. A metric's question must be a rating whose values are the
// whole numbers of its range by step 1; a driver a rating question on such a
// scale too (driver analysis regresses the overall rating on the drivers).
// Errors: InvalidArgument naming every problem as a field: "metric_map" when
// it is not an object, "metric_map/<key>" for an unknown key, a value that is
// not a question name ("must be the name of a question"), a name that "names
// no question of the survey", or a question of the wrong kind ("must be a
// rating question from 0 to 10", "... from 1 to 5 or from 1 to 7", "... from
// 1 to 7"); "metric_map/drivers/<i>" for a driver that is repeated or is the
// overall question.
Result<MetricMap> ParseMetricMap(const nlohmann::json& map, const Definition& def);

// The JSON form ParseMetricMap reads (absent metrics left out; "drivers"
// always present, possibly empty).
nlohmann::json MetricMapToJson(const MetricMap& map);

// Sentences, one per break, saying where `after` (a new version of the
// survey) stops being comparable with `before` for a metric: a metric
// question renamed, removed or added, its scale changed, the NPS, CSAT or CES
// question's title changed in the default locale, a driver added or removed,
// or a driver's values changed. Empty when every metric's series continues.
std::vector<std::string> SeriesBreaks(const Definition& before, const MetricMap& before_map, const Definition& after,
                                      const MetricMap& after_map);

}  // namespace hearken::survey
