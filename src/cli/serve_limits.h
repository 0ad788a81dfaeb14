// The limits of `hearken serve` (issue 6): worker pool and queue deadline,
// connection caps, read timeouts, trusted proxies, and the rate limits of
// sign-in, the API and the public routes. Each is a flag and an environment
// variable (HEARKEN_<FLAG>, e.g. HEARKEN_MAX_CONNECTIONS); the defaults are
// the values the server had before they were configurable. The app copies
// them into http::ServerOptions.
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace hearken {

struct ServeLimits {
  int workers = 64;  // the server's default (http/server_options.h says why so many)
  int max_queued = 1024;
  int queue_deadline_ms = 2000;
  int analysis_slots = 0;  // 0: one per core
  int max_connections = 10000;
  int max_connections_per_address = 256;
  int header_timeout_ms = 10000;
  int body_timeout_ms = 60000;
  int keep_alive_timeout_ms = 60000;
  std::vector<std::string> trusted_proxies;  // CIDRs
  int api_requests_per_minute = 0;           // 0: no limit
  int public_submissions_per_hour = 10;
  int public_survey_answers_per_hour = 600;
  int public_status_requests_per_hour = 60;
  int signin_failures_per_account_address = 10;
  int signin_failures_per_address = 10;
  int signin_window_minutes = 15;
};

// Adds the flags to the `serve` subcommand.
void AddServeLimitOptions(CLI::App& serve, ServeLimits& limits);

}  // namespace hearken
