#include "http/metrics.h"

#include <fmt/format.h>

namespace hearken::http {
namespace {

// Label values are route templates and methods; escape what Prometheus requires.
std::string Escape(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

void Metrics::RequestFinished(const std::string& method, const std::string& route, int status, double seconds) {
  --in_flight_;
  const std::string status_class = std::to_string(status / 100) + "xx";
  std::lock_guard lock(mutex_);
  ++requests_[{method, route, status_class}];
  Histogram& h = latency_[route];
  for (size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++h.counts[i];
  ++h.count;
  h.sum += seconds;
}

std::string Metrics::Render() const {
  std::string out;
  out += "# HELP hearken_http_requests_in_flight Requests being handled now.\n";
  out += "# TYPE hearken_http_requests_in_flight gauge\n";
  out += fmt::format("hearken_http_requests_in_flight {}\n", in_flight_.load());
  std::lock_guard lock(mutex_);
  out += "# HELP hearken_http_requests_total Requests answered, by method, route template and status class.\n";
  out += "# TYPE hearken_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    const auto& [method, route, status_class] = key;
    out += fmt::format("hearken_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
                       Escape(method), Escape(route), status_class, count);
  }
  out += "# HELP hearken_http_request_duration_seconds Time to answer a request, by route template.\n";
  out += "# TYPE hearken_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    const std::string label = Escape(route);
    for (size_t i = 0; i < kBuckets.size(); ++i)
      out += fmt::format("hearken_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", label,
                         kBuckets[i], h.counts[i]);
    out += fmt::format("hearken_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", label, h.count);
    out += fmt::format("hearken_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", label, h.sum);
    out += fmt::format("hearken_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", label, h.count);
  }
  return out;
}

}  // namespace hearken::http
