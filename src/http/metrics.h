// Request metrics in the Prometheus text format (/metrics): request counts
// by method, route template and status class, a latency histogram by route
// template, and the number of requests in flight. Thread-safe.
#pragma once

#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace hearken::http {

class Metrics {
 public:
  void RequestStarted() { ++in_flight_; }
  // Records a finished request; `route` is the template ("/api/v1/customers/{id}"),
  // or "static" / "unmatched".
  void RequestFinished(const std::string& method, const std::string& route, int status, double seconds);
  int InFlight() const { return in_flight_.load(); }
  // The exposition text (text/plain; version=0.0.4).
  std::string Render() const;

 private:
  static constexpr std::array<double, 11> kBuckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                   0.1,   0.25,   0.5,   1.0,  5.0};
  struct Histogram {
    std::array<long long, kBuckets.size()> counts{};
    long long count = 0;
    double sum = 0;
  };
  std::atomic<int> in_flight_{0};
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, std::string>, long long> requests_;  // method, route, class
  std::map<std::string, Histogram> latency_;
};

}  // namespace hearken::http
