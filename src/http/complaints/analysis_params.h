// The query parameters of GET /api/v1/complaints/analysis beyond the list
// filters of complaint_filter.h: how to group (period), at which level of the
// category tree to count (category_level), how many groups to keep before
// "Other" (top) and which periods set the control limits (baseline_from,
// baseline_to). Checked at the edge; every bad one is named at once (422,
// docs/API.md "Administration, analysis and export in detail").
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "analytics/complaint_analysis.h"
#include "core/result.h"
#include "http/http_types.h"

namespace hearken::http {

// The most groups `top` may keep; top=all keeps every one.
inline constexpr std::size_t kMaxTopGroups = 100;

// The names of the parameters read here, for the route's OpenAPI entry.
const std::vector<std::string>& AnalysisParams();

// The analysis options of `request`'s query (the range and the category ids
// are the caller's to fill in):
//   period          month (default) | week
//   category_level  1 (the top level, default) .. kMaxCategoryDepth
//   top             1 .. kMaxTopGroups (default 10) or "all"
//   baseline_from, baseline_to   a period of `period`: 2025-01 or 2025-W03
// Errors: InvalidArgument naming each bad parameter.
Result<analytics::ComplaintAnalysisOptions> ParseAnalysisOptions(const HttpRequest& request);

}  // namespace hearken::http
