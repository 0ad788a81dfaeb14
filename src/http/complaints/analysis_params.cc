#include "http/complaints/analysis_params.h"

#include <string_view>

#include "core/complaint.h"
#include "http/handler_util.h"

namespace hearken::http {
namespace {

// A whole number from `min` to `max`, or nullopt.
std::optional<long long> WholeNumber(const std::string& text, long long min, long long max) {
  auto value = ParseInteger(text);
  if (!value || *value < min || *value > max) return std::nullopt;
  return value;
}

}  // namespace

const std::vector<std::string>& AnalysisParams() {
  static const std::vector<std::string> kParams = {"period", "category_level", "top", "baseline_from", "baseline_to"};
  return kParams;
}

Result<analytics::ComplaintAnalysisOptions> ParseAnalysisOptions(const HttpRequest& request) {
  analytics::ComplaintAnalysisOptions options;
  std::vector<FieldError> errors;
  QueryReader q(request);
  auto given = [&q](const std::string& name) -> const std::string* {
    const std::string* raw = q.Raw(name);
    return raw && !raw->empty() ? raw : nullptr;
  };

  if (const std::string* period = given("period")) {
    if (auto parsed = analytics::ParseAnalysisPeriod(*period)) options.period = *parsed;
    else errors.push_back({"period", "must be month or week"});
  }
  if (const std::string* level = given("category_level")) {
    const auto max = static_cast<long long>(kMaxCategoryDepth);
    if (auto parsed = WholeNumber(*level, 1, max)) options.category_level = static_cast<int>(*parsed);
    else errors.push_back({"category_level", "must be a whole number from 1 (the top level) to " + std::to_string(max)});
  }
  if (const std::string* top = given("top")) {
    if (*top == "all") {
      options.top = std::nullopt;
    } else if (auto parsed = WholeNumber(*top, 1, static_cast<long long>(kMaxTopGroups))) {
      options.top = static_cast<std::size_t>(*parsed);
    } else {
      errors.push_back({"top", "must be a whole number from 1 to " + std::to_string(kMaxTopGroups) + ", or all"});
    }
  }
  const char* example = options.period == analytics::AnalysisPeriod::kMonth ? "a month such as 2025-01"
                                                                             : "an ISO week such as 2025-W03";
  for (const char* name : {"baseline_from", "baseline_to"}) {
    const std::string* key = given(name);
    if (!key) continue;
    if (!analytics::IsPeriodKey(*key, options.period)) {
      errors.push_back({name, std::string("must be ") + example + " (period=" +
                                  std::string(analytics::ToString(options.period)) + ")"});
      continue;
    }
    (std::string_view(name) == "baseline_from" ? options.baseline_from : options.baseline_to) = *key;
  }
  if (options.baseline_from && options.baseline_to && *options.baseline_to < *options.baseline_from)
    errors.push_back({"baseline_to", "must not be before baseline_from"});

  if (Status problems = FieldsError(std::move(errors)); !problems.ok()) return problems.error();
  return options;
}

}  // namespace hearken::http
