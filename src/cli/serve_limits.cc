#include "cli/serve_limits.h"

#include <CLI/CLI.hpp>

namespace hearken {
namespace {

void Int(CLI::App& app, const std::string& flag, int& value, int low, int high, const std::string& env,
         const std::string& what) {
  app.add_option("--" + flag, value, what)->envname(env)->check(CLI::Range(low, high))->capture_default_str();
}

}  // namespace

void AddServeLimitOptions(CLI::App& serve, ServeLimits& l) {
  Int(serve, "workers", l.workers, 1, 256, "HEARKEN_WORKERS", "Worker threads for handlers (store, hashing)");
  Int(serve, "max-queued", l.max_queued, 1, 1000000, "HEARKEN_MAX_QUEUED",
      "Requests that may wait for a worker; beyond, 503");
  Int(serve, "queue-deadline-ms", l.queue_deadline_ms, 1, 600000, "HEARKEN_QUEUE_DEADLINE_MS",
      "Longest wait for a worker before 503 with Retry-After");
  Int(serve, "analysis-slots", l.analysis_slots, 0, 4096, "HEARKEN_ANALYSIS_SLOTS",
      "Complaint analyses running at once (0: one per core); one that cannot start within the queue deadline: 503");
  Int(serve, "max-connections", l.max_connections, 0, 1000000, "HEARKEN_MAX_CONNECTIONS",
      "Open connections at most (0: no cap)");
  Int(serve, "max-connections-per-address", l.max_connections_per_address, 0, 1000000,
      "HEARKEN_MAX_CONNECTIONS_PER_ADDRESS", "Open connections from one client address (0: no cap)");
  Int(serve, "header-timeout-ms", l.header_timeout_ms, 100, 600000, "HEARKEN_HEADER_TIMEOUT_MS",
      "A request head must arrive within this");
  Int(serve, "body-timeout-ms", l.body_timeout_ms, 100, 3600000, "HEARKEN_BODY_TIMEOUT_MS",
      "A request body must arrive within this");
  Int(serve, "keep-alive-timeout-ms", l.keep_alive_timeout_ms, 100, 3600000, "HEARKEN_KEEP_ALIVE_TIMEOUT_MS",
      "An idle keep-alive connection is closed after this");
  serve.add_option("--trusted-proxy", l.trusted_proxies,
                   "CIDR of a reverse proxy whose X-Forwarded-For / Forwarded name the client (repeatable)")
      ->envname("HEARKEN_TRUSTED_PROXY")
      ->delimiter(',');
  Int(serve, "api-requests-per-minute", l.api_requests_per_minute, 0, 10000000, "HEARKEN_API_REQUESTS_PER_MINUTE",
      "Requests a minute to /api/ per client address (0: no limit)");
  Int(serve, "public-submissions-per-hour", l.public_submissions_per_hour, 0, 10000000,
      "HEARKEN_PUBLIC_SUBMISSIONS_PER_HOUR", "Complaint form submissions an hour per client address (0: no limit)");
  Int(serve, "public-survey-answers-per-hour", l.public_survey_answers_per_hour, 0, 100000000,
      "HEARKEN_PUBLIC_SURVEY_ANSWERS_PER_HOUR", "Survey answers through public links an hour per client address (0: no limit)");
  Int(serve, "public-status-requests-per-hour", l.public_status_requests_per_hour, 0, 10000000,
      "HEARKEN_PUBLIC_STATUS_REQUESTS_PER_HOUR",
      "Status-page and rating-link requests an hour per client address (0: no limit)");
  Int(serve, "signin-failures-per-account-address", l.signin_failures_per_account_address, 0, 1000000,
      "HEARKEN_SIGNIN_FAILURES_PER_ACCOUNT_ADDRESS", "Failed sign-ins for one account from one address per window");
  Int(serve, "signin-failures-per-address", l.signin_failures_per_address, 0, 1000000,
      "HEARKEN_SIGNIN_FAILURES_PER_ADDRESS", "Failed sign-ins from one address per window");
  Int(serve, "signin-window-minutes", l.signin_window_minutes, 1, 10080, "HEARKEN_SIGNIN_WINDOW_MINUTES",
      "The rolling window of the sign-in limits");
}

}  // namespace hearken
